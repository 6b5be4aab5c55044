#include "baken/security/policy.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace baken::security {
namespace {

Principal User(Role role, bool second_factor = true, std::vector<std::string> departments = {}) {
  return Principal{"u1", "GM0014", role, std::move(departments), second_factor};
}

AccessRequest Req(Principal p, Purpose purpose, Action action, Sensitivity s,
                  Resource resource = Resource::kCaseData,
                  std::optional<std::string> department = std::nullopt) {
  return AccessRequest{std::move(p), purpose, action, s, "GM0014", std::move(department), resource};
}

TEST(PolicyTest, OtherTenantIsDeniedEvenForTheRightRole) {
  AccessRequest r = Req(User(Role::kCoordinatorMensenhandel), Purpose::kZorgcoordinatie,
                        Action::kRead, Sensitivity::kInternal);
  r.record_tenant = "GM0034";
  Decision d = Decide(r);
  EXPECT_FALSE(d.allowed);
  EXPECT_NE(d.reason.find("andere gemeente"), std::string::npos);
  r.record_tenant = "GM0014";
  EXPECT_TRUE(Decide(r).allowed);
}

TEST(PolicyTest, RaadslidOnlyGetsAggregatesForVerantwoording) {
  EXPECT_TRUE(Decide(Req(User(Role::kRaadslid), Purpose::kVerantwoording, Action::kRead,
                         Sensitivity::kInternal, Resource::kAggregates))
                  .allowed);
  Decision d = Decide(
      Req(User(Role::kRaadslid), Purpose::kMeldingAfhandelen, Action::kRead, Sensitivity::kPublic));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.reason, "Uw rol Raadslid mag niet werken voor doel Melding afhandelen");
  EXPECT_FALSE(Decide(Req(User(Role::kRaadslid), Purpose::kVerantwoording, Action::kRead,
                          Sensitivity::kPublic, Resource::kCaseData))
                   .allowed);
  for (Purpose p : kAllPurposes) {
    EXPECT_EQ(RoleMayUsePurpose(Role::kRaadslid, p), p == Purpose::kVerantwoording);
  }
}

TEST(PolicyTest, AnalistSeesPseudonymisedDataOnly) {
  Decision read = Decide(
      Req(User(Role::kAnalist), Purpose::kAnalyse, Action::kRead, Sensitivity::kConfidential));
  EXPECT_TRUE(read.allowed);
  EXPECT_TRUE(read.mask_personal_data);
  Decision personal = Decide(Req(User(Role::kAnalist), Purpose::kAnalyse, Action::kReadPersonalData,
                                 Sensitivity::kInternal));
  EXPECT_FALSE(personal.allowed);
  EXPECT_EQ(personal.reason,
            "Uw rol Analist mag bij doel Analyse alleen gepseudonimiseerde gegevens zien");
  EXPECT_FALSE(
      Decide(Req(User(Role::kAnalist), Purpose::kAnalyse, Action::kRead, Sensitivity::kSpecial))
          .allowed);
}

TEST(PolicyTest, SpecialDataOnlyForCareRolesAndOnlyWithSecondFactor) {
  for (Role role : kAllRoles) {
    bool any = false;
    for (Purpose p : kAllPurposes) {
      for (Resource res : kAllResources) {
        any |= Decide(Req(User(role, true, {"zorg-noord"}), p, Action::kRead, Sensitivity::kSpecial,
                          res, std::string("zorg-noord")))
                   .allowed;
      }
    }
    SCOPED_TRACE(RoleCode(role));
    EXPECT_EQ(any, role == Role::kCoordinatorMensenhandel || role == Role::kZorgpartner);
  }
  Decision no_2fa = Decide(Req(User(Role::kCoordinatorMensenhandel, false),
                               Purpose::kZorgcoordinatie, Action::kRead, Sensitivity::kSpecial));
  EXPECT_FALSE(no_2fa.allowed);
  EXPECT_NE(no_2fa.reason.find("tweede factor"), std::string::npos);
  Decision coord = Decide(Req(User(Role::kCoordinatorMensenhandel), Purpose::kZorgcoordinatie,
                              Action::kReadPersonalData, Sensitivity::kSpecial));
  EXPECT_TRUE(coord.allowed);
  EXPECT_FALSE(coord.mask_personal_data);
}

