/* pp.c: runs clang's preprocessor over the input with the user's flags.
 * asyncc rewrites the preprocessed text, so awaits written inside macros are seen as they run. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Starts clang's preprocessor: returns 0 with *pid and *fd (its output) set, or -1 after printing
 * why it could not start. pp_finish reads what it writes. */
int pp_start(const char *clang, const char *const *flags, int nflags, const char *input, int *pid, int *fd)
{
    const char **argv = xcalloc((size_t)nflags + 8, sizeof *argv);
    int argc = 0;
    argv[argc++] = clang;
    argv[argc++] = "-E";
    argv[argc++] = "-C";
    argv[argc++] = "-D__ASYNCC__";
    for (int i = 0; i < nflags; i++)
        argv[argc++] = flags[i];
    argv[argc++] = input;
    argv[argc] = NULL;

    int fds[2];
    if (pipe(fds) < 0) {
        perror("asyncc: pipe");
        free(argv);
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    pid_t spawned;
    int rc = posix_spawnp(&spawned, clang, &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    free(argv);
    if (rc != 0) {
        fprintf(stderr, "asyncc: cannot run the preprocessor '%s': %s (set ASYNCC_CLANG)\n", clang,
                strerror(rc));
        close(fds[0]);
        return -1;
    }
    *pid = (int)spawned;
    *fd = fds[0];
    return 0;
}

/* Returns 0 with the preprocessed text in *out (NUL-terminated, caller frees), or -1 when the
 * preprocessor failed (its own errors went to stderr as they are). */
int pp_finish(int pid, int fd, char **out, unsigned *len)
{
    sb text = {0};
    sb_grow(&text, 1u << 20);
    for (;;) {
        sb_grow(&text, 65536);
        ssize_t n = read(fd, text.data + text.len, text.cap - text.len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        text.len += (size_t)n;
        text.data[text.len] = 0;
    }
    close(fd);
    int status;
    while (waitpid((pid_t)pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        sb_free(&text);
        return -1;
    }
    *len = (unsigned)text.len;
    *out = sb_take(&text);
    return 0;
}
