/* runtime/io_read_file.c: ac_read_file, reading a file from its start in one op: open, read and
 * close (io_uring: one hard-linked chain through a direct descriptor; epoll: one pool job). */
#include "asyncc/io.h"
#include "io_op.h"
#include "task.h"

AC__IO_TYPE(ac_read_file, long, 0);

AC_EXPORT void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len);
void ac__init_ac_read_file(void *frame, const char *path, void *buf, size_t len)
{
    struct ac__io_frame *f = ac__io_frame_init(frame, AC__OP_READ_FILE, ac__io_finish);
    f->op.a.read_file.path = path;
    f->op.a.read_file.buf = buf;
    f->op.a.read_file.len = len > 0x7ffff000u ? 0x7ffff000u : (unsigned)len;
}
