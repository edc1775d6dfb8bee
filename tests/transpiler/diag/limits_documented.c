// The guide's table of refusals ("What the transpiler rejects") lists exactly the errors the
// transpiler raises about the user's code, each with its message, and each has a negative test
// here: check_limits.py reads the format strings of transpiler/*.c, so they cannot drift apart.
// RUN: %python %S/../check_limits.py %S/../../..
