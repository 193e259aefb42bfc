"""Builds the labelled evaluation logs of benchmarks/detect.py (benchmarks/data/detect/, see SOURCES.md there).

Attack payloads come from public collections nobody on this project wrote (PayloadsAllTheThings, fuzzdb);
each is rendered into one realistic combined-format nginx line the way a browser or a scanner sends it
(URL-encoded as real clients do, in a query parameter, a path segment, or the User-Agent / Referer), with
nginx's own log escaping (``"``, ``\\``, control and non-ASCII bytes as ``\\xHH``). The benign set is
constructed (see SOURCES.md). Deterministic: the same sources and seed give the same files.

    python benchmarks/detect_corpus.py --patt GITDIR --fuzzdb GITDIR [--seed 13] [--payloadbox SQL XSS]

GITDIR is a bare clone (``git --git-dir``) of swisskyrepo/PayloadsAllTheThings and of
fuzzdb-project/fuzzdb at the commits named in SOURCES.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "detect")
PER_CLASS = 200

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.99 "
    "Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 "
    "Safari/605.1.15",
]
# What scanners and scripts send when they do not pretend to be a browser (no attack-tool names here:
# those would be found by the agent alone, not by the payload).
SCRIPTS = ["curl/7.88.1", "python-requests/2.31.0", "Go-http-client/1.1", "Wget/1.21.3", "-"]


# -- sources -----------------------------------------------------------------

def git_show(gitdir, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", "HEAD:" + path], check=True,
                          capture_output=True).stdout.decode("utf-8", "replace")


def git_files(gitdir, under):
    out = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", "HEAD"] + ([under] if under else []),
                         check=True, capture_output=True).stdout.decode()
    return [p for p in out.splitlines() if p]


def lines_of(text):
    return [line.rstrip("\r") for line in text.split("\n") if line.strip() and not line.startswith("#")]


def code_lines(markdown):
    """Lines inside fenced code blocks of a markdown page, trailing ``// comment`` removed."""
    out, inside = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            inside = not inside
            continue
        if inside and line.strip():
            text = re.sub(r"\s+//\s.*$", "", line.strip())
            # Prose prefixes of an example ("User-Agent: <payload>", "subject: <payload>").
            out.append(re.sub(r"^(?:User-Agent|subject|# executed PHP code):\s*", "", text, flags=re.I))
    return out


def sample(rng, items, n=PER_CLASS):
    items = sorted(set(i for i in items if 3 <= len(i) <= 600))
    rng.shuffle(items)
    return items[:n]


