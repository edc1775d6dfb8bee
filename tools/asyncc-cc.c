/* asyncc-cc.c: a drop-in C compiler driver. Transpiles each C source with asyncc into a temporary
 * file, compiles it with the real compiler (cc or $ASYNCC_REAL_CC) and links libasyncc. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Build-tree locations, used when the installed layout is not found beside the executable. */
#ifndef ASYNCC_CC_BUILD_TOOL
#define ASYNCC_CC_BUILD_TOOL "asyncc"
#endif
#ifndef ASYNCC_CC_BUILD_INCLUDE
#define ASYNCC_CC_BUILD_INCLUDE ""
#endif
#ifndef ASYNCC_CC_BUILD_LIB
#define ASYNCC_CC_BUILD_LIB ""
#endif
#ifndef ASYNCC_CC_BUILD_SEQ_LIB
#define ASYNCC_CC_BUILD_SEQ_LIB ""
#endif
/* The runtime built for ThreadSanitizer and for AddressSanitizer ("" when this build has none). */
#ifndef ASYNCC_CC_BUILD_TSAN_LIB
#define ASYNCC_CC_BUILD_TSAN_LIB ""
#endif
#ifndef ASYNCC_CC_BUILD_ASAN_LIB
#define ASYNCC_CC_BUILD_ASAN_LIB ""
#endif
#ifndef ASYNCC_CC_LIBDIR
#define ASYNCC_CC_LIBDIR "lib"
#endif
#ifndef ASYNCC_CC_VERSION
#define ASYNCC_CC_VERSION "0"
#endif
/* Link flags the runtime library was built to need (the sanitizer it was built with). */
#ifndef ASYNCC_CC_LINK_FLAGS
#define ASYNCC_CC_LINK_FLAGS ""
#endif

extern char **environ;

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                                */

typedef struct argv_t {
    char **v;
    int n, cap;
} argv_t;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("asyncc-cc: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        die("out of memory");
    return p;
}

static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        die("out of memory");
    va_end(ap);
    return s;
}

static void push(argv_t *a, const char *s)
{
    if (a->n + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 32;
        a->v = xrealloc(a->v, sizeof *a->v * (size_t)a->cap);
    }
    a->v[a->n++] = (char *)s;
    a->v[a->n] = NULL;
}

static void push_words(argv_t *a, const char *words)
{
    char *copy = xasprintf("%s", words), *save = NULL;
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        push(a, w);
}

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* path without its last extension: "dir/x.o" -> "dir/x". */
static char *strip_ext(const char *path)
{
    char *s = xasprintf("%s", path);
    char *dot = strrchr(s, '.');
    if (dot && dot > base_name(s))
        *dot = 0;
    return s;
}

static int verbose;

/* Runs argv and returns its exit status (128 + signal when it was killed); with quiet, its
 * standard error goes to /dev/null. */
