/* hashsum.c: sha256sum with async file I/O: one task per file reads it through io_uring, a
 * semaphore keeps at most -j files open at once, OpenSSL's libcrypto computes the digest. */
#include <asyncc.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 64 * 1024 }; /* below malloc's mmap threshold: no mmap per file */

/* One input: its name and, once hashed, its digest. */
struct input {
    const char *name;
    unsigned char digest[32];
};

/* Plain helpers for the cleanups, which run on every exit path, cancellation included. */
static void free_ctx(EVP_MD_CTX **ctx)
{
    EVP_MD_CTX_free(*ctx);
}

static void free_buf(unsigned char **buf)
{
    free(*buf);
}

static void release_permit(ac_semaphore **open_files)
{
    ac_semaphore_release(*open_files, 1);
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

/* The task of one input: waits for one of the -j permits, then hashes the file with a buffer of
 * its own. Returns 0 or -errno. */
async int hash_input(struct input *in, ac_semaphore *open_files)
{
    if (await(ac_semaphore_acquire(open_files, 1)) < 0)
        return -ECANCELED;
    ac_semaphore *permit __attribute__((cleanup(release_permit))) = open_files;
    unsigned char *buf __attribute__((cleanup(free_buf))) = malloc(CHUNK);
    if (!buf)
        return -ENOMEM;
    (void)permit;
    return await(hash_file(in, buf));
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
    int count = first < argc ? argc - first : 1;
    struct input *inputs = calloc((size_t)count, sizeof *inputs);
    ac_task **tasks = calloc((size_t)count, sizeof *tasks);
    ac_semaphore *open_files = ac_semaphore_new((size_t)jobs);
    if (!inputs || !tasks || !open_files) {
        fputs("hashsum: out of memory\n", stderr);
        return 1;
    }

    /* Every file gets its task at once; the semaphore decides how many run their I/O. */
    for (int i = 0; i < count; i++) {
        inputs[i].name = names[i];
        tasks[i] = ac_spawn(hash_input(&inputs[i], open_files));
    }
    /* Joined in order, so lines come out in argument order as soon as they can. */
    int status = 0;
    for (int i = 0; i < count; i++) {
        int rc = -ECANCELED;
        await(ac_task_join(tasks[i], &rc));
        if (rc < 0) {
            fflush(stdout);
            fprintf(stderr, "hashsum: %s: %s\n", inputs[i].name, strerror(-rc));
            status = 1;
        } else {
            print_line(&inputs[i]);
        }
    }
    ac_semaphore_free(open_files);
    free(tasks);
    free(inputs);
    return status;
}
