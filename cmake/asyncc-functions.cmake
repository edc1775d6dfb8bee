# asyncc-functions.cmake: asyncc_target_sources(), the build step that transpiles async C sources.
# Shared by the installed package (asyncc-config.cmake) and the asyncc build tree itself.
include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(VERSION 3.20)
# The depfile names the output by its absolute path; let CMake map it for Ninja (CMP0116).
cmake_policy(SET CMP0116 NEW)

# The flags that change what the preprocessor makes of a source (asyncc expands the macros of an
# async body as it sees them: an assert under -DNDEBUG, a value of -DX=1, __OPTIMIZE__ of -O2),
# as asyncc-cc picks them (tools/cc_args.c: for_preprocessor); the rest is for the compiler alone.
set(_ASYNCC_PP_FLAG "^(-[DU].+|-O.*|-std=.+|-m(arch|tune)=.+|-m(32|64)|-m(no-)?(sse|ssse3|avx|fma|bmi|popcnt|aes|pclmul|f16c|lzcnt|sha|gfni|vaes|vpclmulqdq|rdrnd|rdseed|adx|movbe|xsave|fsgsbase|rtm|clflushopt|clwb|prfchw|movdir|serialize|tsxldtrk|cx16|sahf|crc32|abm|pku|rdpid|cldemote|ptwrite|kl|widekl|hle|mmx|amx-|waitpkg|enqcmd|uintr|hreset|xop|tbm|lwp|wbnoinvd|pconfig|sgx|shstk|clzero|mwaitx|rdpru|3dnow|prefetchwt1|general-regs-only).*|-pthread|-ansi|-f(no-)?(short-wchar|short-enums|unsigned-char|signed-char|fast-math|finite-math-only|gnu89-inline|PIC|pic|PIE|pie|openmp|inline|ms-extensions|pack-struct.*|sanitize=.+)|-mms-bitfields|-mno-ms-bitfields|-trigraphs|-undef|-fdollars-in-identifiers|-fno-dollars-in-identifiers|-Wwrite-strings|-Wno-write-strings)$")

# The words of flags (a command-line string, as CMAKE_C_FLAGS) that asyncc must see, into out;
# `-D X` as one word.
function(_asyncc_pp_flags out flags)
  separate_arguments(words UNIX_COMMAND "${flags}")
  set(kept "")
  set(pending "")
  foreach(word IN LISTS words)
    if(pending)
      list(APPEND kept "${pending}${word}")
      set(pending "")
    elseif(word MATCHES "^-[DU]$")
      set(pending "${word}")
    elseif(word MATCHES "${_ASYNCC_PP_FLAG}")
      list(APPEND kept "${word}")
    endif()
  endforeach()
  set(${out} "${kept}" PARENT_SCOPE)
endfunction()

