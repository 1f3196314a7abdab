// The result reader's refusals: missing files, non-HDF5 files and HDF5 files of others.
#include "input/input_error.hpp"
#include "io/h5_handles.hpp"
#include "io/h5_reader.hpp"
#include "io/result_writer.hpp"

#include <hdf5.h>
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
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

TEST_CASE("HDF5 reader: a study is refused where a sweep result is read, saying what it is",
          "[io]") {
  Dir dir;
  const std::string p = dir.file("study.h5");
  write_empty_study(p);
  const H5Reader in(p);
  CHECK(in.kind() == ResultKind::study);
  CHECK_NOTHROW(in.expect(ResultKind::study, "compare"));
  CHECK_THROWS_AS(in.expect(ResultKind::sweep, "sensitivity"), FileError);
  CHECK_THROWS_WITH(in.expect(ResultKind::sweep, "sensitivity"),
                    Catch::Contains(p) && Catch::Contains("output of renkei run") &&
                        Catch::Contains("renkei sweep"));
  CHECK_THROWS_WITH(in.require_variables({"scenario", "no_such_thing"}),
                    Catch::Contains("no variable 'no_such_thing'"));
  CHECK_THROWS_AS(H5Reader(dir.file("absent.h5")), FileError);
  CHECK_THROWS_WITH(H5Reader(dir.path.string()), Catch::Contains("is a directory"));
}

namespace {

// Flips two bytes of the first chunk of `variable` in the file, as a failing disk would.
void damage_first_chunk(const std::string& path, const std::string& variable) {
  haddr_t addr = 0;
  hsize_t size = 0;
  {
    const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    const hid_t dset = H5Dopen2(file, variable.c_str(), H5P_DEFAULT);
    REQUIRE(dset >= 0);
    const hsize_t origin[3] = {0, 0, 0};
    unsigned mask = 0;
    // A contiguous variable has no chunk: the summaries must be chunked to carry a checksum.
    CHECK(H5Dget_chunk_info_by_coord(dset, origin, &mask, &addr, &size) >= 0);
    H5Dclose(dset);
    H5Fclose(file);
  }
  REQUIRE(size >= 2);
  std::fstream raw(path, std::ios::in | std::ios::out | std::ios::binary);
  char bytes[2];
  raw.seekg(static_cast<std::streamoff>(addr));
  raw.read(bytes, 2);
  bytes[0] = static_cast<char>(bytes[0] ^ 0x55);
  bytes[1] = static_cast<char>(bytes[1] ^ 0x55);
  raw.seekp(static_cast<std::streamoff>(addr));
  raw.write(bytes, 2);
  REQUIRE(raw.good());
}

}  // namespace

TEST_CASE("HDF5 reader: a damaged summary or coordinate is refused as damaged, not read", "[io]") {
  Dir dir;
  // The summaries (X_mean, X_sd, X_quantile, final_X_mean...) and the time coordinate used to
  // be contiguous, without checksum: flipped bytes there were read as results.
  for (const std::string variable :
       {"collab_share_mean", "collab_share_quantile", "final_firms_sd", "time", "runs_ok"}) {
    const std::string p = dir.file(variable + ".h5");
    write_empty_study(p);
    CHECK_NOTHROW(H5Reader(p).read_numeric(variable));
    damage_first_chunk(p, variable);
    const H5Reader in(p);
    CHECK_THROWS_AS(in.read_numeric(variable), FileError);
    CHECK_THROWS_WITH(in.read_numeric(variable), Catch::Contains(p) && Catch::Contains("damaged") &&
                                                     Catch::Contains(variable));
  }
}

TEST_CASE("HDF5 strings digest: length-prefixed, so a shifted boundary changes it", "[io]") {
  CHECK(h5::strings_digest({"ab", ""}) != h5::strings_digest({"a", "b"}));
  CHECK(h5::strings_digest({}) != h5::strings_digest({""}));
  CHECK(h5::strings_digest({"baseline", "push"}) == h5::strings_digest({"baseline", "push"}));
  CHECK(h5::strings_digest({"x"}).size() == 64);
}

TEST_CASE("HDF5 reader: a damaged scenario name is refused as damaged, not read", "[io]") {
  Dir dir;
  // Variable-length strings take no Fletcher32 filter: their bytes sit in the global heap,
  // where a flipped byte used to be read as another scenario's name.
  const std::string p = dir.file("names.h5");
  StudyHeader h;
  h.scenario_names = {"baseline_unique_name_0", "push_unique_name_1"};
  h.replicates = 1;
  h.steps = 2;
  make_hdf5_writer(p, false, h)->commit();
  REQUIRE(H5Reader(p).read_strings("scenario") == h.scenario_names);
  // Every string variable a study writes carries the digest, run_error included.
  for (const std::string v : {"scenario", "run_error", "scenario_description", "scenario_toml"})
    CHECK(H5Reader(p).variable_attribute(v, h5::kStringsDigestAttribute).size() == 64);

  std::string bytes;
  {
    std::ifstream in(p, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // The name is stored once per variable that holds it (scenario, the display names): the
  // same byte is flipped in every copy, as a failing sector under all of them would.
  std::size_t copies = 0;
  for (auto at = bytes.find("push_unique_name_1"); at != std::string::npos;
       at = bytes.find("push_unique_name_1", at + 1), ++copies)
    bytes[at] = 'P';
  REQUIRE(copies >= 1);
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
  const H5Reader in(p);
  CHECK_THROWS_AS(in.read_strings("scenario"), FileError);
  CHECK_THROWS_WITH(in.read_strings("scenario"), Catch::Contains(p) && Catch::Contains("damaged") &&
                                                     Catch::Contains("'scenario'"));
  // The untouched first name's variable is still read (the digest covers a whole variable).
  CHECK_NOTHROW(in.read_strings("scenario_description"));
}
