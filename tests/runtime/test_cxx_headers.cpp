// tests/runtime/test_cxx_headers.cpp: the public headers, which have extern "C" guards, compile
// as C++ (checked with -fsyntax-only): a C++ file may call the plain functions, a channel's
// try_send from its own thread or the runtime's configuration. They declared three things with
// C99's _Bool, which C++ does not have.
#include <asyncc.h>
#include <asyncc/leaf.h>

int main()
{
    ac_runtime_config config;
    ac_runtime_config_default(&config);
    ac_mpsc *ch = ac_mpsc_unbounded_new(sizeof(int));
    int one = 1;
    bool sent = ch && ac_mpsc_try_send(ch, &one) == 0;
    ac_child child = {};
    bool reaped = child.reaped;
    bool cancelled = ac_cancel_token_is_cancelled(nullptr) || ac_abort_handle_is_finished(nullptr);
    return sent && !reaped && !cancelled ? 0 : 1;
}
