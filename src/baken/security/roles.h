// Roles, purposes, sensitivity classes, actions and resources: the vocabulary of the policy.
//
// Each enum has a stable code name (lower snake case, used in the database, the API and the audit
// log; never change one) and a Dutch display name for people. Parsing accepts code names only and
// returns kInvalidArgument with a Dutch message for anything else. All functions are pure and
// thread-safe.
#pragma once

#include <array>
#include <string_view>

#include "baken/base/status.h"

namespace baken::security {

enum class Role {
  kResident,                 // bewoner, ondernemer, bezoeker
  kBoa,                      // buitengewoon opsporingsambtenaar
  kToezichthouder,           // toezichthouder / handhaver
  kGebiedsmanager,           // gebiedsmanager veiligheid
  kAnalist,                  // analist / beleidsmedewerker Veiligheid
  kCoordinatorMensenhandel,  // coordinator mensenhandel
  kZorgpartner,              // zorgcoördinator of zorgpartner
  kPolitie,                  // wijkagent in een koppel
  kRiec,                     // RIEC / ondermijningsteam
  kRaadslid,                 // gemeenteraadslid
  kBeheerder,                // functioneel beheerder
  kAuditor,                  // privacy officer / FG / auditor
};

// Doelbinding: why data is processed (AVG art. 5 lid 1 b).
enum class Purpose {
  kMeldingAfhandelen,   // handling a melding
  kToezichtHandhaving,  // supervision and enforcement
  kAnalyse,             // analysis, pseudonymised
  kZorgcoordinatie,     // care coordination
  kVerantwoording,      // accountability, aggregated only
  kBeheer,              // administration
};

// Ordered: a higher class is more sensitive.
enum class Sensitivity {
  kPublic,
  kInternal,
  kConfidential,
  kSpecial,  // bijzondere / strafrechtelijke persoonsgegevens (AVG art. 9 en 10)
};

enum class Action {
  kRead,
  kCreate,
  kUpdate,
  kDelete,
  kExport,
  kReadPersonalData,  // see names, contact details, free text about persons unmasked
  kAdminister,        // manage users, roles, categories, keys
};

// What kind of thing is accessed. Case data is everything about a melding, signal or case.
enum class Resource {
  kCaseData,       // meldingen, signalen, zaken, dossiers
  kAggregates,     // counts and indicators without persons
  kReferenceData,  // categories, areas, departments, templates
  kUserAdmin,      // accounts, roles, API keys
  kAuditLog,       // the audit log itself
};

inline constexpr std::array kAllRoles = {
    Role::kResident,       Role::kBoa,       Role::kToezichthouder,
    Role::kGebiedsmanager, Role::kAnalist,   Role::kCoordinatorMensenhandel,
    Role::kZorgpartner,    Role::kPolitie,   Role::kRiec,
    Role::kRaadslid,       Role::kBeheerder, Role::kAuditor};
inline constexpr std::array kAllPurposes = {
    Purpose::kMeldingAfhandelen, Purpose::kToezichtHandhaving, Purpose::kAnalyse,
    Purpose::kZorgcoordinatie,   Purpose::kVerantwoording,     Purpose::kBeheer};
inline constexpr std::array kAllSensitivities = {Sensitivity::kPublic, Sensitivity::kInternal,
                                                 Sensitivity::kConfidential, Sensitivity::kSpecial};
inline constexpr std::array kAllActions = {
    Action::kRead,   Action::kCreate,           Action::kUpdate,    Action::kDelete,
    Action::kExport, Action::kReadPersonalData, Action::kAdminister};
inline constexpr std::array kAllResources = {Resource::kCaseData, Resource::kAggregates,
                                             Resource::kReferenceData, Resource::kUserAdmin,
                                             Resource::kAuditLog};

// Stable code names, e.g. "coordinator_mensenhandel", "melding_afhandelen", "special".
std::string_view RoleCode(Role role);
std::string_view PurposeCode(Purpose purpose);
std::string_view SensitivityCode(Sensitivity sensitivity);
std::string_view ActionCode(Action action);
std::string_view ResourceCode(Resource resource);

// Dutch display names, e.g. "Coördinator mensenhandel", "Melding afhandelen", "Bijzonder".
std::string_view RoleName(Role role);
std::string_view PurposeName(Purpose purpose);
std::string_view SensitivityName(Sensitivity sensitivity);
std::string_view ActionName(Action action);
std::string_view ResourceName(Resource resource);

// Inverse of the *Code functions.
StatusOr<Role> ParseRole(std::string_view code);
StatusOr<Purpose> ParsePurpose(std::string_view code);
StatusOr<Sensitivity> ParseSensitivity(std::string_view code);
StatusOr<Action> ParseAction(std::string_view code);

}  // namespace baken::security
