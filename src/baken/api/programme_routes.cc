// Programme monitoring over HTTP (purpose verantwoording, resource aggregates):
//   GET   /api/v1/programmas                                    the tenant's programmes
//   GET   /api/v1/programmas/{code}[?peildatum=YYYY-MM-DD]      the whole tree, as of a date
//   PATCH /api/v1/programmas/{code}/onderdelen/{onderdeel}      status, milestones, budget
//   POST  /api/v1/programmas/{code}/indicatoren/{indicator}/waarden   a manual value
//   GET   /api/v1/programmas/{code}/historie                    every change, oldest first
// Who may do what is the policy's (security/internal/policy_table.cc): roles that may update
// aggregates (analist, gebiedsmanager, beheerder) read exact numbers and edit; the coordinator
// mensenhandel edits only programmes of the own department ("afdeling", e.g. the Actieprogramma
// Mensenhandel): every change is checked against the programme's department (403, audited), and
// the list and the tree say per programme whether the caller may change it ("mag_wijzigen");
// roles that only read them (raadslid) see counts about persons below 5 as "< 5" and no names of
// staff. PATCH takes If-Match (the item's version, also its ETag); a stale one is 412. Changes,
// history and audit entry commit together (programme::ProgrammeRepository).
#include <set>

#include <nlohmann/json.hpp>

#include "baken/api/internal/audited_decision.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"
#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/programme/indicators.h"
#include "baken/programme/report_texts.h"
#include "baken/programme/repository.h"
#include "baken/programme/tree.h"
#include "baken/render/canvas.h"
#include "baken/render/programme_highlights.h"
#include "baken/render/progress_report.h"

