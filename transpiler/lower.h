/* lower.h: what the lowering files share: the state of lowering one function, its frame
 * regions, and the functions each lowering file offers the others. */
#ifndef ASYNCC_LOWER_H
#define ASYNCC_LOWER_H

#include "internal.h"

/* What the lowering notes about a node, beside the tree (analysis never sees it). */
typedef struct scratch {
    unsigned cont_label; /* a rewritten loop: `continue` becomes goto ac__cont_N */
} scratch;

typedef struct scratch_table {
    const node **keys; /* open addressing by pointer; cap is a power of two */
    scratch *vals;
    unsigned cap, n;
} scratch_table;

typedef struct lw {
    tunit *t;
    afn *f;
    sb out;
    unsigned cur_line; /* the line the compiler gives the next output line (with #line) */
    char *file;        /* the function's file name as a C string literal body, */
    const char *home;  /* and as dg_file_at gives it: line keys of other files name theirs */
    unsigned nlabels, nspawns;
    int returned; /* a `case K: return;` went to ac__returned (lw_return_text) */
    unsigned nstates;  /* the states lowered so far: each is the plan's next one (lower_await.c) */
    unsigned indent;
    int twin;          /* lowering the plain C twin of a function that never suspends */
    node *folding;     /* the folded condition whose rewrites are being collected (lower_expr.c) */
    size_t gen_end;    /* where the last generated line ended in out, for which user line, and */
    unsigned gen_line; /* whether more may follow it on its output line (lower_text.c: vgen) */
    int gen_open;
    size_t wrap_end; /* where the brace that a statement wrapped in a block opened ends in out */
    node **vm_decls; /* variably modified declarations lowered so far (lower_vm.c), */
    char **vm_types; /* and their types as written with captured sizes */
    unsigned nvm;
    scratch_table scratch; /* per node of the function being lowered: lw_scratch */
    sb stale; /* frame fields an await leaves as they were, for debuggers (lower_locals.c) */
    node *uses_put; /* the declaration whose moved tag's uses gen_decl wrote (lower_expr.c) */
    sb c_temps, c_temp_reads; /* the awaits' temporaries that are C locals of ac__run_f: their
                               * declarations, and `(void)` reads of them (lower_await.c) */
} lw;

/* A finished frame records AC_STATE_DONE, for dumps and the check against polls after the end,
 * unless its caller embeds it and awaits it (ac__keep == 0): the caller never looks at it again,
 * and neither can anyone else (a caller's state names a child only while the child is pending). */
#define DONE_STATE "(void)(ac__keep ? (void)(ac__fr->ac__state = AC_STATE_DONE) : (void)0)"

