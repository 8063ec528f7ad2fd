/* The container's cgroups (memory, cpu, pids; one dir per controller on cgroup v1, a single dir
 * on v2): the runtime creates them and writes the limits; here the container process joins them,
 * its OOM kills are told apart from other SIGKILLs, and they are removed once empty. Only the
 * container process joins: were the shim inside, an OOM kill could take the shim instead of the
 * workload (isolation-recipes.md §5). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int join_cgroups(const struct launch_spec *spec, char *err, size_t errlen) {
  char path[4096], pid[32];
  int len = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
  for (int i = 0; i < spec->cgroup_count; i++) {
    snprintf(path, sizeof path, "%s/cgroup.procs", spec->cgroups[i]);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, pid, (size_t)len) != len) {
      snprintf(err, errlen, "joining cgroup %s: %s", spec->cgroups[i], strerror(errno));
      if (fd >= 0) close(fd);
      return -1;
    }
    close(fd);
  }
  return 0;
}

/* A "key N" line of a cgroup stat file such as memory.oom_control; -1 when absent. */
static long long cgroup_stat(const char *dir, const char *file, const char *key) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, file);
  char *text = read_text_file(path);
  if (!text) return -1;
  long long value = -1;
  size_t klen = strlen(key);
  for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    if (strncmp(line, key, klen) == 0 && line[klen] == ' ') {
      value = strtoll(line + klen + 1, NULL, 10);
      break;
    }
  }
  free(text);
  return value;
}

/* Whether DIR is a memory cgroup whose OOM killer killed a process. */
static int oom_killed_in(const char *dir) {
  long long kills = cgroup_stat(dir, "memory.oom_control", "oom_kill"); /* v1 */
  if (kills < 0) kills = cgroup_stat(dir, "memory.events", "oom_kill"); /* v2 */
  if (kills >= 0) return kills > 0;
  /* v1 kernels before 4.13 have no oom_kill counter: a SIGKILL while the cgroup is, or has
   * been, at its limit is the next best sign. */
  if (cgroup_stat(dir, "memory.oom_control", "under_oom") > 0) return 1;
  char path[4096];
  snprintf(path, sizeof path, "%s/memory.failcnt", dir);
  char *failcnt = read_text_file(path);
  int hit = failcnt && strtoll(failcnt, NULL, 10) > 0;
  free(failcnt);
  return hit;
}

int cgroups_oom_killed(const struct launch_spec *spec) {
  for (int i = 0; i < spec->cgroup_count; i++)
    if (oom_killed_in(spec->cgroups[i])) return 1;
  return 0;
}

void remove_cgroups(const struct launch_spec *spec) {
  /* The group was SIGKILLed just before; its last members may take a moment to leave. Reap them
   * (the shim is their subreaper) and retry for up to a second; the runtime retries later. */
  for (int i = 0; i < spec->cgroup_count; i++) {
    for (int attempt = 0; attempt < 50; attempt++) {
      if (rmdir(spec->cgroups[i]) == 0 || errno != EBUSY) break;
      while (waitpid(-1, NULL, WNOHANG) > 0) {
      }
      usleep(20000);
    }
  }
}
