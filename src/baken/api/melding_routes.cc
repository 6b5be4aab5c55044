// Meldingen over HTTP: staff routes under /api/v1/meldingen (policy per route and per record),
// public routes under /api/v1/publiek (create, follow, map) and the categories.
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "baken/api/internal/audited_decision.h"
#include "baken/api/internal/category_suggester.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/internal/melding_json.h"
#include "baken/api/internal/schema.h"
#include "baken/api/problem.h"
#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/geo/crs.h"
#include "baken/security/access.h"
#include "baken/security/visibility.h"
#include "baken/signals/export.h"

namespace baken::api {
namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;

const std::vector<Purpose> kCasePurposes = {Purpose::kMeldingAfhandelen,
                                            Purpose::kToezichtHandhaving, Purpose::kZorgcoordinatie,
                                            Purpose::kAnalyse};
const std::vector<Purpose> kHandlePurposes = {
    Purpose::kMeldingAfhandelen, Purpose::kToezichtHandhaving, Purpose::kZorgcoordinatie};

constexpr char kIdPattern[] = "([A-Za-z0-9-]{1,64})";
constexpr char kDepartmentPattern[] = "([a-z0-9_-]{1,64})";
// An export is built in memory before it is sent; larger lists go through `baken meldingen export`.
constexpr int64_t kMaxExportRows = 200'000;

struct Context {
  AccessGate gate;
  std::shared_ptr<signals::MeldingService> service;
  std::shared_ptr<const CategorySuggester> suggester;  // may be null
};

nlohmann::json SuggestionJson(const classify::Suggestion& s,
                              const signals::CategoryCatalog& catalog) {
  nlohmann::json j = {{"niveau", std::string(classify::SuggestionLevelName(s.level))},
                      {"zekerheid", std::round(s.confidence * 1000) / 1000}};
  if (const signals::Category* c = catalog.Find(s.category_code)) {
    j["categorie"] = {{"code", c->code}, {"naam", c->public_name}};
  }
  if (const signals::MainCategory* m = catalog.FindMain(s.main_code)) {
    j["hoofdcategorie"] = {{"code", m->code}, {"naam", m->public_name}};
  }
  return j;
}

// The policy grants residents their own meldingen only; whose melding it is, is this module's
// to check. Residents follow theirs through the follow code, so staff routes refuse them.
Status RefuseResidents(const Caller& caller) {
  if (caller.principal.role == security::Role::kResident) {
    return PermissionDeniedError(
        "Bewoners volgen hun eigen meldingen via de volgcode uit de bevestiging.");
  }
  return Status::Ok();
}

signals::Actor ActorOf(const Caller& caller, const Request& request) {
  signals::Actor a;
  a.id = caller.ActorId();
  a.role = std::string(security::RoleCode(caller.principal.role));
  if (caller.purpose) a.purpose = std::string(security::PurposeCode(*caller.purpose));
  a.address = request.remote_address;
  return a;
}

security::AccessRequest AccessFor(const Caller& caller, Action action, Sensitivity sensitivity,
                                  const std::string& tenant,
                                  std::optional<std::string> department) {
  security::AccessRequest r;
  r.principal = caller.principal;
  r.purpose = caller.purpose.value_or(Purpose::kMeldingAfhandelen);
  r.action = action;
  r.sensitivity = sensitivity;
  r.record_tenant = tenant;
  r.record_department = std::move(department);
  r.resource = Resource::kCaseData;
  return r;
}

std::optional<std::string> DepartmentOf(const signals::Melding& m) {
  return m.department.empty() ? std::nullopt : std::optional<std::string>(m.department);
}

// The answer for a melding that does not exist: also the answer for one the caller may not know
// exists (the same text as MeldingService::Get's).
Status MeldingNotFound() {
  return NotFoundError("Melding niet gevonden.");
}

// Whether a refusal must look like a missing melding: special records (trafficking signals) the
// caller may not read. Knowing that a number is a trafficking signal is itself special data.
// Other refusals keep the policy's reason: staff then know whom to ask (ADR 0013).
bool HiddenFromCaller(const Caller& caller, const signals::Melding& m) {
  return m.sensitivity >= Sensitivity::kSpecial &&
         !security::Decide(
              AccessFor(caller, Action::kRead, m.sensitivity, m.tenant, DepartmentOf(m)))
              .allowed;
}

// The policy's decision on one melding, audited when the policy wants it (confidential and
// special records, denials). A deny becomes kPermissionDenied with the policy's reason, or
// kNotFound (as for a missing melding) when the caller may not know the record exists.
StatusOr<security::Decision> AuthorizeRecord(const Context& ctx, const Caller& caller,
                                             const Request& request, const signals::Melding& m,
                                             Action action, std::string_view audit_action) {
  security::AccessRequest access =
      AccessFor(caller, action, m.sensitivity, m.tenant, DepartmentOf(m));
  ASSIGN_OR_RETURN(
      security::Decision decision,
      internal::DecideAudited(ctx.gate.services(), access,
                              {audit_action, "melding", m.number, request.remote_address}));
  if (!decision.allowed && HiddenFromCaller(caller, m)) return MeldingNotFound();
  RETURN_IF_ERROR(security::ToStatus(decision));
  if (action == Action::kRead) {
    // Personal data is shown only when the policy allows that too.
    security::AccessRequest personal = access;
    personal.action = Action::kReadPersonalData;
    decision.mask_personal_data = !security::Decide(personal).allowed;
  }
  return decision;
}

// What the caller may list: the highest class and, above internal, the departments.
void FillVisibility(const Caller& caller, signals::ListQuery& q) {
  q.visibility = security::VisibilityFor(
      caller.principal, caller.purpose.value_or(security::Purpose::kMeldingAfhandelen));
}

StatusOr<std::optional<bool>> BoolParam(const Request& request, const char* name) {
  const std::string v = request.Query(name);
  if (v.empty()) return std::optional<bool>();
  if (v == "true" || v == "ja") return std::optional<bool>(true);
  if (v == "false" || v == "nee") return std::optional<bool>(false);
  return InvalidArgumentError("Kies true of false.", name);
}

StatusOr<signals::ListQuery> DecodeListQuery(const Request& request, const std::string& tenant) {
  signals::ListQuery q;
  q.tenant = tenant;
  for (const std::string& s : internal::SplitCommaList(request.Query("status"))) {
    ASSIGN_OR_RETURN(signals::State state, signals::ParseState(s, "status"));
    q.states.push_back(state);
  }
  q.categories = internal::SplitCommaList(request.Query("categorie"));
  q.departments = internal::SplitCommaList(request.Query("afdeling"));
  q.wijken = internal::SplitCommaList(request.Query("wijk"));
  q.buurten = internal::SplitCommaList(request.Query("buurt"));
  // behandelaar=<gebruikersnaam>, or "-" for meldingen nobody is assigned to.
  if (const std::string v = request.Query("behandelaar"); !v.empty()) {
    if (v.size() > 100) return InvalidArgumentError("Geef een gebruikersnaam.", "behandelaar");
    q.assignee = v == "-" ? std::string() : v;
  }
  if (const std::string v = request.Query("ontvangen_vanaf"); !v.empty()) {
    ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(v, "ontvangen_vanaf"));
    q.received_from = t;
  }
  if (const std::string v = request.Query("ontvangen_tot"); !v.empty()) {
    ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(v, "ontvangen_tot"));
    q.received_to = t;
  }
  ASSIGN_OR_RETURN(q.overdue, BoolParam(request, "te_laat"));
  ASSIGN_OR_RETURN(q.open, BoolParam(request, "open"));
  q.text = request.Query("zoek");
  if (q.text.size() > 200) return InvalidArgumentError("Zoek op hoogstens 200 tekens.", "zoek");
  const std::string sort = request.Query("sorteer");
  if (sort.empty() || sort == "-ontvangen") {
    q.sort = signals::ListQuery::Sort::kReceivedDesc;
  } else if (sort == "ontvangen") {
    q.sort = signals::ListQuery::Sort::kReceivedAsc;
  } else if (sort == "termijn") {
    q.sort = signals::ListQuery::Sort::kDeadlineAsc;
  } else {
    return InvalidArgumentError("Sorteer op ontvangen, -ontvangen of termijn.", "sorteer");
  }
  if (const std::string v = request.Query("limiet"); !v.empty()) {
    int limit = 0;
    try {
      size_t used = 0;
      limit = std::stoi(v, &used);
      if (used != v.size()) limit = 0;
    } catch (...) {
      limit = 0;
    }
    if (limit < 1 || limit > 500) {
      return InvalidArgumentError("De limiet is een getal van 1 tot en met 500.", "limiet");
    }
    q.limit = limit;
  }
  q.cursor = request.Query("cursor");
  return q;
}

