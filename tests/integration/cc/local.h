/* local.h: found beside a.c by #include "local.h", also when a.c is compiled transpiled. */
#define LOCAL 40
