// ac_select_fair: ac_select whose poll starts from a random future (tokio::select!'s default),
// so that in a loop over futures that are always ready each wins its share; ac_select stays
// biased (the first ready one written wins). Three always-ready channels, 3,000 selects: every
// one wins at least 800 (each wins 1,000 on average), where the biased select gives the first
// all of them. The loser is cancelled as by ac_select: no value is lost (the sums add up).
// NO-SEQUENTIAL: the sequential build's selects run their first future only.
// RUN: %run %s %t | %FileCheck %s
#include <asyncc.h>
#include <stdio.h>

#define N 3000

static async int take(ac_mpsc *ch)
{
    int v = 0;
    await(ac_mpsc_recv(ch, &v));
    return v;
}

async int main(void)
{
    ac_mpsc *ch[3];
    for (int c = 0; c < 3; c++) {
        ch[c] = ac_mpsc_unbounded_new(sizeof(int));
        for (int i = 1; i <= N; i++)
            ac_mpsc_try_send(ch[c], &i);
    }
    int biased[3] = {0, 0, 0}, fair[3] = {0, 0, 0};
    long sum = 0;
    for (int i = 0; i < N / 3; i++) {
        int v = 0;
        biased[await(ac_select(v = take(ch[0]), v = take(ch[1]), v = take(ch[2])))]++;
        sum += v;
    }
    for (int i = 0; i < N; i++) {
        int v = 0;
        fair[await(ac_select_fair(v = take(ch[0]), v = take(ch[1]), v = take(ch[2])))]++;
        sum += v;
    }
    // CHECK: biased 1000 0 0
    printf("biased %d %d %d\n", biased[0], biased[1], biased[2]);
    // CHECK-NEXT: fair shares: 1 1 1
    printf("fair shares: %d %d %d\n", fair[0] >= 800, fair[1] >= 800, fair[2] >= 800);
    /* what is left in each channel, and what the selects took, make every value once */
    long left = 0;
    int v;
    for (int c = 0; c < 3; c++)
        while (ac_mpsc_try_recv(ch[c], &v) == 0)
            left += v;
    // CHECK-NEXT: every value once: 1
    printf("every value once: %d\n", sum + left == 3L * N * (N + 1) / 2);
    return 0;
}