// For a page of meldingen shown (list) or leaving the system (export): whether each one's personal
// data is masked for the caller, and one audit entry per confidential or special record, written
// in one transaction before anything is sent. `enforce`: a denied entry stops the whole page.
StatusOr<std::vector<bool>> MaskAndAuditPage(const Context& ctx, const Caller& caller,
                                             const Request& request,
                                             const std::vector<signals::Melding>& page,
                                             Action action, const char* audit_action,
                                             bool enforce) {
  std::vector<bool> masks;
  std::vector<const signals::Melding*> audited;
  for (const signals::Melding& m : page) {
    security::AccessRequest personal =
        AccessFor(caller, Action::kReadPersonalData, m.sensitivity, m.tenant, DepartmentOf(m));
    masks.push_back(!security::Decide(personal).allowed);
    if (m.sensitivity >= Sensitivity::kConfidential) audited.push_back(&m);
  }
  if (audited.empty()) return masks;
  SecurityServices& s = ctx.gate.services();
  RETURN_IF_ERROR(s.db.Write([&](store::Transaction& txn) -> Status {
    for (const signals::Melding* m : audited) {
      security::AccessRequest access =
          AccessFor(caller, action, m->sensitivity, m->tenant, DepartmentOf(*m));
      ASSIGN_OR_RETURN(
          security::Decision d,
          security::Authorize(s.audit, txn, access,
                              {audit_action, "melding", m->number, request.remote_address}));
      if (enforce) RETURN_IF_ERROR(security::ToStatus(d));
    }
    return Status::Ok();
  }));
  return masks;
}

// The meldingen of `found` the caller may read, decided per record as a direct read
// (GET /meldingen/{id}) decides; the others are left out without a trace.
std::vector<signals::Melding> ReadableBy(const Caller& caller,
                                         std::vector<signals::Melding> found) {
  std::erase_if(found, [&](const signals::Melding& m) {
    return !security::Decide(
                AccessFor(caller, Action::kRead, m.sensitivity, m.tenant, DepartmentOf(m)))
                .allowed;
  });
  return found;
}

StatusOr<signals::Melding> LoadForCaller(const Context& ctx, const Caller& caller,
                                         const Request& request, Action action,
                                         std::string_view audit_action,
                                         security::Decision* decision_out = nullptr) {
  RETURN_IF_ERROR(RefuseResidents(caller));
  ASSIGN_OR_RETURN(signals::Melding m,
                   ctx.service->Get(caller.principal.tenant, request.path_params.at(0)));
  ASSIGN_OR_RETURN(security::Decision d,
                   AuthorizeRecord(ctx, caller, request, m, action, audit_action));
  if (decision_out != nullptr) *decision_out = d;
  return m;
}

// The policy's decision on showing this melding's personal data (reporter, free text) unmasked:
// rule 8 asks a second factor in this session, or an API key with the reporter-contact grant.
security::Decision PersonalDataDecision(const Caller& caller, const signals::Melding& m) {
  return security::Decide(
      AccessFor(caller, Action::kReadPersonalData, m.sensitivity, m.tenant,
                m.department.empty() ? std::nullopt : std::optional<std::string>(m.department)));
}

// The staff view of a melding after any read or change: personal data masked unless the policy
// allows it, with the reason when masked.
json MeldingJson(const Context& ctx, const Caller& caller, const signals::Melding& m,
                 Timestamp now) {
  const security::Decision personal = PersonalDataDecision(caller, m);
  json j = internal::EncodeMelding(m, ctx.service->catalog(), now, !personal.allowed);
  internal::AddMaskNotice(j, personal);
  return j;
}

Response MeldingResponse(const Context& ctx, const Caller& caller, const signals::Melding& m,
                         int status = 200) {
  Response r =
      Response::Json(MeldingJson(ctx, caller, m, ctx.gate.services().clock.Now()).dump(), status);
  r.headers.emplace("ETag", "\"" + std::to_string(m.version) + "\"");
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

// A behandelaar chosen by staff must be someone who can take the melding on: an enabled user of
// the new department whom the policy lets handle its class (AccountService::Assignable). Empty:
// nobody. kInvalidArgument (422) naming the field "behandelaar" otherwise.
Status CheckAssignee(const Context& ctx, const signals::Melding& m, const std::string& department,
                     const std::string& assignee) {
  if (assignee.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<security::User> users,
                   ctx.gate.services().accounts.Assignable(m.tenant, department, m.sensitivity));
  for (const security::User& u : users) {
    if (u.username == assignee) return Status::Ok();
  }
  const signals::Department* d = ctx.service->catalog().FindDepartment(department);
  return InvalidArgumentError("'" + assignee.substr(0, 100) + "' is geen medewerker van " +
                                  (d != nullptr ? d->name : department) +
                                  " die deze melding mag behandelen. Kies een behandelaar uit de "
                                  "lijst van de afdeling.",
                              std::string(kAssigneeField));
}

// Who did something, for people: a user's display name instead of their id (names of users
// of the tenant; an id not found stays as it is), "de melder", "het systeem", "koppeling X".
class ActorNames {
 public:
  ActorNames(SecurityServices& s, const std::string& tenant) {
    if (StatusOr<std::vector<security::User>> users = s.accounts.List(tenant); users.ok()) {
      for (const security::User& u : *users) {
        const std::string name = u.display_name.empty() ? u.username : u.display_name;
        by_id_.emplace(u.id, name);
        by_username_.emplace(u.username, name);
      }
    }
  }
  std::string Actor(const std::string& actor) const {
    if (actor == "melder") return "de melder";
    if (actor == "systeem") return "het systeem";
    if (actor.rfind("api:", 0) == 0) return "koppeling " + actor.substr(4);
    auto it = by_id_.find(actor);
    return it != by_id_.end() ? it->second : actor;
  }
  // A behandelaar as stored (user name); empty stays empty.
  std::string Username(const std::string& username) const {
    auto it = by_username_.find(username);
    return it != by_username_.end() ? it->second : username;
  }

 private:
  std::map<std::string, std::string> by_id_;
  std::map<std::string, std::string> by_username_;
};

// Open meldingen of the same category near a new one (the duplicate rule: 50 m, 12 weeks), itself
// excluded: the hint given at intake.
// "Already reported N times" counts at most this many (the form then says "100 of meer").
constexpr size_t kMaxSimilarCount = 100;

signals::DuplicateQuery SimilarTo(const signals::Melding& m) {
  signals::DuplicateQuery q;
  q.tenant = m.tenant;
  q.category = m.category;
  q.x = m.x;
  q.y = m.y;
  q.at = m.received_at;
  q.exclude_id = m.id;
  return q;
}

json CategoriesJson(const signals::CategoryCatalog& catalog, bool staff) {
  json mains = json::array();
  for (const signals::MainCategory& m : catalog.mains()) {
    json subs = json::array();
    for (const signals::Category& c : catalog.categories()) {
      if (c.main_code != m.code || !c.active) continue;
      json s = {{"code", c.code},
                {"naam", staff ? c.name : c.public_name},
                {"omschrijving", c.description},
                {"afhandeltermijn", c.service_level.ToDutch()},
                {"op_openbare_kaart", c.on_public_map},
                {"gevoeligheid", std::string(security::SensitivityCode(c.sensitivity))}};
      if (staff) {
        s["afdeling"] = c.department;
        s["mor"] = {{"hoofd", c.mor_main}, {"sub", c.mor_sub}};
        // What the edit form (PUT /api/v1/categorieen/{code}) starts from; versie is its ETag.
        s["publieke_naam"] = c.public_name;
        s["afhandelbericht"] = c.handling_message;
        s["termijn"] = {
            {c.service_level.unit == signals::ServiceLevel::Unit::kHours ? "uren" : "werkdagen",
             c.service_level.amount}};
        s["versie"] = c.version;
      }
      subs.push_back(std::move(s));
    }
    mains.push_back({{"code", m.code},
                     {"naam", staff ? m.name : m.public_name},
                     {"subcategorieen", std::move(subs)}});
  }
  json result = {{"versie", catalog.version()}, {"hoofdcategorieen", std::move(mains)}};
  if (staff) {
    json departments = json::array();
    for (const signals::Department& d : catalog.departments()) {
      departments.push_back({{"code", d.code}, {"naam", d.name}});
    }
    result["afdelingen"] = std::move(departments);
  }
  return result;
}

// A WGS84 coordinate from the query string, within [lo, hi] degrees (the Netherlands, roughly).
StatusOr<double> QueryCoordinate(const Request& request, const char* name, double lo, double hi) {
  const std::string text = request.Query(name);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return InvalidArgumentError(std::string("Geef ") + name + " als decimaal getal (WGS84).", name);
  }
  if (v < lo || v > hi) {
    return InvalidArgumentError(std::string(name) + " ligt buiten Nederland.", name);
  }
  return v;
}

