/* statements of include_in_body.c's step(), included inside its body */
static const int weights[3] = {2, 3, 5};
total += await(scaled(weights[k % 3], k));
if (total > 1000)
    return -1;
