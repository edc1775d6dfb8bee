/* tree.c: the syntax tree of a rewritten function, built from libclang's cursors in one walk,
 * the markers that await and the combinators expand to, and the questions about its nodes that
 * the checking pass and the lowering both ask (so that the two cannot disagree). */
#include "analyze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A tree under construction. libclang walks it depth first, so the nodes still open form a path
 * from the root, and the children found so far of each open node lie at the top of `kids`. */
typedef struct build {
    node **open;
    unsigned *base; /* open[i]'s children start at kids[base[i]] */
    unsigned nopen, cap;
    node **kids;
    unsigned nkids, kcap;
} build;

unsigned an_offset(CXSourceLocation loc)
{
    unsigned off;
    clang_getSpellingLocation(loc, NULL, NULL, NULL, &off);
    return off;
}

static node *new_node(CXCursor c, node *parent)
{
    node *n = xarena(sizeof *n);
    n->kind = clang_getCursorKind(c);
    n->cur = c;
    n->parent = parent;
    return n;
}

/* ---------------------------------------------------------------- extents */

/* clang_getCursorExtent measures the last token of the extent again with a lexer of its own: it
 * was the dearest question asked of libclang, a tenth of all the time spent in asyncc's own
 * thread. The extents of the commonest expressions and statements (calls, members, unary
 * operators, casts, strings, blocks, if/for/while/switch/case, return, declarations) follow from
 * the tokens of the text and their children's extents instead. ASYNCC_CHECK_EXTENTS=1 compares each with libclang's (tests). */
static const tk_stream *tokens; /* the preprocessed text's, set by an_extent_tokens */
static int check_extents;

void an_extent_tokens(const tk_stream *ts)
{
    tokens = ts;
    check_extents = getenv("ASYNCC_CHECK_EXTENTS") != NULL;
}

/* The index of the token that starts at off, or tokens->n. */
static unsigned token_at(unsigned off)
{
    unsigned i = tk_at(tokens, off);
    return i < tokens->n && tokens->v[i].start == off ? i : tokens->n;
}

/* Asked once per node: a node and its parent ask about it (spans_kids, one_token). */
static unsigned location_offset(node *n)
{
    if (!n->has_loc) {
        n->loc = an_offset(clang_getCursorLocation(n->cur));
        n->has_loc = 1;
    }
    return n->loc;
}

/* A single token at n's location: a name, a number. */
static int one_token(node *n)
{
    unsigned i = token_at(location_offset(n));
    if (i == tokens->n)
        return 0;
    n->xstart = tokens->v[i].start;
    n->xend = tokens->v[i].end;
    return 1;
}

/* `( kid )`: the tokens around the only child. */
static int parenthesized(node *n)
{
    if (n->nkids != 1)
        return 0;
    unsigned open = tk_prev(tokens, token_at(nstart(n->kids[0])));
    unsigned close = tk_next(tokens, tk_at(tokens, nend(n->kids[0])));
    if (open >= tokens->n || close >= tokens->n || !tk_is(tokens, open, "(") || !tk_is(tokens, close, ")"))
        return 0;
    n->xstart = tokens->v[open].start;
    n->xend = tokens->v[close].end;
    return 1;
}

/* From the start of the first child to the end of the last: `a + b`, `a += b`, and an implicit
 * conversion (an unexposed expression with one child at its own location). */
static int spans_kids(node *n, unsigned want)
{
    if (n->nkids != want || (want == 1 && location_offset(n) != location_offset(n->kids[0])))
        return 0;
    n->xstart = nstart(n->kids[0]);
    n->xend = nend(n->kids[want - 1]);
    return 1;
}

/* The index of the first significant token after offset off (the end of a token). */
static unsigned token_after(unsigned off)
{
    return tk_next(tokens, tk_at(tokens, off));
}

/* [start, end of token i) when i is a token. */
static int up_to_token(node *n, unsigned start, unsigned i)
{
    if (i >= tokens->n)
        return 0;
    n->xstart = start;
    n->xend = tokens->v[i].end;
    return 1;
}