StatusOr<Response> CreatePublicMelding(const Context& ctx, const Request& request,
                                       const Caller& /*caller*/) {
  ASSIGN_OR_RETURN(signals::NewMelding input, internal::DecodeNewMelding(request.body));
  input.tenant = ctx.gate.services().options.tenant;
  // The public form is the web channel; other channels come with an API key or as staff.
  if (input.channel != signals::Channel::kWeb && input.channel != signals::Channel::kApp) {
    input.channel = signals::Channel::kWeb;
  }
  input.priority.reset();
  input.idempotency_key = request.Header("Idempotency-Key");
  if (input.category.empty()) {
    // No category chosen: take the classifier's, but only when it is confident.
    if (ctx.suggester) {
      const classify::Suggestion s = ctx.suggester->Suggest(input.text);
      if (s.level == classify::SuggestionLevel::kSub) input.category = s.category_code;
    }
    if (input.category.empty()) {
      return InvalidArgumentError(
          "Kies een categorie: uit de tekst kunnen wij die niet zeker genoeg afleiden.",
          "categorie");
    }
  }
  signals::Actor actor;
  actor.id = "melder";
  actor.address = request.remote_address;
  ASSIGN_OR_RETURN(signals::Created created, ctx.service->Create(input, actor));
  const signals::Category* c = ctx.service->catalog().Find(created.melding.category);
  json body = {{"nummer", created.melding.number},
               {"categorie", c != nullptr ? c->public_name : created.melding.category},
               {"afhandelbericht", c != nullptr ? c->handling_message : ""},
               {"afhandeltermijn", c != nullptr ? c->service_level.ToDutch() : ""},
               {"status", std::string(signals::StateName(created.melding.state))}};
  // "Already reported nearby": a count only, and only for categories on the public map.
  if (c != nullptr && c->on_public_map && c->sensitivity <= Sensitivity::kInternal) {
    signals::DuplicateQuery nearby = SimilarTo(created.melding);
    nearby.limit = kMaxSimilarCount;
    ASSIGN_OR_RETURN(int64_t similar, ctx.service->CountDuplicates(nearby));
    body["vergelijkbare_meldingen"] = similar;
  }
  if (!created.follow_token.empty()) {
    body["volgcode"] = created.follow_token;
    body["volg_url"] = "/volgen/" + created.follow_token;
  }
  Response r = Response::Json(body.dump(), created.replayed ? 200 : 201);
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> FollowMelding(const Context& ctx, const Request& request,
                                 const Caller& /*caller*/) {
  StatusOr<signals::Melding> m = ctx.service->GetByFollowToken(request.path_params.at(0));
  if (!m.ok()) {
    return NotFoundError("Deze volgcode hoort niet bij een melding.");
  }
  ASSIGN_OR_RETURN(auto history, ctx.service->History(m->tenant, m->id));
  json body = internal::EncodePublicMelding(*m, history, ctx.service->catalog());
  // Merged into another melding: its reporter now follows that one, and sees of it
  // exactly what that melding's own follow page shows (no more).
  if (!m->duplicate_of.empty()) {
    ASSIGN_OR_RETURN(signals::Melding main, ctx.service->Get(m->tenant, m->duplicate_of));
    ASSIGN_OR_RETURN(auto main_history, ctx.service->History(main.tenant, main.id));
    body["samengevoegd_met"] =
        internal::EncodePublicMelding(main, main_history, ctx.service->catalog());
  }
  Response r = Response::Json(body.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

// Open meldingen of public-map categories, coarsened to the centre of a 100 m cell, without
// text or persons: what a resident may see on the public map.
StatusOr<Response> PublicMap(const Context& ctx, const Request& /*request*/,
                             const Caller& /*caller*/) {
  signals::ListQuery q;
  q.tenant = ctx.gate.services().options.tenant;
  q.open = true;
  q.visibility = {Sensitivity::kInternal};
  q.received_from = ctx.gate.services().clock.Now() - std::chrono::days(84);
  for (const signals::Category& c : ctx.service->catalog().categories()) {
    if (c.on_public_map && c.sensitivity <= Sensitivity::kInternal) {
      q.categories.push_back(c.code);
    }
  }
  q.limit = 500;
  json features = json::array();
  for (int page = 0; page < 20; ++page) {
    ASSIGN_OR_RETURN(signals::Page p, ctx.service->List(q));
    for (const signals::Melding& m : p.items) {
      StatusOr<geo::WgsPoint> w = internal::PublicLocation(m);
      if (!w.ok()) continue;
      const signals::Category* c = ctx.service->catalog().Find(m.category);
      features.push_back({{"type", "Feature"},
                          {"geometry", {{"type", "Point"}, {"coordinates", {w->lon, w->lat}}}},
                          {"properties",
                           {{"categorie", c != nullptr ? c->public_name : m.category},
                            {"status", std::string(signals::StateName(m.state))},
                            {"datum", FormatDate(AmsterdamDate(m.received_at))}}}});
    }
    if (p.next_cursor.empty()) break;
    q.cursor = p.next_cursor;
  }
  Response r =
      Response::Json(json{{"type", "FeatureCollection"}, {"features", std::move(features)}}.dump());
  r.content_type = "application/geo+json";
  r.headers.emplace("Cache-Control", "public, max-age=60");
  return r;
}

// Before a resident sends a melding: open meldingen of the same public category near the spot
// (50 m, 12 weeks), so the form can say "this was already reported". Only categories on the
// public map; locations coarsened as on the map, no text or persons.
StatusOr<Response> SimilarMeldingen(const Context& ctx, const Request& request,
                                    const Caller& /*caller*/) {
  const std::string code = request.Query("categorie");
  if (code.empty()) return InvalidArgumentError("Geef de categorie.", "categorie");
  ASSIGN_OR_RETURN(const signals::Category* c, ctx.service->catalog().Require(code, "categorie"));
  ASSIGN_OR_RETURN(double lon, QueryCoordinate(request, "lon", 2.0, 8.0));
  ASSIGN_OR_RETURN(double lat, QueryCoordinate(request, "lat", 50.0, 54.5));
  json items = json::array();
  int64_t count = 0;
  if (c->on_public_map && c->sensitivity <= Sensitivity::kInternal) {
    ASSIGN_OR_RETURN(geo::RdPoint rd, geo::WgsToRd(geo::WgsPoint{lon, lat}));
    signals::DuplicateQuery q;
    q.tenant = ctx.gate.services().options.tenant;
    q.category = c->code;
    q.x = rd.x;
    q.y = rd.y;
    q.at = ctx.gate.services().clock.Now();
    q.limit = 10;
    ASSIGN_OR_RETURN(auto found, ctx.service->FindDuplicates(q));
    q.limit = kMaxSimilarCount;
    ASSIGN_OR_RETURN(count, ctx.service->CountDuplicates(q));
    for (const signals::Melding& m : found) {
      StatusOr<geo::WgsPoint> w = internal::PublicLocation(m);
      if (!w.ok()) continue;
      items.push_back({{"categorie", c->public_name},
                       {"status", std::string(signals::StateName(m.state))},
                       {"datum", FormatDate(AmsterdamDate(m.received_at))},
                       {"locatie", {{"type", "Point"}, {"coordinates", {w->lon, w->lat}}}}});
    }
  }
  Response r = Response::Json(json{{"aantal", count}, {"meldingen", std::move(items)}}.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> SuggestCategory(const Context& ctx, const Request& request,
                                   const Caller& /*caller*/) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  if (!body.contains("tekst") || !body["tekst"].is_string()) {
    return InvalidArgumentError("Geef de tekst van de melding.", "tekst");
  }
  const std::string text = body["tekst"].get<std::string>();
  if (text.size() > 5000) {
    return InvalidArgumentError("Een tekst heeft hoogstens 5000 tekens.", "tekst");
  }
  classify::Suggestion s;
  if (ctx.suggester) s = ctx.suggester->Suggest(text);
  return Response::Json(SuggestionJson(s, ctx.service->catalog()).dump());
}

StatusOr<Response> RecordSatisfaction(const Context& ctx, const Request& request,
                                      const Caller& /*caller*/) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  if (!body.contains("tevreden") || !body["tevreden"].is_boolean()) {
    return InvalidArgumentError("Geef aan of u tevreden bent (true of false).", "tevreden");
  }
  std::string comment;
  if (body.contains("toelichting") && body["toelichting"].is_string()) {
    comment = body["toelichting"].get<std::string>();
  }
  StatusOr<signals::Melding> m =
      ctx.service->RecordFeedback(request.path_params.at(0), body["tevreden"].get<bool>(), comment);
  if (!m.ok() && m.status().code() == StatusCode::kNotFound) {
    return NotFoundError("Deze volgcode hoort niet bij een melding.");
  }
  if (!m.ok()) return m.status();
  return Response::Json(json{{"nummer", m->number},
                             {"status",
                              {{"code", std::string(signals::StateCode(m->state))},
                               {"naam", std::string(signals::StateName(m->state))}}}}
                            .dump());
}

StatusOr<Response> ListCategories(const Context& ctx, const Request& /*request*/,
                                  const Caller& caller) {
  const bool staff = caller.signed_in && caller.principal.role != security::Role::kResident;
  Response r = Response::Json(CategoriesJson(ctx.service->catalog(), staff).dump());
  return r;
}

StatusOr<Response> ListMeldingen(const Context& ctx, const Request& request, const Caller& caller) {
  RETURN_IF_ERROR(RefuseResidents(caller));
  ASSIGN_OR_RETURN(signals::ListQuery q, DecodeListQuery(request, caller.principal.tenant));
  FillVisibility(caller, q);
  ASSIGN_OR_RETURN(signals::Page page, ctx.service->List(q));
  const Timestamp now = ctx.gate.services().clock.Now();
  // Every confidential or special record shown is a read the auditor must find.
  RETURN_IF_ERROR(MaskAndAuditPage(ctx, caller, request, page.items, Action::kRead, "melding.lijst",
                                   /*enforce=*/false)
                      .status());
  json items = json::array();
  for (const signals::Melding& m : page.items) items.push_back(MeldingJson(ctx, caller, m, now));
  json body = {{"meldingen", std::move(items)}};
  if (!page.next_cursor.empty()) {
    body["volgende"] = page.next_cursor;
  }
  Response r = Response::Json(body.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> ExportMeldingen(const Context& ctx, const Request& request,
                                   const Caller& caller) {
  RETURN_IF_ERROR(RefuseResidents(caller));
  const std::string code = request.Query("formaat").empty() ? "csv" : request.Query("formaat");
  ASSIGN_OR_RETURN(signals::ExportFormat format, signals::ParseExportFormat(code));
  ASSIGN_OR_RETURN(signals::ListQuery q, DecodeListQuery(request, caller.principal.tenant));
  FillVisibility(caller, q);
  std::ostringstream out;
  signals::MeldingExporter exporter(format, ctx.service->catalog(), out);
  // Per page, before any of it is written: the mask per record, and an audit entry for
  // every confidential or special record that leaves the system.
  auto decide = [&](const std::vector<signals::Melding>& page) -> StatusOr<std::vector<bool>> {
    return MaskAndAuditPage(ctx, caller, request, page, Action::kExport, "meldingen.export",
                            /*enforce=*/true);
  };
  RETURN_IF_ERROR(signals::ExportList(*ctx.service, q, exporter, decide, kMaxExportRows));
  Response r;
  r.content_type = std::string(signals::ExportContentType(format));
  r.body = out.str();
  r.headers.emplace(
      "Content-Disposition",
      "attachment; filename=\"meldingen." + std::string(signals::ExportExtension(format)) + "\"");
  r.headers.emplace("Cache-Control", "private, no-store");
  return r;
}

// The colleagues a melding of this department can be assigned to (the reassign dialog): names
// and user names only, for staff who may handle meldingen of the department. Not for API keys:
// who works where is for people at a desk, not for a linked system.
StatusOr<Response> ListAssignees(const Context& ctx, const Request& request, const Caller& caller) {
  RETURN_IF_ERROR(RefuseResidents(caller));
  if (!caller.api_client_id.empty()) {
    return PermissionDeniedError(
        "Met een API-sleutel zijn de medewerkers van een afdeling niet op te vragen.");
  }
  const std::string code = request.path_params.at(0);
  const signals::Department* d = ctx.service->catalog().FindDepartment(code);
  if (d == nullptr) return NotFoundError("Afdeling '" + code + "' bestaat niet.");
  // As for a melding of this department: another municipality's staff are refused here.
  const std::string tenant = ctx.gate.services().options.tenant;
  RETURN_IF_ERROR(security::ToStatus(security::Decide(
      AccessFor(caller, Action::kUpdate, Sensitivity::kInternal, tenant, d->code))));
  ASSIGN_OR_RETURN(std::vector<security::User> users,
                   ctx.gate.services().accounts.Assignable(tenant, d->code));
  json items = json::array();
  for (const security::User& u : users) {
    items.push_back({{"gebruikersnaam", u.username},
                     {"naam", u.display_name.empty() ? u.username : u.display_name}});
  }
  Response r = Response::Json(
      json{{"afdeling", {{"code", d->code}, {"naam", d->name}}}, {"behandelaars", items}}.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> CreateMelding(const Context& ctx, const Request& request, const Caller& caller) {
  RETURN_IF_ERROR(RefuseResidents(caller));
  ASSIGN_OR_RETURN(signals::NewMelding input, internal::DecodeNewMelding(request.body));
  input.tenant = caller.principal.tenant;
  input.idempotency_key = request.Header("Idempotency-Key");
  if (input.category.empty()) {
    return InvalidArgumentError("Kies een categorie.", "categorie");
  }
  const signals::Category* c = ctx.service->catalog().Find(input.category);
  if (c != nullptr) {
    // Staff may only create what they may handle (e.g. no trafficking signals
    // for a boa: those go through the public form or the coordinator).
    RETURN_IF_ERROR(security::ToStatus(security::Decide(
        AccessFor(caller, Action::kCreate, c->sensitivity, input.tenant, c->department))));
  }
  ASSIGN_OR_RETURN(signals::Created created, ctx.service->Create(input, ActorOf(caller, request)));
  if (created.replayed) {
    // The caller's own earlier request, shown as a read of it now: refused or audited as
    // GET /meldingen/{id}, masked as that read would be.
    RETURN_IF_ERROR(
        AuthorizeRecord(ctx, caller, request, created.melding, Action::kRead, "melding.lezen")
            .status());
    return MeldingResponse(ctx, caller, created.melding, 200);
  }
  Response r = MeldingResponse(ctx, caller, created.melding, 201);
  // Possible duplicates, so the handler can merge right away (numbers only: opening one
  // goes through the policy like any read).
  signals::DuplicateQuery nearby = SimilarTo(created.melding);
  nearby.limit = 10;
  ASSIGN_OR_RETURN(auto nearby_found, ctx.service->FindDuplicates(nearby));
  const std::vector<signals::Melding> similar = ReadableBy(caller, std::move(nearby_found));
  json body = json::parse(r.body);
  json hints = json::array();
  for (const signals::Melding& o : similar) {
    hints.push_back(
        {{"id", o.id},
         {"nummer", o.number},
         {"status", std::string(signals::StateCode(o.state))},
         {"afstand_m", std::round(std::hypot(o.x - created.melding.x, o.y - created.melding.y))}});
  }
  body["mogelijke_duplicaten"] = std::move(hints);
  r.body = body.dump();
  r.headers.emplace("Location", "/api/v1/meldingen/" + created.melding.id);
  return r;
}

StatusOr<Response> GetMelding(const Context& ctx, const Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kRead, "melding.lezen"));
  return MeldingResponse(ctx, caller, m);
}

StatusOr<Response> GetHistory(const Context& ctx, const Request& request, const Caller& caller) {
  security::Decision d;
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kRead, "melding.historie", &d));
  ASSIGN_OR_RETURN(auto history, ctx.service->History(m.tenant, m.id));
  const ActorNames names(ctx.gate.services(), m.tenant);
  json items = json::array();
  for (const auto& h : history) {
    json j = internal::EncodeHistory(h, d.mask_personal_data);
    j["door"] = names.Actor(h.actor);
    if (h.kind == signals::HistoryKind::kAssignee) {
      j["van"] = names.Username(h.from);
      j["naar"] = names.Username(h.to);
    }
    items.push_back(std::move(j));
  }
  return Response::Json(json{{"historie", std::move(items)}}.dump());
}

StatusOr<Response> ChangeStatus(const Context& ctx, const Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  if (!body.contains("status") || !body["status"].is_string()) {
    return InvalidArgumentError("Geef de nieuwe status.", "status");
  }
  signals::StatusChange change;
  ASSIGN_OR_RETURN(change.to, signals::ParseState(body["status"].get<std::string>()));
  if (body.contains("tekst_melder") && body["tekst_melder"].is_string()) {
    change.reporter_text = body["tekst_melder"].get<std::string>();
  }
  if (body.contains("notitie") && body["notitie"].is_string()) {
    change.note = body["notitie"].get<std::string>();
  }
  change.expected_version = internal::IfMatchVersion(request.Header("If-Match"));
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kUpdate, "melding.status"));
  ASSIGN_OR_RETURN(signals::Melding updated,
                   ctx.service->ChangeStatus(m.tenant, m.id, change, ActorOf(caller, request)));
  return MeldingResponse(ctx, caller, updated);
}

// PATCH's afdeling and behandelaar: both checked (a known department, an assignee who may take
// the melding on there), then assigned together.
StatusOr<signals::Melding> Reassign(const Context& ctx, const json& body, const signals::Melding& m,
                                    const signals::Actor& actor) {
  std::string department = m.department;
  std::string assignee = m.assignee;
  if (body.contains("afdeling")) {
    if (!body["afdeling"].is_string()) {
      return InvalidArgumentError("Geef een afdelingscode.", "afdeling");
    }
    department = body["afdeling"].get<std::string>();
    if (ctx.service->catalog().FindDepartment(department) == nullptr) {
      return InvalidArgumentError("Onbekende afdeling '" + department + "'.", "afdeling");
    }
  }
  if (body.contains("behandelaar")) {
    if (!body["behandelaar"].is_string() && !body["behandelaar"].is_null()) {
      return InvalidArgumentError("Geef de gebruikersnaam van de behandelaar.", "behandelaar");
    }
    assignee =
        body["behandelaar"].is_string() ? body["behandelaar"].get<std::string>() : std::string();
    RETURN_IF_ERROR(CheckAssignee(ctx, m, department, assignee));
  }
  return ctx.service->Assign(m.tenant, m.id, department, assignee, actor);
}

StatusOr<Response> PatchMelding(const Context& ctx, const Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kUpdate, "melding.wijzigen"));
  const signals::Actor actor = ActorOf(caller, request);
  std::optional<int64_t> version = internal::IfMatchVersion(request.Header("If-Match"));
  if (version && *version != m.version) {
    return Status(StatusCode::kFailedPrecondition,
                  "Deze melding is intussen door iemand anders gewijzigd. Laad haar opnieuw.",
                  std::string(kIfMatchField));
  }
  bool changed = false;
  if (body.contains("categorie")) {
    if (!body["categorie"].is_string()) {
      return InvalidArgumentError("Geef een categoriecode.", "categorie");
    }
    const std::string code = body["categorie"].get<std::string>();
    ASSIGN_OR_RETURN(const signals::Category* c, ctx.service->catalog().Require(code, "categorie"));
    // Moving a melding into a class the caller may not handle would hide it from them.
    RETURN_IF_ERROR(security::ToStatus(security::Decide(
        AccessFor(caller, Action::kUpdate, c->sensitivity, m.tenant, c->department))));
    ASSIGN_OR_RETURN(m, ctx.service->Recategorise(m.tenant, m.id, code, actor, version));
    changed = true;
  }
  if (body.contains("prioriteit")) {
    if (!body["prioriteit"].is_string()) {
      return InvalidArgumentError("Kies laag, normaal of hoog.", "prioriteit");
    }
    ASSIGN_OR_RETURN(signals::Priority p,
                     signals::ParsePriority(body["prioriteit"].get<std::string>()));
    ASSIGN_OR_RETURN(m, ctx.service->SetPriority(m.tenant, m.id, p, actor));
    changed = true;
  }
  if (body.contains("afdeling") || body.contains("behandelaar")) {
    ASSIGN_OR_RETURN(m, Reassign(ctx, body, m, actor));
    changed = true;
  }
  if (!changed) {
    return InvalidArgumentError(
        "Geef iets om te wijzigen: categorie, prioriteit, afdeling of behandelaar.", "body");
  }
  return MeldingResponse(ctx, caller, m);
}

