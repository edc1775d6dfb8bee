/* tests/runtime/test_env_warn.c: a bad ASYNCC_WORKERS is said once per process, not once per
 * reading of the configuration (ac_runtime_config_default twice and two starts said it four
 * times); the default is used instead, and a good value set later is still taken. */
#include <unistd.h>

#include "test.h"

/* How often needle occurs in the file at path. */
static int count_in(const char *path, const char *needle)
{
    static char buf[8192];
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    int count = 0;
    for (char *p = buf; (p = strstr(p, needle)); p++)
        count++;
    return count;
}

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/asyncc-env-warn-%d", (int)getpid());
    FILE *err = fopen(path, "w");
    CHECK(err != NULL);
    int saved = dup(2);
    dup2(fileno(err), 2);

    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    setenv("ASYNCC_WORKERS", "lots", 1);
    ac_runtime_config cfg;
    ac_runtime_config_default(&cfg);
    CHECK_EQ(cfg.workers, (unsigned)(cpus > 1024 ? 1024 : cpus));
    ac_runtime_config_default(&cfg);
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(ac_runtime_start(), 0);
        ac_runtime_shutdown();
    }
    setenv("ASYNCC_WORKERS", "3", 1);
    ac_runtime_config_default(&cfg);
    CHECK_EQ(cfg.workers, 3);
    setenv("ASYNCC_WORKERS", "0", 1); /* another bad value: still said no more */
    ac_runtime_config_default(&cfg);

    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fclose(err);
    CHECK_EQ(count_in(path, "asyncc: ignoring ASYNCC_WORKERS="), 1);
    CHECK_EQ(count_in(path, "asyncc: ignoring ASYNCC_WORKERS=lots (expected a number from 1 to 1024)"), 1);
    unlink(path);
    printf("env_warn: ok\n");
    return 0;
}
