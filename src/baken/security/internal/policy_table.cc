// THE table of rights. Change rights here and nowhere else; then regenerate docs/security-model.md
// (the policy test prints the difference) and have the privacy officer review the diff.
#include "baken/security/internal/policy_table.h"

namespace baken::security::internal {
namespace {

using enum Action;
using enum Purpose;
using enum Resource;
using enum Sensitivity;

constexpr ActionSet kHandle = {kRead, kCreate, kUpdate, kReadPersonalData};
constexpr ActionSet kHandleExport = {kRead, kCreate, kUpdate, kReadPersonalData, kExport};
constexpr ActionSet kReadExport = {kRead, kExport};
constexpr ActionSet kReadOnly = {kRead};
constexpr ActionSet kAdmin = {kRead, kCreate, kUpdate, kDelete, kReadPersonalData, kAdminister};

constexpr Grant kGrants[] = {
    // Residents, businesses, visitors: report and follow their own meldingen. Whether a melding
    // is their own is checked by the signals module, not here.
    {Role::kResident,
     kMeldingAfhandelen,
     kCaseData,
     {kRead, kCreate, kReadPersonalData},
     kInternal,
     true,
     false,
     "alleen eigen meldingen"},
    {Role::kResident, kVerantwoording, kAggregates, kReadOnly, kPublic, false, false,
     "openbare cijfers"},

    // Street level: boa's, toezichthouders and police officers in a koppel.
    {Role::kBoa, kMeldingAfhandelen, kCaseData, kHandle, kConfidential, true, true, ""},
    {Role::kBoa, kToezichtHandhaving, kCaseData, kHandle, kConfidential, true, true, ""},
    {Role::kToezichthouder, kMeldingAfhandelen, kCaseData, kHandle, kConfidential, true, true, ""},
    {Role::kToezichthouder, kToezichtHandhaving, kCaseData, kHandle, kConfidential, true, true, ""},
    {Role::kPolitie, kToezichtHandhaving, kCaseData, kHandle, kConfidential, true, true,
     "gedeelde briefing en debriefing in het koppel"},

    // Gebiedsmanager: coordinates the wijk; analysis only pseudonymised.
    {Role::kGebiedsmanager, kMeldingAfhandelen, kCaseData, kHandleExport, kConfidential, true, true,
     "afdeling = eigen wijk(en)"},
    {Role::kGebiedsmanager, kAnalyse, kCaseData, kReadExport, kConfidential, false, false,
     "gepseudonimiseerd"},
    {Role::kGebiedsmanager, kAnalyse, kAggregates, kReadExport, kInternal, false, false,
     "hotspots, tijdpatronen en backtests (tellingen per cel of gebied)"},
    {Role::kGebiedsmanager,
     kVerantwoording,
     kAggregates,
     {kRead, kCreate, kUpdate, kExport},
     kInternal,
     false,
     false,
     "voortgang van programma's bijhouden"},

    // Analysts: hot spots, backtests, monitoring; never persons.
    {Role::kAnalist, kAnalyse, kCaseData, kReadExport, kConfidential, false, false,
     "gepseudonimiseerd, geen bijzondere gegevens"},
    {Role::kAnalist, kAnalyse, kAggregates, kReadExport, kInternal, false, false,
     "hotspots, tijdpatronen en backtests (tellingen per cel of gebied)"},
    {Role::kAnalist,
     kVerantwoording,
     kAggregates,
     {kRead, kCreate, kUpdate, kExport},
     kInternal,
     false,
     false,
     "voortgangsrapportages en Highlights"},

    // Mensenhandel: strictly need-to-know, the only roles that see special data.
    {Role::kCoordinatorMensenhandel, kZorgcoordinatie, kCaseData, kHandleExport, kSpecial, true,
     false, "alle signalen en zaken mensenhandel van de gemeente"},
    {Role::kCoordinatorMensenhandel, kAnalyse, kCaseData, kReadExport, kSpecial, false, false,
     "aard en omvang, gepseudonimiseerd"},
    {Role::kCoordinatorMensenhandel,
     kVerantwoording,
     kAggregates,
     {kRead, kCreate, kUpdate, kExport},
     kInternal,
     false,
     false,
     "alle programma's lezen; alleen die van de eigen afdeling bijhouden (Actieprogramma "
     "Mensenhandel)",
     {kCreate, kUpdate}},
    {Role::kZorgpartner, kZorgcoordinatie, kCaseData, kHandle, kSpecial, true, true,
     "afdeling = eigen zorgorganisatie"},

    // RIEC / ondermijning.
    {Role::kRiec, kToezichtHandhaving, kCaseData, kHandleExport, kConfidential, true, true,
     "integrale dossiers van het eigen team"},
    {Role::kRiec, kAnalyse, kCaseData, kReadExport, kConfidential, false, false,
     "risicoselectie, gepseudonimiseerd"},

    // Council: aggregated accountability only (programme monitoring with small numbers about
    // persons suppressed: only roles that may update aggregates see them unsuppressed).
    {Role::kRaadslid, kVerantwoording, kAggregates, kReadExport, kInternal, false, false,
     "alleen geaggregeerde cijfers"},

    // Beheerder: users and reference data, never case data (so never special data); keeps the
    // programmes (statuses, indicator values) up to date, which are aggregates without persons.
    {Role::kBeheerder, kBeheer, kUserAdmin, kAdmin, kInternal, true, false,
     "accounts, rollen, API-sleutels"},
    {Role::kBeheerder, kBeheer, kReferenceData, kAdmin, kInternal, false, false,
     "categorieën, gebieden, afdelingen"},
    {Role::kBeheerder,
     kVerantwoording,
     kAggregates,
     {kRead, kCreate, kUpdate, kExport},
     kInternal,
     false,
     false,
     "programma's, indicatoren en waarden bijhouden"},

    // Auditor: reads the audit log, nothing else.
    {Role::kAuditor, kVerantwoording, kAuditLog, kReadExport, kConfidential, true, false,
     "wie zag wat, waarom"},
};

}  // namespace

std::span<const Grant> Grants() {
  return kGrants;
}

}  // namespace baken::security::internal
