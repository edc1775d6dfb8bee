/* asyncc/future.h: the future ABI shared by code that asyncc generates and the runtime.
 * Every async function, generated or hand-written, is described by one ac_future_type. */
#ifndef ASYNCC_FUTURE_H
#define ASYNCC_FUTURE_H

#include "sys.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define AC_EXPORT __attribute__((visibility("default")))
#else
#define AC_EXPORT
#endif

/* The API's boolean: C99's _Bool, which C++ (whose files may include these headers, extern "C",
 * to call the plain functions) spells bool. */
#ifdef __cplusplus
#define AC__BOOL bool
#else
#define AC__BOOL _Bool
#endif

/*
 * The model is Rust's Future, in C terms.
 *
 * A frame is the state of one call of an async function: its parameters, the locals that live
 * across an await, the storage of the child it is awaiting, and its result. A frame never moves
 * once it has been polled, so code may keep pointers into it.
 *
 * Every frame starts with an ac_frame header. state 0 means "not started", a state k in
 * 1..nsites means "suspended at await site k-1", AC_STATE_DONE means the result is ready.
 *
 * For an async function `T f(A a, B b)` defined in some translation unit, asyncc emits:
 *
 *   extern const ac_future_type ac__type_f;   frame size, alignment, result, poll, drop
 *   void ac__init_f(void *frame, A a, B b);   stores the arguments; runs nothing (futures are lazy)
 *
 * so that a caller in another file can place the frame wherever it likes: inside its own frame,
 * in the task's arena, or as the root frame of a task.
 *
 * A header may also promise a bound on the frame of an async function defined elsewhere:
 *
 *   enum { ac__frame_size_f = N };            f's frame fits in N bytes, aligned to 16 at most
 *
 * Callers then keep f's frame inside their own instead of taking it from the task's arena (the
 * runtime does this for its leaf futures, so awaiting ac_sleep_ms allocates nothing).
 */

typedef struct ac_cx ac_cx;     /* what a poll knows about who is polling it (opaque) */
typedef struct ac_task ac_task; /* a spawned task, also its join handle (opaque) */

enum {
    AC_PENDING = 0, /* not finished; a waker has been registered that will poll again */
    AC_READY = 1    /* finished; the result is at result_offset */
};

#define AC_STATE_DONE 0xffffffffu

typedef struct ac_frame {
    unsigned state;
} ac_frame;

/* Where an await site is in the user's source, for task dumps and --emit=frames. */
typedef struct ac_await_site {
    const char *file;
    unsigned line;
    const char *callee; /* what is awaited there, e.g. "ac_sleep_ms" */
} ac_await_site;

typedef struct ac_future_type ac_future_type;

/* Every child future each state of an async function may await, as data: asyncc emits for every
 * async function f a table `ac__kids_f` of these, one row per child (several for a combinator's
 * state), in the order of the states, ending with a row of state 0. The runtime drops and lists
 * children from it (ac__drop_kids, task dumps), and debuggers that read memory without running
 * code (the gdb extension, core files) read it too. */
/* (Both have padding, which a program's -Wpadded need not hear about.) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpadded"
typedef struct ac_kid_info {
    unsigned state;     /* the state (await site + 1) in which the child may be pending */
    unsigned mask_bit;  /* a join's: pending while (mask & mask_bit) == 0; 0: always pending */
    size_t offset;      /* of the child's frame in the parent's, or of the pointer to it */
    size_t mask_offset; /* of the unsigned mask field when mask_bit is not 0 */
    const ac_future_type *type;
    unsigned indirect; /* 1: the field holds a pointer to the child frame (in the task arena) */
} ac_kid_info;

struct ac_future_type {
    const char *name;     /* the async function's name */
    size_t frame_size;    /* bytes the caller must provide */
    size_t frame_align;   /* their alignment */
    size_t result_offset; /* where the result is when poll returned AC_READY */
    size_t result_size;   /* 0 for void */

    /* Runs the function from where it stopped. Returns AC_READY with the result stored in the
     * frame, or AC_PENDING after something arranged for the task's waker to be called. Must not
     * be called again after it returned AC_READY. */
    int (*poll)(void *frame, ac_cx *cx);

