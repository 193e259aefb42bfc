# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One file's verdict from its path and bytes: which analysis applies, the score, the kind.

The verdict depends only on the relative path and the content, so it can be
cached against the file's size, times and inode (baseline.py).
"""

from __future__ import annotations

import os
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import decode, other, php, spam, yarascan

PHP_EXT = (".php", ".php3", ".php4", ".php5", ".php7", ".php8", ".phtml", ".pht", ".phar", ".phps", ".inc",
           ".module", ".shtml")
OTHER_EXT = (".asp", ".aspx", ".ashx", ".asmx", ".asa", ".cer", ".cdx", ".jsp", ".jspx", ".cfm", ".soap")
MARKUP_EXT = (".html", ".htm", ".js", ".xhtml", ".tpl", ".twig")
CONFIG_NAMES = (".htaccess", ".user.ini", "php.ini", "web.config")
IMAGE_LIKE = (".jpg", ".jpeg", ".png", ".gif", ".ico", ".bmp", ".webp", ".svg", ".txt", ".css", ".pdf", ".zip",
              ".mp3", ".mp4", ".woff", ".woff2", ".ttf", ".log", ".json", ".xml", ".csv")
DEFAULT_UPLOAD_DIRS = ("uploads", "upload", "wp-content/uploads", "images", "image", "img", "files", "media",
                       "assets/uploads", "sites/default/files", "storage", "tmp", "temp", "cache")
EXCERPT_CHARS = 160
_PHP_TAG = re.compile(rb"<\?php|<\?=\s*\$|<script\s+language\s*=\s*[\"']?php", re.I)
_UNSAFE = re.compile(r"[^\x20-\x7e]+")
_CODE_IN_UPLOAD = re.compile(r"[a-z_]\w*\s*\(|\$\w+\s*=|`", re.I)


def kind_of_name(rel: str) -> str:
    """php | other | markup | config | data, from the file name."""
    name = os.path.basename(rel).lower()
    if name in CONFIG_NAMES:
        return "config"
    _root, ext = os.path.splitext(name)
    if ext in PHP_EXT or ".php." in name:
        return "php"
    if ext in OTHER_EXT:
        return "other"
    if ext in MARKUP_EXT:
        return "markup"
    return "data"


def in_upload_dir(rel: str, upload_dirs) -> bool:
    path = "/" + rel.replace(os.sep, "/").lower()
    return any("/%s/" % d.strip("/").lower() in path for d in upload_dirs)


def excerpt(text: str, pos: int) -> str:
    """A short, printable slice of the text around ``pos`` (non-ASCII and controls replaced)."""
    if pos < 0:
        pos = 0
    start = max(0, pos - 40)
    piece = text[start:start + EXCERPT_CHARS * 2]
    piece = _UNSAFE.sub(" ", piece)
    piece = " ".join(piece.split())
    return piece[:EXCERPT_CHARS]


def severity(kind: str, score: int, threshold: int) -> str:
    if kind == "unexpected_change":
        return "medium"
    if kind == "suspicious_upload":
        return "high" if score >= threshold * 2 else "medium"
    return "critical" if score >= threshold * 2 else "high"


def _php_evidence(text, ev):
    layers = decode.layers(text)
    php.score_php(layers, ev)
    return layers[0]


def analyse(rel: str, data: bytes, threshold: int, upload_dirs, rules=None):
    """Verdict dict (kind, score, signals, severity, excerpt) or a dict with kind None and the weak score.

    ``data`` is the whole file. Returns None for binary data that carries no script.
    """
    ftype = kind_of_name(rel)
    head = data[:8192]
    has_tag = _PHP_TAG.search(data) is not None
    if b"\0" in head and not has_tag and ftype != "data":
        return {"binary": True}
    ev = php.Evidence()
    text = data.decode("latin-1")
    shown = text
    upload = in_upload_dir(rel, upload_dirs)
    kind = "webshell"
    if ftype == "php" or (ftype == "data" and has_tag) or (ftype == "markup" and has_tag):
        shown = _php_evidence(text, ev)
        spam.score_spam(text.lower(), ev, markup=False)
        if ftype == "data":
            ev.add("php_in_non_php_file", threshold, max(0, text.find("<?")))
            kind = "suspicious_upload"
        elif upload and _CODE_IN_UPLOAD.search(text):
            ev.add("php_in_upload_dir", threshold)
            kind = "suspicious_upload"
    elif ftype == "other":
        other.score_other(text.lower(), ev)
    elif ftype == "markup":
        spam.score_spam(text.lower(), ev, markup=True)
    elif ftype == "config":
        spam.score_htaccess(text.lower(), ev)
    yarascan.match(rules, data, ev)
    score = ev.score
    signals = sorted(ev.found)
    if score < threshold:
        return {"kind": None, "score": score, "signals": signals}
    if kind == "webshell" and _is_spam(ev.found):
        kind = "spam_injection"
    return {"kind": kind, "score": score, "signals": signals, "severity": severity(kind, score, threshold),
            "excerpt": excerpt(shown if ev.best[1] >= 0 else text, ev.best[1])}


_SPAM_SIGNALS = ("hidden_gambling_links", "crawler_cloaking", "doorway_page", "gambling_links", "crawler_redirect",
                 "gambling_redirect", "crawler_cloaking_code")


def _is_spam(found) -> bool:
    spam_weight = sum(w for n, w in found.items() if n in _SPAM_SIGNALS)
    return spam_weight * 2 > sum(found.values())
