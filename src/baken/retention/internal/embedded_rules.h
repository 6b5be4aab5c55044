// Internal to retention: the shipped rules file (data/retention/groningen.json), compiled in by
// embed_rules.cmake so `baken` needs no data files beside it.
#pragma once

#include <string_view>

namespace baken::retention::internal {

std::string_view EmbeddedRulesJson();

}  // namespace baken::retention::internal
