// --emit=c prints the rewritten file for reading (no #line): the frame struct, init, and a poll
// function that dispatches on the state with goto and keeps the user's statements as written.
// RUN: %asyncc --emit=c %s | %FileCheck %s
// RUN: %asyncc --emit=c %s | %FileCheck %s --check-prefix=NOLINE
// RUN: %asyncc --emit=c --lines %s | %FileCheck %s --check-prefix=LINES
#include <asyncc.h>
#include <stdio.h>

async int fetch(int id)
{
    await(ac_sleep_ms(1));
    return id * 2;
}

async int total(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += await(fetch(i));
    printf("sum %d\n", sum);
    return sum;
}
// CHECK-LABEL: struct ac__frame_total {
// CHECK-NEXT:     unsigned ac__state;
// CHECK-NEXT:     int ac__result;
// CHECK-NEXT:     int n;
// CHECK:             int sum;
// CHECK:                 int i;
// CHECK:                 struct ac__frame_fetch ac__c1;
// CHECK-LABEL: void ac__init_total(void *ac__p, int n)
// CHECK-LABEL: static int ac__poll_total(void *ac__p, ac_cx *ac__cx)
// CHECK:          goto ac__resume_1;
// CHECK:          ac__fr->sum = 0;
// CHECK:          for (; ac__fr->i < ac__fr->n; ac__fr->i++) {
// CHECK-NEXT:         ac__init_fetch(&ac__fr->ac__c1, ac__fr->i);
// CHECK-NEXT:         ac__fr->ac__state = 1;
// CHECK-NEXT:       ac__resume_1:
// CHECK-NEXT:         if (ac__poll_fetch(&ac__fr->ac__c1, ac__cx) == AC_PENDING) return AC_PENDING;
// CHECK-NEXT:         ac__fr->sum += ac__fr->ac__c1.ac__result;
// CHECK:          printf("sum %d\n", ac__fr->sum);
// CHECK-NEXT:     return (ac__fr->ac__result = (ac__fr->sum), ac__fr->ac__state = AC_STATE_DONE, AC_READY);
// CHECK-LABEL: const ac_future_type ac__type_total = {
// NOLINE-NOT: {{^}}#line
// LINES: {{^}}#line 19 "{{.*}}emit_c.c"
