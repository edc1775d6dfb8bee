/* branches.c: the ac__kids_<f> table of a future type, which says for every state which child
 * futures it awaits and where their frames are: the runtime drops a frame's children (future.h:
 * ac__drop_kids) and lists them in task dumps from it, and debuggers read it in core files. */
#include "internal.h"

#include <stdlib.h>

/*
 * The table replaced generated functions: a child function (the child of the current state) and
 * a branches function (a combinator's pending children) per async function, and the drop's
 * switch over every state. A small function costs a compiler at -O2 about as much to build as a
 * body of user code several times its size: on a file of small async functions (samples/echo,
 * chat, miniredis) they were a fifth of gcc's time on the output (bench/RESULTS-output-cost.md).
 */

/* ac__kids_f (future.h's ac_kid_info): every child of every state, in the order of the states,
 * where its frame is and its type. `used` keeps it in optimized builds when the type names none
 * (a function that never suspends). */
void br_emit(const afn *f, sb *out)
{
    const char *n = f->name;
    sb_printf(out, "__attribute__((used)) static const ac_kid_info ac__kids_%s[] = {\n", n);
    for (unsigned i = 0; i < f->nsites; i++) {
        const site *s = f->sites[i];
        for (unsigned j = 0; j < s->nkids; j++) {
            const child *ch = &s->kids[j];
            sb_printf(out, "    {%u, %uu, __builtin_offsetof(struct ac__frame_%s, %s), ", s->index,
                      s->mask ? 1u << j : 0u, n, ch->field);
            if (s->mask)
                sb_printf(out, "__builtin_offsetof(struct ac__frame_%s, %s), ", n, s->mask);
            else
                sb_puts(out, "0, ");
            sb_printf(out, "&ac__type_%s, %u},\n", ch->fn->name, !ch->embedded && !ch->bounded);
        }
    }
    sb_puts(out, "    {0, 0, 0, 0, 0, 0},\n};\n\n");
}
