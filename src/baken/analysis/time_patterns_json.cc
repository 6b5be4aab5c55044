#include "baken/analysis/time_patterns_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace baken::analysis {
namespace {

using nlohmann::json;

json Rounded(double v, double scale) {
  return std::round(v * scale) / scale;
}

}  // namespace

const char* const kWeekdayNames[7] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
const char* const kMonthNames[12] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                     "jul", "aug", "sep", "okt", "nov", "dec"};

std::string PatternsJson(const PatternsReport& r, int indent) {
  json hours_count = json::array(), hours_share = json::array();
  for (int h = 0; h < kHoursPerWeek; ++h) {
    hours_count.push_back(r.hours.counts[h]);
    hours_share.push_back(Rounded(r.hours.share[h], 1e6));
  }
  json months = json::array();
  for (int m = 0; m < 12; ++m) {
    months.push_back({{"maand", m + 1},
                      {"naam", kMonthNames[m]},
                      {"aantal", r.months.counts[m]},
                      {"blootstelling", Rounded(r.months.exposure[m], 1e4)},
                      {"gemiddelde", Rounded(r.months.mean[m], 100)},
                      {"index", Rounded(r.months.index[m], 1000)}});
  }
  json trend = json::array();
  for (const TrendRow& t : r.trend) {
    const size_t g = static_cast<size_t>(t.group);
    trend.push_back(
        {{"code", r.codes[g]},
         {"naam", r.names[g]},
         {"aantal", t.count},
         {"vorige", t.previous},
         {"verandering_pct", std::isnan(t.change_pct) ? json(nullptr) : Rounded(t.change_pct, 10)},
         {"p", t.p},
         {"q", t.q},
         {"klasse", std::string(TrendClassName(t.trend))}});
  }
  json body{{"van", r.van},
            {"tot", r.tot},
            {"vorige_van", r.vorige_van},
            {"vorige_tot", r.vorige_tot},
            {"niveau", r.niveau},
            {"categorieen", r.categories},
            {"meldingen", r.events},
            {"buiten_gebieden", r.outside},
            {"uur_van_week",
             {{"dagen", {"ma", "di", "wo", "do", "vr", "za", "zo"}},
              {"aantal", std::move(hours_count)},
              {"aandeel", std::move(hours_share)}}},
            {"maanden", std::move(months)},
            {"gemiddelde_per_maand", Rounded(r.months.overall_mean, 100)},
            {"trend", std::move(trend)},
            {"toets",
             "exacte conditionele binomiaaltoets (aantal ~ Binomiaal(aantal + vorige, 1/2)), "
             "tweezijdig; Benjamini-Hochberg over de gebieden met meldingen; q < 0,05"}};
  return body.dump(indent);
}

}  // namespace baken::analysis
