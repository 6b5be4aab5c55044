// The taxonomy and routing rules shipped with Baken (data/categories/groningen.json and
// data/routing/groningen.json), compiled in so the program needs no data files beside it.
#pragma once

#include <string_view>

namespace baken::signals {

std::string_view DefaultTaxonomyJson();
std::string_view DefaultRoutingJson();

}  // namespace baken::signals
