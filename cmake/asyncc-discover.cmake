# asyncc-discover.cmake: run by asyncc_discover_tests after each build of a test binary: asks it
# for its tests (--list) and writes one add_test per test into the file ctest includes.
# Inputs: -D EXE=<binary> -D OUT=<file> -D PREFIX=<name prefix> -D PROPERTIES=<bracket-quoted
# name value pairs for set_tests_properties, or empty>
execute_process(COMMAND "${EXE}" --list OUTPUT_VARIABLE names RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "asyncc_discover_tests: '${EXE} --list' failed (${rc})")
endif()
string(REPLACE "\n" ";" names "${names}")
set(text "# Written by asyncc_discover_tests from ${EXE} --list\n")
foreach(name IN LISTS names)
  if(name STREQUAL "")
    continue()
  endif()
  string(APPEND text "add_test([=[${PREFIX}${name}]=] [=[${EXE}]=] [=[${name}]=])\n")
  if(NOT PROPERTIES STREQUAL "")
    string(APPEND text "set_tests_properties([=[${PREFIX}${name}]=] PROPERTIES${PROPERTIES})\n")
  endif()
endforeach()
file(WRITE "${OUT}" "${text}")
