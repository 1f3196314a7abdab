// The option tables and help texts of the longer commands, each in its help_<command>.cpp, so
// that a cmd_*.cpp holds only the mapping of the options onto the library's calls.
#pragma once

#include <boost/program_options.hpp>

namespace renkei::cli {

// The visible options of the command (its usage line is the caption), and the text that
// `--help` prints after them.
boost::program_options::options_description run_options();
extern const char* const kRunHelp;

boost::program_options::options_description sweep_options();
extern const char* const kSweepHelp;

boost::program_options::options_description calibrate_options();
extern const char* const kCalibrateHelp;

boost::program_options::options_description sensitivity_options();
extern const char* const kSensitivityHelp;

boost::program_options::options_description compare_options();
extern const char* const kCompareHelp;

boost::program_options::options_description check_options();
extern const char* const kCheckHelp;

}  // namespace renkei::cli