StatusOr<Response> AddNote(const Context& ctx, const Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  if (!body.contains("tekst") || !body["tekst"].is_string() ||
      body["tekst"].get<std::string>().empty()) {
    return InvalidArgumentError("Schrijf de notitie.", "tekst");
  }
  const bool for_reporter = body.contains("voor_melder") && body["voor_melder"].is_boolean() &&
                            body["voor_melder"].get<bool>();
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kUpdate, "melding.notitie"));
  RETURN_IF_ERROR(ctx.service->AddNote(m.tenant, m.id, body["tekst"].get<std::string>(),
                                       for_reporter, ActorOf(caller, request)));
  return Response::Json(json{{"opgeslagen", true}}.dump(), 201);
}

StatusOr<Response> ListDuplicates(const Context& ctx, const Request& request,
                                  const Caller& caller) {
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kRead, "melding.duplicaten"));
  // Only what a direct read would show, masked and audited as that read. Both ways in
  // time: the older of two meldingen lists the newer as the newer lists the older.
  signals::DuplicateQuery query = SimilarTo(m);
  query.after = query.period;
  ASSIGN_OR_RETURN(auto nearby, ctx.service->FindDuplicates(query));
  const std::vector<signals::Melding> found = ReadableBy(caller, std::move(nearby));
  ASSIGN_OR_RETURN(std::vector<bool> masks,
                   MaskAndAuditPage(ctx, caller, request, found, Action::kRead,
                                    "melding.duplicaten", /*enforce=*/true));
  json items = json::array();
  const Timestamp now = ctx.gate.services().clock.Now();
  for (size_t i = 0; i < found.size(); ++i) {
    const signals::Melding& o = found[i];
    json j = internal::EncodeMelding(o, ctx.service->catalog(), now, masks[i]);
    j["afstand_m"] = std::round(std::hypot(o.x - m.x, o.y - m.y));
    items.push_back(std::move(j));
  }
  return Response::Json(json{{"duplicaten", std::move(items)}}.dump());
}

