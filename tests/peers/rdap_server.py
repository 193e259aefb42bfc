"""An RDAP server (RFC 7480/9082/9083 over HTTP) on loopback, with an IANA-style bootstrap file.

    GET /dns.json             the bootstrap file (RFC 9224), ``{base}`` = this server
    GET /domain/<name>        ``<name>.json`` from ``--data DIR`` as application/rdap+json
    unknown name              404 with an RDAP error object
    ``--ratelimit NAME``      429 Too Many Requests with Retry-After: 60

Dates in the files may be written ``{days:N}`` (today + N days, UTC) so answers stay
"near expiry" whatever day the tests run; ``{now}`` is the current time. ``--today DATE``
fixes "today" (a test passes the same date to the check, so a run across midnight
cannot see two different days).

    python -m tests.peers.rdap_server --port 0 --data tests/data/renewals/rdap
"""

import argparse
import datetime
import http.server
import json
import os
import re
import sys
import time


def render(text, base, today=None):
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    text = re.sub(r"\{days:(-?\d+)\}", lambda m: (today + datetime.timedelta(days=int(m.group(1)))).isoformat(), text)
    text = text.replace("{now}", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return text.replace("{base}", base)


def make_handler(data_dir, ratelimited, delay=0.0, today=None):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # keep test output quiet
            pass

        def _send(self, code, body, ctype="application/rdap+json", headers=None):
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802 (http.server API)
            if delay:
                time.sleep(delay)  # a registry's network latency, for benchmarks
            base = "http://%s:%d/" % self.server.server_address[:2]
            path = self.path.split("?", 1)[0]
            if path == "/dns.json":
                with open(os.path.join(data_dir, "bootstrap.json"), encoding="utf-8") as handle:
                    return self._send(200, render(handle.read(), base, today), "application/json")
            match = re.match(r"^/domain/([A-Za-z0-9.\-]+)$", path)
            if not match:
                return self._send(400, json.dumps({"errorCode": 400, "title": "Bad request"}))
            name = match.group(1).lower()
            if name in ratelimited:
                return self._send(429, json.dumps({"errorCode": 429, "title": "Too Many Requests",
                                                   "description": ["Query rate exceeded"]}),
                                  headers={"Retry-After": "60"})
            file = os.path.join(data_dir, name + ".json")
            if not os.path.isfile(file):
                return self._send(404, json.dumps({"errorCode": 404, "title": "Not Found",
                                                   "description": ["The domain was not found"]}))
            with open(file, encoding="utf-8") as handle:
                return self._send(200, render(handle.read(), base, today))

    return Handler


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--data", required=True)
    parser.add_argument("--ratelimit", action="append", default=[])
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                        help="the date {days:N} counts from (default: the current UTC date)")
    args = parser.parse_args(argv)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port),
                                             make_handler(args.data, set(args.ratelimit), args.delay, args.today))
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