static int run_as(argv_t *a, int quiet)
{
    if (verbose) {
        for (int i = 0; i < a->n; i++)
            fprintf(stderr, "%s%s", i ? " " : "", a->v[i]);
        fputc('\n', stderr);
    }
    pid_t pid;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    int rc = posix_spawnp(&pid, a->v[0], &fa, NULL, a->v, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "asyncc-cc: cannot run %s: %s\n", a->v[0], strerror(rc));
        return 127;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 127;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

static int run(argv_t *a)
{
    return run_as(a, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Where asyncc, asyncc.h and libasyncc.a are                                                   */

typedef struct layout {
    char *tool, *include, *lib, *seq; /* seq: libasyncc-seq.a */
    char *tsan, *asan;                /* libasyncc-tsan.a, libasyncc-asan.a, or "" */
} layout;

/* <prefix>/<libdir>/libasyncc-VARIANT.a if it is installed, else "". */
static char *installed_lib(const char *prefix, const char *variant)
{
    char *lib = xasprintf("%s/%s/libasyncc-%s.a", prefix, ASYNCC_CC_LIBDIR, variant);
    if (exists(lib))
        return lib;
    free(lib);
    return "";
}

/* Installed: <prefix>/bin/asyncc-cc beside <prefix>/bin/asyncc, <prefix>/include/asyncc.h and
 * <prefix>/<libdir>/libasyncc.a. Otherwise the build tree this asyncc-cc was built in. */
static void find_layout(layout *l)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *dir = dirname(exe), prefix[PATH_MAX];
        char *up = xasprintf("%s/..", dir);
        if (!realpath(up, prefix))
            snprintf(prefix, sizeof prefix, "%s", up);
        free(up);
        char *tool = xasprintf("%s/asyncc", dir);
        char *inc = xasprintf("%s/include", prefix);
        char *header = xasprintf("%s/asyncc.h", inc);
        char *lib = xasprintf("%s/%s/libasyncc.a", prefix, ASYNCC_CC_LIBDIR);
        if (exists(tool) && exists(header) && exists(lib)) {
            l->tool = tool, l->include = inc, l->lib = lib;
            l->seq = xasprintf("%s/%s/libasyncc-seq.a", prefix, ASYNCC_CC_LIBDIR);
            l->tsan = installed_lib(prefix, "tsan");
            l->asan = installed_lib(prefix, "asan");
            free(header);
            return;
        }
        free(tool), free(inc), free(header), free(lib);
    }
    l->tool = ASYNCC_CC_BUILD_TOOL;
    l->include = ASYNCC_CC_BUILD_INCLUDE;
    l->lib = ASYNCC_CC_BUILD_LIB;
    l->seq = ASYNCC_CC_BUILD_SEQ_LIB;
    l->tsan = ASYNCC_CC_BUILD_TSAN_LIB;
    l->asan = ASYNCC_CC_BUILD_ASAN_LIB;
    const char *env = getenv("ASYNCC");
    if (env && *env)
        l->tool = (char *)env;
}

/* ------------------------------------------------------------------------------------------ */
/* The command line, read as gcc reads it                                                       */

typedef struct source {
    const char *path;  /* as the user wrote it */
    int argi;          /* its index in the real compiler's command */
    int explicit_c;    /* came after -x c */
} source;

typedef struct command {
    argv_t cc;           /* the real compiler's command, sources still original */
    argv_t pp;           /* flags that change how asyncc must preprocess */
    source *src;
    int nsrc, ninputs;
    const char *output;
    int compile_only, stop_after_pp, deps_only, syntax_only, no_link_flags;
    /* dependency file flags: handled by asyncc, removed from the real compile */
    int md, mmd, mp;
    const char *mf;
    argv_t mt; /* -MT/-MQ pairs as given */
    const char *real_cc;
} command;

static char *read_all(const char *path, size_t *len);

/* Options whose value is the next argument when not attached. */
static int takes_value(const char *a)
{
    static const char *const v[] = {"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
                                    "-idirafter", "-iprefix", "-iwithprefix", "-iwithprefixbefore",
                                    "-isysroot", "--sysroot", "-MF", "-MT", "-MQ", "-x", "-L", "-l",
                                    "-Xlinker", "-Xassembler", "-Xpreprocessor", "-T", "-u", "-z",
                                    "-o", "--param", "-aux-info", "-dumpbase", "-dumpdir", NULL};
    for (int i = 0; v[i]; i++)
        if (strcmp(a, v[i]) == 0)
            return 1;
    return 0;
}

/* Flags that change the preprocessed text or the types it names, which asyncc must see exactly as
 * the compiler does: a macro (`__WCHAR_TYPE__` of -fshort-wchar, `__AVX2__` of -mavx2,
 * `__FINITE_MATH_ONLY__`) expands in the generated code as asyncc saw it, so a flag kept from
 * asyncc gave an async function another type or branch than the plain build (gcc.dg's
 * fshort-wchar.c made async aborted). Everything else (warnings, code generation, linking) is for
 * the real compiler alone: clang would reject some of gcc's. */
static int for_preprocessor(const char *a)
{
    static const char *const prefix[] = {"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
                                         "-idirafter", "-iprefix", "-iwithprefix", "-isysroot", "--sysroot",
                                         "-std=", "-O", "-march=", "-mtune=", "-Wp,",
                                         /* x86 instruction set extensions, each defining its macro */
                                         "-msse", "-mno-sse", "-mssse3", "-mno-ssse3", "-mavx", "-mno-avx",
                                         "-mfma", "-mno-fma", "-mbmi", "-mno-bmi", "-mpopcnt", "-mno-popcnt",
                                         "-maes", "-mno-aes", "-mpclmul", "-mno-pclmul", "-mf16c", "-mno-f16c",
                                         "-mlzcnt", "-mno-lzcnt", "-msha", "-mno-sha", NULL};
    static const char *const exact[] = {"-ansi", "-pthread", "-nostdinc", "-funsigned-char", "-fsigned-char",
                                        "-fno-unsigned-char", "-fno-signed-char", "-fPIC", "-fpic", "-fPIE",
                                        "-fpie", "-m32", "-m64", "-fopenmp", "-ffast-math", "-fno-fast-math",
                                        "-ffinite-math-only", "-fno-finite-math-only", "-fno-inline",
                                        "-fshort-enums", "-fno-short-enums", "-fshort-wchar", "-fno-short-wchar",
                                        "-fgnu89-inline", "-fno-gnu89-inline", NULL};
    for (int i = 0; prefix[i]; i++)
        if (strncmp(a, prefix[i], strlen(prefix[i])) == 0)
            return 1;
    for (int i = 0; exact[i]; i++)
        if (strcmp(a, exact[i]) == 0)
            return 1;
    return 0;
}

/* -Wasync-blocking, -Wno-async, -Werror=async-join-type...: flags of asyncc's lints. */
static int is_lint_flag(const char *a)
{
    static const char *const prefix[] = {"-Wasync", "-Wno-async", "-Werror=async", "-Wno-error=async", NULL};
    for (int i = 0; prefix[i]; i++)
        if (strncmp(a, prefix[i], strlen(prefix[i])) == 0)
            return 1;
    return 0;
}

/* Expands @FILE arguments as gcc does: FILE holds more arguments, separated by white space, with
 * '...', "..." and backslash quoting (build systems use them for long command lines). */
static void expand_response_files(argv_t *out, int argc, char **argv, int depth)
{
    for (int i = 0; i < argc; i++) {
        size_t len;
        char *text = argv[i][0] == '@' && depth < 8 ? read_all(argv[i] + 1, &len) : NULL;
        if (!text) {
            push(out, argv[i]);
            continue;
        }
        argv_t words = {0};
        char *word = xrealloc(NULL, len + 1), *w = NULL;
        char quote = 0;
        for (size_t k = 0; k <= len; k++) {
            char ch = k < len ? text[k] : 0;
            if (ch == '\\' && k + 1 < len) {
                w = w ? w : word;
                *w++ = text[++k];
            } else if (quote && ch == quote) {
                quote = 0;
            } else if (!quote && (ch == '\'' || ch == '"')) {
                quote = ch;
                w = w ? w : word;
            } else if (quote || (ch && ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')) {
                w = w ? w : word;
                *w++ = ch;
            } else if (w) {
                *w = 0;
                push(&words, xasprintf("%s", word));
                w = NULL;
            }
        }
        expand_response_files(out, words.n, words.v, depth + 1);
        free(word);
        free(text);
    }
}

/* `-Wp,-MD,FILE` (Linux's kbuild and older makefiles) asks the preprocessor itself for the
 * dependencies, which the real compile would then write for asyncc's temporary file: its -MD,
 * -MMD, -MF, -MT, -MQ and -MP are taken like the driver's. Returns what is left of the option for
 * both compilers (`-Wp,-D_FORTIFY_SOURCE=2`), or NULL when nothing is. */
static const char *wp_dependency_options(command *c, const char *a)
{
    char *opts = xasprintf("%s", a + 4), *save = NULL, *rest = xasprintf("-Wp");
    size_t kept = 0;
    for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
        int md = strcmp(o, "-MD") == 0 || strcmp(o, "-MMD") == 0;
        if (md || strcmp(o, "-MF") == 0 || strcmp(o, "-MT") == 0 || strcmp(o, "-MQ") == 0) {
            char *v = strtok_r(NULL, ",", &save);
            if (!v)
                die("%s: %s needs a value after it", a, o);
            if (md) {
                c->md = 1;
                c->mmd |= strcmp(o, "-MMD") == 0;
            }
            if (md || strcmp(o, "-MF") == 0) {
                c->mf = xasprintf("%s", v);
            } else {
                push(&c->mt, xasprintf("%s", o));
                push(&c->mt, xasprintf("%s", v));
            }
        } else if (strcmp(o, "-MP") == 0) {
            c->mp = 1;
        } else {
            char *more = xasprintf("%s,%s", rest, o);
            free(rest);
            rest = more;
            kept++;
        }
    }
    free(opts);
    if (!kept) {
        free(rest);
        return NULL;
    }
    return rest;
}

static void parse(command *c, int argc, char **argv, const char *real_cc)
{
    push_words(&c->cc, real_cc);
    c->real_cc = real_cc;
    const char *lang = NULL; /* -x LANG in effect, NULL for "by extension" */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            c->ninputs++;
            int is_c = lang ? strcmp(lang, "c") == 0 : has_suffix(a, ".c");
            if (is_c && strcmp(a, "-") != 0) {
                c->src = xrealloc(c->src, sizeof *c->src * (size_t)(c->nsrc + 1));
                c->src[c->nsrc++] = (source){a, c->cc.n, lang != NULL};
            }
            push(&c->cc, a);
            continue;
        }
        if (takes_value(a) && i + 1 < argc)
            value = argv[++i];

        /* Dependency files: asyncc writes them for the original sources. */
        if (strncmp(a, "-Wp,", 4) == 0 && (a = wp_dependency_options(c, a)) == NULL)
            continue;
        if (strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0) {
            c->md = 1;
            c->mmd |= strcmp(a, "-MMD") == 0;
            continue;
        }
        if (strcmp(a, "-MP") == 0) {
            c->mp = 1;
            continue;
        }
        if (strncmp(a, "-MF", 3) == 0) {
            c->mf = value ? value : a + 3;
            continue;
        }
        if (strncmp(a, "-MT", 3) == 0 || strncmp(a, "-MQ", 3) == 0) {
            push(&c->mt, value ? a : xasprintf("%.3s", a));
            push(&c->mt, value ? value : a + 3);
            continue;
        }
        if (strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0)
            c->deps_only = 1;

        /* The lints' flags are asyncc's alone (gcc rejects -Wasync-blocking); -Werror and -w
         * are both's: a lint's warning becomes an error, or is silenced, as the compiler's do. */
        if (is_lint_flag(a)) {
            push(&c->pp, a);
            continue;
        }
        if (strcmp(a, "-Werror") == 0 || strcmp(a, "-w") == 0)
            push(&c->pp, a);

        if (strcmp(a, "-c") == 0)
            c->compile_only = 1;
        else if (strcmp(a, "-S") == 0)
            c->compile_only = 1;
        else if (strcmp(a, "-E") == 0)
            c->stop_after_pp = 1;
        else if (strcmp(a, "-fsyntax-only") == 0)
            c->syntax_only = 1;
        else if (strcmp(a, "-nostdlib") == 0 || strcmp(a, "-nodefaultlibs") == 0 || strcmp(a, "-r") == 0)
            c->no_link_flags = 1;
        else if (strncmp(a, "-x", 2) == 0) {
            const char *l = value ? value : a + 2;
            lang = strcmp(l, "none") == 0 ? NULL : l;
        } else if (strncmp(a, "-o", 2) == 0) {
            c->output = value ? value : a + 2;
        }

        push(&c->cc, a);
        if (value)
            push(&c->cc, value);
        if (for_preprocessor(a)) {
            push(&c->pp, a);
            if (value)
                push(&c->pp, value);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Transpiling                                                                                  */

static char tmpdir[PATH_MAX];

static int rm_rf(const char *dir)
{
    argv_t a = {0};
    push(&a, "rm");
    push(&a, "-rf");
    push(&a, dir);
    int saved = verbose;
    verbose = 0;
    int rc = run(&a);
    verbose = saved;
    free(a.v);
    return rc;
}

/* Whether the command builds with sanitizer san ("thread", "address"): the last -fsanitize= or
 * -fno-sanitize= that names it (or all) decides, as gcc reads them. */
static int wants_sanitizer(const argv_t *args, const char *san)
{
    int on = 0;
    size_t len = strlen(san);
    for (int i = 1; i < args->n; i++) {
        const char *a = args->v[i], *list;
        int value;
        if (strncmp(a, "-fsanitize=", 11) == 0)
            list = a + 11, value = 1;
        else if (strncmp(a, "-fno-sanitize=", 14) == 0)
            list = a + 14, value = 0;
        else
            continue;
        for (const char *p = list; *p;) {
            size_t n = strcspn(p, ",");
            if ((n == len && strncmp(p, san, n) == 0) || (!value && n == 3 && strncmp(p, "all", 3) == 0))
                on = value;
            p += n + (p[n] == ',');
        }
    }
    return on;
}

/* The runtime to link: the one built for the sanitizer the program is built with, when this
 * runtime is not itself a sanitizer build. TSan sees only the synchronization of instrumented
 * code (with the plain runtime every handover of a task is reported as a race); ASan sees frames
 * only when they come from malloc, as they do in the runtime built for it. */
static const char *runtime_lib(const layout *l, const argv_t *args)
{
    const struct { const char *san, *name, *lib, *also; } variants[] = {
        {"thread", "tsan", l->tsan, ", and TSan reports races inside it that are not there"},
        {"address", "asan", l->asan, ""},
    };
    if (strcmp(ASYNCC_CC_LINK_FLAGS, "") != 0)
        return l->lib;
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++) {
        if (!wants_sanitizer(args, variants[i].san))
            continue;
        if (*variants[i].lib)
            return variants[i].lib;
        fprintf(stderr, "asyncc-cc: warning: -fsanitize=%s without libasyncc-%s.a (built with "
                        "-DASYNCC_SANITIZER_RUNTIMES=ON): the runtime is not checked with the program%s\n",
                variants[i].san, variants[i].name, variants[i].also);
        break;
    }
    return l->lib;
}

/* An environment switch: set, not empty and not "0". */
static int env_on(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

static void cleanup(void)
{
    if (tmpdir[0] && !env_on("ASYNCC_CC_KEEP"))
        rm_rf(tmpdir);
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 65536 > cap)
            buf = xrealloc(buf, cap = cap * 2 + 65536);
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    *len = n;
    return buf;
}

/* Where gcc would write the depfile and which target it would name, for source s. */
static void dep_names(const command *c, const source *s, char **file, char **target)
{
    int single = c->nsrc == 1;
    char *stem = strip_ext(base_name(s->path));
    if (c->output && (c->compile_only || single)) {
        char *o = strip_ext(c->output);
        *file = xasprintf("%s.d", o);
        free(o);
    } else if (c->output) {
        *file = xasprintf("%s-%s.d", c->output, stem);
    } else {
        *file = xasprintf("%s.d", stem);
    }
    if (c->mf)
        *file = xasprintf("%s", c->mf);
    *target = c->output && c->compile_only ? xasprintf("%s", c->output) : xasprintf("%s.o", stem);
    free(stem);
}

/* Transpiles source k into the temporary directory. Returns the file to compile instead of the
 * original (the original itself when asyncc left it unchanged), or NULL after asyncc reported
 * errors. */
static const char *transpile(const command *c, const layout *l, int k)
{
    const source *s = &c->src[k];
    char *dir = xasprintf("%s/%d", tmpdir, k);
    if (mkdir(dir, 0700) < 0)
        die("cannot create %s: %s", dir, strerror(errno));
    /* The same base name keeps `cc -c x.c` writing x.o where the user expects it (a source
     * named otherwise comes after -x c, which still applies to it in the real command). */
    char *out = xasprintf("%s/%s", dir, base_name(s->path));
    argv_t a = {0};
    push(&a, l->tool);
    for (int i = 0; i < c->pp.n; i++)
        push(&a, c->pp.v[i]);
    if (s->explicit_c)
        push(&a, "-xc");
    if (c->md && !c->deps_only) {
        char *file, *target;
        dep_names(c, s, &file, &target);
        push(&a, c->mmd ? "-MMD" : "-MD");
        push(&a, "-MF");
        push(&a, file);
        if (c->mp)
            push(&a, "-MP");
        if (c->mt.n == 0) {
            push(&a, "-MT");
            push(&a, target);
        }
        for (int i = 0; i < c->mt.n; i++)
            push(&a, c->mt.v[i]);
    }
    /* The generated file is deleted after the build: gdb shows generated code at the async
     * function's own line rather than at a file that no longer exists. */
    push(&a, "--generated-lines=source");
    /* what the output's compiler says of itself (__GNUC__, __clang__) decides its code too */
    push(&a, xasprintf("--cc=%s", c->real_cc));
    push(&a, "-o");
    push(&a, out);
    push(&a, s->path);
    /* -E asks for preprocessing only, which C that does not parse survives (configure scripts
     * probe the preprocessor with such files): there asyncc's errors are not the caller's, and
     * the original file is preprocessed instead. */
    int rc = run_as(&a, c->stop_after_pp);
    if (rc != 0 && c->stop_after_pp)
        return s->path;
    /* asyncc exits 1 after printing the user's errors; anything else (a crash, exhaustion) would
     * otherwise end the build without a word. */
    if (rc > 128)
        fprintf(stderr, "asyncc-cc: %s died of signal %d (%s) while transpiling %s\n", l->tool, rc - 128,
                strsignal(rc - 128), s->path);
    else if (rc != 0 && rc != 1 && rc != 127)
        fprintf(stderr, "asyncc-cc: %s failed with exit status %d while transpiling %s\n", l->tool, rc, s->path);
    if (rc != 0)
        return NULL;
    free(a.v);

    size_t n_in = 0, n_out = 0;
    char *in = read_all(s->path, &n_in), *text = read_all(out, &n_out);
    if (!text)
        die("asyncc wrote no %s", out);
    int same = in && n_in == n_out && memcmp(in, text, n_in) == 0;
    if (!same) {
        /* asyncc's #line directives start at the first async function: name the file from its
         * first line, so diagnostics about the code before it point at the user's file too. */
        FILE *fp = fopen(out, "wb");
        if (!fp)
            die("cannot write %s: %s", out, strerror(errno));
        fputs("#line 1 \"", fp);
        for (const char *p = s->path; *p; p++)
            fprintf(fp, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
        fputs("\"\n", fp);
        if (fwrite(text, 1, n_out, fp) != n_out || fclose(fp) != 0)
            die("cannot write %s: %s", out, strerror(errno));
    }
    free(in);
    free(text);
    return same ? s->path : out;
}

/* ------------------------------------------------------------------------------------------ */

/* path as the user's -ffile-prefix-map/-fdebug-prefix-map (the last that matches) rewrite it. */
static char *user_mapped(const argv_t *args, const char *path)
{
    char *best = NULL;
    for (int i = 0; i < args->n; i++) {
        const char *a = args->v[i], *map = NULL;
        if (strncmp(a, "-ffile-prefix-map=", 18) == 0)
            map = a + 18;
        else if (strncmp(a, "-fdebug-prefix-map=", 19) == 0)
            map = a + 19;
        const char *eq = map ? strchr(map, '=') : NULL;
        if (eq && strncmp(path, map, (size_t)(eq - map)) == 0) {
            free(best);
            best = xasprintf("%s%s", eq + 1, path + (eq - map));
        }
    }
    return best ? best : xasprintf("%s", path);
}

/* The real compile of a transpiled source at tmp names the original one in its debug information
 * (the unit's name and directory), as a plain build of path would, through the user's own prefix
 * maps: the temporary file's name made every build's objects differ and pointed debuggers and
 * addr2line at a file deleted after the build. */
static void name_original_source(argv_t *cc, const argv_t *args, const char *tmp, const char *path)
{
    char *dir = xasprintf("%s", tmp), *orig_dir = xasprintf("%s", path);
    char *mapped = user_mapped(args, path), *mapped_dir = user_mapped(args, dirname(orig_dir));
    push(cc, xasprintf("-ffile-prefix-map=%s=%s", dirname(dir), mapped_dir));
    push(cc, xasprintf("-ffile-prefix-map=%s=%s", tmp, mapped));
    free(dir);
    free(orig_dir);
    free(mapped);
    free(mapped_dir);
}

static void usage(void)
{
    puts("usage: asyncc-cc [options] [compiler flags] files...\n"
         "A C compiler driver: transpiles the async code in each .c file with asyncc, compiles the result\n"
         "with the real compiler and links libasyncc. Takes the real compiler's flags (see cc --help);\n"
         "-MD/-MMD/-MF/-MT (also as -Wp,-MD,FILE) write the dependencies of the original sources.\n"
         "\n"
         "Options of its own:\n"
         "  --help       this text\n"
         "  --version    the real compiler's version, then asyncc-cc's on the last line\n"
         "  --sequential build the sources as plain C, without asyncc, against the sequential library\n"
         "               (every async function of the runtime blocks its caller; for gdb, rr, valgrind)\n"
         "\n"
         "Environment:\n"
         "  ASYNCC_REAL_CC=CC    the real compiler (default: cc)\n"
         "  ASYNCC=PATH          the asyncc to run (in a build tree)\n"
         "  ASYNCC_CC_VERBOSE=1  print each command\n"
         "  ASYNCC_CC_KEEP=1     keep the transpiled files (in $TMPDIR/asyncc-cc.*/)\n"
         "  ASYNCC_SEQUENTIAL=1  as --sequential");
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "--asyncc-help") == 0) {
            usage();
            return 0;
        }
    verbose = env_on("ASYNCC_CC_VERBOSE");
    const char *real_cc = getenv("ASYNCC_REAL_CC");
    if (!real_cc || !*real_cc)
        real_cc = "cc";

    layout l;
    find_layout(&l);
    argv_t args = {0};
    push(&args, argv[0]);
    expand_response_files(&args, argc - 1, argv + 1, 0);
    /* --sequential: the sources as they are, plain C against the sequential library. */
    int sequential = env_on("ASYNCC_SEQUENTIAL");
    for (int i = 1; i < args.n; i++)
        if (strcmp(args.v[i], "--sequential") == 0) {
            sequential = 1;
            memmove(&args.v[i], &args.v[i + 1], sizeof *args.v * (size_t)(args.n - i));
            args.n--, i--;
        }
    command c = {0};
    parse(&c, args.n, args.v, real_cc);

    /* No input (--version, -dumpmachine, -print-*...): the real compiler answers. Build systems
     * read --version to learn which compiler this is (meson takes the first version number and
     * looks for "Free Software Foundation"), so asyncc-cc's own line comes last. */
    if (c.ninputs == 0) {
        int rc = run(&c.cc);
        for (int i = 1; i < args.n; i++)
            if (strcmp(args.v[i], "--version") == 0) {
                fflush(stdout);
                printf("asyncc-cc %s: transpiles with %s, compiles with %s\n", ASYNCC_CC_VERSION, l.tool, real_cc);
                break;
            }
        return rc;
    }

    int links = !c.compile_only && !c.stop_after_pp && !c.deps_only && !c.syntax_only;
    if (sequential) {
        push(&c.cc, "-DAC_SEQUENTIAL");
        c.nsrc = 0; /* nothing to transpile; the compiler writes the depfiles */
    }
    if (c.nsrc > 0 && !c.deps_only) {
        const char *t = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/asyncc-cc.XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmpdir))
            die("cannot create a temporary directory %s: %s", tmpdir, strerror(errno));
        atexit(cleanup);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
        int failed = 0;
        for (int k = 0; k < c.nsrc; k++) {
            const char *file = transpile(&c, &l, k);
            if (!file) {
                failed = 1;
                continue;
            }
            c.cc.v[c.src[k].argi] = (char *)file;
            if (file != c.src[k].path) {
                /* #include "x.h" must still find x.h beside the original source. */
                char *copy = xasprintf("%s", c.src[k].path);
                push(&c.cc, "-iquote");
                push(&c.cc, xasprintf("%s", dirname(copy)));
                free(copy);
                name_original_source(&c.cc, &args, file, c.src[k].path);
            }
        }
        if (failed)
            return 1;
    } else {
        /* -M/-MM, or no C source (assembler, objects): the real compiler writes the dependencies
         * of what it reads. */
        if (c.md)
            push(&c.cc, c.mmd ? "-MMD" : "-MD");
        if (c.mp)
            push(&c.cc, "-MP");
        if (c.mf) {
            push(&c.cc, "-MF");
            push(&c.cc, c.mf);
        }
        for (int i = 0; i < c.mt.n; i++)
            push(&c.cc, c.mt.v[i]);
    }
    push(&c.cc, "-I");
    push(&c.cc, l.include);
    if (links && !c.no_link_flags) {
        push(&c.cc, "-x"); /* what follows is not C, whatever -x the user gave */
        push(&c.cc, "none");
        if (sequential)
            push(&c.cc, l.seq);
        push(&c.cc, runtime_lib(&l, &args));
        push(&c.cc, "-luring");
        push(&c.cc, "-lpthread");
        push_words(&c.cc, ASYNCC_CC_LINK_FLAGS);
    }
    return run(&c.cc);
}
