/* tokens.c: the lexer behind tokens.h, one pass over the text, and the questions the rest of the
 * transpiler asks of its tokens (next significant token, matching bracket, code or not). */
#include "tokens.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>

/* Each byte's classes: the lexer asks about every byte of a text of megabytes. */
enum { IDENT_START = 1, IDENT_CHAR = 2, BLANK = 4 };
static const unsigned char char_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

static int ident_start(unsigned char c)
{
    return char_class[c] & IDENT_START; /* letters, _, $ and every byte >= 0x80 */
}

int tk_ident_char(unsigned char c)
{
    return char_class[c] & IDENT_CHAR; /* and digits */
}

static int blank(char c)
{
    return char_class[(unsigned char)c] & BLANK; /* space, \t, \r, \f, \v */
}

/* The length of the punctuator at text[i], longest match (`>>=`, `->`, `...`). */
static unsigned punct_len(const char *t, unsigned len, unsigned i)
{
    char c = t[i], d = i + 1 < len ? t[i + 1] : 0, e = i + 2 < len ? t[i + 2] : 0;
    if ((c == '<' && (d == ':' || d == '%')) || (c == ':' && d == '>') || (c == '%' && d == '>'))
        return 2; /* the digraphs <: <% :> %> */
    if (c == '%' && d == ':')
        return e == '%' && i + 3 < len && t[i + 3] == ':' ? 4 : 2; /* %: and %:%: */
    switch (c) {
    case '.':
        return d == '.' && e == '.' ? 3 : 1;
    case '<':
    case '>':
        return d == c ? (e == '=' ? 3 : 2) : d == '=' ? 2 : 1;
    case '-':
        return d == '>' || d == '-' || d == '=' ? 2 : 1;
    case '+':
    case '&':
    case '|':
        return d == c || d == '=' ? 2 : 1;
    case '#':
        return d == '#' ? 2 : 1;
    case '*':
    case '/':
    case '%':
    case '^':
    case '=':
    case '!':
        return d == '=' ? 2 : 1;
    default:
        return 1;
    }
}

/* The end of the quoted literal whose opening quote is at i. */
static unsigned quoted_end(const char *t, unsigned len, unsigned i)
{
    char q = t[i];
    for (i++; i < len && t[i] != q && t[i] != '\n'; i++)
        if (t[i] == '\\' && i + 1 < len)
            i++;
    return i < len && t[i] == q ? i + 1 : i;
}

static unsigned block_comment_end(const char *t, unsigned len, unsigned i)
{
    for (i += 2; i + 1 < len; i++)
        if (t[i] == '*' && t[i + 1] == '/')
            return i + 2;
    return len;
}

/* The end of the directive line whose `#` is at i: its newline (not included), past backslash
 * continuations and block comments that go on to the next lines. */
static unsigned directive_end(const char *t, unsigned len, unsigned i)
{
    while (i < len && t[i] != '\n') {
        if (t[i] == '\\' && i + 1 < len && (t[i + 1] == '\n' || (t[i + 1] == '\r' && i + 2 < len && t[i + 2] == '\n')))
            i += t[i + 1] == '\n' ? 2 : 3;
        else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*')
            i = block_comment_end(t, len, i);
        else if ((t[i] == '"' || t[i] == '\'') && i + 1 < len)
            i = quoted_end(t, len, i);
        else
            i++;
    }
    return i;
}

static unsigned number_end(const char *t, unsigned len, unsigned i)
{
    for (i++; i < len; i++) {
        char c = t[i];
        if ((c == '+' || c == '-') && (t[i - 1] == 'e' || t[i - 1] == 'E' || t[i - 1] == 'p' || t[i - 1] == 'P'))
            continue;
        if (c == '\'' && i + 1 < len && tk_ident_char((unsigned char)t[i + 1]))
            continue; /* C23 digit separator */
        if (!tk_ident_char((unsigned char)c) && c != '.')
            break;
    }
    return i;
}

static int is_prefix(const char *t, unsigned a, unsigned b)
{
    unsigned n = b - a;
    return (n == 1 && (t[a] == 'L' || t[a] == 'u' || t[a] == 'U')) || (n == 2 && t[a] == 'u' && t[a + 1] == '8');
}

static void push(tk_stream *s, unsigned *cap, unsigned start, unsigned end, tk_kind kind)
{
    if (s->n == *cap) {
        *cap = *cap ? 2 * *cap : 1024;
        s->v = xrealloc(s->v, sizeof *s->v * *cap);
    }
    s->v[s->n++] = (tk_token){start, end, kind};
}

