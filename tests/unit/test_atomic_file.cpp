// AtomicFile: the temporary-then-rename protocol behind every output file.
#include "io/atomic_file.hpp"

#include "input/input_error.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using renkei::AtomicFile;

namespace {

struct Dir {
  fs::path path;
  explicit Dir(const std::string& tag)
      : path(fs::temp_directory_path() /
             ("renkei-atomic-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::size_t count() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("atomic file: the temporary file sits beside the final one and moves on commit", "[io]") {
  Dir dir("commit");
  const std::string path = dir.file("r.h5");
  AtomicFile f(path, false);
  CHECK(f.temp_path() == path + ".tmp-" + std::to_string(::getpid()));
  put(f.temp_path(), "new");
  CHECK_FALSE(fs::exists(path));
  f.commit();
  CHECK(f.committed());
  CHECK(slurp(path) == "new");
  CHECK_FALSE(fs::exists(f.temp_path()));
  CHECK(dir.count() == 1);
}

TEST_CASE("atomic file: without commit the temporary file is removed", "[io]") {
  Dir dir("discard");
  const std::string path = dir.file("r.h5");
  {
    AtomicFile f(path, false);
    put(f.temp_path(), "partial");
  }
  CHECK(dir.count() == 0);
}

TEST_CASE("atomic file: an existing file needs force and is replaced only on commit", "[io]") {
  Dir dir("force");
  const std::string path = dir.file("r.h5");
  put(path, "old");
  CHECK_THROWS_WITH(AtomicFile(path, false),
                    Catch::Contains("'" + path + "' already exists") && Catch::Contains("--force"));
  {
    AtomicFile f(path, true);
    put(f.temp_path(), "new");
    CHECK(slurp(path) == "old");
  }
  CHECK(slurp(path) == "old");
  AtomicFile f(path, true);
  put(f.temp_path(), "new");
  f.commit();
  CHECK(slurp(path) == "new");
  CHECK(dir.count() == 1);
}

TEST_CASE("atomic file: a file that appears before commit is not overwritten without force",
          "[io]") {
  Dir dir("race");
  const std::string path = dir.file("r.h5");
  AtomicFile f(path, false);
  put(f.temp_path(), "mine");
  put(path, "theirs");
  CHECK_THROWS_WITH(f.commit(), Catch::Contains("--force"));
  CHECK(slurp(path) == "theirs");
}

TEST_CASE("atomic file: unusable destinations are named", "[io]") {
  Dir dir("where");
  CHECK_THROWS_WITH(AtomicFile(dir.file("no/such/r.h5"), true),
                    Catch::Contains(dir.file("no/such")) && Catch::Contains("does not exist"));
  CHECK_THROWS_WITH(AtomicFile(dir.path.string(), true), Catch::Contains("is a directory"));
  if (::geteuid() != 0) {  // root writes anywhere
    const fs::path ro = dir.path / "ro";
    fs::create_directory(ro);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THROWS_WITH(AtomicFile((ro / "r.h5").string(), false), Catch::Contains("not writable"));
    fs::permissions(ro, fs::perms::owner_all);
  }
}

TEST_CASE("atomic file: devices, FIFOs and inputs are refused as outputs, even with force",
          "[io]") {
  Dir dir("special");
  // A rename onto /dev/null would have replaced the device with a regular file.
  CHECK_THROWS_AS(AtomicFile("/dev/null", true), renkei::FileError);
  CHECK_THROWS_WITH(AtomicFile("/dev/null", true), Catch::Contains("is a device"));
  const std::string fifo = dir.file("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(AtomicFile(fifo, true), Catch::Contains("is a FIFO"));
  CHECK_THROWS_AS(AtomicFile(dir.path.string(), true), renkei::FileError);

  const std::string in = dir.file("in.toml");
  put(in, "input");
  const std::string link = dir.file("link.toml");
  fs::create_symlink(in, link);
  CHECK_THROWS_WITH(renkei::refuse_output_onto_inputs(link, {dir.file("other.toml"), in}),
                    Catch::Contains("is the input") && Catch::Contains(in));
  CHECK_NOTHROW(renkei::refuse_output_onto_inputs(dir.file("new.h5"), {in}));
  CHECK(slurp(in) == "input");
}

TEST_CASE("atomic file: temporaries of processes that no longer run are removed", "[io]") {
  Dir dir("stale");
  const std::string path = dir.file("r.h5");
  // pid 2^22 + 1 is above Linux's pid_max limit: no process has it.
  const std::string dead = path + ".tmp-4194305";
  const std::string live = path + ".tmp-" + std::to_string(::getppid());
  const std::string other = dir.file("q.h5.tmp-4194305");
  put(dead, "half");
  put(live, "being written");
  put(other, "another output's");
  CHECK(renkei::remove_stale_temporaries(path) == std::vector<std::string>{dead});
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
}
