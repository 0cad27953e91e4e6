#define _GNU_SOURCE
#include <arpa/inet.h>
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "CProbe.h"

#define SET_ERROR(...) snprintf(error, error_size, __VA_ARGS__)

static int address_of(const char *address, int port, struct sockaddr_storage *storage, socklen_t *length) {
    memset(storage, 0, sizeof *storage);
    struct sockaddr_in *v4 = (struct sockaddr_in *)storage;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)storage;
    if (inet_pton(AF_INET, address, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((unsigned short)port);
        *length = sizeof *v4;
        return 0;
    }
    if (inet_pton(AF_INET6, address, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((unsigned short)port);
        *length = sizeof *v6;
        return 0;
    }
    return -1;
}

int wfc_probe_udp_socket(const char *address, int port, int connected, char *error, size_t error_size) {
    struct sockaddr_storage storage;
    socklen_t length;
    if (address_of(address, port, &storage, &length) != 0) { SET_ERROR("not an address: %s", address); return -1; }
    int fd = socket(storage.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) { SET_ERROR("socket: %s", strerror(errno)); return -1; }
    if (connected && connect(fd, (struct sockaddr *)&storage, length) != 0) {
        SET_ERROR("%s", strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

long wfc_probe_udp_send(int fd, const char *address, int port, const void *data, size_t length, char *error, size_t error_size) {
    ssize_t sent;
    if (address) {
        struct sockaddr_storage storage;
        socklen_t size;
        if (address_of(address, port, &storage, &size) != 0) { SET_ERROR("not an address: %s", address); return -1; }
        sent = sendto(fd, data, length, 0, (struct sockaddr *)&storage, size);
    } else {
        sent = send(fd, data, length, 0);
    }
    if (sent < 0) { SET_ERROR("%s", strerror(errno)); return -1; }
    return (long)sent;
}

long wfc_probe_udp_receive(int fd, void *buffer, size_t size, int timeout_ms, char *error, size_t error_size) {
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int ready = poll(&p, 1, timeout_ms);
    if (ready == 0) { SET_ERROR("no answer within %d ms", timeout_ms); return -1; }
    if (ready < 0) { SET_ERROR("%s", strerror(errno)); return -1; }
    ssize_t n = recv(fd, buffer, size, 0);
    /* An ICMP port unreachable arrives on a connected socket as ECONNREFUSED. */
    if (n < 0) { SET_ERROR("%s", strerror(errno)); return -1; }
    return (long)n;
}

void wfc_probe_close(int fd) { close(fd); }

/* libcrypto's digests for STUN's message integrity (RFC 5389 15.4): TURN's long-term credentials
   are MD5 and HMAC-SHA1, which OpenSSL 3 deprecates only as general-purpose calls. */
int wfc_probe_md5(const void *data, size_t length, unsigned char out[16]) {
    return MD5(data, length, out) ? 0 : -1;
}

int wfc_probe_hmac_sha1(const void *key, size_t key_length, const void *data, size_t length, unsigned char out[20]) {
    unsigned int size = 20;
    return HMAC(EVP_sha1(), key, (int)key_length, data, length, out, &size) && size == 20 ? 0 : -1;
}
