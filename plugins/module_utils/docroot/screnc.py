# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decoding of scripts encoded by the Microsoft Script Encoder (screnc.exe, ``VBScript.Encode``, ``JScript.Encode``).

An encoded block reads ``#@~^LLLLLL==`` + encoded characters + ``CCCCCC==^#~@``:

- ``LLLLLL==`` and ``CCCCCC==`` are base64 of a 32-bit little-endian number: the block's length in source
  characters (an escape counts two) and the checksum, the sum of the decoded ASCII characters.
- Each ASCII character is replaced through one of three substitution tables; which one is chosen by a fixed
  pattern of 64 entries indexed by the character's position in the decoded script (modulo 64).
- CR, LF, ``<``, ``>`` and ``@`` are written as the escapes ``@#``, ``@&``, ``@!``, ``@*`` and ``@$`` (one decoded
  position each); other control characters are left as they are.
- Characters above 127 (national text, the two bytes of a double-byte character) are copied and do not advance
  the position; a double-byte character (Chinese, Japanese, Korean code pages) counts as one in the length.

Sources of these facts: Microsoft's "Using Script Encoder" and "Script Encoding Sample" pages (the markers, the
language names, a page before and after encoding); P. Ferrie, "Inside the Microsoft Script Encoder", Virus
Bulletin, January 2006 (double-byte characters); MrBrownstone, "Breaking the Windows Script Encoder"
(virtualconspiracy.com, mirrored as hTut_0052 on textfiles.com) and the tables published with his ScrDec 1.8;
the same tables, indexed the other way round, in Wine's dlls/jscript/decode.c. The tables below were taken from
the ScrDec data and checked entry by entry against Wine's (they agree), then confirmed by decoding the encoded
shells of the development corpus to readable VBScript with matching checksums. The code is our own.