def sources(patt, fuzzdb):
    """{class: [(payload, source file)]} from the two collections."""
    def from_files(repo, files, keep=None):
        got = []
        for f in files:
            text = git_show(repo, f)
            for line in lines_of(text):
                if keep is None or keep(line):
                    got.append((line, f))
        return got

    def from_markdown(repo, files, keep):
        got = []
        for f in files:
            for line in code_lines(git_show(repo, f)):
                if keep(line):
                    got.append((line, f))
        return got

    s = {}
    # Only lines that are payloads: list headers ("Time-Based:") and bare fragments are left out.
    sql_word = re.compile(r"select|union|\bor\b|\band\b|sleep|benchmark|waitfor|--|#|/\*|;|=|order\s+by|having|"
                          r"exec|char\(|like", re.I)
    s["sqli"] = from_files(patt, git_files(patt, "SQL Injection/Intruder"),
                           keep=lambda x: len(x) >= 5 and not x.endswith(":") and bool(sql_word.search(x)))
    # Not the lists of bare event-handler names or lone entities: those are words, not attacks.
    s["xss"] = from_files(patt, [f for f in git_files(patt, "XSS Injection/Intruders")
                                 if "event_handlers" not in f and "jsonp" not in f],
                          keep=lambda x: not x.startswith("/") and len(x) >= 8 and bool(
                              re.search(r"<|javascript:|\(|`|=", x, re.I)))
    s["path_traversal"] = from_files(patt, ["Directory Traversal/Intruder/directory_traversal.txt",
                                            "Directory Traversal/Intruder/deep_traversal.txt",
                                            "Directory Traversal/Intruder/traversals-8-deep-exotic-encoding.txt",
                                            "File Inclusion/Intruders/JHADDIX_LFI.txt",
                                            "File Inclusion/Intruders/dot-slash-PathTraversal_and_LFI_pairing.txt",
                                            "File Inclusion/Intruders/LFI-WindowsFileCheck.txt"],
                                     keep=lambda x: any(t in x.lower() for t in ("..", "%2e", "%c0", "%u", "0x2e",
                                                                                  "etc/", "win.ini", "boot.ini",
                                                                                  "system32", "proc/self")))
    s["path_traversal"] = [(x, f) for x, f in s["path_traversal"] if not re.search(r"\.\.2f|\.\.5c", x, re.I)]
    files = ["etc/passwd", "etc/shadow", "windows/win.ini", "etc/hosts", "proc/self/environ", "boot.ini"]
    s["path_traversal"] = [(x.replace("{FILE}", files[i % len(files)]), f)
                           for i, (x, f) in enumerate(s["path_traversal"])]
    s["rfi"] = [(line, "attack/rfi/rfi.txt") for line in lines_of(git_show(fuzzdb, "attack/rfi/rfi.txt"))
                if "XXpathXX" in line]
    # A bare command word ("dir", "netsh ...") as a parameter value is not an injection by itself: only
    # payloads that break out with a shell separator, substitution or redirection are kept.
    shell = re.compile(r"[;|&`\n]|\$\(|\$\{|%0a|%0d|%26|%7c|%3b|>|<", re.I)
    s["command_injection"] = [(x, f) for x, f in from_files(patt, git_files(patt, "Command Injection/Intruder"))
                              + from_files(fuzzdb, ["attack/os-cmd-execution/command-execution-unix.txt",
                                                    "attack/os-cmd-execution/OSCommandInject.Windows.txt"])
                              if shell.search(x)]
    php = re.compile(r"<\?php|<\?=|\$_(?:GET|POST|REQUEST|COOKIE|SERVER)\b|php://(?:input|filter)|phpinfo\(|"
                     r"passthru\(|shell_exec\(|system\(\s*['\"$]|base64_decode\(|file_put_contents\(|"
                     r"assert\(\s*\$|\{php\}|\{system\(|_self\.env|data://text/plain|expect://|"
                     r"O:\d+:\"[A-Za-z_\\]+\":\d+:\{", re.I)
    php_pages = ["Command Injection/README.md", "File Inclusion/LFI-to-RCE.md", "File Inclusion/README.md",
                 "File Inclusion/Wrappers.md", "Insecure Deserialization/PHP.md",
                 "Server Side Template Injection/PHP.md", "Upload Insecure Files/README.md"]
    # Not the pages' vulnerable-code examples, tool command lines or templates: payloads only.
    not_payload = re.compile(r"^(?:\$|<\?(?:=|php)\s*\$this|<title>|<p>|'|if\b|\[\+\]|phpggc|exiftool|mail |ssh |"
                             r"string\(|<\?php$|system\(\"(?:ping|wget)|system\(\$this|curl |python|git |wget |"
                             r"sqlmap|nc |\./|msf|php |echo )")
    s["php_injection"] = from_markdown(patt, php_pages, keep=lambda x: bool(php.search(x)) and not not_payload.match(x)
                                       and len(x) < 300)
    java = re.compile(r"\$\{jndi:|getClass\(|forName\(|java\.lang\.|freemarker\.template|ProcessBuilder|"
                      r"#_memberAccess|@java\.|T\(java|ScriptEngineManager|classLoader|\$\{\{?7\*7|#\{7\*7", re.I)
    s["java_injection"] = from_markdown(patt, ["Server Side Template Injection/Java.md", "CVE Exploits/Log4Shell.md",
                                               "Server Side Template Injection/README.md"],
                                        keep=lambda x: bool(java.search(x)) and not x.startswith(
                                            ("curl", "java ", "$ ", "import ", "public ", "String ", ".")))
    # Executable payloads and pollution of a prototype, not bare object snippets ("constructor": {).
    node = re.compile(r"require\(|process\.|child_process|__proto__\s*[\[.]|constructor\s*[\[.]\s*prototype|"
                      r"constructor\.constructor|mainModule|_\$\$ND_FUNC\$\$_|Function\(", re.I)
    s["nodejs_injection"] = from_markdown(patt, ["Server Side Template Injection/JavaScript.md",
                                                 "Prototype Pollution/README.md",
                                                 "Insecure Deserialization/Node.md"],
                                          keep=lambda x: bool(node.search(x)) and not x.startswith(
                                              ("const ", "var ", "let ", "npm ", "node ", "import ", "function",
                                               "}", "//", "- ", "rce :", "myDog")) and len(x) < 400)
    dotfiles = from_files(fuzzdb, ["discovery/predictable-filepaths/UnixDotfiles.txt",
                                   "discovery/predictable-filepaths/Randomfiles.txt",
                                   "discovery/predictable-filepaths/password-file-locations/Passwords.txt"],
                          keep=lambda x: "<" not in x and ".." not in x)
    # Editor and admin backups of configuration files: real backup extensions (fuzzdb) on the names of
    # common configuration files (facts of the products named).
    backup_ext = lines_of(git_show(fuzzdb, "discovery/predictable-filepaths/filename-dirname-bruteforce/"
                                           "Extensions.Backup.txt"))
    configs = ["/wp-config.php", "/configuration.php", "/config.php", "/sites/default/settings.php", "/.env",
               "/web.config", "/config/database.yml", "/LocalSettings.php", "/app/etc/env.php", "/config.inc.php"]
    backups = [(c + ("~" if e == "~" else "." + e), "Extensions.Backup.txt") for c in configs for e in backup_ext]
    s["sensitive_file"] = dotfiles + backups
    # Products with well-known remote exploits (consoles, invokers, admin and sample pages).
    products = ["JBoss.txt", "ApacheTomcat.txt", "ColdFusion.txt", "Apache_Axis.txt", "Joomla_exploitable.txt",
                "LotusNotes.txt", "HP_System_Mgmt_Homepage.txt", "IIS.txt", "JRun.txt"]
    wsa = "discovery/predictable-filepaths/webservers-appservers/"
    present = set(git_files(fuzzdb, wsa))
    cgi = [(x, f) for x, f in from_files(fuzzdb, ["discovery/predictable-filepaths/cgi/CGI_XPlatform.txt"])
           if "?" in x]
    s["exploit_probe"] = from_files(fuzzdb, [wsa + p for p in products if (wsa + p) in present]) + cgi + [
        ("/actuator/" + a, "Insecure Management Interface/Intruder/springboot_actuator.txt")
        for a in lines_of(git_show(patt, "Insecure Management Interface/Intruder/springboot_actuator.txt"))]
    s["protocol_abuse"] = from_files(patt, ["CRLF Injection/Files/crlfinjection.txt"]) + from_files(
        fuzzdb, ["attack/http-protocol/crlf-injection.txt"])
    return s