namespace baken::api {
namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;
namespace pg = baken::programme;

constexpr char kCode[] = "([a-z0-9_-]{1,64})";
const std::string kBase = "/api/v1/programmas";

struct Context {
  AccessGate gate;
  std::shared_ptr<pg::ProgrammeRepository> programmes;
  std::shared_ptr<pg::IndicatorStore> indicators;
};

// Read-only readers of aggregates (the council) get small numbers about persons suppressed; the
// roles that keep the programme up to date see them exactly.
pg::Suppression SuppressionFor(const Caller& caller) {
  security::AccessRequest r;
  r.principal = caller.principal;
  r.purpose = Purpose::kVerantwoording;
  r.action = Action::kUpdate;
  r.sensitivity = Sensitivity::kInternal;
  r.record_tenant = caller.principal.tenant;
  r.resource = Resource::kAggregates;
  return pg::Suppression{!security::Decide(r).allowed, 5};
}

// A change to one programme, as the policy sees it: the programme's department is the record's
// (empty: no department, which is nobody's own).
security::AccessRequest ChangeAccess(const Caller& caller, const std::string& department,
                                     Action action) {
  security::AccessRequest r;
  r.principal = caller.principal;
  r.purpose = caller.purpose.value_or(Purpose::kVerantwoording);
  r.action = action;
  r.sensitivity = Sensitivity::kInternal;
  r.record_tenant = caller.principal.tenant;
  r.record_department = department;
  r.resource = Resource::kAggregates;
  return r;
}

bool MayChange(const Caller& caller, const std::string& department) {
  return security::Decide(ChangeAccess(caller, department, Action::kUpdate)).allowed;
}

// The record check the route's gate could not make: kNotFound for an unknown programme,
// kPermissionDenied (audited, like every deny) when the caller may not change this one.
Status AuthorizeChange(const Context& ctx, const Caller& caller, const Request& request,
                       const std::string& code, Action action, std::string_view audit_action) {
  ASSIGN_OR_RETURN(pg::Programme programme, ctx.programmes->Get(caller.principal.tenant, code));
  ASSIGN_OR_RETURN(security::Decision decision,
                   internal::DecideAudited(
                       ctx.gate.services(), ChangeAccess(caller, programme.department, action),
                       {audit_action, "programma", code, request.remote_address}));
  return security::ToStatus(decision);
}

pg::ChangeContext Who(const Request& request, const Caller& caller) {
  return pg::ChangeContext{caller.ActorId(), std::string(security::RoleCode(caller.principal.role)),
                           request.remote_address};
}

json PartnerJson(pg::Partner p) {
  return {{"code", std::string(pg::PartnerCode(p))}, {"naam", std::string(pg::PartnerName(p))}};
}

json PartnersJson(const std::vector<pg::Partner>& ps) {
  json out = json::array();
  for (pg::Partner p : ps) out.push_back(PartnerJson(p));
  return out;
}

json OptionalDateJson(const std::optional<pg::Date>& d) {
  return d ? json(FormatDate(*d)) : json(nullptr);
}

json ProgressJson(const pg::Progress& p) {
  json milestones = json::array();
  for (const pg::Milestone& m : p.milestones) {
    milestones.push_back({{"titel", m.title},
                          {"streefdatum", FormatDate(m.due)},
                          {"gereed", OptionalDateJson(m.done)}});
  }
  json budget = nullptr;
  if (p.budget) {
    budget = {{"gepland_cent", p.budget->planned_cents}, {"besteed_cent", p.budget->spent_cents}};
  }
  return {{"status",
           {{"code", std::string(pg::ItemStatusCode(p.status))},
            {"naam", std::string(pg::ItemStatusName(p.status))},
            {"toelichting", p.status_explanation},
            {"datum", OptionalDateJson(p.status_date)}}},
          {"mijlpalen", std::move(milestones)},
          {"budget", std::move(budget)},
          {"versie", p.version}};
}

json ActionJson(const pg::Action& a) {
  json j = ProgressJson(a.progress);
  j["code"] = a.code;
  j["soort"] = "actie";
  j["naam"] = a.name;
  j["omschrijving"] = a.description;
  j["trekker"] = PartnerJson(a.lead);
  j["partners"] = PartnersJson(a.partners);
  return j;
}

json ActionLineJson(const pg::ActionLine& l, const pg::ProgrammeTree* tree) {
  json j = ProgressJson(l.progress);
  j["code"] = l.code;
  j["soort"] = "actielijn";
  j["naam"] = l.name;
  j["omschrijving"] = l.description;
  j["ambitie"] = l.ambition.empty() ? json(nullptr) : json(l.ambition);
  j["trekker"] = PartnerJson(l.lead);
  j["partners"] = PartnersJson(l.partners);
  json actions = json::array();
  for (const pg::Action& a : l.actions) actions.push_back(ActionJson(a));
  j["acties"] = std::move(actions);
  if (tree != nullptr) {
    json codes = json::array();
    for (const pg::Indicator* ind : pg::IndicatorsOf(*tree, l.code)) codes.push_back(ind->code);
    j["indicatoren"] = std::move(codes);
  }
  return j;
}

// A number as a reader may see it: exact, or null with "< 5" in "weergave".
void PutNumber(json& j, const pg::Indicator& ind, std::optional<double> value,
               const pg::Suppression& s) {
  if (!value) {
    j["waarde"] = nullptr;
    j["weergave"] = "geen gegevens";
    j["afgeschermd"] = false;
    return;
  }
  const bool hidden = pg::IsSuppressed(ind, *value, s);
  j["waarde"] = hidden ? json(nullptr) : json(*value);
  j["weergave"] = pg::DisplayValue(ind, *value, s);
  j["afgeschermd"] = hidden;
}

json ValueJson(const pg::Indicator& ind, const pg::IndicatorValue& v, const pg::Suppression& s) {
  json j = {{"periode", pg::FormatPeriod(v.period)},
            {"vastgelegd_op", FormatRfc3339(v.recorded_at)},
            {"bron", std::string(pg::ValueSourceCode(v.source))},
            {"brondocument", v.source_document}};
  PutNumber(j, ind, v.value, s);
  // Who entered a number is a member of staff: for the editors, not for the council.
  j["ingevoerd_door"] = s.enabled ? json(nullptr) : json(v.entered_by);
  json cells = json::array();
  for (const pg::ValueCell& c : v.cells) {
    json cell = {{"sleutel1", c.key1}, {"sleutel2", c.key2}};
    PutNumber(cell, ind, c.value, s);
    cells.push_back(std::move(cell));
  }
  j["uitsplitsing"] = std::move(cells);
  return j;
}

json IndicatorJson(const pg::Indicator& ind, const pg::Suppression& s) {
  const pg::NamedQuery* q = pg::FindNamedQuery(ind.query);
  json targets = json::array();
  for (const pg::Target& t : ind.targets) {
    targets.push_back({{"periode", pg::FormatPeriod(t.period)}, {"waarde", t.value}});
  }
  json values = json::array();
  for (const pg::IndicatorValue& v : ind.values) values.push_back(ValueJson(ind, v, s));
  return {
      {"code", ind.code},
      {"naam", ind.name},
      {"definitie", ind.definition},
      {"eenheid", ind.unit},
      {"richting", std::string(pg::DirectionCode(ind.direction))},
      {"actielijn", ind.action_line.empty() ? json(nullptr) : json(ind.action_line)},
      {"ambitie", ind.ambition.empty() ? json(nullptr) : json(ind.ambition)},
      {"bron", std::string(pg::ValueSourceCode(ind.source))},
      {"query", ind.query.empty() ? json(nullptr) : json(ind.query)},
      {"uitsplitsing_naar",
       q == nullptr ? json::array() : json::array({std::string(q->key1), std::string(q->key2)})},
      {"over_personen", ind.about_persons},
      {"streefwaarden", std::move(targets)},
      {"waarden", std::move(values)}};
}

json TreeJson(const pg::ProgrammeTree& tree, const pg::Suppression& s, bool may_change) {
  const pg::Programme& p = tree.programme;
  json ambitions = json::array();
  for (const pg::Ambition& a : p.ambitions) {
    ambitions.push_back({{"code", a.code},
                         {"naam", a.name},
                         {"omschrijving", a.description},
                         {"kernambitie", a.kernambitie},
                         {"prioriteit", a.priority ? json(*a.priority) : json(nullptr)}});
  }
  json lines = json::array();
  for (const pg::ActionLine& l : p.action_lines) lines.push_back(ActionLineJson(l, &tree));
  json indicators = json::array();
  for (const pg::Indicator& ind : tree.indicators) indicators.push_back(IndicatorJson(ind, s));
  return {{"code", p.code},
          {"naam", p.name},
          {"omschrijving", p.description},
          {"looptijd", {{"van", p.start_year}, {"tot", p.end_year}}},
          {"eigenaar", p.owner},
          {"afdeling", p.department.empty() ? json(nullptr) : json(p.department)},
          {"mag_wijzigen", may_change},
          {"opgesteld_met", PartnersJson(p.partners)},
          {"themas", p.themes},
          {"peildatum", FormatRfc3339(tree.as_of)},
          {"kleine_aantallen_afgeschermd", s.enabled},
          {"ambities", std::move(ambitions)},
          {"actielijnen", std::move(lines)},
          {"indicatoren", std::move(indicators)}};
}

Response NoStore(Response r) {
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<pg::Date> DateMember(const json& j, const std::string& key, const std::string& field) {
  if (!j.contains(key) || !j[key].is_string()) {
    return InvalidArgumentError("Geef een datum (JJJJ-MM-DD).", field);
  }
  return ParseDate(j[key].get<std::string>(), field);
}

StatusOr<pg::ItemUpdate> ParseItemUpdate(const json& j) {
  static const std::set<std::string> kKnown = {"status", "toelichting", "datum", "mijlpalen",
                                               "budget"};
  for (const auto& [key, value] : j.items()) {
    if (!kKnown.count(key)) return InvalidArgumentError("Onbekend veld '" + key + "'.", key);
  }
  pg::ItemUpdate u;
  if (j.contains("status")) {
    if (!j["status"].is_string()) return InvalidArgumentError("De status is tekst.", "status");
    ASSIGN_OR_RETURN(u.status, pg::ParseItemStatus(j["status"].get<std::string>(), "status"));
  }
  if (j.contains("toelichting")) {
    if (!j["toelichting"].is_string()) {
      return InvalidArgumentError("De toelichting is tekst.", "toelichting");
    }
    u.explanation = j["toelichting"].get<std::string>();
    if (u.explanation.size() > 4000) {
      return InvalidArgumentError("De toelichting is te lang (ten hoogste 4000 tekens).",
                                  "toelichting");
    }
  }
  if (j.contains("datum")) {
    ASSIGN_OR_RETURN(u.status_date, DateMember(j, "datum", "datum"));
  }
  if (j.contains("mijlpalen")) {
    if (!j["mijlpalen"].is_array()) {
      return InvalidArgumentError("De mijlpalen zijn een lijst.", "mijlpalen");
    }
    std::vector<pg::Milestone> ms;
    for (size_t i = 0; i < j["mijlpalen"].size(); ++i) {
      const json& m = j["mijlpalen"][i];
      const std::string f = "mijlpalen[" + std::to_string(i) + "]";
      if (!m.is_object() || !m.contains("titel") || !m["titel"].is_string()) {
        return InvalidArgumentError("Een mijlpaal heeft een titel.", f + ".titel");
      }
      pg::Milestone milestone;
      milestone.title = m["titel"].get<std::string>();
      ASSIGN_OR_RETURN(milestone.due, DateMember(m, "streefdatum", f + ".streefdatum"));
      if (m.contains("gereed") && !m["gereed"].is_null()) {
        ASSIGN_OR_RETURN(milestone.done, DateMember(m, "gereed", f + ".gereed"));
      }
      ms.push_back(std::move(milestone));
    }
    u.milestones = std::move(ms);
  }
  if (j.contains("budget")) {
    const json& b = j["budget"];
    if (!b.is_object() || !b.contains("gepland_cent") || !b["gepland_cent"].is_number_integer() ||
        !b.contains("besteed_cent") || !b["besteed_cent"].is_number_integer()) {
      return InvalidArgumentError(
          "Het budget is {\"gepland_cent\": geheel getal, \"besteed_cent\": geheel getal}.",
          "budget");
    }
    u.budget = pg::Budget{b["gepland_cent"].get<int64_t>(), b["besteed_cent"].get<int64_t>()};
  }
  return u;
}

// ?peildatum=YYYY-MM-DD as the end of that day in Amsterdam; absent: now.
StatusOr<Timestamp> AsOf(const Context& ctx, const Request& request) {
  const std::string d = request.Query("peildatum");
  if (d.empty()) return ctx.gate.services().clock.Now();
  ASSIGN_OR_RETURN(pg::Date date, ParseDate(d, "peildatum"));
  return StartOfAmsterdamDay(
             std::chrono::year_month_day(std::chrono::sys_days(date) + std::chrono::days(1))) -
         std::chrono::microseconds(1);
}

// A file to download, named after what it holds.
Response Download(std::string bytes, std::string_view media_type, const std::string& filename) {
  Response r = Response::Text(std::move(bytes), std::string(media_type));
  r.headers.emplace("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return NoStore(std::move(r));
}

RouteSpec Spec(std::string method, std::string pattern, Action action, std::string audit) {
  return RouteSpec{
      std::move(method),      std::move(pattern),         Resource::kAggregates, action,
      Sensitivity::kInternal, {Purpose::kVerantwoording}, std::move(audit)};
}

void RegisterList(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      Spec("GET", kBase, Action::kRead, "programma.lijst"),
      [ctx](const Request&, const Caller& caller) -> StatusOr<Response> {
        ASSIGN_OR_RETURN(std::vector<pg::ProgrammeSummary> list,
                         ctx.programmes->List(caller.principal.tenant));
        json items = json::array();
        for (const pg::ProgrammeSummary& p : list) {
          items.push_back({{"code", p.code},
                           {"naam", p.name},
                           {"looptijd", {{"van", p.start_year}, {"tot", p.end_year}}},
                           {"eigenaar", p.owner},
                           {"afdeling", p.department.empty() ? json(nullptr) : json(p.department)},
                           {"mag_wijzigen", MayChange(caller, p.department)},
                           {"actielijnen", p.action_lines},
                           {"indicatoren", p.indicators}});
        }
        return NoStore(Response::Json(json{{"programmas", std::move(items)}}.dump()));
      });
}

void RegisterTree(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      Spec("GET", kBase + "/" + kCode, Action::kRead, "programma.lezen"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        ASSIGN_OR_RETURN(Timestamp as_of, AsOf(ctx, request));
        ASSIGN_OR_RETURN(pg::ProgrammeTree tree,
                         pg::LoadTree(ctx.gate.services().db, caller.principal.tenant,
                                      request.path_params.at(0), as_of));
        const bool may_change = MayChange(caller, tree.programme.department);
        return NoStore(Response::Json(TreeJson(tree, SuppressionFor(caller), may_change).dump()));
      });
}

void RegisterPatch(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      Spec("PATCH", kBase + "/" + kCode + "/onderdelen/" + kCode, Action::kUpdate,
           "programma.wijzigen"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const std::string& code = request.path_params.at(0);
        const std::string& item = request.path_params.at(1);
        ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
        ASSIGN_OR_RETURN(pg::ItemUpdate update, ParseItemUpdate(body));
        RETURN_IF_ERROR(
            AuthorizeChange(ctx, caller, request, code, Action::kUpdate, "programma.wijzigen"));
        const std::string& tenant = caller.principal.tenant;
        ASSIGN_OR_RETURN(int version, ctx.programmes->UpdateItem(
                                          tenant, code, item, update,
                                          internal::IfMatchIntVersion(request.Header("If-Match")),
                                          Who(request, caller)));
        ASSIGN_OR_RETURN(pg::Programme p, ctx.programmes->Get(tenant, code));
        json answer;
        if (const pg::ActionLine* line = pg::FindActionLine(p, item)) {
          answer = ActionLineJson(*line, nullptr);
        } else if (const pg::Action* action = pg::FindAction(p, item)) {
          answer = ActionJson(*action);
        } else {
          return InternalError("onderdeel verdwenen na wijzigen");
        }
        Response r = NoStore(Response::Json(answer.dump()));
        r.headers.emplace("ETag", "\"" + std::to_string(version) + "\"");
        return r;
      });
}

