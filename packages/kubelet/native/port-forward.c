/* kctl-shim port-forward: one forwarded connection of `kubectl port-forward`, relayed from
 * stdin/stdout to localhost:PORT inside a pod's network namespace (the kubelet spawns one per
 * connection: Node cannot setns itself, and servers bound to 127.0.0.1 in the pod are only
 * reachable from inside). Like containerd, IPv4 127.0.0.1 first, then IPv6 ::1.
 *
 *   kctl-shim port-forward [--netns PATH] --port N
 *
 * Exit 0 after both directions ended; 1 with containerd's wording on stderr when it could not
 * connect; 2 for a bad command line. */
#include "shim.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Go's wording for a failed dial, e.g. "dial tcp4 127.0.0.1:8080: connect: connection refused". */
static int dial(int family, int port, char *err, size_t errlen) {
  const char *net = family == AF_INET ? "tcp4" : "tcp6";
  const char *addr = family == AF_INET ? "127.0.0.1" : "[::1]";
  int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int rc = -1;
  if (fd >= 0) {
    if (family == AF_INET) {
      struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
      sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      rc = connect(fd, (struct sockaddr *)&sa, sizeof sa);
    } else {
      struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons((unsigned short)port)};
      sa.sin6_addr = in6addr_loopback;
      rc = connect(fd, (struct sockaddr *)&sa, sizeof sa);
    }
  }
  if (rc == 0) return fd;
  char reason[128];
  snprintf(reason, sizeof reason, "%s", strerror(errno));
  reason[0] = (char)tolower((unsigned char)reason[0]);
  snprintf(err, errlen, "dial %s %s:%d: %s: %s", net, addr, port, fd < 0 ? "socket" : "connect", reason);
  if (fd >= 0) close(fd);
  return -1;
}

/* Writes all of BUF; -1 when the peer is gone. */
static int write_all(int fd, const char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    buf += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Copies stdin -> socket (half-closing it at stdin's EOF) and socket -> stdout until the server ends. */
static void relay(int sock) {
  int in_open = 1, out_open = 1;
  char buf[32 * 1024];
  while (in_open || out_open) {
    struct pollfd fds[2] = {{.fd = in_open ? 0 : -1, .events = POLLIN}, {.fd = out_open ? sock : -1, .events = POLLIN}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (in_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t n = read(0, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || write_all(sock, buf, (size_t)n) < 0) {
        in_open = 0;
        shutdown(sock, SHUT_WR);
      }
    }
    if (out_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      ssize_t n = read(sock, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || write_all(1, buf, (size_t)n) < 0) {
        /* The server is done with the connection: so is the forwarded one, whatever the client
         * still had to say (it would only be refused), so the relay ends here. */
        out_open = 0;
        in_open = 0;
      }
    }
  }
}

int run_port_forward(int argc, char **argv) {
  const char *netns = NULL;
  int port = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--netns") == 0 && i + 1 < argc) netns = argv[++i];
    else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) port = atoi(argv[++i]);
    else {
      fprintf(stderr, "port-forward: unexpected argument %s\n", argv[i]);
      return 2;
    }
  }
  if (port < 1 || port > 65535) {
    fputs("port-forward: --port must be 1-65535\n", stderr);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  if (netns) {
    int fd = open(netns, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
      fprintf(stderr, "failed to execute portforward in network namespace \"%s\": %s", netns, strerror(errno));
      return 1;
    }
    close(fd);
  }
  char err4[256], err6[256];
  int sock = dial(AF_INET, port, err4, sizeof err4);
  if (sock < 0) sock = dial(AF_INET6, port, err6, sizeof err6);
  if (sock < 0) {
    const char *where = netns ? netns : "host";
    fprintf(stderr, "failed to execute portforward in network namespace \"%s\": failed to connect to localhost:%d inside namespace \"%s\", IPv4: %s IPv6 %s ", where, port, where, err4, err6);
    return 1;
  }
  relay(sock);
  close(sock);
  return 0;
}
