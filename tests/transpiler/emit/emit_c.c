// --emit=c prints the rewritten file for reading (no #line): the frame struct, init, and the
// function that runs the body (ac__run_f, which the poll calls with the frame's state), dispatching
// on the state with goto and keeping the user's statements as written. A child embedded in the
// frame starts at once: its arguments are set (ac__args_f) and its body runs from state 0. Frame
// variables that nothing points into stay C locals, stored to the frame only to suspend (not n:
// a parameter never assigned keeps the value init stored), and loaded from it on resuming.
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
// Each pattern has a {{}} so that it cannot match itself: the output keeps these comments.
// CHECK-LABEL: struct ac__frame_{{total}} {
// CHECK-NEXT:     unsigned ac__state;
// CHECK-NEXT:     int ac__result;
// CHECK-NEXT:     int n;
// CHECK:             int sum;
// CHECK:                 int i;
// CHECK:                 struct ac__frame_fetch ac__c1;
// CHECK-LABEL: void ac__init_{{total}}(void *ac__p, int n)
// CHECK-LABEL: static __inline__ int ac__run_{{total}}(struct ac__frame_total *ac__fr, ac_cx *ac__cx, unsigned ac__from, int ac__keep)
// CHECK:          goto ac__resume_{{1}};
// CHECK:          int n = ac__fr->{{n}};
// CHECK:          int sum = {{0}};
// CHECK-NEXT:     for (int i = 0; i < n; i++)
// CHECK-NEXT:          {{[{]}}
// CHECK-NEXT:         ac__args_{{fetch}}(&ac__fr->ac__c1, i);
// CHECK-NEXT:         ac__from = {{0}};
// CHECK-NEXT:         if (0) {{[{]}}
// CHECK-NEXT:       ac__resume_{{1}}:
// CHECK-NEXT:             ac__from = ac__fr->ac__c1.{{ac__state}}; n = ac__fr->n; sum = ac__fr->sum; i = ac__fr->i;
// CHECK-NEXT:         }
// CHECK-NEXT:         if (ac__run_{{fetch}}(&ac__fr->ac__c1, ac__cx, ac__from, 0) == AC_PENDING) { ac__fr->ac__state = 1; ac__fr->sum = sum; ac__fr->i = i; return AC_PENDING; }
// CHECK-NEXT:         sum += ac__fr->ac__c1.{{ac__result}};
// CHECK:          printf("sum %d\n", {{sum}});
// CHECK-NEXT:     return ((void)(ac__fr->ac__result = (sum)), (void)(ac__keep ? (void)(ac__fr->ac__state = {{AC_STATE_DONE}}) : (void)0), AC_READY);
// CHECK-LABEL: static __inline__ int ac__poll_{{total}}(void *ac__p, ac_cx *ac__cx)
// CHECK:          return ac__run_{{total}}(ac__fr, ac__cx, ac__fr->ac__state, 1);
// CHECK-LABEL: const ac_future_type ac__type_{{total}} = {
// NOLINE-NOT: {{^}}#line
// LINES: {{^}}#line 19 "{{.*}}emit_c.c"
