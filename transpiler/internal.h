/* internal.h: the transpiler's shared data: the syntax tree of the functions being rewritten,
 * their variables and await sites, and the translation unit they come from. */
#ifndef ASYNCC_INTERNAL_H
#define ASYNCC_INTERNAL_H

#include "clang_api.h"

#include "buf.h"
#include "names.h"
#include "tokens.h"

typedef enum marker {
    MK_NONE,
    MK_AWAIT,
    MK_SPAWN,
    MK_SPAWN_LOCAL,
    MK_BLOCK_ON,
    MK_JOIN,
    MK_TRY_JOIN,
    MK_SELECT,
    MK_TIMEOUT
} marker;

typedef struct node node;
typedef struct var var;
typedef struct afn afn;
typedef struct callee callee;
typedef struct site site;
typedef struct tunit tunit;

/* [lo, hi) of the preprocessed text. */
typedef struct span {
    unsigned lo, hi;
} span;

/* One cursor of a rewritten function, with its extent in the preprocessed text. */
struct node {
    enum CXCursorKind kind;
    unsigned xstart, xend; /* [start, end) in tunit.text: read them with nstart and nend */
    unsigned has_extent : 1;
    unsigned has_loc : 1; /* loc holds the offset of its location (tree.c) */
    node *parent;
    node **kids;
    unsigned nkids;
    unsigned loc;
    CXCursor cur;
    marker mk;    /* set on the ParenExpr that an await or combinator expands to */
    node **ops;   /* the marker's operands, parentheses removed */
    unsigned nops;
    unsigned has_await : 1; /* the subtree holds an await marker */
    unsigned asm_goto : 1;  /* an `asm goto`: it may jump to any label of the function */
    var *var;        /* VarDecl/ParmDecl: its variable; DeclRefExpr: the local it names */
    callee *fn;      /* CallExpr of an async function: the callee */
    const char *repl; /* replacement text decided by analysis or the lowering */
    char *call_name;  /* CallExpr: the cursor's spelling, once asked for (an_call_name) */
    CXCursor *ref;    /* DeclRefExpr, CallExpr: what it references, once asked for (an_referenced) */
    unsigned frame_literal : 1; /* a compound literal whose storage must outlive an await */
    unsigned static_const : 1; /* DeclStmt of const locals of constant value, declared static (constants.c) */
    unsigned direct : 1; /* an await of a function that never suspends: a direct call of its twin */
    unsigned elvis : 1;  /* GNU `a ?: b`: kids a (evaluated once) and b (an_scan drops a's repeats) */
    unsigned vla_sizeof : 1, vla_sizeof_known : 1; /* sizeof of a VLA type name (awaits.c) */
    unsigned fair : 1; /* MK_SELECT of ac_select_fair: its children polled from a random one on */
    unsigned has_binop : 1; /* binop holds the operator of a binary operator (an_binop) */
    unsigned folded : 2;    /* dead_arms.c: 0 not asked yet, 1 no constant, 2 zero, 3 nonzero */
    unsigned array_known : 1, array : 1; /* sharing.c: whether its type is an array */
    char binop[4];
};

/* A parameter or local of a rewritten function. */
struct var {
    node *decl;
    node *scope; /* the block (or for statement) it is declared in */
    char *name;
    char *field; /* its unique name as a frame field */
    char *type;  /* type as clang spells it */
    char *cleanup; /* __attribute__((cleanup(fn))): fn, run on scope exit and on cancellation */
    node **refs;   /* every DeclRefExpr naming it */
    unsigned nrefs;
    unsigned addr_taken : 1; /* &x (or x.m, x[i] under &): a pointer may outlive any await */
    unsigned in_frame : 1, is_param : 1, is_static : 1;
    unsigned in_param_size : 1; /* named in an array parameter's size (`int n, int a[n]`): a use, as
                                   in C, though not among refs, which are the body's */
    unsigned as_local : 1; /* in the frame only while suspended: a C local of its name (lower_locals.c) */
    unsigned early_await : 1; /* lives across an await before its declaration (a goto back over it) */
    unsigned self_init : 1;   /* named in its own initializer, which awaits: code hoisted out of the
                                 initializer runs before the declaration, and reaches it in its field */
    unsigned set_once : 1; /* as_local, never assigned: its field is written once, where it is declared */
    /* what lower_locals.c's debug_copied asks of its type, asked once (types_known) */
    unsigned types_known : 1, reg : 1, reg_unassignable : 1, unsized : 1, by_value : 1;
    unsigned hidden_known : 1, hidden : 1; /* lower_locals.c's hidden_somewhere, asked once */
    unsigned debug_copy : 1; /* copied to the frame's ac__dbg at suspensions in -O0 builds (lower_locals.c) */
    unsigned no_debug_copy : 1; /* none: past the function's budget of debug copies (lower_locals.c) */
    unsigned is_const : 1; /* declared with a top-level const */
    unsigned heap_vm : 1;  /* an array of variably modified type in the frame: its storage is allocated
                              when its declaration runs and freed as a cleanup (lower_vm.c) */
    unsigned long long align; /* the alignment its declaration asks for (_Alignas, aligned), or 0 */
};

