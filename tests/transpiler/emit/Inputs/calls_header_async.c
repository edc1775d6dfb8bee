/* emit/plain_file_unparsed.c: names no async word itself, but its header declares one. */
#include "calls_header_async.h"

int plain(int x)
{
    return remote_step(x);
}
