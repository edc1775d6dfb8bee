/* ccdb.c: asyncc -p for builds that transpile first: finds the compile command of the file that
 * asyncc generated from the input, which is what compile_commands.json lists for such builds. */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether the file at path is asyncc's output for the input at abs: its #line directives name
 * the input (relative names are relative to dir, the command's directory). Reads the head of
 * the file only: the first #line comes before the first async function's code. */
static int generated_from(const char *path, const char *dir, const char *abs)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[PATH_MAX + 64];
    int found = 0;
    for (int n = 0; !found && n < 100000 && fgets(line, sizeof line, fp); n++) {
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "#line ", 6) != 0)
            continue;
        char *q = strchr(p, '"'), *end = q ? strrchr(q + 1, '"') : NULL;
        if (!q || !end)
            continue;
        *end = 0;
        char *named = q[1] == '/' ? xstrdup(q + 1) : xasprintf("%s/%s", dir, q + 1);
        char real[PATH_MAX];
        found = realpath(named, real) && strcmp(real, abs) == 0;
        free(named);
    }
    fclose(fp);
    return found;
}

CXCompileCommands cc_generated_command(CXCompilationDatabase db, const char *abs, unsigned *which)
{
    CXCompileCommands all = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = all ? clang_CompileCommands_getSize(all) : 0;
    for (unsigned i = 0; i < n; i++) {
        CXCompileCommand cmd = clang_CompileCommands_getCommand(all, i);
        char *file = cx_take(clang_CompileCommand_getFilename(cmd));
        char *dir = cx_take(clang_CompileCommand_getDirectory(cmd));
        char *path = file[0] == '/' ? xstrdup(file) : xasprintf("%s/%s", dir, file);
        /* The generated file keeps the source's name (asyncc_target_sources writes
         * <build>/asyncc/<target>/<source>), which spares reading every other file. */
        int match = strcmp(base_of(path), base_of(abs)) == 0 && strcmp(path, abs) != 0 &&
                    generated_from(path, dir, abs);
        free(file), free(dir), free(path);
        if (match) {
            *which = i;
            return all;
        }
    }
    if (all)
        clang_CompileCommands_dispose(all);
    return NULL;
}