StatusOr<Response> MergeMelding(const Context& ctx, const Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  if (!body.contains("origineel") || !body["origineel"].is_string()) {
    return InvalidArgumentError("Geef de melding waarmee wordt samengevoegd.", "origineel");
  }
  ASSIGN_OR_RETURN(signals::Melding dup,
                   LoadForCaller(ctx, caller, request, Action::kUpdate, "melding.samenvoegen"));
  ASSIGN_OR_RETURN(signals::Melding original,
                   ctx.service->Get(dup.tenant, body["origineel"].get<std::string>()));
  ASSIGN_OR_RETURN(security::Decision d, AuthorizeRecord(ctx, caller, request, original,
                                                         Action::kUpdate, "melding.samenvoegen"));
  (void)d;
  ASSIGN_OR_RETURN(
      signals::Melding merged,
      ctx.service->MergeDuplicate(dup.tenant, dup.id, original.id, ActorOf(caller, request)));
  return MeldingResponse(ctx, caller, merged);
}

// Splits a melding about several things into deelmeldingen, one per {"categorie", "tekst"};
// each part is routed and gets its own deadline. The caller must be allowed to create meldingen
// of every part's category (as on the staff create).
StatusOr<Response> SplitMelding(const Context& ctx, const Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  if (!body.contains("delen") || !body["delen"].is_array()) {
    return InvalidArgumentError("Geef de delen als lijst van {categorie, tekst}.", "delen");
  }
  if (body["delen"].size() > 10) {
    return InvalidArgumentError("Splits in hoogstens 10 delen.", "delen");
  }
  std::vector<std::pair<std::string, std::string>> parts;
  for (size_t i = 0; i < body["delen"].size(); ++i) {
    const json& part = body["delen"][i];
    const std::string field = "delen[" + std::to_string(i) + "]";
    if (!part.is_object() || !part.contains("categorie") || !part["categorie"].is_string()) {
      return InvalidArgumentError("Kies een categorie.", field + ".categorie");
    }
    if (!part.contains("tekst") || !part["tekst"].is_string()) {
      return InvalidArgumentError("Geef een tekst.", field + ".tekst");
    }
    parts.emplace_back(part["categorie"].get<std::string>(), part["tekst"].get<std::string>());
  }
  ASSIGN_OR_RETURN(signals::Melding parent,
                   LoadForCaller(ctx, caller, request, Action::kUpdate, "melding.splitsen"));
  for (size_t i = 0; i < parts.size(); ++i) {
    ASSIGN_OR_RETURN(const signals::Category* c,
                     ctx.service->catalog().Require(parts[i].first,
                                                    "delen[" + std::to_string(i) + "].categorie"));
    RETURN_IF_ERROR(security::ToStatus(security::Decide(
        AccessFor(caller, Action::kCreate, c->sensitivity, parent.tenant, c->department))));
  }
  ASSIGN_OR_RETURN(auto children,
                   ctx.service->Split(parent.tenant, parent.id, parts, ActorOf(caller, request)));
  json items = json::array();
  const Timestamp now = ctx.gate.services().clock.Now();
  for (const signals::Melding& m : children) {
    items.push_back(MeldingJson(ctx, caller, m, now));
  }
  return Response::Json(json{{"deelmeldingen", std::move(items)}}.dump(), 201);
}

