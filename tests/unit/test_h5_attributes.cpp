// Text attributes are stored as netCDF-C stores NC_CHAR attributes (what ncdump -t and
// ncks --cal need to decode dates): scalar, fixed-length, exactly the text's bytes,
// nul-terminated padding, ASCII unless the text is not; the empty text is one nul byte. Each
// reads back unchanged through the shared reader.
#include "io/h5_handles.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <string>

using namespace renkei;

TEST_CASE("text attributes are fixed-length NC_CHAR strings and read back", "[io][h5]") {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("renkei-attr-" + std::to_string(::getpid()) + ".h5"))
                               .string();
  {
    h5::Handle file =
        h5::file_handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), path);
    const std::string utf8 = "\xE6\x96\xB0\xE9\x80\xA3\xE6\x90\xBA support";  // 新連携
    struct Case {
      const char* name;
      std::string value;
      std::size_t size;
      H5T_cset_t cset;
    };
    for (const Case& c :
         {Case{"units", "days since 2005-04-01", 21, H5T_CSET_ASCII},
          Case{"empty", "", 1, H5T_CSET_ASCII}, Case{"title", utf8, utf8.size(), H5T_CSET_UTF8}}) {
      INFO(c.name);
      h5::write_string_attribute(file.get(), c.name, c.value);
      const h5::Handle attr = h5::attr_handle(H5Aopen(file.get(), c.name, H5P_DEFAULT), c.name);
      const h5::Handle type = h5::type_handle(H5Aget_type(attr.get()), c.name);
      const h5::Handle space = h5::space_handle(H5Aget_space(attr.get()), c.name);
      CHECK(H5Tget_class(type.get()) == H5T_STRING);
      CHECK(H5Tis_variable_str(type.get()) == 0);
      CHECK(H5Tget_size(type.get()) == c.size);
      CHECK(H5Tget_strpad(type.get()) == H5T_STR_NULLTERM);
      CHECK(H5Tget_cset(type.get()) == c.cset);
      CHECK(H5Sget_simple_extent_type(space.get()) == H5S_SCALAR);
      CHECK(h5::read_string_attribute(file.get(), c.name) == c.value);
    }
    file.close("close " + path);
  }
  std::filesystem::remove(path);
}
