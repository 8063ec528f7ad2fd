/* "kctl-shim run": supervise one container instance until it exits.
 *
 * The shim detaches from the kubelet (fork, the first process exits, setsid), becomes a child
 * subreaper so that daemonizing descendants of the container are re-parented to it, starts the
 * container, reports "ok PID" or "error MESSAGE" on the status descriptor (fd 3) and closes it,
 * then copies the container's output into the CRI log file and to attached clients. When the
 * container's main process exits, whatever is left of its process group is killed (the end of
 * PID 1 ends a Kubernetes container), the output is drained, and `exit` is written last: once
 * `exit` exists, the log file is complete. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define STATUS_FD 3
#define SOCKET_NAME "attach.sock"
#define USAGE "usage: kctl-shim run --state-dir DIR --log FILE [--stdin] [--tty] [--cgroup DIR]..."
#define DRAIN_MS 2000 /* output still held open by an escaped descendant is not waited for longer */

struct shim {
  struct launch_spec spec;
  struct container_io io;
  struct attach_server *attach;
  struct log_stream out, err;
  int logfd, sigfd;
  pid_t pid;
  int exited, wait_status;
  char started[48];
};

/* Ends the start handshake: the status line, then stderr (which carried any diagnostic of a
 * failed start to the runtime) goes to /dev/null so the runtime's pipe sees EOF. */
static void report_status(const char *line) {
  ssize_t ignored = write(STATUS_FD, line, strlen(line));
  (void)ignored;
  close(STATUS_FD);
  int devnull = open("/dev/null", O_WRONLY);
  dup2(devnull, 2);
  close(devnull);
}

static void now_rfc3339(char *out, size_t len) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  format_rfc3339nano(out, len, &ts);
}

static void write_exit_record(const char *json) {
  if (write_file_atomic("exit", json, strlen(json)) < 0) die("writing exit: %s", strerror(errno));
}

static void record_start_error(const char *msg) {
  char finished[48], quoted[2200], json[2600], line[2200];
  now_rfc3339(finished, sizeof finished);
  json_quote(quoted, sizeof quoted, msg);
  /* 128 is the exit code containerd reports for a StartError. */
  snprintf(json, sizeof json, "{\"exitCode\":128,\"startError\":%s,\"finishedAt\":\"%s\"}\n", quoted, finished);
  write_exit_record(json);
  snprintf(line, sizeof line, "error %s\n", msg);
  report_status(line);
}

static void record_exit(const struct shim *s) {
  char finished[48], json[512], signal_field[64] = "";
  now_rfc3339(finished, sizeof finished);
  if (WIFSIGNALED(s->wait_status)) {
    const char *abbrev = sigabbrev_np(WTERMSIG(s->wait_status));
    snprintf(signal_field, sizeof signal_field, ",\"signal\":\"SIG%s\"", abbrev ? abbrev : "UNKNOWN");
  }
  /* The OOM killer counts its kill before the victim can exit, so the counter is final here. */
  int oom = WIFSIGNALED(s->wait_status) && WTERMSIG(s->wait_status) == SIGKILL && cgroups_oom_killed(&s->spec);
  snprintf(json, sizeof json, "{\"exitCode\":%d%s%s,\"startedAt\":\"%s\",\"finishedAt\":\"%s\"}\n",
           exit_code_of(s->wait_status), signal_field, oom ? ",\"oomKilled\":true" : "", s->started, finished);
  write_exit_record(json);
}

/* Copies one read of container output to the log and the attached clients; 0 at end of stream. */
static int pump_output(struct shim *s, int *fd, struct log_stream *stream, int frame) {
  char buf[16384];
  ssize_t n = read(*fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (n <= 0) { /* EOF, or EIO once the last holder of a pty slave is gone */
    log_flush(s->logfd, stream);
    if (*fd != s->io.stdin_fd) close(*fd);
    *fd = -1;
    return 0;
  }
  log_feed(s->logfd, stream, buf, (size_t)n);
  attach_broadcast(s->attach, frame, buf, (size_t)n);
  return 1;
}

static void handle_signals(struct shim *s) {
  struct signalfd_siginfo si;
  while (read(s->sigfd, &si, sizeof si) == sizeof si) {
    if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
      if (s->pid > 0 && !s->exited) kill(-s->pid, (int)si.ssi_signo); /* a shim asked to stop passes it on to the container */
      continue;
    }
    int status;
    pid_t p;
    while ((p = waitpid(-1, &status, WNOHANG)) > 0) {
      if (p != s->pid) continue; /* an adopted orphan: reaped, nothing to record */
      s->exited = 1;
      s->wait_status = status;
      kill(-s->pid, SIGKILL);
    }
  }
}

