#include "cli/provenance.hpp"

#include "cli/commands.hpp"
#include "renkei/build_info.hpp"

#include <oneapi/tbb/version.h>
#include <boost/version.hpp>

#include <chrono>
#include <ctime>

namespace renkei::cli {
namespace {

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string boost_version() {
  return std::to_string(BOOST_VERSION / 100000) + "." + std::to_string(BOOST_VERSION / 100 % 1000) +
         "." + std::to_string(BOOST_VERSION % 100);
}

}  // namespace

std::string version_text() {
  return std::string("renkei ") + build::version + " (commit " + build::git_commit + ", " +
         build::build_type + ")\ncompiler: " + build::compiler + "\nBoost " + boost_version() +
         ", oneTBB " + TBB_VERSION_STRING + " (runtime " + TBB_runtime_version() + ")";
}

std::vector<std::pair<std::string, std::string>> provenance(std::uint64_t seed, int threads,
                                                            int replicates,
                                                            const std::vector<std::string>& args,
                                                            const std::string& subcommand) {
  std::string command = "renkei " + subcommand;
  for (const auto& a : args) command += " " + a;
  return {
      {"title", "renkei simulation results"},
      {"renkei_version", build::version},
      {"git_commit", build::git_commit},
      {"compiler", build::compiler},
      {"build_type", build::build_type},
      {"boost_version", boost_version()},
      {"tbb_version", TBB_VERSION_STRING},
      {"master_seed", std::to_string(seed)},
      {"threads", std::to_string(threads)},
      {"replicates", std::to_string(replicates)},
      {"created", utc_now()},
      {"command_line", command},
  };
}

}  // namespace renkei::cli
