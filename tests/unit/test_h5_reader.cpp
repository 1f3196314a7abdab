// The result reader's refusals: missing files, non-HDF5 files and HDF5 files of others.
#include "io/h5_reader.hpp"
#include "io/result_writer.hpp"
#include "scenario/input_error.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace renkei;

namespace {

struct Dir {
  fs::path path;
  Dir() : path(fs::temp_directory_path() / ("renkei-h5reader-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// One scenario, one replicate, two steps, nothing written but the header.
void write_empty_study(const std::string& path) {
  StudyHeader h;
  h.scenario_names = {"only"};
  h.replicates = 1;
  h.steps = 2;
  auto w = make_hdf5_writer(path, false, h);
  w->commit();
}

}  // namespace

TEST_CASE("HDF5 reader: refuses what is not renkei output, naming the file", "[io]") {
  Dir dir;
  SECTION("missing") {
    const std::string p = dir.file("absent.h5");
    CHECK_THROWS_WITH(H5Reader(p), Catch::Contains(p) && Catch::Contains("no such file"));
  }
  SECTION("not HDF5") {
    const std::string p = dir.file("notes.txt");
    std::ofstream(p) << "scenario,value\nbaseline,1\n";
    CHECK_THROWS_WITH(H5Reader(p), Catch::Contains(p) && Catch::Contains("not an HDF5 file"));
  }
  SECTION("HDF5 from someone else") {
    const std::string ours = dir.file("ours.h5"), theirs = dir.file("theirs.h5");
    write_empty_study(ours);
    // h5copy copies one dataset into a new file, without our global attributes.
    const std::string cmd = "h5copy -i '" + ours + "' -o '" + theirs + "' -s time -d time";
    const int status = std::system((cmd + " > /dev/null 2>&1").c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      WARN("h5copy (hdf5-tools) not usable: skipping");
      return;
    }
    CHECK_THROWS_WITH(H5Reader(theirs),
                      Catch::Contains(theirs) && Catch::Contains("not renkei output"));
  }
}

TEST_CASE("HDF5 reader: an unwritten study reads as fill values", "[io]") {
  Dir dir;
  const std::string p = dir.file("empty.h5");
  write_empty_study(p);
  const H5Reader in(p);
  CHECK(in.read_strings("scenario") == std::vector<std::string>{"only"});
  CHECK(in.read_strings("scenario_description") == std::vector<std::string>{""});
  CHECK(in.read_strings("run_error") == std::vector<std::string>{""});
  CHECK(in.read_numeric("run_ok").values == std::vector<double>{0});
  const auto x = in.read_numeric("collab_share");
  CHECK(x.shape == std::vector<std::size_t>{1, 1, 2});
  CHECK(std::isnan(x.at({0, 0, 1})));
  CHECK_THROWS_AS(x.at({0, 1, 0}), std::out_of_range);
  CHECK_THROWS_WITH(in.read_numeric("no_such_variable"),
                    Catch::Contains(p) && Catch::Contains("no variable 'no_such_variable'"));
  CHECK_THROWS_WITH(in.read_numeric("scenario"), Catch::Contains("not numeric"));
  CHECK_THROWS_WITH(in.global_attribute("nope"), Catch::Contains("no global attribute 'nope'"));
}

TEST_CASE("HDF5 reader: a study is refused where a sweep result is read, saying what it is", "[io]") {
  Dir dir;
  const std::string p = dir.file("study.h5");
  write_empty_study(p);
  const H5Reader in(p);
  CHECK(in.kind() == ResultKind::study);
  CHECK_NOTHROW(in.expect(ResultKind::study, "compare"));
  CHECK_THROWS_AS(in.expect(ResultKind::sweep, "sensitivity"), FileError);
  CHECK_THROWS_WITH(in.expect(ResultKind::sweep, "sensitivity"),
                    Catch::Contains(p) && Catch::Contains("output of renkei run") && Catch::Contains("renkei sweep"));
  CHECK_THROWS_WITH(in.require_variables({"scenario", "no_such_thing"}),
                    Catch::Contains("no variable 'no_such_thing'"));
  CHECK_THROWS_AS(H5Reader(dir.file("absent.h5")), FileError);
  CHECK_THROWS_WITH(H5Reader(dir.path.string()), Catch::Contains("is a directory"));
}
