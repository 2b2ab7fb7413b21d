# ctest entry "install": installs the build into a fresh prefix inside the
# build tree, then builds examples/ against that prefix alone, as a host
# project would (find_package(tourney), tourney::runtime), and runs the
# built embedding example. Run with cmake -P; the variables come from
# tests/CMakeLists.txt.
#   BUILD_DIR SOURCE_DIR WORK_DIR CXX_COMPILER BUILD_TYPE GENERATOR LAUNCHER HOST_FLAGS
#   BINDIR LIBDIR INCLUDEDIR (GNUInstallDirs, relative to the prefix)
cmake_minimum_required(VERSION 3.16)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(require_file path)
  if(NOT EXISTS "${prefix}/${path}")
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endfunction()

function(forbid_file path)
  if(EXISTS "${prefix}/${path}")
    message(FATAL_ERROR "installed but private: ${path}")
  endif()
endfunction()

set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")

# What a host gets: the app, the public headers with every header they
# include, the libraries and the package; nothing private.
require_file(${BINDIR}/tourney)
require_file(${INCLUDEDIR}/tourney/runtime.hpp)
require_file(${INCLUDEDIR}/tourney/worker.hpp)
require_file(${INCLUDEDIR}/tourney/players/player.hpp)
require_file(${INCLUDEDIR}/tourney/util/expected.hpp)
require_file(${LIBDIR}/libtourney_runtime.a)
require_file(${LIBDIR}/libtourney_core.a)
require_file(${LIBDIR}/cmake/tourney/tourneyConfig.cmake)
require_file(${LIBDIR}/cmake/tourney/tourneyConfigVersion.cmake)
require_file(${LIBDIR}/cmake/tourney/FindCAF.cmake)
forbid_file(${INCLUDEDIR}/tourney/detail)
forbid_file(${INCLUDEDIR}/tourney/bench)
forbid_file(${INCLUDEDIR}/caf)
forbid_file(${INCLUDEDIR}/nlohmann)

run("${prefix}/${BINDIR}/tourney" --version)
if(NOT run_output MATCHES "[0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "installed tourney --version printed '${run_output}'")
endif()

# CAF reaches the host's link line only ($<LINK_ONLY:...>), never its
# compile line; the project's warning and sanitizer flags reach neither.
file(READ "${prefix}/${LIBDIR}/cmake/tourney/tourneyTargets.cmake" targets)
string(REGEX REPLACE "\\$<LINK_ONLY:CAF::[a-z]+>" "" targets_without_link_only "${targets}")
if(NOT targets MATCHES "\\$<LINK_ONLY:CAF::core>")
  message(FATAL_ERROR "tourney::runtime does not link CAF::core:\n${targets}")
endif()
if(targets_without_link_only MATCHES "CAF::")
  message(FATAL_ERROR "CAF is more than a link dependency of the installed targets:\n${targets}")
endif()
if(targets MATCHES "-W(all|extra|error|pedantic)|-fsanitize")
  message(FATAL_ERROR "the project's flags leak into the installed targets:\n${targets}")
endif()

# A host project: examples/ configured on its own against the prefix only.
set(host_build "${WORK_DIR}/host")
set(configure "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/examples" -B "${host_build}" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
  "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF")
if(LAUNCHER)
  list(APPEND configure "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
if(HOST_FLAGS)
  # A sanitized tourney needs the sanitizer runtime in the host too.
  list(APPEND configure "-DCMAKE_CXX_FLAGS=${HOST_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${HOST_FLAGS}")
endif()
run(${configure})
run("${CMAKE_COMMAND}" --build "${host_build}")

# The host's example compiled against the installed headers, not the sources.
file(GLOB_RECURSE host_depends "${host_build}/*compiler_depend.make" "${host_build}/*.d")
set(read_installed_header FALSE)
foreach(f IN LISTS host_depends)
  file(READ "${f}" text)
  string(FIND "${text}" "${prefix}/${INCLUDEDIR}/tourney/runtime.hpp" installed)
  if(NOT installed EQUAL -1)
    set(read_installed_header TRUE)
  endif()
  string(FIND "${text}" "${SOURCE_DIR}/actors" in_actors)
  string(FIND "${text}" "${SOURCE_DIR}/libtourney" in_libtourney)
  if(NOT in_actors EQUAL -1 OR NOT in_libtourney EQUAL -1)
    message(FATAL_ERROR "the host build read headers from the source tree (${f})")
  endif()
endforeach()
if(host_depends AND NOT read_installed_header)
  message(FATAL_ERROR "the host build's dependencies do not name the installed runtime.hpp: ${host_depends}")
endif()

set(example "${host_build}/embed_trainer")
if(NOT EXISTS "${example}")
  message(FATAL_ERROR "the host build made no ${example}")
endif()
file(MAKE_DIRECTORY "${WORK_DIR}/results")
execute_process(COMMAND "${example}" "${WORK_DIR}/results" RESULT_VARIABLE rc OUTPUT_VARIABLE out
  ERROR_VARIABLE err TIMEOUT 300)
if(NOT rc EQUAL 0 OR NOT out MATCHES "status completed, 8/8 games")
  message(FATAL_ERROR "the example built against the installed package failed (${rc}):\n${out}\n${err}")
endif()
list(LENGTH host_depends checked)
message(STATUS "installed, built examples/ against ${prefix} alone (${checked} dependency file(s) checked) "
  "and ran embed_trainer: ${out}")
file(REMOVE_RECURSE "${WORK_DIR}")