# -- rendering -----------------------------------------------------------------

def nginx_escape(raw: bytes) -> bytes:
    """How nginx writes request bytes into the access log (escape=default)."""
    out = bytearray()
    for b in raw:
        if b in (0x22, 0x5C) or b < 0x20 or b > 0x7E:
            out += b"\\x%02X" % b
        else:
            out.append(b)
    return bytes(out)


def browser_encode(payload):
    """A browser's form submission: application/x-www-form-urlencoded (space as +, most punctuation %XX)."""
    return quote(payload, safe="*-._").replace("%20", "+")


def scanner_encode(payload, rng):
    """Scanners vary: full percent-encoding, or only what would break the request line."""
    if rng.random() < 0.5:
        return quote(payload, safe="")
    return re.sub(r"[\s#%\x00-\x1f\x7f]", lambda m: "%%%02X" % ord(m.group()), payload)


PAGES = {
    "sqli": [("/berita.php", "id"), ("/index.php", "page_id"), ("/produk", "kategori"), ("/perkara/detail", "id"),
             ("/search", "q"), ("/api/v1/items", "sort"), ("/login.php", "username")],
    "xss": [("/cari", "q"), ("/search", "s"), ("/komentar", "nama"), ("/index.php", "lang"), ("/404", "url"),
            ("/feedback", "message")],
    "path_traversal": [("/download.php", "file"), ("/index.php", "page"), ("/view", "template"),
                       ("/lampiran", "path"), ("/image", "src")],
    "rfi": [],
    "command_injection": [("/cgi-bin/ping.cgi", "host"), ("/tools/dns", "domain"), ("/api/exec", "cmd"),
                          ("/index.php", "ip"), ("/admin/backup", "filename")],
    "php_injection": [("/index.php", "code"), ("/index.php", "page"), ("/preview", "template"),
                      ("/cari", "q"), ("/debug.php", "eval")],
    "java_injection": [("/login.action", "redirect"), ("/search", "q"), ("/api/user", "name"),
                       ("/index.jsp", "lang"), ("/struts2-showcase/index.action", "message")],
    "nodejs_injection": [("/api/render", "template"), ("/search", "q"), ("/api/users", "filter"),
                         ("/profile", "name")],
}
# Classes whose payloads real attacks also put in the User-Agent or Referer (Shellshock, Log4Shell, SQLi and XSS
# in headers that applications log or display).
HEADER_CLASSES = {"sqli", "xss", "command_injection", "java_injection"}
# Classes that are request paths themselves (the path is the probe).
PATH_CLASSES = {"sensitive_file", "exploit_probe"}
ATTACKER_HOSTS = ["http://45.95.147.3/sh.txt", "http://evil.example.net/shell.txt?", "https://pastebin.com/raw/x8Qe1",
                  "http://198.51.100.66:8080/r57.txt?", "ftp://203.0.113.5/c99.txt"]
PROXY_TARGETS = ["http://www.example.com/", "http://azenv.net/", "http://httpbin.org/ip", "http://api.ipify.org/",
                 "http://www.google.com/", "http://check.proxyradar.example/", "https://www.baidu.com/"]


def status_for(cls, rng):
    if cls in PATH_CLASSES or cls == "rfi":
        return rng.choice([404, 404, 404, 403, 200, 301])
    return rng.choice([200, 200, 200, 500, 403, 400, 404])


