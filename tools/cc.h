/* cc.h: what the files of asyncc-cc share: argument vectors, the command line as gcc reads it,
 * and small helpers that exit on failure. */
#ifndef ASYNCC_CC_H
#define ASYNCC_CC_H

#include <stddef.h>

typedef struct argv_t {
    char **v;
    int n, cap;
} argv_t;

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

/* cc_util.c */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void *xrealloc(void *p, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void push(argv_t *a, const char *s);
/* Pushes each blank-separated word of words. */
void push_words(argv_t *a, const char *words);
int exists(const char *path);
int has_suffix(const char *s, const char *suffix);
const char *base_name(const char *path);
/* path without its last extension: "dir/x.o" -> "dir/x". */
char *strip_ext(const char *path);
/* With verbose set, each command is printed before it runs. */
extern int verbose;
/* Runs argv and returns its exit status (128 + signal when it was killed); with quiet, its
 * standard error goes to /dev/null. */
int run_as(argv_t *a, int quiet);
/* As run_as, with standard input read from in, standard output and standard error written to
 * out and err (each inherited when NULL). */
int run_io(argv_t *a, const char *in, const char *out, const char *err);
int run(argv_t *a);
/* The whole file at path (not NUL-terminated), or NULL. */
char *read_all(const char *path, size_t *len);
/* An environment switch: set, not empty and not "0". */
int env_on(const char *name);

/* cc_args.c */
/* Expands @FILE arguments as gcc does into out. */
void expand_response_files(argv_t *out, int argc, char **argv, int depth);
/* Reads the command line as gcc would, into c: the real compiler's command starts with real_cc. */
void parse_command(command *c, int argc, char **argv, const char *real_cc);

#endif