void RegisterManualValue(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(Spec("POST", kBase + "/" + kCode + "/indicatoren/" + kCode + "/waarden",
                      Action::kCreate, "programma.waarde_invoeren"),
                 [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
                   const std::string& code = request.path_params.at(0);
                   const std::string& indicator = request.path_params.at(1);
                   const std::string& tenant = caller.principal.tenant;
                   ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
                   if (!body.contains("periode") || !body["periode"].is_string()) {
                     return InvalidArgumentError("Geef een periode (2025 of 2025-Q3).", "periode");
                   }
                   ASSIGN_OR_RETURN(pg::Period period,
                                    pg::ParsePeriod(body["periode"].get<std::string>(), "periode"));
                   if (!body.contains("waarde") || !body["waarde"].is_number()) {
                     return InvalidArgumentError("De waarde is een getal.", "waarde");
                   }
                   if (!body.contains("bron") || !body["bron"].is_string()) {
                     return InvalidArgumentError(
                         "Noem de bron van de waarde (document of registratie).", "bron");
                   }
                   ASSIGN_OR_RETURN(pg::Indicator ind, ctx.indicators->Get(tenant, indicator));
                   if (ind.programme != code) {
                     return NotFoundError("Onbekende indicator '" + indicator + "' in programma '" +
                                          code + "'.");
                   }
                   RETURN_IF_ERROR(AuthorizeChange(ctx, caller, request, code, Action::kCreate,
                                                   "programma.waarde_invoeren"));
                   ASSIGN_OR_RETURN(pg::IndicatorValue v,
                                    ctx.indicators->EnterManual(
                                        tenant, indicator, period, body["waarde"].get<double>(),
                                        body["bron"].get<std::string>(), Who(request, caller)));
                   json answer = ValueJson(ind, v, SuppressionFor(caller));
                   answer["indicator"] = indicator;
                   return NoStore(Response::Json(answer.dump(), 201));
                 });
}

