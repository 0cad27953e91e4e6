#!/usr/bin/env python3
"""A stand-in WildfireChat IM node for the end-to-end test.

It reads one node's generated wildfirechat.conf and listens where that file says, as the
real server would: HTTP on local_port (/api/version answers the build, the same on every
node unless --build says otherwise, and 404 with `http.close_api_version true`; every answer
names the node in an X-Fake-Node header; /route answers the node's server.ip and ports), the TCP long connection on port, WebSocket on websocket_port,
the Server API on http.admin.port, the TCP short link on short_link_local_tcp_port and the
cluster cache on 5701; with https_port and
secure_websocket_port, HTTPS and WSS (the real server reads a JKS keystore; this stand-in
takes the PEM certificate and key it would hold). Standard library only."""
import argparse
import base64
import hashlib
import http.server
import json
import socket
import socketserver
import ssl
import sys
import threading


def read_conf(path):
    conf = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, _, value = line.partition(" ")
            conf[key] = value
    return conf


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    node = "node"
    conf = {}
    role = "http"
    build = "wfc-e2e-fake"

    def log_message(self, fmt, *args):
        pass

    def send_json(self, status, body):
        data = json.dumps(body, sort_keys=True).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Fake-Node", self.node)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.headers.get("Upgrade", "").lower() == "websocket":
            if self.role not in ("ws", "wss"):
                return self.send_json(400, {"error": "no WebSocket here"})
            key = self.headers.get("Sec-WebSocket-Key", "")
            accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
            self.send_response(101, "Switching Protocols")
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", accept)
            self.end_headers()
            self.close_connection = True
            return
        if self.role == "admin":
            return self.send_json(200, {"admin": True, "node": self.node})
        if self.path.startswith("/api/version"):
            if self.conf.get("http.close_api_version") == "true":
                data = b"Not Found"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Fake-Node", self.node)
                self.end_headers()
                self.wfile.write(data)
                return
            return self.send_json(200, {"build": self.build, "version": "1.0.0"})
        if self.path.startswith("/fs/"):
            # Built-in storage's files: the node and the path it was asked for.
            return self.send_json(200, {"node": self.node, "path": self.path})
        if self.path.startswith("/route"):
            c = self.conf
            return self.send_json(200, {
                "server_ip": c.get("server.ip"), "port": c.get("port"), "http_port": c.get("http_port"),
                "websocket_port": c.get("websocket_proxy_port", c.get("websocket_port")),
                "websocket_secure_port": c.get("websocket_proxy_secure_port", c.get("secure_websocket_port")),
                "websocket_host": c.get("websocket_proxy_host", c.get("server.ip")),
            })
        return self.send_json(404, {"error": "not found"})

    do_POST = do_GET

    def do_OPTIONS(self):
        # As im-server's ActionHandler.handleOptions: a preflight for /route (and /fs/) is
        # answered before any action, with both CORS wildcards.
        if self.path.startswith("/route") or self.path.startswith("/fs/"):
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Content-Length", "0")
            self.send_header("X-Fake-Node", self.node)
            self.end_headers()
            return
        return self.send_json(404, {"error": "not found"})


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class Hold(socketserver.BaseRequestHandler):
    """A long connection: accepted and held until the client goes."""

    def handle(self):
        try:
            while self.request.recv(4096):
                pass
        except OSError:
            pass


def greeter(node):
    """A TCP short link: its protocol is the vendor's and unpublished, so the stand-in names the
    node and closes, which shows which node a gateway passed the connection to."""

    class Greet(socketserver.BaseRequestHandler):
        def handle(self):
            try:
                self.request.sendall(f"wfc-fake-short-link {node}\n".encode())
            except OSError:
                pass

    return Greet


class TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()


def http_server(port, role, node, conf, tls=None, build="wfc-e2e-fake"):
    handler = type("H", (Handler,), {"role": role, "node": node, "conf": conf, "build": build})
    server = Server(("0.0.0.0", port), handler)
    if tls:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    serve(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conf")
    parser.add_argument("--name", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--build", default="wfc-e2e-fake", help="the build /api/version answers")
    args = parser.parse_args()
    conf = read_conf(args.conf)
    tls = None
    if args.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
    http_server(int(conf["local_port"]), "http", args.name, conf, build=args.build)
    serve(TCPServer(("0.0.0.0", int(conf["port"])), Hold))
    if "short_link_local_tcp_port" in conf:
        serve(TCPServer(("0.0.0.0", int(conf["short_link_local_tcp_port"])), greeter(args.name)))
    if "websocket_port" in conf:
        http_server(int(conf["websocket_port"]), "ws", args.name, conf)
    http_server(int(conf["http.admin.port"]), "admin", args.name, conf)
    serve(TCPServer(("0.0.0.0", 5701), Hold))
    # HTTPS and WSS each when configured: a multi-node node on its own domain serves WSS only.
    for key, kind in (("https_port", "https"), ("secure_websocket_port", "wss")):
        if key in conf:
            if not tls:
                sys.exit(f"{key} needs --tls-cert and --tls-key")
            http_server(int(conf[key]), kind, args.name, conf, tls, build=args.build)
    # The TLS long link: TLS ended here, as moquette's ssl_port does with the keystore.
    if "ssl_port" in conf:
        if not tls:
            sys.exit("ssl_port needs --tls-cert and --tls-key")
        server = TCPServer(("0.0.0.0", int(conf["ssl_port"])), Hold)
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        serve(server)
    print(f"fake IM node {args.name} listening", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
