"""Loopback web servers for benchmarks/probe.py: many distinct sites, one port each.

Usage: python benchmarks/probe_server.py COUNT SEED
Prints one JSON line {"sites": [{"port", "kind", "latency_ms"}...]} once every site
listens, then serves until killed. Kinds:

* ok     - home page (with an RSS link), /feed.xml, /sitemap.xml, all after the
           site's artificial latency (100-500 ms for most sites, none for some)
* stale  - like ok, but the newest feed item is 20-60 days old
* cloaked- like ok, but crawlers (Googlebot) get a gambling-spam copy
* down   - nothing listens on the port (connection refused)
* hang   - accepts connections and never answers (the probe's timeout must hold)
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import json
import random
import socket
import sys


def kind_of(index: int) -> str:
    if index % 50 == 7:
        return "hang"
    if index % 20 == 3:
        return "down"
    if index % 10 == 5:
        return "stale"
    if index % 100 == 11:
        return "cloaked"
    return "ok"


def pages(index: int, kind: str, rng: random.Random) -> dict:
    now = datetime.datetime.now(datetime.timezone.utc)
    age = rng.uniform(20, 60) if kind == "stale" else rng.uniform(0.2, 5)
    newest = now - datetime.timedelta(days=age)
    name = "Pengadilan Negeri Contoh %d" % index
    index_html = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>%s</title>'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>'
        "<h1>%s</h1><nav><a href=\"/\">Beranda</a><a href=\"/berita/\">Berita</a></nav>"
        "<p>Informasi publik, jadwal sidang, layanan e-Court dan berita terbaru.</p>"
        "<ul>%s</ul></body></html>"
        % (name, name, "".join("<li><a href=\"/berita/%d.html\">Berita %d</a></li>" % (n, n) for n in range(20)))
    )
    spam = index_html.replace(
        "</body>", '<div style="display:none"><a href="https://slot.invalid/">slot gacor maxwin</a></div></body>'
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title>%s</channel></rss>'
        % "".join(
            "<item><title>Berita %d</title><pubDate>%s</pubDate></item>"
            % (n, email.utils.format_datetime(newest - datetime.timedelta(days=3 * n)))
            for n in range(10)
        )
    )
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>'
        % "".join(
            "<url><loc>http://example.invalid/berita/%d.html</loc><lastmod>%s</lastmod></url>"
            % (n, (newest - datetime.timedelta(days=3 * n)).strftime("%Y-%m-%d"))
            for n in range(20)
        )
    )
    return {
        "/": ("text/html; charset=utf-8", index_html.encode()),
        "crawler": ("text/html; charset=utf-8", (spam if kind == "cloaked" else index_html).encode()),
        "/feed.xml": ("application/rss+xml", feed.encode()),
        "/sitemap.xml": ("application/xml", sitemap.encode()),
    }


def response(status: str, ctype: str, body: bytes) -> bytes:
    head = "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % (
        status, ctype, len(body))
    return head.encode() + body


class Site(asyncio.Protocol):
    def __init__(self, site: dict):
        self.site = site
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        if self.site["kind"] == "hang":
            return
        self.buffer += data
        if b"\r\n\r\n" not in self.buffer:
            return
        head = self.buffer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        path = head.split(" ", 2)[1] if head.count(" ") >= 2 else "/"
        crawler = "googlebot" in head.lower()
        key = "crawler" if path == "/" and crawler else path
        page = self.site["pages"].get(key)
        if page is None:
            payload = response("404 Not Found", "text/html", b"<h1>404</h1>")
        else:
            payload = response("200 OK", page[0], page[1])
        loop = asyncio.get_running_loop()
        loop.call_later(self.site["latency_ms"] / 1000.0, self._send, payload)

    def _send(self, payload):
        if not self.transport.is_closing():
            self.transport.write(payload)
            self.transport.close()


async def main(count: int, seed: int) -> None:
    rng = random.Random(seed)
    loop = asyncio.get_running_loop()
    sites, servers, reserved = [], [], []
    for index in range(count):
        kind = kind_of(index)
        latency = 0 if index % 10 == 9 else rng.randint(100, 500)
        site = {"index": index, "kind": kind, "latency_ms": latency}
        if kind == "down":
            # Bound but not listening: connections are refused, and no other site can take the port.
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            site["port"] = sock.getsockname()[1]
            reserved.append(sock)
        else:
            site["pages"] = pages(index, kind, rng)
            server = await loop.create_server(lambda s=site: Site(s), "127.0.0.1", 0, backlog=1024)
            site["port"] = server.sockets[0].getsockname()[1]
            servers.append(server)
        sites.append(site)
    print(json.dumps({"sites": [{k: s[k] for k in ("port", "kind", "latency_ms")} for s in sites]}), flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
