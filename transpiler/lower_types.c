/* lower_types.c: how the lowering spells types: frame fields, parameters, unnamed local types,
 * declarations, assignments and the temporaries of expressions. */
#include "lower.h"
#include "plan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* clang's spelling of a type, unless it is written with typeof: that spelling repeats an
 * expression (perhaps an await marker) that is not valid where the type is needed again. */
char *lw_type_spelling(CXType ty)
{
    char *s = cx_take(clang_getTypeSpelling(ty));
    if (strstr(s, "typeof") || strstr(s, "__asyncc_")) {
        free(s);
        s = cx_take(clang_getTypeSpelling(clang_getCanonicalType(ty)));
    }
    return s;
}

/* The type of a frame field: without a top-level const, which would forbid the assignments
 * that replace initializers (uses see the const again, see collect). A pointer's own const is
 * dropped by a cast, which C defines to yield the unqualified type: clang spells `T *const` and
 * `int (*const)(int)` with the const in different places. */
static char *field_type(CXType ty)
{
    CXType canon = clang_getCanonicalType(ty);
    /* Arrays keep their const elements: their initializer is a memcpy. */
    if ((!clang_isConstQualifiedType(ty) && !clang_isConstQualifiedType(canon)) || ty_fixed_array(canon))
        return lw_type_spelling(ty);
    char *s = cx_take(clang_getTypeSpelling(canon));
    if (canon.kind == CXType_Pointer && !strstr(s, "_Atomic")) {
        char *r = xasprintf("__typeof__((%s)0)", s);
        free(s);
        return r;
    }
    size_t n = strlen(s);
    if (strncmp(s, "const ", 6) == 0)
        memmove(s, s + 6, n - 5);
    else if (n > 5 && strcmp(s + n - 5, "const") == 0) {
        s[n - 5] = 0;
        while (n > 5 && s[strlen(s) - 1] == ' ')
            s[strlen(s) - 1] = 0;
    }
    return s;
}

/* The type of a parameter's frame field: as C adjusts it, and without a top-level const. */
char *lw_param_field_type(CXType ty)
{
    enum CXTypeKind k = clang_getCanonicalType(ty).kind;
    if (vm_param_type(ty))
        return xstrdup("void *"); /* seen through its type where used (lower_vm.c) */
    if (ty_array(ty) || k == CXType_FunctionProto || k == CXType_FunctionNoProto ||
        (!clang_isConstQualifiedType(ty) && !clang_isConstQualifiedType(clang_getCanonicalType(ty))))
        return an_param_type(ty);
    return field_type(ty);
}

char *lw_spell_type(CXType ty, int for_field)
{
    return for_field ? field_type(ty) : lw_type_spelling(ty);
}

char *lw_unnamed_key(CXType ty)
{
    /* clang spells the type "struct (unnamed at f.c:3:5)" on its declaration and "struct (unnamed
     * struct at f.c:3:5)" on a variable of it: the location is what identifies it. */
    char *spelling = cx_take(clang_getTypeSpelling(ty));
    char *at = strstr(spelling, " at "), *key = xstrdup(at ? at : spelling);
    free(spelling);
    return key;
}

char *lw_name_unnamed(char *s, char *const *keys, char *const *to, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        char *at = strstr(s, keys[i]);
        if (!at)
            continue;
        /* Replace from the keyword before "(unnamed" to the location's closing parenthesis. */
        char *open = at;
        while (open > s && *open != '(')
            open--;
        char *kw = open;
        while (kw > s && kw[-1] == ' ')
            kw--;
        while (kw > s && kw[-1] != ' ' && kw[-1] != '(')
            kw--;
        char *r = xasprintf("%.*s%s%s", (int)(kw - s), s, to ? to[i] : "struct ac__anon", at + strlen(keys[i]));
        free(s);
        s = r;
    }
    return s;
}

int lw_unspellable(const char *s)
{
    return strstr(s, "(unnamed") || strstr(s, "(anonymous");
}

/* Adds to v the operands of the typeofs of expressions under n, outermost ones only (in source
 * order, which is the order clang spells them in a type). */
