/* plan.h: the plan of each async function, decided once the checks have passed and before any
 * code is generated: its states (one per await that can suspend) numbered in evaluation order,
 * each state's children and where their frames live, the frame's every member (locals,
 * temporaries, child frames, captured sizes) in its tree of regions, the local types that move to
 * file scope, and the async functions whose ABI it needs. Lowering follows it: it never numbers a
 * state, names a temporary or adds a frame member itself. --emit=dot and --emit=frames print it. */
#ifndef ASYNCC_PLAN_H
#define ASYNCC_PLAN_H

#include "internal.h"

/* How inspect.c knows a member's size and alignment without the generated code. */
typedef enum pl_size {
    PS_TYPE,    /* those of `type` */
    PS_POINTER, /* a pointer (or __SIZE_TYPE__) of the target */
    PS_WORD,    /* int or unsigned */
    PS_FRAME,   /* the frame of `child`, embedded */
    PS_BYTES    /* `bytes` bytes aligned to 16 (a child frame whose size a header promised) */
} pl_size;

/* One member of a frame struct. */
typedef struct pl_field {
    char *decl;       /* as the struct declares it: "int ac__t3", "struct ac__frame_g ac__c2" */
    char *name;
    const char *what; /* what it holds, for --emit=frames */
    const var *var;   /* the local or parameter it stores, or NULL */
    pl_size size;
    CXType type;
    const callee *child;
    unsigned long long bytes;
    unsigned long long align; /* what _Alignas or aligned asked for, or 0 */
    char *shown;    /* its type as --emit=frames shows it (a local's as the user wrote it) */
    /* Locals of the block whose use spans do not overlap this one's (sharing.c): they share its
     * bytes, as members of a union with it. */
    struct pl_field **also;
    unsigned nalso;
    span *uses; /* the use spans of it and of those */
    unsigned nuses;
} pl_field;

/* Frame storage is a tree: a block holds its locals beside a union of its statements, and a
 * statement holds its temporaries and child frames beside a union of its sub-statements, so
 * locals of sibling blocks and temporaries of different statements share space. */
typedef struct region {
    pl_field **fields;
    unsigned nfields;
    struct region **subs;
    unsigned nsubs;
} region;

/* What a node needs of the frame: the temporary holding its value, the frame copy of a compound
 * literal, or a captured array size. */
typedef enum pl_role { PR_TEMP, PR_LITERAL, PR_SIZE } pl_role;

typedef struct pl_slot {
    const node *n;
    pl_role role;
    char *name; /* ac__t3, ac__lit4, ac__vs5 */
    char *decl; /* its declaration: a frame member, or in a function that never suspends a C local */
    int local;  /* an await's temporary that is a C local of ac__run_f, not a frame member (plan_walk.c) */
} pl_slot;

/* Plans every function of t (f->sites, f->frame, f->slots, the moved types, f->needs) in two
 * parts: pl_prepare decides for every function, in file order, what depends on the functions
 * before it (the names its local types move to file scope under) and f->needs; then
 * pl_function plans each function on its own (two at once, halves.c). */
void pl_prepare(tunit *t);
void pl_function(tunit *t, afn *f);
/* The planned state of await aw of f (the ParenExpr of its marker), or NULL when it has none
 * (an await in sizeof or typeof, or of a function that never suspends). */
site *pl_site(const afn *f, const node *aw);
/* The slot of n in role r, or NULL when the plan gave it none. */
const pl_slot *pl_slot_of(const afn *f, const node *n, pl_role r);

/* How the code of expression n is made: the plan's walk and lowering's lw_hoist both ask, so that
 * they take the same expressions apart the same way. */
typedef enum pl_hoist {
    PH_NONE,        /* no await inside: its text as written */
    PH_AWAIT,       /* await(f(x)): the awaits of its arguments, then its state */
    PH_COMBINATOR,  /* await(ac_join(...)) and the other combinators: one state, several children */
    PH_TASK,        /* ac_spawn(f(x)), ac_spawn_local, ac_block_on: the awaits of f's arguments */
    PH_STMT_EXPR,   /* ({ ... }): its statements before the use, the last one's value in a temporary */
    PH_LOGIC,       /* a && b, a || b whose b awaits: if/else, the value in a temporary */
    PH_COMMA,       /* a, b with an await: a as a statement of its own, then b */
    PH_CONDITIONAL, /* c ? a : b whose a or b awaits: if/else, the value in a temporary */
    PH_CHOICE,      /* _Generic, __builtin_choose_expr: a switch runs the chosen operand's awaits */
    PH_ELVIS,       /* GNU a ?: b whose b awaits: a in a temporary, b's awaits when it is 0 */
    PH_OPERANDS     /* anything else: the awaits of its operands, in order */
} pl_hoist;
pl_hoist pl_hoist_of(const tunit *t, const node *n);

/* The structure of a frame struct as its members are declared: a region's fields, then its
 * sub-regions, which share bytes when there are several (a union). Lowering writes it as C and
 * inspect.c lays it out from the same calls. open's is_union is 2 for the union of locals of one
 * block that share bytes (sharing.c), 1 for the other unions. */
typedef struct pl_frame_visitor {
    void (*field)(void *arg, const pl_field *f, int depth);
    void (*open)(void *arg, int is_union, int depth);
    void (*close)(void *arg, int depth);
} pl_frame_visitor;
void pl_walk_frame(const region *root, const pl_frame_visitor *v, void *arg);

/* plan_walk.c: the one walk of a function's body in the order its code runs, which numbers the
 * states and lays out the frame. */
void pl_walk(tunit *t, afn *f);
/* The local types of f that move to file scope, under names no earlier function took. */
void pl_moved_types(tunit *t, afn *f);
/* Helpers plan_walk.c shares with plan.c. */
region *pl_new_region(region *parent);
pl_field *pl_add_field(region *r, char *decl, char *name, const char *what);
/* A local's field, which joins another local's of r when their use spans do not overlap. */
pl_field *pl_add_shared_field(region *r, char *decl, char *name, const char *what, span use, long long bytes);
pl_slot *pl_add_slot(afn *f, const node *n, pl_role r, char *name, char *decl);
site *pl_new_site(tunit *t, afn *f, node *aw, marker kind, const char *what, unsigned nkids);
child *pl_add_child(tunit *t, afn *f, site *st, node *call, node *target, callee *c);

#endif
