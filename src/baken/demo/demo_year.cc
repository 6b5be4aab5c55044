#include "baken/demo/demo_year.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string_view>

#include "baken/base/time_zone.h"
#include "baken/base/work_calendar.h"
#include "baken/demo/internal/profiles.h"
#include "baken/demo/internal/random.h"
#include "baken/demo/internal/streets.h"
#include "baken/demo/internal/texts.h"
#include "baken/geo/geometry.h"
#include "baken/signals/workflow.h"

namespace baken::demo {

namespace {

using namespace std::chrono;
using internal::Hours;
using internal::Place;
using internal::Profile;
using internal::Random;
using internal::Weighted;
using signals::State;

constexpr double kMaxStreetDistanceM = 400;

struct Buurt {
  const geo::Area* area;
  geo::RdBox box;
  bool centre = false;             // in the Centrum wijk (or a Binnenstad buurt)
  bool old_town = false;           // the 19th-century ring around it (Oud-Zuid/-West/-Noord)
  std::vector<int> street_points;  // indices into StreetPoints() inside the buurt
};

// A category the demo draws, with its tables.
struct Drawn {
  const Profile* profile;
  const signals::Category* category;
  Weighted slots;  // hour of the year (local) -> weight
  Weighted buurten;
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

double ThemeWeight(Place place, const Buurt& b) {
  const std::string& name = b.area->name;
  const double inhabitants = std::max<double>(0, static_cast<double>(b.area->inhabitants));
  switch (place) {
    case Place::kResidents: return inhabitants + 150;
    case Place::kCentreNight:
      if (StartsWith(name, "Binnenstad")) return 10;
      if (name == "Stationsgebied" || name == "Hortusbuurt-Ebbingekwartier") return 1.5;
      return b.centre ? 0.5 : 0;
    case Place::kCentreMixed: return (inhabitants + 150) * (b.centre ? 4 : b.old_town ? 1.5 : 0);
    case Place::kBikes:
      if (name == "Stationsgebied") return 8;
      if (StartsWith(name, "Binnenstad")) return 4;
      if (name == "Zernike Campus") return 2;
      if (name == "Paddepoel-Zuid" || name == "Hortusbuurt-Ebbingekwartier") return 1;
      return 0;
    case Place::kParks:
      if (name == "Noorderplantsoen" || name == "Stadspark") return 10;
      if (name == "Westpark" || name == "Hunzepark" || name == "Kardinge" || name == "Zilvermeer") {
        return 1;
      }
      return 0;
    case Place::kStudents: {
      static const std::vector<std::string_view> kStudentBuurten = {
          "Schildersbuurt", "Oranjebuurt",     "Noorderplantsoenbuurt",
          "Indische buurt", "De Hoogte",       "Professorenbuurt",
          "Oosterpoort",    "Rivierenbuurt",   "Herewegbuurt",
          "Zeeheldenbuurt", "Selwerd",         "Paddepoel-Zuid",
          "Kostverloren",   "Badstratenbuurt", "Hortusbuurt-Ebbingekwartier"};
      if (std::find(kStudentBuurten.begin(), kStudentBuurten.end(), name) !=
          kStudentBuurten.end()) {
        return inhabitants + 150;
      }
      return StartsWith(name, "Binnenstad") ? inhabitants : 0;
    }
    case Place::kIndustrial:
      return (inhabitants < 150 && b.area->area_ha > 30) ? b.area->area_ha : 0;
  }
  return 0;
}

Weighted BuurtTable(const Profile& p, const std::vector<Buurt>& buurten) {
  std::vector<double> residents, theme;
  double sum_r = 0, sum_t = 0;
  for (const Buurt& b : buurten) {
    residents.push_back(ThemeWeight(Place::kResidents, b));
    theme.push_back(ThemeWeight(p.place, b));
    sum_r += residents.back();
    sum_t += theme.back();
  }
  const double share = sum_t > 0 ? p.theme_share : 0;
  std::vector<double> w(buurten.size());
  for (size_t i = 0; i < buurten.size(); ++i) {
    w[i] = (1 - share) * residents[i] / sum_r + (sum_t > 0 ? share * theme[i] / sum_t : 0);
  }
  return Weighted(w);
}

// Weight of each local hour of the year for a category.
Weighted SlotTable(const Profile& p, const std::vector<year_month_day>& dates) {
  std::vector<double> w;
  w.reserve(dates.size() * 24);
  for (const year_month_day& d : dates) {
    const int month = static_cast<int>(static_cast<unsigned>(d.month())) - 1;
    const int weekday = static_cast<int>(std::chrono::weekday(sys_days(d)).c_encoding());
    double day = internal::MonthWeight(p.season, month);
    if (p.new_year) {
      const unsigned dd = static_cast<unsigned>(d.day());
      if (month == 11 && dd == 31)
        day *= 8;
      else if (month == 11 && dd >= 27)
        day *= 3;
      else if (month == 0 && dd == 1)
        day *= 6;
    }
    for (int h = 0; h < 24; ++h) w.push_back(day * internal::HourWeight(p.hours, weekday, h));
  }
  return Weighted(w);
}

// A point inside the buurt by rejection sampling in its bounding box (RD metres).
geo::RdPoint PointIn(const Buurt& b, Random& random) {
  for (int i = 0; i < 2000; ++i) {
    geo::RdPoint p{random.Uniform(b.box.min_x, b.box.max_x),
                   random.Uniform(b.box.min_y, b.box.max_y)};
    if (geo::Contains(b.area->geometry, p)) return p;
  }
  return b.area->interior_point;
}

// A point within `radius` of `centre` and inside the buurt.
geo::RdPoint PointNear(const Buurt& b, geo::RdPoint centre, double radius, Random& random) {
  for (int i = 0; i < 500; ++i) {
    const double dx = random.Uniform(-radius, radius);
    const double dy = random.Uniform(-radius, radius);
    if (dx * dx + dy * dy > radius * radius) continue;
    geo::RdPoint p{centre.x + dx, centre.y + dy};
    if (geo::Contains(b.area->geometry, p)) return p;
  }
  return centre;
}

std::string WherePhrase(const Buurt& b, geo::RdPoint p) {
  const auto& points = internal::StreetPoints();
  int best = -1;
  double best_d2 = kMaxStreetDistanceM * kMaxStreetDistanceM;
  for (int i : b.street_points) {
    const double dx = points[i].x - p.x, dy = points[i].y - p.y;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best_d2) {
      best_d2 = d2;
      best = i;
    }
  }
  if (best < 0) return "in " + b.area->name;
  return internal::StreetPhrase(internal::StreetNames()[points[best].street]);
}

Timestamp Plus(Timestamp t, microseconds span, double fraction) {
  return t + microseconds(static_cast<int64_t>(static_cast<double>(span.count()) * fraction));
}

signals::Channel DrawChannel(const Profile& p, int local_hour, Random& random) {
  using signals::Channel;
  if (p.partner && random.Chance(0.5)) return Channel::kPartner;
  if (p.boa && random.Chance(0.3)) return Channel::kBoa;
  const bool office = local_hour >= 8 && local_hour < 17;
  const double u = random.Uniform();
  const double phone = office ? 0.24 : 0.08;
  if (u < phone) return Channel::kPhone;
  if (u < phone + 0.27) return Channel::kApp;
  return Channel::kWeb;
}

microseconds IntakeDelay(signals::Channel channel, Random& random) {
  using signals::Channel;
  const double u = random.Uniform();
  switch (channel) {
    case Channel::kBoa: return microseconds(static_cast<int64_t>(u * 300e6));
    case Channel::kPhone: return microseconds(static_cast<int64_t>((60 + u * 1500) * 1e6));
    case Channel::kPartner: return microseconds(static_cast<int64_t>((1 + 47 * u * u) * 3600e6));
    default: return microseconds(static_cast<int64_t>((120 + 14000 * u * u * u) * 1e6));
  }
}

// The lifecycle from gemeld: most closed on time, ~12 % late, ~3 % more than 3x late; only the
// steps up to `now` are taken.
Status AddLifecycle(signals::ImportItem& item, const signals::Category& category,
                    const WorkCalendar& calendar, Timestamp now, Random& random) {
  const Timestamp received = item.received_at;
  const Timestamp deadline = category.service_level.DeadlineFrom(received, calendar);
  const microseconds allowed = deadline - received;

  double fraction;
  const double r = random.Uniform();
  if (r < 0.85) {
    const double u = random.Uniform();
    fraction = 0.03 + 0.95 * u * std::sqrt(u);
  } else if (r < 0.97) {
    fraction = 1.05 + 1.9 * random.Uniform();
  } else {
    fraction = 3.2 + 3.0 * random.Uniform();
  }
  const Timestamp closed = Plus(received, allowed, fraction);
  const microseconds taken = closed - received;

  const std::string& main = category.main_code;
  const bool to_partners = main == "overlast-personen" || main == "ondermijning" ||
                           main == "mensenhandel" || category.code == "woonoverlast";
  const bool repairs = main == "openbare-ruimte" || main == "afval";

  std::vector<std::pair<State, Timestamp>> path;
  const double kind = random.Uniform();
  if (kind < 0.04) {
    path = {{State::kGeannuleerd, Plus(received, taken, 0.5)}};
  } else {
    const Timestamp start = Plus(received, taken, random.Uniform(0.05, 0.3));
    path.push_back({State::kInBehandeling, start});
    if (kind < (to_partners ? 0.3 : 0.07)) {
      path.push_back({State::kDoorgezet, start + (closed - start) / 3});
    } else if (repairs && kind < 0.25) {
      path.push_back({State::kIngepland, start + (closed - start) / 2});
    }
    path.push_back({State::kAfgehandeld, closed});
  }

  State from = State::kGemeld;
  for (const auto& [to, at] : path) {
    if (at > now) break;
    std::string text = internal::StepText(to, main, category.department, random);
    RETURN_IF_ERROR(signals::CheckTransition(from, to, text));
    item.steps.push_back({at, to, std::move(text), "systeem"});
    from = to;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<DemoYear> GenerateDemoYear(const DemoOptions& options, const geo::AreaSet& areas,
                                    const signals::CategoryCatalog& catalog) {
  if (options.year < 2000 || options.year > 2100) {
    return InvalidArgumentError("Het jaar moet tussen 2000 en 2100 liggen.", "jaar");
  }
  if (options.scale < 0 || options.scale > 10'000'000) {
    return InvalidArgumentError("De schaal moet tussen 0 en 10.000.000 meldingen liggen.",
                                "schaal");
  }
  const year y{options.year};
  const Timestamp year_end = StartOfAmsterdamDay(year_month_day{y + years(1), January, 1d});
  const Timestamp now = std::min(options.now.value_or(year_end), year_end);

  // The buurten, their themes and the street points inside them.
  std::vector<Buurt> buurten;
  for (const geo::Area* a : areas.List(geo::Level::kNeighbourhood)) {
    if (a->geometry.empty()) continue;
    Buurt b{a, geo::BoundsOf(a->geometry)};
    const geo::Area* wijk = areas.Find(a->parent_code);
    const std::string wijk_name = wijk ? wijk->name : "";
    b.centre = wijk_name == "Centrum" || StartsWith(a->name, "Binnenstad");
    b.old_town = StartsWith(wijk_name, "Oud-");
    const auto& points = internal::StreetPoints();
    for (int i = 0; i < static_cast<int>(points.size()); ++i) {
      const geo::RdPoint p{points[i].x, points[i].y};
      if (b.box.Contains(p) && geo::Contains(a->geometry, p)) b.street_points.push_back(i);
    }
    buurten.push_back(std::move(b));
  }
  if (buurten.empty()) {
    return FailedPreconditionError(
        "Er zijn geen buurten met geometrie geladen; importeer eerst de buurten (baken areas "
        "import --level buurt).");
  }

  std::vector<year_month_day> dates;
  for (sys_days d = sys_days(year_month_day{y, January, 1d}); year_month_day(d).year() == y;
       d += days{1}) {
    dates.push_back(year_month_day(d));
  }

  std::vector<Drawn> drawn;
  std::vector<double> shares;
  for (const Profile& p : internal::Profiles()) {
    const signals::Category* c = catalog.Find(p.code);
    if (c == nullptr || !c->active) continue;
    drawn.push_back({&p, c, SlotTable(p, dates), BuurtTable(p, buurten)});
    shares.push_back(p.per_mille);
  }
  if (drawn.empty()) {
    return FailedPreconditionError(
        "De categorieën bevatten geen van de categorieën van het demojaar (zoals hondenpoep).");
  }
  const Weighted category_table(shares);
  auto find_drawn = [&drawn](std::string_view code) -> const Drawn* {
    for (const Drawn& d : drawn) {
      if (d.category->code == code) return &d;
    }
    return nullptr;
  };

  Random random(options.seed);
  const WorkCalendar calendar;
  DemoYear year_out;

  // The hot spots: fixed for a seed, each with its own yearly count.
  struct Spot {
    const Drawn* drawn;
    int buurt;
    geo::RdPoint centre;
  };
  std::vector<Spot> spots;
  const double per_scale = options.scale / 40000.0;
  for (const char* code : internal::HotSpotCategories()) {
    const Drawn* d = find_drawn(code);
    if (d == nullptr) continue;
    const int b = d->buurten.Draw(random);
    const geo::RdPoint centre = PointIn(buurten[b], random);
    const int count = static_cast<int>(std::lround(per_scale * (28 + random.Below(32))));
    spots.push_back({d, b, centre});
    year_out.hot_spots.push_back(
        {d->category->code, buurten[b].area->code, centre.x, centre.y, count});
  }
  int hot_total = 0;
  for (const HotSpot& h : year_out.hot_spots) hot_total += h.per_year;
  const int background = std::max(0, options.scale - hot_total);

  struct Pending {
    DemoMelding melding;
    int64_t order;
  };
  std::vector<Pending> pending;
  pending.reserve(options.scale);

  auto make = [&](const Drawn& d, int spot) -> Status {
    const Profile& p = *d.profile;
    // When: an hour of the (local) year, then minute and second.
    const int slot = d.slots.Draw(random);
    const year_month_day date = dates[slot / 24];
    LocalDateTime local{date, slot % 24, random.Below(60), random.Below(60), 0};
    ASSIGN_OR_RETURN(
        const Timestamp occurred,
        FromAmsterdam(local, {Ambiguity::Gap::kShiftForward, Ambiguity::Overlap::kEarlier}));
    // Where.
    const int b = spot >= 0 ? spots[spot].buurt : d.buurten.Draw(random);
    const Buurt& buurt = buurten[b];
    const geo::RdPoint point = spot >= 0
                                   ? PointNear(buurt, spots[spot].centre, kHotSpotRadiusM, random)
                                   : PointIn(buurt, random);
    // How it came in.
    const signals::Channel channel = DrawChannel(p, local.hour, random);
    const Timestamp received = occurred + IntakeDelay(channel, random);

    DemoMelding m;
    m.buurt = buurt.area->code;
    m.hot_spot = spot;
    signals::ImportItem& item = m.item;
    item.received_at = received;
    signals::NewMelding& n = item.melding;
    n.tenant = options.tenant;
    n.category = d.category->code;
    n.location = {signals::GivenLocation::Crs::kRd, point.x, point.y};
    n.occurred_at = occurred;
    n.channel = channel;

    internal::TextContext context;
    context.where = WherePhrase(buurt, point);
    context.buurt = buurt.area->name;
    context.local_hour = local.hour;
    const unsigned month = static_cast<unsigned>(date.month());
    const unsigned day = static_cast<unsigned>(date.day());
    context.fireworks = (month == 12 && day >= 27) || (month == 1 && day == 1);
    context.recurring = spot >= 0;
    n.text = internal::ReportText(d.category->code, context, random);

    const bool citizen = channel == signals::Channel::kWeb || channel == signals::Channel::kApp ||
                         channel == signals::Channel::kPhone;
    if (citizen && random.Chance(0.22)) {
      internal::FakeReporter r = internal::MakeReporter(random);
      n.reporter.name = std::move(r.name);
      n.reporter.email = std::move(r.email);
      n.reporter.consent_to_contact = true;
    }
    RETURN_IF_ERROR(AddLifecycle(item, *d.category, calendar, now, random));
    if (received < now) {
      pending.push_back({std::move(m), static_cast<int64_t>(pending.size())});
    }
    return Status::Ok();
  };

  for (int i = 0; i < background; ++i) {
    RETURN_IF_ERROR(make(drawn[category_table.Draw(random)], -1));
  }
  for (int s = 0; s < static_cast<int>(spots.size()); ++s) {
    for (int i = 0; i < year_out.hot_spots[s].per_year; ++i) {
      RETURN_IF_ERROR(make(*spots[s].drawn, s));
    }
  }

  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    if (a.melding.item.received_at != b.melding.item.received_at) {
      return a.melding.item.received_at < b.melding.item.received_at;
    }
    return a.order < b.order;
  });
  year_out.meldingen.reserve(pending.size());
  int64_t n = 0;
  for (Pending& p : pending) {
    ++n;
    p.melding.item.line = n;
    p.melding.item.melding.source_id =
        "demo-" + std::to_string(options.year) + "-" + std::to_string(n);
    year_out.meldingen.push_back(std::move(p.melding));
  }
  return year_out;
}

StatusOr<std::vector<signals::ImportItem>> GenerateYear(const DemoOptions& options,
                                                        const geo::AreaSet& areas,
                                                        const signals::CategoryCatalog& catalog) {
  ASSIGN_OR_RETURN(DemoYear year, GenerateDemoYear(options, areas, catalog));
  std::vector<signals::ImportItem> items;
  items.reserve(year.meldingen.size());
  for (DemoMelding& m : year.meldingen) items.push_back(std::move(m.item));
  return items;
}

}  // namespace baken::demo
