"""Fallback server for the Sitekeeper demo when nginx is not installed: serves the
demo site on loopback, gives crawlers the cloaked home page as the nginx config
does, and writes nginx-style `combined` access-log lines."""

import argparse
import datetime
import functools
import http.server
import os


class Handler(http.server.SimpleHTTPRequestHandler):
    log_path = None

    def translate_path(self, path):
        agent = self.headers.get("User-Agent", "").lower()
        if path.split("?", 1)[0] == "/" and ("googlebot" in agent or "bingbot" in agent):
            crawler_home = os.path.join(self.directory, ".crawler-index.html")
            if os.path.exists(crawler_home):
                return crawler_home
        return super().translate_path(path)

    def log_request(self, code="-", size="-"):
        stamp = datetime.datetime.now().astimezone().strftime("%d/%b/%Y:%H:%M:%S %z")
        line = '%s - - [%s] "%s" %s %s "%s" "%s"\n' % (
            self.client_address[0], stamp, self.requestline.replace('"', '\\x22'), code,
            size if size != "-" else 0, self.headers.get("Referer", "-"), self.headers.get("User-Agent", "-"))
        with open(self.log_path, "a") as handle:
            handle.write(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    Handler.log_path = args.log
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), functools.partial(Handler, directory=args.root))
    server.serve_forever()


if __name__ == "__main__":
    main()
