# One helper per kind of target, so every module is declared the same way and names its dependencies.
#
#   baken_library(NAME geo SRCS a.cc b.cc DEPS baken::base PRIVATE_DEPS PkgConfig::PROJ [NO_UNITY]
#                 [NO_PCH])
#     -> static library target baken_geo, alias baken::geo; include root is src/ ("baken/geo/x.h").
#   baken_test(NAME geo_test SRCS x_test.cc y_test.cc DEPS baken::geo [LABELS unit] [ENV K=V ...]
#              [FIXTURES postgres] [TIMEOUT s] [NO_UNITY] [UNITY_SKIP y_test.cc])
#     -> ONE GoogleTest executable per module (or per tests/ folder) with all its *_test.cc files,
#        registered as one CTest entry of that name. TIMEOUT covers all its suites together.
#   baken_test_on_postgres(NAME x_postgres_test BINARY x_test DATABASE baken_test_x [LABELS ...])
#     -> the same test binary once more, with BAKEN_TEST_POSTGRES_URL pointing at its own database
#        in the throwaway cluster of the CTest fixture "postgres" (tests/store).
#   baken_benchmark(NAME locate_benchmark SRCS b.cc DEPS baken::geo)
#     -> Google Benchmark executable, built always, run by `make bench`.
#   baken_fuzzer(NAME geojson_fuzzer SRCS f.cc DEPS baken::geo CORPUS dir)
#     -> libFuzzer target with clang; with GCC a replay driver that runs the corpus as a CTest.
#
# Build time (docs/adr/0018-build-time.md): libraries and test binaries are unity builds
# (BAKEN_UNITY_BUILD) and use shared precompiled headers of the heavy third-party headers
# (BAKEN_PCH). A source file whose file-local names clash with a neighbour's in the same unity
# batch is listed under UNITY_SKIP (it is then compiled on its own); NO_UNITY turns it off for the
# whole target. NO_PCH: a library whose dependencies add flags that change the standard headers
# (pango's -pthread defines _REENTRANT) cannot use the shared header; GCC would warn and ignore it.

set(BAKEN_SRC_ROOT "${CMAKE_SOURCE_DIR}/src")

option(BAKEN_UNITY_BUILD "Unity builds of the libraries and test binaries (faster cold builds)" ON)
option(BAKEN_PCH "Precompiled headers for the standard library and heavy third-party headers" ON)
set(BAKEN_UNITY_BATCH_SIZE 8 CACHE STRING "Source files per unity translation unit")

# Standard headers nearly every translation unit includes (<chrono> alone costs ~1 s in C++20).
set(BAKEN_PCH_STD
  <algorithm> <chrono> <cstdint> <functional> <map> <memory> <optional> <sstream> <string>
  <string_view> <unordered_map> <utility> <variant> <vector>)

# The precompiled headers are built once per kind of target and reused (REUSE_FROM): GCC accepts
# a precompiled header only when the flags that shape code (-fPIC, sanitizers, -O, -g) are the
# same, so there is one carrier for the (position-independent) libraries, one for test binaries
# and one for test binaries that also speak HTTP through cpp-httplib (whose -D options the header
# depends on). A carrier compiles an empty file; nothing links it.
function(_baken_pch_carrier name pic)
  if(TARGET ${name})
    return()
  endif()
  set(empty "${CMAKE_BINARY_DIR}/baken_pch_empty.cc")
  if(NOT EXISTS "${empty}")
    file(WRITE "${empty}" "// Carrier of a shared precompiled header (cmake/BakenHelpers.cmake).\n")
  endif()
  add_library(${name} OBJECT "${empty}")
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ${pic})
  target_precompile_headers(${name} PRIVATE ${ARGN})
endfunction()

