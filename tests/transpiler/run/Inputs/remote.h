/* remote.h: async functions defined in another file (Inputs/remote.c), for run/cross_file.c. */
#include <asyncc.h>

struct pair {
    int lo, hi;
};

async int remote_double(int x);
async struct pair remote_pair(int base);
async void remote_log(const char *msg);
