/* asyncc.h: everything a program written with asyncc needs.
 * The future ABI, the language surface (async, await, combinators) and the runtime's API. */
#ifndef ASYNCC_H
#define ASYNCC_H

/* A program may be C90 (gcc's -std=c89, -std=gnu89, -ansi), and with -pedantic-errors C90 refuses
 * what these headers write of C99: long long, _Bool, variadic macros, a comma after the last
 * enumerator. There they are a system header, whose own text is not held to the program's
 * standard; the topic headers, included by quotes from here, are system headers with it. From C99
 * on they stay ordinary headers, so that their warnings still show in the project's own builds. */
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ < 199901L
#pragma GCC system_header
#endif
/* From C99 on, a program's warnings about C90 compatibility (gcc's -Wlong-long,
 * -Wc90-c99-compat) and clang's -Wreserved-identifier (`struct _IO_FILE`, libc's FILE) are about
 * its own text, not these headers' (tests/transpiler/run/strict_warnings.c). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wlong-long"
/* The padding of the runtime's structs is its own business: a program built with -Wpadded
 * -Werror must not stop at them (tests/transpiler/run/header_warnings.c). */
#pragma GCC diagnostic ignored "-Wpadded"
#ifdef __clang__
#if __has_warning("-Wreserved-identifier")
#pragma GCC diagnostic ignored "-Wreserved-identifier"
#endif
#else
#pragma GCC diagnostic ignored "-Wc90-c99-compat"
#endif

#include "asyncc/compat.h"
#include "asyncc/future.h"
#include "asyncc/lang.h"
#include "asyncc/task.h"
#include "asyncc/runtime.h"
#include "asyncc/io.h"
#include "asyncc/net.h"
#include "asyncc/sync.h"
#include "asyncc/channel.h"
#include "asyncc/fd.h"
#include "asyncc/leaf.h"
#include "asyncc/tcp.h"
#include "asyncc/udp.h"
#include "asyncc/transfer.h"
#include "asyncc/bufio.h"
#include "asyncc/signal.h"
#include "asyncc/process.h"
#include "asyncc/taskgroup.h"
#include "asyncc/clock.h"
#include "asyncc/fs.h"

#pragma GCC diagnostic pop
#endif
