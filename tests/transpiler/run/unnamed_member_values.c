// A value whose type has no name, defined for a member of a struct or union (`struct conn { enum
// { IDLE, BUSY } state; struct { int q; } in; }`), as the value of a ?: or a statement expression
// whose operands await: its temporary was spelled "enum (unnamed enum at ...)", and the output did
// not compile. An enum is now spelled as its integer type, a struct or union as its member's
// type (`__typeof__(((struct conn *)0)->in)`, through enclosing types without a name too), for a
// file-scope struct and for a local one moved to file scope.
// RUN: %run %s %t | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck --check-prefix=EMIT %s
#include <asyncc.h>
#include <stdio.h>

struct conn {
    enum { IDLE, BUSY, CLOSED } state;
    struct {
        int queued;
        union {
            long bytes;
            double ratio;
        } last;
    } in;
};

async int id(int x)
{
    await(ac_yield());
    return x;
}

// EMIT: unsigned int ac__t{{[0-9]+}};
// EMIT: __typeof__(((struct conn *)0)->in)) ac__t{{[0-9]+}};
// EMIT: __typeof__(((__typeof__(((struct conn *)0)->in) *)0)->last)) ac__t{{[0-9]+}};
// EMIT: __typeof__(((struct ac__conn_probe_{{[0-9]+}} *)0)->peer)) ac__t{{[0-9]+}};
async int probe(int k)
{
    struct conn c = {BUSY, {3, {.bytes = 40}}};
    int busy = ({ await(id(0)); c.state; }) == BUSY;
    int state = k ? c.state : CLOSED;
    int same = (k ? c.state : ({ await(id(0)); c.state; })) == BUSY;
    int queued = ({ await(id(0)); c.in; }).queued;
    long bytes = (k ? c.in.last : ({ await(id(0)); c.in.last; })).bytes;
    struct conn {
        struct {
            char name[8];
        } peer;
    } local = {{"peer"}};
    const char first = ({ await(id(0)); local.peer; }).name[0];
    return busy * 100000 + state * 10000 + same * 1000 + queued * 100 + (int)bytes + first * 0 + (first == 'p');
}
// CHECK: 1 101341 101341

async int main(void)
{
    printf("1 %d %d\n", await(probe(0)) - 20000, await(probe(1)) - 10000);
    return 0;
}
// CHECK: exit: 0