/* `f(args)`: from the callee (the first child, which a `(` follows) to the `)` matching it. */
static int call(node *n)
{
    if (!n->nkids)
        return 0;
    unsigned open = token_after(nend(n->kids[0]));
    if (!tk_is(tokens, open, "("))
        return 0;
    return up_to_token(n, nstart(n->kids[0]), tk_match(tokens, open));
}

/* `base.m`, `base->m`: from the base to the member's name. */
static int member(node *n)
{
    if (n->nkids != 1)
        return 0;
    unsigned op = token_after(nend(n->kids[0]));
    if (!tk_is(tokens, op, ".") && !tk_is(tokens, op, "->"))
        return 0;
    unsigned name = tk_next(tokens, op + 1);
    if (name >= tokens->n || tokens->v[name].kind != TK_IDENT)
        return 0;
    return up_to_token(n, nstart(n->kids[0]), name);
}

/* `-x`, `&x`, `x++`: the operator before the operand (where n starts) or after it. */
static int unary(node *n)
{
    if (n->nkids != 1)
        return 0;
    unsigned at = location_offset(n);
    if (at < nstart(n->kids[0])) {
        n->xstart = at;
        n->xend = nend(n->kids[0]);
        return 1;
    }
    unsigned op = token_after(nend(n->kids[0]));
    if (at != nstart(n->kids[0]) || (!tk_is(tokens, op, "++") && !tk_is(tokens, op, "--")))
        return 0;
    return up_to_token(n, at, op);
}

/* From n's location (where it starts: `(type)`, `if`, `case`...) to the end of its last child. */
static int to_last_kid(node *n)
{
    if (!n->nkids)
        return 0;
    n->xstart = location_offset(n);
    n->xend = nend(n->kids[n->nkids - 1]);
    return n->xstart < n->xend;
}

/* A string literal: its first token and the ones concatenated to it. */
static int string_literal(node *n)
{
    unsigned i = token_at(location_offset(n));
    if (i == tokens->n || tokens->v[i].kind != TK_STRING)
        return 0;
    unsigned last = i;
    for (unsigned k = tk_next(tokens, i + 1); k < tokens->n && tokens->v[k].kind == TK_STRING; k = tk_next(tokens, k + 1))
        last = k;
    return up_to_token(n, tokens->v[i].start, last);
}

/* `{ ... }`: its brace and the matching one. */
static int compound(node *n)
{
    unsigned i = token_at(location_offset(n));
    if (!tk_is(tokens, i, "{"))
        return 0;
    return up_to_token(n, tokens->v[i].start, tk_match(tokens, i));
}

/* `return x`: to the end of its value, else of the keyword. */
static int return_stmt(node *n)
{
    if (n->nkids > 1)
        return 0;
    if (n->nkids == 0)
        return one_token(n);
    return to_last_kid(n);
}

/* A declaration statement: from its start to the `;` that ends it (outside brackets). */
static int decl_stmt(node *n)
{
    unsigned i = token_at(location_offset(n));
    if (i == tokens->n)
        return 0;
    unsigned depth = 0;
    for (unsigned k = i; k < tokens->n; k = tk_next(tokens, k + 1)) {
        const tk_token *tk = &tokens->v[k];
        if (tk->kind != TK_PUNCT || tk->end - tk->start > 2)
            continue;
        char c = tokens->text[tk->start], c2 = tokens->text[tk->start + 1];
        if (tk->end - tk->start == 2) { /* a digraph bracket: left to libclang */
            if ((c == '<' && (c2 == ':' || c2 == '%')) || (c == ':' && c2 == '>') || (c == '%' && c2 == '>'))
                return 0;
            continue;
        }
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if ((c == ')' || c == ']' || c == '}') && depth-- == 0)
            return 0;
        else if (c == ';' && depth == 0)
            return up_to_token(n, tokens->v[i].start, k);
    }
    return 0;
}