# The flags of CMAKE_C_FLAGS and CMAKE_C_FLAGS_<CONFIG> that asyncc must see, into out: those of
# each configuration behind $<CONFIG:...>, which multi-config generators choose at build time.
function(_asyncc_config_flags out)
  _asyncc_pp_flags(all "${CMAKE_C_FLAGS}")
  get_property(multi GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(configs ${CMAKE_BUILD_TYPE})
  if(multi)
    set(configs ${CMAKE_CONFIGURATION_TYPES})
  endif()
  foreach(config IN LISTS configs)
    string(TOUPPER "${config}" upper)
    _asyncc_pp_flags(flags "${CMAKE_C_FLAGS_${upper}}")
    if(flags)
      string(REPLACE ";" "$<SEMICOLON>" flags "${flags}")
      list(APPEND all "$<$<CONFIG:${config}>:${flags}>")
    endif()
  endforeach()
  set(${out} "${all}" PARENT_SCOPE)
endfunction()

# asyncc_target_sources(<target> [PRIVATE|PUBLIC|INTERFACE] <file>... ...)
#
# Transpiles each file with asyncc as a build step and adds the result to <target> in place of
# the file, like target_sources(). asyncc preprocesses with the target's include directories,
# compile definitions and C standard, and the flags of its compile options, CMAKE_C_FLAGS and
# CMAKE_C_FLAGS_<CONFIG> that the preprocessor sees (-D, -U, -O, -std=, -march=...), and writes
# a depfile, so that editing any header the
# source includes transpiles it again. The target links asyncc::runtime (asyncc::runtime_tsan
# or asyncc::runtime_asan when CMAKE_C_FLAGS has -fsanitize=thread or =address). The target property
# ASYNCC_OPTIONS holds more flags for asyncc (e.g. -Wno-async-blocking, -Werror). With the
# variable ASYNCC_SEQUENTIAL on (cmake -DASYNCC_SEQUENTIAL=ON), the files are compiled as they are,
# with AC_SEQUENTIAL defined, and the target links asyncc::sequential: the sequential build.
function(asyncc_target_sources target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "asyncc_target_sources: '${target}' is not a target")
  endif()
  set(scope PRIVATE)
  set(inc "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  set(defs "$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>")
  set(ext "$<TARGET_PROPERTY:${target},C_EXTENSIONS>")
  set(std "$<TARGET_PROPERTY:${target},C_STANDARD>")
  set(opts "$<TARGET_PROPERTY:${target},ASYNCC_OPTIONS>")
  set(compile_opts "$<FILTER:$<TARGET_PROPERTY:${target},COMPILE_OPTIONS>,INCLUDE,${_ASYNCC_PP_FLAG}>")
  _asyncc_config_flags(config_flags)
  # C_EXTENSIONS unset means on, as for the compiler CMake drives.
  set(dialect "$<IF:$<AND:$<BOOL:${ext}>,$<NOT:$<STREQUAL:${ext},>>>,gnu,$<IF:$<STREQUAL:${ext},>,gnu,c>>")
  foreach(arg IN LISTS ARGN)
    if(arg MATCHES "^(PRIVATE|PUBLIC|INTERFACE)$")
      set(scope ${arg})
      continue()
    endif()
    get_filename_component(src "${arg}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(ASYNCC_SEQUENTIAL)
      # The sequential build: the file as it is, plain C against the sequential library.
      set_property(SOURCE "${src}" APPEND PROPERTY COMPILE_DEFINITIONS AC_SEQUENTIAL)
      target_sources(${target} ${scope} "${src}")
      continue()
    endif()
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${src}")
    string(REPLACE "../" "__/" rel "${rel}")
    set(out "${CMAKE_CURRENT_BINARY_DIR}/asyncc/${target}/${rel}")
    get_filename_component(srcdir "${src}" DIRECTORY)
    get_filename_component(outdir "${out}" DIRECTORY)
    file(MAKE_DIRECTORY "${outdir}") # Ninja makes it; the Makefile generators do not
    add_custom_command(OUTPUT "${out}"
      COMMAND asyncc::asyncc
        "$<$<BOOL:${inc}>:-I$<JOIN:${inc},;-I>>"
        "$<$<BOOL:${defs}>:-D$<JOIN:${defs},;-D>>"
        ${config_flags}
        "${compile_opts}"
        "$<$<BOOL:${std}>:-std=${dialect}${std}>"
        "${opts}"
        "--cc=${CMAKE_C_COMPILER}"
        -MD -MF "${out}.d" -MT "${out}" -o "${out}" "${src}"
      DEPENDS "${src}" asyncc::asyncc
      DEPFILE "${out}.d"
      COMMENT "Transpiling ${rel} with asyncc"
      COMMAND_EXPAND_LISTS VERBATIM)
    # The generated file lives in the build tree: #include "x.h" must still find x.h beside
    # the original source.
    set_source_files_properties("${out}" PROPERTIES GENERATED TRUE
      COMPILE_OPTIONS "-iquote;${srcdir}")
    target_sources(${target} ${scope} "${out}")
  endforeach()

  # Link the runtime once, without target_link_libraries so that either of its signatures
  # stays free for the caller.
  get_target_property(linked ${target} ASYNCC_RUNTIME_LINKED)
  if(NOT linked)
    set_property(TARGET ${target} PROPERTY ASYNCC_RUNTIME_LINKED TRUE)
    get_target_property(type ${target} TYPE)
    set(runtime asyncc::runtime)
    # A TSan or ASan build links the runtime built for it (see runtime/CMakeLists.txt).
    string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
    set(flags "${CMAKE_C_FLAGS} ${CMAKE_C_FLAGS_${config}}")
    if(TARGET asyncc::runtime_tsan AND flags MATCHES "-fsanitize=[^ ]*thread")
      set(runtime asyncc::runtime_tsan)
    elseif(TARGET asyncc::runtime_asan AND flags MATCHES "-fsanitize=[^ ]*address")
      set(runtime asyncc::runtime_asan)
    endif()
    if(ASYNCC_SEQUENTIAL)
      set(runtime asyncc::sequential asyncc::runtime)
    endif()
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${runtime})
    endif()
    if(type MATCHES "STATIC_LIBRARY|OBJECT_LIBRARY")
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES "$<LINK_ONLY:${runtime}>")
    elseif(type STREQUAL "INTERFACE_LIBRARY")
      set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${runtime})
    endif()
  endif()
endfunction()

# asyncc_discover_tests(<target> [PREFIX <prefix>] [PROPERTIES <name> <value>...])
#
# One ctest test per AC_TEST of the test binary <target> (asyncc/test.h), as gtest_discover_tests
# does: after each build, the binary's --list names them; each test runs `<target> <name>`, on a
# fresh runtime. Test names are <prefix><name>, the prefix "<target>." by default. PROPERTIES
# are set on every test (set_tests_properties: TIMEOUT 10, LABELS async...). Before the binary is
# built, ctest lists one test, <target>_NOT_BUILT, which fails.
set(_ASYNCC_DISCOVER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/asyncc-discover.cmake)
function(asyncc_discover_tests target)
  cmake_parse_arguments(arg "" "PREFIX" "PROPERTIES" ${ARGN})
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "asyncc_discover_tests: unknown arguments: ${arg_UNPARSED_ARGUMENTS} "
      "(it takes PREFIX <prefix> and PROPERTIES <name> <value>...)")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "asyncc_discover_tests: '${target}' is not a target")
  endif()
  if(NOT DEFINED arg_PREFIX)
    set(arg_PREFIX "${target}.")
  endif()
  set(list_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_asyncc_tests.cmake")
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_asyncc_include.cmake")
  # The properties go to the script as one argument, each item bracket-quoted.
  set(props "")
  foreach(item IN LISTS arg_PROPERTIES)
    string(APPEND props " [==[${item}]==]")
  endforeach()
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -D "EXE=$<TARGET_FILE:${target}>" -D "OUT=${list_file}"
      -D "PREFIX=${arg_PREFIX}" -D "PROPERTIES=${props}" -P "${_ASYNCC_DISCOVER_SCRIPT}"
    BYPRODUCTS "${list_file}" VERBATIM)
  # ctest reads the list through this file, which says so when the binary is not built yet (an
  # include of the missing list was an error that stopped ctest, every other test with it).
  file(WRITE "${include_file}" "if(EXISTS [==[${list_file}]==])\n"
    "  include([==[${list_file}]==])\n"
    "else()\n"
    "  add_test([==[${target}_NOT_BUILT]==] [==[${target}_NOT_BUILT]==])\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()

cmake_policy(POP)