    /* Cancels a frame that was initialized and has not returned AC_READY: drops the child being
     * awaited (cancelling its I/O), then runs the cleanups of the locals that are alive. Does not
     * free the frame's own memory, which belongs to whoever placed it. NULL when dropping the
     * frame is only dropping the children that kids lists (an async function without cleanups),
     * or, kids NULL too, nothing at all (a future written by hand that holds nothing to cancel):
     * call it through ac__drop, which then runs ac__drop_kids, or nothing. */
    void (*drop)(void *frame, ac_cx *cx);

    /* For task dumps: the child frame being awaited in the current state and its type, or NULL
     * when the frame is not suspended inside another async function. NULL when kids says it. */
    void *(*child)(void *frame, const ac_future_type **child_type);

    const ac_await_site *sites; /* indexed by state - 1 */
    unsigned nsites;

    /* For task dumps: when the current state is a combinator's (ac_join, ac_select...), stores
     * up to max of its pending children in frames and types and returns how many are pending;
     * returns 0 in any other state. NULL when no state is a combinator's (child says it all), or
     * when kids says it. */
    unsigned (*branches)(void *frame, void **frames, const ac_future_type **types, unsigned max);

    /* The children of every state (ac_kid_info), for task dumps in place of child and branches;
     * NULL for a future written by hand. The frame starts with its state (ac_frame). */
    const ac_kid_info *kids;
};
#pragma GCC diagnostic pop

/* For debuggers: asyncc writes `AC__DEBUG_NAME(T, M)` where the user declared a variable that
 * lives in the frame alone (address taken, array, struct, cleanup, qualified, shadowed), in the
 * same block, so that debug info holds a name M in that block's scope with type T *. M spells
 * `ac__at_<length>_<name>_<length>_<field>_<function>`: the gdb extension (tools/gdb) makes
 * `print name` read the field there. Under gcc it is a block-scope extern declaration, which
 * costs no code and no symbol and which `info locals` does not list; clang drops those from its
 * debug info, so there it is an unused local of size zero. Defining it empty first leaves the
 * names out (tests/transpiler/emit/gdb_frame_names.c checks that the code is the same). */
#if defined(AC__DEBUG_NAME)
#elif defined(__clang__)
#define AC__DEBUG_NAME(T, M) __extension__ __typeof__(T) *M[0] __attribute__((unused));
#elif defined(__GNUC__)
#define AC__DEBUG_NAME(T, M)                                                                       \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wnested-externs\"")        \
    extern __typeof__(T) *M[] __attribute__((unused));                                             \
    _Pragma("GCC diagnostic pop")
#else
#define AC__DEBUG_NAME(T, M)
#endif

/* The type ac_try_join judges each result as: the widest signed integer type, __int128 where
 * the compiler has it (a future may return one), else intmax_t. */
#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 ac__try_join_wide;
#else
typedef __INTMAX_TYPE__ ac__try_join_wide;
#endif

/* The value of ac_try_join for a future's negative result v, as wide as it is (a long, a
 * ssize_t, an __int128): v as an int, INT_MIN when it is below (a truncation could make it 0 or
 * positive). The sequential build's ac_try_join says the same (sequential/task.c). */
static __inline__ int ac__try_join_error(ac__try_join_wide v)
{
    return v < -__INT_MAX__ - 1 ? -__INT_MAX__ - 1 : (int)v;
}

/* For debuggers, in unoptimized builds only: asyncc wraps in AC__DEBUG_KEEP the copies of C
 * locals that keep their values across awaits for gdb (transpiler/lower_locals.c), and the frame
 * member ac__dbg that holds them. AC__DEBUG_COPY copies an object's bytes, as many as both have. */
#ifndef AC__DEBUG_KEEP
#ifdef __OPTIMIZE__
#define AC__DEBUG_KEEP(...)
#else
#define AC__DEBUG_KEEP(...) __VA_ARGS__
#endif
#endif
/* An expression's form: E unoptimized, nothing when optimizing. */
#ifdef __OPTIMIZE__
#define AC__DEBUG_EXPR(E) ((void)0)
#else
#define AC__DEBUG_EXPR(E) ((void)(E))
#endif
/* A frame whose size a header promises has no room for ac__dbg: its copies are in size bytes
 * the runtime keeps for it (runtime/debug_copies.c; NULL without memory: no copies then), until
 * it finishes or is dropped. */
