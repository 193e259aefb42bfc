# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Light normalisation and decoding of script text before it is scored.

Obfuscated shells hide their calls behind comments, string concatenation,
escapes, chr() codes and base64/gzip/rot13/strrev layers. Undoing the common
tricks (never executing anything) lets the same signals see the hidden code;
each decoded layer is appended to the text, a few levels deep and bounded.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import itertools
import re
import zlib

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre, other, phpeval, phpstrings

MAX_LAYERS = 3
MAX_DECODED = 4 << 20

_BLOCK_COMMENT = lazyre.pattern(r"/\*.{0,2000}?\*/", re.S)
_LINE_COMMENT = lazyre.pattern(r"^[ \t]*(?://|#)[^\n]*", re.M)
# The same lines after the first, found from their line break: a pattern starting with a literal is only tried
# where it stands, one starting with ^ (multi-line) at every position. The break is matched and put back.
_LATER_LINE_COMMENT = lazyre.pattern(r"\n[ \t]*(?://|#)[^\n]*")
_CONCATS = (re.compile(r"'\s*\.\s*'"), re.compile(r'"\s*\.\s*"'))
_HEX = lazyre.pattern(r"\\x([0-9a-fA-F]{2})")
_OCT = lazyre.pattern(r"\\([0-7]{3})")
_CHR = lazyre.pattern(r"(?:'chr'|\"chr\"|chr)\s*\(\s*(\d{1,3}|0x[0-9a-f]{1,2})\s*\)", re.I)
_B64 = lazyre.pattern(r"""['"]([A-Za-z0-9+/\r\n\\]{32,}={0,2})['"]""")
# The same without quotes, as a call's only argument: base64_decode(JHBhc3N3...) (old PHP reads an unknown bare word
# as a string of itself). No name of a constant or function is 64 such characters long.
_BARE_B64 = lazyre.pattern(r"\(\s*@?\s*([A-Za-z0-9+/]{64,}={0,2})\s*\)")
_HEXLIT = lazyre.pattern(r"""['"]((?:[0-9a-fA-F]{2}){24,})['"]""")
_LIT = lazyre.pattern(r"""'([^'\\\n]{8,})'|"([^"\\\n]{8,})\"""")
# String literals as tokens, so a closing quote is never taken for an opening one ("$a","w" is two strings).
_STRING_TOKEN = lazyre.pattern(r"'[^'\\]*(?:\\.[^'\\]*)*'|\"[^\"\\]*(?:\\.[^\"\\]*)*\"", re.S)
_DQ_PLAIN = lazyre.pattern(r'"([^"\\$\'\n]{0,200})"\Z')
# A literal in parentheses not called or indexed (the parentheses and the white space before them go). The match
# starts at the first of white space and the parenthesis, the character before it is checked after that one: a
# pattern whose first item is a character class is only tried where such a character stands.
_PAREN_LIT = lazyre.pattern(r"[\s(](?<![\w$\])\s][\s(])(?:(?<=\()|(?<=\s)\s*\()\s*('[^'\\\n]{0,200}')\s*\)")
# The same matches found from their bracket: _PAREN_LIT starts with a character class, so it is tried at every
# blank and bracket of the text; a literal after a bracket is far rarer (see _unwrap_literals).
_PAREN_QUOTE = lazyre.pattern(r"\(\s*'")
_PAREN_LIT_AT = lazyre.pattern(r"\(\s*('[^'\\\n]{0,200}')\s*\)")
_ARG_LIT = lazyre.pattern(r"""'([^'\n]*)'|"([^"\n$]*)\"""")
_FUNCS = ("str_replace", "strrev", "str_rot13", "base64_decode", "implode", "join", "strtolower", "strtoupper", "trim",
          "ucfirst")
_FUNC_LIT = {name: lazyre.pattern(r"""'?(%s)'?\s*\(\s*((?:(?:'[^'\n]*'|"[^"\n$]*"|array\s*\(|\[|\]|\)|,)\s*){1,40})\)"""
                                  % name) for name in _FUNCS}
