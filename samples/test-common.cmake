# samples/test-common.cmake: registers a network sample's test, included by its CMakeLists.txt:
# test.sh against the built server, and the same with the server under valgrind's memcheck.

# asyncc_sample_test(NAME TARGET TIMEOUT): sample.NAME runs test.sh with TARGET's binary;
# sample.NAME.valgrind runs it under memcheck (where valgrind is found and the build has no
# sanitizer): any invalid access, or a leak at the server's exit, fails it with status 99.
function(asyncc_sample_test name target timeout)
  add_test(NAME sample.${name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test.sh $<TARGET_FILE:${target}>)
  set_tests_properties(sample.${name} PROPERTIES TIMEOUT ${timeout} SKIP_RETURN_CODE 77)
  find_program(VALGRIND valgrind)
  if(VALGRIND AND NOT ASYNCC_SANITIZE)
    add_test(NAME sample.${name}.valgrind
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test.sh $<TARGET_FILE:${target}>
                     ${VALGRIND} -q --leak-check=full --error-exitcode=99)
    set_tests_properties(sample.${name}.valgrind PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
  endif()
endfunction()
