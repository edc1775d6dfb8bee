/* pp_overlay.c: the input as clang -E -C must read it: comments that -C makes tokens where C
 * sees blanks (before a macro's `(`, before a directive's `#`) blanked in a copy clang reads. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Under -C a comment is a token of its own (gcc's manual says so of both): a comment between a
 * function-like macro's name and its `(` stops the call (`T (3)` with one between stays a plain
 * name, the code an implicit call, and such an `await (f())` no await), and a comment first on a
 * directive's line makes it a line of code. Which comments: those between a name and the `(`
 * after it, and those before a directive on its line (which the lexer counts a directive, as C
 * does). */
static int blanks_comment(const tk_stream *s, unsigned i)
{
    unsigned next = i + 1;
    while (next < s->n && s->v[next].kind == TK_COMMENT)
        next++;
    if (next < s->n && s->v[next].kind == TK_DIRECTIVE) {
        for (unsigned k = i; k < next; k++) /* nothing but blanks up to the directive */
            if (memchr(s->text + s->v[k].end, '\n', (k + 1 < next ? s->v[k + 1].start : s->v[next].start) - s->v[k].end))
                return 0;
        return 1;
    }
    unsigned prev = i;
    while (prev > 0 && s->v[prev - 1].kind == TK_COMMENT)
        prev--;
    return prev > 0 && next < s->n && s->v[prev - 1].kind == TK_IDENT && tk_is(s, next, "(");
}

/* Whether some comment of text may be one that blanks_comment blanks, without lexing: every
 * comment starts with a slash and a star or two slashes (found anywhere here, in strings too)
 * and ends where the lexer ends it. Of a run of comments, the last is followed by the token that
 * decides: one followed by a `(` (blanks and line breaks between), or on its line by a `#`, `%:`
 * or another comment, or by a line continuation, may be one, and none other is. So most files
 * need not be lexed before the preprocessor starts. Answers 1 (lex and look) when the scan grows
 * long (many comment openings inside one long comment). */
int pp_overlay_maybe(const char *text, size_t len)
{
    size_t budget = 4 * len + 4096;
    for (const char *p = text, *end = text + len; (p = memchr(p, '/', (size_t)(end - p))) != NULL; p++) {
        if (p + 1 >= end || (p[1] != '*' && p[1] != '/'))
            continue;
        const char *q = p + 2;
        if (p[1] == '*') {
            while (q + 1 < end && !(q[0] == '*' && q[1] == '/'))
                q++;
            q = q + 1 < end ? q + 2 : end;
        } else {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            q = nl ? nl : end;
        }
        size_t scanned = (size_t)(q - p);
        if (scanned > budget)
            return 1;
        budget -= scanned;
        int newline = 0;
        for (; q < end && *q && strchr(" \t\r\f\v\n", *q); q++)
            newline |= *q == '\n';
        if (q < end && (!*q || strchr(newline ? "(\\" : "(#%/\\", *q)))
            return 1;
    }
    return 0;
}

/* JSON's string of path. */
static void json_string(sb *out, const char *path)
{
    sb_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            sb_printf(out, "\\u%04x", *p);
        else
            sb_putc(out, (char)*p);
    }
    sb_putc(out, '"');
}

static int write_all(char *path, int suffix, const char *data, size_t len)
{
    int fd = mkstemps(path, suffix);
    if (fd < 0)
        return -1;
    int ok = write(fd, data, len) == (ssize_t)len;
    if (close(fd) != 0 || !ok) {
        unlink(path);
        return -1;
    }
    return 0;
}

int pp_overlay_make(pp_overlay *o, const tk_stream *orig, const char *input)
{
    memset(o, 0, sizeof *o);
    char *copy = NULL;
    for (unsigned i = 0; i < orig->n; i++) {
        if (orig->v[i].kind != TK_COMMENT || !blanks_comment(orig, i))
            continue;
        if (!copy)
            copy = xstrndup(orig->text, orig->len);
        for (unsigned k = orig->v[i].start; k < orig->v[i].end; k++)
            if (copy[k] != '\n' && copy[k] != '\r')
                copy[k] = ' ';
    }
    if (!copy)
        return 0;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    o->copy = xasprintf("%s/asyncc-input-XXXXXX.c", tmp);
    o->yaml = xasprintf("%s/asyncc-vfs-XXXXXX.yaml", tmp);
    sb y = {0};
    char cwd[4096];
    char *abs = input[0] == '/' ? xstrdup(input) : getcwd(cwd, sizeof cwd) ? xasprintf("%s/%s", cwd, input) : NULL;
    /* use-external-names false: line markers, __FILE__ and depfiles keep the input's name */
    sb_puts(&y, "{ \"version\": 0, \"use-external-names\": false, \"roots\": [ { \"type\": \"file\", \"name\": ");
    int rc = -1;
    if (abs && write_all(o->copy, 2, copy, orig->len) == 0) {
        json_string(&y, abs);
        sb_puts(&y, ", \"external-contents\": ");
        json_string(&y, o->copy);
        sb_puts(&y, " } ] }\n");
        if (write_all(o->yaml, 5, y.data, y.len) == 0)
            rc = 0;
        else
            unlink(o->copy);
    }
    free(abs);
    free(copy);
    sb_free(&y);
    if (rc < 0) {
        perror("asyncc: cannot write a copy of the input for the preprocessor");
        free(o->copy);
        free(o->yaml);
        o->copy = o->yaml = NULL;
        return -1;
    }
    o->on = 1;
    return 0;
}

void pp_overlay_remove(pp_overlay *o)
{
    if (!o->on)
        return;
    unlink(o->copy);
    unlink(o->yaml);
    free(o->copy);
    free(o->yaml);
    o->copy = o->yaml = NULL;
    o->on = 0;
}
