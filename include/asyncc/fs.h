/* asyncc/fs.h: the file system beyond reading and writing (Tokio's tokio::fs): remove, rename,
 * create directories, list them, truncate, and whole-file read and write. Returns are -errno. */
#ifndef ASYNCC_FS_H
#define ASYNCC_FS_H

#include "sys.h"

#include "future.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds on the frames of the futures below (see future.h): awaiting them allocates nothing. */
enum {
    ac__frame_size_ac_unlink = 128,
    ac__frame_size_ac_rmdir = 128,
    ac__frame_size_ac_mkdir = 128,
    ac__frame_size_ac_rename = 128,
    ac__frame_size_ac_ftruncate = 80,
    ac__frame_size_ac_read_dir = 80,
    ac__frame_size_ac_fs_read = 80,
    ac__frame_size_ac_fs_write = 80
};

/* unlink(2), rmdir(2), mkdir(2) and rename(2) of paths relative to the current directory, as
 * io_uring operations (on the blocking pool with the epoll backend). Return 0 or -errno. The
 * paths must stay valid until the call finishes. Dropped in flight: cancelled if the kernel
 * has not started it, else it completes anyway (the change may or may not have happened). */
AC_EXPORT async int ac_unlink(const char *path);
AC_EXPORT async int ac_rmdir(const char *path);
AC_EXPORT async int ac_mkdir(const char *path, unsigned mode);
AC_EXPORT async int ac_rename(const char *from, const char *to);

/* ftruncate(2): sets fd's file to length bytes. Returns 0 or -errno. On the blocking pool. */
AC_EXPORT async int ac_ftruncate(int fd, long long length);

/* One entry of a directory listing. */
typedef struct ac_dir_entry {
    const char *name;   /* NUL-terminated, in the same allocation as the array */
    unsigned long long ino; /* the inode number (an ino_t) */
    unsigned char type; /* d_type: DT_REG, DT_DIR, DT_LNK... (DT_UNKNOWN on some file systems) */
} ac_dir_entry;

/* Lists the directory at path, "." and ".." left out, in the order the file system gives.
 * Returns the count and sets *entries to a new array of them (one allocation with the names:
 * free(*entries) frees everything; NULL when the count is 0), or -errno. On the blocking pool;
 * path is copied. Dropped meanwhile: the listing is discarded when it finishes. */
AC_EXPORT async long ac_read_dir(const char *path, ac_dir_entry **entries);

/* Reads the whole file at path into a buffer it sizes itself (Tokio's fs::read; ac_read_file
 * reads into the caller's buffer). Returns the size and sets *data to the bytes, followed by a
 * NUL not counted (so a text file is a C string; free(*data) when done), or -errno. Files whose
 * size is unknown in advance (/proc, pipes) are read to their end. On the blocking pool; path is
 * copied. Dropped meanwhile: the data is discarded when the read finishes. */
AC_EXPORT async long ac_fs_read(const char *path, char **data);

/* Writes len bytes of data as the whole content of the file at path, creating it (mode 0666
 * before the umask) or truncating it (Tokio's fs::write); data may be NULL when len is 0 (an
 * empty file). Returns len or -errno. data and path are copied when the call starts (they need
 * not outlive it). On the blocking pool. Dropped meanwhile: the write still completes. */
AC_EXPORT async long ac_fs_write(const char *path, const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
