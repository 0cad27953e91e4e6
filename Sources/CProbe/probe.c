#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "CProbe.h"

#define SET_ERROR(...) snprintf(error, error_size, __VA_ARGS__)

int wfc_probe_connect(const char *address, int port, int timeout_ms, char *error, size_t error_size) {
    struct sockaddr_storage storage;
    socklen_t length;
    memset(&storage, 0, sizeof storage);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&storage;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&storage;
    if (inet_pton(AF_INET, address, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((unsigned short)port);
        length = sizeof *v4;
    } else if (inet_pton(AF_INET6, address, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((unsigned short)port);
        length = sizeof *v6;
    } else {
        SET_ERROR("not an address: %s", address);
        return -1;
    }
    int fd = socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) { SET_ERROR("socket: %s", strerror(errno)); return -1; }
    if (connect(fd, (struct sockaddr *)&storage, length) != 0 && errno != EINPROGRESS) {
        SET_ERROR("%s", strerror(errno));
        close(fd);
        return -1;
    }
    struct pollfd p = { .fd = fd, .events = POLLOUT };
    int ready = poll(&p, 1, timeout_ms);
    if (ready == 0) { SET_ERROR("timed out after %d ms", timeout_ms); close(fd); return -1; }
    int so_error = 0;
    socklen_t so_length = sizeof so_error;
    if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &so_length) != 0 || so_error != 0) {
        SET_ERROR("%s", strerror(so_error ? so_error : errno));
        close(fd);
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

static void tls_error(SSL *s, char *error, size_t error_size, const char *what) {
    long verify = s ? SSL_get_verify_result(s) : X509_V_OK;
    if (verify != X509_V_OK) {
        SET_ERROR("%s: certificate: %s", what, X509_verify_cert_error_string(verify));
        return;
    }
    unsigned long e = ERR_get_error();
    char text[200] = "";
    if (e) ERR_error_string_n(e, text, sizeof text);
    SET_ERROR("%s: %s", what, e ? text : (errno ? strerror(errno) : "closed"));
}

/* The whole exchange has one deadline: a socket timeout bounds each read, and a server that
   sends a byte just before each one would keep a check running for days. At the deadline
   the watchdog shuts the socket down, which ends any read, write or handshake at once. */
struct watchdog {
    pthread_mutex_t lock;
    pthread_cond_t done_changed;
    int done, fired, fd;
    struct timespec deadline;
};

static void *watch(void *argument) {
    struct watchdog *w = argument;
    pthread_mutex_lock(&w->lock);
    while (!w->done) {
        if (pthread_cond_timedwait(&w->done_changed, &w->lock, &w->deadline) == ETIMEDOUT) {
            if (!w->done) { shutdown(w->fd, SHUT_RDWR); w->fired = 1; }
            break;
        }
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static int head_complete(const char *buffer, size_t length) {
    return length >= 4 && memmem(buffer, length, "\r\n\r\n", 4) != NULL;
}

/* A peer that resets the connection while the request is written (a gateway whose upstream
   is gone, a middlebox) must make a failed check, not kill the probe with SIGPIPE: write()
   and SSL_write() then return EPIPE instead. */
static pthread_once_t ignore_sigpipe_once = PTHREAD_ONCE_INIT;
static void ignore_sigpipe(void) { signal(SIGPIPE, SIG_IGN); }

long wfc_probe_exchange(const char *address, int port, int tls, const char *host, const char *cafile,
                        const char *request, int head_only, int timeout_ms,
                        char *response, size_t response_size, char *error, size_t error_size) {
    pthread_once(&ignore_sigpipe_once, ignore_sigpipe);
    struct timespec start;
    clock_gettime(CLOCK_REALTIME, &start);
    int fd = wfc_probe_connect(address, port, timeout_ms, error, error_size);
    if (fd < 0) return -1;
    SSL_CTX *ctx = NULL;
    SSL *s = NULL;
    long total = -1;
    struct watchdog w = { .lock = PTHREAD_MUTEX_INITIALIZER, .done_changed = PTHREAD_COND_INITIALIZER, .fd = fd };
    w.deadline.tv_sec = start.tv_sec + timeout_ms / 1000;
    w.deadline.tv_nsec = start.tv_nsec + (long)(timeout_ms % 1000) * 1000000L;
    if (w.deadline.tv_nsec >= 1000000000L) { w.deadline.tv_sec += 1; w.deadline.tv_nsec -= 1000000000L; }
    pthread_t watcher;
    int watching = pthread_create(&watcher, NULL, watch, &w) == 0;
    if (tls) {
        ctx = SSL_CTX_new(TLS_client_method());
        if (!ctx) { tls_error(NULL, error, error_size, "TLS setup"); goto done; }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
        if (cafile ? SSL_CTX_load_verify_locations(ctx, cafile, NULL) != 1
                   : SSL_CTX_set_default_verify_paths(ctx) != 1) {
            tls_error(NULL, error, error_size, "CA certificates");
            goto done;
        }
        s = SSL_new(ctx);
        SSL_ctrl(s, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)host);
        SSL_set1_host(s, host);
        SSL_set_fd(s, fd);
        if (SSL_connect(s) != 1) { tls_error(s, error, error_size, "TLS handshake"); goto done; }
    }
    size_t length = strlen(request);
    /* An empty request over TLS: the handshake was the check (a TLS long link says nothing first). */
    if (tls && length == 0) {
        response[0] = 0;
        total = 0;
        goto done;
    }
    if ((tls ? SSL_write(s, request, (int)length) : (int)write(fd, request, length)) != (int)length) {
        SET_ERROR("sending the request failed");
        goto done;
    }
    size_t got = 0;
    while (got + 1 < response_size) {
        long n = tls ? SSL_read(s, response + got, (int)(response_size - 1 - got))
                     : read(fd, response + got, response_size - 1 - got);
        if (n <= 0) {
            if (n < 0 && got == 0) {
                SET_ERROR("no answer: %s", errno == EAGAIN ? "timed out" : strerror(errno));
                goto done;
            }
            break;
        }
        got += (size_t)n;
        if (head_only && head_complete(response, got)) break;
    }
    response[got] = 0;
    total = (long)got;
done:
    if (watching) {
        pthread_mutex_lock(&w.lock);
        w.done = 1;
        pthread_cond_signal(&w.done_changed);
        pthread_mutex_unlock(&w.lock);
        pthread_join(watcher, NULL);
    }
    /* Cut off at the deadline: what arrived is judged, nothing arrived is a timeout. */
    if (w.fired && total <= 0 && !(tls && request[0] == 0 && total == 0)) { SET_ERROR("no complete answer within %d ms", timeout_ms); total = -1; }
    if (s) { SSL_shutdown(s); SSL_free(s); }
    if (ctx) SSL_CTX_free(ctx);
    close(fd);
    return total;
}
