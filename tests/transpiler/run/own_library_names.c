// A program's own functions, types and macros named as the C library's networking and system
// headers name theirs: a recursive-descent parser's accept(), an event loop's poll(), a send(),
// a select(), uint and ssize_t typedefs of other types, LITTLE_ENDIAN. <asyncc.h> included
// <sys/socket.h>, <sys/types.h> and <poll.h>, whose declarations clashed with them ("static
// declaration of 'accept' follows non-static declaration", "typedef redefinition with different
// types"); it now includes only <errno.h> and size_t from <stddef.h> (asyncc/sys.h).
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>

int printf(const char *fmt, ...);

typedef unsigned char uint;
typedef int ssize_t;
typedef struct {
    int queued;
} fd_set;
#define LITTLE_ENDIAN 1
#define BYTE_ORDER 2

static const char *input = "ab";

static int accept(char c)
{
    if (*input != c)
        return 0;
    input++;
    return 1;
}

static int poll(int n)
{
    return n * 2;
}

static ssize_t send(fd_set *s, uint what)
{
    return s->queued += what;
}

static int select(int a, int b)
{
    return a > b ? a : b;
}

async int parse(void)
{
    int n = accept('a');
    await(ac_yield());
    n += accept('b') + accept('c');
    return n;
}

async int main(void)
{
    fd_set s = {0};
    int parsed = await(parse());
    send(&s, (uint)poll(parsed));
    printf("%d %d %d %d %d\n", parsed, s.queued, select(3, 7), LITTLE_ENDIAN, BYTE_ORDER);
    // CHECK: 2 4 7 1 2
    return 0;
}
// CHECK-NEXT: exit: 0