static int derived_extent(node *n)
{
    if (!tokens)
        return 0;
    switch (n->kind) {
    case CXCursor_DeclRefExpr:
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt:
        return one_token(n);
    case CXCursor_CallExpr:
        return call(n);
    case CXCursor_MemberRefExpr:
        return member(n);
    case CXCursor_UnaryOperator:
        return unary(n);
    case CXCursor_CStyleCastExpr:
    case CXCursor_IfStmt:
    case CXCursor_SwitchStmt:
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        return to_last_kid(n);
    case CXCursor_StringLiteral:
        return string_literal(n);
    case CXCursor_CompoundStmt:
        return compound(n);
    case CXCursor_ReturnStmt:
        return return_stmt(n);
    case CXCursor_DeclStmt:
        return decl_stmt(n);
    case CXCursor_ParenExpr:
        return parenthesized(n);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        return spans_kids(n, 2);
    case CXCursor_UnexposedExpr:
        return spans_kids(n, 1);
    default:
        return 0;
    }
}

static void clang_extent(node *n)
{
    CXSourceRange r = clang_getCursorExtent(n->cur);
    n->xstart = an_offset(clang_getRangeStart(r));
    n->xend = an_offset(clang_getRangeEnd(r));
}

void an_extent(node *n)
{
    if (!derived_extent(n)) {
        clang_extent(n);
    } else if (check_extents) {
        unsigned start = n->xstart, end = n->xend;
        clang_extent(n);
        if (start != n->xstart || end != n->xend) {
            fprintf(stderr, "asyncc: extent of cursor kind %d: [%u, %u), libclang's [%u, %u)\n", n->kind, start, end,
                    n->xstart, n->xend);
            abort();
        }
    }
    n->has_extent = 1;
}

static void open_node(build *b, node *n)
{
    if (b->nopen == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->open = xrealloc(b->open, sizeof *b->open * b->cap);
        b->base = xrealloc(b->base, sizeof *b->base * b->cap);
    }
    b->open[b->nopen] = n;
    b->base[b->nopen++] = b->nkids;
}

/* The innermost open node has all its children: they move to an array of its own. */
static void close_node(build *b)
{
    node *n = b->open[--b->nopen];
    unsigned first = b->base[b->nopen];
    n->nkids = b->nkids - first;
    if (n->nkids) {
        n->kids = xarena(sizeof *n->kids * n->nkids);
        memcpy(n->kids, b->kids + first, sizeof *n->kids * n->nkids);
    }
    b->nkids = first;
}

/* The parent libclang passes is the very cursor it passed for that node: equal field by field,
 * which is asked first (libclang's own comparison, the fallback, costs a call). */
static int same_cursor(CXCursor a, CXCursor b)
{
    if (a.kind == b.kind && a.xdata == b.xdata && a.data[0] == b.data[0] && a.data[1] == b.data[1] &&
        a.data[2] == b.data[2])
        return 1;
    return clang_equalCursors(a, b);
}

/* One recursive walk (a nested clang_visitChildren per node would cost a libclang visitor each). */
static enum CXChildVisitResult build_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    build *b = data;
    while (b->nopen > 1 && !same_cursor(b->open[b->nopen - 1]->cur, parent))
        close_node(b);
    node *n = new_node(c, b->open[b->nopen - 1]);
    if (b->nkids == b->kcap) {
        b->kcap = b->kcap ? 2 * b->kcap : 256;
        b->kids = xrealloc(b->kids, sizeof *b->kids * b->kcap);
    }
    b->kids[b->nkids++] = n;
    open_node(b, n);
    return CXChildVisit_Recurse;
}

node *an_build_tree(CXCursor c)
{
    static _Thread_local build b; /* its arrays are reused by every tree of its thread */
    node *root = new_node(c, NULL);
    open_node(&b, root);
    clang_visitChildren(c, build_visit, &b);
    while (b.nopen)
        close_node(&b);
    return root;
}

