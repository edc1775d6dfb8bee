/* indent.c: the user's own leading whitespace on the output's lines of their code (the
 * preprocessor wrote one space for each byte of it, a tab too). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * The code of an async function comes from clang's preprocessed text, which puts the first token
 * of a line after as many spaces as it had bytes before it: `\t\treturn 0;` became `  return 0;`.
 * With indentation that mixes tabs and spaces, statements that a tab stop of 8 sets apart land
 * in one column, and -Wmisleading-indentation (clang's -Wall; gcc's too) warned on the output
 * where the source reads clearly (xz, pcre2). Each output line that a `#line` of the input puts
 * at line N, starting with exactly as many spaces as line N of the input has bytes of leading
 * whitespace, gets that whitespace back: the same bytes in number, so offsets do not move, and
 * only the leading whitespace of a line changes, which C does not read.
 */

/* Whether line is `#line N "name"` with name the input's, setting *n. */
static int input_line_directive(const char *line, const char *eol, const char *name, size_t nlen, unsigned *n)
{
    if ((size_t)(eol - line) < 9 || memcmp(line, "#line ", 6) != 0)
        return 0;
    char *q;
    unsigned long v = strtoul(line + 6, &q, 10);
    if (q == line + 6 || (size_t)(eol - q) != nlen + 3 || q[0] != ' ' || q[1] != '"' ||
        memcmp(q + 2, name, nlen) != 0 || q[2 + nlen] != '"')
        return 0;
    *n = (unsigned)v;
    return 1;
}

void indent_restore(tunit *t, char *out)
{
    const char *input = dg_input_name(t);
    if (!out || !input || !memchr(t->orig, '\t', t->orig_len))
        return;
    char *name = c_string_body(input);
    size_t nlen = strlen(name);
    unsigned line = 0; /* the input's line of the next output line; 0: not the input's */
    for (char *p = out; *p;) {
        char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        unsigned n;
        if (input_line_directive(p, eol, name, nlen, &n)) {
            line = n;
        } else if (*p == '#' && strncmp(p, "#line ", 6) == 0) {
            line = 0;
        } else if (line) {
            if (line <= dg_orig_nlines(t)) {
                const char *o = t->orig + dg_orig_line_start(t, line), *oend = t->orig + dg_orig_line_start(t, line + 1);
                size_t k = 0;
                int tab = 0;
                while (o + k < oend && (o[k] == ' ' || o[k] == '\t'))
                    tab |= o[k++] == '\t';
                size_t spaces = 0;
                while (p + spaces < eol && p[spaces] == ' ')
                    spaces++;
                if (tab && spaces == k && p + k < eol && o + k < oend && o[k] != '\n' && o[k] != '\r')
                    memcpy(p, o, k);
            }
            line++;
        }
        p = *eol ? eol + 1 : eol;
    }
    free(name);
}
