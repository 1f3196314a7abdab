// The walltime a generated Slurm script asks for: the forms sbatch accepts for one array
// task (H:MM:SS, D-H:MM:SS) pass; anything else is refused with the form to use.
#include "sweep/slurm.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using renkei::check_walltime;

TEST_CASE("walltimes in sbatch's H:MM:SS and D-H:MM:SS forms are accepted", "[sweep][slurm]") {
  for (const char* ok : {"02:00:00", "1:30:00", "9999:59:59", "1-00:00:00", "365-12:00:00", "0:00:01"})
    CHECK_NOTHROW(check_walltime(ok));
  for (const char* bad : {"", "2h", "1:61:00", "1:00:60", "01:00", "1-", "-1:00:00", "1:0:00", "12345:00:00",
                          "1234-01:00:00", "a:00:00", "1:00:00 ", "00:00:00"})
    CHECK_THROWS_AS(check_walltime(bad), std::invalid_argument);
}
