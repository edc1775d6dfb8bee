/* hashsum.c: sha256sum with async file I/O: files are read concurrently through io_uring by a
 * bounded set of tasks (at most -j files open at once) and hashed with OpenSSL's libcrypto. */
#include <asyncc.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 256 * 1024 };

/* One input: its name and, once hashed, its digest or the error that stopped it. */
struct input {
    const char *name;
    int error; /* 0 or a positive errno */
    unsigned char digest[32];
};

struct job {
    struct input *inputs;
    int count;
    int next; /* the next input to take; shared by every hasher task */
};

/* Plain helpers: the shared counter and the cleanups (plain C, called on every exit path). */
static int take(struct job *job)
{
    return __atomic_fetch_add(&job->next, 1, __ATOMIC_RELAXED);
}

static void free_ctx(EVP_MD_CTX **ctx)
{
    EVP_MD_CTX_free(*ctx);
}

static void free_buf(unsigned char **buf)
{
    free(*buf);
}

/* Hashes one file: opens it, reads it chunk by chunk, closes it. Returns 0 or -errno. */
async int hash_file(struct input *in, unsigned char *buf)
{
    int fd = strcmp(in->name, "-") == 0 ? 0 : await(ac_open(in->name, O_RDONLY, 0));
    if (fd < 0)
        return fd;
    EVP_MD_CTX *ctx __attribute__((cleanup(free_ctx))) = EVP_MD_CTX_new();
    int rc = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) ? 0 : -ENOMEM;
    while (rc == 0) {
        long n = await(ac_read(fd, buf, CHUNK));
        if (n <= 0) {
            rc = (int)n;
            break;
        }
        EVP_DigestUpdate(ctx, buf, (size_t)n);
    }
    if (rc == 0)
        EVP_DigestFinal_ex(ctx, in->digest, NULL);
    if (fd != 0)
        await(ac_close(fd));
    return rc;
}

/* A hasher task: takes inputs until none is left. Running `jobs` of them bounds the number of
 * files open at once to `jobs`, whatever the number of inputs. */
async void hasher(struct job *job)
{
    unsigned char *buf __attribute__((cleanup(free_buf))) = malloc(CHUNK);
    for (int i = take(job); i < job->count; i = take(job))
        job->inputs[i].error = buf ? -await(hash_file(&job->inputs[i], buf)) : ENOMEM;
}

/* Prints one line as coreutils does: a name with a backslash or newline is escaped, and the
 * line then starts with a backslash. */
static void print_line(const struct input *in)
{
    int escape = strpbrk(in->name, "\\\n") != NULL;
    if (escape)
        putchar('\\');
    for (int i = 0; i < 32; i++)
        printf("%02x", in->digest[i]);
    fputs("  ", stdout);
    for (const char *p = in->name; *p; p++) {
        if (escape && *p == '\\')
            fputs("\\\\", stdout);
        else if (escape && *p == '\n')
            fputs("\\n", stdout);
        else
            putchar(*p);
    }
    putchar('\n');
}

async int main(int argc, char **argv)
{
    int jobs = 64, first = 1;
    if (argc > 2 && strcmp(argv[1], "-j") == 0) {
        jobs = atoi(argv[2]);
        first = 3;
    }
    if (jobs < 1) {
        fprintf(stderr, "usage: hashsum [-j OPEN_FILES] [FILE]...\n");
        return 2;
    }
    static char *dash[] = {"-"};
    char **names = first < argc ? argv + first : dash;
    struct job job = {calloc((size_t)(first < argc ? argc - first : 1), sizeof *job.inputs),
                      first < argc ? argc - first : 1, 0};
    for (int i = 0; i < job.count; i++)
        job.inputs[i].name = names[i];

    if (jobs > job.count)
        jobs = job.count;
    ac_task **tasks = calloc((size_t)jobs, sizeof *tasks);
    for (int t = 0; t < jobs; t++)
        tasks[t] = ac_spawn(hasher(&job));
    for (int t = 0; t < jobs; t++)
        await(ac_task_join(tasks[t], NULL));

    int status = 0;
    for (int i = 0; i < job.count; i++) {
        if (job.inputs[i].error) {
            fflush(stdout);
            fprintf(stderr, "hashsum: %s: %s\n", job.inputs[i].name, strerror(job.inputs[i].error));
            status = 1;
        } else {
            print_line(&job.inputs[i]);
        }
    }
    free(tasks);
    free(job.inputs);
    return status;
}
