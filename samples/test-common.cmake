# samples/test-common.cmake: registers a sample's test, included by its CMakeLists.txt: test.sh
# against the built program, on each backend, and under valgrind's memcheck.

# asyncc_sample_test(NAME TARGET TIMEOUT): sample.NAME runs `test.sh BINARY`, the binary of
# TARGET, and sample.NAME.epoll the same on the epoll backend (ASYNCC_BACKEND=epoll);
# sample.NAME.valgrind runs `test.sh BINARY valgrind OPTIONS...` (where valgrind is found
# and the build has no sanitizer), and test.sh runs the program under that wrapper: any invalid
# access, or a leak at the program's exit, fails it with status 99.
function(asyncc_sample_test name target timeout)
  add_test(NAME sample.${name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test.sh $<TARGET_FILE:${target}>)
  set_tests_properties(sample.${name} PROPERTIES TIMEOUT ${timeout} SKIP_RETURN_CODE 77)
  # The same on the epoll backend, the one a machine that denies io_uring runs on.
  add_test(NAME sample.${name}.epoll
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test.sh $<TARGET_FILE:${target}>)
  set_tests_properties(sample.${name}.epoll PROPERTIES TIMEOUT ${timeout} SKIP_RETURN_CODE 77
                       ENVIRONMENT ASYNCC_BACKEND=epoll)
  find_program(VALGRIND valgrind)
  if(VALGRIND AND NOT ASYNCC_SANITIZE)
    add_test(NAME sample.${name}.valgrind
             COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test.sh $<TARGET_FILE:${target}>
                     ${VALGRIND} -q --leak-check=full --error-exitcode=99)
    set_tests_properties(sample.${name}.valgrind PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
  endif()
endfunction()
