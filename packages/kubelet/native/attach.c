/* The attach socket: a unix stream socket "attach.sock" in the state directory.
 *
 * Protocol: frames in both directions, [type: u8][length: u32 big-endian][payload].
 *   client -> shim: 0 STDIN     bytes for the container's stdin (ignored without stdin)
 *                   1 STDIN_EOF closes the container's stdin (kubectl run -i: stdinOnce)
 *                   2 RESIZE    u16 cols, u16 rows (big-endian), tty containers only
 *   shim -> client: 1 STDOUT    output (all of it when tty)
 *                   2 STDERR    error output
 *                   3 EXIT      the exit code in ASCII decimal; the shim then closes the socket
 * A client sees output from the moment it connects (history is in the log file). A client that
 * cannot keep up is disconnected rather than allowed to stall the container's output. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#define MAX_CLIENTS 16
#define MAX_FRAME (64 * 1024)

struct client {
  int fd;
  size_t len;
  unsigned char buf[5 + MAX_FRAME];
};

struct attach_server {
  int listen_fd;
  int stdin_closed;
  struct client *clients[MAX_CLIENTS];
};

struct attach_server *attach_listen(const char *socket_name) {
  struct attach_server *srv = calloc(1, sizeof *srv);
  if (!srv) die("out of memory");
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  strncpy(addr.sun_path, socket_name, sizeof addr.sun_path - 1);
  unlink(socket_name);
  srv->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (srv->listen_fd < 0 || bind(srv->listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 ||
      listen(srv->listen_fd, 8) < 0)
    die("attach socket: %s", strerror(errno));
  return srv;
}

static void drop_client(struct attach_server *srv, int i) {
  close(srv->clients[i]->fd);
  free(srv->clients[i]);
  srv->clients[i] = NULL;
}

int attach_poll_fds(struct attach_server *srv, struct pollfd *fds, int max) {
  int n = 0;
  if (n < max) fds[n++] = (struct pollfd){.fd = srv->listen_fd, .events = POLLIN};
  for (int i = 0; i < MAX_CLIENTS && n < max; i++)
    if (srv->clients[i]) fds[n++] = (struct pollfd){.fd = srv->clients[i]->fd, .events = POLLIN};
  return n;
}

static void write_all(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return; /* the container closed its stdin: nothing more to do */
    p += w;
    n -= (size_t)w;
  }
}

static void handle_frame(const unsigned char *frame, size_t len, const struct container_io *io, int *stdin_closed) {
  const unsigned char *payload = frame + 5;
  switch (frame[0]) {
    case FRAME_STDIN:
      if (io->stdin_fd >= 0 && !*stdin_closed) write_all(io->stdin_fd, payload, len);
      break;
    case FRAME_STDIN_EOF:
      if (io->stdin_fd < 0 || *stdin_closed) break;
      if (io->pty_fd >= 0) {
        /* A terminal has no half-close: send the EOF character instead. */
        write_all(io->pty_fd, (const unsigned char *)"\x04", 1);
      } else {
        close(io->stdin_fd);
        *stdin_closed = 1;
      }
      break;
    case FRAME_RESIZE:
      if (io->pty_fd >= 0 && len >= 4) {
        struct winsize ws = {.ws_col = (unsigned short)(payload[0] << 8 | payload[1]),
                             .ws_row = (unsigned short)(payload[2] << 8 | payload[3])};
        ioctl(io->pty_fd, TIOCSWINSZ, &ws);
      }
      break;
  }
}

/* Reads what the client sent and handles every complete frame; returns -1 when it is gone. */
static int read_client(struct client *c, const struct container_io *io, int *stdin_closed) {
  ssize_t r = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
  if (r <= 0) return -1;
  c->len += (size_t)r;
  size_t off = 0;
  while (c->len - off >= 5) {
    const unsigned char *f = c->buf + off;
    size_t flen = (size_t)f[1] << 24 | (size_t)f[2] << 16 | (size_t)f[3] << 8 | f[4];
    if (flen > MAX_FRAME) return -1;
    if (c->len - off < 5 + flen) break;
    handle_frame(f, flen, io, stdin_closed);
    off += 5 + flen;
  }
  memmove(c->buf, c->buf + off, c->len - off);
  c->len -= off;
  return 0;
}

void attach_handle(struct attach_server *srv, const struct pollfd *fds, int count, const struct container_io *io) {
  for (int k = 0; k < count; k++) {
    if (!fds[k].revents) continue;
    if (fds[k].fd == srv->listen_fd) {
      int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) continue;
      int i = 0;
      while (i < MAX_CLIENTS && srv->clients[i]) i++;
      struct client *c = i < MAX_CLIENTS ? calloc(1, sizeof *c) : NULL;
      if (!c) {
        close(fd);
        continue;
      }
      int sndbuf = 1 << 20;
      setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
      c->fd = fd;
      srv->clients[i] = c;
      continue;
    }
    for (int i = 0; i < MAX_CLIENTS; i++)
      if (srv->clients[i] && srv->clients[i]->fd == fds[k].fd && read_client(srv->clients[i], io, &srv->stdin_closed) < 0)
        drop_client(srv, i);
  }
}

void attach_broadcast(struct attach_server *srv, int frame_type, const char *data, size_t n) {
  unsigned char head[5] = {(unsigned char)frame_type, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                           (unsigned char)(n >> 8), (unsigned char)n};
  for (int i = 0; i < MAX_CLIENTS; i++) {
    struct client *c = srv->clients[i];
    if (!c) continue;
    /* Non-blocking sends of a whole frame: a short write would corrupt the stream, so a client
     * whose buffer is full (a megabyte behind) is dropped. */
    ssize_t a = send(c->fd, head, 5, MSG_NOSIGNAL | MSG_MORE);
    ssize_t b = n ? send(c->fd, data, n, MSG_NOSIGNAL) : 0;
    if (a != 5 || b != (ssize_t)n) drop_client(srv, i);
  }
}

void attach_close(struct attach_server *srv, const char *socket_name) {
  for (int i = 0; i < MAX_CLIENTS; i++)
    if (srv->clients[i]) drop_client(srv, i);
  close(srv->listen_fd);
  unlink(socket_name);
}
