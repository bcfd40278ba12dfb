// Wrappers for libedit's variadic el_set/el_get/history calls, which Swift cannot call,
// and for the C stdio globals that strict concurrency rejects. See docs/interactive.md.
#ifndef REFSH_CEDITLINE_SHIM_H
#define REFSH_CEDITLINE_SHIM_H

#include <histedit.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

typedef char *(*refsh_prompt_fn)(EditLine *);
typedef unsigned char (*refsh_command_fn)(EditLine *, int);

static inline EditLine *refsh_el_init(const char *program) {
    setlocale(LC_ALL, "");
    return el_init(program, stdin, stdout, stderr);
}
static inline void refsh_el_set_prompt(EditLine *el, refsh_prompt_fn fn) { el_set(el, EL_PROMPT, fn); }
/// A prompt in which text between two \1 characters is not printed width (colour escapes).
static inline void refsh_el_set_prompt_esc(EditLine *el, refsh_prompt_fn fn) { el_set(el, EL_PROMPT_ESC, fn, '\1'); }
static inline void refsh_el_set_emacs(EditLine *el) { el_set(el, EL_EDITOR, "emacs"); }
static inline void refsh_el_set_signal(EditLine *el, int on) { el_set(el, EL_SIGNAL, on); }
static inline void refsh_el_set_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }
static inline void refsh_el_set_clientdata(EditLine *el, void *data) { el_set(el, EL_CLIENTDATA, data); }
static inline void *refsh_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline void refsh_el_add_function(EditLine *el, const char *name, const char *help, refsh_command_fn fn) {
    el_set(el, EL_ADDFN, name, help, fn);
}
static inline void refsh_el_bind(EditLine *el, const char *key, const char *name) { el_set(el, EL_BIND, key, name, NULL); }
/// While a line is edited, ^C arrives as a key (bound to refsh-interrupt) instead of SIGINT.
static inline void refsh_el_keys_not_signals(EditLine *el) { el_set(el, EL_SETTY, "-d", "-isig", NULL); }

static inline History *refsh_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
static inline void refsh_history_enter(History *h, const char *line) { HistEvent ev; history(h, &ev, H_ENTER, line); }
static inline int refsh_history_save(History *h, const char *file) { HistEvent ev; return history(h, &ev, H_SAVE, file); }
static inline int refsh_history_load(History *h, const char *file) { HistEvent ev; return history(h, &ev, H_LOAD, file); }
static inline int refsh_history_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }
/// The history entry at `index` from the newest (0), or NULL past the oldest.
static inline const char *refsh_history_newest(History *h, int index) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) < 0) return NULL;
    for (int i = 0; i < index; i++) {
        if (history(h, &ev, H_NEXT) < 0) return NULL;
    }
    return ev.str;
}

/// How many SIGINTs arrived (Ctrl-C while a command runs: the shell cancels it).
static volatile sig_atomic_t refsh_sigint_counter = 0;
/// SIGINT without SA_RESTART: el_gets returns -1 with EINTR instead of the process dying, and
/// the count goes up.
static void refsh_sigint_noop(int sig) { (void)sig; refsh_sigint_counter++; }
static inline long refsh_sigint_count(void) { return (long)refsh_sigint_counter; }

/// SIGWINCH only notes that the terminal was resized (SA_RESTART: a read goes on); the reader
/// tells libedit on the thread that edits. libedit's own handler would resize its buffers on
/// whichever thread the signal reaches, while another thread is inside el_gets.
static volatile sig_atomic_t refsh_winch_pending = 0;
static void refsh_on_winch(int sig) { (void)sig; refsh_winch_pending = 1; }
static inline void refsh_install_winch(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = refsh_on_winch;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &action, NULL);
}
static inline int refsh_take_winch(void) {
    int pending = refsh_winch_pending;
    refsh_winch_pending = 0;
    return pending;
}
static inline void refsh_install_sigint(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = refsh_sigint_noop;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
}
/// Set by SIGCONT while refsh_suspend waits to be stopped and continued.
static volatile sig_atomic_t refsh_continued = 0;
static void refsh_on_continue(int sig) { (void)sig; refsh_continued = 1; }

/// Ctrl-Z while a line is edited (a key then, not SIGTSTP: libedit's own binding does nothing):
/// the terminal as it was before editing, the job stopped as the terminal would stop it (the
/// whole process group: `refsh | tee log` stops as one), and on `fg` the editing mode back and
/// the line redrawn as it was. The redraw waits for the SIGCONT of `fg` (at most 0.2 s of
/// running time: with no job control the kernel drops the stop, and refsh goes on).
static inline unsigned char refsh_suspend(EditLine *el) {
    el_set(el, EL_PREP_TERM, 0);
    fputs("\n", stdout);
    fflush(stdout);
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = refsh_on_continue;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGCONT, &action, &previous);
    refsh_continued = 0;
    kill(0, SIGTSTP);
    for (int waited = 0; waited < 200 && !refsh_continued; waited++) usleep(1000);
    sigaction(SIGCONT, &previous, NULL);
    el_set(el, EL_PREP_TERM, 1);
    el_set(el, EL_REFRESH);
    return CC_NORM;
}
static inline int refsh_errno(void) { return errno; }
static inline int refsh_stdin_is_tty(void) { return isatty(0); }
static inline void refsh_write_stdout(const char *text) { fputs(text, stdout); fflush(stdout); }
#endif