/* The operator of a binary operator node: the first token between its operands (libclang 14
 * does not expose it). Returns a string such as "&&", "," or "+=", which n keeps: the passes ask
 * about each operator several times. */
const char *an_binop(const tunit *t, const node *n)
{
    node *m = (node *)n;
    if (m->has_binop)
        return m->binop;
    m->has_binop = 1;
    m->binop[0] = 0;
    if (n->nkids != 2)
        return m->binop;
    const tk_stream *s = &t->toks;
    unsigned i = tk_next(s, tk_at(s, nend(n->kids[0])));
    if (i < s->n && s->v[i].kind == TK_PUNCT && s->v[i].end <= nstart(n->kids[1]) &&
        s->v[i].end - s->v[i].start < sizeof m->binop) {
        memcpy(m->binop, t->text + s->v[i].start, s->v[i].end - s->v[i].start);
        m->binop[s->v[i].end - s->v[i].start] = 0;
    }
    return m->binop;
}

int an_is_assign(const tunit *t, const node *n)
{
    return n->kind == CXCursor_BinaryOperator && strcmp(an_binop(t, n), "=") == 0;
}

int an_is_inc_dec(const tunit *t, const node *n)
{
    if (n->kind != CXCursor_UnaryOperator)
        return 0;
    const tk_stream *ts = &t->toks;
    unsigned first = tk_at(ts, nstart(n)), last = tk_prev(ts, tk_at(ts, nend(n)));
    return tk_is(ts, first, "++") || tk_is(ts, first, "--") ||
           (last < ts->n && (tk_is(ts, last, "++") || tk_is(ts, last, "--")));
}

int an_side_effects(const tunit *t, const node *n)
{
    if (n->mk || n->kind == CXCursor_CallExpr || n->kind == CXCursor_StmtExpr ||
        n->kind == CXCursor_CompoundAssignOperator || an_is_assign(t, n) || an_is_inc_dec(t, n))
        return 1;
    if (n->kind == CXCursor_DeclRefExpr && clang_isVolatileQualifiedType(clang_getCursorType(n->cur)))
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (an_side_effects(t, n->kids[i]))
            return 1;
    return 0;
}

int an_is_label(const node *label, CXCursor referenced)
{
    /* by location: the cursor a LabelRef references is not clang_equalCursors to the tree's
     * (libclang makes it with another parent), so every goto looked like a computed one */
    return label->kind == CXCursor_LabelStmt &&
           clang_equalLocations(clang_getCursorLocation(label->cur), clang_getCursorLocation(referenced));
}

node *an_unparen(node *n)
{
    while (n && (n->kind == CXCursor_ParenExpr || n->kind == CXCursor_UnexposedExpr) && n->nkids == 1 &&
           !n->mk)
        n = n->kids[0];
    return n;
}

static int is_comma(const tunit *t, const node *n)
{
    return n->kind == CXCursor_BinaryOperator && strcmp(an_binop(t, n), ",") == 0;
}

static const struct {
    const char *name;
    marker mk;
    int sentinel; /* the macro appends a value after the user's operands */
    int fair;     /* ac_select_fair */
} markers[] = {
    {"__asyncc_await", MK_AWAIT, 0, 0},         {"__asyncc_spawn", MK_SPAWN, 1, 0},
    {"__asyncc_spawn_local", MK_SPAWN_LOCAL, 1, 0}, {"__asyncc_block_on", MK_BLOCK_ON, 0, 0},
    {"__asyncc_join", MK_JOIN, 1, 0},           {"__asyncc_try_join", MK_TRY_JOIN, 1, 0},
    {"__asyncc_select", MK_SELECT, 1, 0},       {"__asyncc_timeout", MK_TIMEOUT, 1, 0},
    {"__asyncc_select_fair", MK_SELECT, 1, 1},
};

