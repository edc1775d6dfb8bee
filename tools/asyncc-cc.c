/* asyncc-cc.c: a drop-in C compiler driver. Transpiles each C source with asyncc into a temporary
 * file, compiles it with the real compiler (cc or $ASYNCC_REAL_CC) and links libasyncc. */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

#include "cc.h"

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

/* The name gcc gives standard input in its diagnostics, __FILE__ and debug information. */
#define STDIN_NAME "<stdin>"

static int is_stdin(const source *s)
{
    return strcmp(s->path, "-") == 0;
}

/* The sources that are files, not standard input. */
static int count_files(const command *c)
{
    int n = 0;
    for (int k = 0; k < c->nsrc; k++)
        n += !is_stdin(&c->src[k]);
    return n;
}

/* Standard input, copied into dir/<stdin> for asyncc, which reads files (and runs a preprocessor
 * on them); the real compiler reads the transpiled copy from its standard input in turn. */
static char *save_stdin(const char *dir)
{
    char *path = xasprintf("%s/%s", dir, STDIN_NAME), buf[65536];
    FILE *fp = fopen(path, "wb");
    if (!fp)
        die("cannot write %s: %s", path, strerror(errno));
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (fwrite(buf, 1, n, fp) != n)
            die("cannot write %s: %s", path, strerror(errno));
    if (ferror(stdin))
        die("cannot read standard input: %s", strerror(errno));
    if (fclose(fp) != 0)
        die("cannot write %s: %s", path, strerror(errno));
    return path;
}

/* path as a C string literal, which is how #line and the preprocessor's line markers name a file. */
static char *quoted(const char *path)
{
    char *q = xrealloc(NULL, 2 * strlen(path) + 3), *w = q;
    *w++ = '"';
    for (const char *p = path; *p; p++) {
        if (*p == '"' || *p == '\\')
            *w++ = '\\';
        *w++ = *p;
    }
    *w++ = '"';
    *w = 0;
    return q;
}

/* text[0..*len) with each file name "from" (quoted, as #line and line markers name a file)
 * replaced by "to". */
static char *rename_quoted(char *text, size_t *len, const char *from, const char *to)
{
    char *qfrom = quoted(from), *qto = quoted(to);
    size_t nf = strlen(qfrom), nt = strlen(qto), n = 0;
    char *out = xrealloc(NULL, *len / nf * nt + *len + 1), *p = text, *end = text + *len, *hit;
    while ((hit = memmem(p, (size_t)(end - p), qfrom, nf)) != NULL) {
        memcpy(out + n, p, (size_t)(hit - p));
        n += (size_t)(hit - p);
        memcpy(out + n, qto, nt);
        n += nt;
        p = hit + nf;
    }
    memcpy(out + n, p, (size_t)(end - p));
    *len = n + (size_t)(end - p);
    free(text), free(qfrom), free(qto);
    return out;
}

/* asyncc's diagnostics of standard input, saved in err: printed with the saved copy's path
 * named as gcc names standard input. */
static void print_stdin_diagnostics(const char *err, const char *saved)
{
    size_t n;
    char *text = read_all(err, &n);
    if (!text)
        return;
    for (char *p = text, *end = text + n, *hit; p < end; p = hit + strlen(saved)) {
        hit = memmem(p, (size_t)(end - p), saved, strlen(saved));
        fwrite(p, 1, (size_t)((hit ? hit : end) - p), stderr);
        if (!hit)
            break;
        fputs(STDIN_NAME, stderr);
    }
    free(text);
}

/* Transpiles source k into the temporary directory. Returns the file to compile instead of the
 * original (the original itself when asyncc left it unchanged, the saved copy of standard input
 * for standard input), or NULL after asyncc reported errors. */
