#include <asyncc.h>
#line 1

#line 3
// A file whose own #line directives number its lines apart from their place on disk (flex's
// scanners begin `#line 1`, `#line 3`; a line added above them shifts them all): the pass that
// gives a multi-line macro call's tokens back their lines (relines.c) took the user's line number
// for the line on disk, matched the prototypes' line with two lines above it, and moved
// `init_buffer` to a line of its own: "data definition has no type", "conflicting types for
// 'init_buffer'" (flex's stage1scan.c made async). Also a multi-line await after such directives.
// RUN: %run %s %t | %FileCheck %s
#include <stdio.h>
typedef struct buf *BUF;
static void load(void); async static void load_async(void);
static void init_buffer(BUF b, int n); async static int init_async(BUF b, int n);
#define FLUSH flush(0)

static int loaded;
static void load(void) { loaded++; }
async static void load_async(void) { await(ac_yield()); loaded += 10; }
static void init_buffer(BUF b, int n) { (void)b; loaded += n; }
async static int init_async(BUF b, int n) { await(ac_yield()); (void)b; return n * 2; }

async int main(void)
{
    load();
    init_buffer(0, 100);
    await(load_async());
    int r = await(init_async(0,
                             21)) + __LINE__;
    // CHECK: 111 70
    printf("%d %d\n", loaded, r);
    return 0;
}
// CHECK-NEXT: exit: 0