static void typeof_operands(const tunit *t, node *n, const node *skip, node ***v, unsigned *nv)
{
    if (n == skip)
        return;
    if (an_typeof_operand(t, n)) {
        *v = xrealloc(*v, sizeof **v * (*nv + 1));
        (*v)[(*nv)++] = n;
        return;
    }
    for (unsigned i = 0; i < n->nkids; i++)
        typeof_operands(t, n->kids[i], skip, v, nv);
}

/* The end of the parenthesized text that starts at open (its closing parenthesis), or NULL. */
static const char *paren_close(const char *open)
{
    int depth = 0;
    for (const char *p = open; *p; p++)
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p;
    return NULL;
}

/* Whether position at of clang's spelling sp of a type lies in the parameter list of a function
 * type: a parenthesis that is neither a typeof's nor a declarator's (`(*)`). */
static int in_parameter_list(const char *sp, const char *at)
{
    char kinds[64];
    unsigned depth = 0;
    for (const char *p = sp; p < at; p++) {
        if (*p == ')' && depth)
            depth--;
        if (*p != '(')
            continue;
        const char *b = p;
        while (b > sp && b[-1] == ' ')
            b--;
        int of_typeof = b - sp >= 6 && strncmp(b - 6, "typeof", 6) == 0;
        char kind = of_typeof || p[1] == '*' || p[1] == '^' || p[1] == '(' ? 'd' : 'p';
        if (depth < sizeof kinds)
            kinds[depth] = kind;
        depth++;
    }
    for (unsigned i = 0; i < depth && i < sizeof kinds; i++)
        if (kinds[i] == 'p')
            return 1;
    return 0;
}

/* A typeof of expression e in the frame or at file scope: e's bit-field shape when its value
 * comes from a bit-field (lw_bit_field_value_type) and shapes are allowed, or else
 * `__typeof__(T)`, T the type clang knows. */
static char *typeof_replacement(const tunit *t, const afn *f, const node *e, int shapes)
{
    char *bits = shapes ? lw_bit_field_value_type(t, f, e) : NULL;
    if (bits)
        return bits;
    CXType ty = clang_getCursorType(e->cur);
    char *s = lw_name_unnamed(lw_rename_types(f, ty, lw_type_spelling(ty)), f->anon_from, f->anon_to, f->nanon);
    char *r = xasprintf("__typeof__(%s)", s);
    free(s);
    return r;
}

/* The type of local decl when it is built on the type of an expression over a bit-field, which
 * gcc types by the field's width (lw_bit_field_value_type): `__typeof__(e.off + 0) v`, `...
 * *p`, `... a[2]`, a function pointer with two of them (clang's spelling with each typeof of an
 * expression written as its shape or its type), or `__auto_type v = e.off + 0;` (the shape of
 * its initializer). clang's spelling, the declared type's, made a frame-only v wrap as clang's
 * type does. NULL for any other type. */
static char *bit_field_typed(const tunit *t, const afn *f, node *decl, CXType ty, int for_field)
{
    if (ty.kind == CXType_Auto) {
        node *init = an_var_init(decl);
        return init ? lw_bit_field_value_type(t, f, init) : NULL;
    }
    char *sp = cx_take(clang_getTypeSpelling(ty));
    if (!strstr(sp, "typeof (")) {
        free(sp);
        return NULL;
    }
    node **ops = NULL;
    unsigned nops = 0, found = 0;
    typeof_operands(t, decl, an_var_init(decl), &ops, &nops); /* (the type's, not the initializer's) */
    int bits = 0;
    for (unsigned i = 0; i < nops && !bits; i++) {
        char *b = lw_bit_field_value_type(t, f, ops[i]);
        bits = b != NULL;
        free(b);
    }
    /* clang spells a typeof of an expression "typeof (E)", one of a type "typeof(T)" */
    sb out = {0};
    const char *p = sp;
    if (for_field && strncmp(p, "const ", 6) == 0)
        p += 6; /* a field's type has no top-level const (field_type) */
    for (const char *at; bits && (at = strstr(p, "typeof")); p = at) {
        const char *open = at + 6, *close = NULL;
        if ((at > sp && (isalnum((unsigned char)at[-1]) || at[-1] == '_')) || (*open != ' ' && *open != '(')) {
            at = open; /* (a name with typeof in it) */
            sb_putn(&out, p, (size_t)(at - p));
            continue;
        }
        int of_expr = *open == ' ';
        while (*open == ' ')
            open++;
        if (*open != '(' || !(close = paren_close(open)) || (of_expr && found == nops)) {
            bits = 0;
            break;
        }
        sb_putn(&out, p, (size_t)(at - p));
        if (of_expr) {
            /* Not in a parameter's type, where gcc says of the shape's struct "declared inside
             * parameter list" (a warning no option turns off): clang's type there. */
            char *r = typeof_replacement(t, f, ops[found++], !in_parameter_list(sp, at));
            sb_puts(&out, r);
            free(r);
            at = close + 1;
        } else {
            sb_puts(&out, "__typeof__");
            at = open; /* the type inside is read on */
        }
    }
    char *r = NULL;
    if (bits && found == nops) {
        sb_puts(&out, p);
        r = lw_name_unnamed(lw_rename_types(f, ty, sb_take(&out)), f->anon_from, f->anon_to, f->nanon);
    }
    sb_free(&out);
    free(ops);
    free(sp);
    return r;
}

