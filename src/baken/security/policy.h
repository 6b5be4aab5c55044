// The access policy: who may do what, with which data, for which purpose. One function decides.
//
// Decide() looks the request up in one grant table (internal/policy_table.cc), the only place where
// rights are written down; RenderSecurityModelMarkdown() prints that same table for the privacy
// officer (docs/security-model.md is its output, checked by a test). Rules, in order:
//   1. the record's tenant must be the principal's tenant;
//   2. the role must hold a grant for (purpose, resource) that includes the action;
//   3. the record's class may not exceed the grant's highest class;
//   4. confidential and special data, and administering, need a completed second factor;
//   5. department-bound grants need the record's department among the principal's departments
//      for confidential and special records;
//   6. a grant's own-department actions (a coordinator updating a programme) need the record's
//      department among the principal's departments, whatever the class; a request without a
//      record department (a route's gate, before the record is known) leaves this rule to the
//      record's own check, which the handler must make;
//   7. a grant without personal data denies kReadPersonalData and tells the caller to mask;
//   8. personal data of case data (reporter contact data is confidential, whatever the melding's
//      class) needs a second factor given in this session, or an API key that holds the explicit,
//      audited reporter-contact grant (ADR 0011); the deny carries kSecondFactorForPersonalData.
// Four eyes (ADR 0011): giving a role that sees personal or special data or administers, an API
// key with personal data, or lowering a category's sensitivity takes effect only after a second
// person approves; the *NeedsSecondPerson() functions say which changes those are.
// Deny is the default. Pure functions, thread-safe. Errors are decisions, not Statuses; Check()
// turns a deny into kPermissionDenied with the Dutch reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/security/roles.h"

namespace baken::security {

// Who is asking: an authenticated user (or an API client acting under a role).
struct Principal {
  std::string user_id;
  std::string tenant;  // CBS code of the municipality, e.g. "GM0014"
  Role role = Role::kResident;
  std::vector<std::string> departments;  // departments, teams or wijken the user works for
  bool second_factor_done = false;
  // The password was set by someone else (reset or created by an administrator): until the user
  // chooses their own, only their session routes answer.
  bool password_change_required = false;
  // An API key that was given, at creation and approved by a second person, the explicit grant to
  // see reporter contact data without a second factor (a key has none). Never set for sessions.
  bool reporter_contact_grant = false;
};

struct AccessRequest {
  Principal principal;
  Purpose purpose = Purpose::kMeldingAfhandelen;
  Action action = Action::kRead;
  Sensitivity sensitivity = Sensitivity::kInternal;
  std::string record_tenant;
  std::optional<std::string> record_department;  // unset: the record belongs to no department
  Resource resource = Resource::kCaseData;
};

struct Decision {
  bool allowed = false;
  // Personal-data fields (names, contact details, free text) must be masked before showing the
  // record; true whenever the grant excludes personal data (and for every deny).
  bool mask_personal_data = true;
  std::string reason;  // Dutch, for the user and the audit log
  // Machine-readable cause of a deny the caller can remedy, e.g. kSecondFactorForPersonalData;
  // empty otherwise.
  std::string code;
};

// Decision::code of a deny that a sign-in with the second factor would turn into an allow.
inline constexpr std::string_view kSecondFactorForPersonalData = "tweede_factor_nodig";

Decision Decide(const AccessRequest& request);

// Decide(), as a Status: ok when allowed, kPermissionDenied with the reason otherwise.
Status Check(const AccessRequest& request);

// True when the role may see confidential or special data or administer anything: such users
// must complete a second factor (TOTP) before the policy lets them.
bool RoleRequiresSecondFactor(Role role);

// True when the role holds any grant for the purpose (for menus and purpose pickers).
bool RoleMayUsePurpose(Role role, Purpose purpose);

// Four eyes: a role that sees personal data of class confidential or above, sees special data, or
// administers; giving it to an account needs a second person's approval.
bool RoleChangeNeedsSecondPerson(Role role);

// Four eyes for an account change: a new account (`from` unset) or a new role that
// RoleChangeNeedsSecondPerson(), or new departments for such a role when one of its grants is
// bound to departments (the departments then widen what the account sees).
bool AccountChangeNeedsSecondPerson(std::optional<Role> from, Role to, bool departments_changed);

// Four eyes: an API key for this role and these purposes needs a second person's approval when one
// of its grants shows personal case data or special data or administers, or when it carries the
// reporter-contact grant.
bool ApiKeyNeedsSecondPerson(Role role, const std::vector<Purpose>& purposes,
                             bool reporter_contact_grant);

// Four eyes: lowering a category's sensitivity class exposes its future records to more roles.
bool SensitivityChangeNeedsSecondPerson(Sensitivity from, Sensitivity to);

// The whole model as Markdown tables (roles, purposes, classes, grants, matrix), in Dutch.
std::string RenderSecurityModelMarkdown();

}  // namespace baken::security