def render(cls, payload, rng):
    """(method, target bytes as logged, agent, referer) for one payload."""
    agent = rng.choice(BROWSERS) if rng.random() < 0.6 else rng.choice(SCRIPTS)
    referer = "-"
    method = "GET"
    if cls in PATH_CLASSES:
        path = payload if payload.startswith("/") else "/" + payload
        return method, path.encode("utf-8", "surrogateescape"), agent, referer
    if cls == "rfi":
        target = payload.replace("XXpathXX", rng.choice(ATTACKER_HOSTS))
        return method, (quote(target, safe="/?&=:;,%+@~!$'()*")).encode(), agent, referer
    if cls == "protocol_abuse":
        return method, payload.encode("utf-8", "surrogateescape"), agent, referer
    place = rng.random()
    if cls not in HEADER_CLASSES:
        place = 0.13 + place * 0.87
    if place < 0.08:  # in the User-Agent, as exploit kits do
        return method, rng.choice(["/", "/index.php", "/berita"]).encode(), payload, referer
    if place < 0.13:  # in the Referer
        return method, b"/", agent, "https://www.google.com/search?q=" + browser_encode(payload)
    page, param = rng.choice(PAGES[cls])
    if place < 0.28:  # a path segment (REST routes, rewritten URLs)
        value = quote(payload, safe="") if rng.random() < 0.7 else scanner_encode(payload, rng).replace("/", "%2F")
        base = page.rsplit(".", 1)[0] if "." in page.rsplit("/", 1)[-1] else page
        return method, (base + "/" + value).encode("utf-8", "surrogateescape"), agent, referer
    value = browser_encode(payload) if agent in BROWSERS and rng.random() < 0.7 else scanner_encode(payload, rng)
    if rng.random() < 0.3:
        method = "POST" if cls in ("sqli", "xss") and page.startswith("/login") else "GET"
        extra = "&lang=id" if rng.random() < 0.5 else ""
        return method, ("%s?%s=%s%s" % (page, param, value, extra)).encode("utf-8", "surrogateescape"), agent, referer
    return method, ("%s?%s=%s" % (page, param, value)).encode("utf-8", "surrogateescape"), agent, referer


def protocol_lines(rng, crlf):
    """Open-proxy probes and CRLF injection (crlf: payloads from the collections)."""
    out = []
    for target in PROXY_TARGETS:
        out.append(("GET", target.encode(), rng.choice(SCRIPTS[:3] + BROWSERS[:1]), "-"))
        out.append(("HEAD", target.encode(), "-", "-"))
    for host in ("www.google.com:443", "example.com:443", "198.51.100.10:25", "mail.example.net:587",
                 "api.ipify.org:443", "127.0.0.1:22"):
        out.append(("CONNECT", host.encode(), "-", "-"))
    for payload in crlf:
        payload = payload if payload.startswith("/") else "/" + payload
        out.append(("GET", payload.encode("utf-8", "surrogateescape"), rng.choice(BROWSERS + SCRIPTS), "-"))
    return out


