/* branches.c: the ac__branches_<f> function of a future type, which lists for task dumps every
 * pending child of a combinator's state (ac_join, ac_try_join, ac_select, ac_timeout), and the
 * ac__kids_<f> table that says the same as data, for debuggers reading a core file. */
#include "internal.h"

#include <stdlib.h>

/* ac__kids_f (future.h's ac_kid_info): every child of every state, where its frame is and its
 * type. `used` keeps it in optimized builds, where nothing in the program refers to it. */
static void emit_kids(const afn *f, sb *out)
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

char *br_emit(const afn *f, sb *out)
{
    const char *n = f->name;
    emit_kids(f, out);
    unsigned combinators = 0;
    for (unsigned i = 0; i < f->nsites; i++)
        combinators += f->sites[i]->nkids > 1;
    if (!combinators)
        return xstrdup("0"); /* the dump follows child alone */
    sb_printf(out,
              "static unsigned ac__branches_%s(void *ac__p, void **ac__frames, const ac_future_type **ac__types, "
              "unsigned ac__max)\n{\n    struct ac__frame_%s *ac__fr = ac__p;\n    unsigned ac__n = 0;\n"
              "    switch (ac__fr->ac__state) {\n",
              n, n);
    for (unsigned i = 0; i < f->nsites; i++) {
        const site *s = f->sites[i];
        if (s->nkids < 2)
            continue;
        sb_printf(out, "    case %u:\n", s->index);
        /* A join's finished children have their bit in the mask; a select or timeout is
         * pending only while all of its children are (the losers are dropped at once). */
        for (unsigned j = 0; j < s->nkids; j++) {
            const child *ch = &s->kids[j];
            if (s->mask)
                sb_printf(out, "        if (!(ac__fr->%s & %uu))\n    ", s->mask, 1u << j);
            sb_printf(out,
                      "        if (ac__n++ < ac__max)\n            ac__types[ac__n - 1] = &ac__type_%s, "
                      "ac__frames[ac__n - 1] = %sac__fr->%s;\n",
                      ch->fn->name, ch->embedded ? "&" : "", ch->field);
        }
        sb_puts(out, "        break;\n");
    }
    sb_puts(out, "    default:\n        break;\n    }\n    return ac__n;\n}\n\n");
    return xasprintf("ac__branches_%s", n);
}