/* The type of local decl as generated code spells it, perhaps without a name C can write. */
static char *local_spelling(const tunit *t, const afn *f, node *decl, int for_field)
{
    CXType ty = clang_getCursorType(decl->cur);
    char *bits = bit_field_typed(t, f, decl, ty, for_field);
    if (bits)
        return bits;
    return lw_name_unnamed(lw_rename_types(f, ty, lw_spell_type(ty, for_field)), f->anon_from, f->anon_to, f->nanon);
}

/* The type of a local as the generated code must spell it: unnamed local types carry the name
 * they were given at file scope (check.c rejects types that cannot be spelled). */
char *lw_local_type(tunit *t, const afn *f, node *decl, int for_field)
{
    char *s = local_spelling(t, f, decl, for_field);
    if (lw_unspellable(s))
        dg_unchecked(t, decl, "a type without a name");
    return s;
}

static int const_inside(CXType ty);

static enum CXVisitorResult const_field(CXCursor c, CXClientData data)
{
    CXType ty = clang_getCursorType(c);
    if (clang_isConstQualifiedType(clang_getCanonicalType(ty)) || const_inside(ty)) {
        *(int *)data = 1;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

/* Whether a const member (or a const array element) lies anywhere inside an object of type ty:
 * then C forbids assigning the object as a whole, although initializing it is fine. */
static int const_inside(CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    switch (c.kind) {
    case CXType_ConstantArray:
    case CXType_IncompleteArray:
    case CXType_VariableArray: {
        CXType e = clang_getArrayElementType(c);
        return clang_isConstQualifiedType(clang_getCanonicalType(e)) || const_inside(e);
    }
    case CXType_Record: {
        int found = 0;
        clang_Type_visitFields(c, const_field, &found);
        return found;
    }
    default:
        return 0;
    }
}

/* Whether an object of type ty can be assigned as a whole: not an array, not const, no const
 * member or element inside. */
int lw_assignable(CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    return !ty_array(c) && !clang_isConstQualifiedType(c) && !const_inside(c);
}

/* `dst = src` as an expression, for an object of type ty that is not an array; src is an
 * initializer list when init_list. A struct or union with a const member inside cannot be
 * assigned: it is initialized on the stack and copied, which compilers turn into the same stores.
 * An initializer list becomes a compound literal, marked __extension__ for C90 programs. */
char *lw_assign(const char *dst, const char *src, CXType ty, int init_list)
{
    if (const_inside(ty))
        return xasprintf("(__extension__ ({ __typeof__(%s) ac__v = %s; "
                         "(void)__builtin_memcpy((void *)&(%s), (const void *)&ac__v, sizeof ac__v); }))",
                         dst, src, dst);
    if (init_list)
        return xasprintf("%s = __extension__(__typeof__(%s))%s", dst, dst, src);
    return xasprintf("%s = %s", dst, src);
}

/* The initialization of dst, of type ty, by src (a list when init_list): as lw_assign, but an
 * _Atomic object is initialized, as the source's declaration initializes it, not stored to
 * (AC__ATOMIC_INIT: clang's -Watomic-implicit-seq-cst said the output's `ac__fr->x = 5` was a
 * sequentially consistent store the source does not have). */
char *lw_init(const char *dst, const char *src, CXType ty, int init_list)
{
    CXType canon = clang_getCanonicalType(ty);
    if (canon.kind != CXType_Atomic)
        return lw_assign(dst, src, ty, init_list);
    if (init_list) /* (clang refuses a list for an _Atomic object) */
        return lw_assign(dst, src, ty, init_list);
    return xasprintf("AC__ATOMIC_INIT(%s) %s)", dst, src); /* converted as the declaration converts it */
}

/* A declaration of `name` with the type clang spells as `type`; types that C cannot write before
 * a name (arrays, function pointers) go through __typeof__. Takes ownership of name. */
char *lw_field_decl(const char *type, const char *name)
{
    char *s;
    if (strpbrk(type, "(["))
        s = xasprintf("__typeof__(%s)%s%s", type, *name ? " " : "", name);
    else {
        size_t n = strlen(type);
        s = xasprintf("%s%s%s", type, *name && n && type[n - 1] != '*' ? " " : "", name);
    }
    free((char *)name);
    return s;
}

/*
 * gcc gives a bit-field a type of the field's width, which its value keeps where no promotion
 * applies, as the value of a statement expression or a comma: for a field wider than int
 * (`uint64_t off : 48`) arithmetic on it wraps at that width, and beside an operand of another
 * type it converts by that width (`k ? e.off : lookup()`, lookup returning long, is a long for
 * gcc, an unsigned long long for clang); `({ ...; s.three_bits; }) - 5` is an int for gcc (the
 * 3-bit type promotes), an unsigned int for clang. asyncc reads the code with clang, so a
 * temporary that held such a value spelled with clang's type gave the output built by gcc
 * clang's answer. The temporary's type is then the expression's own shape over the field (a
 * comma's right operand, typed as the field's value without promotion) and zeros of the other
 * operands' types, under typeof: each compiler types it as it types the source.
 */
typedef struct value_shape {
    const tunit *t;
    const afn *f;
    sb out;
    int bit_field; /* a bit-field was met */
} value_shape;

static int shape_of(value_shape *s, const node *n);

/* `(T)0` for an operand of arithmetic type ty (an enum as its integer type); 0 for other types,
 * whose values no bit-field changes. */
static int shape_leaf(value_shape *s, CXType ty)
{
    CXType c = clang_getCanonicalType(ty);
    if (c.kind == CXType_Enum)
        c = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c)));
    if (c.kind < CXType_Bool || c.kind > CXType_LongDouble)
        return 0;
    char *name = cx_take(clang_getTypeSpelling(c));
    sb_printf(&s->out, "(%s)0", name);
    free(name);
    return 1;
}

