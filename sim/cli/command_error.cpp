#include "cli/commands.hpp"
#include "input/input_error.hpp"

#include <iostream>

namespace renkei::cli {

int report_command_error(const std::string& command, const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const renkei::InputErrors& e) {
    std::cerr << e.what() << '\n';
    const auto n = e.errors().size();
    std::cerr << "renkei: " << n << (n == 1 ? " error" : " errors") << "; nothing was run\n";
    return kExitUsage;
  } catch (const renkei::FileError& e) {
    std::cerr << "renkei " << command << ": error: " << e.what() << '\n';
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << "renkei " << command << ": " << e.what() << "\n(see `renkei " << command
              << " --help`)\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "renkei " << command << ": error: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace renkei::cli
