/* The container's place in its Pod (isolation-recipes.md §1-2): the pod's network namespace,
 * its own UTS namespace (hostname = pod name) and its own mount namespace whose root is a
 * copy-on-write overlay of the host's /, with the pod's volumes bind-mounted at their mountPath.
 * Everything happens in the forked child before execve, so the mounts exist only in the
 * container's namespace: nothing is mounted on the host, and they vanish with its last process.
 *
 * The runtime describes the context in the state dir's `sandbox` file, NUL-terminated tokens:
 *   netns PATH | hostname NAME | rootfs | mask PATH | mount SOURCE TARGET ro|rw
 * `rootfs` asks for the overlay root; masks and mounts (applied in that order) need it. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

struct pod_context *read_pod_context(const char *name) {
  char **tok = read_nul_list(name);
  if (!tok) return NULL;
  size_t count = 0;
  while (tok[count]) count++;
  struct pod_context *ctx = calloc(1, sizeof *ctx);
  if (!ctx) die("out of memory");
  ctx->mask_paths = calloc(count + 1, sizeof *ctx->mask_paths);
  ctx->mounts = calloc(count + 1, sizeof *ctx->mounts);
  if (!ctx->mask_paths || !ctx->mounts) die("out of memory");
  for (size_t i = 0; i < count;) {
    const char *key = tok[i++];
    size_t left = count - i;
    if (strcmp(key, "netns") == 0 && left >= 1) ctx->netns_path = tok[i++];
    else if (strcmp(key, "hostname") == 0 && left >= 1) ctx->hostname = tok[i++];
    else if (strcmp(key, "rootfs") == 0) ctx->private_root = 1;
    else if (strcmp(key, "mask") == 0 && left >= 1) ctx->mask_paths[ctx->mask_count++] = tok[i++];
    else if (strcmp(key, "mount") == 0 && left >= 3) {
      ctx->mounts[ctx->mount_count++] = (struct volume_mount){tok[i], tok[i + 1], strcmp(tok[i + 2], "ro") == 0};
      i += 3;
    } else die("%s: unexpected entry \"%s\"", name, key);
  }
  return ctx;
}

/* Formats the message into ERR with ": strerror(errno)" appended; returns -1. */
__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt, ...) {
  int saved = errno;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  if (n >= 0 && (size_t)n < errlen) snprintf(err + n, errlen - (size_t)n, ": %s", strerror(saved));
  return -1;
}

static int mkdir_if_missing(const char *path, mode_t mode) {
  return mkdir(path, mode) == 0 || errno == EEXIST ? 0 : -1;
}

/* mkdir -p of PATH's parent directories (PATH itself is left alone). */
static int make_parents(const char *path) {
  char buf[PATH_MAX];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *slash = strchr(buf + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    int rc = mkdir_if_missing(buf, 0755);
    *slash = '/';
    if (rc < 0) return -1;
  }
  return 0;
}

/* The mount point for a bind of a directory or a file. Runs inside the new root, so whatever it
 * creates lands in the overlay's upper dir, never on the host. A symlink at the target is
 * replaced, not followed: its destination may lie anywhere. */
static int make_mount_point(const char *target, int is_dir) {
  struct stat st;
  if (make_parents(target) < 0) return -1;
  if (lstat(target, &st) == 0) {
    if (!S_ISLNK(st.st_mode)) return 0; /* a type mismatch is reported by mount itself */
    if (unlink(target) < 0) return -1;
  } else if (errno != ENOENT) {
    return -1;
  }
  if (is_dir) return mkdir_if_missing(target, 0755);
  int fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  return fd < 0 ? -1 : close(fd);
}

/* Hides a host path: an empty read-only tmpfs over a directory, /dev/null over a file (as runc's
 * maskedPaths). A path the host does not have needs no hiding. */
static int mask_path(const char *path, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) < 0) return errno == ENOENT ? 0 : fail(err, errlen, "masking %s", path);
  int rc = S_ISDIR(st.st_mode) ? mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k")
                               : mount("/dev/null", path, NULL, MS_BIND, NULL);
  return rc < 0 ? fail(err, errlen, "masking %s", path) : 0;
}

