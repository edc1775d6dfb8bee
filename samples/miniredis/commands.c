/* commands.c: miniredis's commands (GET, SET, DEL, INCR, PING, ECHO, PUBLISH, SUBSCRIBE,
 * UNSUBSCRIBE, QUIT, and the CONFIG GET and COMMAND that clients ask on connecting). Plain C. */
#include "commands.h"

#include <asyncc.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"

/* Whether argument a is name (lower case letters), ignoring case as Redis does. */
static int is(const struct resp_arg *a, const char *name, size_t n)
{
    if (a->len != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((a->p[i] | 0x20) != name[i]) /* only 'X' and 'x' turn into 'x' */
            return 0;
    return 1;
}
#define IS(a, lit) is((a), lit, sizeof lit - 1)

static void arity_error(struct session *s, const char *name)
{
    char msg[160];
    snprintf(msg, sizeof msg, "ERR wrong number of arguments for '%s' command", name);
    out_error(&s->out, msg);
}

/* Redis's words, and like Redis at most 128 bytes of the name and of the arguments. */
static void unknown_error(struct session *s, const struct resp_cmd *cmd)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg, "ERR unknown command '%.*s', with args beginning with: ",
                     (int)(cmd->argv[0].len > 128 ? 128 : cmd->argv[0].len), cmd->argv[0].p);
    int args = 0;
    for (int i = 1; i < cmd->argc && args < 128; i++) {
        int room = 128 - args, len = cmd->argv[i].len > (size_t)room ? room : (int)cmd->argv[i].len;
        int w = snprintf(msg + n, sizeof msg - (size_t)n, "'%.*s' ", len, cmd->argv[i].p);
        n += w;
        args += w;
    }
    out_error(&s->out, msg);
}

/* SET's options, parsed as Redis's parseExtendedStringArgumentsOrReply does: NX and XX exclude
 * each other, KEEPTTL and the four expiries (EX, PX seconds or milliseconds from now; EXAT, PXAT
 * a Unix time) exclude each other, an option given twice is accepted (the last expiry wins), and
 * anything else is a syntax error. */
enum { OPT_NX = 1, OPT_XX = 2, OPT_KEEPTTL = 4, OPT_GET = 8, OPT_EX = 16, OPT_PX = 32, OPT_EXAT = 64, OPT_PXAT = 128 };
#define OPT_EXPIRY (OPT_EX | OPT_PX | OPT_EXAT | OPT_PXAT)

