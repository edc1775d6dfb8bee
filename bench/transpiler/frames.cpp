// bench/transpiler/frames.cpp: the functions of frames.c as C++20 coroutines. Built with
// -O2 -fno-inline so that clang allocates every frame (no heap elision) and the promise's
// operator new sees each frame's size. For each function: its own frame, and the peak of live
// frame bytes while it runs (its frame plus its callees').
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <utility>

static size_t live, peak, first_size;

struct task {
    struct promise_type {
        long value;
        std::coroutine_handle<> continuation;
        static void *operator new(size_t size)
        {
            if (!first_size)
                first_size = size;
            live += size;
            if (live > peak)
                peak = live;
            size_t *p = (size_t *)std::malloc(size + 16);
            *p = size;
            return (char *)p + 16;
        }
        static void operator delete(void *p)
        {
            size_t *q = (size_t *)((char *)p - 16);
            live -= *q;
            std::free(q);
        }
        task get_return_object() { return task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct final_awaiter {
            bool await_ready() noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept
            {
                auto c = h.promise().continuation;
                return c ? c : std::noop_coroutine();
            }
            void await_resume() noexcept {}
        };
        final_awaiter final_suspend() noexcept { return {}; }
        void return_value(long v) { value = v; }
        void unhandled_exception() { std::terminate(); }
    };
    std::coroutine_handle<promise_type> h;
    explicit task(std::coroutine_handle<promise_type> hh) : h(hh) {}
    task(task &&o) noexcept : h(std::exchange(o.h, {})) {}
    ~task()
    {
        if (h)
            h.destroy();
    }
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept
    {
        h.promise().continuation = caller;
        return h;
    }
    long await_resume() noexcept { return h.promise().value; }
};

task leaf(int x)
{
    if (x == -1) /* never: as in frames.c, the leaf could suspend */
        co_await std::suspend_always{};
    co_return x + 1;
}
task mid(int x) { co_return (co_await leaf(x)) * 2; }
task loop(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += (int)co_await leaf(i);
    co_return s;
}
task buffer(int n)
{
    char b[256];
    memset(b, n, sizeof b);
    co_await leaf(n);
    co_return b[n % 256];
}
task two(int x)
{
    int a = (int)co_await mid(x);
    int b = (int)co_await loop(x);
    co_return a + b;
}
task c1(long x)
{
    if (x == -1)
        co_await std::suspend_always{};
    co_return x ^ 0x5bd1e995;
}
task c2(long x) { co_return (co_await c1(x + 2)) >> 1; }
task c3(long x) { co_return (co_await c2(x + 3)) >> 1; }
task c4(long x) { co_return (co_await c3(x + 4)) >> 1; }
task c5(long x) { co_return (co_await c4(x + 5)) >> 1; }
task c6(long x) { co_return (co_await c5(x + 6)) >> 1; }
task c7(long x) { co_return (co_await c6(x + 7)) >> 1; }
task c8(long x) { co_return (co_await c7(x + 8)) >> 1; }
task c9(long x) { co_return (co_await c8(x + 9)) >> 1; }
task c10(long x) { co_return (co_await c9(x + 10)) >> 1; }

static void measure(const char *name, task (*f)(int), int arg)
{
    live = peak = first_size = 0;
    {
        task t = f(arg);
        t.h.resume();
    }
    printf("FRAME name=%s size=%zu peak=%zu\n", name, first_size, peak);
}

static task c10i(int x) { return c10(x); }

int main()
{
    measure("leaf", leaf, 3);
    measure("mid", mid, 3);
    measure("loop", loop, 3);
    measure("buffer", buffer, 3);
    measure("two", two, 3);
    measure("c10", c10i, 3);
    return 0;
}
