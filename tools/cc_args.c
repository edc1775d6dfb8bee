/* cc_args.c: asyncc-cc's command line read as gcc reads it: the sources to transpile, the flags
 * asyncc must see, dependency files, response files. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cc.h"

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
 * fshort-wchar.c made async aborted); -trigraphs and -undef change the text itself. Everything else (warnings, code generation, linking) is for
 * the real compiler alone: clang would reject some of gcc's. */
static int for_preprocessor(const char *a)
{
    static const char *const prefix[] = {"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
                                         "-idirafter", "-iprefix", "-iwithprefix", "-isysroot", "--sysroot",
                                         "-std=", "-O", "-march=", "-mtune=", "-Wp,",
                                         /* clang's __has_feature(address_sanitizer) answers as
                                          * gcc's __SANITIZE_ADDRESS__ then (gnulib's HAVE_ASAN) */
                                         "-fsanitize=", "-fno-sanitize=",
                                         /* x86 instruction set extensions, each defining its macro and
                                          * letting the functions of its intrinsics be called (clang
                                          * refuses `_mm_gf2p8mul_epi8` in a function built without gfni) */
                                         "-msse", "-mno-sse", "-mssse3", "-mno-ssse3", "-mavx", "-mno-avx",
                                         "-mfma", "-mno-fma", "-mbmi", "-mno-bmi", "-mpopcnt", "-mno-popcnt",
                                         "-maes", "-mno-aes", "-mpclmul", "-mno-pclmul", "-mf16c", "-mno-f16c",
                                         "-mlzcnt", "-mno-lzcnt", "-msha", "-mno-sha", "-mgfni", "-mno-gfni",
                                         "-mvaes", "-mno-vaes", "-mvpclmulqdq", "-mno-vpclmulqdq", "-mrdrnd",
                                         "-mno-rdrnd", "-mrdseed", "-mno-rdseed", "-madx", "-mno-adx", "-mmovbe",
                                         "-mno-movbe", "-mxsave", "-mno-xsave", "-mfsgsbase", "-mno-fsgsbase",
                                         "-mrtm", "-mno-rtm", "-mclflushopt", "-mno-clflushopt", "-mclwb",
                                         "-mno-clwb", "-mprfchw", "-mno-prfchw", "-mmovdir", "-mno-movdir",
                                         "-mserialize", "-mno-serialize", "-mtsxldtrk", "-mno-tsxldtrk", "-mcx16",
                                         "-mno-cx16", "-msahf", "-mno-sahf", "-mcrc32", "-mno-crc32", "-mabm",
                                         "-mno-abm", "-mpku", "-mno-pku", "-mrdpid", "-mno-rdpid", "-mcldemote",
                                         "-mno-cldemote", "-mptwrite", "-mno-ptwrite", "-mkl", "-mno-kl", "-mwidekl",
                                         "-mno-widekl", "-mhle", "-mno-hle", "-mmmx", "-mno-mmx", "-mamx-",
                                         "-mno-amx-", "-mwaitpkg", "-mno-waitpkg", "-menqcmd", "-mno-enqcmd",
                                         "-muintr", "-mno-uintr", "-mhreset", "-mno-hreset", "-mxop", "-mno-xop",
                                         "-mfma4", "-mno-fma4", "-mtbm", "-mno-tbm", "-mlwp", "-mno-lwp",
                                         "-mwbnoinvd", "-mno-wbnoinvd", "-mpconfig", "-mno-pconfig", "-msgx",
                                         "-mno-sgx", "-mshstk", "-mno-shstk", "-mclzero", "-mno-clzero", "-mmwaitx",
                                         "-mno-mwaitx", "-mrdpru", "-mno-rdpru", "-m3dnow", "-mno-3dnow",
                                         "-mprefetchwt1", "-mno-prefetchwt1", "-mgeneral-regs-only",
                                         /* structure layout, which asyncc's sizes follow */
                                         "-fpack-struct", NULL};
    static const char *const exact[] = {"-ansi", "-pthread", "-nostdinc", "-funsigned-char", "-fsigned-char",
                                        "-fno-unsigned-char", "-fno-signed-char", "-fPIC", "-fpic", "-fPIE",
                                        "-fpie", "-m32", "-m64", "-fopenmp", "-ffast-math", "-fno-fast-math",
                                        "-ffinite-math-only", "-fno-finite-math-only", "-fno-inline",
                                        "-fshort-enums", "-fno-short-enums", "-fshort-wchar", "-fno-short-wchar",
                                        "-fgnu89-inline", "-fno-gnu89-inline", "-fno-pack-struct", "-mms-bitfields",
                                        "-mno-ms-bitfields", "-fms-extensions", "-fno-ms-extensions", "-trigraphs",
                                        "-undef", "-fdollars-in-identifiers", "-fno-dollars-in-identifiers",
                                        /* in C, string literals become `const char[N]` */
                                        "-Wwrite-strings", "-Wno-write-strings", NULL};
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

/* -Wall, -Wreturn-type and their negations: asyncc gives -Wreturn-type's "control reaches the end of
 * a non-void function" for async functions, which the output cannot carry, as they ask. */
static int says_return_type(const char *a)
{
    static const char *const exact[] = {"-Wall", "-Wreturn-type", "-Wno-return-type", "-Werror=return-type",
                                        "-Wno-error=return-type", NULL};
    for (int i = 0; exact[i]; i++)
        if (strcmp(a, exact[i]) == 0)
            return 1;
    return 0;
}

/* Expands @FILE arguments as gcc does: FILE holds more arguments, separated by white space, with
 * '...', "..." and backslash quoting (build systems use them for long command lines). */
void expand_response_files(argv_t *out, int argc, char **argv, int depth)
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

void parse_command(command *c, int argc, char **argv, const char *real_cc)
{
    push_words(&c->cc, real_cc);
    c->real_cc = real_cc;
    const char *lang = NULL; /* -x LANG in effect, NULL for "by extension" */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *value = NULL;
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            c->ninputs++;
            /* standard input is C only after -x c, as gcc reads it (`cc -E -` preprocesses) */
            int is_c = lang ? strcmp(lang, "c") == 0 : strcmp(a, "-") != 0 && has_suffix(a, ".c");
            if (is_c) {
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

        /* The lints' flags are asyncc's alone (gcc rejects -Wasync-blocking); -Werror, -Wno-error
         * and -w are both's: a lint's warning becomes an error, or is silenced, as the compiler's do;
         * so are the flags of -Wreturn-type. */
        if (is_lint_flag(a)) {
            push(&c->pp, a);
            continue;
        }
        if (strcmp(a, "-Werror") == 0 || strcmp(a, "-Wno-error") == 0 || strcmp(a, "-w") == 0 ||
            says_return_type(a))
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