/* An async function this file defines or calls. */
struct callee {
    char *name;
    unsigned is_static : 1, defined_here : 1, forward_declared : 1, variadic : 1;
    unsigned unknown_params : 1; /* declared without a prototype (`int f();`), defined elsewhere */
    unsigned kr_params : 1;      /* no prototype: the parameters are those of a K&R definition */
    unsigned kr_written : 1;     /* its definition declares its parameters K&R style */
    /* Defined earlier in this file and completes in its first poll, whatever its arguments: its
     * body is a plain C function, ac__now_<name>, that same-file awaits call directly. */
    unsigned never_suspends : 1;
    /* Declared noreturn: asyncc drops the attribute (its future returns while pending), and
     * the code after an await of it is marked unreachable instead, as the call was. */
    unsigned noreturn : 1;
    /* Its body, in this file, assigns errno (li_errno_setters): an await of it may leave errno
     * set on the thread that resumes the caller. */
    unsigned sets_errno : 1;
    afn *def;         /* the definition, when in this file */
    unsigned def_start; /* its offset in the text (embedding needs it defined before use) */
    char *ret_type;   /* spelling; NULL for void */
    /* `struct config;` when its result type is the first mention of that tag (`struct config
     * *Configlist_add(void);` before any `struct config`), or the tag's definition when the
     * result type defines it (`struct pt { int x, y; } mk(void);`): C declared the tag at the
     * scope of the declaration there, and the ABI declarations that replace it must too, or a
     * later `struct config *` parameter would be a new type of prototype scope. NULL otherwise. */
    char *ret_tag;
    char **param_types;
    unsigned nparams;
    /* kr_params: per parameter, whether it is a pointer. A call without a prototype converts
     * nothing and C checks nothing, so generated calls cast such arguments to the parameter's
     * type (a `long long *` passed for `unsigned long long *p` must not warn). */
    unsigned char *ptr_params;
    /* The attributes of its declarations that shape its body's code (fn_attrs.c), as written:
     * `target("avx2")` */
    char **code_attrs;
    unsigned ncode_attrs;
    char *code_attr_text;
    /* Those about how its calls are compiled (`noinline`, `noipa`, `noclone`): they follow its
     * body's outermost function, which its awaits call (ac__now_f, ac__run_f), not the body */
    char **call_attrs;
    unsigned ncall_attrs;
    char *call_attr_text;
    /* Those about its parameters (`nonnull(1)`): they follow the functions that take them */
    char **param_attrs;
    unsigned nparam_attrs;
};

/* One future a site awaits: a call of an async function, with where its result goes. */
typedef struct child {
    callee *fn;
    node *call;
    node *target; /* `target = f(x)` in a combinator: receives the result; else NULL */
    char *field;  /* frame field holding the child frame (or a pointer to it) */
    unsigned embedded : 1; /* child frame inside ours, of its known struct type */
    unsigned bounded : 1;  /* child frame inside ours, in bytes a header promised (ac__frame_size_f) */
} child;

/* An await point: one state of the state machine. A plain await has one child; ac_join,
 * ac_try_join, ac_select and ac_timeout poll several in the same state. Planned by plan.c. */
struct site {
    unsigned index; /* state number, 1-based */
    node *await;
    marker kind; /* MK_AWAIT, or the combinator */
    const char *what; /* the callee or combinator, for await-site tables */
    unsigned line;
    child *kids;
    unsigned nkids;
    char *mask; /* combinators: frame field with one bit per finished child */
};

/* A function that the transpiler rewrites: async, or plain code using spawn/block_on. */
struct afn {
    node *root; /* FunctionDecl */
    node *body; /* CompoundStmt */
    callee *self; /* NULL for a plain function */
    char *name;
    unsigned line, end_line; /* presumed lines of the definition in the input */
    var **vars;
    unsigned nvars;
    site **sites;
    unsigned nsites;
    unsigned has_labels : 1;
    span *backs; /* where control can go back from anywhere in [lo, hi) to lo (jumps.c) */
    unsigned nbacks;
    unsigned is_main : 1;
    unsigned unnamed_local_type : 1; /* declares a struct, union or enum without a tag */
    node **direct; /* awaits lowered to direct calls (for --emit=frames) */
    unsigned ndirect;
    node **param_sizes; /* size expressions of array parameters, evaluated on entry */
    unsigned nparam_sizes;
    char **moved_decls; /* local typedefs and tags moved to file scope (lower_moved.c), */
    unsigned nmoved;
    CXCursor *renamed;   /* those moved under a new name (file scope has theirs): declarations, */
    char **renamed_to;   /* and their new names; */
    unsigned nrenamed;
    char **anon_from, **anon_to; /* unnamed ones that got a name: lw_unnamed_key -> "struct N" */
    unsigned nanon;
    struct region *frame; /* the frame's members, decided by the plan (plan.h) */
    struct pl_slot *slots; /* the plan's temporaries, keyed by node (plan.h: pl_slot_of) */
    unsigned nslots;
    ptrmap slot_at; /* a slot's node + its role -> 1 + its index in slots */
    /* Frame locals with a cleanup by scope, built when lowering first asks (lower_stmt.c):
     * scope -> 1 + the index in vars of its last one; each one's predecessor in its scope. */
    ptrmap cleanups_in;
    unsigned *cleanup_prev;
    callee **needs; /* the async functions whose ABI its code uses, itself first (plan.c) */
    unsigned nneeds;
};

