# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A day of realistic visitor traffic for the demo court website, in nginx's
`combined` format, with a few planted attacks for the audit to find.

Seeded, so the same seed gives the same log. Client addresses come from the
documentation ranges (RFC 5737 / RFC 3849), never from real networks.
"""

from __future__ import annotations

import datetime
import random

PAGES = [
    "/", "/", "/", "/index.html", "/berita/", "/berita/sidang-keliling.html",
    "/berita/pelantikan-hakim.html", "/berita/zona-integritas.html", "/jadwal-sidang.html",
    "/layanan/e-court.html", "/layanan/biaya-perkara.html", "/kontak.html", "/profil.html",
    "/css/style.css", "/img/logo.png", "/feed.xml",
]
REFERRERS = [
    "-", "-", "https://www.google.com/", "https://www.bing.com/", "https://mahkamahagung.go.id/",
    "https://www.facebook.com/",
]
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
]
CRAWLERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
]
SIZES = {"/css/style.css": 2310, "/img/logo.png": 10422, "/feed.xml": 1800}


def _visitor_ip(rng: random.Random) -> str:
    block = rng.choice(["192.0.2.%d", "198.51.100.%d", "203.0.113.%d"])
    return block % rng.randint(1, 254)


def _line(ip, when, method, path, status, size, referrer, agent) -> str:
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S %z")
    return '%s - - [%s] "%s %s HTTP/1.1" %d %d "%s" "%s"' % (
        ip, stamp, method, path, status, size, referrer, agent)


def _attacks(start: datetime.datetime, rng: random.Random) -> list:
    """(time, line) pairs of the planted attacks, spread through the day."""
    out = []

    def at(hours, seconds=0):
        return start + datetime.timedelta(hours=hours, seconds=seconds)

    scanner = "203.0.113.66"
    for i, path in enumerate([
        "/berita.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--",
        "/berita.php?id=1%20AND%201=1",
        "/index.php?page=../../../../etc/passwd",
        "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E",
    ]):
        out.append((at(2, i * 3), _line(scanner, at(2, i * 3), "GET", path, 404, 162, "-",
                                        "sqlmap/1.8.2#stable (https://sqlmap.org)")))
    prober = "198.51.100.23"
    for i, path in enumerate(["/.env", "/.git/config", "/wp-config.php.bak", "/backup.sql", "/phpmyadmin/",
                              "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/admin/config.php",
                              "/.aws/credentials", "/server-status", "/shell.php"]
                             + ["/old/%d.php" % n for n in range(30)]):
        out.append((at(5, i * 2), _line(prober, at(5, i * 2), "GET", path, 404, 162, "-",
                                        "Mozilla/5.0 (compatible; Nikto/2.5.0)")))
    brute = "192.0.2.77"
    for i in range(40):
        out.append((at(9, i * 3), _line(brute, at(9, i * 3), "POST", "/login", 401, 512,
                                        "http://127.0.0.1/login", BROWSERS[0])))
    return out


def generate(lines: int = 600, seed: int = 20261127, end: datetime.datetime | None = None,
             tz_offset_hours: int = 7) -> list:
    """About `lines` log lines covering the 24 hours before `end`, oldest first."""
    rng = random.Random(seed)  # noqa: S311  repeatable demo data, not secrets
    tz = datetime.timezone(datetime.timedelta(hours=tz_offset_hours))
    end = (end or datetime.datetime.now(tz)).astimezone(tz).replace(microsecond=0)
    start = end - datetime.timedelta(hours=24)
    events = _attacks(start, rng)
    for _count in range(max(0, lines - len(events))):
        # Office hours are busier, as on a real court website.
        hour = min(23.99, max(0.0, rng.gauss(10.5, 4.0)))
        when = start + datetime.timedelta(seconds=int(hour * 3600 + rng.randint(0, 59)))
        crawler = rng.random() < 0.12
        path = rng.choice(PAGES)
        status = 200 if rng.random() > 0.04 else 404
        if rng.random() < 0.08 and status == 200:
            status = 304
        size = 0 if status == 304 else SIZES.get(path, rng.randint(4000, 24000)) if status == 200 else 162
        agent = rng.choice(CRAWLERS) if crawler else rng.choice(BROWSERS)
        ip = "66.249.66.%d" % rng.randint(1, 200) if crawler and "Googlebot" in agent else _visitor_ip(rng)
        events.append((when, _line(ip, when, "GET", path, status, size, rng.choice(REFERRERS), agent)))
    events.sort(key=lambda pair: pair[0])
    return [line for _when, line in events]
