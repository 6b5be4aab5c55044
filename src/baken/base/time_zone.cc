#include "baken/base/time_zone.h"

#include <cstdio>
#include <optional>

#include "baken/base/zone_rules.h"

namespace baken {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;

Timestamp LastSundayAt0100Utc(std::chrono::year y, std::chrono::month m) {
  const sys_days day{
      std::chrono::year_month_weekday_last(y, m, std::chrono::weekday_last(std::chrono::Sunday))};
  return Timestamp(day) + hours(1);
}

std::string Quote(std::string_view text) {
  constexpr size_t kMax = 40;
  std::string out = "'";
  out += text.substr(0, kMax);
  if (text.size() > kMax) out += "...";
  out += "'";
  return out;
}

Status Invalid(std::string_view field, const std::string& detail) {
  return InvalidArgumentError("Ongeldige waarde voor '" + std::string(field) + "': " + detail,
                              std::string(field));
}

// A small left-to-right reader over the text being parsed.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  std::string_view Rest() const { return s_.substr(pos_); }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly n decimal digits.
  std::optional<int> Digits(int n) {
    if (pos_ + n > s_.size()) return std::nullopt;
    int v = 0;
    for (int i = 0; i < n; ++i) {
      const char c = s_[pos_ + i];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    pos_ += n;
    return v;
  }
  // One or more digits as a microsecond fraction (truncated after 6 digits).
  std::optional<int> Fraction() {
    int v = 0;
    int count = 0;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
      if (count < 6) v = v * 10 + (Peek() - '0');
      ++count;
      ++pos_;
    }
    if (count == 0) return std::nullopt;
    for (int i = count; i < 6; ++i) v *= 10;
    return v;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

constexpr std::string_view kRfc3339Form =
    "verwacht JJJJ-MM-DDTuu:mm:ss met Z of +uu:mm, bijvoorbeeld 2026-03-29T03:00:00+02:00";
constexpr std::string_view kLocalForm =
    "verwacht JJJJ-MM-DD uu:mm of JJJJ-MM-DD uu:mm:ss, bijvoorbeeld 2026-03-29 14:30";

// Reads "YYYY-MM-DD" and checks that the day exists.
Status ReadDate(Reader& r, std::string_view text, std::string_view field, std::string_view form,
                std::chrono::year_month_day& out) {
  const auto y = r.Digits(4);
  if (!y || !r.Consume('-')) {
    return Invalid(field, Quote(text) + " heeft geen jaartal; " + std::string(form));
  }
  const auto m = r.Digits(2);
  if (!m || !r.Consume('-')) {
    return Invalid(field, Quote(text) + " heeft geen maand; " + std::string(form));
  }
  const auto d = r.Digits(2);
  if (!d) return Invalid(field, Quote(text) + " heeft geen dag; " + std::string(form));
  if (*m < 1 || *m > 12) {
    return Invalid(field, "maand " + std::to_string(*m) + " bestaat niet in " + Quote(text));
  }
  out = std::chrono::year(*y) / std::chrono::month(*m) / std::chrono::day(*d);
  if (!out.ok()) {
    return Invalid(field,
                   "dag " + std::to_string(*d) + " bestaat niet in die maand in " + Quote(text));
  }
  return Status::Ok();
}

// Reads "HH:MM" and, if present or required, ":SS" and (if allowed) ".fraction".
Status ReadTime(Reader& r, std::string_view text, std::string_view field, std::string_view form,
                bool seconds_required, bool fraction_allowed, LocalDateTime& out) {
  const auto h = r.Digits(2);
  if (!h || !r.Consume(':')) {
    return Invalid(field, Quote(text) + " heeft geen uur; " + std::string(form));
  }
  const auto mi = r.Digits(2);
  if (!mi) return Invalid(field, Quote(text) + " heeft geen minuten; " + std::string(form));
  std::optional<int> s = 0;
  if (seconds_required || r.Peek() == ':') {
    if (!r.Consume(':') || !(s = r.Digits(2))) {
      return Invalid(field, Quote(text) + " heeft geen seconden; " + std::string(form));
    }
  }
  int micros = 0;
  if (fraction_allowed && (r.Peek() == '.' || r.Peek() == ',')) {
    r.Consume(r.Peek());
    const auto f = r.Fraction();
    if (!f) return Invalid(field, "na de komma ontbreken cijfers in " + Quote(text));
    micros = *f;
  }
  if (*h > 23) return Invalid(field, "uur " + std::to_string(*h) + " ligt niet tussen 0 en 23");
  if (*mi > 59) {
    return Invalid(field, "minuut " + std::to_string(*mi) + " ligt niet tussen 0 en 59");
  }
  if (*s > 59) {
    return Invalid(field, "seconde " + std::to_string(*s) + " ligt niet tussen 0 en 59");
  }
  out.hour = *h;
  out.minute = *mi;
  out.second = *s;
  out.microsecond = micros;
  return Status::Ok();
}

// Local wall-clock reading as if it were UTC (no offset applied).
Timestamp AsNaiveUtc(const LocalDateTime& l) {
  return Timestamp(sys_days(l.date)) + hours(l.hour) + minutes(l.minute) + seconds(l.second) +
         microseconds(l.microsecond);
}

std::string FormatFraction(int64_t micros) {
  char buf[16];
  if (micros == 0) return "";
  if (micros % 1000 == 0) {
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(micros / 1000));
  } else {
    std::snprintf(buf, sizeof buf, ".%06d", static_cast<int>(micros));
  }
  return buf;
}

std::string FormatDateTime(const LocalDateTime& l, char sep) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s%c%02d:%02d:%02d", FormatDate(l.date).c_str(), sep, l.hour,
                l.minute, l.second);
  return buf;
}

