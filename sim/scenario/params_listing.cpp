#include "scenario/params_listing.hpp"

#include "input/toml_text.hpp"
#include "scenario/params.hpp"

#include <sstream>

namespace renkei {

std::string parameters_list() {
  std::ostringstream out;
  for (const auto& d : param_schema()) {
    out << d.key << " = " << d.default_value << "  [" << d.min << ", " << d.max << "] " << d.unit
        << (d.lever ? "  (policy lever)" : "") << "\n    " << d.description << "\n";
  }
  return out.str();
}

std::string resolved_parameters(const Scenario& s) {
  std::ostringstream out;
  out << "parameters of scenario '" << s.name
      << "' (its own values and those of the files it extends; '*' differs from the default)\n";
  for (const auto& d : param_schema()) {
    const double v = d.get(s.params);
    const bool differs = v != d.default_value;
    const auto text = [&](double x) {
      return d.type == ParamType::boolean ? std::string(x != 0.0 ? "true" : "false")
                                          : approx_text(x);
    };
    out << (differs ? "* " : "  ") << d.key << " = " << text(v) << "  (" << d.unit << ")"
        << (differs ? "  default " + text(d.default_value) : "") << (d.lever ? "  [lever]" : "")
        << "\n";
  }
  return out.str();
}

}  // namespace renkei