function(_baken_pch target kind)
  if(NOT BAKEN_PCH)
    return()
  endif()
  if(kind STREQUAL "library")
    _baken_pch_carrier(baken_pch_library ON ${BAKEN_PCH_STD} <nlohmann/json.hpp>)
    target_link_libraries(baken_pch_library PRIVATE nlohmann_json::nlohmann_json)
    set(carrier baken_pch_library)
  elseif(kind STREQUAL "http_test")
    _baken_pch_carrier(baken_pch_http_test OFF
      ${BAKEN_PCH_STD} <nlohmann/json.hpp> <gtest/gtest.h> <gmock/gmock.h> <httplib.h>)
    target_link_libraries(baken_pch_http_test PRIVATE
      nlohmann_json::nlohmann_json GTest::gtest GTest::gmock PkgConfig::HTTPLIB)
    set(carrier baken_pch_http_test)
  else()
    _baken_pch_carrier(baken_pch_test OFF
      ${BAKEN_PCH_STD} <nlohmann/json.hpp> <gtest/gtest.h> <gmock/gmock.h>)
    target_link_libraries(baken_pch_test PRIVATE nlohmann_json::nlohmann_json GTest::gtest GTest::gmock)
    set(carrier baken_pch_test)
  endif()
  # The header's own include directories must be visible to the user as well.
  target_link_libraries(${target} PRIVATE nlohmann_json::nlohmann_json)
  target_precompile_headers(${target} REUSE_FROM ${carrier})
endfunction()

function(_baken_unity target no_unity)
  if(NOT BAKEN_UNITY_BUILD OR no_unity)
    return()
  endif()
  set_target_properties(${target} PROPERTIES
    UNITY_BUILD ON UNITY_BUILD_MODE BATCH UNITY_BUILD_BATCH_SIZE ${BAKEN_UNITY_BATCH_SIZE})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # A .cc whose class keeps a member of an anonymous-namespace type (a pimpl's Impl, say) is
    # fine; GCC warns about it only because, in a batch, that .cc is no longer the main file.
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
  if(ARGN)
    set_source_files_properties(${ARGN} TARGET_DIRECTORY ${target}
      PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  endif()
endfunction()

function(baken_library)
  cmake_parse_arguments(ARG "NO_UNITY;NO_PCH" "NAME" "SRCS;DEPS;PRIVATE_DEPS;UNITY_SKIP" ${ARGN})
  set(target baken_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SRCS})
  add_library(baken::${ARG_NAME} ALIAS ${target})
  target_include_directories(${target} PUBLIC "${BAKEN_SRC_ROOT}")
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(NOT ARG_NO_PCH)
    _baken_pch(${target} library)
  endif()
  _baken_unity(${target} "${ARG_NO_UNITY}" ${ARG_UNITY_SKIP})
endfunction()

function(baken_test)
  cmake_parse_arguments(ARG "NO_UNITY" "NAME;TIMEOUT" "SRCS;DEPS;LABELS;ENV;FIXTURES;UNITY_SKIP" ${ARGN})
  if(NOT BAKEN_BUILD_TESTS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${ARG_NAME} PRIVATE
    BAKEN_SHARED_DIR="${BAKEN_SHARED_DIR}" BAKEN_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  if("PkgConfig::HTTPLIB" IN_LIST ARG_DEPS)
    _baken_pch(${ARG_NAME} http_test)
  else()
    _baken_pch(${ARG_NAME} test)
  endif()
  _baken_unity(${ARG_NAME} "${ARG_NO_UNITY}" ${ARG_UNITY_SKIP})
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME} --gtest_brief=1)
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
  # Leak checks skip only the system-library caches listed in tests/store/lsan.supp.
  if(NOT ARG_ENV MATCHES "LSAN_OPTIONS")
    list(APPEND ARG_ENV "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/store/lsan.supp")
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${ARG_ENV}")
  if(ARG_FIXTURES)
    set_tests_properties(${ARG_NAME} PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
endfunction()

function(baken_test_on_postgres)
  cmake_parse_arguments(ARG "" "NAME;BINARY;DATABASE;TIMEOUT" "LABELS" ${ARGN})
  if(NOT BAKEN_BUILD_TESTS)
    return()
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_test(NAME ${ARG_NAME}
    COMMAND sh -c "BAKEN_TEST_POSTGRES_URL=$(sed 's#/baken_test$#/${ARG_DATABASE}#' \"$0\") exec \"$1\" --gtest_brief=1"
            "${CMAKE_BINARY_DIR}/tests/store/postgres/url" $<TARGET_FILE:${ARG_BINARY}>)
  set_tests_properties(${ARG_NAME} PROPERTIES
    LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT} FIXTURES_REQUIRED postgres
    ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/store/lsan.supp")
endfunction()
function(baken_benchmark)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  if(NOT BAKEN_BUILD_BENCHMARKS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} benchmark::benchmark)
  target_compile_definitions(${ARG_NAME} PRIVATE BAKEN_SHARED_DIR="${BAKEN_SHARED_DIR}")
  set_property(GLOBAL APPEND PROPERTY BAKEN_BENCHMARKS ${ARG_NAME})