/* Recognizes `(__asyncc_X, a, b, ...)`, the expansion of await and the combinators. */
void an_find_marker(tunit *t, node *paren)
{
    if (paren->mk)
        return;
    if (paren->kind != CXCursor_ParenExpr || paren->nkids != 1 || !is_comma(t, paren->kids[0]))
        return;
    node *chain[64];
    unsigned n = 0;
    node *c = paren->kids[0];
    while (is_comma(t, c) && n < 64) {
        chain[n++] = c->kids[1];
        c = c->kids[0];
    }
    node *leaf = c;
    while (leaf->kind == CXCursor_UnexposedExpr && leaf->nkids == 1)
        leaf = leaf->kids[0];
    if (leaf->kind != CXCursor_DeclRefExpr)
        return;
    char *name = cx_take(clang_getCursorSpelling(leaf->cur));
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        if (strcmp(name, markers[i].name) != 0)
            continue;
        paren->mk = markers[i].mk;
        paren->fair = markers[i].fair != 0;
        unsigned first = markers[i].sentinel ? 1 : 0;
        for (unsigned k = n; k-- > first;) {
            node *op = chain[k];
            while (op->kind == CXCursor_ParenExpr && op->nkids == 1) {
                an_find_marker(t, op); /* a combinator inside await is a marker too */
                if (op->mk)
                    break;
                op = op->kids[0];
            }
            VEC_PUSH(paren->ops, paren->nops, op);
        }
    }
    free(name);
}

/* The parts of a for statement, told apart by the semicolons of its header. */
void an_for_parts(const tunit *t, node *s, node **init, node **cond, node **inc, node **body)
{
    const tk_stream *ts = &t->toks;
    unsigned open = tk_next(ts, tk_at(ts, nstart(s)) + 1), close = tk_match(ts, open), semi[2] = {0, 0}, nsemi = 0;
    for (unsigned i = tk_next(ts, open + 1); i < close && nsemi < 2; i = tk_next(ts, i + 1)) {
        if (tk_is(ts, i, ";"))
            semi[nsemi++] = ts->v[i].start;
        else if (tk_match(ts, i) < close)
            i = tk_match(ts, i); /* a statement expression's semicolons are not the header's */
    }
    *init = *cond = *inc = *body = NULL;
    for (unsigned k = 0; k < s->nkids; k++) {
        node *n = s->kids[k];
        if (k == s->nkids - 1)
            *body = n;
        else if (nstart(n) < semi[0])
            *init = n;
        else if (nstart(n) < semi[1])
            *cond = n;
        else
            *inc = n;
    }
}

int an_value_discarded(const node *m)
{
    const node *e = m, *p = m->parent;
    while (p && (p->kind == CXCursor_ParenExpr || p->kind == CXCursor_UnexposedExpr ||
                 (p->kind == CXCursor_CStyleCastExpr && clang_getCursorType(p->cur).kind == CXType_Void))) {
        e = p;
        p = p->parent;
    }
    if (!p)
        return 0;
    switch (p->kind) {
    case CXCursor_CompoundStmt:
        /* the last statement of a statement expression is its value */
        if (p->parent && p->parent->kind == CXCursor_StmtExpr && p->nkids && p->kids[p->nkids - 1] == e)
            return an_value_discarded(p->parent);
        return 1;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
    case CXCursor_LabelStmt:
        return 1;
    case CXCursor_IfStmt: /* a branch, not the condition */
    case CXCursor_WhileStmt:
        return p->nkids && p->kids[0] != e;
    case CXCursor_DoStmt:
    case CXCursor_ForStmt: /* the body */
        return p->nkids && p->kids[p->kind == CXCursor_DoStmt ? 0 : p->nkids - 1] == e;
    default:
        return 0; /* a declaration, a return, a condition: the handle is used */
    }
}

int an_is_tag_decl(const node *n)
{
    return n->kind == CXCursor_StructDecl || n->kind == CXCursor_UnionDecl || n->kind == CXCursor_EnumDecl ||
           n->kind == CXCursor_TypedefDecl;
}