LocalDateTime FromNaive(Timestamp naive) {
  const sys_days day = floor<days>(naive);
  const std::chrono::hh_mm_ss tod(naive - day);
  LocalDateTime l;
  l.date = std::chrono::year_month_day(day);
  l.hour = static_cast<int>(tod.hours().count());
  l.minute = static_cast<int>(tod.minutes().count());
  l.second = static_cast<int>(tod.seconds().count());
  l.microsecond = static_cast<int>(tod.subseconds().count());
  return l;
}

}  // namespace

Timestamp SummerTimeStart(std::chrono::year year) {
  return LastSundayAt0100Utc(year, std::chrono::March);
}

Timestamp SummerTimeEnd(std::chrono::year year) {
  return LastSundayAt0100Utc(year, std::chrono::October);
}

int AmsterdamOffsetMinutes(Timestamp t) {
  const std::chrono::year y = std::chrono::year_month_day(floor<days>(t)).year();
  return (t >= SummerTimeStart(y) && t < SummerTimeEnd(y)) ? 120 : 60;
}

LocalDateTime ToAmsterdam(Timestamp t) {
  return FromNaive(t + minutes(AmsterdamOffsetMinutes(t)));
}

std::chrono::year_month_day AmsterdamDate(Timestamp t) {
  return ToAmsterdam(t).date;
}

std::chrono::weekday AmsterdamWeekday(Timestamp t) {
  return std::chrono::weekday(sys_days(AmsterdamDate(t)));
}

StatusOr<Timestamp> FromAmsterdam(const LocalDateTime& local, Ambiguity policy,
                                  std::string_view field) {
  if (!local.date.ok()) return Invalid(field, "de datum bestaat niet");
  if (local.hour < 0 || local.hour > 23) return Invalid(field, "uur ligt niet tussen 0 en 23");
  if (local.minute < 0 || local.minute > 59) {
    return Invalid(field, "minuut ligt niet tussen 0 en 59");
  }
  if (local.second < 0 || local.second > 59) {
    return Invalid(field, "seconde ligt niet tussen 0 en 59");
  }
  if (local.microsecond < 0 || local.microsecond > 999999) {
    return Invalid(field, "microseconde ligt niet tussen 0 en 999999");
  }
  const Timestamp naive = AsNaiveUtc(local);
  const int64_t micros = local.microsecond;
  const ZoneRules::Resolution r =
      ZoneRules::Amsterdam().Resolve((ToUnixMicros(naive) - micros) / 1'000'000);
  const auto instant = [micros](int64_t utc) { return FromUnixMicros(utc * 1'000'000 + micros); };
  switch (r.kind) {
    case ZoneRules::Resolution::Kind::kUnique: return instant(r.earlier);
    case ZoneRules::Resolution::Kind::kOverlap:
      switch (policy.overlap) {
        case Ambiguity::Overlap::kEarlier: return instant(r.earlier);
        case Ambiguity::Overlap::kLater: return instant(r.later);
        case Ambiguity::Overlap::kError:
          return Invalid(field, FormatDateTime(local, ' ') +
                                    " komt twee keer voor (einde zomertijd); geef de tijdzone op");
      }
      break;
    case ZoneRules::Resolution::Kind::kGap:
      // In the spring gap: the clock jumped from 02:00 to 03:00.
      if (policy.gap == Ambiguity::Gap::kShiftForward) return instant(r.earlier);
      break;
  }
  return Invalid(field, FormatDateTime(local, ' ') +
                            " bestaat niet (begin zomertijd, de klok springt "
                            "van 02:00 naar 03:00)");
}

Timestamp StartOfAmsterdamDay(std::chrono::year_month_day date) {
  const int64_t midnight = ToUnixMicros(Timestamp(sys_days(date))) / 1'000'000;
  return FromUnixMicros(ZoneRules::Amsterdam().LocalToUtc(midnight) * 1'000'000);
}