/* Binds SOURCE_FD (an O_PATH descriptor opened before the chroot) at the mount's target. */
static int bind_volume(const struct volume_mount *m, int source_fd, char *err, size_t errlen) {
  struct stat st;
  char source[64];
  if (fstat(source_fd, &st) < 0) return fail(err, errlen, "mount source %s", m->source);
  if (make_mount_point(m->target, S_ISDIR(st.st_mode)) < 0) return fail(err, errlen, "creating mount point %s", m->target);
  snprintf(source, sizeof source, "/proc/self/fd/%d", source_fd);
  if (mount(source, m->target, NULL, MS_BIND | MS_REC, NULL) < 0)
    return fail(err, errlen, "mounting %s at %s", m->source, m->target);
  /* A bind mount takes the read-only flag only in a remount of its own. */
  if (m->read_only && mount(NULL, m->target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) < 0)
    return fail(err, errlen, "making %s read-only", m->target);
  return 0;
}

/* The overlay root under <state dir>/rootfs (the shim's cwd): upper/ takes the container's
 * writes, work/ is overlayfs' scratch space, merged/ becomes the root. */
static int make_private_root(const struct pod_context *ctx, char *err, size_t errlen) {
  char dir[PATH_MAX], options[3 * PATH_MAX];
  if (!getcwd(dir, sizeof dir)) return fail(err, errlen, "getcwd");
  if (mkdir_if_missing("rootfs", 0700) < 0 || mkdir_if_missing("rootfs/upper", 0755) < 0 ||
      mkdir_if_missing("rootfs/work", 0700) < 0 || mkdir_if_missing("rootfs/merged", 0755) < 0)
    return fail(err, errlen, "creating the container's root under %s/rootfs", dir);
  /* Nothing mounted from here on may propagate back to the host's namespace. */
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) return fail(err, errlen, "making / private");
  snprintf(options, sizeof options, "lowerdir=/,upperdir=%s/rootfs/upper,workdir=%s/rootfs/work", dir, dir);
  if (mount("overlay", "rootfs/merged", "overlay", 0, options) < 0)
    return fail(err, errlen, "mounting the overlay root at %s/rootfs/merged", dir);
  /* overlayfs shows the root filesystem only, not what is mounted on it. */
  static const char *const kernel_dirs[] = {"proc", "sys", "dev"};
  for (size_t i = 0; i < sizeof kernel_dirs / sizeof kernel_dirs[0]; i++) {
    char from[16], to[32];
    snprintf(from, sizeof from, "/%s", kernel_dirs[i]);
    snprintf(to, sizeof to, "rootfs/merged/%s", kernel_dirs[i]);
    if (mount(from, to, NULL, MS_BIND | MS_REC, NULL) < 0) return fail(err, errlen, "binding %s", from);
  }
  /* Volume sources are host paths: open them before the chroot hides the host. */
  int *fds = calloc((size_t)ctx->mount_count + 1, sizeof *fds);
  if (!fds) return fail(err, errlen, "allocating");
  for (int i = 0; i < ctx->mount_count; i++) {
    fds[i] = open(ctx->mounts[i].source, O_PATH | O_CLOEXEC);
    if (fds[i] < 0) return fail(err, errlen, "mount source %s", ctx->mounts[i].source);
  }
  if (chroot("rootfs/merged") < 0 || chdir("/") < 0) return fail(err, errlen, "chroot to %s/rootfs/merged", dir);
  /* Mount targets resolve inside the new root from here on, symlinks included. */
  for (int i = 0; i < ctx->mask_count; i++)
    if (mask_path(ctx->mask_paths[i], err, errlen) < 0) return -1;
  for (int i = 0; i < ctx->mount_count; i++)
    if (bind_volume(&ctx->mounts[i], fds[i], err, errlen) < 0) return -1;
  return 0; /* the O_PATH descriptors are CLOEXEC: execve closes them */
}

int enter_pod_context(const struct pod_context *ctx, char *err, size_t errlen) {
  if (ctx->netns_path) {
    int fd = open(ctx->netns_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) return fail(err, errlen, "joining network namespace %s", ctx->netns_path);
    close(fd);
  }
  if (!ctx->hostname && !ctx->private_root) return 0;
  if (unshare(CLONE_NEWNS | CLONE_NEWUTS) < 0) return fail(err, errlen, "creating mount and UTS namespaces");
  if (ctx->hostname && sethostname(ctx->hostname, strlen(ctx->hostname)) < 0)
    return fail(err, errlen, "setting hostname %s", ctx->hostname);
  return ctx->private_root ? make_private_root(ctx, err, errlen) : 0;
}