void RegisterHistory(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      Spec("GET", kBase + "/" + kCode + "/historie", Action::kRead, "programma.historie"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const std::string& code = request.path_params.at(0);
        ASSIGN_OR_RETURN(std::vector<pg::HistoryEntry> entries,
                         ctx.programmes->History(caller.principal.tenant, code));
        const bool council = SuppressionFor(caller).enabled;
        json items = json::array();
        for (const pg::HistoryEntry& e : entries) {
          items.push_back({{"volgnummer", e.seq},
                           {"tijdstip", FormatRfc3339(e.at)},
                           {"door", council ? json(nullptr) : json(e.actor)},
                           {"onderdeel", e.item.empty() ? json(nullptr) : json(e.item)},
                           {"veld", e.field},
                           {"oud", e.old_value},
                           {"nieuw", e.new_value},
                           {"toelichting", e.explanation}});
        }
        return NoStore(
            Response::Json(json{{"programma", code}, {"wijzigingen", std::move(items)}}.dump()));
      });
}

// GET .../{code}/voortgang?periode=2025&formaat=pdf|xlsx|html[&peildatum=]: the progress report.
void RegisterProgressReport(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      Spec("GET", kBase + "/" + kCode + "/voortgang", Action::kExport, "programma.rapport"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const std::string& code = request.path_params.at(0);
        const std::string format = request.Query("formaat");
        if (format != "pdf" && format != "xlsx" && format != "html") {
          return InvalidArgumentError("Kies pdf, xlsx of html.", "formaat");
        }
        ASSIGN_OR_RETURN(pg::Period period, pg::ParsePeriod(request.Query("periode"), "periode"));
        ASSIGN_OR_RETURN(Timestamp as_of, AsOf(ctx, request));
        ASSIGN_OR_RETURN(render::ProgressReport report,
                         render::LoadProgressReport(
                             ctx.gate.services().db, ctx.gate.services().clock,
                             caller.principal.tenant, code, period, as_of, SuppressionFor(caller)));
        const std::string name = "voortgang-" + code + "-" + pg::FormatPeriod(period) + ".";
        // The PDF links its accessible HTML version, on the address the caller used (https when
        // the public address is: then TLS ends here or at a proxy).
        const SecurityOptions& options = ctx.gate.services().options;
        if (const std::string host = request.Header("Host"); !host.empty()) {
          report.html_url =
              std::string(options.hsts || options.secure_cookie ? "https://" : "http://") + host +
              kBase + "/" + code + "/voortgang?periode=" + pg::FormatPeriod(period) +
              "&formaat=html";
        }
        if (format == "html") {
          // Opened in the browser as the PDF's accessible version: its one inline style block
          // must apply, and nothing else may load or run.
          Response html =
              Response::Text(render::ProgressReportHtml(report), "text/html; charset=utf-8");
          html.headers.emplace("Content-Security-Policy",
                               "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' "
                               "data:; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'");
          return NoStore(std::move(html));
        }
        if (format == "xlsx") {
          ASSIGN_OR_RETURN(std::string bytes, render::ProgressReportXlsx(report));
          return Download(std::move(bytes),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          name + "xlsx");
        }
        ASSIGN_OR_RETURN(std::string bytes, render::ProgressReportPdf(report));
        return Download(std::move(bytes), "application/pdf", name + "pdf");
      });
}