/* tk_at is asked hundreds of thousands of times about a text of as many tokens: a binary search
 * over all of them missed the cache at nearly every step. The text is cut into buckets of
 * 2^TK_BUCKET_SHIFT bytes, each knowing the answer at its start: tk_at searches one bucket. */
#define TK_BUCKET_SHIFT 8

static void index_buckets(tk_stream *s)
{
    s->nbuckets = (s->len >> TK_BUCKET_SHIFT) + 1;
    s->bucket = xmalloc(sizeof *s->bucket * s->nbuckets);
    unsigned k = 0;
    for (unsigned b = 0; b < s->nbuckets; b++) {
        unsigned off = b << TK_BUCKET_SHIFT;
        while (k < s->n && s->v[k].end <= off)
            k++;
        s->bucket[b] = k;
    }
}

/* Whether `//` starts a comment: not in C90 (-std=c89, c90, iso9899:1990, iso9899:199409, -ansi),
 * where two slashes and an empty block comment between 1 and 2 divide by 2 (gcc.dg/cpp's
 * pr61854-1). Set once, from the user's flags,
 * before the first text is lexed. */
static int line_comments = 1;

void tk_language_flag(const char *flag)
{
    const char *std = strncmp(flag, "--std=", 6) == 0 ? flag + 6 : strncmp(flag, "-std=", 5) == 0 ? flag + 5 : NULL;
    if (strcmp(flag, "-ansi") == 0)
        line_comments = 0;
    else if (std)
        line_comments = !(strcmp(std, "c89") == 0 || strcmp(std, "c90") == 0 || strcmp(std, "iso9899:1990") == 0 ||
                          strcmp(std, "iso9899:199409") == 0);
}

/* Lookahead past a token's end that the scanners above may read (punct_len's 4 bytes, a
 * string prefix's quote): a token that ends this close to the text's end could change with more
 * text, and a lexing with more to come stops before it (tk_lex_part). */
#define TK_MARGIN 8

void tk_lex_start(tk_stream *s, tk_lexer *lx)
{
    *lx = (tk_lexer){0, 1024, 1};
    memset(s, 0, sizeof *s);
    s->v = xmalloc(sizeof *s->v * lx->cap);
}

void tk_lex_part(tk_stream *s, tk_lexer *lx, const char *text, unsigned len, int final)
{
    s->text = text;
    s->len = len;
    unsigned stop = final ? len : len > TK_MARGIN ? len - TK_MARGIN : 0;
    int line_start = lx->line_start; /* only blanks and comments so far on this line */
    unsigned i = lx->at, *cap = &lx->cap;
    while (i < stop) {
        unsigned char c = (unsigned char)text[i];
        unsigned b = i, n0 = s->n;
        int line_start0 = line_start;
        if (c == '\n') {
            line_start = 1;
            i++;
            continue;
        }
        if (blank((char)c)) {
            while (++i < len && blank(text[i]))
                ;
            continue;
        }
        if (c == '\\' && i + 1 < len && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
            i += text[i + 1] == '\r' && i + 2 < len && text[i + 2] == '\n' ? 3 : 2;
            continue; /* a line continuation outside a directive joins two lines of code */
        }
        if (c == '/' && i + 1 < len && ((text[i + 1] == '/' && line_comments) || text[i + 1] == '*')) {
            if (text[i + 1] == '*') {
                i = block_comment_end(text, len, i);
            } else {
                while (i < len && text[i] != '\n')
                    i++;
            }
            push(s, cap, b, i, TK_COMMENT);
        } else if ((c == '#' || (c == '%' && i + 1 < len && text[i + 1] == ':')) && line_start) {
            i = directive_end(text, len, i);
            push(s, cap, b, i, TK_DIRECTIVE);
        } else if (line_start = 0, ident_start(c)) { /* any other token ends the line's start */
            while (i < len && tk_ident_char((unsigned char)text[i]))
                i++;
            if (i < len && (text[i] == '"' || text[i] == '\'') && is_prefix(text, b, i)) {
                tk_kind kind = text[i] == '"' ? TK_STRING : TK_CHAR;
                i = quoted_end(text, len, i);
                push(s, cap, b, i, kind);
            } else {
                push(s, cap, b, i, TK_IDENT);
            }
        } else if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < len && text[i + 1] >= '0' && text[i + 1] <= '9')) {
            i = number_end(text, len, i);
            push(s, cap, b, i, TK_NUMBER);
        } else if (c == '"' || c == '\'') {
            i = quoted_end(text, len, i);
            push(s, cap, b, i, c == '"' ? TK_STRING : TK_CHAR);
        } else {
            i += punct_len(text, len, i);
            push(s, cap, b, i, TK_PUNCT);
        }
        if (i > stop) { /* it may go on in the text to come: lexed again then */
            s->n = n0;
            i = b;
            line_start = line_start0;
            break;
        }
    }
    lx->at = i;
    lx->line_start = line_start;
    if (final)
        index_buckets(s);
}

