#!/usr/bin/env python3
"""Keystroke echo round trip: Molecule's terminal WebSocket vs a direct `docker exec` attach.

Opens one interactive shell through each path on the same container, then types alternately
into both: one keystroke ("a", then DEL to erase it) and waits for the shell's echo of that key.
Interleaving the two paths keeps machine noise from favouring either. Standard library only.

  echo_rtt.py MOLECULE_URL WORKSPACE_ID BEARER DOCKER_SOCKET CONTAINER ITERATIONS
Prints one line per path: "<path> <samples> <median_ms> <p90_ms> <p99_ms>".
"""
import base64
import http.client
import json
import os
import socket
import statistics
import sys
import time
from urllib.parse import urlparse

TIMEOUT = 10  # seconds for any single wait: a stuck path fails the run instead of hanging it
KEYS = [(b"a", b"a"), (b"\x7f", b"\x08\x1b[J")]  # key, the shell's complete echo of it (busybox ash)


class Terminal:
    """A byte pipe to a shell: send keystrokes, read until an expected echo arrives."""

    def __init__(self):
        self.pending = b""

    def wait_for(self, needle):
        while needle not in self.pending:
            self.pending += self.recv()
        self.pending = self.pending[self.pending.index(needle) + len(needle):]

    def settle(self):
        """Drains start-up output (banner, prompt, cursor-position query) until 300 ms of silence."""
        self.sock.settimeout(0.3)
        try:
            while True:
                chunk = self.recv()
                if b"\x1b[6n" in chunk:
                    self.send(b"\x1b[1;1R")  # answer the shell's cursor query, as xterm.js does
        except socket.timeout:
            pass
        self.sock.settimeout(TIMEOUT)
        self.pending = b""


class DockerExec(Terminal):
    """The engine's hijacked exec stream, the way `docker exec -it` talks to it."""

    def __init__(self, socket_path, container):
        super().__init__()

        class UnixConnection(http.client.HTTPConnection):
            def connect(self):
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(socket_path)

        api = UnixConnection("docker", timeout=TIMEOUT)
        spec = {"Cmd": ["/bin/sh"], "Tty": True, "AttachStdin": True, "AttachStdout": True,
                "AttachStderr": True, "Env": ["TERM=xterm-256color"]}
        api.request("POST", f"/containers/{container}/exec", json.dumps(spec), {"Content-Type": "application/json"})
        self.exec_id = json.loads(api.getresponse().read())["Id"]
        body = b'{"Detach":false,"Tty":true}'
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(TIMEOUT)
        self.sock.connect(socket_path)
        self.sock.sendall(
            f"POST /exec/{self.exec_id}/start HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
            f"Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(4096)
        head, _, rest = head.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit(f"docker exec start answered {head[:80]!r}")
        self.early = rest

    def recv(self):
        if self.early:
            chunk, self.early = self.early, b""
            return chunk
        chunk = self.sock.recv(4096)
        if not chunk:
            raise SystemExit("docker exec output ended")
        return chunk

    def send(self, data):
        self.sock.sendall(data)

    def close(self):
        self.send(b"exit\n")
        self.sock.close()


class MoleculeSocket(Terminal):
    """A minimal RFC 6455 client: masked text frames out, binary frames in, pings answered."""

    def __init__(self, url, workspace, bearer):
        super().__init__()
        target = urlparse(url)
        self.sock = socket.create_connection((target.hostname, target.port), timeout=TIMEOUT)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /workspaces/{workspace}/terminal HTTP/1.1\r\nHost: {target.netloc}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Authorization: Bearer {bearer}\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise SystemExit("Molecule closed the connection during the handshake")
            head += chunk
        head, _, self.buffer = head.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise SystemExit(f"Molecule refused the upgrade: {head.decode(errors='replace')}")

    def _read_exact(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("Molecule closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def recv(self):
        while True:
            first, second = self._read_exact(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = int.from_bytes(self._read_exact(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read_exact(8), "big")
            payload = self._read_exact(length)
            if opcode in (0x0, 0x1, 0x2):
                return payload
            if opcode == 0x8:
                raise SystemExit(f"Molecule closed the terminal: {payload[2:].decode(errors='replace')}")
            if opcode == 0x9:
                self._frame(0xA, payload)

    def _frame(self, opcode, payload):
        mask = os.urandom(4)
        header = bytes([0x80 | opcode, 0x80 | len(payload)])  # keystrokes and pongs are < 126 bytes
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send(self, data):
        self._frame(0x1, data)

    def close(self):
        self._frame(0x8, (1000).to_bytes(2, "big"))
        self.sock.close()


def type_key(terminal, key, echo):
    started = time.perf_counter_ns()
    terminal.send(key)
    terminal.wait_for(echo)
    return (time.perf_counter_ns() - started) / 1e6


def summary(name, samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return f"{name} {len(samples)} {statistics.median(ordered):.3f} {pick(0.90):.3f} {pick(0.99):.3f}"


def main():
    url, workspace, bearer, docker_socket, container, iterations = sys.argv[1:7]
    iterations = int(iterations)
    paths = {"molecule": MoleculeSocket(url, workspace, bearer), "docker": DockerExec(docker_socket, container)}
    for terminal in paths.values():
        terminal.settle()
    samples = {name: [] for name in paths}
    warmup = min(50, iterations)
    for i in range(warmup + iterations):
        key, echo = KEYS[i % 2]
        for name, terminal in paths.items():
            elapsed = type_key(terminal, key, echo)
            if i >= warmup:
                samples[name].append(elapsed)
    for terminal in paths.values():
        terminal.close()
    for name in paths:
        print(summary(name, samples[name]))


if __name__ == "__main__":
    main()
