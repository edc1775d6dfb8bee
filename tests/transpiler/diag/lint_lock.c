// -Wasync-lock-across-await: a pthread mutex or rwlock locked before an await and unlocked after
// it, at the await, naming the lock and where it was taken; a lock released before the await is
// fine. Off with -Wno-async-lock-across-await.
// RUN: %asyncc -Wno-async-blocking %s -o %t.c 2>&1 | %FileCheck %s --implicit-check-not=warning:
// RUN: %asyncc -Wno-async-blocking -Wno-async-lock-across-await %s -o %t.c 2>&1 | %FileCheck %s --allow-empty --check-prefix=OFF
// OFF-NOT: warning
#include <asyncc.h>
#include <pthread.h>

struct shared {
    pthread_mutex_t lock;
    pthread_rwlock_t rw;
    int value;
};

async int peek(struct shared *s)
{
    return s->value;
}

async int update(struct shared *s)
{
    pthread_mutex_lock(&s->lock);
    s->value++;
    pthread_mutex_unlock(&s->lock);
    await(ac_yield()); /* released before: fine */

    pthread_mutex_lock(&s->lock);
    int v = await(peek(s)), w = s->value;
    // CHECK: lint_lock.c:[[@LINE-1]]:13: warning: await while the lock &s->lock is held (pthread_mutex_lock at line [[@LINE-2]]): the task may resume on another thread, and whatever else waits for the lock blocks its thread meanwhile; use ac_mutex [-Wasync-lock-across-await]
    pthread_mutex_unlock(&s->lock);

    pthread_rwlock_rdlock(&s->rw);
    for (int i = 0; i < 2; i++)
        await(ac_yield());
    // CHECK: lint_lock.c:[[@LINE-1]]:9: warning: await while the lock &s->rw is held (pthread_rwlock_rdlock at line [[@LINE-3]]){{.*}} [-Wasync-lock-across-await]
    pthread_rwlock_unlock(&s->rw);
    return v + w;
}
