/* runtime/vla.c: the storage of variable-length arrays that live across an await, which the
 * generated code allocates when their declaration runs and frees where their lifetime ends. */
#include <stddef.h>
#include <stdlib.h>

#include <asyncc/future.h>

#include "util.h"

void *ac__vla_alloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) /* as a VLA too large for the stack would end the program, but saying why */
        ac__panic("out of memory for a variable-length array of %zu bytes", size);
    return p;
}

void ac__vla_free(void *storage)
{
    free(storage);
}
