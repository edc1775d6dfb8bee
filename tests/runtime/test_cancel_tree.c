/* tests/runtime/test_cancel_tree.c (async C): cancelling a tree of cancellation tokens: a chain
 * of child tokens far deeper than the stack of the thread that cancels it would allow a
 * recursion, and a wide tree with branches of several depths; every token is cancelled and the
 * waiters at the leaves are woken. */
#include <pthread.h>

#include "test.h"

#define DEPTH 100000
#define WIDE 300

static async int wait_for(ac_cancel_token *t)
{
    await(ac_cancel_token_cancelled(t));
    return 1;
}

static void *cancel_on_small_stack(void *t)
{
    ac_cancel_token_cancel(t);
    return NULL;
}

/* Cancels t from a thread whose stack is 512 KiB (a recursion needs 16 bytes or more per token). */
static void cancel_from_thread(ac_cancel_token *t)
{
    pthread_attr_t attr;
    pthread_t thread;
    CHECK_EQ(pthread_attr_init(&attr), 0);
    CHECK_EQ(pthread_attr_setstacksize(&attr, 512 << 10), 0);
    CHECK_EQ(pthread_create(&thread, &attr, cancel_on_small_stack, t), 0);
    CHECK_EQ(pthread_join(thread, NULL), 0);
    pthread_attr_destroy(&attr);
}

/* A root with DEPTH tokens chained below it, a waiter on the last. */
static async void deep_chain(void)
{
    static ac_cancel_token *chain[DEPTH];
    ac_cancel_token *root = ac_cancel_token_new(), *t = root;
    for (int i = 0; i < DEPTH; i++)
        chain[i] = t = ac_cancel_token_child(t);
    ac_task *waiter = ac_spawn(wait_for(t));
    await(ac_sleep_ms(1));
    cancel_from_thread(root);
    int woken = 0;
    await(ac_task_join(waiter, &woken));
    CHECK_EQ(woken, 1);
    for (int i = 0; i < DEPTH; i++)
        CHECK(ac_cancel_token_is_cancelled(chain[i]));
    for (int i = DEPTH - 1; i >= 0; i--)
        ac_cancel_token_free(chain[i]);
    ac_cancel_token_free(root);
}

/* Token i's parent is token (i - 1) / 3 (token 0: a child of the root, beside a sibling that
 * is not below the cancelled one); cancelling token 1 cancels exactly its own subtree. */
static async void wide_tree(void)
{
    static ac_cancel_token *t[WIDE];
    ac_cancel_token *root = ac_cancel_token_new(), *other = ac_cancel_token_child(root);
    for (int i = 0; i < WIDE; i++)
        t[i] = ac_cancel_token_child(i ? t[(i - 1) / 3] : root);
    ac_task *leaf = ac_spawn(wait_for(t[WIDE - 1]));
    await(ac_sleep_ms(1));
    ac_cancel_token_cancel(t[1]);
    for (int i = 0; i < WIDE; i++) {
        int j = i;
        while (j > 1)
            j = (j - 1) / 3;
        CHECK_EQ(ac_cancel_token_is_cancelled(t[i]), j == 1);
    }
    CHECK(!ac_cancel_token_is_cancelled(root) && !ac_cancel_token_is_cancelled(other));
    ac_cancel_token_cancel(root);
    int woken = 0;
    await(ac_task_join(leaf, &woken));
    CHECK_EQ(woken, 1);
    CHECK(ac_cancel_token_is_cancelled(other));
    for (int i = WIDE - 1; i >= 0; i--)
        ac_cancel_token_free(t[i]);
    ac_cancel_token_free(other);
    ac_cancel_token_free(root);
}

async int main(void)
{
    await(deep_chain());
    await(wide_tree());
    printf("cancel_tree: ok\n");
    return 0;
}
