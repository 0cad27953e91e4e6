#ifndef WFC_CPROBE_H
#define WFC_CPROBE_H

#include <stddef.h>

/// Opens a TCP connection to a numeric address within `timeout_ms`. Returns the socket, or
/// -1 with a reason in `error`.
int wfc_probe_connect(const char *address, int port, int timeout_ms, char *error, size_t error_size);

/// Sends `request` to address:port (over TLS when `tls`, verifying the certificate for
/// `host` against `cafile`, or the system's CAs when it is NULL) and reads the answer into
/// `response` until the peer closes, the head ends (`head_only`), or `timeout_ms` passes.
/// Returns the bytes read, or -1 with a reason in `error`. An empty request over TLS stops after
/// the handshake (0 bytes: the certificate was verified). OpenSSL is loaded on first use,
/// so programs that never probe do not pay for it.
long wfc_probe_exchange(const char *address, int port, int tls, const char *host, const char *cafile,
                        const char *request, int head_only, int timeout_ms,
                        char *response, size_t response_size, char *error, size_t error_size);

/// A UDP socket for a numeric address: connected to address:port when `connected`, else
/// unbound (the first send binds it). Returns the socket, or -1 with a reason in `error`.
int wfc_probe_udp_socket(const char *address, int port, int connected, char *error, size_t error_size);

/// Sends one datagram: to address:port, or on a connected socket when `address` is NULL.
long wfc_probe_udp_send(int fd, const char *address, int port, const void *data, size_t length, char *error, size_t error_size);

/// Waits up to `timeout_ms` for one datagram. Returns its length, or -1 with a reason.
long wfc_probe_udp_receive(int fd, void *buffer, size_t size, int timeout_ms, char *error, size_t error_size);

void wfc_probe_close(int fd);

/// MD5 and HMAC-SHA1 from libcrypto, loaded on first use (STUN's long-term credentials,
/// RFC 5389 section 15.4). Return 0, or -1 when libcrypto cannot be loaded.
int wfc_probe_md5(const void *data, size_t length, unsigned char out[16]);
int wfc_probe_hmac_sha1(const void *key, size_t key_length, const void *data, size_t length, unsigned char out[20]);

#endif
