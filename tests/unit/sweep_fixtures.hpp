// Test helper for sweep designs: a factor over one model parameter.
#pragma once

#include "scenario/params.hpp"
#include "sweep/design.hpp"

#include <string>

namespace renkei::sweep_test {

inline SweepFactor factor(const std::string& key, double min, double max, bool log_scale = false) {
  SweepFactor f;
  f.key = key;
  f.param_index = find_param(key).value();
  f.min = min;
  f.max = max;
  f.log_scale = log_scale;
  return f;
}

}  // namespace renkei::sweep_test
