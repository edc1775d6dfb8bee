/* pp.c: runs clang's preprocessor over the input with the user's flags.
 * asyncc rewrites the preprocessed text, so awaits written inside macros are seen as they run. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int pp_spawn(const char *const *argv, int quiet, int *pid, int *fd)
{
    int fds[2];
    if (pipe(fds) < 0) {
        perror("asyncc: pipe");
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t spawned;
    int rc = posix_spawnp(&spawned, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return rc;
    }
    *pid = (int)spawned;
    *fd = fds[0];
    return 0;
}

/* Starts clang's preprocessor: returns 0 with *pid and *fd (its output) set, or -1 after printing
 * why it could not start. pp_finish reads what it writes. */
int pp_start(const char *clang, const char *const *flags, int nflags, const char *input, int how, int *pid,
             int *fd)
{
    const char **argv = xcalloc((size_t)nflags + 8, sizeof *argv);
    int argc = 0;
    argv[argc++] = clang;
    argv[argc++] = "-E";
    argv[argc++] = "-C";
    /* The compiler that builds the output gives the preprocessor's warnings about the user's text
     * (-Wmacro-redefined, #warning): said here as well, each came twice. Its errors stay. */
    argv[argc++] = "-w";
    if (how & PP_DEFINES)
        argv[argc++] = "-dD";
    argv[argc++] = "-D__ASYNCC__";
    for (int i = 0; i < nflags; i++)
        argv[argc++] = flags[i];
    argv[argc++] = input;
    argv[argc] = NULL;
    int rc = pp_spawn(argv, how & PP_QUIET, pid, fd);
    free(argv);
    if (rc > 0)
        fprintf(stderr, "asyncc: cannot run the preprocessor '%s': %s (set ASYNCC_CLANG)\n", clang, strerror(rc));
    return rc ? -1 : 0;
}

/* Returns 0 with the preprocessed text in *out (NUL-terminated, caller frees), or -1 when the
 * preprocessor failed (its own errors went to stderr as they are). */
int pp_finish(int pid, int fd, char **out, unsigned *len)
{
    sb text = {0};
    sb_grow(&text, 1u << 20);
    for (;;) {
        sb_grow(&text, 65536);
        ssize_t n = read(fd, text.data + text.len, text.cap - text.len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        text.len += (size_t)n;
        text.data[text.len] = 0;
    }
    close(fd);
    int status;
    while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        sb_free(&text);
        return -1;
    }
    *len = (unsigned)text.len;
    *out = sb_take(&text);
    return 0;
}

int pp_mentions_async(const char *text, size_t len)
{
    return memmem(text, len, "asyncc_async", 12) || memmem(text, len, "__asyncc_", 9);
}

/* The lines of p->text from p->len's last whole line on to its end (all of them when final):
 * seen by pp_mentions_async as written, then taken by pp_take_defines, and lexed. */
static void take_lines(pp_text *p, tk_lexer *lx, unsigned *taken, names *defines, int final)
{
    const char *nl = final ? NULL : memrchr(p->text + *taken, '\n', p->len - *taken);
    unsigned upto = final ? p->len : nl ? (unsigned)(nl - p->text) + 1 : *taken;
    if (upto == *taken && !final)
        return;
    p->mentions |= pp_mentions_async(p->text + *taken, upto - *taken);
    pp_take_defines(p->text + *taken, upto - *taken, defines);
    *taken = upto;
    tk_lex_part(&p->toks, lx, p->text, upto, final);
}

/* ASYNCC_CHECK_LEX=1 (tests): the text is taken 61 bytes at a time, so that its pieces end
 * everywhere, and its tokens are compared with tk_lex's of the whole. */
static void check_lex(const pp_text *p)
{
    tk_stream whole;
    tk_lex(&whole, p->text, p->len);
    for (unsigned i = 0; i < whole.n || i < p->toks.n; i++)
        if (i >= whole.n || i >= p->toks.n || whole.v[i].start != p->toks.v[i].start ||
            whole.v[i].end != p->toks.v[i].end || whole.v[i].kind != p->toks.v[i].kind) {
            fprintf(stderr, "asyncc: token %u lexed in pieces differs from the whole text's\n", i);
            abort();
        }
    tk_free(&whole);
}

int pp_finish_lexed(int pid, int fd, pp_text *p, names *defines)
{
    int check = getenv("ASYNCC_CHECK_LEX") != NULL;
    sb text = {0}, raw = {0};
    sb_grow(&text, 1u << 20);
    sb_grow(&raw, 1u << 20);
    memset(p, 0, sizeof *p);
    tk_lexer lx;
    tk_lex_start(&p->toks, &lx);
    unsigned taken = 0;
    for (;;) {
        sb_grow(&text, 65536);
        size_t room = text.cap - text.len - 1;
        ssize_t n = read(fd, text.data + text.len, check && room > 61 ? 61 : room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sb_putn(&raw, text.data + text.len, (size_t)n);
        text.len += (size_t)n;
        text.data[text.len] = 0;
        p->text = text.data;
        p->len = (unsigned)text.len;
        take_lines(p, &lx, &taken, defines, 0);
    }
    close(fd);
    int status;
    while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        sb_free(&text);
        sb_free(&raw);
        tk_free(&p->toks);
        return -1;
    }
    p->len = (unsigned)text.len;
    p->raw = sb_take(&raw);
    p->text = sb_take(&text);
    take_lines(p, &lx, &taken, defines, 1);
    if (check)
        check_lex(p);
    return 0;
}

static int ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether the replacement [r, end) of macro `name` names it as a word and is not just the name. */
static int names_itself(const char *name, size_t n, const char *r, const char *end)
{
    while (r < end && (*r == ' ' || *r == '\t'))
        r++;
    while (end > r && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    if ((size_t)(end - r) == n && memcmp(r, name, n) == 0)
        return 0; /* `#define stdin stdin`: expanding it again changes nothing */
    for (const char *p = r; p + n <= end; p++)
        if (memcmp(p, name, n) == 0 && (p == r || !ident_char(p[-1])) && (p + n == end || !ident_char(p[n])))
            return 1;
    return 0;
}

void pp_take_defines(char *text, unsigned len, names *out)
{
    char *end = text + len;
    for (char *line = text; line < end;) {
        char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol)
            eol = end;
        int def = (size_t)(eol - line) > 8 && memcmp(line, "#define ", 8) == 0;
        if (def || ((size_t)(eol - line) > 7 && memcmp(line, "#undef ", 7) == 0)) {
            if (def) {
                const char *name = line + 8, *q = name;
                while (q < eol && ident_char(*q))
                    q++;
                const char *r = q;
                if (r < eol && *r == '(') { /* a function-like macro's parameters */
                    while (r < eol && *r != ')')
                        r++;
                    r += r < eol;
                }
                if (q > name && names_itself(name, (size_t)(q - name), r, eol)) {
                    char *m = xstrndup(name, (size_t)(q - name));
                    names_put(out, m, NULL);
                    free(m);
                }
            }
            memset(line, ' ', (size_t)(eol - line));
        }
        line = eol + 1;
    }
}