endfunction()

function(baken_fuzzer)
  cmake_parse_arguments(ARG "" "NAME;CORPUS" "SRCS;DEPS" ${ARGN})
  if(NOT BAKEN_BUILD_FUZZERS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(${ARG_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_options(${ARG_NAME} PRIVATE -fsanitize=fuzzer)
    set(run_args -runs=0 "${ARG_CORPUS}")
  else()
    # GCC has no libFuzzer: link a driver that feeds every corpus file to the target once
    # (compiled once for all fuzzers).
    if(NOT TARGET baken_fuzz_replay)
      add_library(baken_fuzz_replay STATIC "${CMAKE_SOURCE_DIR}/fuzz/replay_main.cc")
    endif()
    target_link_libraries(${ARG_NAME} PRIVATE baken_fuzz_replay)
    set(run_args "${ARG_CORPUS}")
  endif()
  if(BAKEN_BUILD_TESTS)
    add_test(NAME ${ARG_NAME}_corpus COMMAND ${ARG_NAME} ${run_args})
    set_tests_properties(${ARG_NAME}_corpus PROPERTIES LABELS fuzz TIMEOUT 300)
  endif()
endfunction()

# baken_node_tests(PREFIX e2e LABEL e2e): every <name>_test.mjs in the current folder is one ctest,
# <PREFIX>_<name>, run as `node <script> --baken <baken> --source <repo> --shared <shared>`, on its
# own (each starts a server). Without node the test fails and says what is missing; nothing is
# skipped.
function(baken_node_tests)
  cmake_parse_arguments(ARG "" "PREFIX;LABEL" "" ${ARGN})
  file(GLOB scripts CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*_test.mjs")
  find_program(BAKEN_NODE node)
  foreach(script IN LISTS scripts)
    get_filename_component(stem "${script}" NAME_WE)
    string(REGEX REPLACE "_test$" "" name "${stem}")
    set(test ${ARG_PREFIX}_${name})
    if(BAKEN_NODE)
      add_test(NAME ${test}
        COMMAND "${BAKEN_NODE}" "${script}"
                --baken "$<TARGET_FILE:baken>" --source "${CMAKE_SOURCE_DIR}" --shared "${BAKEN_SHARED_DIR}")
    else()
      add_test(NAME ${test}
        COMMAND sh -c "echo '${test}: node ontbreekt (Debian-pakket nodejs, zie scripts/install-deps)' >&2; exit 1")
    endif()
    set_tests_properties(${test} PROPERTIES
      LABELS "${ARG_LABEL}"
      TIMEOUT 600
      RUN_SERIAL TRUE
      ENVIRONMENT "LSAN_OPTIONS=suppressions=${CMAKE_SOURCE_DIR}/tests/store/lsan.supp")
  endforeach()
endfunction()