static const char *transpile(const command *c, const layout *l, int k)
{
    const source *s = &c->src[k];
    char *dir = xasprintf("%s/%d", tmpdir, k);
    if (mkdir(dir, 0700) < 0)
        die("cannot create %s: %s", dir, strerror(errno));
    int from_stdin = is_stdin(s);
    const char *input = from_stdin ? save_stdin(dir) : s->path;
    /* The same base name keeps `cc -c x.c` writing x.o where the user expects it (a source
     * named otherwise comes after -x c, which still applies to it in the real command). */
    char *out = from_stdin ? xasprintf("%s/stdin.c", dir) : xasprintf("%s/%s", dir, base_name(s->path));
    char *err = from_stdin && !c->stop_after_pp ? xasprintf("%s/asyncc.err", dir) : NULL;
    argv_t a = {0};
    push(&a, l->tool);
    for (int i = 0; i < c->pp.n; i++)
        push(&a, c->pp.v[i]);
    if (s->explicit_c)
        push(&a, "-xc");
    /* gcc looks for standard input's quote includes in the current directory */
    if (from_stdin) {
        push(&a, "-iquote");
        push(&a, ".");
    }
    /* Standard input's dependencies are the real compiler's to write: asyncc would name the
     * saved copy. */
    if (c->md && !c->deps_only && !from_stdin) {
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
    push(&a, input);
    /* -E asks for preprocessing only, which C that does not parse survives (configure scripts
     * probe the preprocessor with such files): there asyncc's errors are not the caller's, and
     * the original file is preprocessed instead. */
    int rc = run_io(&a, NULL, NULL, c->stop_after_pp ? "/dev/null" : err);
    if (err)
        print_stdin_diagnostics(err, input);
    if (rc != 0 && c->stop_after_pp)
        return input;
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
    char *in = read_all(input, &n_in), *text = read_all(out, &n_out);
    if (!text)
        die("asyncc wrote no %s", out);
    int same = in && n_in == n_out && memcmp(in, text, n_in) == 0;
    if (!same && from_stdin)
        text = rename_quoted(text, &n_out, input, STDIN_NAME);
    if (!same) {
        /* asyncc's #line directives start at the first async function: name the file from its
         * first line, so diagnostics about the code before it point at the user's file too. */
        FILE *fp = fopen(out, "wb");
        if (!fp)
            die("cannot write %s: %s", out, strerror(errno));
        char *name = quoted(from_stdin ? STDIN_NAME : s->path);
        fprintf(fp, "#line 1 %s\n", name);
        free(name);
        if (fwrite(text, 1, n_out, fp) != n_out || fclose(fp) != 0)
            die("cannot write %s: %s", out, strerror(errno));
    }
    free(in);
    free(text);
    return same ? input : out;
}

/* Whether paths a and b name one existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* `asyncc-cc x.c -o x.c` (a slip in a Makefile rule): gcc refuses an output that is one of its
 * inputs, but the real compiler reads a transpiled copy and wrote the program over the user's
 * source. Refused here, in gcc's words, before anything runs. */
static void refuse_output_over_source(const command *c)
{
    if (!c->output)
        return;
    for (int k = 0; k < c->nsrc; k++)
        if (same_file(c->src[k].path, c->output))
            die("fatal error: input file '%s' is the same as output file", c->src[k].path);
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

/* -E of transpiled sources: the preprocessor's line markers name each temporary file (its
 * directory random), where gcc's name the source. That output is what ccache hashes, which
 * never hit (and gave up its direct mode for a file gone after the build). The real compiler
 * writes to c->output, or to a file in place of standard output, where the temporary names
 * (renames: pairs of temporary file, source) become the sources'. Returns its exit status. */
static int preprocess(command *c, const argv_t *renames, const char *stdin_file)
{
    int to_stdout = !c->output || strcmp(c->output, "-") == 0;
    char *path = to_stdout ? xasprintf("%s/preprocessed.i", tmpdir) : xasprintf("%s", c->output);
    int rc = run_io(&c->cc, stdin_file, to_stdout ? path : NULL, NULL);
    size_t len;
    char *text = read_all(path, &len);
    if (text) {
        for (int i = 0; i + 1 < renames->n; i += 2)
            text = rename_quoted(text, &len, renames->v[i], renames->v[i + 1]);
        FILE *fp = to_stdout ? stdout : fopen(path, "wb");
        if (!fp || fwrite(text, 1, len, fp) != len || (to_stdout ? fflush(fp) : fclose(fp)) != 0)
            die("cannot write %s: %s", to_stdout ? "standard output" : path, strerror(errno));
        free(text);
    }
    free(path);
    return rc;
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
    parse_command(&c, args.n, args.v, real_cc);

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

    refuse_output_over_source(&c);
    int links = !c.compile_only && !c.stop_after_pp && !c.deps_only && !c.syntax_only;
    /* The runtime's link flags come last in a command that compiles too, where they decide the
     * sanitizer the source is compiled with (a sanitizer build of the runtime: -fsanitize=address
     * after a user's -fno-sanitize=address): asyncc reads the source as the compiler does. */
    if (links && !c.no_link_flags) {
        argv_t words = {0};
        push_words(&words, ASYNCC_CC_LINK_FLAGS);
        for (int i = 0; i < words.n; i++)
            if (strncmp(words.v[i], "-fsanitize=", 11) == 0 || strncmp(words.v[i], "-fno-sanitize=", 14) == 0)
                push(&c.pp, words.v[i]);
    }
    if (sequential) {
        push(&c.cc, "-DAC_SEQUENTIAL");
        c.nsrc = 0; /* nothing to transpile; the compiler writes the depfiles */
    }
    const char *stdin_file = NULL; /* what the real compiler reads as standard input */
    argv_t renames = {0};          /* temporary file, source: for -E */
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
            if (is_stdin(&c.src[k])) {
                stdin_file = file; /* the real compiler still reads "-" */
                continue;
            }
            c.cc.v[c.src[k].argi] = (char *)file;
            if (file != c.src[k].path) {
                push(&renames, file);
                push(&renames, c.src[k].path);
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
    }
    if (c.deps_only || count_files(&c) == 0) {
        /* -M/-MM, or no C source file (standard input, assembler, objects): the real compiler
         * writes the dependencies of what it reads. */
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
    if (c.stop_after_pp && renames.n)
        return preprocess(&c, &renames, stdin_file);
    return run_io(&c.cc, stdin_file, NULL, NULL);
}
