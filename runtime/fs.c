/* runtime/fs.c: asyncc/fs.h: unlink, rmdir, mkdir and rename as backend ops; ftruncate,
 * directory listing and whole-file read and write as jobs of the blocking pool that own their
 * arguments and results (a dropped call leaves the job to free them). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "asyncc/fs.h"
#include "asyncc/sync.h"
#include "io_op.h"
#include "task.h"

extern const ac_future_type ac__type_ac_spawn_blocking;
void ac__init_ac_spawn_blocking(void *frame, long (*fn)(void *), void *arg);

/* ------------------------------------------------------------------------------------------ */
/* Path operations                                                                            */

static void init_path(void *frame, enum ac__op_kind kind, const char *path, int flags,
                      unsigned mode)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, kind, ac__io_finish);
    f->op.a.path.path = path;
    f->op.a.path.flags = flags;
    f->op.a.path.mode = mode;
}

AC__IO_TYPE(ac_unlink, int, 0);
AC_EXPORT void ac__init_ac_unlink(void *frame, const char *path);
void ac__init_ac_unlink(void *frame, const char *path)
{
    init_path(frame, AC__OP_UNLINK, path, 0, 0);
}

AC__IO_TYPE(ac_rmdir, int, 0);
AC_EXPORT void ac__init_ac_rmdir(void *frame, const char *path);
void ac__init_ac_rmdir(void *frame, const char *path)
{
    init_path(frame, AC__OP_UNLINK, path, AT_REMOVEDIR, 0);
}

AC__IO_TYPE(ac_mkdir, int, 0);
AC_EXPORT void ac__init_ac_mkdir(void *frame, const char *path, unsigned mode);
void ac__init_ac_mkdir(void *frame, const char *path, unsigned mode)
{
    init_path(frame, AC__OP_MKDIR, path, 0, mode);
}

AC__IO_TYPE(ac_rename, int, 0);
AC_EXPORT void ac__init_ac_rename(void *frame, const char *from, const char *to);
void ac__init_ac_rename(void *frame, const char *from, const char *to)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_RENAME, ac__io_finish);
    f->op.a.rename.from = from;
    f->op.a.rename.to = to;
}

/* ------------------------------------------------------------------------------------------ */
/* Pool jobs                                                                                  */

enum { FTRUNCATE, READ_DIR, FS_READ, FS_WRITE };

/* Shared by the future and the pool thread; the last to let go frees it with what it holds. */
struct fs_job {
    _Atomic int refs;
    int kind, fd;
    long long length;
    char *path;
    char *data;   /* FS_WRITE: the copy to write */
    size_t len;
    void *result; /* READ_DIR, FS_READ: handed to the caller, else freed with the job */
};

static void job_unref(struct fs_job *j)
{
    if (atomic_fetch_sub_explicit(&j->refs, 1, memory_order_acq_rel) != 1)
        return;
    free(j->result);
    free(j->path);
    free(j->data);
    free(j);
}

/* read(2), retried when interrupted: the count, or -errno. */
static long read_some(int fd, char *buf, size_t len)
{
    ssize_t n;
    while ((n = read(fd, buf, len)) < 0 && errno == EINTR)
        ;
    return n < 0 ? -errno : (long)n;
}

/* The buffer starts at the file's size (plus the NUL), so a regular file takes one allocation
 * of its size: once it is full, a small read finds whether anything follows before it grows
 * (a file that grew meanwhile, /proc and pipes, whose size says nothing). */
static long read_whole(struct fs_job *j)
{
    int fd = open(j->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    struct stat st;
    size_t cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
                     ? (size_t)st.st_size + 1 : 4096;
    char *buf = malloc(cap), probe[256];
    size_t len = 0;
    long n = buf ? 1 : -ENOMEM;
    while (n > 0) {
        if (len + 1 < cap) {
            n = read_some(fd, buf + len, cap - 1 - len);
            len += n > 0 ? (size_t)n : 0;
            continue;
        }
        n = read_some(fd, probe, sizeof probe);
        if (n > 0) {
            char *more = realloc(buf, cap * 2);
            if (!more) {
                n = -ENOMEM;
                break;
            }
            buf = more;
            cap *= 2;
            memcpy(buf + len, probe, (size_t)n);
            len += (size_t)n;
        }
    }
    close(fd);
    if (n < 0) {
        free(buf);
        return n;
    }
    buf[len] = 0;
    j->result = buf;
    return (long)len;
}

static long write_whole(struct fs_job *j)
{
    int fd = open(j->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return -errno;
    size_t done = 0;
    while (done < j->len) {
        ssize_t n = write(fd, j->data + done, j->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return -e;
        }
        done += (size_t)n;
    }
    return close(fd) < 0 ? -errno : (long)done;
}

/* Collects the names first, then makes the one allocation the caller frees. */
static long list_dir(struct fs_job *j)
{
    DIR *d = opendir(j->path);
    if (!d)
        return -errno;
    size_t n = 0, cap = 0, names = 0;
    struct dirent **ents = NULL;
    long r = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            struct dirent **more = realloc(ents, (cap = cap ? cap * 2 : 64) * sizeof *ents);
            if (!more)
                break;
            ents = more;
        }
        size_t sz = offsetof(struct dirent, d_name) + strlen(e->d_name) + 1;
        if (!(ents[n] = malloc(sz)))
            break;
        memcpy(ents[n], e, sz);
        names += strlen(e->d_name) + 1;
        n++;
        errno = 0;
    }
    r = errno ? -errno : 0;
    closedir(d);
    ac_dir_entry *out = NULL;
    if (r == 0 && n && !(out = malloc(n * sizeof *out + names)))
        r = -ENOMEM;
    char *at = out ? (char *)(out + n) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (out) {
            strcpy(at, ents[i]->d_name);
            out[i] = (ac_dir_entry){at, ents[i]->d_ino, ents[i]->d_type};
            at += strlen(at) + 1;
        }
        free(ents[i]);
    }
    free(ents);
    j->result = out;
    return r < 0 ? r : (long)n;
}

