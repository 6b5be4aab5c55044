// The four-eyes answer shared by the routes whose change needs a second person (ADR 0011): the
// change is recorded as pending (security::PendingChanges, audited) and the route answers 202
// Accepted with it, so the proposer sees that it waits for a second person. Thread-safe.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "baken/api/auth.h"

namespace baken::api::internal {

// What the proposer reads: "Wacht op goedkeuring door een tweede persoon."
inline constexpr std::string_view kAwaitingSecondPerson =
    "Wacht op goedkeuring door een tweede persoon.";

// {"id", "soort", "doel", "samenvatting", "inhoud", "ingediend_door", "ingediend_op", "status",
//  "beslist_door", "beslist_op", "notitie"}.
nlohmann::json PendingChangeJson(const security::PendingChange& change);

security::ChangeActor ChangeActorOf(const Caller& caller, const Request& request);

// Records the proposal and answers 202 {"wijziging": ..., "melding": kAwaitingSecondPerson}.
StatusOr<Response> ProposeChange(SecurityServices& services, const Request& request,
                                 const Caller& caller, std::string_view kind,
                                 std::string_view target, std::string_view summary,
                                 const nlohmann::json& payload);

}  // namespace baken::api::internal
