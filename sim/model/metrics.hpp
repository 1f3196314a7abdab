// Recording: turns the state at the end of a step into the declared weekly series, and a
// finished run into its final metrics. Counts are recomputed from the per-collaboration and
// per-firm records (not kept as separate running totals), so they always agree with them.
#pragma once

#include "core/calendar.hpp"
#include "model/context.hpp"
#include "model/run_result.hpp"
#include "model/state.hpp"

namespace renkei::metrics {

// Records the state into column t (the calendar step) of the weekly series.
void record_step(const ModelState& s, const StepContext& ctx, RunResult& out, int t);
void finish(const Calendar& calendar, RunResult& out, std::uint32_t n_firms);
// The finals read from the state at the end of the run rather than from the series: who
// is aware (by size and distance to the bureau) and certifications by block at the end.
void finish_state(const ModelState& s, RunResult& out);
// The recorded step holding 15 December of the start year (clamped to the run).
int first_dec_step(const Calendar& calendar, int steps);
// Small firms for the reach outputs: at most this many employees.
inline constexpr int kSmallFirmEmployees = 20;

}  // namespace renkei::metrics
