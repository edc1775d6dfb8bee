/* transcripts.c: the seed article's transcript generator in async C. Three transcripts that each
 * take 3 s: awaited one after another (9 s), spawned as tasks (3 s), joined in one task (3 s). */
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

    /* The same concurrency without tasks: one task polls the three frames, kept in its own. */
    start = seconds();
    char *a = NULL, *b = NULL, *c = NULL;
    await(ac_join(a = generate_transcript(101), b = generate_transcript(102), c = generate_transcript(103)));
    printf("  %s\n  %s\n  %s\n", a, b, c);
    free(a);
    free(b);
    free(c);
    printf("joined in a task:  %.1f s\n", seconds() - start);
    return 0;
}