MAX_FOLD = 64 << 10
# Both branches start with a literal (the word start checked after "pack"): a search skips to a quote or a "p"
# instead of trying a leading \b at every position ("@package" in a docblock lets most texts through the gate).
_PACK = lazyre.pattern(r"(?:'pack'|pack(?<!\wpack))\s*\(\s*'[cC]\*'\s*,\s*((?:(?:0x[0-9a-fA-F]{1,2}|\d{1,3})\s*,?\s*){2,200})\)")
# A variable or an object's property ($this->handler) set to a literal; where either is read.
_ASSIGN = lazyre.pattern(r"""(\$\w+(?:->\w+)?)\s*=\s*(['"])([^'"\\\n]*)\2\s*;""")
_VAR_USE = lazyre.pattern(r"\$\w+(?:->\w+)?(?![\w\[])(?!\s*[.+-]?=(?!=))")
# A list of literals in a variable, joined by implode()/join() elsewhere: a name spelled in pieces
# ($p = ['cr', 'ea', 'te', ...]; $f = join('', $p)). The list is put where it is joined; _FUNC_LIT folds it there.
_LITERAL = r"""(?:'[^'\\\n]*'|"[^"\\$\n]*")"""
_LIST_ASSIGN = lazyre.pattern(r"(\$\w+)\s*=\s*(?:\[|array\s*\()\s*(%s(?:\s*,\s*%s){0,63})\s*,?\s*[\])]\s*;" % (_LITERAL, _LITERAL), re.I)
_ASSIGNED_TO = r"%s(?!\w)\s*(?:\[[^\]\n]*\]\s*)?[.+-]?=(?![=>])"
_JOIN_OF_VARIABLE = lazyre.pattern(r"(implode(?<![\w$>:]implode)|join(?<![\w$>:]join))\s*\(\s*(%s\s*,\s*)?(\$\w+)\s*\)" % _LITERAL,
                                   re.I)
# call_user_func('name', $a, ...) is name($a, ...): written as the call it makes, which the signals follow.
_CALL_BY_NAME = lazyre.pattern(r"call_user_func(?<![\w$>:]call_user_func)\s*\(\s*(['\"])([a-z_]\w*)\1\s*(?:,\s*|(?=\)))", re.I)
_FOREACH_ONE = lazyre.pattern(r"""foreach\s*\(\s*(?:array\s*\(|\[)\s*(['"])(\w+)\1\s*[\])]\s*as\s+(\$\w+)\s*\)""", re.I)
# Tables of literals: $t = array('k' => 'v', ...) (or [...]) and $t['k'] = 'v'; read as $t['k'] (not assigned).
_TABLE = lazyre.pattern(r"(\$\w+)\s*=\s*(?:array\s*\(|\[)([^;]{0,4000}?)[\])]\s*;", re.I)
_PAIR = lazyre.pattern(r"'(\w+)'\s*=>\s*'([^'\\\n]*)'(?=\s*[,)\]])")
_ENTRY_ASSIGN = lazyre.pattern(r"(\$\w+)\s*\[\s*'(\w+)'\s*\]\s*=\s*'([^'\\\n]*)'\s*;")
_ENTRY_USE = lazyre.pattern(r"(\$\w+)\s*\[\s*'(\w+)'\s*\](?!\s*[.+-]?=(?!=))")
_NAMED_VAR = lazyre.pattern(r"\$'(\w+)'")
# ${'name'}, and ${name} called or indexed: the variable $name. A bare ${name} elsewhere is left alone: it is
# also how JavaScript template literals interpolate (`Hello ${name}`), which PHP backticks would run.
_DYN_VAR = lazyre.pattern(r"""\$\{\s*(?:(['"])(\w+)\1|(\w+)(?=\s*\}\s*[(\[]))\s*\}""")
_PRINTABLE = lazyre.pattern(rb"[^\x09\x0a\x0d\x20-\x7e]")


def _chr(match) -> str:
    raw = match.group(1).lower()
    value = int(raw, 16) if raw.startswith("0x") else int(raw)
    char = chr(value & 0xFF)
    return "'%s'" % ("\\'" if char == "'" else char)


