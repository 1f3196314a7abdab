#include "cli/options.hpp"

#include "input/input_error.hpp"

namespace renkei::cli {

po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& visible, bool positional_scenarios) {
  po::options_description all;
  all.add(visible);
  po::positional_options_description pos;
  if (positional_scenarios) {
    all.add_options()("scenario", po::value<std::vector<std::string>>(), "scenario files");
    pos.add("scenario", -1);
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& o : visible.options())
      if (!o->long_name().empty()) names.push_back("--" + o->long_name());
    std::string msg = e.what();
    const std::string guess = closest_match(e.get_option_name(), names);
    if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
    throw UsageError(msg);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

std::string single_file(const po::variables_map& vm, const std::string& none,
                        const std::string& what, const char* key) {
  if (!vm.count(key)) throw UsageError(none);
  const auto files = vm[key].as<std::vector<std::string>>();
  if (files.size() != 1)
    throw UsageError("give exactly one " + what + ", got " + std::to_string(files.size()));
  return files.front();
}

}  // namespace renkei::cli
