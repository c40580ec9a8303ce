#pragma once
// Where a run's time goes, phase by phase, for the benchmark (ittsim_bench). Observation only:
// a Simulation or a run given a PhaseTimes adds the seconds each phase took to its member, and
// one given none does no timing at all.

#include <chrono>

namespace ittsim {

struct PhaseTimes {
  double synthesis = 0;          // building the population of each replicate
  double year_start = 0;         // September: policy, induction mentors, hosting, recruitment
  double placement_market = 0;   // weekly: release and each region's market
  double assessment = 0;         // weekly: assessments in their week
  double trainee_progress = 0;   // weekly: competence, wellbeing, withdrawal
  double teacher_wellbeing = 0;  // weekly: the regions' wellbeing sums advanced a week (settling is in year_end)
  double collection = 0;         // weekly: the week's indicators
  double year_end = 0;           // July: outcomes, departures, partnerships, jobs
  double output = 0;             // writing the output file (a run only)

  double weekly() const noexcept { return placement_market + assessment + trainee_progress + teacher_wellbeing + collection; }
};

// Adds the time since the previous lap to one member of a PhaseTimes, or does nothing
// when there is none to fill.
class PhaseClock {
 public:
  explicit PhaseClock(PhaseTimes* times) noexcept : times_(times) {
    if (times_ != nullptr) last_ = std::chrono::steady_clock::now();
  }
  void lap(double PhaseTimes::*phase) noexcept {
    if (times_ == nullptr) return;
    const auto now = std::chrono::steady_clock::now();
    times_->*phase += std::chrono::duration<double>(now - last_).count();
    last_ = now;
  }

 private:
  PhaseTimes* times_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace ittsim
