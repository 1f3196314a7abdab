// Assembling a sweep's result from its ledger(s): every task's record is read from the
// committed chunks (of one run, of many MPI ranks or of many Slurm shards) into the table the
// sweep writer stores. Only the finals are held in memory (about 120 bytes per run).
#pragma once

#include "io/sweep_writer.hpp"
#include "sweep/ledger.hpp"
#include "sweep/runner.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace renkei {

struct MergeReport {
  std::uint64_t runs = 0;     // tasks in the sweep
  std::uint64_t present = 0;  // tasks found in the ledgers
  std::uint64_t failed = 0;   // of which recorded as failed
  std::vector<TaskRange> missing;
  std::vector<std::string> damaged;  // chunk files that could not be read (ignored)
  bool complete() const noexcept { return present == runs; }
};

// The table of `plan` filled from every valid chunk of `ledgers` (which must all describe
// `plan`; checked). Tasks found in several chunks are taken from the first. Runs missing
// from every ledger are listed in `report.missing` and left as failed with the error text
// "not run".
SweepTable gather_sweep(const SweepPlan& plan, const std::vector<const Ledger*>& ledgers,
                        MergeReport& report);

// The design, names and global attributes of `plan`'s result file; `provenance` is appended
// after the sweep's own attributes.
void describe_sweep(const SweepPlan& plan,
                    const std::vector<std::pair<std::string, std::string>>& provenance,
                    SweepTable& table);

// "tasks 3-7, 12" style list of ranges (first few), for messages.
std::string format_ranges(const std::vector<TaskRange>& ranges, std::size_t max_items = 8);

}  // namespace renkei