/* Whether n is a member that is a bit-field of an integer or enumerated type: *declared is its
 * type (an enum's integer type, which types its values alike: `({ ...; s.color; }) - 5`, the
 * 4-bit field of an enum of unsigned int, is -4 for gcc and 4294967292 for clang). */
static int bit_field(const node *n, CXType *declared, int *width)
{
    if (n->kind != CXCursor_MemberRefExpr)
        return 0;
    CXCursor field = clang_getCursorReferenced(n->cur);
    if (clang_getCursorKind(field) != CXCursor_FieldDecl || !clang_Cursor_isBitField(field))
        return 0;
    *declared = clang_getCanonicalType(clang_getCursorType(field));
    if (declared->kind == CXType_Enum)
        *declared = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(*declared)));
    *width = clang_getFieldDeclBitWidth(field);
    return declared->kind >= CXType_Bool && declared->kind <= CXType_Int128 && *width > 0;
}

/*
 * A variable or member whose declared type is built on a bit-field's (`__typeof__(e.off + 0) v`,
 * `__auto_type q = &v;`, `typedef __typeof__(e.off + 0) T; T w;`, a member of a local struct
 * declared so) has gcc's width type too: its value in a shape must keep it. Whether a declaration
 * is such: its type (not its initializer, unless its type is __auto_type) names a bit-field, or a
 * variable, member or typedef that is such.
 */
