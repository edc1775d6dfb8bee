/* tokens.h: the one lexer of C text in the transpiler. Every question about the text (where the
 * next token is, which operator stands between two operands, whether a word is code or sits in a
 * string or comment, where a directive line is) is answered from its tokens, never by a scan. */
#ifndef ASYNCC_TOKENS_H
#define ASYNCC_TOKENS_H

typedef enum tk_kind {
    TK_IDENT,     /* identifiers and keywords */
    TK_NUMBER,    /* preprocessing numbers: 0x1fu, 1.5e-3f, 1'000 */
    TK_STRING,    /* "...", with its prefix (L, u, U, u8) */
    TK_CHAR,      /* '...', with its prefix */
    TK_PUNCT,     /* operators and punctuators, longest match: `>>=`, `->`, `...` */
    TK_COMMENT,   /* block or line comment (kept by `clang -E -C`) */
    TK_DIRECTIVE, /* a whole directive line, `#` first on its line, continuations included: line
                   * markers, #pragma, and in unpreprocessed text #define, #if... */
} tk_kind;

typedef struct tk_token {
    unsigned start, end; /* [start, end) in the text */
    tk_kind kind;
} tk_token;

/* The tokens of one text, in order. Blanks are not tokens; comments and directives are, and the
 * tk_ questions below skip them unless they say otherwise. */
typedef struct tk_stream {
    const char *text;
    unsigned len;
    tk_token *v;
    unsigned n;
    unsigned *bucket; /* per 256 bytes of text, tk_at of its first offset (tokens.c) */
    unsigned nbuckets;
} tk_stream;

/* Lexes text[0, len) (text stays owned by the caller and must outlive s). Never fails: bytes
 * that start no C token (`@`, a stray `\`) become one-byte punctuators, and an unterminated
 * string, character constant or comment ends at its line's end (strings) or the text's. */
void tk_lex(tk_stream *s, const char *text, unsigned len);
/* A flag of the user's (-std=, -ansi) that says whether `//` starts a comment; before tk_lex. */
void tk_language_flag(const char *flag);
/* The same as the text arrives (pp.c): tk_lex_start, then tk_lex_part on text[0, len) for each
 * longer len, which lexes what more text cannot change, and once with final set, which lexes the
 * rest. The tokens are those tk_lex makes of the whole text. */
typedef struct tk_lexer {
    unsigned at, cap; /* where it goes on; the room in s->v */
    int line_start;
} tk_lexer;
void tk_lex_start(tk_stream *s, tk_lexer *lx);
void tk_lex_part(tk_stream *s, tk_lexer *lx, const char *text, unsigned len, int final);
void tk_free(tk_stream *s);
/* Whether byte c can continue an identifier as the lexer reads them: letters, digits, _, $ and
 * every byte >= 0x80. */
int tk_ident_char(unsigned char c);

/* The index of the first token that ends after off: the token holding off, or the next one
 * (s->n when none). */
unsigned tk_at(const tk_stream *s, unsigned off);
/* The first index >= i of a token that is neither comment nor directive (s->n when none). */
unsigned tk_next(const tk_stream *s, unsigned i);
/* The first index < i, going back, of a token that is neither comment nor directive; s->n when
 * none. */
unsigned tk_prev(const tk_stream *s, unsigned i);
/* The offset of the first significant token (not blank, comment or directive) at or after off,
 * or end when there is none before end. */
unsigned tk_skip_blank(const tk_stream *s, unsigned off, unsigned end);
/* Whether token i is spelled exactly `spelling`. */
int tk_is(const tk_stream *s, unsigned i, const char *spelling);
/* Whether the significant tokens of s from index *i spell `seq` (token spellings apart by single
 * blanks); if so *i moves past them. */
int tk_match_seq(const tk_stream *s, unsigned *i, const char *seq);
/* `async` as the preprocessor writes it out when asyncc parses (<asyncc/lang.h>), for tk_match_seq. */
#define TK_ASYNC_EXPANSION "__attribute__ ( ( annotate ( \"asyncc_async\" ) ) )"
/* Whether offset off lies in code: not in a comment, string, character constant or directive. */
int tk_in_code(const tk_stream *s, unsigned off);
/* For token i an opening `(`, `[` or `{`: the index of its matching closer, skipping comments
 * and directives; s->n when unbalanced. */
unsigned tk_match(const tk_stream *s, unsigned i);
/* Whether the text from off to the end of its line (or from the start of its line to off, when
 * backward) holds nothing but blanks, comments and, forward, `;`. */
int tk_alone_after(const tk_stream *s, unsigned off);
int tk_alone_before(const tk_stream *s, unsigned off);

struct sb;
/* Appends text [a, b) to out with each line comment made a block comment: user text lands in
 * generated lines that go on after it (`if (!(cond)) break;`), where a `//` would swallow the
 * rest. A comment's meaning to gcc (`// fallthrough`) is kept. A line marker of the preprocessed
 * text (`# 25 "f.c" 2`) is written `#line 25 "f.c"`, which -pedantic accepts. */
void tk_put_code(const tk_stream *s, struct sb *out, unsigned a, unsigned b);
/* Appends text [a, b) as it is, but for its line markers, written as tk_put_code writes them. */
void tk_put_lines(const tk_stream *s, struct sb *out, unsigned a, unsigned b);

#endif
