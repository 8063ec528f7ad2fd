/* The CRI container log format, as containerd writes it and the kubelet reads it
 * (kubernetes pkg/kubelet/kuberuntime/logs):
 *
 *   2016-10-06T00:17:09.669794202Z stdout F a full line
 *   2016-10-06T00:17:09.669794202Z stdout P the first 16 KiB of a longer line
 *
 * One write(2) per record on an O_APPEND descriptor, so stdout and stderr records never
 * interleave inside a line. A "\r\n" ending (tty output) loses its "\r", as containerd's reader does. */
#include "shim.h"

#include <errno.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static void write_record(int logfd, const char *stream, char tag, const char *msg, size_t len) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  char head[64];
  format_rfc3339nano(head, sizeof head, &now);
  size_t hlen = strlen(head);
  head[hlen++] = ' ';
  size_t slen = strlen(stream);
  memcpy(head + hlen, stream, slen);
  hlen += slen;
  head[hlen++] = ' ';
  head[hlen++] = tag;
  head[hlen++] = ' ';
  struct iovec iov[3] = {{head, hlen}, {(void *)msg, len}, {"\n", 1}};
  ssize_t w;
  do w = writev(logfd, iov, 3);
  while (w < 0 && errno == EINTR);
  /* A failed log write must not take the container down: the record is lost, nothing else. */
}

static void emit_line(int logfd, struct log_stream *s, size_t len, char tag) {
  size_t msglen = len;
  if (tag == 'F' && msglen > 0 && s->buf[msglen - 1] == '\r') msglen--;
  write_record(logfd, s->name, tag, s->buf, msglen);
}

void log_feed(int logfd, struct log_stream *s, const char *data, size_t n) {
  while (n > 0) {
    const char *nl = memchr(data, '\n', n);
    size_t take = nl ? (size_t)(nl - data) : n;
    size_t room = sizeof s->buf - s->len;
    if (take >= room) {
      /* The line does not fit: fill the buffer and write it as a partial record. */
      memcpy(s->buf + s->len, data, room);
      emit_line(logfd, s, sizeof s->buf, 'P');
      s->len = 0;
      data += room;
      n -= room;
      continue;
    }
    memcpy(s->buf + s->len, data, take);
    s->len += take;
    if (!nl) return;
    emit_line(logfd, s, s->len, 'F');
    s->len = 0;
    data += take + 1;
    n -= take + 1;
  }
}

void log_flush(int logfd, struct log_stream *s) {
  if (s->len == 0) return;
  emit_line(logfd, s, s->len, 'F');
  s->len = 0;
}
