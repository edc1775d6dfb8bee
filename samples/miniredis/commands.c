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

/* The command's name in lower case, as Redis names it in errors, into buf (64 bytes). */
static const char *lower_name(const struct resp_arg *name, char *buf)
{
    size_t n = name->len < 63 ? name->len : 63;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(name->p[i] | 0x20); /* only ever called for a name that matched */
    buf[n] = 0;
    return buf;
}

static void arity_error(struct session *s, const struct resp_arg *name)
{
    char msg[160], lower[64];
    snprintf(msg, sizeof msg, "ERR wrong number of arguments for '%s' command", lower_name(name, lower));
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

static void set(struct session *s, const struct resp_cmd *cmd)
{
    const struct resp_arg *a = cmd->argv;
    unsigned long long expires = 0;
    int got_ex = 0, got_px = 0; /* one of them, given again, wins; both are an error */
    for (int i = 3; i < cmd->argc; i += 2) {
        int ex = IS(&a[i], "ex"), px = IS(&a[i], "px");
        if (!(ex || px) || i + 1 == cmd->argc || (ex ? got_px : got_ex)) {
            out_error(&s->out, "ERR syntax error");
            return;
        }
        long long t;
        if (parse_ll(a[i + 1].p, a[i + 1].len, &t) != 0) {
            out_error(&s->out, "ERR value is not an integer or out of range");
            return;
        }
        /* As Redis: positive, and the deadline as Unix time in milliseconds must fit in a long
         * long (for PX too: Redis refuses a huge one rather than keep the key for ever). The
         * deadline kept is on the monotonic clock, which starts far below Unix time. */
        struct timespec wall;
        clock_gettime(CLOCK_REALTIME, &wall);
        long long unix_ms = (long long)wall.tv_sec * 1000 + wall.tv_nsec / 1000000;
        if (t <= 0 || (ex && t > LLONG_MAX / 1000) || (ex ? t * 1000 : t) > LLONG_MAX - unix_ms) {
            out_error(&s->out, "ERR invalid expire time in 'set' command");
            return;
        }
        expires = ac_now_ms() + (unsigned long long)(ex ? t * 1000 : t);
        got_ex |= ex;
        got_px |= px;
    }
    db_set(a[1].p, a[1].len, a[2].p, a[2].len, expires);
    out_simple(&s->out, "OK");
}

static void ping(struct session *s, const struct resp_cmd *cmd)
{
    if (cmd->argc > 2) {
        arity_error(s, &cmd->argv[0]);
    } else if (s->sub && sub_count(s->sub) > 0) {
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

/* CONFIG GET: redis-benchmark asks for save and appendonly before it starts; miniredis keeps
 * nothing on disk, and says so. */
static void config(struct session *s, const struct resp_cmd *cmd)
{
    if (cmd->argc != 3 || !IS(&cmd->argv[1], "get")) {
        out_error(&s->out, "ERR only CONFIG GET is supported");
        return;
    }
    const struct resp_arg *p = &cmd->argv[2];
    if (IS(p, "save") || IS(p, "appendonly")) {
        out_array(&s->out, 2);
        out_bulk(&s->out, p->p, p->len);
        out_bulk(&s->out, IS(p, "save") ? "" : "no", IS(p, "save") ? 0 : 2);
    } else {
        out_array(&s->out, 0);
    }
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

void command_execute(struct session *s, const struct resp_cmd *cmd)
{
    const struct resp_arg *a = cmd->argv;
    int argc = cmd->argc;

    /* The two commands a cache mostly sees come first. */
    if (IS(&a[0], "get")) {
        if (argc != 2)
            arity_error(s, &a[0]);
        else if (s->sub && sub_count(s->sub) > 0)
            goto subscribed;
        else
            db_get(a[1].p, a[1].len, &s->out);
        return;
    }
    if (IS(&a[0], "set")) {
        if (argc < 3)
            arity_error(s, &a[0]);
        else if (s->sub && sub_count(s->sub) > 0)
            goto subscribed;
        else
            set(s, cmd);
        return;
    }
    if (IS(&a[0], "ping")) {
        ping(s, cmd);
        return;
    }
    if (IS(&a[0], "subscribe") || IS(&a[0], "unsubscribe")) {
        if (argc < 2 && IS(&a[0], "subscribe"))
            arity_error(s, &a[0]);
        else if (IS(&a[0], "subscribe"))
            subscribe(s, cmd);
        else
            unsubscribe(s, cmd);
        return;
    }
    if (IS(&a[0], "quit")) {
        out_simple(&s->out, "OK");
        s->quit = 1;
        return;
    }
    if (s->sub && sub_count(s->sub) > 0)
        goto subscribed;

    if (IS(&a[0], "del")) {
        if (argc < 2) {
            arity_error(s, &a[0]);
            return;
        }
        long long n = 0;
        for (int i = 1; i < argc; i++)
            n += db_del(a[i].p, a[i].len);
        out_int(&s->out, n);
    } else if (IS(&a[0], "incr")) {
        long long v;
        int rc = argc == 2 ? db_incr(a[1].p, a[1].len, 1, &v) : 0;
        if (argc != 2)
            arity_error(s, &a[0]);
        else if (rc == 0)
            out_int(&s->out, v);
        else if (rc == -1)
            out_error(&s->out, "ERR value is not an integer or out of range");
        else
            out_error(&s->out, "ERR increment or decrement would overflow");
    } else if (IS(&a[0], "publish")) {
        if (argc != 3)
            arity_error(s, &a[0]);
        else
            out_int(&s->out, pubsub_publish(a[1].p, a[1].len, a[2].p, a[2].len));
    } else if (IS(&a[0], "echo")) {
        if (argc != 2)
            arity_error(s, &a[0]);
        else
            out_bulk(&s->out, a[1].p, a[1].len);
    } else if (IS(&a[0], "config")) {
        config(s, cmd);
    } else if (IS(&a[0], "command")) {
        out_array(&s->out, 0); /* redis-cli asks for the command table; it copes with none */
    } else {
        unknown_error(s, cmd);
    }
    return;

subscribed: {
        char msg[200], lower[64];
        snprintf(msg, sizeof msg,
                 "ERR Can't execute '%s': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                 "are allowed in this context",
                 lower_name(&a[0], lower));
        out_error(&s->out, msg);
    }
}
