/* Starting the container process. The child reports a failed cgroup join, pod context, chdir or
 * exec back through a CLOEXEC pipe: a successful execve closes the pipe (EOF, the process runs), a failure writes the
 * message first. Messages follow runc's wording, which is what Kubernetes users see in describe. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int exit_code_of(int status) {
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

static const char *env_lookup(char **envp, const char *key) {
  size_t klen = strlen(key);
  for (char **e = envp; e && *e; e++)
    if (strncmp(*e, key, klen) == 0 && (*e)[klen] == '=') return *e + klen + 1;
  return NULL;
}

/* Go error strings are lower-case ("no such file or directory"); strerror's are capitalised. */
static void go_strerror(int err, char *out, size_t outlen) {
  snprintf(out, outlen, "%s", strerror(err));
  if (out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z')) out[0] = (char)(out[0] - 'A' + 'a');
}

static int is_executable_file(const char *path, int *err) {
  struct stat st;
  if (stat(path, &st) < 0) {
    *err = errno;
    return 0;
  }
  if (S_ISDIR(st.st_mode) || !(st.st_mode & 0111)) {
    *err = EACCES;
    return 0;
  }
  return 1;
}

/* exec.LookPath as runc uses it, searching the CONTAINER's PATH (not the shim's). */
static int look_path(const char *name, char **envp, char *found, size_t foundlen, char *msg, size_t msglen) {
  int err = 0;
  char reason[128];
  if (strchr(name, '/')) {
    if (is_executable_file(name, &err)) {
      snprintf(found, foundlen, "%s", name);
      return 0;
    }
    go_strerror(err, reason, sizeof reason);
    if (err == EACCES) snprintf(msg, msglen, "exec: \"%s\": %s", name, reason);
    else snprintf(msg, msglen, "exec: \"%s\": stat %s: %s", name, name, reason);
    return -1;
  }
  const char *path = env_lookup(envp, "PATH");
  for (const char *dir = path ? path : ""; dir;) {
    const char *colon = strchr(dir, ':');
    size_t dlen = colon ? (size_t)(colon - dir) : strlen(dir);
    snprintf(found, foundlen, "%.*s/%s", (int)dlen, dlen ? dir : ".", name);
    if (is_executable_file(found, &err)) return 0;
    dir = colon ? colon + 1 : NULL;
  }
  snprintf(msg, msglen, "exec: \"%s\": executable file not found in $PATH", name);
  return -1;
}

__attribute__((noreturn)) static void child_fail(int errfd, const char *msg) {
  ssize_t ignored = write(errfd, msg, strlen(msg));
  (void)ignored;
  _exit(127);
}

void exec_container_process(const struct launch_spec *spec, int errfd) {
  char msg[4200], path[4096], reason[128];
  /* Cgroups first, so not one allocation of the workload escapes the limits; then the pod's
   * namespaces and root, where the working dir and the executable are looked up. */
  if (join_cgroups(spec, msg, sizeof msg) < 0) child_fail(errfd, msg);
  if (spec->sandbox && enter_pod_context(spec->sandbox, msg, sizeof msg) < 0) child_fail(errfd, msg);
  if (spec->join_pid && join_container_context(spec->join_pid, spec->join_start_ticks, msg, sizeof msg) < 0)
    child_fail(errfd, msg);
  /* The shim ignores some signals; ignored dispositions would survive execve. */
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
  if (spec->cwd && chdir(spec->cwd) < 0) {
    go_strerror(errno, reason, sizeof reason);
    snprintf(msg, sizeof msg, "chdir to cwd (\"%s\") set in config.json failed: %s", spec->cwd, reason);
    child_fail(errfd, msg);
  }
  if (look_path(spec->argv[0], spec->envp, path, sizeof path, msg, sizeof msg) < 0) child_fail(errfd, msg);
  execve(path, spec->argv, spec->envp);
  go_strerror(errno, reason, sizeof reason);
  snprintf(msg, sizeof msg, "exec: \"%s\": %s", spec->argv[0], reason);
  child_fail(errfd, msg);
}

/* Wires the child's stdio: the pty slave (as controlling terminal) or the pipe ends. */
static void setup_child_stdio(const struct launch_spec *spec, int slave, int in_r, int out_w, int err_w) {
  setsid(); /* own session, hence own process group: stop() signals the whole group */
  if (spec->tty) {
    ioctl(slave, TIOCSCTTY, 0);
    dup2(slave, 0);
    dup2(slave, 1);
    dup2(slave, 2); /* stdin is the terminal even without stdin: true, as with runc's console */
    return;
  }
  int in = in_r >= 0 ? in_r : open("/dev/null", O_RDONLY);
  dup2(in, 0);
  dup2(out_w, 1);
  dup2(err_w, 2);
}

pid_t launch_container(const struct launch_spec *spec, struct container_io *io, char *err, size_t errlen) {
  int errpipe[2], in[2] = {-1, -1}, out[2] = {-1, -1}, errs[2] = {-1, -1};
  int master = -1, slave = -1;
  if (pipe2(errpipe, O_CLOEXEC) < 0) die("pipe: %s", strerror(errno));
  if (spec->tty) {
    if (openpty(&master, &slave, NULL, NULL, NULL) < 0) die("openpty: %s", strerror(errno));
    fcntl(master, F_SETFD, FD_CLOEXEC);
    fcntl(slave, F_SETFD, FD_CLOEXEC);
  } else {
    if ((spec->with_stdin && pipe2(in, O_CLOEXEC) < 0) || pipe2(out, O_CLOEXEC) < 0 || pipe2(errs, O_CLOEXEC) < 0)
      die("pipe: %s", strerror(errno));
  }
  pid_t pid = fork();
  if (pid < 0) die("fork: %s", strerror(errno));
  if (pid == 0) {
    close(errpipe[0]);
    setup_child_stdio(spec, slave, in[0], out[1], errs[1]);
    exec_container_process(spec, errpipe[1]);
  }
  close(errpipe[1]);
  if (spec->tty) {
    close(slave);
    *io = (struct container_io){spec->with_stdin ? master : -1, master, -1, master};
  } else {
    if (in[0] >= 0) close(in[0]);
    close(out[1]);
    close(errs[1]);
    *io = (struct container_io){in[1], out[0], errs[0], -1};
  }
  ssize_t n;
  do n = read(errpipe[0], err, errlen - 1);
  while (n < 0 && errno == EINTR);
  close(errpipe[0]);
  if (n <= 0) return pid; /* EOF: execve succeeded */
  err[n] = '\0';
  waitpid(pid, NULL, 0);
  return -1;
}
