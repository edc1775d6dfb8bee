/* An async function defined in a header: rejected (define it in a .c file). */
#include <asyncc.h>
async int in_header(void) { await(ac_yield()); return 1; }
