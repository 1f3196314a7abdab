// Recording: turns the state at the end of a step into the declared weekly series, and a
// finished run into its final metrics. Counts are recomputed from the per-collaboration and
// per-firm records (not kept as separate running totals), so they always agree with them.
#pragma once

#include "core/calendar.hpp"
#include "model/context.hpp"
#include "model/run_result.hpp"
#include "model/state.hpp"

namespace renkei::metrics {

void record_step(const ModelState& s, const StepContext& ctx, RunResult& out, int step);
void finish(const Calendar& calendar, RunResult& out, std::uint32_t n_firms);

}  // namespace renkei::metrics
