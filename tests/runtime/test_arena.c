/* tests/runtime/test_arena.c: ac_frame_alloc/ac_frame_free in a task: 16-byte alignment, no
 * overlap between live blocks, reuse after free in any order, large frames, freed with the task;
 * ac_frame_alloc_type with the alignment of the type, up to 4096, mixed with plain blocks. */
#include <stdint.h>

#include "test.h"

#define NBLOCKS 500

typedef struct {
    unsigned state;
    int result;
} root_frame;

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int root_poll(void *frame, ac_cx *cx)
{
    root_frame *f = frame;
    static unsigned char *blocks[NBLOCKS];
    static size_t sizes[NBLOCKS];
    static ac_future_type types[NBLOCKS]; /* frame_align 0: the block is ac_frame_alloc's */
    static const size_t aligns[] = {0, 0, 0, 16, 32, 64, 128, 256, 4096};
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < NBLOCKS; i++) {
            if (blocks[i] && next_rand() % 2 == 0) {
                for (size_t k = 0; k < sizes[i]; k++)
                    CHECK_EQ(blocks[i][k], (unsigned char)(i + k));
                if (types[i].frame_align)
                    ac_frame_free_type(cx, blocks[i], &types[i]);
                else
                    ac_frame_free(cx, blocks[i], sizes[i]);
                blocks[i] = NULL;
            }
            if (!blocks[i]) {
                size_t size = next_rand() % 10 == 0 ? 1000 + next_rand() % 5000 : 1 + next_rand() % 300;
                size_t align = aligns[next_rand() % (sizeof aligns / sizeof *aligns)];
                types[i].frame_size = size;
                types[i].frame_align = align;
                blocks[i] = align ? ac_frame_alloc_type(cx, &types[i]) : ac_frame_alloc(cx, size);
                sizes[i] = size;
                CHECK_EQ((uintptr_t)blocks[i] % (align > 16 ? align : 16), 0);
                for (size_t k = 0; k < size; k++)
                    blocks[i][k] = (unsigned char)(i + k);
            }
        }
    }
    for (int i = 0; i < NBLOCKS; i++) {
        for (size_t k = 0; k < sizes[i]; k++)
            CHECK_EQ(blocks[i][k], (unsigned char)(i + k));
        /* Leave the small ones to the task's end, which frees the whole arena. */
        if (types[i].frame_align > 16)
            ac_frame_free_type(cx, blocks[i], &types[i]);
        else if (sizes[i] > 1024)
            ac_frame_free(cx, blocks[i], sizes[i]);
    }
    f->result = 0;
    f->state = AC_STATE_DONE;
    return AC_READY;
}

static const ac_future_type root_type = TEST_TYPE(root_frame, root_poll, test_no_drop);

int main(void)
{
    CHECK_EQ(test_block_on(&root_type), 0);
    ac_runtime_shutdown();
    return 0;
}