// GET .../{code}/teksten/{periode} and PUT .../{code}/teksten/{periode}/{sectie} {"tekst"}: the
// free texts of a progress report; sectie is "inleiding" or an action line's code.
void RegisterReportTexts(const Context& ctx) {
  AccessGate gate = ctx.gate;
  const std::string period = "/teksten/([0-9]{4}(?:-Q[1-4])?)";
  gate.Protected(
      Spec("GET", kBase + "/" + kCode + period, Action::kRead, "programma.teksten"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        ASSIGN_OR_RETURN(pg::Period p, pg::ParsePeriod(request.path_params.at(1), "periode"));
        pg::ReportTextStore texts(ctx.gate.services().db, ctx.gate.services().clock);
        ASSIGN_OR_RETURN(auto all,
                         texts.List(caller.principal.tenant, request.path_params.at(0), p));
        json out = json::object();
        for (const auto& [section, text] : all) out[section.empty() ? "inleiding" : section] = text;
        return NoStore(
            Response::Json(json{{"periode", pg::FormatPeriod(p)}, {"teksten", out}}.dump()));
      });
  gate.Protected(
      Spec("PUT", kBase + "/" + kCode + period + "/" + kCode, Action::kUpdate,
           "programma.tekst_wijzigen"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        ASSIGN_OR_RETURN(pg::Period p, pg::ParsePeriod(request.path_params.at(1), "periode"));
        ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
        if (!body.contains("tekst") || !body["tekst"].is_string()) {
          return InvalidArgumentError("Geef de tekst.", "tekst");
        }
        RETURN_IF_ERROR(AuthorizeChange(ctx, caller, request, request.path_params.at(0),
                                        Action::kUpdate, "programma.tekst_wijzigen"));
        const std::string section = request.path_params.at(2);
        const std::string text = body["tekst"].get<std::string>();
        pg::ReportTextStore texts(ctx.gate.services().db, ctx.gate.services().clock);
        RETURN_IF_ERROR(texts.Put(caller.principal.tenant, request.path_params.at(0), p,
                                  section == "inleiding" ? "" : section, text,
                                  Who(request, caller)));
        return NoStore(Response::Json(json{{"sectie", section}, {"tekst", text}}.dump()));
      });
}

