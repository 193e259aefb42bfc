"""Real protocol peers for tests: a WHOIS (TCP port-43 protocol) server and an RDAP HTTP server.

Each runs as its own process on a free loopback port (``start_peer``), serves recorded
answers from ``tests/data/renewals/`` and is stopped by PID.
"""

import os
import signal
import subprocess
import sys
import time

from tests.harness.services import track, untrack

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


class Peer:
    def __init__(self, proc, port):
        self.proc = proc
        self.pid = proc.pid
        self.port = port
        self.host = "127.0.0.1"

    @property
    def address(self):
        return "%s:%d" % (self.host, self.port)

    @property
    def url(self):
        return "http://%s:%d/" % (self.host, self.port)

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        untrack(self.pid)


def start_peer(module: str, *args) -> Peer:
    """Start ``python -m tests.peers.<module> --port 0 …``; it prints 'PORT <n>' when ready."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.peers.%s" % module, "--port", "0", *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 20
    line = ""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("PORT "):
            track(proc.pid, "peer %s" % module)
            return Peer(proc, int(line.split()[1]))
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError("peer %s did not start: %s %s" % (module, line, proc.stderr.read()[:500]))