TEST(PolicyTest, HandlersNeedTheirDepartmentForConfidentialRecords) {
  Principal boa = User(Role::kBoa, true, {"handhaving-centrum"});
  EXPECT_TRUE(Decide(Req(boa, Purpose::kToezichtHandhaving, Action::kReadPersonalData,
                         Sensitivity::kConfidential, Resource::kCaseData,
                         std::string("handhaving-centrum")))
                  .allowed);
  EXPECT_FALSE(
      Decide(Req(boa, Purpose::kToezichtHandhaving, Action::kRead, Sensitivity::kConfidential,
                 Resource::kCaseData, std::string("handhaving-zuid")))
          .allowed);
  EXPECT_FALSE(
      Decide(Req(boa, Purpose::kToezichtHandhaving, Action::kRead, Sensitivity::kConfidential))
          .allowed);
  // Internal records are shared across departments.
  EXPECT_TRUE(Decide(Req(boa, Purpose::kToezichtHandhaving, Action::kRead, Sensitivity::kInternal,
                         Resource::kCaseData, std::string("handhaving-zuid")))
                  .allowed);
  // Boa's may not export.
  EXPECT_FALSE(
      Decide(Req(boa, Purpose::kToezichtHandhaving, Action::kExport, Sensitivity::kInternal))
          .allowed);
}

TEST(PolicyTest, TheCoordinatorKeepsOnlyTheProgrammeOfTheOwnDepartment) {
  const Principal coordinator = User(Role::kCoordinatorMensenhandel, true, {"mensenhandel"});
  const auto programme = [](const Principal& p, Action action, std::optional<std::string> dep) {
    return Decide(Req(p, Purpose::kVerantwoording, action, Sensitivity::kInternal,
                      Resource::kAggregates, std::move(dep)));
  };
  EXPECT_TRUE(programme(coordinator, Action::kUpdate, "mensenhandel").allowed);
  EXPECT_TRUE(programme(coordinator, Action::kCreate, "mensenhandel").allowed);
  const Decision other = programme(coordinator, Action::kUpdate, "veiligheid");
  EXPECT_FALSE(other.allowed);
  EXPECT_EQ(other.reason,
            "Uw rol Coördinator mensenhandel mag bij doel Verantwoording alleen gegevens van de "
            "eigen afdeling wijzigen; dit hoort bij een andere afdeling");
  // A programme of no department is nobody's own.
  EXPECT_FALSE(programme(coordinator, Action::kUpdate, "").allowed);
  // Reading and exporting every programme stays allowed.
  EXPECT_TRUE(programme(coordinator, Action::kRead, "veiligheid").allowed);
  EXPECT_TRUE(programme(coordinator, Action::kExport, "veiligheid").allowed);
  // The route's gate, before the programme is known, lets the record check decide.
  EXPECT_TRUE(programme(coordinator, Action::kUpdate, std::nullopt).allowed);
  // Roles without the restriction keep every programme, whatever their departments.
  EXPECT_TRUE(programme(User(Role::kAnalist), Action::kUpdate, "mensenhandel").allowed);
  EXPECT_FALSE(programme(User(Role::kRaadslid), Action::kUpdate, "mensenhandel").allowed);
}

TEST(PolicyTest, AuditorReadsOnlyTheAuditLog) {
  EXPECT_TRUE(Decide(Req(User(Role::kAuditor), Purpose::kVerantwoording, Action::kExport,
                         Sensitivity::kConfidential, Resource::kAuditLog))
                  .allowed);
  for (Purpose p : kAllPurposes) {
    for (Resource res : kAllResources) {
      if (res == Resource::kAuditLog) continue;
      EXPECT_FALSE(
          Decide(Req(User(Role::kAuditor), p, Action::kRead, Sensitivity::kPublic, res)).allowed);
    }
  }
  for (Role role : kAllRoles) {
    if (role == Role::kAuditor) continue;
    EXPECT_FALSE(Decide(Req(User(role), Purpose::kVerantwoording, Action::kRead,
                            Sensitivity::kPublic, Resource::kAuditLog))
                     .allowed)
        << RoleCode(role);
  }
}