std::string FormatRfc3339(Timestamp t, bool amsterdam_offset) {
  const int offset = amsterdam_offset ? AmsterdamOffsetMinutes(t) : 0;
  const LocalDateTime l = FromNaive(t + minutes(offset));
  std::string out = FormatDateTime(l, 'T') + FormatFraction(l.microsecond);
  if (!amsterdam_offset) return out + "Z";
  char buf[16];
  std::snprintf(buf, sizeof buf, "+%02d:%02d", offset / 60, offset % 60);
  return out + buf;
}

std::string FormatRfc3339UtcMillis(Timestamp t) {
  const LocalDateTime l = FromNaive(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%03d", l.microsecond / 1000);
  return FormatDateTime(l, 'T') + buf + "Z";
}

StatusOr<Timestamp> ParseRfc3339(std::string_view text, std::string_view field) {
  if (text.empty()) return Invalid(field, "tijdstip ontbreekt");
  Reader r(text);
  LocalDateTime l;
  RETURN_IF_ERROR(ReadDate(r, text, field, kRfc3339Form, l.date));
  if (!r.Consume('T') && !r.Consume('t') && !r.Consume(' ')) {
    return Invalid(field,
                   Quote(text) + " heeft geen tijd na de datum; " + std::string(kRfc3339Form));
  }
  RETURN_IF_ERROR(ReadTime(r, text, field, kRfc3339Form, /*seconds_required=*/true,
                           /*fraction_allowed=*/true, l));
  int offset_minutes = 0;
  if (r.Consume('Z') || r.Consume('z')) {
    offset_minutes = 0;
  } else if (r.Peek() == '+' || r.Peek() == '-') {
    const int sign = r.Peek() == '-' ? -1 : 1;
    r.Consume(r.Peek());
    const auto oh = r.Digits(2);
    const bool colon = r.Consume(':');
    const auto om = colon ? r.Digits(2) : std::nullopt;
    if (!oh || !om) {
      return Invalid(field, "tijdzone in " + Quote(text) + " moet de vorm +uu:mm hebben");
    }
    if (*oh > 23 || *om > 59) {
      return Invalid(field, "tijdzone in " + Quote(text) + " ligt buiten bereik");
    }
    offset_minutes = sign * (*oh * 60 + *om);
  } else if (r.AtEnd()) {
    return Invalid(field, "tijdzone ontbreekt in " + Quote(text) + "; eindig met Z of +uu:mm");
  } else {
    return Invalid(field, "onverwachte tekens " + Quote(r.Rest()) + " in " + Quote(text));
  }
  if (!r.AtEnd()) {
    return Invalid(field, "onverwachte tekens " + Quote(r.Rest()) + " na het tijdstip");
  }
  const Timestamp t = AsNaiveUtc(l) - minutes(offset_minutes);
  // Keep every accepted instant formattable as four-digit years, in UTC and in Amsterdam time.
  const int utc_year = static_cast<int>(std::chrono::year_month_day(floor<days>(t)).year());
  if (utc_year < 1 || utc_year > 9998) {
    return Invalid(field, "jaartal in " + Quote(text) + " ligt buiten bereik (0001 tot 9998)");
  }
  return t;
}

StatusOr<Timestamp> ParseLocal(std::string_view text, Ambiguity policy, std::string_view field) {
  if (text.empty()) return Invalid(field, "tijdstip ontbreekt");
  Reader r(text);
  LocalDateTime l;
  RETURN_IF_ERROR(ReadDate(r, text, field, kLocalForm, l.date));
  if (!r.Consume(' ') && !r.Consume('T')) {
    return Invalid(field, Quote(text) + " heeft geen tijd na de datum; " + std::string(kLocalForm));
  }
  RETURN_IF_ERROR(ReadTime(r, text, field, kLocalForm, /*seconds_required=*/false,
                           /*fraction_allowed=*/false, l));
  if (!r.AtEnd()) {
    return Invalid(field, "onverwachte tekens " + Quote(r.Rest()) + " na het tijdstip");
  }
  return FromAmsterdam(l, policy, field);
}

std::string FormatLocal(Timestamp t) {
  return FormatDateTime(ToAmsterdam(t), ' ');
}

std::string FormatDate(std::chrono::year_month_day date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

StatusOr<std::chrono::year_month_day> ParseDate(std::string_view text, std::string_view field) {
  if (text.empty()) return Invalid(field, "datum ontbreekt");
  Reader r(text);
  std::chrono::year_month_day date;
  constexpr std::string_view kForm = "verwacht JJJJ-MM-DD, bijvoorbeeld 2026-04-27";
  RETURN_IF_ERROR(ReadDate(r, text, field, kForm, date));
  if (!r.AtEnd()) {
    return Invalid(field, "onverwachte tekens " + Quote(r.Rest()) + " na de datum");
  }
  return date;
}

}  // namespace baken
