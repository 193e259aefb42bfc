# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The transformation pipeline of the request classifier: what a WAF does before matching.

Standard library only (this code runs on the web host).

Every step is bounded: at most ``MAX_PART`` characters of a part are inspected, URL
decoding runs at most ``MAX_ROUNDS`` rounds, escape decoding at most ``MAX_ROUNDS``, and
every regular expression here is linear (no nested quantifiers), so the work per part is
O(MAX_PART * MAX_ROUNDS) whatever an attacker writes. Invalid UTF-8 and lone surrogates
become U+FFFD, never an exception.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote_to_bytes

MAX_PART = 4096   # characters of one part (path, parameter name or value, agent) that are inspected
MAX_ROUNDS = 4    # rounds of URL decoding, and of escape decoding

# %uXXXX (IIS), turned into %-escaped UTF-8 so one unquote handles both.
_PCT_U = re.compile(rb"%u([0-9a-fA-F]{4})")
# Overlong UTF-8 (%c0%ae is '.', %c0%af is '/', %e0%80%ae is '.'): not valid UTF-8, but some
# decoders accepted it; decoded here to the character it spells.
_OVERLONG2 = re.compile(rb"[\xc0\xc1]([\x80-\xbf])")
_OVERLONG3 = re.compile(rb"\xe0([\x80-\x9f])([\x80-\xbf])")
_OVERLONG4 = re.compile(rb"\xf0\x80([\x80-\x81])([\x80-\xbf])")
_ESCAPES = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|([0-7]{3}))")
_ENTITY = re.compile(r"&(?:#[xX]?[0-9a-fA-F]{1,7}|[a-zA-Z]{2,10});?")
_SPACE = re.compile(r"\s+")
_SQL_COMMENT = re.compile(r"/\*!?(?:\d{5})?|\*/")
_JS_CONCAT = re.compile(r"""['"`]\s*\+\s*['"`]""")


def _u_escape(m):
    return ("%%%s" % "%".join("%02x" % b for b in chr(int(m.group(1), 16)).encode("utf-8", "surrogatepass"))
            ).encode("ascii")


def _overlong2(m):
    return bytes(((m.group(0)[0] & 0x1F) << 6 | (m.group(1)[0] & 0x3F),))


def _overlong3(m):
    return bytes((((m.group(1)[0] & 0x3F) << 6 | (m.group(2)[0] & 0x3F)) & 0x7F,))


def url_decode(raw: bytes, plus=False) -> tuple:
    """(bytes with %-escapes, %u escapes and overlong UTF-8 removed repeatedly, rounds used)."""
    out = raw[:MAX_PART * 3]
    if plus:  # '+' is a space in a query string; an encoded %2B stays a plus
        out = out.replace(b"+", b" ")
    rounds = 0
    while rounds < MAX_ROUNDS and b"%" in out:
        nxt = _PCT_U.sub(_u_escape, out) if b"%u" in out or b"%U" in out else out
        nxt = unquote_to_bytes(nxt)
        if nxt == out:
            break
        out = nxt
        rounds += 1
    if b"\xc0" in out or b"\xc1" in out or b"\xe0" in out or b"\xf0\x80" in out:
        out = _OVERLONG3.sub(_overlong3, _OVERLONG2.sub(_overlong2, _OVERLONG4.sub(_overlong3, out)))
    return out, rounds


def _escape(m):
    hexa = m.group(1) or m.group(2) or m.group(3)
    try:
        code = int(hexa, 16) if hexa else int(m.group(4), 8)
        return chr(code) if code < 0x110000 else "\ufffd"
    except ValueError:
        return "\ufffd"


def unescape(text: str) -> str:
    """HTML entities and \\xNN, \\uNNNN, \\u{...}, octal escapes removed (bounded rounds)."""
    for _round in range(MAX_ROUNDS):
        before = text
        if "\\" in text:
            text = _ESCAPES.sub(_escape, text)
        if "&" in text and _ENTITY.search(text):
            text = html.unescape(text)
        if text == before:
            break
    return text


# Characters that NFKC keeps but Windows' "best fit" code-page conversion turns into path or markup
# syntax (IIS and PHP on Windows have been attacked through them).
_BEST_FIT = str.maketrans({"\u2216": "\\", "\u2215": "/", "\u2044": "/", "\u29f5": "\\", "\u2039": "<",
                           "\u203a": ">", "\u02bc": "'", "\u2032": "'", "\u00ab": "<", "\u00bb": ">",
                           "\u00ad": "-"})


def to_text(data: bytes) -> str:
    """Bytes as text: invalid UTF-8 as U+FFFD, lone surrogates removed, compatibility forms folded."""
    text = data[:MAX_PART * 3].decode("utf-8", "replace")
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.encode("utf-8", "replace").decode("utf-8", "replace"))
        text = text.translate(_BEST_FIT)
    return text[:MAX_PART]


_SIMPLE = re.compile(rb"^[A-Za-z0-9/._~=:,@-]*$").match


def normalise(raw: bytes, plus=True) -> tuple:
    """(decoded lower-case text, evasion count) for one request part.

    The evasion count says how much hiding was undone: URL-decoding rounds beyond the first,
    escapes, entities, fullwidth forms, NUL bytes. It is evidence of intent on its own.
    """
    if _SIMPLE(raw) and len(raw) <= MAX_PART:
        return raw.decode("ascii").lower(), 0  # nothing to decode (most of a log)
    data, rounds = url_decode(raw, plus)
    text = to_text(data)
    evasion = max(0, rounds - 1)
    if "\\" in text or "&" in text:
        unescaped = unescape(text)
        if unescaped != text:
            evasion += 1
            text = unescaped
            if not text.isascii():
                text = unicodedata.normalize("NFKC", text.encode("utf-8", "replace").decode("utf-8", "replace"))
    if "\x00" in text:
        evasion += 1
        text = text.replace("\x00", "")
    return text.lower(), evasion


def sql_form(text: str) -> str:
    """SQL as an engine reads it: /**/ and /*!50000 ... */ comments removed, spaces collapsed."""
    if "/*" in text or "*/" in text:
        text = _SQL_COMMENT.sub(" ", text)
    return _SPACE.sub(" ", text)


def js_form(text: str) -> str:
    """JavaScript with string concatenation ('al'+'ert') and spaces removed."""
    if "+" in text:
        text = _JS_CONCAT.sub("", text)
    return _SPACE.sub("", text)


_DOTS = re.compile(r"(?:^|/)\.{2,}(?=/|$|;)")


def normalise_path(text: str) -> tuple:
    """(path with / only, traversal count): backslashes, //, ;params, trailing dots and spaces removed.

    Counts the parent references a path normaliser would resolve or refuse: ``..``, ``...``,
    ``....//`` (left after a naive ``../`` strip) and ``..;/`` (Tomcat path parameters).
    """
    if "\\" not in text and ";" not in text and "//" not in text and ".." not in text:
        return "/".join(s.rstrip(". ") if s.strip(".") else s for s in text.split("/")), 0
    path = text.replace("\\", "/")
    if ";" in path:
        path = re.sub(r";[^/]*", "", path)
    path = re.sub(r"/{2,}", "/", path)
    ups = len(_DOTS.findall(path))
    segments = [s.rstrip(". ") if s not in (".", "..") and set(s) != {"."} else s for s in path.split("/")]
    return "/".join(segments), ups