AC_EXPORT void *ac__debug_copies(const void *frame, size_t size);
AC_EXPORT void ac__debug_copies_free(const void *frame);
/* The storage of a variable-length array that lives across an await (a frame has a fixed size),
 * allocated when its declaration runs and freed where C ends its lifetime (runtime/vla.c). */
AC_EXPORT void *ac__vla_alloc(size_t size);
AC_EXPORT void ac__vla_free(void *storage);
/* The addresses go through integers: `&p` of a restrict pointer p converted to void * drops the
 * restrict of its target, which clang reports (-Wincompatible-pointer-types-discards-qualifiers),
 * and so would a cast (-Wcast-qual). */
#define AC__DEBUG_COPY(D, S)                                                                       \
    __builtin_memcpy((void *)(__UINTPTR_TYPE__)&(D), (const void *)(__UINTPTR_TYPE__)&(S),         \
                     sizeof(D) < sizeof(S) ? sizeof(D) : sizeof(S))
/* The same through a temporary of the local's type without qualifiers (the type of
 * `((void)0, x)`), which takes no address of the local: the only way for a register one (no
 * address) and a volatile or atomic one (read and written only as itself), and how locals that
 * can be assigned get their bytes back. STORE copies local S to bytes D, LOAD bytes S to
 * local D. */
/* gcc 12's -Wdangling-pointer (in -Wall) took the copy of a pointer local left pointing into a
 * block's array (`{ char buf[64]; ...; msg = buf; }`, then an await) for a use of it: the
 * program never reads it there. A pragma around the definition does not reach that warning,
 * which gcc judges where the macro is used. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#define AC__QUIET_DANGLING_BEGIN                                                                   \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wdangling-pointer\"")
#define AC__QUIET_DANGLING_END _Pragma("GCC diagnostic pop")
#else
#define AC__QUIET_DANGLING_BEGIN
#define AC__QUIET_DANGLING_END
#endif
/* gcc reads the copy's value at the macro's own lines here (its uninitialized-value warnings
 * are placed at the spelling): that read is not the program's. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define AC__DEBUG_STORE(D, S)                                                                      \
    do {                                                                                           \
        AC__QUIET_DANGLING_BEGIN __typeof__(((void)0, (S))) ac__dv = (S);                          \
        AC__QUIET_DANGLING_END AC__DEBUG_COPY(D, ac__dv);                                          \
    } while (0)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
/* SAVE copies any other local S that is not an array to bytes D: for gcc through a temporary,
 * since its -Wdangling-pointer at -O0 took `&S` for a pointer used after S's scope where a
 * resume label enters an arm gcc folds away (csmith seed 101146); for clang through its
 * address, since S may have no value yet at an await (`int n; await(f()); n = 1;`) and clang
 * -Wconditional-uninitialized calls reading it a use (clang places that warning where the macro
 * is used, so no pragma here silences it; gcc's is silenced above). */
#if defined(__GNUC__) && !defined(__clang__)
#define AC__DEBUG_SAVE(D, S) AC__DEBUG_STORE(D, S)
#else
#define AC__DEBUG_SAVE(D, S) AC__DEBUG_COPY(D, S)
#endif
#define AC__DEBUG_LOAD(D, S)                                                                       \
    do {                                                                                           \
        __typeof__(((void)0, (D))) ac__dv;                                                         \
        AC__DEBUG_COPY(ac__dv, S);                                                                 \
        (D) = ac__dv;                                                                              \
    } while (0)
/* A const local D gets its bytes back through its address seen as an integer (no cast drops a
 * qualifier, for -Wcast-qual): it is not read again after the await (it would live in the
 * frame), so only a debugger sees the value, which is the one it had. */
#define AC__DEBUG_RESTORE(D, S)                                                                    \
    __builtin_memcpy((void *)(__UINTPTR_TYPE__)&(D), &(S), sizeof(D) < sizeof(S) ? sizeof(D) : sizeof(S))