/* An initializer clang drops, [start, end) in tunit.text, as a later one at offset by overrides
 * it; implicit: the list made up for a designator's subobject (overrides.c). */
/* The layout pragmas in effect from offset `at` of tunit.text on (pragmas.c): `#pragma pack`'s value
 * as written (`2`; "" for the default), and gcc's `#pragma scalar_storage_order` as future.h's
 * AC__SSO_ macros name it ("default", "big_endian", "little_endian"). */
typedef struct pg_layout {
    unsigned at;
    const char *pack, *order;
} pg_layout;

typedef struct ov_range {
    unsigned start, end, by;
    int implicit;
} ov_range;

struct tunit {
    const char *input;   /* the path the user gave */
    char *orig;          /* the input file as it is on disk */
    size_t orig_len;
    char *text;          /* the preprocessed text that libclang parsed */
    unsigned text_len;
    tk_stream toks;      /* its tokens: every question about the text is asked of them */
    unsigned char names_types_compatible; /* __builtin_types_compatible_p is in the text: 2, or
                                           * not: 1 (0 until awaits.c asks) */
    CXTranslationUnit tu;
    CXFile ifile;        /* the preprocessed text as libclang knows it */
    CXTranslationUnit tu2; /* a large file is parsed in two halves (parse.c): tu has the bodies */
    CXFile ifile2;         /* of the functions before offset split, tu2 those after */
    unsigned split;
    int two_threads;       /* the passes after analysis ran on two threads, one a half (halves.c) */
    int lines;           /* emit #line directives (off for --emit=c, which is for reading); 2: and
                          * attribute generated code to the async function's line in the input */
    const char *output;  /* the name #line gives the generated code that is not the user's */
    const char *clang;   /* the preprocessor, and the user's flags for it (output.c runs it */
    const char *const *pp_flags; /* again when __COUNTER__ is used) */
    int npp_flags;
    callee **callees;
    unsigned ncallees;
    names callee_names; /* every function name looked up: its callee, or NULL when not async */
    pg_layout *layouts; /* where the text's #pragma lines change how structs are laid out, in order */
    unsigned nlayouts;
    ov_range *overrides; /* initializers a later designator overrides in full (overrides.c) */
    unsigned noverrides;
    struct callee_slot *callee_slots; /* the same by declaration cursor (callees.c), asked first */
    unsigned ncallee_slots, callee_slots_cap;
    names async_names;  /* of the async functions declared so far, in the file or its headers */
    afn **fns;
    unsigned nfns;
    names self_macros; /* macros whose expansion names them again (pp_take_defines) */
    names frame_bounds; /* functions with an ac__frame_size_<name> constant in scope: its value */
    names scope_names; /* file-scope tags ("tag x"), typedefs and enum constants, and local
                        * types already moved to file scope: what a moved local type must not be */
    node **protos; /* async prototypes in the input file, replaced by ABI declarations */
    unsigned nprotos;
    int errors;
    unsigned *line_start;  /* each line of text: its offset, */
    unsigned *line_number; /* the user's line number there (after the input's own #line), */
    unsigned *line_input;  /* its line in the input file as it is on disk, 0 in a header, */
    const char **line_file; /* the file name the user's line number is of (one pointer per name:
                             * names[] of the map), */
    const char **line_names;
    unsigned nline_names;
    unsigned char *line_here; /* and whether it is in the input file (see dg_line_at) */
    unsigned nlines;
    tk_stream orig_toks;       /* the input file's own tokens, */
    unsigned *orig_line_start; /* and its lines, for diagnostics (see diag.c: user_position) */
    unsigned orig_nlines;
    struct pi_job *identity; /* pp_identity.c's comparison, NULL when none runs */
    struct lw_fn_decls *fn_decls[2]; /* lower_witness.c: the file-scope function declarations
                                      * of tu and of tu2, each built by the thread lowering it */
};

/* A line marking where generated code stops mirroring the user's lines (see output.c). */
#define ASYNCC_SELF_LINE "#line asyncc-self"

/* diag.c */
/* Diagnostics are held back (in memory) from dg_hold to dg_release, which prints or drops them. */
void dg_hold(void);
void dg_release(int print);
/* Stops holding this thread's diagnostics and returns them unprinted (caller frees), or NULL
 * when there were none. */
