// Tests of the calendar: step counts checked by independent date arithmetic, step/date
// round trips, burn-in steps before the start, and invalid dates and settings.
#include "core/calendar.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

namespace {

using renkei::Calendar;
using renkei::Date;

// Days from 1900-01-01 by counting whole years and months: deliberately naive and
// independent of <chrono>, which the calendar itself uses.
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
long ordinal(const Date& d) {
  static constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  REQUIRE(d.year >= 1900);
  long days = 0;
  for (int y = 1900; y < d.year; ++y) days += leap(y) ? 366 : 365;
  for (unsigned m = 1; m < d.month; ++m) days += kMonthDays[m - 1] + (m == 2 && leap(d.year));
  return days + d.day - 1;
}

}  // namespace

TEST_CASE("study period 2005-04-01..2010-03-31 in weeks has 261 steps", "[calendar]") {
  const Date start{2005, 4, 1};
  const Date end{2010, 3, 31};
  const Calendar cal(start, end, 7, 52);
  // Five years with one 29 February (2008): 5 * 365 + 1 - 1 = 1825 days from start to end;
  // the last step starts on day 1820 (2010-03-26) and contains the end date.
  const long span = ordinal(end) - ordinal(start);
  CHECK(span == 1825);
  CHECK(cal.steps() == span / 7 + 1);
  CHECK(cal.steps() == 261);
  CHECK(cal.date_of(260) == Date{2010, 3, 26});
  CHECK(cal.step_of(end) == 260);
  CHECK(cal.step_of(Date{2010, 4, 1}) == 260);
  CHECK(cal.step_of(Date{2010, 4, 2}) == 261);
  CHECK(cal.burn_in_steps() == 52);
  CHECK(cal.dt_weeks() == 1.0);
  CHECK(cal.days_since_start(10) == 70);
  CHECK(cal.date_of(0).iso() == "2005-04-01");
}

TEST_CASE("step_of and date_of round-trip, day by day", "[calendar]") {
  const Date start{2005, 4, 1};
  for (int step_days : {1, 7, 14, 30}) {
    INFO("step_days = " << step_days);
    const Calendar cal(start, Date{2010, 3, 31}, step_days, 10);
    for (int t = -cal.burn_in_steps(); t <= cal.steps() + 5; ++t) {
      const Date d = cal.date_of(t);
      CHECK(d.valid());
      CHECK(ordinal(d) - ordinal(start) == static_cast<long>(t) * step_days);
      CHECK(cal.step_of(d) == t);
    }
    // Every day in [start - 100, end + 100] falls in the step whose interval holds it.
    for (int k = -100; k < 1925; ++k) {
      const Date d = Date::from_days(start.days() + std::chrono::days{k});
      const int t = cal.step_of(d);
      CHECK(ordinal(cal.date_of(t)) <= ordinal(d));
      CHECK(ordinal(d) < ordinal(cal.date_of(t + 1)));
    }
  }
}

TEST_CASE("dates before the start give negative (burn-in) steps", "[calendar]") {
  const Calendar cal(Date{2005, 4, 1}, Date{2010, 3, 31}, 7, 52);
  CHECK(cal.step_of(Date{2005, 3, 31}) == -1);
  CHECK(cal.step_of(Date{2005, 3, 25}) == -1);
  CHECK(cal.step_of(Date{2005, 3, 24}) == -2);
  CHECK(cal.date_of(-52) == Date{2004, 4, 2});  // 364 days earlier
  CHECK(cal.step_of(Date{2004, 4, 2}) == -52);
}

TEST_CASE("invalid dates and calendar settings are refused", "[calendar]") {
  CHECK_FALSE((Date{2005, 2, 29}.valid()));
  CHECK((Date{2008, 2, 29}.valid()));
  CHECK_FALSE((Date{1900, 2, 29}.valid()));
  CHECK((Date{2000, 2, 29}.valid()));
  CHECK_FALSE((Date{2005, 13, 1}.valid()));
  CHECK_FALSE((Date{2005, 4, 31}.valid()));
  CHECK_FALSE((Date{2005, 4, 0}.valid()));
  CHECK_FALSE((Date{2005, 0, 10}.valid()));

  const Date ok{2005, 4, 1};
  CHECK_THROWS_AS(Calendar(ok, Date{2005, 3, 31}, 7, 0), std::invalid_argument);
  CHECK_THROWS_AS(Calendar(ok, ok, 0, 0), std::invalid_argument);
  CHECK_THROWS_AS(Calendar(ok, ok, -7, 0), std::invalid_argument);
  CHECK_THROWS_AS(Calendar(ok, ok, 7, -1), std::invalid_argument);
  // An impossible date would otherwise roll over silently (30 Feb -> 2 Mar).
  CHECK_THROWS_AS(Calendar(Date{2005, 2, 30}, Date{2010, 3, 31}, 7, 0), std::invalid_argument);
  CHECK_THROWS_AS(Calendar(ok, Date{2010, 4, 31}, 7, 0), std::invalid_argument);
  // A one-day period is one step.
  CHECK(Calendar(ok, ok, 7, 0).steps() == 1);
}