def _plain_dq(match) -> str:
    token = match.group(0)
    if token[0] == '"' and _DQ_PLAIN.match(token):
        return "'%s'" % token[1:-1]
    return token


def _join(text: str, dq: bool = False) -> str:
    """'ev' . "al" -> 'eval' (with ``dq``, plain double-quoted literals become single-quoted first).

    Folding only ever writes single-quoted literals, so the double-quoted ones are converted once, first.
    """
    if dq and '"' in text:
        text = _STRING_TOKEN.sub(_plain_dq, text)
    if "('" in text or "( '" in text:
        text = _unwrap_literals(text)
    for rx in _CONCATS:
        text = rx.sub("", text)
    return text


def _unwrap_literals(text: str) -> str:
    """_PAREN_LIT.sub(r"\\1", text): each match starts at the blanks before its bracket (or at the bracket), where
    the character before is not a name's, a "$", "]", ")" (a call or an index) nor a blank."""
    out = []
    last = 0
    for quote in _PAREN_QUOTE.finditer(text):
        match = _PAREN_LIT_AT.match(text, quote.start())
        if not match:
            continue
        start = quote.start()
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start < last:
            continue  # inside the last match (its literal holds the bracket): the pattern is never tried there
        before = text[start - 1] if start else ""
        if before and (before.isalnum() or before in "_$])"):
            continue
        out.append(text[last:start])
        out.append(match.group(1))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


# Operands of an XOR of two string literals: at most 64 characters each. As written (before escapes are expanded in
# the text: an escape can stand for a quote, a $ or a line break, which would end or break the literal once
# expanded), and after (no escapes left to read).
_XOR_ESCAPED_OPERAND = lazyre.pattern(r"""'(?:[^'\\\n]|\\.){1,64}'|"(?:[^"\\$\n]|\\[^\n]){1,64}\"""")
_XOR_PLAIN_OPERAND = lazyre.pattern(r"""'(?:[^'\\\n]|\\[^'\n]){1,64}'|"[^"\\\n$]{1,64}\"""")
_XOR_GAP = lazyre.pattern(r"\s*\^\s*")
# A caret before a string literal: where two literals combined with ^ (names spelled by XOR) end; a caret inside a
# regular expression ('^[a-z]+$') is not one. Looked for from the caret, which is rare: a pattern starting with either
# quote stops at every string of the file.
_CARET_THEN_QUOTE = lazyre.pattern(r"\^\s*['\"]")


def caret_between_quotes(text: str) -> bool:
    """Whether a quote, blanks, a caret, blanks and a quote follow each other: what two literals joined by ^ need
    (the case of the text does not matter). Looked for from each caret before any literal is read one by one."""
    for match in _CARET_THEN_QUOTE.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before >= 0 and text[before] in "'\"":
            return True
    return False


def _xor_pairs(text: str, operand, value_of) -> str:
    """Each two consecutive string literals joined by ^ replaced with the XOR of their values.

    The literals are read left to right as whole tokens, so a closing quote is never taken for an opening one
    (str_replace('x', '^', 'y') holds no XOR)."""
    if not caret_between_quotes(text):
        return text
    out, last, before = [], 0, None
    for token in _STRING_TOKEN.finditer(text):
        if before is not None and _XOR_GAP.fullmatch(text, before.end(), token.start()) \
                and operand.fullmatch(before.group()) and operand.fullmatch(token.group()):
            value = "".join(chr(ord(a) ^ ord(b)) for a, b in zip(value_of(before.group()), value_of(token.group())))
            out.append(text[last:before.start()])
            out.append("'%s'" % value.replace("\\", "").replace("'", ""))  # quotes dropped: evidence only
            last, before = token.end(), None
            continue
        before = token
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _xor_literals(text: str) -> str:
    """'(:' ^ 'I[' -> the XOR of the two literals (how some shells spell assert or _POST)."""
    return _xor_pairs(text, _XOR_PLAIN_OPERAND, lambda token: token[1:-1])


