/* A header that declares f without async (for async_definition_only.c). */
int f(int x);
