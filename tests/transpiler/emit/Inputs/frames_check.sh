#!/bin/bash
# frames_check.sh ASYNCC PYTHON "CC..." DIR TMP FILE...: for each FILE (under DIR), --emit=frames
# without code generation, then the generated code with frames_asserts.py's static assertions
# compiled (emit/frames_plan.c).
asyncc=$1 python=$2 cc=$3 dir=$4 tmp=$5
shift 5
here=$(dirname "$0")
for f in "$@"; do
    ASYNCC_FORBID_LOWERING=1 "$asyncc" --emit=frames "$dir/$f" > "$tmp.frames" &&
        "$asyncc" -o "$tmp.c" "$dir/$f" &&
        "$python" "$here/frames_asserts.py" "$tmp.frames" "$tmp.c" > "$tmp.check.c" &&
        $cc -fsyntax-only "$tmp.check.c" || { echo "frames_check.sh: $f" >&2; exit 1; }
done
