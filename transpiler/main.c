/* main.c: the asyncc command: reads flags as a C compiler would, transpiles one file and writes
 * the result (--emit=c), or explains it (--emit=frames, --emit=dot). */
#include "internal.h"
#include "plan.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef ASYNCC_CLANG
#define ASYNCC_CLANG "clang"
#endif
#ifndef ASYNCC_BUILD_INCLUDE_DIR
#define ASYNCC_BUILD_INCLUDE_DIR ""
#endif
#ifndef ASYNCC_VERSION
#define ASYNCC_VERSION "0"
#endif

typedef struct options {
    const char *input, *output, *emit, *ccdb;
    int emit_given;
    const char **flags; /* for the preprocessor: everything the user gave */
    int nflags;
    const char **parse_flags; /* for libclang on the preprocessed text: no -I/-D/-include/-M* */
    int nparse;
    int no_lines;
    int generated_in_source; /* --generated-lines=source */
    const char *real_cc;     /* --cc: the compiler of the output */
} options;

static void usage(FILE *fp)
{
    fputs("usage: asyncc [options] [compiler flags] input.c\n"
          "  -o FILE             write the transpiled C to FILE (default, and `-o -`: standard output)\n"
          "  --emit=c            the transpiled C formatted for reading (no #line unless --lines)\n"
          "  --emit=frames       per async function: frame size, fields with offsets, await sites\n"
          "  --emit=dot          the state machines as a Graphviz graph\n"
          "  --no-lines, --lines leave out or keep the #line directives (kept by default with -o)\n"
          "  --generated-lines=source|output\n"
          "                      what gdb shows for generated code (poll, drop, init): the async function's\n"
          "                      line in the input, or the output file's own line (the default; asyncc-cc,\n"
          "                      which deletes the output after compiling it, asks for source)\n"
          "  -p DIR              take the compiler flags for input.c from DIR/compile_commands.json\n"
          "  --cc=CC             the compiler that builds the output (default: $ASYNCC_REAL_CC, else cc):\n"
          "                      async code that tests the compiler (__GNUC__, __clang__) is refused where\n"
          "                      CC and asyncc's preprocessor, clang, would take different branches\n"
          "  -I -D -U -std= -include -isystem ... as for the C compiler; -MD -MF -MT write a depfile\n"
          "  --version, --help\n",
          fp);
}

/* Flags whose value is the next argument. */
static int takes_value(const char *a)
{
    static const char *const v[] = {"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
                                     "-MF", "-MT", "-MQ", "-x", "-target", "-isysroot", "--sysroot", "-iprefix", NULL};
    for (int i = 0; v[i]; i++)
        if (strcmp(a, v[i]) == 0)
            return 1;
    return 0;
}

/* Preprocessor-only flags, which must not reach libclang's parse of already preprocessed text. */
static int preprocessor_only(const char *a)
{
    static const char *const p[] = {"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
                                    "-M", "-iprefix", "-C", "-P", NULL};
    for (int i = 0; p[i]; i++)
        if (strncmp(a, p[i], strlen(p[i])) == 0)
            return 1;
    return 0;
}

static void add_flag(options *o, const char *a, const char *value)
{
    o->flags = xrealloc(o->flags, sizeof *o->flags * (size_t)(o->nflags + 2));
    o->flags[o->nflags++] = a;
    if (value)
        o->flags[o->nflags++] = value;
    tk_language_flag(a);
    if (preprocessor_only(a) || strcmp(a, "-x") == 0)
        return;
    o->parse_flags = xrealloc(o->parse_flags, sizeof *o->parse_flags * (size_t)(o->nparse + 2));
    o->parse_flags[o->nparse++] = a;
    if (value)
        o->parse_flags[o->nparse++] = value;
}

/* Flags from compile_commands.json for the input: the compiler's, less -c, -o and the sources.
 * They come before the command line's, which can override them, and their warning flags (-Wall,
 * -Werror, -w, -Wasync-*, -Wreturn-type) are taken as the command line's are. */
