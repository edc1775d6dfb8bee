# package.cmake: asyncc as a package: install rules for headers and the CMake and pkg-config
# files, and the same targets and asyncc_target_sources() inside this build tree.
include(CMakePackageConfigHelpers)

# In this build tree, the package's names point at the targets being built.
add_library(asyncc::runtime ALIAS asyncc)
add_library(asyncc::sequential ALIAS asyncc_seq)
foreach(san tsan asan)
  if(TARGET asyncc_${san})
    add_library(asyncc::runtime_${san} ALIAS asyncc_${san})
  endif()
endforeach()
add_executable(asyncc::asyncc ALIAS asyncc_tool)
add_executable(asyncc::asyncc-cc ALIAS asyncc_cc)
include(${CMAKE_CURRENT_LIST_DIR}/asyncc-functions.cmake)

set(ASYNCC_CONFIG_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/asyncc)
set(ASYNCC_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# Both files find the prefix relative to where they are installed, so the package can be
# installed anywhere (cmake --install --prefix DIR) and moved.
file(RELATIVE_PATH ASYNCC_CONFIG_TO_PREFIX /${ASYNCC_CONFIG_DIR} /)
file(RELATIVE_PATH ASYNCC_PC_TO_PREFIX /${ASYNCC_PC_DIR} /)
string(REGEX REPLACE "/$" "" ASYNCC_CONFIG_TO_PREFIX "${ASYNCC_CONFIG_TO_PREFIX}")
string(REGEX REPLACE "/$" "" ASYNCC_PC_TO_PREFIX "${ASYNCC_PC_TO_PREFIX}")

configure_file(${CMAKE_CURRENT_LIST_DIR}/asyncc-config.cmake.in
  ${PROJECT_BINARY_DIR}/package/asyncc-config.cmake @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/asyncc.pc.in ${PROJECT_BINARY_DIR}/package/asyncc.pc @ONLY)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/asyncc-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES
  ${PROJECT_BINARY_DIR}/package/asyncc-config.cmake
  ${PROJECT_BINARY_DIR}/package/asyncc-config-version.cmake
  ${CMAKE_CURRENT_LIST_DIR}/asyncc-functions.cmake
  ${CMAKE_CURRENT_LIST_DIR}/asyncc-discover.cmake
  DESTINATION ${ASYNCC_CONFIG_DIR})
install(FILES ${PROJECT_BINARY_DIR}/package/asyncc.pc DESTINATION ${ASYNCC_PC_DIR})
