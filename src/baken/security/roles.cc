#include "baken/security/roles.h"

#include <string>

namespace baken::security {
namespace {

struct Names {
  std::string_view code;
  std::string_view name;
};

// Indexed by the enum value; the static_asserts keep the tables and enums in step.
constexpr Names kRoleNames[] = {
    {"resident", "Bewoner"},
    {"boa", "Boa"},
    {"toezichthouder", "Toezichthouder"},
    {"gebiedsmanager", "Gebiedsmanager"},
    {"analist", "Analist"},
    {"coordinator_mensenhandel", "Coördinator mensenhandel"},
    {"zorgpartner", "Zorgpartner"},
    {"politie", "Politie"},
    {"riec", "RIEC"},
    {"raadslid", "Raadslid"},
    {"beheerder", "Beheerder"},
    {"auditor", "Auditor"},
};
constexpr Names kPurposeNames[] = {
    {"melding_afhandelen", "Melding afhandelen"},
    {"toezicht_handhaving", "Toezicht en handhaving"},
    {"analyse", "Analyse"},
    {"zorgcoordinatie", "Zorgcoördinatie"},
    {"verantwoording", "Verantwoording"},
    {"beheer", "Beheer"},
};
constexpr Names kSensitivityNames[] = {
    {"public", "Openbaar"},
    {"internal", "Intern"},
    {"confidential", "Vertrouwelijk"},
    {"special", "Bijzonder"},
};
constexpr Names kActionNames[] = {
    {"read", "lezen"},         {"create", "aanmaken"},
    {"update", "wijzigen"},    {"delete", "verwijderen"},
    {"export", "exporteren"},  {"read_personal_data", "persoonsgegevens inzien"},
    {"administer", "beheren"},
};
constexpr Names kResourceNames[] = {
    {"case_data", "Zaakgegevens"},
    {"aggregates", "Geaggregeerde cijfers"},
    {"reference_data", "Referentiegegevens"},
    {"user_admin", "Gebruikersbeheer"},
    {"audit_log", "Auditlog"},
};

static_assert(std::size(kRoleNames) == kAllRoles.size());
static_assert(std::size(kPurposeNames) == kAllPurposes.size());
static_assert(std::size(kSensitivityNames) == kAllSensitivities.size());
static_assert(std::size(kActionNames) == kAllActions.size());
static_assert(std::size(kResourceNames) == kAllResources.size());

template <typename E, size_t N, typename All>
StatusOr<E> Parse(std::string_view code, const Names (&names)[N], const All& all,
                  std::string_view what) {
  for (E e : all) {
    if (names[static_cast<size_t>(e)].code == code) return e;
  }
  return InvalidArgumentError("Onbekende " + std::string(what) + ": '" + std::string(code) + "'",
                              std::string(what));
}

}  // namespace

std::string_view RoleCode(Role r) {
  return kRoleNames[static_cast<size_t>(r)].code;
}
std::string_view PurposeCode(Purpose p) {
  return kPurposeNames[static_cast<size_t>(p)].code;
}
std::string_view SensitivityCode(Sensitivity s) {
  return kSensitivityNames[static_cast<size_t>(s)].code;
}
std::string_view ActionCode(Action a) {
  return kActionNames[static_cast<size_t>(a)].code;
}
std::string_view ResourceCode(Resource r) {
  return kResourceNames[static_cast<size_t>(r)].code;
}

std::string_view RoleName(Role r) {
  return kRoleNames[static_cast<size_t>(r)].name;
}
std::string_view PurposeName(Purpose p) {
  return kPurposeNames[static_cast<size_t>(p)].name;
}
std::string_view SensitivityName(Sensitivity s) {
  return kSensitivityNames[static_cast<size_t>(s)].name;
}
std::string_view ActionName(Action a) {
  return kActionNames[static_cast<size_t>(a)].name;
}
std::string_view ResourceName(Resource r) {
  return kResourceNames[static_cast<size_t>(r)].name;
}

StatusOr<Role> ParseRole(std::string_view code) {
  return Parse<Role>(code, kRoleNames, kAllRoles, "rol");
}
StatusOr<Purpose> ParsePurpose(std::string_view code) {
  return Parse<Purpose>(code, kPurposeNames, kAllPurposes, "doel");
}
StatusOr<Sensitivity> ParseSensitivity(std::string_view code) {
  return Parse<Sensitivity>(code, kSensitivityNames, kAllSensitivities, "gevoeligheid");
}
StatusOr<Action> ParseAction(std::string_view code) {
  return Parse<Action>(code, kActionNames, kAllActions, "handeling");
}

}  // namespace baken::security