def line(ip, when, method, target, status, size, referer, agent):
    def esc(text):
        return nginx_escape(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    return b'%s - - [%s] "%s %s HTTP/1.1" %d %d "%s" "%s"\n' % (
        ip.encode(), when.encode(), method.encode(), nginx_escape(target), status, size, esc(referer), esc(agent))


def timestamp(i):
    day = 4 + (i // 86400) % 20
    s = i % 86400
    return "%02d/Nov/2026:%02d:%02d:%02d +0700" % (day, s // 3600, (s // 60) % 60, s % 60)


# -- the constructed benign set --------------------------------------------------

SEARCHES = [
    # Indonesian and English search-box text with quotes, SQL words and markup-like characters.
    'cara select all di excel', 'serikat pekerja union Indonesia', 'urutkan "order by" tanggal sidang',
    'jadwal sidang \'perceraian\' hari ini', 'putusan MA no. 123 K/Pdt/2023', 'apa itu "drop shipping"',
    'biaya perkara or gugatan sederhana', "Jum'at 12 Januari", "O'Brien v. Indonesia", 'select committee report 2024',
    'delete akun gmail', 'update aplikasi e-court', 'insert coin arcade', 'how to union two tables in excel',
    'harga < 100rb', 'nilai >= 80 lulus', 'tips menulis script video', 'alert dialog android studio',
    'Rp 1.500.000,- (satu juta)', 'C:\\Program Files\\Adobe', 'cat food murah', 'wget vs curl',
    'ls -la artinya', 'echo dot 5th gen', 'kalimat "where" dan "when"', 'ping timeout Indihome',
    'mediasi & perdamaian', 'pasal 1365 KUH Perdata', '<3 terima kasih', 'sidang #2 ditunda', 'e-mail: budi@pn.go.id',
    'PT. Maju Jaya (Persero) Tbk', 'or', 'and', 'null', 'true', "1' ", 'sleep apnea', 'benchmark laptop 2024',
    'waitlist beasiswa', 'from A to Z', 'script font', 'onload artinya', 'document cookie consent',
    'javascript tutorial bahasa indonesia', 'eval report template', 'exec summary', 'system requirements windows 11',
    '50% off', '100% halal', 'a+b=c', 'x=y; z=w', 'rumus =SUM(A1:A10)', '{nama} {tanggal}', '[draft] surat kuasa',
    'gugatan wanprestasi -- contoh', 'contoh surat /* draf */', 'bagaimana cara "mengajukan banding"?',
]
PAGES_BENIGN = ["/berita", "/pengumuman", "/artikel", "/layanan", "/tentang-kami", "/kontak", "/galeri", "/agenda",
                "/transparansi/laporan-keuangan", "/zona-integritas", "/ppid/informasi-publik", "/struktur-organisasi"]
SLUGS = ["sidang-pembacaan-putusan-perkara-perdata", "penandatanganan-pakta-integritas-2024",
         "pelayanan-terpadu-satu-pintu-ptsp", "sosialisasi-e-court-dan-e-litigasi", "rapat-evaluasi-kinerja-triwulan-iii",
         "pengumuman-libur-nasional-dan-cuti-bersama", "mediasi-berhasil-perkara-no-45", "kunjungan-kerja-ketua-pt"]
COURTS = ["PN Jkt.Sel", "PN Jkt.Pst", "PN Sby", "PN Bdg", "PA Jakarta Selatan", "PN Mdn", "PTUN.JKT"]
KINDS = ["Pdt.G", "Pdt.P", "Pid.B", "Pid.Sus", "Pdt.G.S", "G", "Pid.Sus-Anak"]
APP_AGENTS = ["Jellyfin-Android/2.6.1", "Mozilla/5.0 (Linux) mirall/3.11.0 (Nextcloud, ubuntu-6.5 ClientArchitecture: "
              "x86_64 OsArchitecture: x86_64)", "Element/1.6.3 (Android 13; SM-A145F)", "okhttp/4.12.0",
              "Nextcloud-android/3.28.1", "Mattermost/5.7.0 (Android 13)"]
FIELDS = ["PrimaryImageAspectRatio", "SortName", "BasicSyncInfo", "CanDelete", "MediaSourceCount", "Overview"]


def q(text):
    return quote(text, safe="")


def benign_requests(rng):
    """(method, target, agent, referer, status) of constructed legitimate traffic."""
    out = []
    b = lambda: rng.choice(BROWSERS)  # noqa: E731
    site = "https://pn-contoh.go.id"
    for text in SEARCHES:
        form = quote(text, safe="").replace("%20", "+")
        out.append(("GET", "/cari?q=" + form, b(), site + "/", 200))
        out.append(("GET", "/?s=" + form + "&post_type=post", b(), site + "/berita", 200))
        out.append(("GET", "/api/v1/search?q=" + q(text) + "&page=1&limit=20", b(), site + "/cari", 200))
    for _ in range(60):
        number = "%d/%s/%d/%s" % (rng.randint(1, 2400), rng.choice(KINDS), rng.choice([2022, 2023, 2024, 2025]),
                                 rng.choice(COURTS))
        out.append(("GET", "/perkara?no=" + rng.choice([q(number), quote(number, safe="/")]), b(), site + "/", 200))
        out.append(("GET", "/list_perkara/search?search_keyword=" + q(number) + "&enc=0", b(),
                    site + "/list_perkara", 200))
        out.append(("GET", "%s/%s" % (rng.choice(PAGES_BENIGN), rng.choice(SLUGS)) + rng.choice(
            ["", "?utm_source=facebook&utm_medium=social&utm_campaign=humas",
             "?fbclid=IwAR2x" + "".join(rng.choice("abcdefghijkABCDEFG0123456789_-") for _ in range(40))]),
                    b(), rng.choice(["-", "https://www.google.com/", "https://m.facebook.com/"]), 200))
        out.append(("GET", "/jadwal-sidang?tanggal=%d-%02d-%02d&ruang=%s" % (
            rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28), q(rng.choice(["Kusuma Atmadja",
                                                                                          "Cakra", "Candra"]))),
                    b(), site + "/", 200))
        out.append(("GET", "/putusan/download?id=%s&file=%s" % (
            "".join(rng.choice("0123456789abcdef") for _ in range(32)),
            q("Putusan %s.pdf" % number.replace("/", "_"))), b(), site + "/putusan", 200))
    for _ in range(40):
        item = "".join(rng.choice("0123456789abcdef") for _ in range(32))
        fields = ",".join(rng.sample(FIELDS, 3))
        agent = rng.choice(APP_AGENTS)
        out.append(("GET", "/Users/%s/Items?ParentId=%s&Fields=%s&SortBy=SortName%%2CProductionYear&SortOrder="
                    "Ascending&IncludeItemTypes=Movie&Recursive=true&StartIndex=0&Limit=100" % (item, item[::-1], q(fields)),
                    agent, "-", 200))
        out.append(("GET", "/Videos/%s/stream.mp4?Static=true&mediaSourceId=%s&deviceId=%s" % (
            item, item, q("TW96aWxsYS81LjAgKFgxMTsgTGludXggeDg2XzY0KQ==")), agent, "-", 206))
        doc = rng.choice(["Laporan Tahunan 2024.docx", "Notulen Rapat (final).pdf", "Foto Kegiatan/IMG_2024.jpg",
                          "Anggaran & Realisasi Q3.xlsx", "README.md", "Draft SK #12.odt"])
        out.append(("PROPFIND", "/remote.php/dav/files/budi/" + quote(doc), rng.choice(APP_AGENTS[1:2] + APP_AGENTS[4:5]),
                    "-", 207))
        out.append(("GET", "/remote.php/dav/files/budi/" + quote(doc), APP_AGENTS[1], "-", 200))
        out.append(("GET", "/ocs/v2.php/apps/notifications/api/v2/notifications?format=json", APP_AGENTS[4], "-", 200))
        out.append(("GET", "/index.php/apps/files/?dir=%s&fileid=%d" % (
            quote("/Proyek/2024/Surat Masuk"), rng.randint(1000, 99999)), b(), site + "/index.php/apps/files/", 200))
        since = "s%d_%d_%d" % (rng.randint(1, 99999), rng.randint(1, 9999), rng.randint(1, 99))
        out.append(("GET", "/_matrix/client/v3/sync?filter=0&timeout=30000&since=" + since, APP_AGENTS[2], "-", 200))
        room = "!%s:matrix.pn-contoh.go.id" % "".join(rng.choice("abcdefghijKLMNOP") for _ in range(18))
        out.append(("GET", "/_matrix/client/v3/rooms/%s/messages?dir=b&from=t%d-%d&limit=30&filter=%s" % (
            q(room), rng.randint(1, 999), rng.randint(1, 99999),
            q('{"lazy_load_members":true,"types":["m.room.message"]}')), APP_AGENTS[2], "-", 200))
        out.append(("GET", "/api/v4/users/me/teams/unread?include_collapsed_threads=true", APP_AGENTS[5], "-", 200))
        out.append(("GET", "/api/v1/perkara?filter=%s&sort=%s" % (
            q('{"status":"aktif","tahun":%d,"jenis":["%s","%s"]}' % (rng.choice([2023, 2024]), rng.choice(KINDS),
                                                                  rng.choice(KINDS))),
            q(rng.choice(["-tanggal_daftar", "nomor", "tanggal_daftar,nomor"]))), b(), site + "/perkara", 200))
        out.append(("GET", "/graphql?query=%s&variables=%s" % (
            q("query Berita($first:Int){posts(first:$first,where:{orderby:{field:DATE,order:DESC}}){nodes{title slug}}}"),
            q('{"first":%d}' % rng.randint(5, 20))), b(), site + "/", 200))
        out.append(("GET", "/api/datasources/proxy/1/api/v1/query_range?query=%s&start=%d&end=%d&step=60" % (
            q('sum(rate(nginx_http_requests_total{host="pn-contoh.go.id",status=~"5.."}[5m])) by (status)'),
            1730000000 + rng.randint(0, 99999), 1730100000 + rng.randint(0, 99999)), b(), site + "/d/nginx", 200))
        out.append(("GET", "/api/saved_objects/_find?type=index-pattern&fields=title&search=%s&search_fields=title"
                    "&per_page=100" % q(rng.choice(["logs-*", "nginx-*", "filebeat-*"])), b(), site + "/app/discover",
                    200))
    for _ in range(30):
        out.append(("GET", "/wp-admin/edit.php?s=%s&post_status=all&post_type=post&action=-1&m=0&cat=0&paged=%d" % (
            rng.choice(["%3Cb%3EPengumuman%3C%2Fb%3E", "Rapat+%26+Koordinasi", "%22Zona+Integritas%22",
                        "WBK%2FWBBM+2024", "Harga+%3C+100rb"]), rng.randint(1, 5)), b(),
                    site + "/wp-admin/edit.php", 200))
        out.append(("GET", "/wp-admin/post.php?post=%d&action=edit&classic-editor" % rng.randint(100, 9999), b(),
                    site + "/wp-admin/edit.php", 200))
        out.append(("GET", "/wp-content/themes/%s/style.css?ver=%s" % (
            rng.choice(["astra", "generatepress", "newsup"]), rng.choice(["6.4.2", "4.6.8", "1.0.3"])), b(),
                    site + "/", 200))
        out.append(("GET", "/wp-json/wp/v2/posts?search=%s&per_page=10&_embed=1" % q(rng.choice(SEARCHES)), b(),
                    site + "/", 200))
        out.append(("GET", "/oauth/callback?code=%s&state=%s&scope=%s" % (
            "".join(rng.choice("ABCDEFabcdef0123456789-_") for _ in range(43)),
            "".join(rng.choice("abcdef0123456789") for _ in range(16)), q("openid email profile")), b(),
                    "https://accounts.google.com/", 302))
        out.append(("GET", "/login?next=%s" % q("/admin/dashboard?tab=users&sort=-created"), b(), site + "/admin", 200))
        out.append(("GET", "/berita/%s" % rng.choice(["%E2%80%9Cputusan-bebas%E2%80%9D-ditolak",
                                                   "caf%C3%A9-hukum-2024", "%E6%B3%95%E9%99%A2-news",
                                                   "%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1", "se%C3%B1or-abogado",
                                                   "%F0%9F%93%A2-pengumuman"]), b(), site + "/", 200))
        out.append(("GET", "/static/js/main.%s.js" % "".join(rng.choice("0123456789abcdef") for _ in range(8)), b(),
                    site + "/", 200))
        out.append(("GET", rng.choice(["/robots.txt", "/sitemap.xml", "/favicon.ico", "/manifest.json",
                                       "/.well-known/security.txt", "/apple-touch-icon.png"]), b(), "-",
                    rng.choice([200, 304, 404])))
        out.append(("GET", "/kontak?email=%s&subjek=%s" % (
            q(rng.choice(["budi.santoso@gmail.com", "siti+pn@yahoo.co.id", "admin@pn-contoh.go.id"])),
            q(rng.choice(["Permohonan salinan putusan (segera)", "Tanya: biaya perkara?", "Re: [PTSP] antrean #12"]))),
                    b(), site + "/kontak", 200))
        # Sphinx's search-result links carry the words searched for.
        out.append(("GET", "/docs/%s/%s.html?highlight=%s" % (rng.choice(["v2", "latest"]), rng.choice(["install", "faq"]),
                                                            rng.choice(["select+a+mirror", "union+types", "drop-in+config"])),
                    b(), site + "/docs/", 200))
    # Legitimate requests that look like probes: ACME challenges, WordPress oEmbed and SSO return URLs (a URL
    # in a parameter), Joomla and Koha (cgi-bin) routes, open-data downloads, JSONP.
    for _ in range(25):
        token = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(43))
        out.append(("GET", "/.well-known/acme-challenge/" + token, "Mozilla/5.0 (compatible; Let's Encrypt validation "
                    "server; +https://www.letsencrypt.org)", "-", 200))
        video = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(11))
        out.append(("GET", "/wp-json/oembed/1.0/proxy?url=%s&maxwidth=600" % q("https://www.youtube.com/watch?v=" + video),
                    b(), site + "/wp-admin/post.php", 200))
        out.append(("GET", "/login?return_to=%s" % q(site + rng.choice(["/perkara?no=12", "/admin/", "/layanan/ptsp"])),
                    b(), site + "/", 200))
        out.append(("GET", "/sso/callback?redirect_uri=%s&state=%d" % (
            q("https://sso.mahkamahagung.example/oauth/authorize?client_id=pn-contoh"), rng.randint(10 ** 6, 10 ** 7)),
                    b(), "https://sso.mahkamahagung.example/", 302))
        out.append(("GET", "/index.php?option=com_content&view=article&id=%d&catid=%d&Itemid=%d" % (
            rng.randint(1, 999), rng.randint(1, 30), rng.randint(100, 200)), b(), site + "/", 200))
        out.append(("GET", "/cgi-bin/koha/opac-search.pl?q=%s&limit=mc-itype%%2Cphr%%3ABK" % q(rng.choice(
            ["hukum acara perdata", "ti:select committee", "au:O'Neil", "kuhp \"pasal 340\"", "sistem & prosedur"])),
                    b(), "https://perpustakaan.pn-contoh.go.id/", 200))
        out.append(("GET", "/data/%s" % rng.choice(["statistik-perkara-2024.csv", "rekap-putusan-2023.xlsx",
                                                    "dataset-sipp-2024.sql.gz", "laporan-tahunan-2024.zip"]),
                    b(), site + "/transparansi", 200))
        out.append(("GET", "/api/v1/files?path=%s&depth=1" % q(rng.choice(["/Documents/Laporan 2024", "/Foto/Kegiatan",
                                                                          "/Shared/SK & Surat Edaran"])),
                    APP_AGENTS[4], "-", 200))
        out.append(("GET", "/api/cari.json?q=%s&callback=jQuery%d_%d" % (
            q(rng.choice(SEARCHES)), rng.randint(10 ** 15, 10 ** 16), 1730000000000 + rng.randint(0, 10 ** 6)), b(),
                    site + "/cari", 200))
    return out


