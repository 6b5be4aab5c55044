#include "baken/programme/model.h"

#include <charconv>
#include <set>

#include "baken/base/time_zone.h"

namespace baken::programme {
namespace {

template <typename E, size_t N>
StatusOr<E> ParseEnum(const std::array<E, N>& all, std::string_view (*code)(E),
                      std::string_view text, std::string_view field, std::string_view what) {
  for (E e : all) {
    if (code(e) == text) return e;
  }
  std::string allowed;
  for (E e : all) {
    if (!allowed.empty()) allowed += ", ";
    allowed += code(e);
  }
  return InvalidArgumentError(
      "Onbekende " + std::string(what) + " '" + std::string(text) + "'; kies uit: " + allowed + ".",
      std::string(field));
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string_view PartnerCode(Partner p) {
  switch (p) {
    case Partner::kMunicipality: return "gemeente";
    case Partner::kPolitie: return "politie";
    case Partner::kOm: return "om";
    case Partner::kCare: return "zorg";
    case Partner::kRiec: return "riec";
    case Partner::kRegion: return "regio";
  }
  return "gemeente";
}

std::string_view PartnerName(Partner p) {
  switch (p) {
    case Partner::kMunicipality: return "Gemeente";
    case Partner::kPolitie: return "Politie";
    case Partner::kOm: return "Openbaar Ministerie";
    case Partner::kCare: return "Zorgpartners";
    case Partner::kRiec: return "RIEC";
    case Partner::kRegion: return "Regiogemeenten";
  }
  return "Gemeente";
}

StatusOr<Partner> ParsePartner(std::string_view code, std::string_view field) {
  return ParseEnum(kAllPartners, &PartnerCode, code, field, "partner");
}

std::string_view ItemStatusCode(ItemStatus s) {
  switch (s) {
    case ItemStatus::kNotStarted: return "niet_gestart";
    case ItemStatus::kOngoing: return "lopend";
    case ItemStatus::kDelayed: return "vertraagd";
    case ItemStatus::kCompleted: return "afgerond";
    case ItemStatus::kStopped: return "gestopt";
  }
  return "niet_gestart";
}

std::string_view ItemStatusName(ItemStatus s) {
  switch (s) {
    case ItemStatus::kNotStarted: return "Niet gestart";
    case ItemStatus::kOngoing: return "Lopend";
    case ItemStatus::kDelayed: return "Vertraagd";
    case ItemStatus::kCompleted: return "Afgerond";
    case ItemStatus::kStopped: return "Gestopt";
  }
  return "Niet gestart";
}

StatusOr<ItemStatus> ParseItemStatus(std::string_view code, std::string_view field) {
  return ParseEnum(kAllItemStatuses, &ItemStatusCode, code, field, "status");
}

std::string_view DirectionCode(Direction d) {
  return d == Direction::kUpIsGood ? "up_is_good" : "down_is_good";
}

std::string_view DirectionName(Direction d) {
  return d == Direction::kUpIsGood ? "Hoger is beter" : "Lager is beter";
}

StatusOr<Direction> ParseDirection(std::string_view code, std::string_view field) {
  return ParseEnum(kAllDirections, &DirectionCode, code, field, "richting");
}

std::string_view ValueSourceCode(ValueSource s) {
  return s == ValueSource::kComputed ? "computed" : "manual";
}

std::string_view ValueSourceName(ValueSource s) {
  return s == ValueSource::kComputed ? "Berekend" : "Handmatig ingevoerd";
}

StatusOr<ValueSource> ParseValueSource(std::string_view code, std::string_view field) {
  return ParseEnum(kAllValueSources, &ValueSourceCode, code, field, "bron");
}

std::string FormatPeriod(const Period& p) {
  std::string s = std::to_string(p.year);
  if (p.quarter != 0) s += "-Q" + std::to_string(p.quarter);
  return s;
}

StatusOr<Period> ParsePeriod(std::string_view text, std::string_view field) {
  const Status bad = InvalidArgumentError("Ongeldige periode '" + std::string(text) +
                                              "'; gebruik een jaar (2025) of een kwartaal "
                                              "(2025-Q3).",
                                          std::string(field));
  Period p;
  std::string_view year = text.substr(0, 4);
  if (text.size() != 4 && text.size() != 7) return bad;
  if (!ParseInt(year, p.year) || p.year < 1900 || p.year > 2999) return bad;
  if (text.size() == 7) {
    if (text[4] != '-' || (text[5] != 'Q' && text[5] != 'q')) return bad;
    if (!ParseInt(text.substr(6, 1), p.quarter) || p.quarter < 1 || p.quarter > 4) return bad;
  }
  return p;
}

Timestamp PeriodStart(const Period& p) {
  const unsigned month = p.quarter == 0 ? 1u : static_cast<unsigned>(3 * (p.quarter - 1) + 1);
  return StartOfAmsterdamDay(std::chrono::year{p.year} / std::chrono::month{month} / 1);
}

Timestamp PeriodEnd(const Period& p) {
  if (p.quarter == 0 || p.quarter == 4) {
    return StartOfAmsterdamDay(std::chrono::year{p.year + 1} / std::chrono::January / 1);
  }
  return StartOfAmsterdamDay(std::chrono::year{p.year} /
                             std::chrono::month{static_cast<unsigned>(3 * p.quarter + 1)} / 1);
}

const ActionLine* FindActionLine(const Programme& p, std::string_view code) {
  for (const ActionLine& line : p.action_lines) {
    if (line.code == code) return &line;
  }
  return nullptr;
}

const Action* FindAction(const Programme& p, std::string_view code) {
  for (const ActionLine& line : p.action_lines) {
    for (const Action& a : line.actions) {
      if (a.code == code) return &a;
    }
  }
  return nullptr;
}

namespace {

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

Status CheckCode(std::string_view code, const std::string& field) {
  if (!ValidCode(code)) {
    return InvalidArgumentError("De code '" + std::string(code) +
                                    "' is ongeldig: 1 tot 64 kleine letters, cijfers, '_' of '-'.",
                                field);
  }
  return Status::Ok();
}

Status CheckName(std::string_view name, const std::string& field) {
  if (name.empty()) return InvalidArgumentError("De naam ontbreekt.", field);
  return Status::Ok();
}

Status CheckProgress(const Progress& progress, const std::string& field) {
  for (size_t i = 0; i < progress.milestones.size(); ++i) {
    const Milestone& m = progress.milestones[i];
    const std::string f = field + ".mijlpalen[" + std::to_string(i) + "]";
    if (m.title.empty()) return InvalidArgumentError("De titel van de mijlpaal ontbreekt.", f);
    if (!m.due.ok()) return InvalidArgumentError("De streefdatum is geen geldige datum.", f);
  }
  if (progress.budget && (progress.budget->planned_cents < 0 || progress.budget->spent_cents < 0)) {
    return InvalidArgumentError("Een budget kan niet negatief zijn.", field + ".budget");
  }
  return Status::Ok();
}

}  // namespace

Status Validate(const Programme& p) {
  RETURN_IF_ERROR(CheckCode(p.code, "code"));
  RETURN_IF_ERROR(CheckName(p.name, "naam"));
  if (p.start_year < 1900 || p.end_year < p.start_year || p.end_year > 2999) {
    return InvalidArgumentError("De looptijd is ongeldig: het eindjaar ligt voor het beginjaar.",
                                "looptijd");
  }
  std::set<std::string> ambitions;
  for (size_t i = 0; i < p.ambitions.size(); ++i) {
    const Ambition& a = p.ambitions[i];
    const std::string f = "ambities[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckCode(a.code, f + ".code"));
    RETURN_IF_ERROR(CheckName(a.name, f + ".naam"));
    if (!ambitions.insert(a.code).second) {
      return InvalidArgumentError("De ambitie '" + a.code + "' komt twee keer voor.", f + ".code");
    }
    if (a.priority && *a.priority < 1) {
      return InvalidArgumentError("Een prioriteit is 1 of hoger.", f + ".prioriteit");
    }
  }
  std::set<std::string> items;
  for (size_t i = 0; i < p.action_lines.size(); ++i) {
    const ActionLine& line = p.action_lines[i];
    const std::string f = "actielijnen[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckCode(line.code, f + ".code"));
    RETURN_IF_ERROR(CheckName(line.name, f + ".naam"));
    if (!items.insert(line.code).second) {
      return InvalidArgumentError("De code '" + line.code + "' komt twee keer voor.", f + ".code");
    }
    if (!line.ambition.empty() && !ambitions.count(line.ambition)) {
      return InvalidArgumentError("Onbekende ambitie '" + line.ambition + "'.", f + ".ambitie");
    }
    RETURN_IF_ERROR(CheckProgress(line.progress, f));
    for (size_t j = 0; j < line.actions.size(); ++j) {
      const Action& a = line.actions[j];
      const std::string fa = f + ".acties[" + std::to_string(j) + "]";
      RETURN_IF_ERROR(CheckCode(a.code, fa + ".code"));
      RETURN_IF_ERROR(CheckName(a.name, fa + ".naam"));
      if (!items.insert(a.code).second) {
        return InvalidArgumentError("De code '" + a.code + "' komt twee keer voor.", fa + ".code");
      }
      RETURN_IF_ERROR(CheckProgress(a.progress, fa));
    }
  }
  return Status::Ok();
}

Status Validate(const Programme& p, const std::vector<Indicator>& indicators) {
  RETURN_IF_ERROR(Validate(p));
  std::set<std::string> codes;
  for (size_t i = 0; i < indicators.size(); ++i) {
    const Indicator& ind = indicators[i];
    const std::string f = "indicatoren[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckCode(ind.code, f + ".code"));
    RETURN_IF_ERROR(CheckName(ind.name, f + ".naam"));
    if (!codes.insert(ind.code).second) {
      return InvalidArgumentError("De indicator '" + ind.code + "' komt twee keer voor.",
                                  f + ".code");
    }
    if (!ind.action_line.empty() && FindActionLine(p, ind.action_line) == nullptr) {
      return InvalidArgumentError("Onbekende actielijn '" + ind.action_line + "'.",
                                  f + ".actielijn");
    }
    bool ambition_found = ind.ambition.empty();
    for (const Ambition& a : p.ambitions) ambition_found |= a.code == ind.ambition;
    if (!ambition_found) {
      return InvalidArgumentError("Onbekende ambitie '" + ind.ambition + "'.", f + ".ambitie");
    }
    if (ind.source == ValueSource::kComputed && ind.query.empty()) {
      return InvalidArgumentError("Een berekende indicator noemt zijn query.", f + ".query");
    }
    if (ind.source == ValueSource::kManual && !ind.query.empty()) {
      return InvalidArgumentError("Een handmatige indicator heeft geen query.", f + ".query");
    }
    std::set<Period> periods;
    for (const Target& t : ind.targets) {
      if (!periods.insert(t.period).second) {
        return InvalidArgumentError("Twee streefwaarden voor " + FormatPeriod(t.period) + ".",
                                    f + ".streefwaarden");
      }
    }
  }
  return Status::Ok();
}

}  // namespace baken::programme
