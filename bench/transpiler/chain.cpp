// bench/transpiler/chain.cpp: the await chain of chain.c as C++20 coroutines (clang++-14
// -std=c++20): a lazy task type with symmetric transfer, the usual shape (cppcoro, folly).
// Each coroutine frame comes from the promise's operator new, which records its size.
// usage: chain_cpp [ITERATIONS=10000000]
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <utility>

static uint64_t now_ns()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static size_t frames_allocated, frame_bytes, first_sizes[16], nfirst;

struct task {
    struct promise_type {
        long value;
        std::coroutine_handle<> continuation;

        static void *operator new(size_t size)
        {
            frames_allocated++;
            frame_bytes += size;
            if (nfirst < 16)
                first_sizes[nfirst++] = size;
            return std::malloc(size);
        }
        static void operator delete(void *p) { std::free(p); }

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

task f1(long x) { co_return x ^ 0x5bd1e995; }
task f2(long x) { co_return (co_await f1(x + 2)) >> 1; }
task f3(long x) { co_return (co_await f2(x + 3)) >> 1; }
task f4(long x) { co_return (co_await f3(x + 4)) >> 1; }
task f5(long x) { co_return (co_await f4(x + 5)) >> 1; }
task f6(long x) { co_return (co_await f5(x + 6)) >> 1; }
task f7(long x) { co_return (co_await f6(x + 7)) >> 1; }
task f8(long x) { co_return (co_await f7(x + 8)) >> 1; }
task f9(long x) { co_return (co_await f8(x + 9)) >> 1; }
task f10(long x) { co_return (co_await f9(x + 10)) >> 1; }

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    long sum = 0;
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        // The driver awaits f10 the way main's await does in chain.c: run it to completion.
        task t = f10(i);
        t.h.resume();
        sum += t.h.promise().value;
    }
    uint64_t dt = now_ns() - t0;
    printf("RESULT ns_per_chain=%.2f sum=%ld n=%ld frames_per_chain=%.2f bytes_per_chain=%.1f sizes=",
           (double)dt / n, sum, n, (double)frames_allocated / (n ? n : 1),
           (double)frame_bytes / (n ? n : 1));
    for (size_t i = 0; i < nfirst && i < 10; i++)
        printf("%s%zu", i ? "," : "", first_sizes[i]);
    printf("\n");
    return 0;
}