typedef struct bit_field_scan {
    CXCursor skip; /* a variable's initializer */
    int depth, found;
} bit_field_scan;

static int bit_field_declared(CXCursor d, int depth);

static enum CXChildVisitResult bit_field_visit(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    bit_field_scan *s = data;
    if (!clang_Cursor_isNull(s->skip) && clang_equalCursors(c, s->skip))
        return CXChildVisit_Continue;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_MemberRefExpr || k == CXCursor_DeclRefExpr || k == CXCursor_TypeRef) {
        CXCursor r = clang_getCursorReferenced(c);
        if ((k == CXCursor_MemberRefExpr && clang_getCursorKind(r) == CXCursor_FieldDecl && clang_Cursor_isBitField(r)) ||
            bit_field_declared(r, s->depth + 1)) {
            s->found = 1;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Recurse;
}

static int bit_field_declared(CXCursor d, int depth)
{
    enum CXCursorKind k = clang_getCursorKind(d);
    if (depth > 8 || (k != CXCursor_VarDecl && k != CXCursor_ParmDecl && k != CXCursor_FieldDecl && k != CXCursor_TypedefDecl))
        return 0;
    bit_field_scan s = {clang_getNullCursor(), depth, 0};
    if (k == CXCursor_VarDecl) {
        CXCursor init = clang_Cursor_getVarDeclInitializer(d);
        if (clang_getCursorType(d).kind != CXType_Auto)
            s.skip = init;
        else if (!clang_Cursor_isNull(init) && bit_field_visit(init, d, &s) == CXChildVisit_Recurse)
            clang_visitChildren(init, bit_field_visit, &s);
        if (clang_getCursorType(d).kind == CXType_Auto)
            return s.found;
    }
    clang_visitChildren(d, bit_field_visit, &s);
    return s.found;
}

/* An lvalue of the type of n, a local of the function or a member, when that type is built on a
 * bit-field's (bit_field_declared): `(*(__typeof__(T) *)0)`, T the local's spelling (a typedef
 * of it names the typedef, which moved to file scope spelled so), or `((struct r *)0)->m`. */
static char *typed_lvalue(const value_shape *s, const node *n)
{
    if (n->kind == CXCursor_DeclRefExpr && n->var && n->var->decl && bit_field_declared(n->var->decl->cur, 0)) {
        char *ty = local_spelling(s->t, s->f, n->var->decl, 0);
        char *r = lw_unspellable(ty) ? NULL : xasprintf("(*(__typeof__(%s) *)0)", ty);
        free(ty);
        return r;
    }
    if (n->kind != CXCursor_MemberRefExpr)
        return NULL;
    CXCursor field = clang_getCursorReferenced(n->cur);
    if (clang_getCursorKind(field) != CXCursor_FieldDecl || clang_Cursor_isBitField(field) || !bit_field_declared(field, 0))
        return NULL;
    CXType rec = clang_getCursorType(clang_getCursorSemanticParent(field));
    char *rs = lw_name_unnamed(lw_rename_types(s->f, rec, lw_type_spelling(rec)), s->f->anon_from, s->f->anon_to, s->f->nanon);
    char *name = cx_take(clang_getCursorSpelling(field));
    char *r = lw_unspellable(rs) || !*name ? NULL : xasprintf("(((%s *)0)->%s)", rs, name);
    free(name);
    free(rs);
    return r;
}

/* The shape of n, an operator on the lvalue shape of its operand (`&v`, `*p`, `rows[1]`), when
 * that operand has a bit-field's type; else n's own leaf. */
static int shape_lvalue_op(value_shape *s, const node *n, const char *open, const char *mid, const char *close)
{
    size_t len = s->out.len;
    int had = s->bit_field;
    s->bit_field = 0;
    sb_puts(&s->out, open);
    int ok = shape_of(s, n->kids[0]);
    if (ok && n->nkids == 2) {
        sb_puts(&s->out, mid);
        ok = shape_of(s, n->kids[1]);
    }
    sb_puts(&s->out, close);
    if (ok && s->bit_field) {
        s->bit_field = 1;
        return 1;
    }
    s->out.len = len;
    if (s->out.data)
        s->out.data[len] = 0;
    s->bit_field = had;
    return shape_leaf(s, clang_getCursorType(n->cur));
}

static int shape_op(value_shape *s, const char *open, const node *a, const char *op, const node *b)
{
    sb_puts(&s->out, open);
    if (!shape_of(s, a))
        return 0;
    sb_puts(&s->out, op);
    if (b && !shape_of(s, b))
        return 0;
    sb_puts(&s->out, ")");
    return 1;
}

static int shape_of(value_shape *s, const node *n)
{
    CXType declared;
    int width;
    if (n->mk) /* an await: its callee's result */
        return shape_leaf(s, clang_getCursorType(n->cur));
    if (n->elvis && n->nkids == 2)
        return shape_op(s, "(0 ? ", n->kids[0], " : ", n->kids[1]);
    if ((n->kind == CXCursor_ParenExpr || n->kind == CXCursor_UnexposedExpr) && n->nkids == 1)
        return shape_of(s, n->kids[0]); /* (implicit conversions are the compiler's to make) */
    if (n->kind == CXCursor_ConditionalOperator && n->nkids == 3)
        return shape_op(s, "(0 ? ", n->kids[1], " : ", n->kids[2]);
    if (n->kind == CXCursor_StmtExpr && n->nkids && n->kids[0]->kind == CXCursor_CompoundStmt && n->kids[0]->nkids) {
        const node *last = n->kids[0]->kids[n->kids[0]->nkids - 1];
        while (last->kind == CXCursor_LabelStmt && last->nkids)
            last = last->kids[last->nkids - 1];
        return clang_isExpression(last->kind) && shape_of(s, last);
    }
    if (n->kind == CXCursor_CompoundAssignOperator && n->nkids == 2)
        return shape_of(s, n->kids[0]);
    if (n->kind == CXCursor_BinaryOperator && n->nkids == 2) {
        const char *op = an_binop(s->t, n);
        if (strcmp(op, ",") == 0)
            return shape_of(s, n->kids[1]);
        if (strcmp(op, "=") == 0)
            return shape_of(s, n->kids[0]);
        if (strcmp(op, "<<") == 0 || strcmp(op, ">>") == 0) /* the left operand's type */
            return shape_op(s, "(", n->kids[0], strcmp(op, "<<") == 0 ? " << 0" : " >> 0", NULL);
        if (strlen(op) == 1 && strchr("+-*/%&|^", op[0])) {
            char *mid = xasprintf(" %s ", op);
            int ok = shape_op(s, "(", n->kids[0], mid, n->kids[1]);
            free(mid);
            return ok;
        }
    }
    if (n->kind == CXCursor_UnaryOperator && n->nkids == 1) {
        const tk_stream *ts = &s->t->toks;
        unsigned first = tk_at(ts, nstart(n));
        if (nstart(n) == nstart(n->kids[0]) || tk_is(ts, first, "++") || tk_is(ts, first, "--") ||
            tk_is(ts, first, "__extension__"))
            return shape_of(s, n->kids[0]); /* x++, ++x: x's type */
        if (tk_is(ts, first, "+") || tk_is(ts, first, "-") || tk_is(ts, first, "~"))
            return shape_op(s, tk_is(ts, first, "+") ? "(+" : tk_is(ts, first, "-") ? "(-" : "(~", n->kids[0], "",
                            NULL);
        if (tk_is(ts, first, "&") || tk_is(ts, first, "*"))
            return shape_lvalue_op(s, n, tk_is(ts, first, "&") ? "(&" : "(*", "", ")");
    }
    if (n->kind == CXCursor_ArraySubscriptExpr && n->nkids == 2)
        return shape_lvalue_op(s, n, "(", "[", "])");
    char *lvalue = typed_lvalue(s, n);
    if (lvalue) {
        sb_puts(&s->out, lvalue);
        free(lvalue);
        s->bit_field = 1;
        return 1;
    }
    if (bit_field(n, &declared, &width)) {
        char *name = cx_take(clang_getTypeSpelling(declared));
        sb_printf(&s->out, "((void)0, ((struct { %s ac__b : %d; } *)0)->ac__b)", name, width);
        free(name);
        s->bit_field = 1;
        return 1;
    }
    return shape_leaf(s, clang_getCursorType(n->cur));
}

char *lw_bit_field_value_type(const tunit *t, const afn *f, const node *n)
{
    value_shape s = {t, f, {0}, 0};
    int ok = shape_of(&s, n);
    char *shape = sb_take(&s.out);
    char *r = ok && s.bit_field ? xasprintf("__typeof__(__extension__ (%s))", shape) : NULL;
    free(shape);
    return r;
}

/* A field of a struct or union whose type is declared by decl, found by clang_Type_visitFields. */
typedef struct member_of {
    CXCursor decl;
    char *name; /* its name, when found */
} member_of;

static enum CXVisitorResult find_member(CXCursor c, CXClientData data)
{
    member_of *m = data;
    CXCursor d = clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(c)));
    if (!clang_equalCursors(d, m->decl))
        return CXVisit_Continue;
    m->name = cx_take(clang_getCursorSpelling(c));
    return CXVisit_Break;
}