def _literal_value(token: str) -> str:
    body = token[1:-1]
    return phpeval._sq_value(body) if token[0] == "'" else phpeval._unescape(body)  # pylint: disable=protected-access


def _xor_escaped_literals(text: str) -> str:
    """'X+H=' ^ "\\x3b\\x59..." -> the XOR of the two literals' values (a name hidden with escaped bytes)."""
    return _xor_pairs(text, _XOR_ESCAPED_OPERAND, _literal_value)


def _pack(match) -> str:
    numbers = re.findall(r"0x[0-9a-fA-F]+|\d+", match.group(1))
    values = [int(v, 16) if v.lower().startswith("0x") else int(v) for v in numbers]
    return "'%s'" % "".join(chr(v & 0xFF) for v in values).replace("'", "").replace("\\", "")


def _call(match) -> str:
    """Evaluate a string function of literals (the tricks shells use to spell a name)."""
    func, args = match.group(1).lower(), _ARG_LIT.findall(match.group(2))
    vals = [a or b for a, b in args]
    try:
        if func == "str_replace" and len(vals) == 3:
            out = vals[2].replace(vals[0], vals[1])
        elif func == "strrev" and len(vals) == 1:
            out = vals[0][::-1]
        elif func == "str_rot13" and len(vals) == 1:
            out = codecs.decode(vals[0], "rot13")
        elif func == "base64_decode" and len(vals) == 1:
            out = base64.b64decode(vals[0] + "=" * (-len(vals[0]) % 4)).decode("latin-1")
        elif func in ("implode", "join") and vals:
            first_is_glue = match.group(2).lstrip().startswith(("'", '"'))
            out = vals[0].join(vals[1:]) if first_is_glue else "".join(vals)
        elif func in ("strtolower", "strtoupper", "trim", "ucfirst") and len(vals) == 1:
            out = vals[0].lower() if func != "strtoupper" else vals[0].upper()
        else:
            return match.group(0)
    except (ValueError, binascii.Error):
        return match.group(0)
    return "'%s'" % out.replace("'", "")


def _fold_variables(text: str) -> str:
    """Put the literal of variables assigned exactly once where they are used.

    A loop over one literal (``foreach (array('_POST') as $v)``) binds its variable like an assignment.
    """
    assigned = {}
    for match in _ASSIGN.finditer(text):
        assigned.setdefault(match.group(1), []).append(match.group(3))
    if "foreach" in text:
        for match in _FOREACH_ONE.finditer(text):
            assigned.setdefault(match.group(3), []).append(match.group(2))
    single = {name: vals[0] for name, vals in assigned.items() if len(vals) == 1 and len(vals[0]) <= 4096}
    if not single or len(single) > 300:
        return text

    def put(match):
        value = single.get(match.group(0))
        if value is None:
            return match.group(0)
        start, end = match.span()
        if text[start - 1:start] == '"' and text[end:end + 1] == '"':
            return value.replace('"', "")  # "$v" is the value itself (issue 14): array_map("$f", ...)
        return "'%s'" % value.replace("'", "")

    text = _VAR_USE.sub(put, text)
    # $$v with $v bound to '_POST' has become $'_POST': the variable it names.
    return _NAMED_VAR.sub(r"$\1", text) if "$'" in text else text


def _fold_lists(text: str) -> str:
    """Put a list of literals assigned to a variable once (and never changed) where implode()/join() reads it."""
    if not _JOIN_OF_VARIABLE.search(text):
        return text
    lists = {}
    for assigned in _LIST_ASSIGN.finditer(text):
        lists.setdefault(assigned.group(1), []).append(assigned.group(2))

    def put(match):
        name = match.group(3)
        values = lists.get(name)
        # Set once, and nothing else assigned to it or to an element of it ($p[] = 'x'; $p[0] = 'y').
        if not values or len(values) > 1 or len(re.findall(_ASSIGNED_TO % re.escape(name), text)) > 1:
            return match.group(0)
        return "%s(%s[%s])" % (match.group(1), match.group(2) or "", values[0])

    return _JOIN_OF_VARIABLE.sub(put, text)