char *dg_take_held(void);
void dg_error(tunit *t, CXSourceLocation loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void dg_error_node(tunit *t, const node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* dg_diag_node's diagnostic at a line and column of a file as the user knows it (not a place in
 * the parsed text). */
void dg_diag_at(tunit *t, const char *file, unsigned line, unsigned col, const char *kind, const char *flag,
                const char *fmt, ...) __attribute__((format(printf, 7, 8)));
char *dg_user_word(tunit *t, CXSourceLocation loc);
/* The user's file (to free), line and column of a location in the preprocessed text, as
 * diagnostics report it. */
void dg_user_location(tunit *t, CXSourceLocation loc, char **file, unsigned *line, unsigned *col);
/* A diagnostic of any kind ("error", "warning") at n, with its -W flag when not NULL. */
void dg_diag_node(tunit *t, const node *n, const char *kind, const char *flag, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A rejection the checking pass (check.c) should have raised reached the code generation: the
 * two disagree, which is asyncc's bug, not a limit of the user's code (the guide's table of
 * refusals does not list it; check_limits.py knows this function). Reported at n, as an error,
 * so that no code is written. what names the construct. */
void dg_unchecked(tunit *t, const node *n, const char *what);
void dg_presumed(CXSourceLocation loc, char **file, unsigned *line, unsigned *col);
int dg_report_clang(tunit *t);
/* The presumed line of offset off in the preprocessed text, and whether the input file itself
 * (not a header) is there, as line markers say: clang_getPresumedLocation's answers, faster. */
unsigned dg_line_at(tunit *t, unsigned off);
int dg_in_input(tunit *t, unsigned off);
/* Where the input has #line directives of its own (yacc and bison output), the line and file
 * names they give differ from the input file's own lines: dg_file_at is the name of offset off's
 * line (the input's path without #line), dg_input_line_at its line in the input file as it is
 * on disk (0 in a header), and dg_user_line the user's line and file of input line input_line,
 * off's or one after it with no #line between. */
const char *dg_file_at(tunit *t, unsigned off);
unsigned dg_input_line_at(tunit *t, unsigned off);
unsigned dg_user_line(tunit *t, unsigned off, unsigned input_line, const char **file);
/* A function's code may come from other files than the one it starts in: an #include inside
 * its body, the input's own #line. dg_line_key is off's line as dg_line_at gives it when off's
 * file is `home` (a pointer dg_file_at gave), else with the file in its top bits; keys of one
 * file count up as lines do; dg_key_of is the key of a line of file (a dg_file_at pointer).
 * dg_key_line and dg_key_file take a key apart (file: home when the key has none). */
unsigned dg_line_key(tunit *t, unsigned off, const char *home);
unsigned dg_key_of(const tunit *t, const char *file, unsigned line, const char *home);
unsigned dg_key_line(unsigned key);
const char *dg_key_file(const tunit *t, unsigned key, const char *home);
/* The offset in the input file on disk where its line `line` (from 1) starts, or its length. */
unsigned dg_orig_line_start(tunit *t, unsigned line);
/* Drops the map of the preprocessed text's lines (dg_line_at, dg_input_line_at...), built anew
 * on next use: for a change of the text that keeps its line markers and line count. */
void dg_forget_lines(tunit *t);
/* How many lines the input file has. */
unsigned dg_orig_nlines(tunit *t);
/* The name the input's own lines have before any #line of its own (the first line marker's). */
const char *dg_input_name(tunit *t);
/* relines.c: puts the tokens of a macro invocation that spans lines back on their lines (and
 * lexes the text again into t->toks when it moved any). */
void rl_relines(tunit *t);
/* stringified.c: string literals made by `#` of an await or a combinator say its plain form, as a
 * compiler's preprocessor writes it (`"(f())"`, not `"(__asyncc_await, (f()))"`); lexes again. */
void pp_plain_stringified(tunit *t);
/* indent.c: gives the output's lines of the user's code their leading whitespace back. */
void indent_restore(tunit *t, char *out);
/* The file name of a line marker at p (`# 12 "name" 2`, the line ending at end), unescaped as
 * clang does, with its line and whether it enters (1) or leaves (2) an included file, and, when
 * system is not NULL, whether the file is a system header (flag 3); NULL when the line is not a
 * marker. */
char *dg_marker_file(const char *p, const char *end, unsigned *line, int *flag, int *system);
char *cx_take(CXString s);

/* pp.c */
/* Runs clang -E -C over input with flags. how: PP_DEFINES, the output also has each macro's
 * #define and #undef where it happens (-dD), for pp_take_defines; PP_QUIET, its diagnostics are
 * not shown. */
enum { PP_DEFINES = 1, PP_QUIET = 2 };
int pp_start(const char *clang, const char *const *flags, int nflags, const char *input, int how, int *pid,
             int *fd);
int pp_finish(int pid, int fd, char **out, unsigned *len);
/* The main input's preprocessed text, as pp_finish_lexed reads it. */
typedef struct pp_text {
    char *text;    /* with its #define and #undef lines taken (pp_take_defines), */
    unsigned len;
    tk_stream toks; /* lexed, */
    char *raw;     /* and as the preprocessor wrote it (pp_identity.c reads its #defines) */
    int mentions;  /* pp_mentions_async of the raw text */
} pp_text;
/* pp_finish for the main input: takes each piece of the text as it comes, while this thread
 * would only wait for the preprocessor (its #defines into defines, its tokens). Returns 0, or -1
 * as pp_finish does. */
int pp_finish_lexed(int pid, int fd, pp_text *p, names *defines);
/* Whether anything in the preprocessed text is asyncc's: an async declaration, an await or a
 * combinator (their markers), in the file or in what it includes. */
int pp_mentions_async(const char *text, size_t len);
/* pp_overlay.c: when the input has comments that clang -E -C would take for tokens (between a
 * macro's name and its `(`, before a directive on its line), a copy of it with those blanked and
 * a VFS overlay that gives clang the copy under the input's name; the preprocessor's flags then
 * add `-ivfsoverlay yaml`. pp_overlay_make returns 0 (o->on when it wrote them) or -1 after
 * saying why; pp_overlay_remove removes them. */
typedef struct pp_overlay {
    char *copy, *yaml; /* their paths, under $TMPDIR or /tmp */
    int on;
} pp_overlay;
int pp_overlay_make(pp_overlay *o, const tk_stream *orig, const char *input);
/* 0 when no comment of text can need the overlay (pp_overlay_make would not make one). */
int pp_overlay_maybe(const char *text, size_t len);
void pp_overlay_remove(pp_overlay *o);
/* Starts argv (argv[0] looked up in PATH) with its standard output to a pipe (and its standard
 * error to /dev/null when quiet): returns 0 with *pid and *fd set (pp_finish reads it), else the
 * errno of the failure. */
int pp_spawn(const char *const *argv, int quiet, int *pid, int *fd);
/* Blanks the #define and #undef lines of text (spaces, the newlines kept: offsets and lines do
 * not change) and puts in out the names of the macros whose replacement names the macro itself
 * and is more than its name (glibc's `#define sa_handler __sigaction_handler.sa_handler`): in
 * generated code, which is already expanded, they would apply a second time. */
void pp_take_defines(char *text, unsigned len, names *out);

/* pp_identity.c */
/* Starts comparing, on a thread of its own, the input's lines as raw has them (the raw
 * preprocessed text, which it takes) with the same preprocessing under the identity of real_cc,
 * the compiler that builds the output (its __GNUC__, __clang__, __VERSION__...). own_include:
 * the directory of asyncc's headers (which test the compiler themselves, as system headers do). */
void pi_start(tunit *t, const char *real_cc, const char *own_include, char *raw);
/* Raises an error in each function of t->fns whose code depends on that identity: it would come
 * out as clang expanded it, which the compiler of the output does not. */
void pi_check(tunit *t);
/* Waits for the comparison if it still runs, and frees it. */
void pi_end(tunit *t);

/* parse.c */
/* Parses t->text as the file `name`: returns 0 with t->tu set, or -1 after printing why. A large
 * file is split in two halves (t->split set): t->tu is the first, and the second is still being
 * parsed on another thread until ps_second waits for it. */
int ps_parse(tunit *t, const char *name, const char *const *args, int nargs);
/* Returns 1 with t->tu2 set (or when the file was not split), 0 when the second half has errors:
 * then ps_whole parses the text as one, and analysis starts again, to report them. */
int ps_second(tunit *t);
int ps_whole(tunit *t);
void ps_dispose(tunit *t);

/* A node's extent in tunit.text, asked of libclang when first needed (most nodes never need it,
 * and it is the dearest thing asked of libclang per node). */
void an_extent(node *n);
/* The tokens of the preprocessed text, which an_extent reads (tree.c). */
void an_extent_tokens(const tk_stream *ts);
/* A CallExpr's spelling (the callee's name), asked of libclang once per node. */
const char *an_call_name(const node *n);
/* clang_getCursorReferenced of n, asked of libclang once per DeclRefExpr or CallExpr node. */
CXCursor an_referenced(const node *n);
static inline unsigned nstart(const node *n)
{
    if (!n->has_extent)
        an_extent((node *)n);
    return n->xstart;
}
static inline unsigned nend(const node *n)
{
    if (!n->has_extent)
        an_extent((node *)n);
    return n->xend;
}

/* analyze.c */
#define AN_RESTART (-1) /* an_analyze: the second half of a split parse has errors; see ps_second */
int an_analyze(tunit *t);
void an_reset(tunit *t);
/* Whether n is a plain assignment, `a = b` (not `a += b`). */
int an_is_assign(const tunit *t, const node *n);
/* Whether n is `++x`, `x++`, `--x` or `x--`. */
int an_is_inc_dec(const tunit *t, const node *n);
/* Whether p, the parent of expression c, designates the object c does (or a part of it) when c
 * is an lvalue, as parentheses do: GNU __extension__, __real__ and __imag__, and an operand a
 * _Generic or __builtin_choose_expr may select (any but the first). `&__imag__ z`,
 * `&_Generic(0, int: x)` take the address of the local; `__extension__ y = 6` writes it. */
int an_same_object(const tunit *t, const node *p, const node *c);
/* Whether evaluating expression n may change something: an assignment, ++ or --, a call, an
 * await, a statement expression, a read of a volatile variable. */
int an_side_effects(const tunit *t, const node *n);
/* Whether n or a node under it is of kind k. */
int an_holds_kind(const node *n, enum CXCursorKind k);
/* Whether label (a label statement of the tree) is the one cursor `referenced` (what a goto's
 * LabelRef references) is. */
int an_is_label(const node *label, CXCursor referenced);
node *an_unparen(node *n);
/* The function a call names directly, also through parentheses (`(f)(x)`, as a macro of the
 * function's own name writes it), or a null cursor for a call through a pointer. */
CXCursor an_call_target(const node *call);
callee *an_sleep_callee(tunit *t);
char *an_scope_name(CXCursor c);
char *an_param_type(CXType ty);
const char *an_promoted(CXType ty);
const char *an_binop(const tunit *t, const node *n);
/* The parts of for statement s, each NULL when absent (tree.c). */
void an_for_parts(const tunit *t, node *s, node **init, node **cond, node **inc, node **body);
/* Whether the value of expression m is thrown away: m is a statement of its own (maybe cast to
 * void), or the last statement of a statement expression whose value is (tree.c). */
int an_value_discarded(const node *m);
/* Declarations in an async function, as check.c and the lowering both see them (tree.c):
 * whether n declares a struct, union, enum or typedef; an unnamed struct, union or enum; a
 * typedef of run-time size (lower_vm.c keeps it in place and captures its sizes);
 * whether DeclStmt n declares local types only, none of run-time size (it moves to file scope
 * as written in a function that suspends, lower_moved.c); whether the lowering takes DeclStmt d
 * apart (it declares a frame local, or awaits and declares several things: its unnamed types
 * move to file scope under a name); whether n names a local variable (a local type that does
 * cannot move). */
int an_is_tag_decl(const node *n);
/* `struct`, `union` or `enum`: the keyword of a tag declaration of cursor kind k */
const char *an_tag_keyword(enum CXCursorKind k);
int an_is_unnamed_tag(const node *n);
int an_is_vm_typedef(const node *n);
int an_types_only(const node *n);
int an_taken_apart(const node *d);
/* Whether local type n names a local variable where its definition cannot move to file scope
 * (lower_moved.c writes sizeof's value and typeof's type instead of the operands that name one). */
int an_refers_to_local(const tunit *t, const node *n);
/* Whether expression n is the whole operand of a typeof, of a type not variably modified: a moved
 * local type says the type instead (`typedef __typeof__(x) T;`, `__typeof__(({ ... }))`). */
int an_typeof_operand(const tunit *t, const node *n);
/* Whether n is a sizeof or _Alignof whose value C knows at compile time (not a variable-length
 * array's), and that value: a local type moved to file scope says it instead of naming a local
 * (`enum { N = sizeof buf };`). */
int an_size_value(const node *n, unsigned long long *value);
/* The initializer of VarDecl v, or NULL (tree.c). */
node *an_var_init(node *v);

/* jumps.c */
/* Finds f's backward jumps (loops, gotos to earlier labels, computed gotos) into f->backs. */
void jp_find(afn *f);
/* Whether control at offset `at` can come back to where it was (a loop or a goto runs it again)
 * without leaving [lo, hi): returns 1 with *out set to the span of the text it can then reach
 * (every offset of it, and none before it), 0 when it can only go on forward. */
int jp_span_at(const afn *f, unsigned lo, unsigned hi, unsigned at, span *out);
/* Every jump of f that lands at a label: a goto (one to each label when its target cannot be
 * told) and a switch to its case and default labels, as {from, to} offsets; *n of them, to free. */
span *jp_entries(const afn *f, unsigned *n);
/* What goes on being evaluated after await aw resumes: the whole expression (or declaration)
 * of the statement holding it (hoisting evaluates the rest of it after the await, and a
 * combinator's targets when each future finishes), and when that is inside a statement
 * expression, what holds that statement expression in turn. Not the statement's block: the
 * statements after it come after it in the text anyway. */
const node *jp_resumed_stmt(const node *aw);

/* dead_arms.c */
/* Whether n is a condition clang's CFG tests for a constant (of an if, while, do or for, a ?: or
 * an operand of && or ||: where only its truth matters) and clang folds it to an integer: 1 with
 * *nonzero set. */
/* `__attribute__((...)) ` of the attributes c's body needs wherever asyncc writes it, or "". */
const char *fa_text(callee *c);
/* `__attribute__((noinline)) ` and the like for the function that c's awaits call, or "". */
const char *fa_call_text(callee *c);
/* `__attribute__((nonnull(...))) ` of c's parameter attributes for a function that takes them
 * after shift other parameters (ac__args_f: 1, the frame), or ""; the caller frees it. */
char *fa_param_text(callee *c, unsigned shift);
/* The start of the declaration whose cursor's extent starts at start, with the C2x attribute
 * specifiers before it (fn_attrs.c). */
unsigned fa_decl_start(tunit *t, unsigned start);
/* The tokens of declaration d from its first (fa_decl_start) to offset *end, when d is in the
 * preprocessed text (an input or header declaration): 1, else 0. */
int fa_decl_span(tunit *t, CXCursor d, unsigned *first, unsigned *end);
int da_folded_condition(const tunit *t, const node *n, int *nonzero);
/* Whether n is `a == b` or `a != b` that clang folds to a constant (`&local == 0`, `&local !=
 * &global`): 1 with *nonzero set. */
int da_folded_comparison(const tunit *t, const node *n, int *nonzero);
/* Whether await aw never runs as clang's CFG sees it: in an `if` arm its constant condition never
 * takes, or after a statement of its block that never ends (break, return, `if (1) continue;`),
 * with no goto, case or default entering there: the dispatch then keeps its resume label
 * unreachable. */
int da_dead_await(const tunit *t, const node *aw);

/* sharing.c */
/* Whether frame local v may share its field's bytes with another local of its block whose use
 * span does not overlap its own: then *out is v's, from its declaration to where its value (or
 * a pointer into it) may last be used, over the loops around either end. */
int sh_use_span(const tunit *t, const afn *f, const var *v, span *out);
/* For debuggers, the last members of f's frame struct: for each await at which a local that shares
 * bytes holds no value that matters (outside its use span), a member of size zero
 * `ac__dead_<state>_<field>`; the gdb extension says <optimized out> for it there when the share is
 * a union; and for each such local `ac__span_<line>_<field>`, the last line of its use span (print
 * NAME says <optimized out> past it). "" when there are none; the caller frees it. */
char *sh_dead_markers(tunit *t, const afn *f);

/* align.c */
/* The alignment an AlignedAttr node asks for: returns 0 with *align set, or -1 when its argument
 * is not a constant asyncc can evaluate (integers, + - * / <<, sizeof and _Alignof of a type,
 * builtin types, typedefs and tags declared at file scope). Bare `aligned` is 16. */
int al_alignment(tunit *t, const node *attr, unsigned long long *align);

/* lower_vm.c */
/* Whether expression kid e of declarator k is an array size `[e]` (maybe `[static e]`); whether
 * it is one whose value is known only at run time, which the frame captures when the declaration
 * runs; whether size expression e of an array parameter is one of the sizes of its type as a
 * pointer (`int m[r][c]`: c) that the frame captures on entry. */
int vm_array_size(const tunit *t, node *k, node *e);
int vm_size_captured(const tunit *t, node *k, node *e);
int vm_param_size_captured(const tunit *t, node *e);
/* Whether ty is variably modified: a variable-length array, or derived from one (a pointer to
 * it, an array of such pointers); for a parameter, its type as C adjusts it. */
int vm_type(CXType ty);
int vm_param_type(CXType ty);
/* Whether ty, through typedefs and typeof, is an array type: ty_array any (variable length
 * too), ty_fixed_array one of a constant or an unknown size. */
int ty_array(CXType ty);
int ty_fixed_array(CXType ty);
/* Whether parameter p is of array type but its name is not followed by the `[` its type as a
 * pointer is written from (`int (m)[r][c]`): asyncc cannot read its declarator. */
int vm_param_unreadable(const tunit *t, const node *p);
/* Where declarator k of declaration d starts in the text (its `*`s and parentheses before its
 * name), and where d's specifiers, which its declarators share, end. */
unsigned vm_declarator_start(const tunit *t, const node *k);
unsigned vm_specifiers_end(const tunit *t, const node *d);

/* lower_*.c (lower.h has what they share) */
/* f's code in two parts (lower_emit.c): the ABI declarations it needs that the file has not
 * declared yet (in file order, on one thread), and the rest, its own code. */
void lw_function_decls(tunit *t, afn *f, sb *out);
void lw_function_code(tunit *t, afn *f, sb *out);

/* halves.c */
/* Runs job(t, i, arg) for every function t->fns[i]: in order on this thread, or on two threads
 * when the file was parsed in two halves (each the functions of one half: a job reads and
 * writes what belongs to its function only, and asks libclang about its tree alone). What the
 * jobs report comes out in the order of the functions either way. */
typedef void (*hv_job)(tunit *t, unsigned i, void *arg);
void hv_each(tunit *t, hv_job job, void *arg);
/* ASYNCC_TIMING=1 (main.c): tm_now() is the monotonic clock in ms, tm_note prints a line of
 * what a thread did or waited for on stderr; both do nothing otherwise. */
double tm_now(void);
void tm_note(const char *what, double ms);
char *lw_abi_decls(tunit *t, callee *c);
char *lw_field_decl(const char *type, const char *name);
/* `dst = src` as an expression for an object of type ty (not an array), src an initializer list
 * when init_list: a copy through an initialized temporary when ty has a const member inside. */
char *lw_assign(const char *dst, const char *src, CXType ty, int init_list);
char *lw_init(const char *dst, const char *src, CXType ty, int init_list);
/* Whether an object of type ty can be assigned as a whole (no array, nothing const inside). */
int lw_assignable(CXType ty);

/* lower_types.c: how generated code spells types, which check.c asks too (it refuses the types
 * that have no spelling before any code is generated). */
/* Type ty as generated code writes it: clang's spelling, or the canonical one where that repeats
 * an expression (typeof, an await marker); for a frame field (for_field), without a top-level
 * const, which would forbid the assignments that replace initializers. */
char *lw_spell_type(CXType ty, int for_field);
/* What identifies an unnamed struct, union or enum type ty in spellings: " at f.c:3:5". */
char *lw_unnamed_key(CXType ty);
/* Spelling s (taken) with each unnamed type whose key (lw_unnamed_key) is keys[i] written as
 * to[i], e.g. "struct ac__anon_f_1" (as some name when to is NULL). */
char *lw_name_unnamed(char *s, char *const *keys, char *const *to, unsigned n);
/* Whether spelling s still has an unnamed type in it, which C cannot write. */
int lw_unspellable(const char *s);
/* clang's spelling of ty, unless it is written with typeof (then the canonical type's). */
char *lw_type_spelling(CXType ty);
/* The type of a parameter's frame field: as C adjusts it, and without a top-level const. */
char *lw_param_field_type(CXType ty);
/* The type of a temporary holding the value of expression n of f (a ?:, GNU ?: operand, statement
 * expression, a typeof's operand) when that value comes from a bit-field, which gcc types by its
 * width and clang as declared, or from a local or member whose type is built on one: a
 * __typeof__ that each compiler answers as for the source. NULL for any other expression (its
 * clang spelling is right). */
char *lw_bit_field_value_type(const tunit *t, const afn *f, const node *n);
/* The spelling of ty, a type without a name defined for a member of a struct or union (an
 * enum's integer type; `__typeof__(((struct s *)0)->m)`), or NULL; the local types without a
 * name whose keys are keys[i] are spelled as to[i] (lw_name_unnamed). */
char *lw_unnamed_member_type(const afn *f, CXType ty, char *const *keys, char *const *to, unsigned nkeys);
/* The type of local decl of f as generated code spells it (a frame field's when for_field), with
 * its moved local types under their names at file scope. */
char *lw_local_type(tunit *t, const afn *f, node *decl, int for_field);

/* lower_moved.c: the local types of f that move to file scope (f->moved_decls, f->renamed,
 * f->anon_from), decided by the plan; lw_rename_types: spelling s (owned) of type ty, with the
 * local types that moved under a new name renamed. */
void lw_collect_moved(tunit *t, afn *f);
char *lw_rename_types(const afn *f, CXType ty, char *s);

/* debug_names.c */
/* The assembler name for the function that runs c's body (c's own name, for gdb's `break c`),
 * or NULL when it cannot have one. */
const char *dn_body_symbol(tunit *t, const callee *c);
/* The one pass over the text that dn_body_symbol's answers come from, done at its first call or
 * before, when two threads are about to ask (halves.c). */
void dn_prepare(tunit *t);
/* Generated code that gdb shows at the async function's line in the input (tunit.lines == 2)
 * follows this line, up to the next #line; dn_source_lines puts the #line before each line. */
#define DN_GENERATED "#line asyncc-generated\n"
void dn_source_lines(sb *out, size_t from, unsigned line, const char *file);

/* output.c */
char *out_compose(tunit *t);

/* pragmas.c */
/* Whether token i of s is a #pragma that annotates the loop after it (`GCC unroll`, `clang loop`,
 * `omp`...): one that cannot stand before a block. */
int pg_loop_pragma(const tk_stream *s, unsigned i);
/* "simd" or "variant" when directive token i of s is `#pragma omp declare simd` or `declare
 * variant` (which ask for clones of the function declared after them), else NULL. */
const char *pg_clone_pragma(const tk_stream *s, unsigned i);
/* The `#pragma GCC diagnostic` (and clang's) lines of t's text in [from, to) that are in effect
 * at `to` (those a pop undid left out; push and pop too), one a line; NULL when none. */
char *pg_diagnostics_between(const tunit *t, unsigned from, unsigned to);
/* Finds where the #pragma lines of t's text change how structs are laid out (t->layouts), as gcc
 * and clang do, pack's stack included: done once, before the text is lowered. */
void pg_scan_layouts(tunit *t);
/* The layout pragmas in effect at offset off of t's text. */
pg_layout pg_layout_at(const tunit *t, unsigned off);
/* The _Pragma operators (each followed by a blank) that take the layout pragmas from `from` to
 * `to` (push: 1), or back again (push: 0); "" when they are the same. The caller frees. */
char *pg_layout_change(pg_layout from, pg_layout to, int push);

/* branches.c */
/* Emits the table ac__kids_<f> (see ac_future_type.kids). */
void br_emit(const afn *f, sb *out);

/* falloff.c */
/* Notes a compiler flag that says whether -Wreturn-type is on (-Wall, -Wreturn-type, -w...). */
void fo_option(const char *a);
/* Warns, as the flags and real_cc (the compiler of the output) ask, where control reaches the end
 * of a non-void async function: clang's -Wreturn-type of the source, which the output loses. */
void fo_report(tunit *t, const char *real_cc);

/* lint.c */
enum { LI_BLOCKING, LI_LOCK, LI_DROPPED, LI_JOIN_TYPE, LI_THREAD_LOCAL, LI_COMPILER, LI_COUNT };
/* Takes the -W flags of the lints (-Wasync-blocking, -Wno-async-blocking, -Werror=..., -Wasync,
 * -Wno-async) and returns 1; notes -Werror and -w and returns 0 (they go on to the preprocessor);
 * returns 0 for anything else. */
int li_option(const char *a);
/* Warns about function f's async mistakes, at the user's lines (errors, with -Werror, count in
 * t->errors). */
void li_function(tunit *t, afn *f);
/* Whether lint is on (not -Wno-..., not -w); a warning of lint at n, or an error under -Werror. */
int li_enabled(int lint);
/* What -Werror (a later -Wno-error undoing it) and -w say, as li_option noted them. */
int li_werror(void);
int li_silent(void);
void li_warn(tunit *t, const node *n, int lint, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same at a line and column of a file as the user knows it. */
void li_warn_at(tunit *t, const char *file, unsigned line, unsigned col, int lint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* lint_tls.c: -Wasync-thread-local-across-await in async function f. */
void li_thread_locals(tunit *t, afn *f);
/* lint_errno.c: whether n is errno (`(*__errno_location ())`); whether the future of an await is
 * a call of an async function of this file whose body assigns errno (callee.sets_errno). */
int li_is_errno(const tunit *t, const node *n);
int li_future_sets_errno(const tunit *t, const node *fut);
/* Marks the async functions whose bodies assign errno, before the lints run (on two threads,
 * each on its own functions' trees). */
void li_errno_setters(tunit *t);

/* ccdb.c */
/* The compile command, in db, of the file asyncc generated from the input at abs (a build that
 * transpiles first lists that file, not the user's): the commands with *which set to its index
 * (dispose them), or NULL when no listed file was generated from it. */
CXCompileCommands cc_generated_command(CXCompilationDatabase db, const char *abs, unsigned *which);

/* inspect.c */
char *in_frames(tunit *t);
char *in_dot(tunit *t);

#endif