void tk_lex(tk_stream *s, const char *text, unsigned len)
{
    tk_lexer lx;
    tk_lex_start(s, &lx);
    tk_lex_part(s, &lx, text, len, 1);
}

void tk_free(tk_stream *s)
{
    free(s->v);
    free(s->bucket);
    s->v = NULL;
    s->bucket = NULL;
    s->n = s->nbuckets = 0;
}

unsigned tk_at(const tk_stream *s, unsigned off)
{
    unsigned b = off >> TK_BUCKET_SHIFT, lo = 0, hi = s->n;
    if (b < s->nbuckets) { /* the answer is between this bucket's and the next one's */
        lo = s->bucket[b];
        hi = b + 1 < s->nbuckets ? s->bucket[b + 1] : s->n;
    } else if (s->nbuckets) {
        lo = s->bucket[s->nbuckets - 1];
    }
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (s->v[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int insignificant(const tk_token *t)
{
    return t->kind == TK_COMMENT || t->kind == TK_DIRECTIVE;
}

unsigned tk_next(const tk_stream *s, unsigned i)
{
    while (i < s->n && insignificant(&s->v[i]))
        i++;
    return i;
}

unsigned tk_prev(const tk_stream *s, unsigned i)
{
    while (i > 0) {
        i--;
        if (!insignificant(&s->v[i]))
            return i;
    }
    return s->n;
}

unsigned tk_skip_blank(const tk_stream *s, unsigned off, unsigned end)
{
    unsigned i = tk_next(s, tk_at(s, off));
    if (i == s->n)
        return end;
    unsigned at = s->v[i].start > off ? s->v[i].start : off;
    return at < end ? at : end;
}

/* The spelling of token t, digraphs as the punctuators they stand for (`<%` is `{`). */
static const char *spelled(const tk_stream *s, const tk_token *t, size_t *n)
{
    static const char *const digraph[][2] = {{"<:", "["}, {":>", "]"}, {"<%", "{"}, {"%>", "}"}, {"%:", "#"}, {"%:%:", "##"}};
    const char *p = s->text + t->start;
    *n = t->end - t->start;
    if (t->kind == TK_PUNCT && *n >= 2 && (p[0] == '<' || p[0] == ':' || p[0] == '%'))
        for (size_t k = 0; k < sizeof digraph / sizeof *digraph; k++)
            if (strlen(digraph[k][0]) == *n && memcmp(p, digraph[k][0], *n) == 0) {
                *n = strlen(digraph[k][1]);
                return digraph[k][1];
            }
    return p;
}

int tk_is(const tk_stream *s, unsigned i, const char *spelling)
{
    if (i >= s->n)
        return 0;
    const tk_token *t = &s->v[i];
    size_t len = t->end - t->start;
    const char *p = s->text + t->start;
    if (t->kind == TK_PUNCT && len >= 2 && (p[0] == '<' || p[0] == ':' || p[0] == '%'))
        p = spelled(s, t, &len);
    return p[0] == spelling[0] && strlen(spelling) == len && memcmp(p, spelling, len) == 0;
}

int tk_in_code(const tk_stream *s, unsigned off)
{
    unsigned i = tk_at(s, off);
    if (i == s->n || s->v[i].start > off)
        return 1; /* a blank between tokens */
    tk_kind k = s->v[i].kind;
    return k != TK_COMMENT && k != TK_DIRECTIVE && k != TK_STRING && k != TK_CHAR;
}

unsigned tk_match(const tk_stream *s, unsigned i)
{
    static const char open[] = "([{", close[] = ")]}";
    size_t n;
    if (i >= s->n || s->v[i].kind != TK_PUNCT)
        return s->n;
    const char *p = spelled(s, &s->v[i], &n), *o = n == 1 ? strchr(open, *p) : NULL;
    if (!o)
        return s->n;
    char want = close[o - open], self = *o;
    unsigned depth = 0;
    for (; i < s->n; i++) {
        const tk_token *t = &s->v[i];
        if (t->kind != TK_PUNCT)
            continue;
        n = t->end - t->start;
        p = s->text + t->start;
        if (n == 2) /* a digraph is a bracket too */
            p = spelled(s, t, &n);
        if (n != 1)
            continue;
        char c = *p;
        if (c == self)
            depth++;
        else if (c == want && --depth == 0)
            return i;
    }
    return s->n;
}

static int has_newline(const tk_stream *s, unsigned a, unsigned b)
{
    return a < b && memchr(s->text + a, '\n', b - a) != NULL;
}

int tk_alone_after(const tk_stream *s, unsigned off)
{
    unsigned pos = off;
    for (unsigned i = tk_at(s, off); i < s->n; i++) {
        const tk_token *t = &s->v[i];
        if (has_newline(s, pos, t->start))
            return 1;
        /* a comment going on to the next lines would lose its start with this line */
        if (t->kind == TK_COMMENT ? has_newline(s, t->start, t->end) : !tk_is(s, i, ";"))
            return 0;
        pos = t->end;
    }
    return 1;
}

int tk_alone_before(const tk_stream *s, unsigned off)
{
    unsigned pos = off;
    for (unsigned i = tk_at(s, off); i > 0; i--) {
        const tk_token *t = &s->v[i - 1];
        if (t->end > off)
            continue;
        if (has_newline(s, t->end, pos))
            return 1;
        if (t->kind != TK_COMMENT || has_newline(s, t->start, t->end))
            return 0;
        pos = t->start;
    }
    return 1;
}

/* The end of the `# N "file"` part of line marker t (its flags after it left out), or 0 when t is
 * no line marker. */
static unsigned marker_end(const tk_stream *s, const tk_token *t)
{
    unsigned k = t->start + 1;
    while (k < t->end && (s->text[k] == ' ' || s->text[k] == '\t'))
        k++;
    if (k == t->start + 1 || k == t->end || s->text[k] < '0' || s->text[k] > '9')
        return 0;
    while (k < t->end && s->text[k] != '"')
        k++;
    for (k++; k < t->end && s->text[k] != '"'; k++)
        if (s->text[k] == '\\')
            k++;
    return k < t->end ? k + 1 : 0;
}

/* Writes line marker t as `#line N "file"` when it is one (returns 1). */
static int put_marker(const tk_stream *s, sb *out, const tk_token *t)
{
    unsigned mark = t->kind == TK_DIRECTIVE ? marker_end(s, t) : 0;
    if (!mark)
        return 0;
    sb_puts(out, "#line");
    sb_putn(out, s->text + t->start + 1, mark - t->start - 1);
    return 1;
}

void tk_put_lines(const tk_stream *s, sb *out, unsigned a, unsigned b)
{
    for (unsigned i = tk_at(s, a); i < s->n && s->v[i].start < b; i++) {
        const tk_token *t = &s->v[i];
        if (t->kind != TK_DIRECTIVE || t->start < a || t->end > b)
            continue;
        sb_putn(out, s->text + a, t->start - a);
        if (!put_marker(s, out, t))
            sb_putn(out, s->text + t->start, t->end - t->start);
        a = t->end;
    }
    if (a < b)
        sb_putn(out, s->text + a, b - a);
}

void tk_put_code(const tk_stream *s, sb *out, unsigned a, unsigned b)
{
    for (unsigned i = tk_at(s, a); i < s->n && s->v[i].start < b; i++) {
        const tk_token *t = &s->v[i];
        if (t->start < a || t->end > b)
            continue;
        if (t->kind == TK_DIRECTIVE) {
            sb_putn(out, s->text + a, t->start - a);
            if (!put_marker(s, out, t))
                sb_putn(out, s->text + t->start, t->end - t->start);
            a = t->end;
            continue;
        }
        if (t->kind != TK_COMMENT || s->text[t->start + 1] != '/')
            continue;
        sb_putn(out, s->text + a, t->start - a);
        sb_puts(out, "/*");
        for (unsigned k = t->start + 2; k < t->end; k++)
            if (s->text[k] == '/' && s->text[k - 1] == '*')
                sb_puts(out, " /"); /* a `*` `/` inside it would end the block comment early */
            else
                sb_putc(out, s->text[k]);
        sb_puts(out, " */");
        a = t->end;
    }
    if (a < b)
        sb_putn(out, s->text + a, b - a);
}

int tk_match_seq(const tk_stream *s, unsigned *i, const char *seq)
{
    unsigned k = *i;
    while (*seq) {
        const char *sp = strchr(seq, ' ');
        size_t n = sp ? (size_t)(sp - seq) : strlen(seq);
        k = tk_next(s, k);
        if (k >= s->n || s->v[k].end - s->v[k].start != n || memcmp(s->text + s->v[k].start, seq, n) != 0)
            return 0;
        k++;
        seq += n + (sp != NULL);
    }
    *i = k;
    return 1;
}