static int load_ccdb(options *o, const char *input)
{
    CXCompilationDatabase_Error err;
    CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(o->ccdb, &err);
    if (err != CXCompilationDatabase_NoError) {
        fprintf(stderr, "asyncc: cannot read %s/compile_commands.json\n", o->ccdb);
        return -1;
    }
    char path[PATH_MAX];
    const char *abs = realpath(input, path) ? path : input;
    CXCompileCommands cmds = clang_CompilationDatabase_getCompileCommands(db, abs);
    unsigned which = 0;
    if (!cmds || clang_CompileCommands_getSize(cmds) == 0) {
        if (cmds)
            clang_CompileCommands_dispose(cmds);
        cmds = cc_generated_command(db, abs, &which);
    }
    int rc = -1;
    if (cmds && clang_CompileCommands_getSize(cmds) > 0) {
        CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, which);
        char *dir = cx_take(clang_CompileCommand_getDirectory(cmd));
        unsigned n = clang_CompileCommand_getNumArgs(cmd);
        for (unsigned i = 1; i < n; i++) {
            char *a = cx_take(clang_CompileCommand_getArg(cmd, i));
            /* libclang may end the flags with "--" before the file name */
            if (strcmp(a, "-c") == 0 || a[0] != '-' || strcmp(a, "--") == 0) {
                free(a);
                continue;
            }
            if (strcmp(a, "-o") == 0) {
                i++;
                free(a);
                continue;
            }
            fo_option(a);
            if (li_option(a)) {
                free(a);
                continue;
            }
            const char *value = NULL;
            if (takes_value(a) && i + 1 < n)
                value = cx_take(clang_CompileCommand_getArg(cmd, ++i));
            /* Relative include directories are relative to the command's directory. */
            if (strncmp(a, "-I", 2) == 0 && a[2] && a[2] != '/') {
                char *abs_inc = xasprintf("-I%s/%s", dir, a + 2);
                free(a);
                a = abs_inc;
            } else if (strcmp(a, "-I") == 0 && value && value[0] != '/') {
                char *abs_inc = xasprintf("%s/%s", dir, value);
                free((char *)value);
                value = abs_inc;
            }
            add_flag(o, a, value);
        }
        free(dir);
        rc = 0;
    } else {
        fprintf(stderr, "asyncc: %s is not in %s/compile_commands.json\n", input, o->ccdb);
    }
    if (cmds)
        clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(db);
    return rc;
}

/* -p's directory, and the input it is for (NULL: none): found before the other arguments are
 * taken, since the flags from the compilation database go first. */
static const char *find_ccdb(options *o, int argc, char **argv)
{
    const char *input = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-p") == 0 && i + 1 < argc)
            o->ccdb = argv[++i];
        else if (strcmp(a, "-o") == 0 || takes_value(a))
            i++;
        else if ((a[0] != '-' || !a[1]) && !input)
            input = a;
    }
    return input;
}

static int parse_args(options *o, int argc, char **argv)
{
    o->emit = "c";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        fo_option(a); /* and on: the flags of -Wreturn-type are the compiler's too */
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--version") == 0) {
            if (cx_load() < 0)
                exit(2);
            printf("asyncc %s (libclang: %s)\n", ASYNCC_VERSION, clang_getCString(clang_getClangVersion()));
            exit(0);
        } else if (strncmp(a, "--emit=", 7) == 0) {
            o->emit = a + 7;
            o->emit_given = strcmp(o->emit, "c") == 0;
            if (strcmp(o->emit, "c") && strcmp(o->emit, "frames") && strcmp(o->emit, "dot")) {
                fprintf(stderr, "asyncc: unknown --emit kind '%s' (c, frames or dot)\n", o->emit);
                return -1;
            }
        } else if (strcmp(a, "--no-lines") == 0) {
            o->no_lines = 1;
        } else if (strcmp(a, "--lines") == 0) {
            o->no_lines = -1;
        } else if (strcmp(a, "--generated-lines=source") == 0 || strcmp(a, "--generated-lines=output") == 0) {
            o->generated_in_source = a[18] == 's';
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            o->output = argv[++i];
            if (strcmp(o->output, "-") == 0) /* standard output, as without -o */
                o->output = NULL;
        } else if (strncmp(a, "--cc=", 5) == 0) {
            o->real_cc = a + 5;
        } else if (strcmp(a, "-p") == 0 && i + 1 < argc) {
            i++; /* find_ccdb took it */
        } else if (strcmp(a, "-c") == 0) {
            /* harmless: the compiler's flags are welcome as they are */
        } else if (li_option(a)) {
            /* a lint's -W flag: asyncc's own */
        } else if (a[0] == '-' && a[1]) {
            const char *value = takes_value(a) && i + 1 < argc ? argv[++i] : NULL;
            add_flag(o, a, value);
        } else if (!o->input) {
            o->input = a;
        } else {
            fprintf(stderr, "asyncc: one input file at a time ('%s' and '%s')\n", o->input, a);
            return -1;
        }
    }
    if (!o->input) {
        usage(stderr);
        return -1;
    }
    return 0;
}

