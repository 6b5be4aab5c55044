// Runs a program with arguments and standard input, capturing exit code, stdout and stderr.
// For tests of the `baken` command as a user runs it. Not thread-safe across concurrent calls
// that share file descriptors; each call is self-contained.
#pragma once

#include <string>
#include <vector>

namespace baken::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

ProcessResult RunProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input = "");

// Starts a program in the background with stdout captured to `log_path`; returns its pid.
int StartProcess(const std::string& program, const std::vector<std::string>& args,
                 const std::string& log_path);

}  // namespace baken::testing
