// The record of one run (one scenario, one replicate): weekly series and final metrics.
#pragma once

#include "model/series.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace renkei {

struct RunResult {
  std::uint32_t scenario = 0;
  std::uint32_t replicate = 0;
  int steps = 0;               // recorded steps (burn-in excluded)
  std::vector<double> series;  // [series][step], kSeriesCount × steps
  std::vector<double> finals;  // kFinalCount
  // Certifications by the block of the core firm (the world's block order): at 15 December
  // of the start year (the date of the study's table) and at the end date.
  std::vector<double> certifications_by_block_dec;
  std::vector<double> certifications_by_block_end;
  bool ok = true;
  std::string error;  // when !ok: what failed

  double& at(S s, int step) { return series[static_cast<std::size_t>(s) * steps + step]; }
  double at(S s, int step) const { return series[static_cast<std::size_t>(s) * steps + step]; }
  double& final(F f) { return finals[static_cast<std::size_t>(f)]; }
  double final(F f) const { return finals[static_cast<std::size_t>(f)]; }
};

}  // namespace renkei