static long job_run(void *arg)
{
    struct fs_job *j = arg;
    long r;
    switch (j->kind) {
    case FTRUNCATE:
        r = ftruncate(j->fd, (off_t)j->length) ? -errno : 0;
        break;
    case READ_DIR:
        r = list_dir(j);
        break;
    case FS_READ:
        r = read_whole(j);
        break;
    default:
        r = write_whole(j);
        break;
    }
    job_unref(j);
    return r;
}

struct job_frame {
    unsigned state; /* 0, 1: the job runs, DONE */
    long ret;       /* ac_ftruncate reads the low half */
    struct fs_job *job;
    void **out;
    _Alignas(16) unsigned char blocking[ac__frame_size_ac_spawn_blocking];
};

static int job_poll(void *frame, ac_cx *cx)
{
    struct job_frame *f = frame;
    if (f->state == 0) {
        if (!f->job) { /* out of memory when the call was made */
            f->ret = -ENOMEM;
            f->state = AC_STATE_DONE;
            return AC_READY;
        }
        ac__init_ac_spawn_blocking(f->blocking, job_run, f->job);
        f->state = 1;
    }
    if (ac__type_ac_spawn_blocking.poll(f->blocking, cx) == AC_PENDING)
        return AC_PENDING;
    f->ret = *(long *)(f->blocking + ac__type_ac_spawn_blocking.result_offset);
    if (f->out) {
        *f->out = f->ret >= 0 ? f->job->result : NULL;
        if (f->ret >= 0)
            f->job->result = NULL;
    }
    job_unref(f->job);
    f->job = NULL;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static void job_drop(void *frame, ac_cx *cx)
{
    struct job_frame *f = frame;
    if (f->state == 1)
        ac__type_ac_spawn_blocking.drop(f->blocking, cx);
    if (f->job && f->state != AC_STATE_DONE) {
        /* Never started: the pool holds no reference; started: it drops its own. */
        if (f->state == 0)
            atomic_fetch_sub_explicit(&f->job->refs, 1, memory_order_relaxed);
        job_unref(f->job);
    }
    f->job = NULL;
    f->state = AC_STATE_DONE;
}

/* A job with its two references (the future's and the pool's), or NULL when out of memory. */
static struct fs_job *job_new(int kind, const char *path)
{
    struct fs_job *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    if (path && !(j->path = strdup(path))) {
        free(j);
        return NULL;
    }
    atomic_init(&j->refs, 2);
    j->kind = kind;
    return j;
}

static struct job_frame *job_init(void *frame, struct fs_job *j, void **out)
{
    struct job_frame *f = frame;
    f->state = 0;
    f->ret = 0;
    f->job = j;
    f->out = out;
    if (out)
        *out = NULL;
    return f;
}

#define JOB_TYPE(NAME, RTYPE)                                                              \
    AC__LEAF_TYPE_SIZED(NAME, struct job_frame, sizeof(struct job_frame),                   \
                        offsetof(struct job_frame, ret), sizeof(RTYPE), job_poll, job_drop,  \
                        "blocking pool " #NAME)

JOB_TYPE(ac_ftruncate, int);
AC_EXPORT void ac__init_ac_ftruncate(void *frame, int fd, long long length);
void ac__init_ac_ftruncate(void *frame, int fd, long long length)
{
    struct fs_job *j = job_new(FTRUNCATE, NULL);
    if (j) {
        j->fd = fd;
        j->length = length;
    }
    job_init(frame, j, NULL);
}

JOB_TYPE(ac_read_dir, long);
AC_EXPORT void ac__init_ac_read_dir(void *frame, const char *path, ac_dir_entry **entries);
void ac__init_ac_read_dir(void *frame, const char *path, ac_dir_entry **entries)
{
    job_init(frame, job_new(READ_DIR, path), (void **)entries);
}

JOB_TYPE(ac_fs_read, long);
AC_EXPORT void ac__init_ac_fs_read(void *frame, const char *path, char **data);
void ac__init_ac_fs_read(void *frame, const char *path, char **data)
{
    job_init(frame, job_new(FS_READ, path), (void **)data);
}

JOB_TYPE(ac_fs_write, long);
AC_EXPORT void ac__init_ac_fs_write(void *frame, const char *path, const void *data, size_t len);
void ac__init_ac_fs_write(void *frame, const char *path, const void *data, size_t len)
{
    struct fs_job *j = job_new(FS_WRITE, path);
    if (j && !(j->data = malloc(len ? len : 1))) {
        free(j->path);
        free(j);
        j = NULL;
    }
    if (j) {
        ac__copy(j->data, data, len); /* NULL data with len 0 is an empty file */
        j->len = len;
    }
    job_init(frame, j, NULL);
}
