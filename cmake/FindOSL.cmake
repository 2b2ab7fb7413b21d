# libosl (OpenShogiLib, Debian libosl-dev): a test-only oracle for the rules
# core. Never linked into the product. Makes the imported target OSL::osl.
include(FindPackageHandleStandardArgs)
find_path(OSL_INCLUDE_DIR osl/numEffectState.h)
find_library(OSL_LIBRARY osl)
mark_as_advanced(OSL_INCLUDE_DIR OSL_LIBRARY)
find_package_handle_standard_args(OSL REQUIRED_VARS OSL_LIBRARY OSL_INCLUDE_DIR)
if(OSL_FOUND AND NOT TARGET OSL::osl)
  add_library(OSL::osl UNKNOWN IMPORTED)
  set_target_properties(OSL::osl PROPERTIES IMPORTED_LOCATION "${OSL_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${OSL_INCLUDE_DIR}")
endif()