static void supervise(struct shim *s) {
  int out_fd = s->io.stdout_fd, err_fd = s->io.stderr_fd;
  struct timespec exited_at = {0};
  for (;;) {
    struct pollfd fds[24];
    int n = 0;
    fds[n++] = (struct pollfd){.fd = s->sigfd, .events = POLLIN};
    fds[n++] = (struct pollfd){.fd = out_fd, .events = POLLIN};
    fds[n++] = (struct pollfd){.fd = err_fd, .events = POLLIN};
    int first_attach = n;
    n += attach_poll_fds(s->attach, fds + n, (int)(sizeof fds / sizeof fds[0]) - n);
    int timeout = -1;
    if (s->exited) {
      if (out_fd < 0 && err_fd < 0) return;
      struct timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      long waited = (now.tv_sec - exited_at.tv_sec) * 1000 + (now.tv_nsec - exited_at.tv_nsec) / 1000000;
      if (waited >= DRAIN_MS) return;
      timeout = (int)(DRAIN_MS - waited);
    }
    if (poll(fds, (nfds_t)n, timeout) < 0 && errno != EINTR) die("poll: %s", strerror(errno));
    if (fds[1].revents && out_fd >= 0) pump_output(s, &out_fd, &s->out, FRAME_STDOUT);
    if (fds[2].revents && err_fd >= 0) pump_output(s, &err_fd, &s->err, FRAME_STDERR);
    attach_handle(s->attach, fds + first_attach, n - first_attach, &s->io);
    if (fds[0].revents) {
      int was_exited = s->exited;
      handle_signals(s);
      if (!was_exited && s->exited) clock_gettime(CLOCK_MONOTONIC, &exited_at);
    }
  }
}

static void setup_signals(struct shim *s) {
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigprocmask(SIG_BLOCK, &set, NULL);
  s->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (s->sigfd < 0) die("signalfd: %s", strerror(errno));
}

static void parse_args(struct shim *s, int argc, char **argv, const char **state_dir, const char **log_path) {
  static const struct option opts[] = {{"state-dir", required_argument, 0, 'd'}, {"log", required_argument, 0, 'l'},
                                       {"stdin", no_argument, 0, 'i'},          {"tty", no_argument, 0, 't'},
                                       {"cgroup", required_argument, 0, 'c'},   {0, 0, 0, 0}};
  int c;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    if (c == 'd') *state_dir = optarg;
    else if (c == 'l') *log_path = optarg;
    else if (c == 'i') s->spec.with_stdin = 1;
    else if (c == 't') s->spec.tty = 1;
    else if (c == 'c' && s->spec.cgroup_count < MAX_CGROUPS) s->spec.cgroups[s->spec.cgroup_count++] = optarg;
    else die(USAGE);
  }
  if (!*state_dir || !*log_path) die(USAGE);
}

int run_container_shim(int argc, char **argv) {
  static struct shim s = {.out = {.name = "stdout"}, .err = {.name = "stderr"}};
  const char *state_dir = NULL, *log_path = NULL;
  parse_args(&s, argc, argv, &state_dir, &log_path);
  if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) < 0) die("fd 3 must be the status pipe");
  pid_t first = fork();
  if (first < 0) die("fork: %s", strerror(errno));
  if (first > 0) _exit(0); /* the kubelet reaps this one at once; the shim lives on without it */
  setsid();
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  if (chdir(state_dir) < 0) die("state dir %s: %s", state_dir, strerror(errno));
  char line[64];
  snprintf(line, sizeof line, "%d\n", getpid());
  write_file_atomic("shim.pid", line, strlen(line));
  setup_signals(&s);
  s.spec.argv = read_nul_list("argv");
  s.spec.envp = read_nul_list("env");
  s.spec.cwd = read_text_file("cwd");
  s.spec.sandbox = read_pod_context("sandbox");
  if (!s.spec.argv || !s.spec.argv[0] || !s.spec.envp) die("argv and env files are required");
  s.logfd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (s.logfd < 0) die("log %s: %s", log_path, strerror(errno));
  s.attach = attach_listen(SOCKET_NAME);
  char err[2048];
  s.pid = launch_container(&s.spec, &s.io, err, sizeof err);
  if (s.pid < 0) {
    record_start_error(err);
    attach_close(s.attach, SOCKET_NAME);
    remove_cgroups(&s.spec);
    return 0;
  }
  now_rfc3339(s.started, sizeof s.started);
  snprintf(line, sizeof line, "%d\n%llu\n", s.pid, proc_start_ticks(s.pid));
  write_file_atomic("pid", line, strlen(line));
  write_file_atomic("started", s.started, strlen(s.started));
  snprintf(line, sizeof line, "ok %d\n", s.pid);
  report_status(line);
  supervise(&s);
  log_flush(s.logfd, &s.out);
  log_flush(s.logfd, &s.err);
  record_exit(&s);
  snprintf(line, sizeof line, "%d", exit_code_of(s.wait_status));
  attach_broadcast(s.attach, FRAME_EXIT, line, strlen(line));
  attach_close(s.attach, SOCKET_NAME);
  remove_cgroups(&s.spec);
  return 0;
}
