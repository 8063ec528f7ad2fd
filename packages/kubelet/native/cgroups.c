/* The container's memory cgroup (cgroup v1): the runtime creates it and sets the limit; here the
 * container process joins it, its OOM kills are told apart from other SIGKILLs, and it is removed
 * once empty. Only the container process joins: were the shim inside, an OOM kill could take the
 * shim instead of the workload (isolation-recipes.md §5). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int join_memory_cgroup(const char *dir, char *err, size_t errlen) {
  char path[4096], pid[32];
  snprintf(path, sizeof path, "%s/cgroup.procs", dir);
  int len = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0 || write(fd, pid, (size_t)len) != len) {
    snprintf(err, errlen, "joining memory cgroup %s: %s", dir, strerror(errno));
    if (fd >= 0) close(fd);
    return -1;
  }
  close(fd);
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

int memory_cgroup_oom_killed(const char *dir) {
  long long kills = cgroup_stat(dir, "memory.oom_control", "oom_kill");
  if (kills >= 0) return kills > 0;
  /* Kernels before 4.13 have no oom_kill counter: a SIGKILL while the cgroup is, or has been,
   * at its limit is the next best sign. */
  if (cgroup_stat(dir, "memory.oom_control", "under_oom") > 0) return 1;
  char path[4096];
  snprintf(path, sizeof path, "%s/memory.failcnt", dir);
  char *failcnt = read_text_file(path);
  int hit = failcnt && strtoll(failcnt, NULL, 10) > 0;
  free(failcnt);
  return hit;
}

void remove_memory_cgroup(const char *dir) {
  /* The group was SIGKILLed just before; its last members may take a moment to leave. Reap them
   * (the shim is their subreaper) and retry for up to a second; the runtime retries later. */
  for (int attempt = 0; attempt < 50; attempt++) {
    if (rmdir(dir) == 0 || errno == ENOENT) return;
    if (errno != EBUSY) return;
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    usleep(20000);
  }
}