/* For debuggers: asyncc writes the body of async function f, in ac__run_f, as
 * `AC__NAMED_BODY(int f(...)) body AC__NAMED_BODY_END(return f(...);)`. Optimizing, gcc inlines
 * ac__run_f into each poll and each caller, and its debug info names only ac__run_f, not f: there
 * the body is a nested function named f (a GNU C extension), called once and inlined, so that
 * gdb's `break f` finds each inlined copy by f's name (its code is the same: the nested function
 * takes the outer one's parameters, not its scope). Its name and parameters may shadow others:
 * not worth a -Wshadow; nor is the nested function itself a -Wpedantic, but only its head is
 * exempt (`__extension__` before it silenced -Wpedantic and -Wc++-compat in the whole body).
 * The body is a block of its own after the pragma: gcc takes a GNU local label's declaration
 * (`__label__ done;`) only at the start of a block, and the pragma ended that start ("expected
 * expression before '__label__'" of a function that never suspends, at -O2 only).
 * Unoptimized, ac__run_f has the symbol f (debug_names.c) and nothing nests; clang has no
 * nested functions. */
#if defined(__OPTIMIZE__) && defined(__GNUC__) && !defined(__clang__) && !defined(AC__NO_NAMED_BODY)
#define AC__NAMED_BODY(...)                                                                        \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wshadow\"")                 \
    _Pragma("GCC diagnostic ignored \"-Wpedantic\"") __VA_ARGS__ { _Pragma("GCC diagnostic pop") {
#define AC__NAMED_BODY_END(...) } } __VA_ARGS__
#else
#define AC__NAMED_BODY(...)
#define AC__NAMED_BODY_END(...)
#endif
/* Around what asyncc makes up, for strict warning sets (tests/differential/strict.py checks that
 * the output warns only where its source does): AC__GEN_BEGIN ... AC__GEN_END around the frame
 * struct (its padding is asyncc's layout: -Wpadded) and the generated init, args, future type and
 * __func__ arrays (unused when nothing spawns or embeds a static async function:
 * -Wunused-function, -Wunused-const-variable; an unused attribute would make clang's
 * -Wused-but-marked-unused warn wherever they are used); AC__RUN_BEGIN around the functions that hold
 * a body (ac__run_f, and ac__now_f of one that never suspends): ac__run_f is inline as a hint to
 * the optimizer, not the user's request (-Winline), and a body declares its locals where the
 * source does, after the statements asyncc writes there for awaits (-Wdeclaration-after-statement,
 * also ISO C90's "mixed declarations and code"); every other warning of the user's code in them
 * stays. AC__FALL_OFF(code) is the code of falling off the end of a body: in a
 * macro, clang's -Wunreachable-code does not count it after a body that ends in an endless loop,
 * where the source has only its closing brace. The frame's members spell the types of the
 * user's locals at the function's line, not theirs: the warnings about using a later standard's
 * types there (long long, _Atomic) are the user's declarations', at their own lines. A static
 * async function's future type is declared before it is defined (a tentative definition, which
 * C++ has not: gcc's -Wc++-compat). A struct with a flexible array member that a local, a
 * parameter or a result holds by value is a member of the frame, and the frame one of its
 * caller's: a GNU extension there (clang: by default; gcc: -Wpedantic, which has nothing else
 * to say of the frame's members but what it says of the user's declarations, at their lines). */
#ifdef __clang__
#define AC__GEN_COMPAT                                                                             \
    _Pragma("GCC diagnostic ignored \"-Wc99-extensions\"")                                       \
    _Pragma("GCC diagnostic ignored \"-Wc11-extensions\"")                                       \
    _Pragma("GCC diagnostic ignored \"-Wlanguage-extension-token\"")                             \
    _Pragma("GCC diagnostic ignored \"-Wgnu-variable-sized-type-not-at-end\"")                   \
    _Pragma("GCC diagnostic ignored \"-Wflexible-array-extensions\"")
#else
#define AC__GEN_COMPAT                                                                             \
    _Pragma("GCC diagnostic ignored \"-Wc90-c99-compat\"")                                       \
    _Pragma("GCC diagnostic ignored \"-Wc99-c11-compat\"")                                       \
    _Pragma("GCC diagnostic ignored \"-Wc++-compat\"")                                           \
    _Pragma("GCC diagnostic ignored \"-Wpedantic\"")
#endif
/* AC__WITNESS_BEGIN: around the functions that say the warnings an async definition's rewriting
 * loses (lower_witness.c), judged as the source is; AC__GEN_BEGIN around the rest, which also
 * spells the user's types without a prototype (`int (*)()`, whose -Wstrict-prototypes is the
 * user's declaration's, where it stands). */
#define AC__WITNESS_BEGIN                                                                          \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wpadded\"")                 \
    _Pragma("GCC diagnostic ignored \"-Wunused-function\"")                                      \
    _Pragma("GCC diagnostic ignored \"-Wunused-const-variable\"")                                \
    _Pragma("GCC diagnostic ignored \"-Wlong-long\"") AC__GEN_COMPAT
/* A frame's members and the debug copies are named as the user's locals: clang's
 * -Wreserved-identifier of a local `__ret` is its declaration's, at its line, not the frame's. */
#if defined(__clang__) && defined(__has_warning)
#if __has_warning("-Wreserved-identifier")
#define AC__GEN_RESERVED _Pragma("GCC diagnostic ignored \"-Wreserved-identifier\"")
#endif
#endif
#ifndef AC__GEN_RESERVED
#define AC__GEN_RESERVED
#endif
/* gcc's `#pragma scalar_storage_order` as asyncc sets it around a frame (a C struct, in the native
 * order) and a local type moved out of a function (in the order of its definition); clang has no
 * such pragma, and ignores the ones of the source. */
#if defined(__GNUC__) && !defined(__clang__)
#define AC__SSO_default _Pragma("scalar_storage_order default")
#define AC__SSO_big_endian _Pragma("scalar_storage_order big-endian")
#define AC__SSO_little_endian _Pragma("scalar_storage_order little-endian")
#else
#define AC__SSO_default
#define AC__SSO_big_endian
#define AC__SSO_little_endian
#endif
#define AC__GEN_BEGIN AC__WITNESS_BEGIN _Pragma("GCC diagnostic ignored \"-Wstrict-prototypes\"") AC__GEN_RESERVED
#define AC__GEN_END _Pragma("GCC diagnostic pop")
/* A body is written from the preprocessed text, its macros expanded: clang's warnings that keep
 * quiet inside the source's expansions speak there. -Wparentheses-equality (on by default) took
 * `if (IS_BUF(tv))`, `#define IS_BUF(tv) ((tv)->t == 10)`, for `if (((tv)->t == 10))` (duktape);
 * -Wself-assign (-Wall) took `n = ROUND8P(n);`, `#define ROUND8P(x) (x)`, for `n = (n);` (sqlite);
 * -Wmisleading-indentation (-Wall) took the code an `await(...)` statement became, at the
 * user's indentation after `if (c) s;`, for a statement the `if` seems to guard (it skips
 * statements that come from a macro, as every await does in the source). A member's address
 * that a macro gives as a condition, `if (GET(v))` with `#define GET(v) ((v)->t == 2 ? &(v)->u.o
 * : NULL)` (yajl's YAJL_GET_OBJECT), or compares with NULL, is quiet in the source and warned in
 * the output: gcc's -Waddress (-Wall), clang's -Wtautological-pointer-compare and
 * -Wpointer-bool-conversion (on by default). gcc 12 prints the "declared here" note of a -Waddress
 * warning a pragma turned off. A statement expression with a value that a macro writes as a
 * statement, dash's `INTOFF;` (`#define INTOFF ({ suppressint++; barrier(); 0; })`), or as a
 * `for` increment or a comma's left operand, is quiet in the source and warned by clang's
 * -Wunused-value (-Wall) in the output; gcc warns of neither. */
#ifdef __clang__
#define AC__RUN_EXPANDED                                                                           \
    _Pragma("clang diagnostic ignored \"-Wparentheses-equality\"")                               \
    _Pragma("clang diagnostic ignored \"-Wself-assign\"")                                        \
    _Pragma("clang diagnostic ignored \"-Wmisleading-indentation\"")                             \
    _Pragma("clang diagnostic ignored \"-Wtautological-pointer-compare\"")                       \
    _Pragma("clang diagnostic ignored \"-Wpointer-bool-conversion\"")                           \
    _Pragma("clang diagnostic ignored \"-Wunused-value\"")
#else
#define AC__RUN_EXPANDED _Pragma("GCC diagnostic ignored \"-Waddress\"")
#endif
#define AC__RUN_BEGIN                                                                              \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winline\"")                 \
    _Pragma("GCC diagnostic ignored \"-Wdeclaration-after-statement\"") AC__RUN_EXPANDED
#define AC__FALL_OFF(...) __VA_ARGS__
/* AC__VM(e, pop): e, a cast of a frame field to a pointer to the variably modified type of a
 * user's local, parameter or block typedef, which the output writes at each of its uses
 * (lower_vm.c). -Wvla (and C90's pedantic VLA warning) belongs to the declaration, at its line,
 * as for the source; a use of `char buf[n]` writing `(*(char (*)[n])...)` is not one. gcc takes
 * no _Pragma inside an expression, so the pragmas sit in a statement expression. gcc says -Wvla
 * of a type name at the location of the last pragma it read (the statement's start in plain C),
 * so the pop, `_Pragma("GCC diagnostic pop")`, is written at the use, on the user's line: a VLA
 * type name of the user's later in that statement warns there, not in this header. */
#ifdef __clang__
#define AC__VM_QUIET                                                                               \
    _Pragma("GCC diagnostic ignored \"-Wvla\"") _Pragma("GCC diagnostic ignored \"-Wvla-extension\"")
#else
#define AC__VM_QUIET                                                                               \
    _Pragma("GCC diagnostic ignored \"-Wvla\"") _Pragma("GCC diagnostic ignored \"-Wpedantic\"")  \
    AC__PUN_QUIET
#endif
#define AC__VM(e, pop) (__extension__({ _Pragma("GCC diagnostic push") AC__VM_QUIET e; pop }))
/* `AC__ATOMIC_INIT(x) v)`: the initialization of an _Atomic frame field x by v, as the source's
 * declaration initializes its local: no atomic operation (clang's -Watomic-implicit-seq-cst of a
 * plain assignment). gcc has no such warning and no __c11_atomic_init. v stays outside the macro
 * so that a warning about its conversion is said at the user's line, not here. */
/* `AC__ATOMIC_PARAM(x, p)`: the same of x by the _Atomic parameter p of init or args, read with
 * the explicit load that the caller's initialization of the source's parameter never needed. */
#ifdef __clang__
#define AC__ATOMIC_INIT(x) __c11_atomic_init(&(x),
#define AC__ATOMIC_PARAM(x, p) __c11_atomic_init(&(x), __c11_atomic_load(&(p), __ATOMIC_SEQ_CST))
#else
#define AC__ATOMIC_INIT(x) ((x) =
#define AC__ATOMIC_PARAM(x, p) ((x) = (p))
#endif
/* The frame keeps a pointer to a VLA (`int (*p)[n]`) in a `void *` field, read and written through
 * the pointer's own type: gcc's -Wstrict-aliasing=2 (not the default level) calls that
 * type-punning. gcc gives every pointer type an alias set inside void *'s, so such an access
 * aliases the field. (The store of its initializer writes these pragmas itself, on the user's
 * line: gcc's -Wvla of the type there is the declaration's, said where the last pragma is.) */
#define AC__PUN_QUIET _Pragma("GCC diagnostic ignored \"-Wstrict-aliasing\"")

/* The type of a frame local that a pointer may reach, where the generated code reads and writes
 * it (transpiler/lower_locals.c): may_alias, which gcc ignores (and warns of) on a struct, union
 * or enum type defined before, and clang honours on a typedef of any type. */
#ifdef __clang__
#define AC__MAY_ALIAS_TAG __attribute__((__may_alias__))
#else
#define AC__MAY_ALIAS_TAG
#endif

/* Locals of one block whose uses never overlap share frame bytes (transpiler/sharing.c) in
 * `AC__SHARED { ... }`: a union when optimizing, a struct in unoptimized builds, where a debugger
 * shows a local's last value past its last use, as for plain C at -O0, never another local's
 * bytes. (A frame whose size a header promises keeps the union: its layout is the same at every
 * level.) */
#ifndef AC__SHARED
#ifdef __OPTIMIZE__
#define AC__SHARED union
#else
#define AC__SHARED struct
#endif
#endif

/* Memory for the frame of a callee that cannot be embedded in its caller's frame (defined in
 * another file, or recursive). It comes from the polling task's arena, is 16-byte aligned (enough
 * for every type not declared over-aligned), and is returned with ac_frame_free by the frame that asked for it. Aborts when memory is
 * exhausted, like a stack overflow would. */
AC_EXPORT void *ac_frame_alloc(ac_cx *cx, size_t size);
AC_EXPORT void ac_frame_free(ac_cx *cx, void *frame, size_t size);
/* The same for a frame of TYPE: frame_size bytes aligned to frame_align, which may exceed 16 (a
 * local or result declared _Alignas(64)); returned with ac_frame_free_type of the same TYPE. */
AC_EXPORT void *ac_frame_alloc_type(ac_cx *cx, const ac_future_type *type);
AC_EXPORT void ac_frame_free_type(ac_cx *cx, void *frame, const ac_future_type *type);
/* What the drop of an async function's frame does first (generated code calls it): drops the
 * children pending in the frame's state, as its table ac__kids_f lists them (a join's finished
 * ones left out), and gives back the arena frames of those that live there. */
AC_EXPORT void ac__drop_kids(void *frame, ac_cx *cx, const ac_kid_info *kids);
/* Drops a frame of TYPE as its drop does, or, when TYPE has none, as ac__drop_kids over its kids
 * does: how the runtime and generated code cancel a future whose type they do not know (asyncc
 * gives an async function without cleanups no drop function, which gcc would compile for each). */
AC_EXPORT void ac__drop(const ac_future_type *type, void *frame, ac_cx *cx);
/* What await(ac_select(...)) and await(ac_timeout(...)) call around their children's polls
 * (generated code): left says whether the poll has budget left before the first child is polled;
 * grant gives each later child one unit of budget of its own when an earlier one spent the last,
 * so that a child that always spends the budget cannot keep a timer or another child from
 * finishing (Tokio's timeout does the same for its timer). A budget spent before the combinator
 * was polled grants nothing: the task yields. */
AC_EXPORT int ac__coop_left(ac_cx *cx);
AC_EXPORT void ac__coop_grant(ac_cx *cx, int left);
/* await(ac_select_fair(...)) of n futures: the index of the one its poll starts from, random. */
AC_EXPORT unsigned ac__select_start(unsigned n);

/* Wakers: a leaf future that returns AC_PENDING first takes the task's waker from its context
 * and arranges for ac_waker_wake to be called once it can make progress. A waker holds a
 * reference on its task; ac_waker_wake consumes it, ac_waker_drop releases it unused. Waking a
 * task that is being polled makes it be polled once more after the current poll: a wake is
 * never lost, and a task is never polled on two threads at once. */
typedef struct ac_waker {
    ac_task *task;
} ac_waker;

AC_EXPORT ac_waker ac_cx_waker(ac_cx *cx);
AC_EXPORT void ac_waker_wake(ac_waker waker);
AC_EXPORT void ac_waker_drop(ac_waker waker);

/* Tasks built by generated code for ac_spawn, ac_block_on and async main: a task allocated with
 * room for a root frame of the given type; the caller initializes the frame with ac__init_f and
 * then hands the task to the runtime. */
AC_EXPORT ac_task *ac__task_new(const ac_future_type *type, void **frame);
AC_EXPORT ac_task *ac__task_spawn(ac_task *task);
AC_EXPORT ac_task *ac__task_spawn_local(ac_task *task);
/* A spawn whose arguments hold a statement expression, which may jump out of the spawn after
 * the task was made (`ac_spawn(f(({ if (e) goto out; x; })))`): the task's variable has this
 * cleanup, which frees a task never handed over (its frame never initialized or never run), and
 * ac__task_take hands it over. */
AC_EXPORT void ac__task_unspawned(ac_task **task);
static __inline__ ac_task *ac__task_take(ac_task **task)
{
    ac_task *t = *task;
    *task = (ac_task *)0;
    return t;
}
/* Runs the runtime until task completes, copies its result (if result is not NULL) and frees it;
 * returns 0. When the runtime cannot start, frees the task without running it, zeroes the
 * result and returns -errno (ac_runtime_start_error says why); when ac_runtime_shutdown (from
 * another thread) dropped the task, zeroes the result and returns -ECANCELED. Used for
 * ac_block_on. */
AC_EXPORT int ac__block_on(ac_task *task, void *result);
/* The same for async main, whose return value becomes the exit status; when the runtime cannot
 * start, writes why on stderr (after flushing stdout) and returns 70 (EX_SOFTWARE). */
AC_EXPORT int ac__main(ac_task *task);

#ifdef __cplusplus
}
#endif

#endif