const char *an_tag_keyword(enum CXCursorKind k)
{
    return k == CXCursor_StructDecl ? "struct" : k == CXCursor_UnionDecl ? "union" : "enum";
}

int an_is_unnamed_tag(const node *n)
{
    if (n->kind != CXCursor_StructDecl && n->kind != CXCursor_UnionDecl && n->kind != CXCursor_EnumDecl)
        return 0;
    char *name = cx_take(clang_getCursorSpelling(n->cur));
    int unnamed = !*name;
    free(name);
    return unnamed;
}

int an_is_vm_typedef(const node *n)
{
    return n->kind == CXCursor_TypedefDecl && vm_type(clang_getTypedefDeclUnderlyingType(n->cur));
}

int an_types_only(const node *n)
{
    if (n->kind != CXCursor_DeclStmt || n->nkids == 0)
        return 0;
    for (unsigned i = 0; i < n->nkids; i++)
        if (!an_is_tag_decl(n->kids[i]) || an_is_vm_typedef(n->kids[i]))
            return 0; /* a typedef of run-time size stays (lower_vm.c) */
    return 1;
}

int an_taken_apart(const node *d)
{
    if (d->kind != CXCursor_DeclStmt)
        return 0;
    int frame = d->has_await && d->nkids > 1;
    for (unsigned i = 0; i < d->nkids; i++)
        frame |= d->kids[i]->var && d->kids[i]->var->in_frame;
    return frame;
}

int an_size_value(const node *n, unsigned long long *value)
{
    if (n->kind != CXCursor_UnaryExpr)
        return 0;
    CXEvalResult r = clang_Cursor_Evaluate(n->cur);
    if (!r)
        return 0;
    int known = clang_EvalResult_getKind(r) == CXEval_Int;
    if (known)
        *value = clang_EvalResult_getAsUnsigned(r);
    clang_EvalResult_dispose(r);
    return known;
}

int an_typeof_operand(const tunit *t, const node *n)
{
    if (!clang_isExpression(n->kind) || vm_type(clang_getCursorType(n->cur)))
        return 0;
    const tk_stream *ts = &t->toks;
    unsigned open = tk_prev(ts, tk_at(ts, nstart(n))), key = open < ts->n ? tk_prev(ts, open) : ts->n;
    if (key >= ts->n || !tk_is(ts, open, "(") ||
        !(tk_is(ts, key, "__typeof__") || tk_is(ts, key, "__typeof") || tk_is(ts, key, "typeof")))
        return 0;
    return tk_match(ts, open) == tk_next(ts, tk_at(ts, nend(n)));
}

int an_refers_to_local(const tunit *t, const node *n)
{
    unsigned long long size;
    if (an_size_value(n, &size))
        return 0; /* its value stands for it (lower_moved.c) */
    if (an_typeof_operand(t, n)) { /* its type does, unless it has no name C can write */
        char *s = cx_take(clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(n->cur))));
        int unnamed = strstr(s, "(unnamed") || strstr(s, "(anonymous");
        free(s);
        return unnamed;
    }
    if (n->kind == CXCursor_DeclRefExpr && n->var)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (an_refers_to_local(t, n->kids[i]))
            return 1;
    return 0;
}

node *an_var_init(node *v)
{
    CXCursor init = clang_Cursor_getVarDeclInitializer(v->cur);
    if (clang_Cursor_isNull(init))
        return NULL;
    for (unsigned i = v->nkids; i-- > 0;)
        if (clang_isExpression(v->kids[i]->kind))
            return v->kids[i];
    return NULL;
}

int an_holds_kind(const node *n, enum CXCursorKind k)
{
    if (n->kind == k)
        return 1;
    for (unsigned i = 0; i < n->nkids; i++)
        if (an_holds_kind(n->kids[i], k))
            return 1;
    return 0;
}
