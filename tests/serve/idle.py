#!/usr/bin/env python3
"""Hold idle TCP connections to the preview server on 127.0.0.1.

Usage: idle.py PORT COUNT SECONDS

Opens COUNT connections to 127.0.0.1:PORT without sending a byte
(non-blocking connects: a full accept queue does not stall the loop),
writes "ready" on stdout, then waits at most SECONDS for the server to
close them, and prints "closed N" with the number it closed. Every
socket is closed before it exits. Nothing but 127.0.0.1 is contacted.
"""
import select
import socket
import sys
import time


def main():
    port, count, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    socks = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            socks.append(s)
        print("ready", flush=True)
        byfd = {s.fileno(): s for s in socks}
        p = select.poll()
        for fd in byfd:
            p.register(fd, select.POLLIN)
        closed = 0
        deadline = time.monotonic() + seconds
        while closed < len(socks) and time.monotonic() < deadline:
            for fd, _ in p.poll(100):
                try:
                    data = byfd[fd].recv(1)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:
                    p.unregister(fd)
                    closed += 1
        print("closed %d" % closed, flush=True)
    finally:
        for s in socks:
            s.close()


if __name__ == "__main__":
    main()
