#ifndef WFC_CPROBE_H
#define WFC_CPROBE_H

#include <stddef.h>

/// Opens a TCP connection to a numeric address within `timeout_ms`. Returns the socket, or
/// -1 with a reason in `error`.
int wfc_probe_connect(const char *address, int port, int timeout_ms, char *error, size_t error_size);

/// Sends `request` to address:port (over TLS when `tls`, verifying the certificate for
/// `host` against `cafile`, or the system's CAs when it is NULL) and reads the answer into
/// `response` until the peer closes, the head ends (`head_only`), or `timeout_ms` passes.
/// Returns the bytes read, or -1 with a reason in `error`. OpenSSL is loaded on first use,
/// so programs that never probe do not pay for it.
long wfc_probe_exchange(const char *address, int port, int tls, const char *host, const char *cafile,
                        const char *request, int head_only, int timeout_ms,
                        char *response, size_t response_size, char *error, size_t error_size);

#endif
