// Read access to a renkei result file for the commands and tests that inspect results
// (survey, compare). It opens only files that carry renkei's marker attribute, and its
// interface is HDF5-free so that code outside sim/io never includes HDF5.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace renkei {

// A numeric variable as doubles, row-major over its dimensions.
struct NumericVariable {
  std::string name;
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::vector<double> values;

  // Row-major offset of an index tuple (one index per dimension, checked).
  std::size_t offset(const std::vector<std::size_t>& index) const;
  double at(const std::vector<std::size_t>& index) const { return values[offset(index)]; }
};

// What a results file holds: the output of `renkei run` or of `renkei sweep`.
enum class ResultKind { study, sweep };

// Every refusal of the reader (missing file, not HDF5, not renkei output, wrong kind, a
// variable missing, of the wrong type or beyond the size limits, damaged data) is a
// FileError naming the file: bad input, exit status 2. Sizes are checked before anything is
// allocated for a variable.
class H5Reader {
 public:
  // Throws FileError naming `path` if it is missing, not a regular file, not HDF5, or not
  // renkei output of a format this version reads.
  explicit H5Reader(const std::string& path);
  ~H5Reader();
  H5Reader(H5Reader&&) noexcept;
  H5Reader& operator=(H5Reader&&) noexcept;

  const std::string& path() const noexcept;
  ResultKind kind() const noexcept;
  // Throws FileError saying what the file is and what `renkei COMMAND` reads, unless it is
  // of kind `wanted`.
  void expect(ResultKind wanted, const std::string& command) const;
  // Throws FileError naming the first of `names` that is not a variable of the file.
  void require_variables(const std::vector<std::string>& names) const;

  // Variables (datasets of the root group) in creation order.
  std::vector<std::string> variables() const;
  bool has_variable(const std::string& name) const;
  // Dimension names of a variable (from its attached dimension scales).
  std::vector<std::string> dimensions(const std::string& name) const;
  std::vector<std::size_t> shape(const std::string& name) const;

  // Any integer or floating-point variable, converted to double.
  NumericVariable read_numeric(const std::string& name) const;
  // A string variable, flattened row-major.
  std::vector<std::string> read_strings(const std::string& name) const;

  // Global attributes in creation order, and one by name (throws if missing).
  std::vector<std::string> global_attribute_names() const;
  std::string global_attribute(const std::string& name) const;
  std::string variable_attribute(const std::string& variable, const std::string& name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace renkei
