/* commands.h: what miniredis does with one parsed command. A session is the per-connection state
 * the commands need: where replies go, and the connection's subscriber once it subscribed. */
#ifndef MINIREDIS_COMMANDS_H
#define MINIREDIS_COMMANDS_H

#include "pubsub.h"
#include "resp.h"

struct session {
    int fd;
    struct outbuf out;      /* replies not yet sent */
    struct subscriber *sub; /* NULL until the first SUBSCRIBE; then replies go through it */
    int quit;               /* QUIT or a protocol error: close after sending the replies */
};

/* Executes cmd (argc > 0) and appends its reply to s->out (or, for SUBSCRIBE and UNSUBSCRIBE,
 * to the subscriber's outbox). */
void command_execute(struct session *s, const struct resp_cmd *cmd);

#endif
