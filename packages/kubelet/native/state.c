/* Small file helpers for the shim's state directory. Records are written atomically (temp file
 * then rename) because the kubelet may read them at any moment, even while the shim writes. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("kctl-shim: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

int write_file_atomic(const char *name, const char *data, size_t len) {
  char tmp[256];
  snprintf(tmp, sizeof tmp, "%s.tmp", name);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) {
      close(fd);
      return -1;
    }
    off += (size_t)w;
  }
  if (close(fd) < 0) return -1;
  return rename(tmp, name);
}

/* Reads the whole file; *LEN gets its size. The buffer carries one extra NUL at the end. */
static char *slurp(const char *name, size_t *len) {
  int fd = open(name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (n + 1 >= cap) buf = realloc(buf, cap *= 2);
    if (!buf) die("out of memory");
    ssize_t r = read(fd, buf + n, cap - n - 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  *len = n;
  return buf;
}

char *read_text_file(const char *name) {
  size_t len;
  return slurp(name, &len);
}

char **read_nul_list(const char *name) {
  size_t len;
  char *buf = slurp(name, &len);
  if (!buf) return NULL;
  size_t count = 0;
  for (size_t i = 0; i < len; i++)
    if (buf[i] == '\0') count++;
  char **list = calloc(count + 1, sizeof *list);
  if (!list) die("out of memory");
  size_t at = 0;
  for (size_t i = 0, start = 0; i < len; i++) {
    if (buf[i] != '\0') continue;
    list[at++] = buf + start;
    start = i + 1;
  }
  return list; /* the strings live in BUF, which stays allocated for the process lifetime */
}

void format_rfc3339nano(char *out, size_t outlen, const struct timespec *ts) {
  struct tm tm;
  gmtime_r(&ts->tv_sec, &tm);
  char secs[32];
  strftime(secs, sizeof secs, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out, outlen, "%s.%09ldZ", secs, ts->tv_nsec);
}

size_t json_quote(char *out, size_t outlen, const char *s) {
  size_t n = 0;
#define PUT(c) \
  do {                         \
    if (n + 1 < outlen) out[n] = (c); \
    n++;                       \
  } while (0)
  PUT('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      PUT('\\');
      PUT((char)*p);
    } else if (*p < 0x20) {
      char esc[8];
      snprintf(esc, sizeof esc, "\\u%04x", *p);
      for (char *e = esc; *e; e++) PUT(*e);
    } else {
      PUT((char)*p);
    }
  }
  PUT('"');
#undef PUT
  if (outlen) out[n < outlen ? n : outlen - 1] = '\0';
  return n < outlen ? n : outlen - 1;
}

unsigned long long proc_start_ticks(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  char *stat = read_text_file(path);
  if (!stat) return 0;
  /* Field 22 (starttime) counts from after the ")" closing the command name, which may itself
   * contain spaces and parentheses. */
  char *p = strrchr(stat, ')');
  unsigned long long ticks = 0;
  for (int field = 2; p && *p; p++) {
    if (*p != ' ') continue;
    if (++field == 22) {
      ticks = strtoull(p + 1, NULL, 10);
      break;
    }
  }
  free(stat);
  return ticks;
}
