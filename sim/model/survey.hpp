// The simulated questionnaire: the study's mail survey fielded inside the model — a
// size-biased sample of the Tohoku frame, trait-dependent response on dates spread over
// the fieldwork, the study's routing, and answers read from each firm's actual state.
#pragma once

#include "core/calendar.hpp"
#include "core/rng.hpp"
#include "model/run_result.hpp"
#include "model/state.hpp"
#include "scenario/params.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace renkei {

// Fieldwork of the study's questionnaire (study section 1).
inline constexpr Date kFieldworkStart{2005, 4, 11};
inline constexpr Date kFieldworkEnd{2005, 5, 27};

// The answers of one respondent (flags; q1 and q10 are category indices, -1 = no answer).
struct SurveyAnswer {
  std::uint16_t employees = 0;
  bool capital_le_10m = false;
  bool capital_le_100m = false;
  int q1 = -1;               // 0 collaborating, 1 planning, 2 interested, 3 not interested
  bool q2_answered = false;  // routed to Q2/Q3 and answered Q2
  std::uint8_t q2 = 0;       // Content flags
  bool q3_answered = false;
  std::array<bool, kGovernances> q3{};
  bool partner_same_industry_same_pref = false;
  bool partner_other_industry_same_pref = false;
  int q10 = -1;  // 0 know & expect, 1 unaware & interested, 2 know & no expectation, 3 unaware &
                 // not interested
  std::uint8_t q11 =
      0;  // Benefit flags of the measures expected (asked of Q10's interested answers)
  bool q13_hard_to_understand = false;  // asked of Q10 "know & no expectation"
  bool q13_eligibility_unclear = false;
  std::uint16_t q7 = 0;  // Motive flags ticked (routed: q1 0-2); none ticked = no answer
};

class SurveyFieldwork {
 public:
  // Draws the sample and response dates at the first fieldwork step; then, at each step,
  // the firms whose response date falls in it answer. Does nothing outside the fieldwork.
  void at_step(const ModelState& s, const Params& p, const Calendar& cal,
               const rng::ReplicateStreams& streams, int step);
  // Writes the final_survey_* items into `out` (NaN when the calendar misses the fieldwork
  // or the world has no Tohoku firms).
  void finish(RunResult& out) const;

  const std::vector<std::uint32_t>& sample() const noexcept { return sample_; }
  // Firms that respond (drawn with the sample), in order of their response dates.
  const std::vector<std::uint32_t>& respondents() const noexcept { return pending_; }
  const std::vector<SurveyAnswer>& answers() const noexcept { return answers_; }

 private:
  void draw_sample(const ModelState& s, const Params& p, const Calendar& cal,
                   const rng::ReplicateStreams& streams, int step);

  bool drawn_ = false;
  bool fielded_ = false;
  std::vector<std::uint32_t> sample_;   // mailed firms
  std::vector<std::uint32_t> pending_;  // respondents not yet answered, sorted by response step
  std::vector<int> pending_step_;
  std::size_t next_ = 0;
  std::vector<SurveyAnswer> answers_;
};

namespace survey {

// Frame selection weight of a firm (0 outside the frame).
double frame_weight(const ModelState& s, const Params& p, std::uint32_t firm, int tohoku_block);
// The answers firm gives at `step`; g supplies item non-response and planners' prospective
// partnership.
SurveyAnswer answer(const ModelState& s, const Params& p, std::uint32_t firm, int step,
                    rng::Stream& g);
// Appends the Q7 shares (one per motive, then no answer) over the Q7 base to `out`.
void append_q7(std::vector<double>& out, const std::vector<SurveyAnswer>& answers);
// Summary shares over the answers, in RENKEI_SURVEY_ITEMS order.
std::vector<double> tabulate(const std::vector<SurveyAnswer>& answers);

}  // namespace survey
}  // namespace renkei
