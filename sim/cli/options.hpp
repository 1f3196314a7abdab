// Shared command-line parsing: Boost.Program_options errors become UsageErrors (exit 2).
#pragma once

#include "cli/commands.hpp"

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <vector>

namespace renkei::cli {

namespace po = boost::program_options;

// Parses `args` against `visible` options plus positional "scenario" files.
po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& visible, bool positional_scenarios);

// The one positional file of a command: UsageError `none` when there is none, "give exactly
// one WHAT, got N" when there are more.
std::string single_file(const po::variables_map& vm, const std::string& none,
                        const std::string& what, const char* key = "scenario");

// The value of option `name` as T, or none when it was not given (a defaulted value counts as
// given: the library requests hold what the user asked for).
template <class T>
std::optional<T> given(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? std::optional<T>(vm[name].as<T>()) : std::nullopt;
}

}  // namespace renkei::cli
