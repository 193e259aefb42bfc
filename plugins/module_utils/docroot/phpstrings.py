# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PHP string literals read the way PHP reads them, for decode.py (issue 14).

* PHP's double-quoted escapes are \\[0-7]{1,3} and \\x[0-9A-Fa-f]{1,2}: obfuscators mix the
  short forms ("\\62l\\60b", "\\xa") with the long ones that decode.normalise already undoes.
  The short forms are read only inside double-quoted literals (in single quotes and outside
  strings "\\1" is a regular expression's back reference, not a byte).
* A literal that is mostly %XX escapes, passed to urldecode() or rawurldecode(), is text
  packed the way a URL is: its decoded text is one more layer to score.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

# A short escape: one or two octal digits, or one hex digit, that the long forms miss.
_SHORT_ESCAPE = re.compile(r"\\(?:[0-7]{1,2}(?![0-7])|[xX][0-9a-fA-F](?![0-9a-fA-F]))")
_DOUBLE_QUOTED = re.compile(r"\"[^\"\\]*(?:\\.[^\"\\]*)*\"", re.S)
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|[xX]([0-9a-fA-F]{1,2})|(.))", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "e": "\x1b", "f": "\f", "\\": "\\", "$": "$", '"': '"'}
_PERCENT_LITERAL = re.compile(r"'([^'\n]{48,})'|\"([^\"\n]{48,})\"")
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
MIN_ESCAPES = 16


def _escape(match) -> str:
    octal, hexa, other = match.groups()
    if octal is not None:
        return chr(int(octal, 8) & 0xFF)
    if hexa is not None:
        return chr(int(hexa, 16))
    return _SIMPLE.get(other, "\\" + other)


def _unescape_literal(match) -> str:
    token = match.group(0)
    if "\\" not in token or not _SHORT_ESCAPE.search(token):
        return token
    body = _ESCAPE.sub(_escape, token[1:-1])
    # Kept a double-quoted literal: a quote or backslash it now holds is escaped again.
    return '"%s"' % body.replace("\\", "\\\\").replace('"', '\\"')


def unescape_short_forms(text: str) -> str:
    """``text`` with the double-quoted literals that use short escapes read as PHP reads them (others as they are)."""
    if "\\" not in text or not _SHORT_ESCAPE.search(text):
        return text
    return _DOUBLE_QUOTED.sub(_unescape_literal, text)


def percent_layers(text: str, low: str):
    """The decoded text of the long percent-encoded literals of a file that calls urldecode() or rawurldecode()."""
    if not packed_by_percent(low):
        return
    for match in _PERCENT_LITERAL.finditer(text):
        literal = match.group(1) or match.group(2)
        escapes = len(_PERCENT_ESCAPE.findall(literal))
        if escapes >= MIN_ESCAPES and escapes * 3 * 4 >= len(literal):  # a quarter of it or more is escapes
            yield unquote_to_bytes(literal).decode("latin-1")


def packed_by_percent(low: str) -> bool:
    """Cheap test (substring counts) that a file may hold percent-encoded text it decodes."""
    return "urldecode" in low and low.count("%") >= MIN_ESCAPES
