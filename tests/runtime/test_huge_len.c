/* tests/runtime/test_huge_len.c (async C): lengths of 2^32 bytes and more, which no single
 * system call moves (the kernel caps one at MAX_RW_COUNT): each call moves what one call can,
 * never the low 32 bits of the length. On io_uring a recv of 2^32 bytes asked the kernel for 0
 * and returned 0, end of stream, with bytes waiting; a send of 2^32 sent nothing. The buffer
 * is reserved address space (MAP_NORESERVE) that only its first pages are written to. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#define BIG (1ull << 32)

async int main(void)
{
    char *m = mmap(NULL, BIG + 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        printf("huge_len: cannot reserve 4 GiB of address space: skipped\n");
        return TEST_SKIP;
    }
    int sv[2], p[2];
    CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    CHECK_EQ(pipe(p), 0);
    for (size_t len = BIG; len <= BIG + 1; len++) {
        CHECK_EQ(write(sv[1], "hello", 5), 5);
        CHECK_EQ(await(ac_recv(sv[0], m, len, 0)), 5);
        CHECK_EQ(write(p[1], "hello", 5), 5);
        CHECK_EQ(await(ac_read(p[0], m, len)), 5);
        CHECK(!memcmp(m, "hello", 5));
    }
    /* A send of 2^32 moves as much as the socket takes (its buffer), then the reader's. */
    CHECK_EQ(fcntl(sv[0], F_SETFL, O_NONBLOCK), 0);
    long sent = await(ac_send(sv[0], m, BIG, 0));
    CHECK_INT(>, sent, 0);
    int dn = open("/dev/null", O_WRONLY);
    CHECK(dn >= 0);
    CHECK_INT(>, await(ac_write(dn, m, BIG)), 0);
    CHECK_EQ(await(ac_write_all(dn, m, BIG + 1)), (long)(BIG + 1));
    close(dn);
    close(sv[0]);
    close(sv[1]);
    close(p[0]);
    close(p[1]);
    munmap(m, BIG + 4096);
    printf("huge_len: 2^32-byte reads, receives, sends and writes move bytes\n");
    return 0;
}
