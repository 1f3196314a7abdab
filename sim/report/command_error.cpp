#include "report/command_error.hpp"

#include "core/exit_status.hpp"
#include "core/usage_error.hpp"
#include "input/input_error.hpp"

#include <iostream>

namespace renkei {

int report_command_error(const std::string& command, const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const InputErrors& e) {
    std::cerr << e.what() << '\n';
    const auto n = e.errors().size();
    std::cerr << "renkei: " << n << (n == 1 ? " error" : " errors") << "; nothing was run\n";
    return kExitUsage;
  } catch (const FileError& e) {
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

}  // namespace renkei
