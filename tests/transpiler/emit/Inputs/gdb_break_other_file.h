/* gdb_break_other_file.h: the prototypes of emit/gdb_break_other_file.c's async functions. */
async int sum_slowly(int n);
async int count_down(int n);
