# Install rules: the `tourney` app, the public headers, the two product
# libraries and a CMake package, so that a host project does
#   find_package(tourney 0.1 REQUIRED)
#   target_link_libraries(host PRIVATE tourney::runtime)
# (examples/CMakeLists.txt is such a project; tests/install checks it).
#
# The public headers are the top-level headers of actors/tourney/ and every
# project header they reach through their includes, found here by the walk
# tests/layout/headers_test.cpp makes (an include "tourney/x" lives in
# libtourney/ or actors/); anything else (CAF, the standard library, tl, fmt)
# is not ours and is not installed.
include(CMakePackageConfigHelpers)

set(tourney_header_roots "${PROJECT_SOURCE_DIR}/libtourney" "${PROJECT_SOURCE_DIR}/actors")

function(tourney_public_headers out)
  file(GLOB pending "${PROJECT_SOURCE_DIR}/actors/tourney/*.hpp")
  set(found "")
  while(pending)
    list(POP_FRONT pending file)
    if(file IN_LIST found)
      continue()
    endif()
    list(APPEND found "${file}")
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]tourney/")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" name "${line}")
      if(name MATCHES "^tourney/detail/")
        message(FATAL_ERROR "${file} includes ${name}: a detail header cannot be installed")
      endif()
      set(resolved "")
      foreach(root IN LISTS tourney_header_roots)
        if(EXISTS "${root}/${name}")
          set(resolved "${root}/${name}")
          break()
        endif()
      endforeach()
      if(NOT resolved)
        message(FATAL_ERROR "${file} includes ${name}, found in neither libtourney/ nor actors/")
      endif()
      list(APPEND pending "${resolved}")
    endforeach()
  endwhile()
  # Reconfigure when an installed header changes its includes.
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${found})
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

tourney_public_headers(tourney_installed_headers)
foreach(header IN LISTS tourney_installed_headers)
  foreach(root IN LISTS tourney_header_roots)
    file(RELATIVE_PATH rel "${root}" "${header}")
    if(NOT rel MATCHES "^\\.\\./")
      get_filename_component(rel_dir "${rel}" DIRECTORY)
      install(FILES "${header}" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/${rel_dir}")
      break()
    endif()
  endforeach()
endforeach()

set(tourney_package_dir "${CMAKE_INSTALL_LIBDIR}/cmake/tourney")
install(TARGETS tourney RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS tourney_core tourney_runtime EXPORT tourney_targets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT tourney_targets NAMESPACE tourney:: FILE tourneyTargets.cmake
  DESTINATION "${tourney_package_dir}")
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/tourneyConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/tourneyConfig.cmake" INSTALL_DESTINATION "${tourney_package_dir}")
# 0.x: a minor version may change the API.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/tourneyConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
# Debian's CAF ships no CMake package: the host finds it with our module.
install(FILES "${PROJECT_BINARY_DIR}/tourneyConfig.cmake" "${PROJECT_BINARY_DIR}/tourneyConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/FindCAF.cmake" DESTINATION "${tourney_package_dir}")