TEST(PolicyTest, BeheerderAdministersButReadsNoCaseData) {
  EXPECT_TRUE(Decide(Req(User(Role::kBeheerder), Purpose::kBeheer, Action::kAdminister,
                         Sensitivity::kInternal, Resource::kUserAdmin))
                  .allowed);
  EXPECT_FALSE(Decide(Req(User(Role::kBeheerder, false), Purpose::kBeheer, Action::kAdminister,
                          Sensitivity::kInternal, Resource::kUserAdmin))
                   .allowed);
  EXPECT_FALSE(Decide(Req(User(Role::kBeheerder), Purpose::kBeheer, Action::kRead,
                          Sensitivity::kInternal, Resource::kCaseData))
                   .allowed);
  EXPECT_FALSE(Decide(Req(User(Role::kBeheerder), Purpose::kBeheer, Action::kRead,
                          Sensitivity::kSpecial, Resource::kUserAdmin))
                   .allowed);
}

TEST(PolicyTest, CheckTurnsDenyIntoPermissionDenied) {
  Status s =
      Check(Req(User(Role::kResident), Purpose::kAnalyse, Action::kRead, Sensitivity::kPublic));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "Uw rol Bewoner mag niet werken voor doel Analyse");
}

TEST(PolicyTest, SecondFactorRequiredExactlyForRolesThatSeeConfidentialData) {
  EXPECT_FALSE(RoleRequiresSecondFactor(Role::kResident));
  EXPECT_FALSE(RoleRequiresSecondFactor(Role::kRaadslid));
  EXPECT_TRUE(RoleRequiresSecondFactor(Role::kBoa));
  EXPECT_TRUE(RoleRequiresSecondFactor(Role::kAnalist));
  EXPECT_TRUE(RoleRequiresSecondFactor(Role::kZorgpartner));
  EXPECT_TRUE(RoleRequiresSecondFactor(Role::kBeheerder));  // administers
  for (Role role : kAllRoles) {
    bool sees_confidential = false;
    for (Purpose p : kAllPurposes) {
      for (Resource res : kAllResources) {
        sees_confidential |= Decide(Req(User(role, true, {"d"}), p, Action::kRead,
                                        Sensitivity::kConfidential, res, std::string("d")))
                                 .allowed;
      }
    }
    if (sees_confidential) {
      EXPECT_TRUE(RoleRequiresSecondFactor(role)) << RoleCode(role);
    }
  }
}

TEST(PolicyTest, ReporterContactDataNeedsTheSecondFactorInThisSession) {
  // Finding 5: a boa who signed in with the password only read reporters on internal meldingen.
  const AccessRequest password_only =
      Req(User(Role::kBoa, false, {"toezicht"}), Purpose::kMeldingAfhandelen,
          Action::kReadPersonalData, Sensitivity::kInternal);
  Decision d = Decide(password_only);
  EXPECT_FALSE(d.allowed);
  EXPECT_TRUE(d.mask_personal_data);
  EXPECT_EQ(d.code, kSecondFactorForPersonalData);
  EXPECT_NE(d.reason.find("tweede factor"), std::string::npos);
  // The melding itself stays readable, masked.
  AccessRequest read = password_only;
  read.action = Action::kRead;
  EXPECT_TRUE(Decide(read).allowed);
  // With the second factor: shown.
  AccessRequest with_code = password_only;
  with_code.principal.second_factor_done = true;
  EXPECT_TRUE(Decide(with_code).allowed);
  EXPECT_TRUE(Decide(with_code).code.empty());
}

TEST(PolicyTest, AnApiKeySeesReporterContactDataOnlyWithTheExplicitGrant) {
  Principal key{"api:k1", "GM0014", Role::kToezichthouder, {}, false};
  AccessRequest r =
      Req(key, Purpose::kMeldingAfhandelen, Action::kReadPersonalData, Sensitivity::kInternal);
  EXPECT_FALSE(Decide(r).allowed);
  r.principal.reporter_contact_grant = true;
  EXPECT_TRUE(Decide(r).allowed);
  // The grant is no second factor: confidential records stay out of reach, and a role without
  // personal data stays pseudonymised.
  r.sensitivity = Sensitivity::kConfidential;
  EXPECT_FALSE(Decide(r).allowed);
  Principal analyst_key{"api:k2", "GM0014", Role::kAnalist, {}, false};
  analyst_key.reporter_contact_grant = true;
  EXPECT_FALSE(
      Decide(Req(analyst_key, Purpose::kAnalyse, Action::kReadPersonalData, Sensitivity::kInternal))
          .allowed);
}

