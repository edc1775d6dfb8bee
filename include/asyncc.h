/* asyncc.h: everything a program written with asyncc needs.
 * The future ABI, the language surface (async, await, combinators) and the runtime's API. */
#ifndef ASYNCC_H
#define ASYNCC_H

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

#endif
