// Tests of the child-process check of results files: a child that returns or throws lets the
// command go on, one that dies of a signal, exits otherwise or loops is reported, within the
// time limit; a damaged file that libhdf5 reads without crashing is left to the reader.
#include "input/input_error.hpp"
#include "io/h5_preflight.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

using renkei::ChildOutcome;
using renkei::run_in_child;

TEST_CASE("run_in_child: returning or throwing is finished", "[preflight]") {
  CHECK(run_in_child([] {}, 30).kind == ChildOutcome::Kind::finished);
  CHECK(run_in_child([] { throw std::runtime_error("refused"); }, 30).kind ==
        ChildOutcome::Kind::finished);
}

TEST_CASE("run_in_child: a signal or another exit status is a failure", "[preflight]") {
  const auto killed = run_in_child([] { std::raise(SIGKILL); }, 30);
  CHECK(killed.kind == ChildOutcome::Kind::failed);
  CHECK(killed.signal == SIGKILL);
  const auto exited = run_in_child([] { ::_exit(1); }, 30);  // as a sanitizer's report ends
  CHECK(exited.kind == ChildOutcome::Kind::failed);
  CHECK(exited.exit_code == 1);
}

TEST_CASE("run_in_child: a child that does not finish is killed at the limit", "[preflight]") {
  const auto start = std::chrono::steady_clock::now();
  const auto hung = run_in_child([] { ::pause(); }, 0.3);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(hung.kind == ChildOutcome::Kind::timed_out);
  CHECK(seconds >= 0.3);
  CHECK(seconds < 20.0);  // generous for a loaded machine: the point is that it returns
}

TEST_CASE("preflight_results_file leaves refusals to the reader", "[preflight]") {
  // Not HDF5 at all: the reader refuses it in the child, so the check returns and the
  // command's own reading names the problem.
  const std::string path = "preflight_not_hdf5.h5";
  std::ofstream(path) << "not an HDF5 file\n";
  CHECK_NOTHROW(renkei::preflight_results_file(path));
  std::remove(path.c_str());
  CHECK_NOTHROW(renkei::preflight_results_file("no_such_file.h5"));
}
