// The simulation calendar: weekly (configurable) steps anchored at a start date, with a
// burn-in before it. Step t covers [start + t·Δ, start + (t+1)·Δ); burn-in steps are t < 0.
#pragma once

#include <chrono>
#include <string>

namespace renkei {

struct Date {
  int year = 2005;
  unsigned month = 4;
  unsigned day = 1;
  std::chrono::sys_days days() const {
    return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} /
                                 std::chrono::day{day}};
  }
  bool valid() const {
    return (std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}).ok();
  }
  std::string iso() const;  // YYYY-MM-DD
  static Date from_days(std::chrono::sys_days d);
  friend bool operator==(const Date&, const Date&) = default;
};

class Calendar {
 public:
  Calendar(Date start, Date end, int step_days, int burn_in_steps);

  // Recorded steps: 0 .. steps()-1 (the last one contains `end`).
  int steps() const noexcept { return steps_; }
  int burn_in_steps() const noexcept { return burn_in_; }
  int step_days() const noexcept { return step_days_; }
  double dt_weeks() const noexcept { return step_days_ / 7.0; }
  Date start() const noexcept { return start_; }
  Date end() const noexcept { return end_; }

  // The step whose interval contains d (may be negative or >= steps()).
  int step_of(Date d) const;
  Date date_of(int step) const;  // first day of the step
  int days_since_start(int step) const noexcept { return step * step_days_; }
  // Steps per year, for converting annual figures.
  double steps_per_year() const noexcept { return 365.25 / step_days_; }

 private:
  Date start_;
  Date end_;
  int step_days_;
  int burn_in_;
  int steps_;
};

}  // namespace renkei
