/* `kctl-shim exec --pid PID`: the command runs where the container runs — its network, UTS and
 * mount namespaces and its root (the overlay the container chrooted into, see pod-context.c).
 * Every descriptor is opened before the first setns: joining the mount namespace changes what
 * /proc/PID resolves to, and the open descriptors pin the namespaces should the container exit
 * meanwhile. A namespace the shim already shares is not joined (a container on the host). */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
  const char *name;
  int type;
} namespaces[] = {{"net", CLONE_NEWNET}, {"uts", CLONE_NEWUTS}, {"mnt", CLONE_NEWNS}}; /* mnt last: /proc changes */
#define NAMESPACE_COUNT (int)(sizeof namespaces / sizeof namespaces[0])

static int same_file(int fd, const char *path) {
  struct stat a, b;
  return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static int join_opened(pid_t pid, int rootfd, const int *nsfds, char *err, size_t errlen) {
  char path[64];
  for (int i = 0; i < NAMESPACE_COUNT; i++) {
    snprintf(path, sizeof path, "/proc/self/ns/%s", namespaces[i].name);
    if (same_file(nsfds[i], path)) continue;
    if (setns(nsfds[i], namespaces[i].type) < 0) {
      snprintf(err, errlen, "joining the %s namespace of container process %d: %s", namespaces[i].name, (int)pid, strerror(errno));
      return -1;
    }
  }
  /* After setns(mnt) the root is the namespace's, not the container's chroot: enter the latter. */
  if (!same_file(rootfd, "/") && (fchdir(rootfd) < 0 || chroot(".") < 0 || chdir("/") < 0)) {
    snprintf(err, errlen, "entering the root of container process %d: %s", (int)pid, strerror(errno));
    return -1;
  }
  return 0;
}

int join_container_context(pid_t pid, unsigned long long start_ticks, char *err, size_t errlen) {
  char path[64];
  int nsfds[NAMESPACE_COUNT], rootfd, rc = -1;
  for (int i = 0; i < NAMESPACE_COUNT; i++) nsfds[i] = -1;
  snprintf(path, sizeof path, "/proc/%d/root", (int)pid);
  rootfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (int i = 0; rootfd >= 0 && i < NAMESPACE_COUNT; i++) {
    snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, namespaces[i].name);
    if ((nsfds[i] = open(path, O_RDONLY | O_CLOEXEC)) < 0) break;
  }
  /* Opened while the pid still named the container (same start time): they are its. */
  if (rootfd < 0 || nsfds[NAMESPACE_COUNT - 1] < 0 || (start_ticks && proc_start_ticks(pid) != start_ticks))
    snprintf(err, errlen, "container process %d is not running", (int)pid);
  else
    rc = join_opened(pid, rootfd, nsfds, err, errlen);
  for (int i = 0; i < NAMESPACE_COUNT; i++)
    if (nsfds[i] >= 0) close(nsfds[i]);
  if (rootfd >= 0) close(rootfd);
  return rc;
}