def _fold_tables(text: str) -> str:
    """Put the literal of table entries set exactly once where they are read: a packer's index table
    ($GLOBALS = array('c' => 'call_user_func', ...); $GLOBALS['c'](...)), or $t['k'] = 'assert'; ... $t['k'](...)."""
    entries = {}
    for match in _TABLE.finditer(text):
        for pair in _PAIR.finditer(match.group(2)):
            entries.setdefault((match.group(1), pair.group(1)), []).append(pair.group(2))
    for match in _ENTRY_ASSIGN.finditer(text):
        entries.setdefault((match.group(1), match.group(2)), []).append(match.group(3))
    single = {key: vals[0] for key, vals in entries.items() if len(vals) == 1 and len(vals[0]) <= 4096}
    if not single or len(single) > 300:
        return text

    def put(match):
        value = single.get((match.group(1), match.group(2)))
        return match.group(0) if value is None else "'%s'" % value.replace("'", "")

    return _ENTRY_USE.sub(put, text)


def _sub_at(rx, text: str, literals, repl) -> str:
    """``rx.sub(repl, text)`` for a pattern whose matches are never empty and each start with one of ``literals``:
    tried only where one stands (a pattern starting with an optional quote is otherwise tried at every position)."""
    out, last = [], 0
    for match in other.matches_at(rx, text, literals):
        out.append(text[last:match.start()])
        out.append(repl(match))
        last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _fold(text: str) -> str:
    settled = [None]  # the last text _join() left as it was: joining it again cannot change it

    def join(text):
        if text == settled[0]:
            return text
        joined = _join(text)
        if joined == text:
            settled[0] = text
        return joined

    for _round in range(3):
        before = text
        text = join(text)
        if "=>" in text or "']=" in text or "'] =" in text:
            text = _fold_tables(text)
        if "^" in text:
            text = _xor_literals(text)
        low = text.lower()
        if ("implode" in low or "join" in low) and ("[" in text or "array" in low):
            text = _fold_lists(text)
        if "call_user_func" in low:
            text = _CALL_BY_NAME.sub(r"\2(", text)
        if "chr" in low:
            text = _CHR.sub(_chr, text)
        if "pack" in low:
            text = _PACK.sub(_pack, text)
        for name, rx in _FUNC_LIT.items():
            if name in low:
                text = _sub_at(rx, text, ("'" + name, name), _call)
        text = join(_fold_variables(join(text)))
        text = _DYN_VAR.sub(lambda m: "$" + (m.group(2) or m.group(3)), text)
        if text == before:
            break
    return text


def _strip_line_comments(text: str) -> str:
    """_LINE_COMMENT.sub("", text): each line that starts with // or # (after blanks) emptied, its break kept."""
    first = _LINE_COMMENT.match(text)
    if first:
        text = text[first.end():]
    return _LATER_LINE_COMMENT.sub("\n", text)


# A string built piece by piece, one statement per piece ($z .= 'UEQ5'; $z .= 'd2FI'; ... thousands of times, a
# payload split so that no line is long): the pieces joined into one literal, the string PHP ends up with.
_APPENDS = lazyre.pattern(r"(\$\w+)\s*\.=\s*(['\"])[^'\"\\$\n]*\2\s*;(?:\s*\1\s*\.=\s*\2[^'\"\\$\n]*\2\s*;)+")
_APPEND_PIECE = lazyre.pattern(r"\.=\s*['\"]([^'\"\\$\n]*)['\"]")


def _joined_pieces(match) -> str:
    quote = match.group(2)
    return "%s .= %s%s%s;" % (match.group(1), quote, "".join(_APPEND_PIECE.findall(match.group())), quote)


def _join_appends(text: str) -> str:
    return _APPENDS.sub(_joined_pieces, text)


