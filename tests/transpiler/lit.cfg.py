# lit configuration for the transpiler's tests: each test RUNs asyncc on itself and FileChecks
# the generated code, the diagnostics, or what the compiled program prints.
import os
import sys
import lit.formats

config.name = "asyncc-transpiler"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c"]
config.excludes = ["Inputs", "run.sh"]
config.test_source_root = os.path.dirname(__file__)

site = lit_config.params.get("site") or os.environ.get("LIT_SITE")
if not site:
    lit_config.fatal("run through ctest, or pass --param site=BUILD/tests/transpiler/lit.site.cfg.py")
paths = {}
exec(open(site).read(), paths)

here = os.path.dirname(__file__)
config.environment["ASYNCC"] = paths["asyncc"]
config.environment["ASYNCC_RUNTIME_LIB"] = paths["runtime_lib"]
config.environment["ASYNCC_INCLUDE"] = paths["include_dir"]
config.environment["ASYNCC_CC"] = paths["cc"]
config.environment["ASYNCC_TEST_CLANG"] = paths["clang"]
config.environment["ASYNCC_SAN_FLAGS"] = paths["san_flags"]
config.environment["ASYNCC_SEQ_LIB"] = paths["seq_lib"]
for var in ("HOME", "PATH", "ASYNCC_WORKERS", "ASYNCC_BACKEND"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions.append(("%asyncc", paths["asyncc"]))
config.substitutions.append(("%FileCheck", paths["filecheck"]))
config.substitutions.append(("%python", sys.executable))
config.substitutions.append(("%run", "bash " + os.path.join(here, "run.sh")))
config.substitutions.append(("%libs", paths["runtime_lib"] + " -luring -lpthread " + paths["san_flags"]))
config.substitutions.append(("%seqlibs", paths["seq_lib"] + " " + paths["runtime_lib"] + " -luring -lpthread " + paths["san_flags"]))
config.substitutions.append(("%clang", paths["clang"]))
config.substitutions.append(("%cc", paths["cc"] + " -std=gnu11 -Wall -Wextra -Werror " + paths["san_flags"] + " -I" + paths["include_dir"]))
# The same without the build's sanitizers: for gcc's flow warnings at -O2, which instrumentation
# changes in the plain source as well (-Wstringop-truncation under -fsanitize=undefined).
config.substitutions.append(("%plaincc", paths["cc"] + " -std=gnu11 -Wall -Wextra -Werror -I" + paths["include_dir"]))

import shutil
# gdb cannot run a ThreadSanitizer program (its memory map with ASLR off): the gdb tests run in
# the plain and ASan builds.
if shutil.which("gdb") and "thread" not in paths["san_flags"]:
    config.available_features.add("gdb")
