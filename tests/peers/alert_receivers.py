"""Loopback receivers for alert deliveries: a webhook (what Apprise's json:// and form://
post, and what a WhatsApp gateway would receive) and a Telegram Bot API look-alike
(``POST /bot<TOKEN>/sendMessage`` answered as Telegram does, ``{"ok": true, ...}``).

Both run in a thread of the test process on a free port; ``fail_first`` makes the first N
requests fail with HTTP 500 so a test can watch a retry succeed.
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse


class Receiver:
    """A threaded HTTP server collecting every request as {path, headers, body, json, form}."""

    def __init__(self, fail_first: int = 0, telegram: bool = False):
        self.requests = []
        self.fail_first = fail_first
        self.telegram = telegram
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, fmt, *args):  # quiet tests
                pass

            def do_POST(self):  # noqa: N802  http.server's hook name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                outer.record(self.path, dict(self.headers), body)
                with outer.lock:
                    failing = outer.fail_first > 0
                    outer.fail_first -= 1 if failing else 0
                if failing:
                    self._answer(500, {"ok": False, "description": "Internal Server Error"})
                elif outer.telegram:
                    self._answer(*outer.bot_api(self.path))
                else:
                    self._answer(200, {"received": True})

            def _answer(self, code, payload):
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def record(self, path, headers, body) -> None:
        entry = {"path": path, "headers": headers, "body": body, "json": None, "form": None}
        kind = headers.get("Content-Type", "")
        try:
            if "json" in kind:
                entry["json"] = json.loads(body or b"null")
            elif "form" in kind:
                entry["form"] = dict(urllib.parse.parse_qsl(body.decode("utf-8")))
        except ValueError:
            pass
        with self.lock:
            self.requests.append(entry)

    @staticmethod
    def bot_api(path: str):
        """The Bot API's answer shape for the methods Apprise calls."""
        if not path.startswith("/bot") or "/" not in path[4:]:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        method = path.rsplit("/", 1)[1]
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": 1, "is_bot": True, "username": "sitekeeper_test_bot"}}
        if method == "sendMessage":
            return 200, {"ok": True, "result": {"message_id": 1, "chat": {"id": -1001234567890}, "date": 0}}
        return 200, {"ok": True, "result": {}}

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.port

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)
