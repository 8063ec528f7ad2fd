/* "kctl-shim exec [--tty] [--cwd DIR] [--pid PID --start-ticks N] [--cgroup DIR]... -- COMMAND
 * [ARG...]": a command in a container's context (for `kubectl exec` and exec probes): the
 * namespaces and root of the container's main process PID (container-join.c), its cgroups, and
 * its environment, which the caller gives as this process's own; the caller spawns it in its own
 * process group. fd 3 is the status pipe: the error message when the command
 * could not be started (runc's wording, as for `run`; exit code 127), or just EOF once it runs.
 *  - without --tty the shim BECOMES the command (execve in place): the caller's pipes are the
 *    command's stdio, nothing is copied;
 *  - with --tty the command runs on a new pseudo-terminal: stdin is copied to the terminal and
 *    the terminal to stdout (a terminal merges stderr into it); fd 4, if open, carries resizes
 *    as text lines "COLS ROWS". The exit code is the command's (128+signal when killed). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

#define STATUS_FD 3
#define RESIZE_FD 4
#define USAGE "usage: kctl-shim exec [--tty] [--cwd DIR] [--pid PID --start-ticks N] [--cgroup DIR]... -- COMMAND [ARG...]"

static int copy_once(int from, int to) {
  char buf[16384];
  ssize_t n = read(from, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 1;
  if (n <= 0) return 0;
  for (ssize_t off = 0; off < n;) {
    ssize_t w = write(to, buf + off, (size_t)(n - off));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return 0;
    off += w;
  }
  return 1;
}

/* Applies every complete "COLS ROWS" line read from the resize pipe; 0 once it closed. */
static int apply_resizes(int fd, int pty) {
  static char pending[256];
  static size_t len;
  ssize_t n = read(fd, pending + len, sizeof pending - len - 1);
  if (n <= 0) return n < 0 && errno == EINTR;
  len += (size_t)n;
  pending[len] = '\0';
  char *line = pending, *nl;
  while ((nl = strchr(line, '\n'))) {
    unsigned cols, rows;
    if (sscanf(line, "%u %u", &cols, &rows) == 2) {
      struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
      ioctl(pty, TIOCSWINSZ, &ws);
    }
    line = nl + 1;
  }
  len = strlen(line);
  memmove(pending, line, len + 1);
  if (len == sizeof pending - 1) len = 0; /* garbage without newlines: drop it */
  return 1;
}

static int relay_terminal(pid_t pid, int pty, int resize_fd) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  int sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
  int stdin_fd = 0, status = 0, exited = 0;
  for (;;) {
    struct pollfd fds[4] = {{.fd = sigfd, .events = POLLIN},
                            {.fd = pty, .events = POLLIN},
                            {.fd = exited ? -1 : stdin_fd, .events = POLLIN},
                            {.fd = resize_fd, .events = POLLIN}};
    /* Once the command exited, its output is drained without blocking on stragglers. */
    if (poll(fds, 4, exited ? 200 : -1) == 0) break;
    if (fds[1].revents && !copy_once(pty, 1)) break; /* EIO: no process holds the terminal any more */
    /* Resizes before input: a size sent before a keystroke is in effect when the key arrives. */
    if (fds[3].revents && !apply_resizes(resize_fd, pty)) resize_fd = -1;
    if (fds[2].revents && !copy_once(stdin_fd, pty)) stdin_fd = -1;
    if (fds[0].revents) {
      struct signalfd_siginfo si;
      while (read(sigfd, &si, sizeof si) == sizeof si) {
      }
      if (!exited && waitpid(pid, &status, WNOHANG) == pid) exited = 1;
    }
  }
  if (!exited) waitpid(pid, &status, 0);
  return exit_code_of(status);
}

int run_exec_command(int argc, char **argv) {
  static const struct option opts[] = {{"tty", no_argument, 0, 't'},          {"cwd", required_argument, 0, 'c'},
                                       {"pid", required_argument, 0, 'p'},    {"start-ticks", required_argument, 0, 's'},
                                       {"cgroup", required_argument, 0, 'g'}, {0, 0, 0, 0}};
  struct launch_spec spec = {.envp = environ, .with_stdin = 1};
  int c;
  while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
    if (c == 't') spec.tty = 1;
    else if (c == 'c') spec.cwd = optarg;
    else if (c == 'p') spec.join_pid = (pid_t)atoi(optarg);
    else if (c == 's') spec.join_start_ticks = strtoull(optarg, NULL, 10);
    else if (c == 'g' && spec.cgroup_count < MAX_CGROUPS) spec.cgroups[spec.cgroup_count++] = optarg;
    else die(USAGE);
  }
  if (optind >= argc) die(USAGE);
  spec.argv = argv + optind;
  if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) < 0) die("fd 3 must be the status pipe");
  if (!spec.tty) {
    exec_container_process(&spec, STATUS_FD);
  }
  signal(SIGPIPE, SIG_IGN);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, NULL);
  struct container_io io;
  char err[2048];
  pid_t pid = launch_container(&spec, &io, err, sizeof err);
  if (pid < 0) {
    ssize_t ignored = write(STATUS_FD, err, strlen(err));
    (void)ignored;
    return 127;
  }
  close(STATUS_FD);
  int resize_fd = fcntl(RESIZE_FD, F_SETFD, FD_CLOEXEC) == 0 ? RESIZE_FD : -1;
  return relay_terminal(pid, io.pty_fd, resize_fd);
}
