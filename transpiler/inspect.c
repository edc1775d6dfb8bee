/* inspect.c: explains the state machines: --emit=frames lists each frame's fields and await
 * sites, --emit=dot draws the states and the awaits between them. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void lower_all(tunit *t)
{
    int saved = t->lines;
    t->lines = 0;
    char *c = out_compose(t);
    free(c);
    t->lines = saved;
}

char *in_frames(tunit *t, const char *const *flags, int nflags)
{
    (void)flags;
    (void)nflags;
    lower_all(t);
    if (t->errors)
        return NULL;
    sb b = {0};
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        if (!f->self)
            continue;
        sb_printf(&b, "async %s %s()  %s:%u\n", f->self->ret_type ? f->self->ret_type : "void", f->name, t->input,
                  f->line);
        sb_printf(&b, "  frame struct ac__frame_%s {\n    unsigned ac__state;\n%s  }\n", f->name, f->layout);
        for (unsigned k = 0; k < f->nsites; k++) {
            site *s = f->sites[k];
            sb_printf(&b, "  state %u: %s:%u  await %s()\n", s->index, t->input, s->line, s->what);
            for (unsigned j = 0; j < s->nkids; j++)
                sb_printf(&b, "    child %s: %s() %s\n", s->kids[j].field, s->kids[j].fn->name,
                          s->kids[j].embedded ? "inside this frame" : "from the task arena");
        }
        sb_putc(&b, '\n');
    }
    return sb_take(&b);
}

char *in_dot(tunit *t)
{
    lower_all(t);
    if (t->errors)
        return NULL;
    sb b = {0};
    sb_puts(&b, "digraph asyncc {\n  node [shape=box, fontname=\"monospace\"];\n");
    for (unsigned i = 0; i < t->nfns; i++) {
        afn *f = t->fns[i];
        if (!f->self)
            continue;
        sb_printf(&b, "  subgraph cluster_%s {\n    label=\"async %s\";\n", f->name, f->name);
        sb_printf(&b, "    %s_0 [label=\"start\"];\n    %s_done [label=\"ready\", shape=doublecircle];\n", f->name,
                  f->name);
        for (unsigned k = 0; k < f->nsites; k++)
            sb_printf(&b, "    %s_%u [label=\"%u: await %s()\\n%s:%u\"];\n", f->name, k + 1, k + 1,
                      f->sites[k]->what, t->input, f->sites[k]->line);
        sb_puts(&b, "  }\n");
    }
    sb_puts(&b, "}\n");
    return sb_take(&b);
}
