#include "sim/calibration/calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ittsim {
namespace {

// Mean of a series over the years where it is defined.
double mean_of(const ReplicateYears& years, double YearlyIndicators::*series) {
  double sum = 0;
  int count = 0;
  for (const auto& year : years) {
    if (std::isnan(year.*series)) continue;
    sum += year.*series;
    ++count;
  }
  return count > 0 ? sum / count : not_available;
}

template <typename Numerator, typename Denominator>
double ratio_of_sums(const ReplicateYears& years, Numerator numerator, Denominator denominator) {
  double top = 0;
  double bottom = 0;
  for (const auto& year : years) {
    top += static_cast<double>(numerator(year));
    bottom += static_cast<double>(denominator(year));
  }
  return bottom > 0 ? top / bottom : not_available;
}

double mean_count(const ReplicateYears& years, std::int64_t YearlyIndicators::*series) {
  return ratio_of_sums(years, [&](const YearlyIndicators& y) { return y.*series; }, [](const YearlyIndicators&) { return 1; });
}

// The years up to and including an academic year, for a figure that describes those years.
ReplicateYears up_to(const ReplicateYears& years, std::int64_t last_year) {
  ReplicateYears kept;
  for (const auto& year : years) {
    if (year.academic_year <= last_year) kept.push_back(year);
  }
  return kept;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace

const std::vector<CalibrationTarget>& calibration_targets() {
  // clang-format off
  static const std::vector<CalibrationTarget> targets{
      {"trainees_recruited", "New ITT entrants a year (all routes)", 27600, 24840, 30360, true,
       "DfE ITT census: 28,463 (2022/23), about 26,400 (2023/24), about 28,000 (2024/25), as in MODEL.md §7; band ±10% of their mean",
       [](const ReplicateYears& y) { return mean_count(y, &YearlyIndicators::trainees_recruited); }},
      {"qts_rate", "QTS awarded over trainees with an outcome (QTS or fail)", 0.93, 0.90, 0.96, false,
       "DfE ITT performance profiles: 93% of postgraduates with an outcome gained QTS in 2023/24 (MODEL.md §7)",
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.qts_awarded; }, [](const auto& r) { return r.qts_awarded + r.trainees_failed; }); }},
      {"withdrawal_rate", "Withdrawals over trainees recruited", 0.06, 0.03, 0.09, false,
       "Not in the brief: plausibility band around the few per cent of trainees who withdraw in DfE performance profiles; not checked against a primary source here",
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.withdrawals; }, [](const auto& r) { return r.trainees_recruited; }); }},
      {"leaving_rate", "Teachers leaving (retirements included) over teachers in post", 0.093, 0.083, 0.103, false,
       "DfE School Workforce in England: 43,522 leavers of about 468,000 FTE in 2022/23, 41,212 in 2023/24 (MODEL.md §7)",
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.teacher_leavers + r.teacher_retirements; }, [](const auto& r) { return r.teachers_in_post; }); }},
      {"retention_1y", "Newly qualified teachers still in post after one year", 0.897, 0.867, 0.927, false,
       "DfE School Workforce census 2024: 10.3% gone after one year (MODEL.md §7)",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::retention_1y); }},
      {"retention_5y", "Newly qualified teachers still in post after five years", 0.676, 0.636, 0.716, false,
       "DfE School Workforce census 2024: 32.4% gone after five years (MODEL.md §7)",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::retention_5y); }},
      {"teachers_in_post", "Teachers in post, academic years up to 2024/25", 468000, 454000, 482000, true,
       "DfE School Workforce in England: about 468,000 FTE teachers, 2022/23 to 2024 (MODEL.md §7); band ±3%. Measured over the years the figure describes (to 2024/25): later years follow the projected fall in pupils",
       [](const ReplicateYears& y) { return mean_count(up_to(y, 2024), &YearlyIndicators::teachers_in_post); }},
      {"move_rate", "Teachers moving to another state school over teachers in post", 0.08, 0.06, 0.10, false,
       "EPI, The teacher labour market (2016): 8% of teachers move school each year; NFER (Worth et al. 2018): 9% of primary and 8% of secondary teachers in 2014/15, 4-5% in 2010/11; band ±2 points",
       [](const ReplicateYears& y) { return ratio_of_sums(y, [](const auto& r) { return r.teacher_moves; }, [](const auto& r) { return r.teachers_in_post; }); }},
      {"share_hosting_multi_provider", "Hosting schools working with more than one provider", 0.69, 0.61, 0.77, false,
       "Survey of 61 schools in one English region [002]: 69% (MODEL.md §7); band ±8 points for a sample of 61",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_hosting_multi_provider); }},
      {"share_hosting_multi_provider_primary", "Hosting primary schools working with more than one provider", 0.52, 0.42, 0.62, false,
       "[002]: 52% of primary schools (MODEL.md §7); band ±10 points for the primary subsample",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_hosting_multi_provider_primary); }},
      {"share_hosting_multi_provider_secondary", "Hosting secondary schools working with more than one provider", 0.875, 0.80, 0.95, false,
       "[002] as read in MODEL.md §7: roughly 85-90% of secondary schools",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_hosting_multi_provider_secondary); }},
      {"share_secondary_schools_offering", "Secondary schools offering at least one placement", 0.87, 0.78, 0.93, false,
       "NFER, Initial Teacher Training Placement Capacity in English Schools (Worth, 2021): 77.6% of London secondaries to 93.3% in large cities offer at least one placement",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::share_secondary_schools_offering); }},
      {"training_school_providers", "Providers a training school works with", 5.5, 4.5, 6.5, false,
       "[002]: training schools work with 5-6 providers (MODEL.md §7)",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::training_school_providers_mean); }},
      {"training_school_trainees", "Trainees a training school hosts in a year", 36, 25, 47, false,
       "[002]: training schools host 25-47 trainees a year (MODEL.md §7)",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::training_school_trainees_mean); }},
      {"primary_trainees_at_once", "Trainees on placement at once in a hosting primary school", 1.5, 1.0, 2.0, false,
       "[002]: a primary school typically hosts one or two trainees at a time (MODEL.md §7)",
       [](const ReplicateYears& y) { return mean_of(y, &YearlyIndicators::primary_trainees_per_host_at_once); }},
  };
  // clang-format on
  return targets;
}

