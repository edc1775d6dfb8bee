/* analyze.h: what the analysis files share: the tree builder, the async callees, the scan of one
 * function's body (its variables, awaits and compound literals) and the checking pass. */
#ifndef ASYNCC_ANALYZE_H
#define ASYNCC_ANALYZE_H

#include "internal.h"

/* analyze.c */
/* Whether the extent of c holds an await or combinator marker. */
typedef int (*an_ident_match)(const void *ctx, const char *s, unsigned len);
int an_range_has_ident(const tunit *t, unsigned a, unsigned b, an_ident_match match, const void *ctx);
int an_extent_has_ident(const tunit *t, CXCursor c, an_ident_match match, const void *ctx);
int an_is_marker_word(const void *ctx, const char *s, unsigned len);
int an_mentions_marker(const tunit *t, CXCursor c);
/* Builds the trees of the functions of tu2, the second half of a split parse, defined after
 * offset split: on the thread that parsed it, before analysis asks for them (parse.c). */
void an_prebuild(CXTranslationUnit tu2, unsigned split);
/* Whether loc is in the input file itself rather than in a header it includes. */
int an_in_input(tunit *t, CXSourceLocation loc);

/* tree.c */
unsigned an_offset(CXSourceLocation loc);
/* The tree under cursor c (a function or a prototype), in tunit arena memory. */
node *an_build_tree(CXCursor c);
/* Sets paren->mk and paren->ops when paren is the expansion of await or a combinator. */
void an_find_marker(tunit *t, node *paren);

/* callees.c */
/* Whether the declaration c itself is written with `async`; whether any declaration of fn is. */
int an_own_async_attr(CXCursor c);
int an_has_async_attr(CXCursor fn);
/* The async function fn (a FunctionDecl cursor), or NULL when it is not async; remembered by name. */
callee *an_callee_of(tunit *t, CXCursor fn);
/* Adds the attributes of declaration d of c that shape the code of its body (fn_attrs.c). */
void fa_collect(tunit *t, callee *c, CXCursor d);

/* awaits.c: what one walk of a function body finds. */
typedef struct scan {
    tunit *t;
    afn *f;
    node **awaits; /* the awaits that run (not those in sizeof or typeof), in source order */
    unsigned nawaits;
    int in_unevaluated;
    node **literals; /* compound literals that may be pointed to */
    unsigned nliterals;
} scan;
/* Builds f's variables, marks its awaits and their callees, and collects what liveness needs. */
void an_scan(scan *s, node *n);
int an_text_starts(const tunit *t, const node *n, const char *word);
/* Whether n is `__builtin_choose_expr(c, a, b)` (libclang does not expose it). */
int an_is_choose_expr(const tunit *t, const node *n);
node *an_enclosing_scope(node *n);
var *an_var_of(afn *f, CXCursor decl);
unsigned an_is_const_type(CXType ty);
int an_is_array_bound(const tunit *t, const node *e);
int an_calls_builtin(const node *n, const char *name);
/* Whether C leaves kid i of n unevaluated (an await there never runs). */
int an_unevaluated_kid(const tunit *t, const node *n, unsigned i);
int an_names_types_compatible(const tunit *t);

/* overrides.c */
/* Collects clang's notes of initializers a later designator overrides in full (see main.c's
 * parse flags) from tu, whose text is file. */
void ov_collect(tunit *t, CXTranslationUnit tu, CXFile file);
/* Whether expression n is an initializer that C never evaluates: a later one overrides it. */
int ov_dropped(const tunit *t, const node *n);
/* For an await that runs: the override whose dropped list may hold it too (it is after the
 * dropped initializer, before the one overriding it, in a list holding both), or NULL. */
const ov_range *ov_maybe_dropped(const tunit *t, const node *aw);

/* constants.c */
/* Whether DeclStmt d declares only const locals of constant value, which can be declared
 * static where they are instead of living in the frame. */
int an_constant_decl(scan *s, node *d);

/* liveness.c */
/* Decides which locals live in the frame (in_frame, field, cleanup, align) and which compound
 * literals must (frame_literal), once s holds every await that can suspend. */
void an_place_vars(scan *s);
/* The function named by decl's cleanup attribute (malloc'd), or NULL. */
char *an_cleanup_of(const tunit *t, const node *decl);
void an_place_literals(scan *s);

/* check.c: the checking pass. Every rejection of the input is raised here, before any code is
 * generated: ck_tree after the scan of a function, ck_frame once its frame locals are known,
 * ck_declaration for each file-scope declaration, ck_unit once every function is analyzed (on
 * two threads after a split parse, a half each: hv_each). */
void ck_tree(tunit *t, afn *f, node *body);
void ck_frame(tunit *t, afn *f);
void ck_function_decl(tunit *t, afn *f);
void ck_type_declaration(tunit *t, CXCursor c);
void ck_declaration(tunit *t, CXCursor c, int here);
void ck_async_redeclared(tunit *t, CXCursor c);
int ck_names_async_function(const tunit *t, CXCursor c);
void ck_plain_function(tunit *t, CXCursor c);
int ck_async_written(const tunit *t, CXCursor c);
void ck_async_targets(tunit *t, CXCursor c);
void ck_unit(tunit *t);
/* Refuses the variably modified parameters of f whose declarator asyncc cannot read (check.c). */
void ck_params(tunit *t, afn *f);

#endif