StatusOr<Response> GetAttachment(const Context& ctx, const Request& request, const Caller& caller) {
  security::Decision d;
  ASSIGN_OR_RETURN(signals::Melding m,
                   LoadForCaller(ctx, caller, request, Action::kRead, "melding.bijlage", &d));
  // A photo is personal data as much as the reporter's name: a masked record
  // shows none of its files.
  if (d.mask_personal_data) {
    return PermissionDeniedError(
        "De bijlagen van deze melding zijn afgeschermd: u mag de "
        "persoonsgegevens van deze melding niet inzien.");
  }
  const std::string& attachment_id = request.path_params.at(1);
  ASSIGN_OR_RETURN(std::string bytes, ctx.service->ReadAttachment(m.tenant, m.id, attachment_id));
  std::string type = "application/octet-stream";
  for (const signals::Attachment& a : m.attachments) {
    if (a.id == attachment_id) type = a.content_type;
  }
  Response r;
  r.content_type = type;
  r.body = std::move(bytes);
  r.headers.emplace("Cache-Control", "private, no-store");
  r.headers.emplace("Content-Disposition", "attachment");
  return r;
}

// The answer to a limits request: what the intake accepts, so the form checks the same.
StatusOr<Response> ShowIntakeLimits(const Context& ctx, const Request& /*request*/,
                                    const Caller& /*caller*/) {
  const signals::IntakeLimits& l = ctx.service->limits();
  json body = {{"tekst_min_tekens", l.min_text},
               {"tekst_max_tekens", l.max_text},
               {"bijlagen_max_aantal", l.max_attachments},
               {"bijlage_max_bytes", l.max_attachment_bytes},
               {"bijlage_types", l.attachment_types},
               // The whole request, photos in base64 (4/3 of their size) included.
               {"verzoek_max_bytes", ctx.gate.server().options().max_body_bytes}};
  Response r = Response::Json(body.dump());
  r.headers.emplace("Cache-Control", "public, max-age=300");
  return r;
}

// ---- Schemas of the bodies built above (route_spec.h), beside the code that builds them. ----

using namespace internal::schema;  // NOLINT: the schema builders read as a grammar

json ReceiptBody() {
  return Obj({{"nummer", Str()},
              {"categorie", Str("de publieke naam van de categorie")},
              {"afhandelbericht", Str()},
              {"afhandeltermijn", Str("in woorden, bijvoorbeeld '5 werkdagen'")},
              {"status", Str("de naam van de status")},
              {"vergelijkbare_meldingen",
               Described(Int(), "open meldingen van dezelfde soort dichtbij (hooguit 100)")},
              {"volgcode", Str()},
              {"volg_url", Str()}},
             {"nummer", "categorie", "afhandelbericht", "afhandeltermijn", "status"});
}
json PublicMapBody() {
  json feature =
      Full({{"type", Enum({"Feature"})},
            {"geometry", Point()},
            {"properties", Full({{"categorie", Str()}, {"status", Str()}, {"datum", Date()}})}});
  return Full({{"type", Enum({"FeatureCollection"})}, {"features", Arr(feature)}});
}
json SimilarBody() {
  json item =
      Full({{"categorie", Str()}, {"status", Str()}, {"datum", Date()}, {"locatie", Point()}});
  return Full({{"aantal", Int()}, {"meldingen", Arr(item)}});
}
json SuggestionRequestBody() {
  json text = Str();
  text["maxLength"] = 5000;
  return Full({{"tekst", text}});
}
json SuggestionBody() {
  return Obj({{"niveau", Str("hoe zeker: sub, hoofd of geen")},
              {"zekerheid", Num()},
              {"categorie", CodeName()},
              {"hoofdcategorie", CodeName()}},
             {"niveau", "zekerheid"});
}
json SatisfactionRequestBody() {
  return Obj({{"tevreden", Bool()}, {"toelichting", Str()}}, {"tevreden"});
}
json SatisfactionBody() {
  return Full({{"nummer", Str()}, {"status", CodeName()}});
}
json CategoriesBody() {
  json sub =
      Obj({{"code", Str()},
           {"naam", Str()},
           {"omschrijving", Str()},
           {"afhandeltermijn", Str()},
           {"op_openbare_kaart", Bool()},
           {"gevoeligheid", Str()},
           {"afdeling", Str("alleen voor medewerkers")},
           {"mor", Full({{"hoofd", Str()}, {"sub", Str()}})},
           {"publieke_naam", Str()},
           {"afhandelbericht", Str()},
           {"termijn", Obj({{"werkdagen", Int()}, {"uren", Int()}})},
           {"versie", Int()}},
          {"code", "naam", "omschrijving", "afhandeltermijn", "op_openbare_kaart", "gevoeligheid"});
  json main = Full({{"code", Str()}, {"naam", Str()}, {"subcategorieen", Arr(sub)}});
  return Obj({{"versie", Int()},
              {"hoofdcategorieen", Arr(main)},
              {"afdelingen", Described(Arr(CodeName()), "alleen voor medewerkers")}},
             {"versie", "hoofdcategorieen"});
}
json LimitsBody() {
  return Full({{"tekst_min_tekens", Int()},
               {"tekst_max_tekens", Int()},
               {"bijlagen_max_aantal", Int()},
               {"bijlage_max_bytes", Int()},
               {"bijlage_types", Arr(Str())},
               {"verzoek_max_bytes",
                Described(Int(), "het hele verzoek, bijlagen in base64 (4/3 van hun grootte)")}});
}
json MeldingListBody() {
  return Obj({{"meldingen", Arr(SchemaRef(internal::MeldingSchema()))},
              {"volgende", Str("cursor van de volgende pagina; ontbreekt op de laatste")}},
             {"meldingen"});
}
json AssigneesBody() {
  return Full({{"afdeling", CodeName()},
               {"behandelaars", Arr(Full({{"gebruikersnaam", Str()}, {"naam", Str()}}))}});
}
json HistoryBody() {
  return Full({{"historie", Arr(SchemaRef(internal::HistoryEntrySchema()))}});
}
json StatusChangeBody() {
  return Obj({{"status", Str("statuscode")}, {"tekst_melder", Str()}, {"notitie", Str()}},
             {"status"});
}
json PatchBody() {
  return Obj({{"categorie", Str()},
              {"prioriteit", Enum({"laag", "normaal", "hoog"})},
              {"afdeling", Str()},
              {"behandelaar", Nullable(Str("gebruikersnaam; null: niemand"))}});
}
json NoteBody() {
  json text = Str();
  text["minLength"] = 1;
  return Obj({{"tekst", text}, {"voor_melder", Bool()}}, {"tekst"});
}
json NoteSavedBody() {
  return Full({{"opgeslagen", Bool()}});
}
json DuplicatesBody() {
  return Full({{"duplicaten", Arr(SchemaRef(internal::MeldingSchema()))}});
}
json MergeBody() {
  return Full({{"origineel", Str("id of nummer van de melding die blijft")}});
}
json SplitBody() {
  json parts = Arr(Full({{"categorie", Str()}, {"tekst", Str()}}));
  parts["maxItems"] = 10;
  return Full({{"delen", parts}});
}
json SplitResultBody() {
  return Full({{"deelmeldingen", Arr(SchemaRef(internal::MeldingSchema()))}});
}

#define BAKEN_SCHEMA(fn, name, body, ...)                 \
  const SchemaDef& fn() {                                 \
    static const SchemaDef s{name, &body, {__VA_ARGS__}}; \
    return s;                                             \
  }