json HighlightsJson(const render::HighlightsData& data) {
  const render::HighlightsSheet& s = data.sheet;
  json figures = json::array(), texts = json::array();
  for (const render::KeyFigure& f : s.figures) {
    figures.push_back({{"waarde", f.value}, {"label", f.label}, {"verandering", f.change}});
  }
  for (const auto& [head, text] : s.texts) texts.push_back({{"kop", head}, {"tekst", text}});
  return {{"titel", s.title}, {"ondertitel", s.subtitle}, {"kerncijfers", figures},
          {"teksten", texts}, {"bron", s.source},         {"datum", data.date}};
}

// GET /api/v1/programmas/highlights/{jaar}?formaat=svg|png|pdf|json[&scherm=1][&peildatum=]: the
// yearly infographic; always with small numbers about persons suppressed (it is public).
void RegisterHighlights(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      Spec("GET", kBase + "/highlights/([0-9]{4})", Action::kRead, "programma.highlights"),
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const int year = std::stoi(request.path_params.at(0));
        ASSIGN_OR_RETURN(Timestamp as_of, AsOf(ctx, request));
        ASSIGN_OR_RETURN(render::HighlightsData data,
                         render::LoadHighlights(ctx.gate.services().db, ctx.gate.services().clock,
                                                caller.principal.tenant, year, as_of));
        const std::string format =
            request.Query("formaat").empty() ? "svg" : request.Query("formaat");
        if (format == "json") return NoStore(Response::Json(HighlightsJson(data).dump()));
        ASSIGN_OR_RETURN(render::Format f, render::ParseFormat(format, "formaat"));
        const bool screen = request.Query("scherm") == "1";
        render::DocumentInfo info{.title = data.sheet.title,
                                  .author = data.sheet.organisation,
                                  .subject = data.sheet.subtitle,
                                  .date = data.date,
                                  .png_dpi = 150};
        ASSIGN_OR_RETURN(
            std::string bytes,
            render::RenderHighlights(
                data.sheet, f,
                screen ? render::SheetSize::kScreen : render::SheetSize::kA4Landscape, info));
        if (f == render::Format::kPdf) {
          return Download(std::move(bytes), "application/pdf",
                          "highlights-" + std::to_string(year) + ".pdf");
        }
        return NoStore(Response::Text(std::move(bytes), std::string(render::FormatMediaType(f))));
      });
}

}  // namespace

void RegisterProgrammeRoutes(AccessGate& gate) {
  SecurityServices& s = gate.services();
  Context ctx{gate, std::make_shared<pg::ProgrammeRepository>(s.db, s.clock),
              std::make_shared<pg::IndicatorStore>(s.db, s.clock)};
  RegisterList(ctx);
  RegisterTree(ctx);
  RegisterPatch(ctx);
  RegisterManualValue(ctx);
  RegisterHistory(ctx);
  RegisterProgressReport(ctx);
  RegisterReportTexts(ctx);
  RegisterHighlights(ctx);
}

}  // namespace baken::api