/* The compiler that builds the output: --cc, else $ASYNCC_REAL_CC, else cc. */
static const char *real_cc(const options *o)
{
    const char *cc = o->real_cc ? o->real_cc : getenv("ASYNCC_REAL_CC");
    return cc && *cc ? cc : "cc";
}

/* Whether path is a symbolic link: output is written through it (into the file it names, as gcc
 * does), never by renaming a new file over the link itself (`-o /dev/stdout` as root replaced the
 * system's link with a regular file). */
static int is_symlink(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* Whether path names the file input is (through a link, another spelling, a hard link). */
static int same_file(const char *path, const char *input)
{
    struct stat a, b;
    return stat(path, &a) == 0 && stat(input, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The depfile that -MF names (clang's preprocessor writes it), when it is the input itself:
 * `-MD -MF x.c x.c` replaced the source with its dependencies. */
static const char *depfile_is_input(const options *o)
{
    for (int i = 0; i < o->nflags; i++) {
        const char *f = o->flags[i];
        const char *path = strcmp(f, "-MF") == 0 && i + 1 < o->nflags ? o->flags[i + 1]
                           : strncmp(f, "-MF", 3) == 0 && f[3]           ? f + 3
                                                                          : NULL;
        if (path && same_file(path, o->input))
            return path;
    }
    return NULL;
}

/* Refuses a file with a null character that must be rewritten: compilers skip one (gcc says
 * nothing of one in a comment), but asyncc's passes read the text as C strings, and the output
 * ended at it (the rest of the file gone). A file with nothing to rewrite is copied byte for
 * byte, its null characters too. Returns 1 when it reported one. */
static int refuse_null_character(tunit *t)
{
    const char *nul = memchr(t->orig, 0, t->orig_len);
    if (!nul)
        return 0;
    unsigned line = 1, col = 1;
    for (const char *p = t->orig; p < nul; p++, col++)
        if (*p == '\n')
            line++, col = 0;
    dg_diag_at(t, t->input, line, col, "error", NULL,
               "a null character in a file that asyncc rewrites: it reads the text as C strings and "
               "cannot keep it; remove it (or write it as '\\0' in a literal)");
    return 1;
}

/* Writes text to path. A regular file (or a new one) is written through a temporary file and a
 * rename, so that a failure never leaves half an output; anything else (a device, a FIFO, a
 * symbolic link) is written in place and never replaced. Refuses to overwrite the input itself. */
static int write_output(const char *path, const char *input, const char *text, size_t len)
{
    if (!path) {
        int ok = fwrite(text, 1, len, stdout) == len;
        return fflush(stdout) == 0 && ok ? 0 : -1;
    }
    struct stat a;
    int exists = stat(path, &a) == 0;
    if (same_file(path, input)) {
        fprintf(stderr, "asyncc: refusing to overwrite the input file %s with its output\n", input);
        return -1;
    }
    if (exists && (!S_ISREG(a.st_mode) || is_symlink(path))) {
        FILE *fp = fopen(path, "wb");
        int ok = fp && fwrite(text, 1, len, fp) == len;
        if (fp)
            ok &= fclose(fp) == 0;
        if (!ok)
            fprintf(stderr, "asyncc: cannot write %s: %s\n", path, strerror(errno));
        return ok ? 0 : -1;
    }
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        fprintf(stderr, "asyncc: cannot write %s: %s\n", path, strerror(errno));
        free(tmp);
        return -1;
    }
    int ok = fwrite(text, 1, len, fp) == len;
    ok &= fclose(fp) == 0;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "asyncc: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

/* On failure a stale output from an earlier run must not survive (a build would pick it up), but
 * only a regular file that is not the input is ever removed; one reached through a symbolic link
 * is emptied instead, so the link stays. */
static void remove_stale_output(const char *path, const char *input)
{
    struct stat a, b;
    if (!path || stat(path, &a) != 0 || !S_ISREG(a.st_mode))
        return;
    if (stat(input, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return;
    if (is_symlink(path)) {
        if (truncate(path, 0) != 0)
            fprintf(stderr, "asyncc: cannot empty the stale output %s: %s\n", path, strerror(errno));
        return;
    }
    unlink(path);
}

/* The directory holding asyncc.h: beside an installed asyncc (../include), else the source tree
 * this asyncc was built from. */
static char *include_dir(const char *argv0)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *dir = xasprintf("%s/../include", dirname(exe));
        char *probe = xasprintf("%s/asyncc.h", dir);
        int found = access(probe, R_OK) == 0;
        free(probe);
        if (found)
            return dir;
        free(dir);
    }
    (void)argv0;
    return xstrdup(ASYNCC_BUILD_INCLUDE_DIR);
}

/* ASYNCC_TIMING=1 prints where the time goes, phase by phase, on stderr. */
static double phase_start, phase_cpu;
static long phase_faults;
static int timing;

static double now_s(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wall time, CPU time of every thread (what a loaded machine or a parallel build pays), and
 * the pages first touched (each a minor fault: kernel time). */
static void phase(const char *name)
{
    if (!timing)
        return;
    double t = now_s(CLOCK_MONOTONIC), c = now_s(CLOCK_PROCESS_CPUTIME_ID);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "asyncc: %-12s %7.1f ms  cpu %7.1f ms  faults %6ld\n", name, (t - phase_start) * 1e3,
            (c - phase_cpu) * 1e3, ru.ru_minflt - phase_faults);
    phase_start = t;
    phase_cpu = c;
    phase_faults = ru.ru_minflt;
}

double tm_now(void)
{
    return timing ? now_s(CLOCK_MONOTONIC) * 1e3 : 0;
}

void tm_note(const char *what, double ms)
{
    if (timing)
        fprintf(stderr, "asyncc:   %-30s %7.1f ms\n", what, ms);
}

/* Sanitizer builds: asyncc is a short-lived process that leaves its memory to exit, so leak
 * reports would only be noise; every other check stays on. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}

/* ThreadSanitizer builds of asyncc itself (-fsanitize=thread in CMAKE_C_FLAGS; the project's
 * ASYNCC_SANITIZE=thread instruments the runtime only): libclang and LLVM are not instrumented,
 * so the locks they take inside are unseen and their accesses from two parses at once look like
 * races. Those are left out; a race with both sides in asyncc's own code is still reported. So
 * is the thread that loads libclang, which main leaves behind on purpose when a file needs no
 * parse (see main: _exit). */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
    return "race:libLLVM\nrace:libclang\nthread:main\n";
}

/* hv_each's job: the plan and the lints of function i. */
static void plan_and_lint(tunit *t, unsigned i, void *arg)
{
    (void)arg;
    pl_function(t, t->fns[i]);
    li_function(t, t->fns[i]);
}

static void *load_libclang(void *rc)
{
    *(int *)rc = cx_load();
    return NULL;
}

int main(int argc, char **argv)
{
    timing = getenv("ASYNCC_TIMING") != NULL;
    phase_start = now_s(CLOCK_MONOTONIC);
    phase_cpu = now_s(CLOCK_PROCESS_CPUTIME_ID);
    options o = {0};
    const char *ccdb_input = find_ccdb(&o, argc, argv);
    if (o.ccdb && ccdb_input && (cx_load() < 0 || load_ccdb(&o, ccdb_input) < 0))
        return 2;
    if (parse_args(&o, argc, argv) < 0)
        return 2;

    tunit t = {0};
    t.input = o.input;
    /* --emit=c asked for by name is for reading: no #line unless --lines. A build (no --emit)
     * keeps them, so that errors and gdb point at the user's lines. */
    t.lines = o.no_lines == 0 ? !o.emit_given : o.no_lines < 0;
    if (t.lines && o.generated_in_source)
        t.lines = 2;
    t.output = o.output ? o.output : xasprintf("%s.async.c", o.input);
    t.orig = sb_read_file(o.input, &t.orig_len);
    if (!t.orig) {
        fprintf(stderr, "asyncc: cannot read %s: %s\n", o.input, strerror(errno));
        return 2;
    }
    const char *depfile = depfile_is_input(&o);
    if (depfile) {
        fprintf(stderr, "asyncc: refusing to overwrite the input file %s with the depfile -MF %s\n", o.input, depfile);
        return 2;
    }

    char *inc = include_dir(argv[0]);
    char *inc_flag = xasprintf("-I%s", inc);
    add_flag(&o, inc_flag, NULL);
    const char *clang = getenv("ASYNCC_CLANG");
    if (!clang || !*clang)
        clang = ASYNCC_CLANG;
    int rc = 1, pp_pid, pp_fd;
    /* The preprocessor runs while libclang loads. */
    t.clang = clang;
    t.pp_flags = o.flags;
    t.npp_flags = o.nflags;
    /* The input is lexed while the preprocessor runs, unless a comment may need the overlay
     * (rare): then before, since the overlay must exist when it starts. */
    pp_overlay overlay = {0};
    int lexed = pp_overlay_maybe(t.orig, t.orig_len);
    if (lexed)
        tk_lex(&t.orig_toks, t.orig, (unsigned)t.orig_len);
    const char **pp_flags = xcalloc((size_t)o.nflags + 2, sizeof *pp_flags);
    int npp_flags = o.nflags;
    memcpy(pp_flags, o.flags, (size_t)o.nflags * sizeof *pp_flags);
    if (lexed && pp_overlay_make(&overlay, &t.orig_toks, o.input) < 0) {
        remove_stale_output(o.output, o.input);
        return 1;
    }
    if (overlay.on) {
        pp_flags[npp_flags++] = "-ivfsoverlay";
        pp_flags[npp_flags++] = overlay.yaml;
    }
    int pp_started = pp_start(clang, pp_flags, npp_flags, o.input, PP_DEFINES, &pp_pid, &pp_fd);
    free(pp_flags);
    if (pp_started < 0) {
        pp_overlay_remove(&overlay);
        remove_stale_output(o.output, o.input);
        return 1;
    }
    if (!lexed)
        tk_lex(&t.orig_toks, t.orig, (unsigned)t.orig_len);
    /* libclang loads on a thread of its own while this one drains the preprocessor's pipe:
     * reading only after the load would stall the preprocessor once the pipe is full. A file
     * whose text names nothing of asyncc's loads it only if the preprocessed text does (its
     * headers' async declarations), and mostly never: see pp_mentions_async. */
    pthread_t loader;
    int load_rc = -1, early = memmem(t.orig, t.orig_len, "async", 5) || memmem(t.orig, t.orig_len, "await", 5) ||
                              memmem(t.orig, t.orig_len, "ac_", 3);
    int threaded = early && pthread_create(&loader, NULL, load_libclang, &load_rc) == 0;
    if (early && !threaded)
        load_libclang(&load_rc);
    pp_text pre;
    int pp_rc = pp_finish_lexed(pp_pid, pp_fd, &pre, &t.self_macros);
    t.text = pre.text;
    t.text_len = pre.len;
    t.toks = pre.toks;
    pp_overlay_remove(&overlay);
    /* A file that mentions nothing of asyncc's (pp_mentions_async) comes out byte for byte, so it
     * needs no parse: clang's judgement of it is the compiler's to give, and a project that
     * builds every file through asyncc-cc pays only the preprocessor for its plain ones. */
    if (pp_rc == 0 && strcmp(o.emit, "c") == 0 && !pre.mentions) {
        int wrc = write_output(o.output, o.input, t.orig, t.orig_len) == 0 ? 0 : 1;
        if (threaded) { /* not exit(): it would wait for the loader's dlopen, then unload beside it */
            fflush(NULL);
            _exit(wrc);
        }
        return wrc;
    }
    int null_char = pp_rc == 0 && refuse_null_character(&t);
    if (pp_rc == 0 && !null_char) {
        if (strcmp(o.emit, "c") == 0)
            pi_start(&t, real_cc(&o), inc, pre.raw);
        else
            free(pre.raw);
        rl_relines(&t);
        pp_plain_stringified(&t);
        pg_scan_layouts(&t);
    }
    if (threaded)
        pthread_join(loader, NULL);
    else if (!early)
        load_libclang(&load_rc);
    if (load_rc < 0)
        return 2;
    if (pp_rc < 0 || null_char) {
        remove_stale_output(o.output, o.input);
        return 1;
    }
    phase("preprocess");
    char *iname = xasprintf("%s.asyncc.i", o.input);
    const char **pargs = xcalloc((size_t)o.nparse + 6, sizeof *pargs);
    int np = 0;
    for (int i = 0; i < o.nparse; i++)
        pargs[np++] = o.parse_flags[i];
    /* No warning but the one whose notes say which initializers C never evaluates (overrides.c):
     * -w would silence it too. */
    pargs[np++] = "-Wno-everything";
    pargs[np++] = "-Winitializer-overrides";
    pargs[np++] = "-Wno-error=initializer-overrides";
    pargs[np++] = "-Wreturn-type"; /* and the one that falloff.c gives for async functions */
    pargs[np++] = "-Wno-error=return-type";
    if (ps_parse(&t, iname, pargs, np) < 0)
        goto out;
    phase(t.split ? "parse half" : "parse");
    for (;;) {
        if (dg_report_clang(&t))
            goto out;
        int found = an_analyze(&t);
        if (found != AN_RESTART) {
            if (found)
                goto out;
            break;
        }
        an_reset(&t);
        if (ps_whole(&t) < 0)
            goto out;
    }
    pi_check(&t);
    fo_report(&t, real_cc(&o));
    phase(t.tu2 ? "analyze+half" : "analyze");
    pl_prepare(&t);
    li_errno_setters(&t);
    hv_each(&t, plan_and_lint, NULL);
    phase(t.two_threads ? "plan,lint x2" : "plan, lint");
    if (t.errors)
        goto out;

    char *result = NULL;
    size_t result_len = 0;
    if (strcmp(o.emit, "c") == 0 && !t.nfns && !t.nprotos) { /* byte for byte */
        result = memcpy(xmalloc(t.orig_len + 1), t.orig, t.orig_len + 1);
        result_len = t.orig_len;
    } else if (strcmp(o.emit, "c") == 0)
        result = out_compose(&t);
    else if (strcmp(o.emit, "frames") == 0)
        result = in_frames(&t);
    else
        result = in_dot(&t);
    phase(t.two_threads ? "lower x2" : "lower");
    if (result && !result_len)
        result_len = strlen(result);
    if (result && !t.errors && write_output(o.output, o.input, result, result_len) == 0)
        rc = 0;
    phase("write");
    free(result);
out:
    if (rc != 0 && strcmp(o.emit, "c") == 0)
        remove_stale_output(o.output, o.input);
    pi_end(&t);
    ps_dispose(&t);
    return rc;
}