BAKEN_SCHEMA(ReceiptSchema, "Ontvangstbevestiging", ReceiptBody)
BAKEN_SCHEMA(PublicMapSchema, "OpenbareKaart", PublicMapBody)
BAKEN_SCHEMA(SimilarSchema, "VergelijkbareMeldingen", SimilarBody)
BAKEN_SCHEMA(SuggestionRequestSchema, "SuggestieVraag", SuggestionRequestBody)
BAKEN_SCHEMA(SuggestionSchema, "CategorieSuggestie", SuggestionBody)
BAKEN_SCHEMA(SatisfactionRequestSchema, "Tevredenheid", SatisfactionRequestBody)
BAKEN_SCHEMA(SatisfactionSchema, "TevredenheidOntvangen", SatisfactionBody)
BAKEN_SCHEMA(CategoriesSchema, "Categorieen", CategoriesBody)
BAKEN_SCHEMA(LimitsSchema, "Limieten", LimitsBody)
BAKEN_SCHEMA(MeldingListSchema, "MeldingLijst", MeldingListBody, &internal::MeldingSchema())
BAKEN_SCHEMA(AssigneesSchema, "Behandelaars", AssigneesBody)
BAKEN_SCHEMA(HistorySchema, "Historie", HistoryBody, &internal::HistoryEntrySchema())
BAKEN_SCHEMA(StatusChangeSchema, "Statuswijziging", StatusChangeBody)
BAKEN_SCHEMA(PatchSchema, "MeldingWijziging", PatchBody)
BAKEN_SCHEMA(NoteSchema, "Notitie", NoteBody)
BAKEN_SCHEMA(NoteSavedSchema, "NotitieOpgeslagen", NoteSavedBody)
BAKEN_SCHEMA(DuplicatesSchema, "Duplicaten", DuplicatesBody, &internal::MeldingSchema())
BAKEN_SCHEMA(MergeSchema, "Samenvoeging", MergeBody)
BAKEN_SCHEMA(SplitSchema, "Splitsing", SplitBody)
BAKEN_SCHEMA(SplitResultSchema, "Deelmeldingen", SplitResultBody, &internal::MeldingSchema())
#undef BAKEN_SCHEMA

// ---- The routes, each declared once (route_spec.h). ----

const std::string kItem = std::string("/api/v1/meldingen/") + kIdPattern;
const ParamDecl kIdParam = {"id", "path", "id (UUID) of nummer (M-2026-000123) van de melding"};
const ParamDecl kPurposeParam = {"X-Baken-Doel", "header",
                                 "doelbinding: melding_afhandelen, analyse, ..."};
const ParamDecl kFollowCodeParam = {"volgcode", "path", "uit de ontvangstbevestiging"};

RouteDecl PublicRoute(std::string method, std::string pattern, std::string path,
                      std::string summary, std::vector<ResponseDecl> responses) {
  RouteDecl d;
  d.method = std::move(method);
  d.pattern = std::move(pattern);
  d.path = std::move(path);
  d.tag = "publiek";
  d.summary = std::move(summary);
  d.access = RouteAccess::kPublic;
  d.responses = std::move(responses);
  return d;
}

// A staff route on case data: the policy decides with this action for these purposes.
RouteDecl StaffRoute(std::string method, std::string pattern, std::string path, Action action,
                     const std::vector<Purpose>& purposes, std::string audit_action,
                     std::string summary, std::vector<ResponseDecl> responses) {
  RouteDecl d;
  d.method = std::move(method);
  d.pattern = std::move(pattern);
  d.path = std::move(path);
  d.tag = "meldingen";
  d.summary = std::move(summary);
  d.access = RouteAccess::kPolicy;
  d.policy = {"",
              "",
              Resource::kCaseData,
              action,
              Sensitivity::kInternal,
              purposes,
              std::move(audit_action)};
  d.responses = std::move(responses);
  return d;
}

ResponseDecl MeldingAnswer(int status = 200) {
  return {status, status == 201 ? "aangemaakt" : "de melding (ETag = versie)",
          &internal::MeldingSchema()};
}

using MeldingHandler = StatusOr<Response> (*)(const Context&, const Request&, const Caller&);

void Add(const Context& ctx, RouteDecl decl, MeldingHandler handler) {
  AccessGate gate = ctx.gate;
  gate.Route(std::move(decl), [ctx, handler](const Request& request, const Caller& caller) {
    return handler(ctx, request, caller);
  });
}

void RegisterPublicRoutes(const Context& ctx) {
  RouteDecl create = PublicRoute(
      "POST", "/api/v1/publiek/meldingen", "", "Een melding doen (bewoner)",
      {{201, "ontvangen", &ReceiptSchema()},
       {200, "hetzelfde verzoek met dezelfde Idempotency-Key: hetzelfde antwoord, niets dubbel",
        &ReceiptSchema()}});
  create.params = {{"Idempotency-Key", "header",
                    "zelfde sleutel en zelfde verzoek: zelfde antwoord, niets dubbel; ander "
                    "verzoek: 422"}};
  create.request = &internal::NewMeldingSchema();
  create.policy.rate_group = std::string(kRatePublicIntake);
  Add(ctx, std::move(create), CreatePublicMelding);

  RouteDecl follow = PublicRoute(
      "GET", R"(/api/v1/publiek/meldingen/([A-Za-z0-9_-]{16,128}))",
      "/api/v1/publiek/meldingen/{volgcode}", "Een melding volgen met de volgcode",
      {{200, "de melding zoals de melder haar ziet", &internal::PublicMeldingSchema()}});
  follow.params = {kFollowCodeParam};
  Add(ctx, std::move(follow), FollowMelding);

  Add(ctx,
      PublicRoute("GET", "/api/v1/publiek/kaart", "",
                  "Openbare kaart: open meldingen per 100 m-vak (GeoJSON)",
                  {{200, "GeoJSON", &PublicMapSchema(), "application/geo+json"}}),
      PublicMap);

  RouteDecl similar =
      PublicRoute("GET", "/api/v1/publiek/vergelijkbare-meldingen", "",
                  "Al gemeld? Open meldingen van dezelfde categorie binnen 50 m (12 weken)",
                  {{200, "hooguit 10 meldingen en het aantal (tot 100)", &SimilarSchema()}});
  similar.params = {{"categorie", "query", "subcategoriecode", "string", {}, true},
                    {"lon", "query", "lengtegraad (WGS84)", "number", {}, true},
                    {"lat", "query", "breedtegraad (WGS84)", "number", {}, true}};
  Add(ctx, std::move(similar), SimilarMeldingen);

  RouteDecl suggest = PublicRoute("POST", "/api/v1/publiek/categorie-suggestie", "",
                                  "Categorie voorstellen bij een tekst (tekstclassificatie)",
                                  {{200, "de voorgestelde categorie", &SuggestionSchema()}});
  suggest.request = &SuggestionRequestSchema();
  Add(ctx, std::move(suggest), SuggestCategory);

  RouteDecl satisfaction =
      PublicRoute("POST", R"(/api/v1/publiek/meldingen/([A-Za-z0-9_-]{16,128})/tevredenheid)",
                  "/api/v1/publiek/meldingen/{volgcode}/tevredenheid",
                  "Tevredenheid na afhandeling (KTO); ontevreden heropent de melding",
                  {{200, "ontvangen", &SatisfactionSchema()}});
  satisfaction.params = {kFollowCodeParam};
  satisfaction.request = &SatisfactionRequestSchema();
  satisfaction.policy.rate_group = std::string(kRatePublicIntake);
  Add(ctx, std::move(satisfaction), RecordSatisfaction);

  RouteDecl categories = PublicRoute(
      "GET", "/api/v1/categorieen", "",
      "Hoofd- en subcategorieën (medewerkers zien ook afdelingen, MOR-codes en versies)",
      {{200, "de categorieën", &CategoriesSchema()}});
  categories.tag = "meldingen";
  Add(ctx, std::move(categories), ListCategories);

  Add(ctx,
      PublicRoute("GET", "/api/v1/publiek/limieten", "",
                  "Wat een melding mag bevatten: tekstlengte, aantal, grootte en soort bijlagen "
                  "(het formulier controleert hetzelfde als de server)",
                  {{200, "de grenzen", &LimitsSchema()}}),
      ShowIntakeLimits);
}

