"""The traffic tests' HTTP client (inside the VM, in the client namespace): one new TCP
connection per request, HTTP/1.0, the answer's body is the real server's name.

  http-client.py count VIP N                   N requests; prints NAME=count (FAIL: no answer)
  http-client.py load VIP PHASE-FILE STOP-FILE  requests until STOP-FILE exists; prints one line
                                                "PHASE NAME" per request, the phase read before it

One process for many requests: under TCG a process start costs seconds, a request milliseconds.
"""
import collections
import os
import socket
import sys


def ask(vip):
    try:
        with socket.create_connection((vip, 80), timeout=20) as s:
            s.sendall(b"GET / HTTP/1.0\r\nHost: vip\r\n\r\n")
            data = b""
            while chunk := s.recv(4096):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return body.decode().strip() if head.startswith(b"HTTP/1.0 200") and body.strip() else "FAIL"
    except OSError:
        return "FAIL"


def main():
    mode, vip = sys.argv[1], sys.argv[2]
    if mode == "count":
        counts = collections.Counter(ask(vip) for _ in range(int(sys.argv[3])))
        for name, n in sorted(counts.items()):
            print(f"{name}={n}")
    elif mode == "load":
        phase_file, stop_file = sys.argv[3], sys.argv[4]
        while not os.path.exists(stop_file):
            with open(phase_file) as f:
                phase = f.read().strip()
            print(phase, ask(vip), flush=True)
    else:
        sys.exit(f"unknown mode {mode}")


main()
