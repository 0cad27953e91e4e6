#!/usr/bin/env python3
"""wfc lsp under an editor's typing: a 64-node topology is opened, then edited N times (one
incremental change a keystroke, alternating a digit in an address). With debounce off, each
change is answered by one publishDiagnostics; the time from the change to the diagnostics is
the server's work (lint plus framing). Memory is the server's resident size, read from /proc,
after the first 100 edits and after the last: flat means nothing grows per edit.

    python3 bench/lsp.py .build/release/wfc [EDITS]     # default 10000"""
import json, os, statistics, subprocess, sys, time

wfc = sys.argv[1]
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
here = os.path.dirname(os.path.abspath(__file__))
text = subprocess.run([sys.executable, os.path.join(here, "generate.py"), "https", "64"], capture_output=True, text=True, check=True).stdout
p = subprocess.Popen([wfc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def send(obj):
    b = json.dumps(obj).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
    p.stdin.flush()

def recv():
    h = b""
    while not h.endswith(b"\r\n\r\n"):
        h += p.stdout.read(1)
    n = int(h.split(b":")[1].split(b"\r")[0])
    return json.loads(p.stdout.read(n))

def rss_kib():
    for line in open(f"/proc/{p.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0}}})
recv()
uri = "file:///bench/topology.yaml"
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
recv()
lines = text.split("\n")
row = next(i for i, l in enumerate(lines) if "public_address: 198." in l and "node1\n" not in l and i > 20)
col = lines[row].rindex(".") + 1
times, early = [], None
for i in range(edits):
    digit = str(1 + i % 9)
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": i + 2},
        "contentChanges": [{"range": {"start": {"line": row, "character": col}, "end": {"line": row, "character": col + 1}}, "text": digit}]}})
    message = recv()
    while message.get("method") != "textDocument/publishDiagnostics":
        message = recv()
    times.append((time.perf_counter() - start) * 1000)
    if i == 99:
        early = rss_kib()
late = rss_kib()
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
recv()
send({"jsonrpc": "2.0", "method": "exit"})
p.wait()
times.sort()
print(f"{edits} edits of a 64-node HTTPS topology ({len(text)} bytes): didChange -> publishDiagnostics "
      f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms")
print(f"resident memory: {early} KiB after 100 edits, {late} KiB after {edits} ({(late - early) / 1024:+.1f} MiB)")