def normalise(text: str, fold: bool = True) -> str:
    """Comments out, concatenations joined, escapes and chr() codes turned into text."""
    text = _BLOCK_COMMENT.sub("", text)
    text = _strip_line_comments(text)
    if "^" in text and "\\" in text:
        text = _xor_escaped_literals(text)
    text = phpstrings.unescape_short_forms(text)  # hook (issue 14): PHP's short escapes (\62, \xa)
    if "\\x" in text or "\\X" in text:
        text = _HEX.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "\\" in text:
        text = _OCT.sub(lambda m: chr(int(m.group(1), 8) & 0xFF), text)
    if "chr" in text or "CHR" in text or "Chr" in text:
        text = _CHR.sub(_chr, text)
    if ".=" in text:
        text = _join_appends(text)
    text = _join(text, dq=True)
    if fold and len(text) < MAX_FOLD:
        text = _fold(text)
    return text


def _mostly_text(data: bytes) -> bool:
    if len(data) < 8:
        return False
    return len(_PRINTABLE.findall(data[:4096])) <= len(data[:4096]) // 20


def _unpack(data: bytes):
    """Text inside ``data``: as is, or after raw deflate, zlib or gzip."""
    if _mostly_text(data):
        return data
    for wbits in (-15, 15, 31):
        try:
            out = zlib.decompressobj(wbits).decompress(data, MAX_DECODED)
        except zlib.error:
            continue
        if _mostly_text(out):
            return out
    return None


def _b64_layers(text: str):
    matches = _B64.finditer(text)
    if "(" in text:
        matches = itertools.chain(matches, _BARE_B64.finditer(text))
    for match in matches:
        raw = match.group(1).replace("\\n", "").replace("\\r", "").replace("\\", "")
        raw = re.sub(r"\s+", "", raw)
        raw += "=" * (-len(raw) % 4)
        try:
            data = base64.b64decode(raw)
        except (binascii.Error, ValueError):
            continue
        out = _unpack(data)
        if out is not None:
            yield out.decode("latin-1")


def _hex_layers(text: str):
    for match in _HEXLIT.finditer(text):
        out = _unpack(binascii.unhexlify(match.group(1)))
        if out is not None:
            yield out.decode("latin-1")


def _literal_layers(text: str, low: str):
    """Literals run through str_rot13 / strrev when the file uses them."""
    rot = "str_rot13" in low
    rev = "strrev" in low
    if not (rot or rev):
        return
    for match in _LIT.finditer(text):
        lit = match.group(1) or match.group(2)
        if rot:
            yield codecs.decode(lit, "rot13")
        if rev:
            yield lit[::-1]


def layers(text: str):
    """The normalised text followed by the decoded layers (each depth's findings joined; bounded)."""
    out, size = decoded_layers(text)
    return out + recovered_layer(text, size)


def decoded_layers(text: str):
    """(the normalised text and the layers decoded from it, their total size): layers() without partial evaluation,
    so a caller can score these first and skip the costlier evaluation once the verdict cannot change."""
    out = [normalise(text)]
    frontier = out[0]
    total = len(frontier)
    for _depth in range(MAX_LAYERS):
        found = []
        for decoded in _chain(frontier, frontier.lower()):
            if total + len(decoded) > MAX_DECODED:
                break
            total += len(decoded)
            found.append(decoded)
        if not found:
            break
        frontier = normalise("\n".join(found))
        out.append(frontier)
    return out, total


def recovered_layer(text: str, size: int):
    """[what partial evaluation recovers from ``text``, normalised] or [] (``size``: the layers decoded so far)."""
    # --- phpeval hook (issue 14): what partial evaluation recovers (user decoders, constants, arithmetic
    # in names) is one more layer; gated and bounded inside phpeval.recover, "" when nothing is worth it.
    recovered = phpeval.recover(text)
    if recovered and size + len(recovered) <= MAX_DECODED:
        return [normalise(recovered)]
    # --- end of phpeval hook
    return []


def _chain(layer, low):
    yield from _b64_layers(layer)
    if "hex2bin" in low or "pack" in low:
        yield from _hex_layers(layer)
    yield from _literal_layers(layer, low)
    yield from phpstrings.percent_layers(layer, low)  # hook (issue 14): urldecode('%3C%3Fphp...')
