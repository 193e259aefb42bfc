"""A WHOIS server (RFC 3912: one query line in, the answer, then close) on loopback.

Answers come from ``--data DIR``: ``<query>.txt`` files (recorded real answers, see
tests/data/renewals/README.md). Special queries: a name listed with ``--slow`` waits
``--slow-seconds`` before answering (for timeout tests); an unknown name gets the
"no match" answer most registries send.

    python -m tests.peers.whois_server --port 0 --data tests/data/renewals/whois
"""

import argparse
import os
import socketserver
import sys
import time


def make_handler(data_dir, slow, slow_seconds):
    class Handler(socketserver.StreamRequestHandler):
        timeout = 10

        def handle(self):
            line = self.rfile.readline(1024)
            name = line.decode("utf-8", "replace").strip().lower()
            self.server.queries.append(name)
            if name in slow:
                time.sleep(slow_seconds)
            path = os.path.join(data_dir, os.path.basename(name) + ".txt")
            if name and os.path.isfile(path):
                with open(path, "rb") as handle:
                    body = handle.read()
            else:
                body = b"No match for \"" + name.upper().encode() + b"\".\r\n"
            try:
                self.wfile.write(body)
            except OSError:
                pass

    return Handler


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data", required=True)
    parser.add_argument("--slow", action="append", default=[])
    parser.add_argument("--slow-seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    server = Server(("127.0.0.1", args.port), make_handler(args.data, set(args.slow), args.slow_seconds))
    server.queries = []
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