std::vector<CalibrationResult> evaluate_calibration(const std::vector<ReplicateYears>& replicates, double scale) {
  std::vector<CalibrationResult> results;
  for (const auto& target : calibration_targets()) {
    std::vector<double> values;
    for (const auto& years : replicates) {
      const ReplicateYears counted(years.begin() + static_cast<std::ptrdiff_t>(std::min(calibration_warm_up_years, years.size())), years.end());
      const double value = target.measure(counted);
      if (!std::isnan(value)) values.push_back(target.scales_with_population ? value / scale : value);
    }
    CalibrationResult result;
    result.target = &target;
    if (values.empty()) {
      result.mean = result.p05 = result.p95 = not_available;
    } else {
      double sum = 0;
      for (const double value : values) sum += value;
      result.mean = sum / static_cast<double>(values.size());
      result.p05 = quantile(values, 0.05);
      result.p95 = quantile(values, 0.95);
      result.met = result.mean >= target.low && result.mean <= target.high;
    }
    results.push_back(result);
  }
  return results;
}

std::string calibration_json(const std::vector<CalibrationResult>& results, std::size_t replicates, double scale) {
  const auto number = [](double value) { return std::isnan(value) ? std::string("null") : fmt::format("{:.6g}", value); };
  std::string text = fmt::format("{{\"replicates\": {}, \"scale\": {}, \"warm_up_years\": {}, \"targets\": [", replicates, scale,
                                 calibration_warm_up_years);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    text += fmt::format("{}\n    {{\"name\": \"{}\", \"reference\": {}, \"low\": {}, \"high\": {}, \"mean\": {}, \"p05\": {}, \"p95\": {}, \"met\": {}}}",
                        i == 0 ? "" : ",", r.target->name, number(r.target->reference), number(r.target->low),
                        number(r.target->high), number(r.mean), number(r.p05), number(r.p95), r.met ? "true" : "false");
  }
  return text + "\n  ]}";
}

}  // namespace ittsim
