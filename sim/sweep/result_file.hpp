// The last step of a sweep: its result file written from complete ledgers (of one run, of the
// ranks of an MPI job or of the shards of a Slurm array), and `renkei sweep --merge`, which
// writes it from parts directories left by shards.
#pragma once

#include "sweep/ledger.hpp"
#include "sweep/runner.hpp"
#include "sweep/sweep_steps.hpp"

#include <vector>

namespace renkei {

// Writes the result file of `plan` from `ledgers` (removing them unless --keep-parts) and
// prints what it wrote; run by `ranks` processes. Returns the exit status (1 if runs failed);
// throws when runs are missing (naming them and what to rerun) or the file cannot be written.
int write_sweep_result(const SweepPlan& plan, const SweepSettings& s,
                       const std::vector<const Ledger*>& ledgers, int ranks);

// `--merge`: the result file from the parts directories `s.merge` names (OUT.parts/ when
// none), in one process. UsageError for an existing result without --force, an output onto
// an input, or a parts directory that is missing or of another sweep.
int merge_sweep_parts(const SweepSettings& s);

}  // namespace renkei