/* lower_text.c */
/* The lowering's notes about n (zeroed when new); lw_scratch_free forgets them all. */
scratch *lw_scratch(lw *L, const node *n);
void lw_scratch_free(lw *L);
unsigned lw_line_at(lw *L, unsigned off);
unsigned lw_col_at(lw *L, unsigned off);
void lw_put(lw *L, const char *s);
void lw_pad(lw *L, unsigned col);
void lw_sync(lw *L, unsigned off);
void lw_gline(lw *L, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void lw_glabel(lw *L, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void lw_gopen(lw *L, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void lw_gclose(lw *L, unsigned line);
int lw_line_continues(lw *L);
void lw_copy_gap(lw *L, unsigned from, unsigned to);
/* Where the opening brace of block b ends and where its closing one starts: `{` and `}`, or the
 * digraphs `<%` and `%>`. */
unsigned lw_brace_end(lw *L, const node *b);
unsigned lw_closing_brace(lw *L, const node *b);
void lw_copy_gap_lines(lw *L, unsigned from, unsigned to, int drop_pragmas);
unsigned lw_stmt_end(lw *L, node *s);
int lw_is_moved_decl(lw *L, const node *n);
unsigned lw_node_line(lw *L, node *n);
void lw_put_range(lw *L, node *s, unsigned a, unsigned b);

/* lower_moved.c */
/* What stands where a local type declaration d moved to file scope stood: `(void)sizeof(x);` for
 * each C local x it names (typeof, sizeof), which the moved type no longer does: without it a
 * local named only there is an unused variable in the output (-Wunused-variable). */
char *lw_moved_decl_uses(lw *L, node *d);

/* lower_types.c */
/* The temporary the plan gave node n (plan_walk.c) as an lvalue: its frame member, or in the twin
 * of a function that never suspends a C local declared here. */
char *lw_temp(lw *L, const node *n);

/* lower_emit.c: whether declaration decl is declared `unused` or `maybe_unused`; `used`. */
int lw_marked_unused(const tunit *t, const node *decl);
int lw_marked_used(const tunit *t, const node *decl);

/* lower_witness.c: declarations the compiler never emits code for, written under #line at the
 * user's async definition, so that the compiler warns about them as about the source:
 * -Wunused-parameter of a parameter the body never names, -Wold-style-definition and
 * -Wstrict-prototypes of a definition without a prototype. lw_param_witnessed: whether v is such
 * a parameter (the twin of a function that never suspends marks it unused: the witness warns). */
void lw_emit_witnesses(lw *L, sb *out);
int lw_param_witnessed(const lw *L, const var *v);

/* lower_expr.c */
char *lw_emit_text(lw *L, node *n);
char *lw_emit_cond(lw *L, node *n);
char *lw_emit_kids(lw *L, node *n);
char *lw_call_args(lw *L, node *call);
char *lw_emit_range(lw *L, node *n, unsigned a, unsigned b);
void lw_hoist(lw *L, node *n);

/* lower_exits.c */
/* The file-scope array that __func__ of async function f names in its generated code (declared
 * before the code when f mentions __func__, __FUNCTION__ or __PRETTY_FUNCTION__), or "". */
char *lw_func_name_decl(const tunit *t, const afn *f);
/* For n a use of __func__, __FUNCTION__ or __PRETTY_FUNCTION__ in async function f, the array of
 * f's name that lw_func_name_decl declares for it at file scope; else NULL. */
char *lw_func_name_use(const tunit *t, const afn *f, const node *n);
/* The argument of v's cleanup function where it runs: v's address (a VLA's storage as it is). */
char *lw_cleanup_arg(lw *L, var *v);
char *lw_cleanups(lw *L, unsigned at, int (*leaves)(const var *, const void *), const void *arg);
/* The cleanup calls a break, continue or goto j runs on its way to where it lands ("" if none). */
char *lw_jump_cleanups(lw *L, node *j);
char *lw_return_text(lw *L, node *r);

/* lower_await.c */
char *lw_child_drop(const child *ch);
void lw_gen_await(lw *L, node *aw);
void lw_gen_combinator(lw *L, node *aw, node *comb);

/* lower_stmt.c */
void lw_block_end_cleanups(lw *L, node *scope);
void lw_gen_block(lw *L, node *b);
void lw_gen_stmt(lw *L, node *s);
int lw_async_prototypes_only(lw *L, const node *d);

/* lower_locals.c */
void lw_place_locals(lw *L);
char *lw_spills(lw *L, const node *aw);
char *lw_reloads(lw *L, const node *aw);
char *lw_debug_frame(lw *L, char **outside);
int lw_frame_promised(lw *L);
const char *lw_done_state(lw *L);
void lw_param_locals(lw *L);
/* The lvalue that reads and writes frame local v of async function fn (as_const: seen const). */
char *lw_field_lvalue(const char *fn, const var *v, int as_const);
/* The typedefs those lvalues name, written after f's frame struct. */
char *lw_alias_typedefs(const afn *f);
void lw_debug_name(lw *L, const var *v);


/* lower_vm.c */
/* A DeclStmt of typedefs of which one has a run-time size: their sizes are captured and their
 * uses take their types (returns 1); 0 for other declarations. */
int lw_vm_typedefs(lw *L, node *d);
/* Frame local v of variably modified type, declared by d: sizes captured, field, initializer. */
void lw_vm_local(lw *L, node *d, var *v, node *init);
/* The awaits in the sizes of stack local k of variably modified type, before its declaration. */
void lw_vm_hoist_sizes(lw *L, node *k);
/* The declaration text of stack local k of variably modified type, one of several of d. */
char *lw_vm_stack_decl(lw *L, node *d, node *k);
/* The body's first statements: the sizes of array parameters evaluated, those of variably
 * modified parameter types captured. */
void lw_vm_params(lw *L);
/* &v for frame variable v, of its own type (a cleanup's argument). */
char *lw_frame_address(lw *L, var *v);
/* A use of a frame variable of variably modified type (or NULL): the field seen as its type. */
char *lw_vm_use(lw *L, node *ref);
/* A TypeRef to a typedef of run-time size lowered here: the type it stands for, or NULL. */
const char *lw_vm_typedef(lw *L, node *n);

#endif
