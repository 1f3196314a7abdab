#include "core/calendar.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace renkei {

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

Date Date::from_days(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd{d};
  return Date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
              static_cast<unsigned>(ymd.day())};
}

Calendar::Calendar(Date start, Date end, int step_days, int burn_in_steps)
    : start_(start), end_(end), step_days_(step_days), burn_in_(burn_in_steps) {
  // An impossible date (30 February) would otherwise roll over silently into the next month.
  if (!start.valid()) {
    throw std::invalid_argument("calendar: start date " + start.iso() + " does not exist");
  }
  if (!end.valid()) {
    throw std::invalid_argument("calendar: end date " + end.iso() + " does not exist");
  }
  if (step_days <= 0) throw std::invalid_argument("calendar: step_days must be positive");
  if (burn_in_steps < 0) throw std::invalid_argument("calendar: burn-in must be >= 0");
  const auto span = (end.days() - start.days()).count();
  if (span < 0) throw std::invalid_argument("calendar: end date before start date");
  steps_ = static_cast<int>(span / step_days) + 1;
}

int Calendar::step_of(Date d) const {
  const auto diff = (d.days() - start_.days()).count();
  return static_cast<int>(std::floor(static_cast<double>(diff) / step_days_));
}

Date Calendar::date_of(int step) const {
  return Date::from_days(start_.days() + std::chrono::days{static_cast<long>(step) * step_days_});
}

}  // namespace renkei