/*
 * A value whose type has no name: a struct, union or enum defined inside a struct's member
 * (`struct conn { enum { IDLE, BUSY } state; struct { int q; } in; }`), as the value of a ?: or a
 * statement expression whose operands await (`({ await(f()); c->state; })`). Its temporary was
 * spelled "enum (unnamed enum at f.c:3:18)", which no compiler reads. An enum is spelled as its
 * integer type, which holds its values alike; a struct or union as the type of the member it
 * was defined for, `__typeof__(((struct conn *)0)->in)`, the enclosing type spelled the same way
 * when it has no name either. NULL when there is no such member (an anonymous member), or no
 * name to start from.
 */
char *lw_unnamed_member_type(const afn *f, CXType ty, char *const *keys, char *const *to, unsigned nkeys)
{
    CXType c = clang_getCanonicalType(ty);
    if (c.kind == CXType_Enum)
        return cx_take(clang_getTypeSpelling(clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c)))));
    if (c.kind != CXType_Record)
        return NULL;
    CXCursor decl = clang_getTypeDeclaration(c), parent = clang_getCursorSemanticParent(decl);
    enum CXCursorKind pk = clang_getCursorKind(parent);
    if (pk != CXCursor_StructDecl && pk != CXCursor_UnionDecl)
        return NULL;
    CXType outer = clang_getCursorType(parent);
    member_of m = {decl, NULL};
    clang_Type_visitFields(outer, find_member, &m);
    if (!m.name || !*m.name) {
        free(m.name);
        return NULL;
    }
    char *os = lw_name_unnamed(lw_rename_types(f, outer, lw_type_spelling(outer)), keys, to, nkeys);
    if (lw_unspellable(os)) {
        free(os);
        os = lw_unnamed_member_type(f, outer, keys, to, nkeys);
    }
    char *r = os ? xasprintf("__typeof__(((%s *)0)->%s)", os, m.name) : NULL;
    free(os);
    free(m.name);
    return r;
}

char *lw_temp(lw *L, const node *n)
{
    const pl_slot *slot = pl_slot_of(L->f, n, PR_TEMP);
    if (!slot) {
        dg_unchecked(L->t, n, "an expression whose temporary the plan did not decide");
        return xstrdup("ac__t0");
    }
    if (L->twin) {
        /* a plain local, declared where the hoisted statements that use it begin */
        if (!sb_at_line_start(&L->out))
            lw_put(L, "\n");
        lw_pad(L, L->indent ? L->indent : 5);
        lw_put(L, slot->decl);
        /* one of a type with a const member is set by a copy (lw_assign): declared without an
         * initializer, gcc's -Wc++-compat said "uninitialized const member" */
        lw_put(L, const_inside(clang_getCursorType(n->cur)) ? " = {0};\n" : ";\n");
        return xstrdup(slot->name);
    }
    return xasprintf("ac__fr->%s", slot->name);
}
