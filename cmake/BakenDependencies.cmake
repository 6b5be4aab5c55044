# Third-party libraries, all from Debian 12 packages (see scripts/install-deps for the list and reasons).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(GEOS 3.11 REQUIRED)
pkg_check_modules(PROJ REQUIRED IMPORTED_TARGET proj)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
# The HTTP server: Boost.Beast and Boost.Asio (header-only, Debian's libboost-dev 1.74) with
# OpenSSL for TLS (docs/adr/0010-event-driven-http-server.md). cpp-httplib remains the HTTP
# client of the tests and benchmarks.
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# Reporter e-mail over SMTP with STARTTLS or implicit TLS (Debian's libcurl4-gnutls-dev; ADR 0015).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
# Excel workbooks: meldingen exports and report figures, through base/xlsx.h (Debian's libxlsxwriter-dev).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
if(BAKEN_BUILD_TESTS)
  find_package(GTest REQUIRED)
  pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
endif()
if(BAKEN_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# fastText (Debian's libfasttext-dev, 0.9.2) ships neither a CMake config nor a pkg-config file.
find_path(FASTTEXT_INCLUDE_DIR NAMES fasttext/fasttext.h REQUIRED)
find_library(FASTTEXT_LIBRARY NAMES fasttext REQUIRED)
add_library(fasttext::fasttext UNKNOWN IMPORTED)
set_target_properties(fasttext::fasttext PROPERTIES
  IMPORTED_LOCATION "${FASTTEXT_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${FASTTEXT_INCLUDE_DIR}")
target_link_libraries(fasttext::fasttext INTERFACE Threads::Threads)