def build_benign(rng):
    seen, rows = set(), []
    for method, target, agent, referer, status in benign_requests(rng):
        if (method, target) in seen:
            continue
        seen.add((method, target))
        rows.append((method, target.encode("utf-8"), agent, referer, status))
    return rows


def build(patt, fuzzdb, seed=13, out=OUT):
    rng = random.Random(seed)
    src = sources(patt, fuzzdb)
    os.makedirs(out, exist_ok=True)
    written = {}
    n = 0
    for index, cls in enumerate(sorted(src)):
        picked = sample(rng, [p for p, _f in src[cls]], PER_CLASS if cls != "protocol_abuse" else 60)
        if cls == "protocol_abuse":
            rows = protocol_lines(rng, picked)
        else:
            rows = [render(cls, p, rng) for p in picked]
        data = []
        for i, (method, target, agent, referer) in enumerate(rows):
            n += 37
            # One client per line, so that per-client incidents map back to lines.
            ip = "10.%d.%d.%d" % (index + 1, i // 250, i % 250 + 1)
            data.append(line(ip, timestamp(n), method, target, status_for(cls, rng),
                             rng.randint(150, 30000), referer, agent))
        with open(os.path.join(out, cls + ".log"), "wb") as handle:
            handle.write(b"".join(data))
        written[cls] = len(data)
    data = []
    for i, (method, target, agent, referer, status) in enumerate(build_benign(rng)):
        n += 37
        ip = "10.200.%d.%d" % (i // 250, i % 250 + 1)
        data.append(line(ip, timestamp(n), method, target, status, rng.randint(150, 90000), referer, agent))
    with open(os.path.join(out, "benign.log"), "wb") as handle:
        handle.write(b"".join(data))
    written["benign"] = len(data)
    return written


HOLDOUT_PER_CLASS = 150


def holdout_sources(payloadbox, dev):
    """{class: [(payload, file)]} from payloadbox's lists, minus every payload of the development sources."""
    seen = {p.strip().lower() for items in dev.values() for p, _f in items}

    def fresh(items):
        return [(p, f) for p, f in items if p.strip().lower() not in seen]

    sql_repo = payloadbox["sql"]
    sql_word = re.compile(r"select|union|\bor\b|\band\b|sleep|benchmark|waitfor|--|#|/\*|;|=|order\s+by|having|"
                          r"exec|char\(|like", re.I)
    sql = []
    for f in [f for f in git_files(sql_repo, "Intruder") if "nosql" not in f.lower()]:  # NoSQL is another class
        sql += [(x, f) for x in lines_of(git_show(sql_repo, f)) if len(x) >= 5 and sql_word.search(x)]
    sql += [(x, "README.md") for x in code_lines(git_show(sql_repo, "README.md"))
            if len(x) >= 5 and sql_word.search(x) and not x.lower().startswith(("http", "sqlmap", "select * from"))]
    xss_repo = payloadbox["xss"]
    xss = [(x, "Intruder/xss-payload-list.txt") for x in lines_of(git_show(xss_repo, "Intruder/xss-payload-list.txt"))
           if len(x) >= 8 and re.search(r"<|javascript:|\(|`|=", x, re.I)]
    return {"sqli": fresh(sql), "xss": fresh(xss)}


HOLDOUT = os.path.join(OUT, "holdout")


def build_holdout(patt, fuzzdb, payloadbox, seed=13, out=HOLDOUT):
    """Attack lines from payloadbox only, none of them in the development sources; scored with ../benign.log."""
    rng = random.Random(seed + 1)
    src = holdout_sources(payloadbox, sources(patt, fuzzdb))
    os.makedirs(out, exist_ok=True)
    written, n = {}, 0
    for index, cls in enumerate(sorted(src)):
        if not src[cls]:
            continue
        picked = sample(rng, [p for p, _f in src[cls]], HOLDOUT_PER_CLASS)
        data = []
        for i, payload in enumerate(picked):
            method, target, agent, referer = render(cls, payload, rng)
            n += 41
            ip = "10.%d.%d.%d" % (101 + index, i // 250, i % 250 + 1)
            data.append(line(ip, timestamp(n), method, target, status_for(cls, rng), rng.randint(150, 30000),
                             referer, agent))
        with open(os.path.join(out, cls + ".log"), "wb") as handle:
            handle.write(b"".join(data))
        written[cls] = len(data)
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--patt", required=True, help="git dir of swisskyrepo/PayloadsAllTheThings")
    ap.add_argument("--fuzzdb", required=True, help="git dir of fuzzdb-project/fuzzdb")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--payloadbox", nargs=2, metavar=("SQL", "XSS"),
                    help="git dirs of payloadbox/{sql-injection,xss}-payload-list: also build the held-out set in "
                         "holdout/")
    args = ap.parse_args()
    print(build(args.patt, args.fuzzdb, args.seed))
    if args.payloadbox:
        sql, xss = args.payloadbox
        print(build_holdout(args.patt, args.fuzzdb, {"sql": sql, "xss": xss}, args.seed))


if __name__ == "__main__":
    main()