std::vector<ParamDecl> ListParams(bool paged) {
  std::vector<ParamDecl> p = {
      {"status", "query", "statuscodes, komma-gescheiden (gemeld,in_behandeling,...)"},
      {"categorie", "query", "sub- of hoofdcategoriecodes, komma-gescheiden"},
      {"afdeling", "query", "afdelingscodes"},
      {"wijk", "query", "CBS-wijkcodes (WK001400)"},
      {"buurt", "query", "CBS-buurtcodes"},
      {"behandelaar", "query", "gebruikersnaam van de behandelaar, of - voor niet toegewezen"},
      {"ontvangen_vanaf", "query", "RFC 3339, inclusief"},
      {"ontvangen_tot", "query", "RFC 3339, exclusief"},
      {"te_laat",
       "query",
       "true: open en over de termijn",
       "string",
       {"true", "false", "ja", "nee"}},
      {"open", "query", "true: niet afgesloten", "string", {"true", "false", "ja", "nee"}},
      {"zoek", "query", "woorden in de tekst (alle moeten voorkomen)"},
      {"sorteer",
       "query",
       "standaard -ontvangen",
       "string",
       {"-ontvangen", "ontvangen", "termijn"}},
      kPurposeParam};
  if (paged) {
    p.push_back({"limiet", "query", "1 tot en met 500, standaard 50", "integer"});
    p.push_back({"cursor", "query", "de waarde 'volgende' van de vorige pagina"});
  } else {
    p.push_back({"formaat", "query", "standaard csv", "string", {"csv", "xlsx", "geojson", "mor"}});
  }
  return p;
}

void RegisterListRoutes(const Context& ctx) {
  RouteDecl list = StaffRoute("GET", "/api/v1/meldingen", "", Action::kRead, kCasePurposes,
                              "meldingen.lijst", "Meldingen zoeken en filteren (cursor-paginering)",
                              {{200, "een pagina meldingen", &MeldingListSchema()}});
  list.params = ListParams(true);
  Add(ctx, std::move(list), ListMeldingen);

  // Registered before the item routes: "export" would otherwise match as a melding id.
  RouteDecl export_route = StaffRoute(
      "GET", "/api/v1/meldingen/export", "", Action::kExport, kCasePurposes, "meldingen.export",
      "Een gefilterde lijst als bestand: csv, xlsx, geojson of mor (VNG open data, "
      "geanonimiseerd); persoonsgegevens alleen waar de rol dat mag, vertrouwelijke meldingen "
      "gelogd",
      {{200, "het bestand: csv (ook MOR), xlsx of geojson", nullptr,
        "text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, "
        "application/geo+json"}});
  export_route.params = ListParams(false);
  Add(ctx, std::move(export_route), ExportMeldingen);

  // The colleagues a melding of this department can be assigned to (the reassign dialog).
  RouteDecl assignees = StaffRoute(
      "GET", std::string("/api/v1/afdelingen/") + kDepartmentPattern + "/behandelaars",
      "/api/v1/afdelingen/{code}/behandelaars", Action::kUpdate, kHandlePurposes,
      "afdeling.behandelaars",
      "De medewerkers aan wie een melding van deze afdeling kan worden toegewezen (naam en "
      "gebruikersnaam; voor medewerkers die meldingen behandelen, niet met een API-sleutel)",
      {{200, "de behandelaars", &AssigneesSchema()}});
  assignees.params = {{"code", "path", "code van de afdeling (stadsbeheer)"}};
  Add(ctx, std::move(assignees), ListAssignees);

  RouteDecl create = StaffRoute(
      "POST", "/api/v1/meldingen", "", Action::kCreate, kHandlePurposes, "melding.aanmaken",
      "Een melding aanmaken (medewerker, boa, telefoon)",
      {MeldingAnswer(201),
       {200, "eigen Idempotency-Key, zelfde verzoek: de melding zoals u die nu mag lezen",
        &internal::MeldingSchema()}});
  create.params = {{"Idempotency-Key", "header",
                    "eigen sleutel, zelfde verzoek: de melding zoals u die nu mag lezen; ander "
                    "verzoek: 422"}};
  create.request = &internal::NewMeldingSchema();
  Add(ctx, std::move(create), CreateMelding);
}

// The reads of one melding: each decided per record by the policy, confidential ones audited.
void RegisterItemReads(const Context& ctx) {
  const std::string path = "/api/v1/meldingen/{id}";
  RouteDecl get = StaffRoute("GET", kItem, path, Action::kRead, kCasePurposes, "melding.lezen",
                             "Eén melding (ETag = versie)", {MeldingAnswer()});
  get.params = {kIdParam, kPurposeParam};
  Add(ctx, std::move(get), GetMelding);

  RouteDecl history =
      StaffRoute("GET", kItem + "/historie", path + "/historie", Action::kRead, kCasePurposes,
                 "melding.historie", "Wat er met de melding gebeurde",
                 {{200, "de historie, oudste eerst", &HistorySchema()}});
  history.params = {kIdParam, kPurposeParam};
  Add(ctx, std::move(history), GetHistory);

  RouteDecl duplicates =
      StaffRoute("GET", kItem + "/duplicaten", path + "/duplicaten", Action::kRead, kCasePurposes,
                 "melding.duplicaten", "Mogelijke duplicaten (zelfde categorie, dichtbij, recent)",
                 {{200, "de duplicaten die u mag lezen, met afstand_m", &DuplicatesSchema()}});
  duplicates.params = {kIdParam};
  Add(ctx, std::move(duplicates), ListDuplicates);

  RouteDecl attachment =
      StaffRoute("GET", kItem + "/bijlagen/" + kIdPattern, path + "/bijlagen/{bijlage}",
                 Action::kRead, kCasePurposes, "melding.bijlage", "Een bijlage (foto of PDF)",
                 {{200, "het bestand, met zijn eigen type", nullptr,
                   "image/jpeg, image/png, image/webp, application/pdf"}});
  attachment.params = {kIdParam, {"bijlage", "path", "id van de bijlage"}};
  Add(ctx, std::move(attachment), GetAttachment);
}

// The changes to one melding: each answers the melding as it is now (or what was made).
void RegisterItemChanges(const Context& ctx) {
  const std::string path = "/api/v1/meldingen/{id}";

  RouteDecl status =
      StaffRoute("POST", kItem + "/statuswijzigingen", path + "/statuswijzigingen", Action::kUpdate,
                 kHandlePurposes, "melding.status", "De status wijzigen", {MeldingAnswer()});
  status.params = {kIdParam, {"If-Match", "header", "de ETag die u las"}};
  status.request = &StatusChangeSchema();
  Add(ctx, std::move(status), ChangeStatus);

  RouteDecl patch = StaffRoute(
      "PATCH", kItem, path, Action::kUpdate, kHandlePurposes, "melding.wijzigen",
      "Categorie, prioriteit, afdeling of behandelaar wijzigen (If-Match)", {MeldingAnswer()});
  patch.params = {kIdParam, {"If-Match", "header", "de ETag die u las"}};
  patch.request = &PatchSchema();
  Add(ctx, std::move(patch), PatchMelding);

  RouteDecl note = StaffRoute("POST", kItem + "/notities", path + "/notities", Action::kUpdate,
                              kHandlePurposes, "melding.notitie", "Een notitie toevoegen",
                              {{201, "opgeslagen", &NoteSavedSchema()}});
  note.params = {kIdParam};
  note.request = &NoteSchema();
  Add(ctx, std::move(note), AddNote);

  RouteDecl merge = StaffRoute("POST", kItem + "/samenvoegen", path + "/samenvoegen",
                               Action::kUpdate, kHandlePurposes, "melding.samenvoegen",
                               "Samenvoegen met het origineel (duplicaat)", {MeldingAnswer()});
  merge.params = {kIdParam};
  merge.request = &MergeSchema();
  Add(ctx, std::move(merge), MergeMelding);

  // Each part is routed and gets its own deadline; the caller must be allowed to create meldingen
  // of every part's category (as on the staff create).
  RouteDecl split =
      StaffRoute("POST", kItem + "/splitsen", path + "/splitsen", Action::kUpdate, kHandlePurposes,
                 "melding.splitsen", "Splitsen in deelmeldingen (hooguit 10)",
                 {{201, "de deelmeldingen", &SplitResultSchema()}});
  split.params = {kIdParam, kPurposeParam};
  split.request = &SplitSchema();
  Add(ctx, std::move(split), SplitMelding);
}

}  // namespace

void RegisterMeldingRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service,
                           std::shared_ptr<const CategorySuggester> suggester) {
  Context ctx{gate, std::move(service), std::move(suggester)};
  RegisterPublicRoutes(ctx);
  RegisterListRoutes(ctx);
  RegisterItemReads(ctx);
  RegisterItemChanges(ctx);
}

}  // namespace baken::api