Hostile input never raises and the work is bounded: at most ``MAX_BLOCKS`` blocks and ``MAX_WORK`` characters
decoded per text (all attempts together), so the cost does not depend on what a block claims about itself.
"""

from __future__ import annotations

import base64
import binascii
import re

START = "#@~^"
END = "^#~@"
MAX_BLOCKS = 256
MAX_WORK = 1 << 20  # characters decoded per text, all code-page attempts together

# The characters the encoder substitutes, and their encoded form in each of the three tables (same order).
PLAIN = "\t !\"#$%&'()*+,-./0123456789:;=?ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"
ENCODED = (
    "dP\"Ja^][B`#e_~ORz!F &c*vG%,)i'gbAZf2sMCq9|SH1rnpI?Kj.\x7f(5}$-T7{=l4mN+0otkL3V:xWw;D/YE\\h6Xy\tu8UQ",
    "7~ZE:yY'vcbMQSR &Tq+f*X\x7f{01lIx_)$/93o!u(BFJ\\H6K}]jPi#\tpet,wD?m|C8^[nWL4r%VshUG25.dO;-Aaz\"`kN=g",
    "i,er[fuLEv*C3B cJZ8y2Wl+FRO=p{Qz~;GAwV_&xndtg}h5\"U:`jqoI\\]'Y%|#m(19\x7f6T4bN0^s\tKa$MkD!7SXH.P-)?/",
)
# Which table encodes the character at each position of the decoded script, modulo 64.
PICK = (1, 2, 0, 1, 2, 0, 2, 0, 0, 2, 0, 2, 1, 0, 2, 0,
        1, 0, 2, 0, 1, 1, 2, 0, 0, 2, 1, 0, 2, 0, 0, 2,
        1, 1, 0, 2, 0, 2, 0, 1, 0, 1, 1, 2, 0, 1, 0, 2,
        1, 0, 2, 0, 1, 1, 2, 0, 0, 1, 1, 2, 0, 1, 0, 2)
ESCAPES = {"#": "\r", "&": "\n", "!": "<", "*": ">", "$": "@"}
_ESCAPE_OF = {plain: "@" + code for code, plain in ESCAPES.items()}


def _decode_tables():
    """Per table, the decoded character of each ASCII code (control characters other than TAB map to themselves)."""
    tables = []
    for encoded in ENCODED:
        table = [chr(code) for code in range(128)]
        for plain, code in zip(PLAIN, encoded):
            table[ord(code)] = plain
        tables.append(table)
    return tables


_DECODE = _decode_tables()
_TABLE_AT = [_DECODE[PICK[index]] for index in range(64)]
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def _lead_bytes(low: int, high: int, *more):
    codes = set(range(low, high + 1))
    for first, last in more:
        codes.update(range(first, last + 1))
    return frozenset(chr(code) for code in codes)


# Code pages in which a byte above 127 may start a double-byte character whose second byte is ASCII: GBK, Big5 and
# Korean (lead bytes 0x81-0xFE), Shift-JIS (0x81-0x9F, 0xE0-0xFC). None: every byte is one character.
CODE_PAGES = (None, _lead_bytes(0x81, 0xFE), _lead_bytes(0x81, 0x9F, (0xE0, 0xFC)))


def number(field: str):
    """The 32-bit little-endian number of a ``XXXXXX==`` field, or None if it is not one."""
    if len(field) != 8 or not field.endswith("==") or not _BASE64.issuperset(field[:6]):
        return None
    try:
        return int.from_bytes(base64.b64decode(field), "little")
    except (binascii.Error, ValueError):
        return None


# A payload is decoded by translation, not character by character (a Python loop over a megabyte of encoded script
# took seconds): the characters that advance the position (ASCII, each escape made one mark character) are taken
# out in order, those at positions r, r + 64, r + 128 ... decoded with one table, and the national characters, which
# do not advance it, put back where they stood.
_ESCAPE_MARK = {code: chr(0x80 + index) for index, code in enumerate(ESCAPES)}
_UNKNOWN_MARK = chr(0x80 + len(ESCAPES))


def _bytes_table(table):
    """A bytes.translate() table: ASCII through ``table``, each escape's mark to what the escape stands for."""
    out = bytearray(ord(table[code]) if code < 128 else code for code in range(256))
    for code, mark in _ESCAPE_MARK.items():
        out[ord(mark)] = ord(ESCAPES[code])
    out[ord(_UNKNOWN_MARK)] = ord("?")  # an escape the encoder never writes: kept visible
    return bytes(out)


_BYTES_TABLE_AT = [_bytes_table(table) for table in _TABLE_AT]


def _national(lead_bytes):
    """The pattern of one national character: a double-byte one (a lead byte and whatever follows it) or any other
    character above 127."""
    leads = "".join(re.escape(char) for char in sorted(lead_bytes or ()) if char > "\x7f")  # ASCII is never a lead
    double = "[%s][\\s\\S]?|" % leads if leads else ""
    return re.compile(double + "[^\\x00-\\x7f]")


def _tokens(national):
    """The pattern of what is not one plain ASCII character: an escape, a run of national characters."""
    return re.compile("@[\\s\\S]|(?:%s)+" % national.pattern)


_NATIONAL_OF = {lead_bytes: _national(lead_bytes) for lead_bytes in CODE_PAGES}
_TOKENS_OF = {lead_bytes: _tokens(national) for lead_bytes, national in _NATIONAL_OF.items()}


def decode_payload(payload: str, lead_bytes=None):
    """(decoded text, checksum, length in source characters) of a block's encoded characters.

    ``lead_bytes``: the code page's first bytes of double-byte characters (whose second byte is copied as is).
    """
    national = []  # (how many advancing characters come before, a run of national characters)
    # Payload characters that are not one advancing character each (an escape's "@", the national ones), and the
    # source characters counted besides the advancing ones (an escape's second, each national character).
    merged = [0, 0]
    one = _NATIONAL_OF.get(lead_bytes) or _national(lead_bytes)
    rx = _TOKENS_OF.get(lead_bytes) or _tokens(one)

    def token(match):
        text = match.group()
        if text[0] == "@":
            merged[0] += 1
            merged[1] += 1
            return _ESCAPE_MARK.get(text[1], _UNKNOWN_MARK)
        national.append((match.start() - merged[0], text))
        merged[0] += len(text)
        merged[1] += len(text) if lead_bytes is None else len(one.findall(text))  # a double-byte one counts once
        return ""

    units = rx.sub(token, payload).encode("latin-1")
    out = bytearray(len(units))
    for residue, table in enumerate(_BYTES_TABLE_AT):
        out[residue::64] = units[residue::64].translate(table)
    plain = out.decode("latin-1")
    if national:
        pieces, done = [], 0
        for at, text in national:
            pieces += (plain[done:at], text)
            done = at
        pieces.append(plain[done:])
        plain = "".join(pieces)
    return plain, sum(out) & 0xFFFFFFFF, len(units) + merged[1]