TEST(PolicyTest, FourEyesForRightsToPersonalOrSpecialDataAndForAdministering) {
  // Finding 8: the beheerder made a coordinator, a toezichthouder key and a lower sensitivity.
  EXPECT_TRUE(RoleChangeNeedsSecondPerson(Role::kCoordinatorMensenhandel));
  EXPECT_TRUE(RoleChangeNeedsSecondPerson(Role::kZorgpartner));
  EXPECT_TRUE(RoleChangeNeedsSecondPerson(Role::kToezichthouder));
  EXPECT_TRUE(RoleChangeNeedsSecondPerson(Role::kBeheerder));  // could approve its own proposals
  EXPECT_FALSE(RoleChangeNeedsSecondPerson(Role::kAnalist));   // pseudonymised only
  EXPECT_FALSE(RoleChangeNeedsSecondPerson(Role::kRaadslid));

  EXPECT_TRUE(AccountChangeNeedsSecondPerson(std::nullopt, Role::kBoa, false));
  EXPECT_TRUE(
      AccountChangeNeedsSecondPerson(Role::kAnalist, Role::kCoordinatorMensenhandel, false));
  EXPECT_FALSE(
      AccountChangeNeedsSecondPerson(Role::kCoordinatorMensenhandel, Role::kAnalist, true));
  EXPECT_TRUE(AccountChangeNeedsSecondPerson(Role::kBoa, Role::kBoa, true));  // departments widen
  EXPECT_FALSE(AccountChangeNeedsSecondPerson(Role::kBeheerder, Role::kBeheerder, true));

  EXPECT_TRUE(ApiKeyNeedsSecondPerson(Role::kToezichthouder, {Purpose::kMeldingAfhandelen}, false));
  EXPECT_TRUE(ApiKeyNeedsSecondPerson(Role::kBeheerder, {Purpose::kBeheer}, false));
  EXPECT_TRUE(ApiKeyNeedsSecondPerson(Role::kAnalist, {Purpose::kAnalyse}, true));
  EXPECT_FALSE(ApiKeyNeedsSecondPerson(Role::kAnalist, {Purpose::kAnalyse}, false));
  EXPECT_FALSE(ApiKeyNeedsSecondPerson(Role::kRaadslid, {Purpose::kVerantwoording}, false));

  EXPECT_TRUE(SensitivityChangeNeedsSecondPerson(Sensitivity::kSpecial, Sensitivity::kInternal));
  EXPECT_FALSE(SensitivityChangeNeedsSecondPerson(Sensitivity::kInternal, Sensitivity::kSpecial));
  EXPECT_FALSE(SensitivityChangeNeedsSecondPerson(Sensitivity::kInternal, Sensitivity::kInternal));
}

TEST(RolesTest, CodesRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(*ParseRole(RoleCode(r)), r);
  for (Purpose p : kAllPurposes) EXPECT_EQ(*ParsePurpose(PurposeCode(p)), p);
  for (Sensitivity s : kAllSensitivities) EXPECT_EQ(*ParseSensitivity(SensitivityCode(s)), s);
  for (Action a : kAllActions) EXPECT_EQ(*ParseAction(ActionCode(a)), a);
  StatusOr<Role> bad = ParseRole("koning");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "Onbekende rol: 'koning'");
}

TEST(SecurityModelDocTest, NamesEveryRoleAndPurpose) {
  const std::string md = RenderSecurityModelMarkdown();
  for (Role r : kAllRoles) EXPECT_NE(md.find("| " + std::string(RoleName(r)) + " |"), md.npos);
  for (Purpose p : kAllPurposes) EXPECT_NE(md.find(std::string(PurposeName(p))), md.npos);
  for (Sensitivity s : kAllSensitivities) {
    EXPECT_NE(md.find(std::string(SensitivityName(s))), md.npos);
  }
}

TEST(SecurityModelDocTest, DocsFileEqualsRenderedModel) {
  const std::string path = std::string(BAKEN_SOURCE_DIR) + "/docs/security-model.md";
  const std::string md = RenderSecurityModelMarkdown();
  if (std::getenv("BAKEN_REGENERATE_DOCS") != nullptr) {
    std::ofstream(path, std::ios::binary) << md;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path
                  << "; run this test with BAKEN_REGENERATE_DOCS=1 to write it";
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_EQ(file.str(), md)
      << "docs/security-model.md is stale; rerun with BAKEN_REGENERATE_DOCS=1";
}

}  // namespace
}  // namespace baken::security
