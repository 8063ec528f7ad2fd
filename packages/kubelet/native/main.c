/* kctl-shim: the per-container supervisor of kctl's process runtime (packages/kubelet).
 *
 *   kctl-shim run --state-dir DIR --log FILE [--stdin] [--tty] [--cgroup DIR]...
 *                                                                   (container-shim.c)
 *   kctl-shim exec [--tty] [--cwd DIR] [--pid PID --start-ticks N] [--cgroup DIR]...
 *                  -- COMMAND [ARG...]                              (exec-command.c)
 *   kctl-shim port-forward [--netns PATH] --port N                   (port-forward.c)
 *
 * State directory of one container instance (the runtime writes argv, env, cwd, sandbox):
 *   argv, env   NUL-terminated strings: the command line and KEY=VALUE environment
 *   cwd         the working directory (optional)
 *   sandbox     the pod context: netns, hostname, overlay root, masks, mounts (optional;
 *               format in pod-context.c); the overlay lives under rootfs/
 *   shim.pid    the shim's pid
 *   pid         the container's main process (leader of its own session and process group),
 *               then on a second line its start time in clock ticks (/proc/PID/stat field 22)
 *   started     when it started (RFC 3339, nanoseconds, UTC)
 *   exit        {"exitCode":N,"signal":"SIGTERM","startedAt":"...","finishedAt":"..."} (plus
 *               "oomKilled":true for a SIGKILL by the OOM killer in a --cgroup), or
 *               {"exitCode":128,"startError":"MESSAGE","finishedAt":"..."} when it never ran
 *   attach.sock the attach socket while the container runs (protocol in attach.c)
 * Every record is written to a temporary file and renamed into place. */
#include "shim.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "run") == 0) return run_container_shim(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "exec") == 0) return run_exec_command(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "port-forward") == 0) return run_port_forward(argc - 1, argv + 1);
  fputs("usage: kctl-shim run --state-dir DIR --log FILE [--stdin] [--tty] [--cgroup DIR]...\n"
        "       kctl-shim exec [--tty] [--cwd DIR] [--pid PID --start-ticks N] [--cgroup DIR]... -- COMMAND [ARG...]\n"
        "       kctl-shim port-forward [--netns PATH] --port N\n",
        stderr);
  return 2;
}
