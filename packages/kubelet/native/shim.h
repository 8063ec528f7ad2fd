/* kctl-shim: one tiny supervisor per container instance (see main.c for the command line and
 * the state directory layout). Shared declarations of the shim's small modules. */
#ifndef KCTL_SHIM_H
#define KCTL_SHIM_H

#define _GNU_SOURCE
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* ---- state.c: files in the state directory (the shim runs with it as its cwd) ---- */
/* Writes NAME atomically (NAME.tmp then rename) so a reader never sees half a record. */
int write_file_atomic(const char *name, const char *data, size_t len);
/* Reads a file of NUL-terminated strings into a NULL-terminated array (argv/env files). */
char **read_nul_list(const char *name);
/* Reads a whole small text file; NULL if it does not exist. */
char *read_text_file(const char *name);
/* RFC 3339 with nanoseconds in UTC, e.g. 2016-10-06T00:17:09.669794202Z (31 bytes + NUL). */
void format_rfc3339nano(char *out, size_t outlen, const struct timespec *ts);
/* Appends a JSON string literal (quotes and escapes included) to OUT; returns bytes written. */
size_t json_quote(char *out, size_t outlen, const char *s);
/* The process's start time in clock ticks since boot (/proc/PID/stat field 22): with the pid it
 * identifies a process for good, so a recycled pid is never mistaken for the container. */
unsigned long long proc_start_ticks(pid_t pid);
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* ---- launch.c: fork + exec of the container process ---- */
#define MAX_CGROUPS 8
struct pod_context;
struct launch_spec {
  char **argv;
  char **envp;
  const char *cwd; /* NULL: inherit */
  int tty;         /* give the process a pseudo-terminal as stdin/stdout/stderr */
  int with_stdin;  /* keep a writable stdin (pipe or the pty); otherwise /dev/null */
  const char *cgroups[MAX_CGROUPS]; /* cgroup dirs the process joins before execve */
  int cgroup_count;
  const struct pod_context *sandbox; /* run: the pod context to create; NULL: the host's */
  pid_t join_pid;                    /* exec: the container whose context to join; 0: none */
  unsigned long long join_start_ticks; /* its start time, so a recycled pid is never joined */
};

struct container_io {
  int stdin_fd;  /* our end of the container's stdin, or -1 */
  int stdout_fd; /* our end of stdout (the pty master when tty) */
  int stderr_fd; /* our end of stderr, -1 when tty (merged into the pty) */
  int pty_fd;    /* the pty master when tty (same fd as stdout_fd/stdin_fd), else -1 */
};

/* Starts the container process in its own session and process group. Returns its pid, or -1
 * with a Kubernetes-worded error in ERR (e.g. exec: "x": executable file not found in $PATH)
 * when it could not be started: the exec error travels back over a CLOEXEC pipe. */
pid_t launch_container(const struct launch_spec *spec, struct container_io *io, char *err, size_t errlen);
/* In the calling process: cgroups and pod context joined, signal dispositions reset, chdir, PATH
 * lookup, execve. On failure it writes the message to ERRFD and exits 127. */
void exec_container_process(const struct launch_spec *spec, int errfd) __attribute__((noreturn));
/* 128+signal for a signalled process, like Kubernetes reports it. */
int exit_code_of(int wait_status);

/* ---- cgroups.c: the container's cgroups (created and limited by the runtime) ---- */
/* Moves the calling process into each of SPEC's cgroups; -1 with a message in ERR. */
int join_cgroups(const struct launch_spec *spec, char *err, size_t errlen);
/* Whether the kernel's OOM killer killed a process of the container's memory cgroup. */
int cgroups_oom_killed(const struct launch_spec *spec);
/* rmdir once the container's processes have left them (retries briefly; errors are ignored). */
void remove_cgroups(const struct launch_spec *spec);

/* ---- pod-context.c: the pod's network, the container's own hostname and copy-on-write root ---- */
struct volume_mount {
  const char *source; /* host path, a directory or a file */
  const char *target; /* absolute path inside the container */
  int read_only;
};
struct pod_context {
  const char *netns_path; /* /run/netns/NAME to join; NULL: the host's network */
  const char *hostname;   /* set in a new UTS namespace; NULL: keep */
  int private_root;       /* an overlay of / under rootfs/ as the root, then masks and mounts */
  const char **mask_paths;
  int mask_count;
  struct volume_mount *mounts;
  int mount_count;
};
/* Reads the state dir's `sandbox` file (format in pod-context.c); NULL when there is none. */
struct pod_context *read_pod_context(const char *name);
/* In the forked child before execve: joins/creates the namespaces and chroots into the new root;
 * -1 with a message in ERR. */
int enter_pod_context(const struct pod_context *ctx, char *err, size_t errlen);

/* ---- container-join.c: exec joins a running container's namespaces and root ---- */
int join_container_context(pid_t pid, unsigned long long start_ticks, char *err, size_t errlen);

/* ---- cri-log.c: the CRI container log format ---- */
struct log_stream {
  const char *name; /* "stdout" or "stderr" */
  size_t len;
  char buf[16 * 1024]; /* containerd's maximum line: longer lines are split as partial (P) */
};
void log_feed(int logfd, struct log_stream *s, const char *data, size_t n);
/* At end of stream: what remains without a newline is written as a full (F) line. */
void log_flush(int logfd, struct log_stream *s);

/* ---- attach.c: the attach socket (protocol in attach.c) ---- */
enum { FRAME_STDIN = 0, FRAME_STDIN_EOF = 1, FRAME_RESIZE = 2, FRAME_STDOUT = 1, FRAME_STDERR = 2, FRAME_EXIT = 3 };
struct attach_server;
struct pollfd;
struct attach_server *attach_listen(const char *socket_name);
/* Adds the listening socket and the clients to FDS; returns how many were added. */
int attach_poll_fds(struct attach_server *srv, struct pollfd *fds, int max);
/* Handles readiness on the fds attach_poll_fds added; stdin data and resizes go to IO. */
void attach_handle(struct attach_server *srv, const struct pollfd *fds, int count, const struct container_io *io);
void attach_broadcast(struct attach_server *srv, int frame_type, const char *data, size_t n);
void attach_close(struct attach_server *srv, const char *socket_name);

/* ---- modes ---- */
int run_container_shim(int argc, char **argv);
int run_exec_command(int argc, char **argv);
int run_port_forward(int argc, char **argv);

#endif
