// Frame locals of one block whose uses do not overlap share frame bytes (a union): two 4 KiB
// buffers used one after the other take 4 KiB. Uses that a loop or a goto back runs again
// overlap, and a local whose address may be kept (stored in a pointer, passed to a function not
// known to keep nothing, as sum() here) keeps its bytes to the end of its scope; all print right.
// RUN: %asyncc --emit=frames %s | %FileCheck %s
// RUN: %run %s %t | %FileCheck %s --check-prefix=OUT
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int sum(const char *p, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

/* reads the elements in place: no pointer into the array leaves the expression */
#define SUM(a, n) ({ int s_ = 0; for (int i_ = 0; i_ < (n); i_++) s_ += (a)[i_]; s_; })

static const char *kept;
static void keep(const char *p)
{
    kept = p;
}

// CHECK-LABEL: async int two_buffers
// CHECK: frame struct ac__frame_two_buffers: {{4[0-9][0-9][0-9]}} bytes
// CHECK:      4096  union {
// CHECK:      [[AT:[0-9]+]]   4096    first
// CHECK-NEXT: [[AT]]   4096    second
// CHECK-NEXT: [[AT]]    400    third
async int two_buffers(int seed)
{
    char first[4096];
    memset(first, seed, sizeof first);
    await(ac_yield());
    int a = SUM(first, 4096) + first[4095];
    char second[4096];
    for (int i = 0; i < 4096; i++)
        second[i] = (char)(i % 7 + a % 3);
    await(ac_yield());
    int b = second[1] + second[4095];
    struct { int v[100]; } third;
    third.v[0] = b;
    int *p = third.v; /* may be read until the end of the block: nothing after shares */
    await(ac_yield());
    char fourth[64];
    snprintf(fourth, sizeof fourth, "%d", a);
    await(ac_yield());
    return a + b + *p + (int)strlen(fourth);
}

// A loop runs `used_first` again after `then` is written: they overlap.
// CHECK-LABEL: async int in_a_loop
// CHECK: frame struct ac__frame_in_a_loop: {{8[0-9][0-9][0-9]}} bytes
// CHECK-NOT: union {
// CHECK: states:
async int in_a_loop(void)
{
    char used_first[4096];
    char then[4096];
    int total = 0;
    memset(used_first, 1, sizeof used_first);
    for (int round = 0; round < 3; round++) {
        total += sum(used_first, 4096);
        await(ac_yield());
        memset(then, 2, sizeof then);
        total += sum(then, 4096);
    }
    return total;
}

// A goto back does the same.
// CHECK-LABEL: async int goto_back
// CHECK: frame struct ac__frame_goto_back: {{8[0-9][0-9][0-9]}} bytes
async int goto_back(void)
{
    int round = 0, total = 0;
    char x[4096];
    memset(x, 3, sizeof x);
again:
    total += SUM(x, 4096);
    char y[4096]; /* declared after the last use of x, which the goto runs again */
    memset(y, 4, sizeof y);
    await(ac_yield());
    total += SUM(y, 4096);
    if (++round < 2)
        goto again;
    return total;
}

// keep() may keep a pointer into `held`, and sum() too, for all asyncc knows: `held` keeps its
// bytes to the end of its scope.
// CHECK-LABEL: async int escapes
// CHECK: frame struct ac__frame_escapes: {{8[0-9][0-9][0-9]}} bytes
async int escapes(void)
{
    char held[4096];
    memset(held, 5, sizeof held);
    keep(held);
    await(ac_yield());
    char later[4096];
    memset(later, 6, sizeof later);
    await(ac_yield());
    return sum(later, 4096) + sum(kept, 4096);
}

// Awaited reads of the runtime keep nothing once they finish: the two buffers share.
// CHECK-LABEL: async int reads
// CHECK: frame struct ac__frame_reads: {{[0-9][0-9][0-9][0-9]}} bytes
// CHECK:      [[AT2:[0-9]+]]   4096    one
// CHECK-NEXT: [[AT2]]   4096    two
async int reads(int fd)
{
    char one[4096];
    long n = await(ac_read(fd, one, 3));
    int s = n > 0 ? SUM(one, (int)n) : -1;
    char two[4096];
    long m = await(ac_read(fd, two, 4));
    return s + (m > 0 ? SUM(two, (int)m) : -1);
}

// A local kept as a C local (a scalar in a register, stored to its field once or where it
// suspends, loaded back where a later use needs it) shares bytes as well: its field matters only
// within its uses, widened over the loop that reads it again.
// CHECK-LABEL: async int c_locals
// CHECK:      [[AT3:[0-9]+]]      4    a  int
// CHECK-NEXT: [[AT3]]   4096    late
async int c_locals(int n)
{
    int a = n * 3, b = 0;
    for (int i = 0; i < 3; i++) {
        await(ac_yield());
        b += a;
    }
    char late[4096];
    memset(late, 1, sizeof late);
    await(ac_yield());
    return b + late[7] + SUM(late, 4096);
}

static int pipe_with(const char *s, int fds[2])
{
    if (pipe(fds) != 0)
        return -1;
    ssize_t n = write(fds[1], s, strlen(s));
    close(fds[1]);
    return n == (ssize_t)strlen(s) ? 0 : -1;
}

async int main(void)
{
    printf("two_buffers %d\n", await(two_buffers(3)));
    printf("in_a_loop %d\n", await(in_a_loop()));
    printf("goto_back %d\n", await(goto_back()));
    printf("escapes %d\n", await(escapes()));
    int fds[2];
    if (pipe_with("abcdefg", fds) != 0)
        return 1;
    printf("reads %d\n", await(reads(fds[0])));
    printf("c_locals %d\n", await(c_locals(3)));
    close(fds[0]);
    return 0;
}
// OUT: two_buffers 12298
// OUT-NEXT: in_a_loop 36864
// OUT-NEXT: goto_back 57344
// OUT-NEXT: escapes 45056
// OUT-NEXT: reads 700
// OUT-NEXT: c_locals 4124
// OUT-NEXT: exit: 0