class Block:
    """One encoded block of a text: where it is, what it decodes to, and whether its checksum matched."""

    def __init__(self, start: int, end: int, plain: str, valid: bool):
        self.start, self.end, self.plain, self.valid = start, end, plain, valid


def blocks(text: str, max_blocks: int = MAX_BLOCKS, max_work: int = MAX_WORK):
    """The encoded blocks of ``text``, decoded (at most ``max_blocks``, ``max_work`` characters decoded in all).

    A block without its end (truncated) is decoded to the end of the text, within the budget, as not valid.
    """
    found = []
    work = max_work
    start = text.find(START)
    while start >= 0 and len(found) < max_blocks and work > 0:
        body = start + len(START) + 8
        length = number(text[start + len(START):body])
        if length is None:
            start = text.find(START, start + 1)
            continue
        end = text.find(END, body, body + work + 8 + len(END))
        if end - 8 >= body and number(text[end - 8:end]) is not None:
            payload, checksum, stop = text[body:end - 8], number(text[end - 8:end]), end + len(END)
        else:
            payload, checksum, stop = text[body:body + work], None, min(len(text), body + work)
        # The code page is the one whose decoding both sums to the checksum and has the stated length.
        best, best_rank = None, None
        chars = set(payload)
        national = any(c > "\x7f" for c in chars)
        for lead_bytes in CODE_PAGES:
            if lead_bytes is not None and (not national or lead_bytes.isdisjoint(chars)):
                continue
            if work <= 0 and best is not None:
                break
            work -= len(payload)
            plain, total, units = decode_payload(payload, lead_bytes)
            rank = (checksum is not None and total == checksum, units == length)
            if best is None or rank > best_rank:
                best, best_rank = plain, rank
            if all(rank):
                break
        found.append(Block(start, stop, best, best_rank[0]))
        start = text.find(START, stop)
    return found


def decode_text(text: str, max_blocks: int = MAX_BLOCKS, max_work: int = MAX_WORK):
    """``text`` with each encoded block replaced by its decoded script, and the blocks found."""
    found = blocks(text, max_blocks, max_work)
    if not found:
        return text, found
    pieces, done = [], 0
    for block in found:
        pieces.append(text[done:block.start])
        pieces.append(block.plain)
        done = block.end
    pieces.append(text[done:])
    return "".join(pieces), found


def encode_payload(script: str) -> str:
    """The encoded characters of ``script`` (the inverse of ``decode_payload``; single-byte text)."""
    out = []
    position = 0
    for char in script:
        if char > "\x7f":
            out.append(char)
            continue
        escape = _ESCAPE_OF.get(char)
        if escape is not None:
            out.append(escape)
        else:
            index = PLAIN.find(char)
            out.append(ENCODED[PICK[position & 63]][index] if index >= 0 else char)
        position += 1
    return "".join(out)


def _field(value: int) -> str:
    return base64.b64encode((value & 0xFFFFFFFF).to_bytes(4, "little")).decode("ascii")


def encode_block(script: str) -> str:
    """``script`` as the encoder writes it: ``#@~^`` length, encoded characters, checksum ``^#~@``."""
    payload = encode_payload(script)
    checksum = sum(ord(c) for c in script if c <= "\x7f")
    return START + _field(len(payload)) + payload + _field(checksum) + END
