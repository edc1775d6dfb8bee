/* lint_errno.c: what errno is to the lints: glibc's (and the BSDs', newlib's) spelling of it, and
 * the async functions of this file that assign it (their code after their last await runs on the
 * thread that resumes their caller). */
#include "internal.h"

#include <string.h>

/* `(*__errno_location ())`: errno as glibc's macro (and musl's) writes it; `__error()` on the BSDs,
 * `__errno()` in newlib and bionic. */
int li_is_errno(const tunit *t, const node *n)
{
    if (n->kind != CXCursor_UnaryOperator || n->nkids != 1 || !tk_is(&t->toks, tk_at(&t->toks, nstart(n)), "*"))
        return 0;
    node *c = an_unparen(n->kids[0]);
    if (c->kind != CXCursor_CallExpr)
        return 0;
    const char *name = an_call_name(c);
    return strcmp(name, "__errno_location") == 0 || strcmp(name, "__error") == 0 || strcmp(name, "__errno") == 0;
}

/* Whether n assigns errno (`errno = EIO;`, `errno += 0`). */
static int writes_errno(const tunit *t, const node *n)
{
    if ((n->kind == CXCursor_BinaryOperator || n->kind == CXCursor_CompoundAssignOperator) && n->nkids == 2 &&
        li_is_errno(t, an_unparen(n->kids[0])) && (n->kind == CXCursor_CompoundAssignOperator || strcmp(an_binop(t, n), "=") == 0))
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (writes_errno(t, n->kids[i]))
            return 1;
    return 0;
}

/* Whether the future fut of an await is a call of an async function of this file that assigns
 * errno (code ported from the errno convention: `errno = EIO; return -1;`): its code after its
 * last await runs on the thread that resumes the caller, so errno read after the await is its. */
int li_future_sets_errno(const tunit *t, const node *fut)
{
    const node *call = an_unparen((node *)fut);
    if (an_is_assign(t, call)) /* a combinator's `v = f(x)` */
        call = an_unparen(call->kids[1]);
    for (unsigned i = 0; call->mk && i < call->nops; i++) /* await(ac_join(f(x), ...)) */
        if (li_future_sets_errno(t, call->ops[i]))
            return 1;
    return call->kind == CXCursor_CallExpr && call->fn && call->fn->sets_errno;
}

void li_errno_setters(tunit *t)
{
    for (unsigned i = 0; i < t->nfns; i++)
        if (t->fns[i]->self && t->fns[i]->body && writes_errno(t, t->fns[i]->body))
            t->fns[i]->self->sets_errno = 1;
}
