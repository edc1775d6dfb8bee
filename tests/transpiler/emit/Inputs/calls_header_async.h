/* emit/plain_file_unparsed.c: a header declaring an async function. */
#include <asyncc.h>
async int remote_step(int x);
