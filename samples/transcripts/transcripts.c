/* transcripts.c: the seed article's transcript generator in async C. Three transcripts that each
 * take 3 s: awaited one after another (about 9 s), then spawned as tasks (about 3 s). */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fetching courses, computing the GPA, rendering the PDF: 3 s of waiting on I/O. */
async char *generate_transcript(int student_id)
{
    await(ac_sleep_ms(3000));
    char *text = malloc(80);
    snprintf(text, 80, "Transcript for Student %d: 3.8 GPA, 120 credits", student_id);
    return text;
}

async int main(void)
{
    double start = seconds();
    for (int id = 101; id <= 103; id++) {
        char *t = await(generate_transcript(id));
        printf("  %s\n", t);
        free(t);
    }
    printf("one after another: %.1f s\n", seconds() - start);

    start = seconds();
    ac_task *tasks[3];
    for (int i = 0; i < 3; i++)
        tasks[i] = ac_spawn(generate_transcript(101 + i));
    for (int i = 0; i < 3; i++) {
        char *t;
        if (await(ac_task_join(tasks[i], &t)) == 0) {
            printf("  %s\n", t);
            free(t);
        }
    }
    printf("concurrently:      %.1f s\n", seconds() - start);
    return 0;
}