static int set_option(const struct resp_arg *a, int flags, int has_next)
{
    static const struct {
        const char *name;
        int flag, excludes;
    } opts[] = {
        {"nx", OPT_NX, OPT_XX},
        {"xx", OPT_XX, OPT_NX},
        {"get", OPT_GET, 0},
        {"keepttl", OPT_KEEPTTL, OPT_EXPIRY},
        {"ex", OPT_EX, OPT_KEEPTTL | (OPT_EXPIRY & ~OPT_EX)},
        {"px", OPT_PX, OPT_KEEPTTL | (OPT_EXPIRY & ~OPT_PX)},
        {"exat", OPT_EXAT, OPT_KEEPTTL | (OPT_EXPIRY & ~OPT_EXAT)},
        {"pxat", OPT_PXAT, OPT_KEEPTTL | (OPT_EXPIRY & ~OPT_PXAT)},
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (is(a, opts[i].name, strlen(opts[i].name)) && !(flags & opts[i].excludes) &&
            (!(opts[i].flag & OPT_EXPIRY) || has_next))
            return opts[i].flag;
    return 0;
}

/* The deadline of SET's expiry option on the ac_now_ms() clock into *expires: Redis's checks (a
 * positive integer; as a Unix time in milliseconds, it must fit in a long long). Returns 0, or
 * -1 with the error replied. */
static int set_expiry(struct session *s, int flag, const struct resp_arg *arg, unsigned long long *expires)
{
    long long t;
    if (parse_ll(arg->p, arg->len, &t) != 0) {
        out_error(&s->out, "ERR value is not an integer or out of range");
        return -1;
    }
    int seconds = flag & (OPT_EX | OPT_EXAT), relative = flag & (OPT_EX | OPT_PX);
    struct timespec wall;
    clock_gettime(CLOCK_REALTIME, &wall);
    long long unix_ms = (long long)wall.tv_sec * 1000 + wall.tv_nsec / 1000000;
    if (t <= 0 || (seconds && t > LLONG_MAX / 1000) || (relative && (seconds ? t * 1000 : t) > LLONG_MAX - unix_ms)) {
        out_error(&s->out, "ERR invalid expire time in 'set' command");
        return -1;
    }
    long long ms = seconds ? t * 1000 : t; /* from now, or a Unix time */
    /* The deadline kept is on the monotonic clock, which starts far below Unix time; a Unix
     * time already past makes a key that is expired at once, as in Redis. */
    unsigned long long now = ac_now_ms();
    if (relative)
        *expires = now + (unsigned long long)ms;
    else
        *expires = ms > unix_ms ? now + (unsigned long long)(ms - unix_ms) : now ? now : 1;
    return 0;
}

static void set(struct session *s, const struct resp_cmd *cmd)
{
    const struct resp_arg *a = cmd->argv;
    unsigned long long expires = 0;
    int flags = 0;
    const struct resp_arg *expiry = NULL;
    int expiry_flag = 0;
    for (int i = 3; i < cmd->argc; i++) {
        int flag = set_option(&a[i], flags, i + 1 < cmd->argc);
        if (!flag) {
            out_error(&s->out, "ERR syntax error");
            return;
        }
        flags |= flag;
        if (flag & OPT_EXPIRY) {
            expiry = &a[++i];
            expiry_flag = flag;
        }
    }
    if (expiry && set_expiry(s, expiry_flag, expiry, &expires) != 0)
        return;
    int db_flags = (flags & OPT_NX ? DB_SET_NX : 0) | (flags & OPT_XX ? DB_SET_XX : 0) |
                   (flags & OPT_KEEPTTL ? DB_SET_KEEPTTL : 0);
    int stored = db_set(a[1].p, a[1].len, a[2].p, a[2].len, expires, db_flags, flags & OPT_GET ? &s->out : NULL);
    if (flags & OPT_GET)
        return; /* the old value was the reply */
    if (stored)
        out_simple(&s->out, "OK");
    else
        out_nil(&s->out);
}

static int subscribed(const struct session *s)
{
    return s->sub && sub_count(s->sub) > 0;
}

static void ping(struct session *s, const struct resp_cmd *cmd)
{
    if (cmd->argc > 2) {
        arity_error(s, "ping");
    } else if (subscribed(s)) {
        /* In subscribe mode Redis answers with an array, which a client can tell from a message. */
        out_array(&s->out, 2);
        out_bulk(&s->out, "pong", 4);
        out_bulk(&s->out, cmd->argc == 2 ? cmd->argv[1].p : "", cmd->argc == 2 ? cmd->argv[1].len : 0);
    } else if (cmd->argc == 2) {
        out_bulk(&s->out, cmd->argv[1].p, cmd->argv[1].len);
    } else {
        out_simple(&s->out, "PONG");
    }
}

static void get(struct session *s, const struct resp_cmd *cmd)
{
    db_get(cmd->argv[1].p, cmd->argv[1].len, &s->out);
}

static void del(struct session *s, const struct resp_cmd *cmd)
{
    long long n = 0;
    for (int i = 1; i < cmd->argc; i++)
        n += db_del(cmd->argv[i].p, cmd->argv[i].len);
    out_int(&s->out, n);
}

static void incr(struct session *s, const struct resp_cmd *cmd)
{
    long long v;
    int rc = db_incr(cmd->argv[1].p, cmd->argv[1].len, 1, &v);
    if (rc == 0)
        out_int(&s->out, v);
    else if (rc == -1)
        out_error(&s->out, "ERR value is not an integer or out of range");
    else
        out_error(&s->out, "ERR increment or decrement would overflow");
}

static void publish(struct session *s, const struct resp_cmd *cmd)
{
    const struct resp_arg *a = cmd->argv;
    out_int(&s->out, pubsub_publish(a[1].p, a[1].len, a[2].p, a[2].len));
}

static void echo(struct session *s, const struct resp_cmd *cmd)
{
    out_bulk(&s->out, cmd->argv[1].p, cmd->argv[1].len);
}

static void quit(struct session *s, const struct resp_cmd *cmd)
{
    (void)cmd;
    out_simple(&s->out, "OK");
    s->quit = 1;
}

/* CONFIG GET: redis-benchmark asks for save and appendonly before it starts; miniredis keeps
 * nothing on disk, and says so. Every other parameter matches nothing (an empty list). */
static void config(struct session *s, const struct resp_cmd *cmd)
{
    const struct resp_arg *a = cmd->argv;
    if (!IS(&a[1], "get")) {
        char msg[200];
        snprintf(msg, sizeof msg, "ERR unknown subcommand '%.*s'. Try CONFIG HELP.",
                 (int)(a[1].len > 128 ? 128 : a[1].len), a[1].p);
        out_error(&s->out, msg);
        return;
    }
    if (cmd->argc < 3) {
        arity_error(s, "config|get");
        return;
    }
    long long n = 0;
    for (int i = 2; i < cmd->argc; i++)
        n += IS(&a[i], "save") || IS(&a[i], "appendonly");
    out_array(&s->out, 2 * n);
    for (int i = 2; i < cmd->argc; i++)
        if (IS(&a[i], "save") || IS(&a[i], "appendonly")) {
            out_bulk(&s->out, a[i].p, a[i].len); /* as the client wrote it, as Redis does */
            out_bulk(&s->out, IS(&a[i], "save") ? "" : "no", IS(&a[i], "save") ? 0 : 2);
        }
}

static void command(struct session *s, const struct resp_cmd *cmd)
{
    (void)cmd;
    out_array(&s->out, 0); /* redis-cli asks for the command table; it copes with none */
}

static void subscribe(struct session *s, const struct resp_cmd *cmd)
{
    if (!s->sub)
        s->sub = sub_new(s->fd);
    for (int i = 1; i < cmd->argc; i++)
        sub_subscribe(s->sub, cmd->argv[i].p, cmd->argv[i].len, &s->out);
}

static void unsubscribe(struct session *s, const struct resp_cmd *cmd)
{
    if (!s->sub)
        s->sub = sub_new(s->fd); /* Redis confirms even when nothing was subscribed */
    if (cmd->argc == 1)
        sub_unsubscribe_all(s->sub, &s->out, 0);
    for (int i = 1; i < cmd->argc; i++)
        sub_unsubscribe(s->sub, cmd->argv[i].p, cmd->argv[i].len, &s->out);
}

/* The command table. arity is Redis's: N arguments exactly (the name counts), or -N for at
 * least N. The two commands a cache mostly sees come first. */
static const struct command {
    const char *name; /* lower case */
    size_t len;
    int arity;
    int in_subscribe; /* allowed while the connection is subscribed (RESP2) */
    void (*run)(struct session *s, const struct resp_cmd *cmd);
} commands[] = {
#define CMD(name, arity, in_subscribe, run) {name, sizeof name - 1, arity, in_subscribe, run}
    CMD("get", 2, 0, get),
    CMD("set", -3, 0, set),
    CMD("ping", -1, 1, ping),
    CMD("incr", 2, 0, incr),
    CMD("del", -2, 0, del),
    CMD("publish", 3, 0, publish),
    CMD("subscribe", -2, 1, subscribe),
    CMD("unsubscribe", -1, 1, unsubscribe),
    CMD("echo", 2, 0, echo),
    CMD("quit", -1, 1, quit),
    CMD("config", -2, 0, config),
    CMD("command", -1, 0, command),
#undef CMD
};

/* Checks in Redis's order (processCommand): an unknown command, then the argument count, then
 * what subscribe mode allows. */
void command_execute(struct session *s, const struct resp_cmd *cmd)
{
    const struct command *c = NULL;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0] && !c; i++)
        if (is(&cmd->argv[0], commands[i].name, commands[i].len))
            c = &commands[i];
    if (!c) {
        unknown_error(s, cmd);
    } else if (c->arity > 0 ? cmd->argc != c->arity : cmd->argc < -c->arity) {
        arity_error(s, c->name);
    } else if (!c->in_subscribe && subscribed(s)) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "ERR Can't execute '%s': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                 "are allowed in this context",
                 c->name);
        out_error(&s->out, msg);
    } else {
        c->run(s, cmd);
    }
}
