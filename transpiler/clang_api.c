/* clang_api.c: opens libclang and fills the table of its functions (clang_api.h). Linking it
 * would load it before main, and loading it takes as long as a third of a large file's parse: the
 * preprocessor, a separate process, runs meanwhile instead. */
#define CX_API_DEFINE
#include "clang_api.h"

#include <dlfcn.h>
#include <stdio.h>

#ifndef ASYNCC_LIBCLANG
#define ASYNCC_LIBCLANG "libclang-14.so.13"
#endif
#ifndef ASYNCC_LIBCLANG_LINK
#define ASYNCC_LIBCLANG_LINK "libclang-14.so.1"
#endif

struct cx_api cx_api;

int cx_load(void)
{
    static int loaded;
    if (loaded)
        return 0;
    /* the library found at build time, else the name it was found under (a symlink that follows
     * upgrades), else Debian's soname */
    static const char *const names[] = {ASYNCC_LIBCLANG, ASYNCC_LIBCLANG_LINK, "libclang-14.so.13", "libclang-14.so.1"};
    void *lib = NULL;
    for (size_t i = 0; !lib && i < sizeof names / sizeof names[0]; i++)
        lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "asyncc: cannot load libclang (%s): %s\n", ASYNCC_LIBCLANG, dlerror());
        return -1;
    }
#define CX_FIND(f)                                                                                 \
    if (!(*(void **)&cx_api.f = dlsym(lib, #f))) {                                                 \
        fprintf(stderr, "asyncc: libclang has no %s\n", #f);                                       \
        return -1;                                                                                 \
    }
    CX_FUNCTIONS(CX_FIND)
#undef CX_FIND
    loaded = 1;
    return 0;
}
