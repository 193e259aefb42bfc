# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded partial evaluation of PHP string expressions, to recover what regex folding cannot.

Shells spell the names and code they run through arithmetic inside names ('base'.(32*2).'_de'.'code'),
define()d constants, comments between pieces, string functions of literals and user-defined decoder
functions (a loop of chr/ord over a literal with a key). This module tokenises PHP, parses it into a
small expression/statement tree and evaluates only what is constant: literals, a whitelist of pure
string and number functions, constants, variables holding constants, and calls of the file's own
functions on constant arguments. Nothing is executed: there is no I/O, no include, no callback into
PHP; every evaluation runs under step, size, nesting and time budgets and gives up quietly.

``recover(text)`` returns the recovered text to score as one more layer: each statement where a
computed value was put in place (a decoded name or string, a call through a variable resolved to the
name it calls), and the code handed to eval/assert/create_function, itself partially evaluated.
It returns "" when cheap gates say the file neither hides names nor runs anything worth it.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import hashlib
import math
import re
import time
import zlib
from urllib.parse import unquote, unquote_to_bytes

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre

MAX_TEXT = 2 << 20
MAX_TOKENS = 80000
MAX_STRING = 1 << 20
# Budgets grow with the text (a decoder loops over its literal) up to a cap: steps and CPU seconds.
MAX_STEPS = 1500000
STEPS_PER_CHAR = 40
MAX_STEPS_CAP = 8000000
MAX_SECONDS = 1.0
SECONDS_PER_MB = 16.0
MAX_SECONDS_CAP = 3.0
MAX_NEST = 120
# A user function is run on string arguments up to this size: a decoder looping over a larger literal would spend
# the whole time budget without finishing (each iteration costs microseconds here).
MAX_ARGUMENT = 200000
MAX_CALL_DEPTH = 24
MAX_CODE_DEPTH = 2
MAX_OUTPUT = 2 << 20

_TOKEN = lazyre.pattern(r"""
 (?P<ws>\s+)
|(?P<comment>/\*.*?(?:\*/|\Z)|(?://|\#)[^\n?]*(?:\?(?!>)[^\n?]*)*)
|(?P<close>\?>)
|(?P<sq>'[^'\\]*(?:\\.[^'\\]*)*')
|(?P<dq>"[^"\\]*(?:\\.[^"\\]*)*")
|(?P<bt>`[^`]*`)
|(?P<num>0[xX][0-9a-fA-F]+|0[bB][01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
|(?P<var>\$[A-Za-z_\x80-\xff][\w\x80-\xff]*)
|(?P<name>\\?[A-Za-z_\x80-\xff][\w\x80-\xff]*(?:\\[A-Za-z_\x80-\xff][\w\x80-\xff]*)*)
|(?P<op>===|!==|<<=|>>=|\*\*=|\?\?=|\.\.\.|\*\*|\.=|\+=|-=|\*=|/=|%=|\^=|\|=|&=|==|!=|<>|<=|>=|&&|\|\|
   |\+\+|--|=>|->|::|<<|>>|\?\?
   |[-+*/%.^&|~!=<>?:;,(){}\[\]@$])
|(?P<other>.)
""", re.S | re.X)
# Heredoc and nowdoc: each unterminated one scans to the end of the text, so only the first few are read as such.
_HEREDOC = lazyre.pattern(r"""<<<[ \t]*(['"]?)([A-Za-z_]\w*)\1\r?\n(.*?)\r?\n[ \t]*\2\b""", re.S)
MAX_HEREDOCS = 20
_OPEN_TAG = lazyre.pattern(r"<\?(?:php\b|=)?", re.I)
_DQ_ESCAPE = lazyre.pattern(r"\\(?:x([0-9a-fA-F]{1,2})|([0-7]{1,3})|u\{([0-9a-fA-F]{1,6})\}|(.))", re.S)
_DQ_VAR = lazyre.pattern(r"\$[A-Za-z_\x80-\xff]|\{\$")
_DQ_PIECE = lazyre.pattern(r"\\.|\{\$([A-Za-z_]\w*)(\})?|\$([A-Za-z_]\w*)(?:\[(-?\d+|[A-Za-z_]\w*)\])?(->)?", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "f": "\f", "e": "\x1b", "\\": "\\", "$": "$", '"': '"'}
_CASTS = {"int": "int", "integer": "int", "string": "string", "float": "float", "double": "float", "bool": "bool",
          "boolean": "bool", "array": "array", "binary": "string"}
_ASSIGN_OPS = {"=", ".=", "+=", "-=", "*=", "/=", "%=", "^=", "|=", "&=", "<<=", ">>=", "**=", "??="}
# Binding powers (PHP 8 precedence); ** is right-associative.
_BINARY = {"or": 1, "xor": 2, "and": 3, "??": 6, "||": 7, "&&": 8, "|": 9, "^": 10, "&": 11, "==": 12, "!=": 12,
           "===": 12, "!==": 12, "<>": 12, "<": 13, "<=": 13, ">": 13, ">=": 13, ".": 14, "<<": 15, ">>": 15,
           "+": 16, "-": 16, "*": 17, "/": 17, "%": 17, "instanceof": 18, "**": 21}
_SINKS = ("eval", "assert", "create_function")
# Cheap gates: a small program (few statements: an obfuscated loader, not an application) that runs code or
# calls through a name, and hides a name or a string in a way regex folding cannot undo.
MAX_GATE_STATEMENTS = 300
_GATE_EXEC_WORDS = ("eval", "assert", "create_function")
_GATE_CHAR_WORDS = ("chr(", "ord(", "64_decode")
_GATE_DECODER_WORDS = ("function", "for(", "for (", "while")
_GATE_JOINED_COMMENT = ("./*", ". /*", "*/.", "*/ .", "$/*")
# Array set functions picking keys or values out of decoy arrays: a way to spell a name no literal holds.
_GATE_ARRAY_PICK_WORDS = ("array_intersect", "array_diff", "array_flip", "array_combine")
_GATE_VAR_CALL = lazyre.pattern(r"\$\w+\s*(?:\[[^\]\n]{1,40}\]\s*)?(?:/\*.{0,200}?\*/\s*)?\(", re.S)
_GATE_COMMENT_JOIN = lazyre.pattern(r"['\"]\s*\.\s*/\*|\*/\s*\.\s*['\"$]|\$\s*/\*")
_GATE_ARITH = lazyre.pattern(r"\(\s*\d+\s*[-+*/%^]\s*\d+\s*\)\s*\.|\.\s*\(\s*\d+\s*[-+*/%^]\s*\d+\s*\)")
# Numbers joined as strings, "(1).(0.1)": characters picked from printed numbers ("10.1", "1.0E-5", "INF").
_GATE_NUMBER_JOIN = lazyre.pattern(r"\(\s*-?[\d.]+\s*\)\s*\.\s*\(\s*-?[\d.]")
# eval/assert given a string built with a call of a function defined in the same file: eval("eva" . part() . "x']);")
# with part() returning the rest of the code in pieces.
_GATE_EVAL_ARGS = lazyre.pattern(r"(?:eval(?<![\w$>:]eval)|assert(?<![\w$>:]assert))\s*\(([^;]{1,300})")
_GATE_CALLED_NAME = lazyre.pattern(r"(?<![\w$>:\\])([a-z_]\w*)\s*\(")
_GATE_DEFINED_NAME = lazyre.pattern(r"function\s+&?\s*([a-z_]\w*)\s*\(")
# Code (a call, a variable, a tag) or an address code is fetched from.
_CODE_LIKE = lazyre.pattern(r"[A-Za-z_]\w*\s*\(|\$[A-Za-z_]|<\?|\b(?:https?|ftp|php|data)://", re.I)
_IDENTIFIER = lazyre.pattern(r"[A-Za-z_]\w{2,80}")
# Names that run code or commands or take a callback: a string spelling one of them is worth scoring.
_WATCHED_NAMES = frozenset((
    "eval", "assert", "create_function", "system", "exec", "shell_exec", "passthru", "popen", "proc_open",
    "pcntl_exec", "call_user_func", "call_user_func_array", "array_map", "array_filter", "array_walk", "usort",
    "uasort", "uksort", "register_shutdown_function", "preg_replace", "preg_replace_callback", "file_put_contents",
    "fwrite", "fputs", "file_get_contents", "fopen", "include", "require", "move_uploaded_file", "curl_exec",
    "fsockopen", "mail", "unserialize", "ob_start", "iterator_apply"))
_COMMENT_MARK = lazyre.pattern(r"/\*|//|#")


class _Unknown:
    __slots__ = ()

    def __repr__(self):
        return "UNKNOWN"


UNKNOWN = _Unknown()


class _GiveUp(Exception):
    """A budget is spent or the input cannot be parsed: stop with what was recovered so far."""


class _TooDeep(_GiveUp):
    """Nesting beyond MAX_NEST: hostile or broken input, not worth recovering from."""


class _Abort(Exception):
    """A concrete call met something unknown or unsupported: its result is unknown."""


class _Buffer:
    """A string built by repeated ``$s .= ...``: joined when read, so a loop stays linear."""

    __slots__ = ("parts", "size")

    def __init__(self, first):
        self.parts = [first]
        self.size = len(first)

    def add(self, piece):
        self.size += len(piece)
        if self.size > MAX_STRING:
            raise _Abort()
        self.parts.append(piece)


class Node:
    """One tree node: kind, up to three operands, source span and nesting depth."""

    __slots__ = ("k", "a", "b", "c", "s", "e")

    def __init__(self, k, a=None, b=None, c=None, s=0, e=0):
        self.k, self.a, self.b, self.c, self.s, self.e = k, a, b, c, s, e


# ---------------------------------------------------------------------------------------------------------------
# Tokens


def _dq_value(body):
    """A double-quoted or heredoc body: its text; a tuple of text and ("var", name) / ("idx", name, key) parts when it
    interpolates simple variables ("$k", "{$k}", "$a[0]"); UNKNOWN for other interpolation."""
    if "$" not in body or not _DQ_VAR.search(body):
        return _unescape(body)
    parts = []
    last = 0
    for match in _DQ_PIECE.finditer(body):
        braced, closed, name, key, arrow = match.groups()
        if match.group().startswith("\\"):
            continue
        if (braced is not None and closed is None) or arrow:
            return UNKNOWN
        parts.append(_unescape(body[last:match.start()]))
        if braced is not None:
            parts.append(("var", "$" + braced))
        elif key is None:
            parts.append(("var", "$" + name))
        else:
            parts.append(("idx", "$" + name, int(key) if key.lstrip("-").isdigit() else key))
        last = match.end()
    parts.append(_unescape(body[last:]))
    return tuple(parts)


def _unescape(body):
    """The escapes of a double-quoted string turned into the characters they stand for."""
    if "\\" not in body:
        return body

    def esc(match):
        hexa, octal, uni, char = match.groups()
        if hexa:
            return chr(int(hexa, 16))
        if octal:
            return chr(int(octal, 8) & 0xFF)
        if uni:
            return chr(int(uni, 16)).encode("utf-8", "replace").decode("latin-1") if int(uni, 16) < 0x110000 else ""
        return _SIMPLE_ESCAPES.get(char, "\\" + char)

    return _DQ_ESCAPE.sub(esc, body)


def _sq_value(body):
    return body.replace("\\\\", "\x00").replace("\\'", "'").replace("\x00", "\\") if "\\" in body else body


def tokenize(text, limit=MAX_TOKENS):
    """PHP tokens (kind, value, start, end) of the code inside PHP tags, at most ``limit`` (then the end of the text);
    a close tag ends a statement."""
    toks = []
    pos = 0
    in_php = _OPEN_TAG.search(text) is None  # a decoded eval() string has no tag: all code
    end = len(text)
    heredocs = 0
    while pos < end:
        if not in_php:
            match = _OPEN_TAG.search(text, pos)
            if not match:
                break
            pos = match.end()
            in_php = True
            continue
        match = None
        if text.startswith("<<<", pos) and heredocs < MAX_HEREDOCS:
            heredocs += 1
            match = _HEREDOC.match(text, pos)
        kind = "heredoc" if match else None
        if not match:
            match = _TOKEN.match(text, pos)
            kind = match.lastgroup
        start, pos = match.start(), match.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "close":
            toks.append(("op", ";", start, pos))
            in_php = False
            continue
        if kind == "sq":
            value = _sq_value(match.group()[1:-1])
            kind = "str"
        elif kind == "dq":
            value = _dq_value(match.group()[1:-1])
            kind = "str"
        elif kind == "heredoc":
            body = match.group(3)
            value = body if match.group(1) == "'" else _dq_value(body)
            kind = "str"
        elif kind == "bt":
            value = UNKNOWN
            kind = "str"
        else:
            value = match.group()
        toks.append((kind, value, start, pos))
        if len(toks) >= limit:
            break
    toks.append(("eof", "", end, end))
    return toks


# ---------------------------------------------------------------------------------------------------------------
# Parser


class _TokenCursor:
    """A cursor over the tokens: look, take, skip balanced brackets and statements."""

    def __init__(self, toks):
        self.toks = toks
        self.i = 0
        self.nest = 0
        self.functions = {}

    # helpers
    def peek(self, offset=0):
        return self.toks[min(self.i + offset, len(self.toks) - 1)]

    def is_op(self, value, offset=0):
        tok = self.peek(offset)
        return tok[0] == "op" and tok[1] == value

    def is_name(self, value, offset=0):
        tok = self.peek(offset)
        return tok[0] == "name" and tok[1].lower() == value

    def take(self):
        tok = self.toks[self.i]
        if tok[0] != "eof":
            self.i += 1
        return tok

    def expect(self, value):
        if not self.is_op(value):
            raise _GiveUp()
        return self.take()

    def last_end(self):
        return self.toks[self.i - 1][3] if self.i else 0

    def deeper(self):
        self.nest += 1
        if self.nest > MAX_NEST:
            raise _TooDeep()

    def skip_balanced(self):
        """Skip one balanced (...), [...] or {...} group starting at the current token."""
        pairs = {"(": ")", "[": "]", "{": "}"}
        stack = []
        while True:
            tok = self.take()
            if tok[0] == "eof":
                return
            if tok[0] == "op" and tok[1] in pairs:
                stack.append(pairs[tok[1]])
            elif tok[0] == "op" and stack and tok[1] == stack[-1]:
                stack.pop()
                if not stack:
                    return
            if not stack:
                return

    def skip_statement(self):
        while True:
            tok = self.peek()
            if tok[0] == "eof":
                return
            if tok[0] == "op" and tok[1] in ("(", "[", "{"):
                self.skip_balanced()
                if tok[1] == "{" and self.peek()[0] != "op":
                    return
                continue
            if tok[0] == "op" and tok[1] == "}":
                return  # the end of the enclosing block
            self.take()
            if tok[0] == "op" and tok[1] == ";":
                return


class _StatementParserMixin:
    """Statements: blocks, control flow, function and class definitions (expressions come from _Parser)."""

    # statements
    def program(self):
        out = []
        while self.peek()[0] != "eof":
            out.append(self.statement())
        return out

    def block(self):
        """A { ... } block, a single statement, or the alternative syntax up to its end keyword."""
        if self.is_op("{"):
            self.take()
            out = []
            while not self.is_op("}") and self.peek()[0] != "eof":
                out.append(self.statement())
            self.take()
            return out
        if self.is_op(":"):
            self.take()
            out = []
            while self.peek()[0] != "eof" and not (self.peek()[0] == "name" and self.peek()[1].lower() in (
                    "endif", "endwhile", "endfor", "endforeach", "else", "elseif", "endswitch")):
                out.append(self.statement())
            if self.peek()[0] == "name" and self.peek()[1].lower().startswith("end"):
                self.take()
                if self.is_op(";"):
                    self.take()
            return out
        return [self.statement()]

    def paren_expr(self):
        self.expect("(")
        node = self.expr()
        self.expect(")")
        return node

    def statement(self):
        """One statement; one that cannot be parsed is skipped (to its ";" or block) and read as nothing."""
        self.deeper()
        first = self.i
        try:
            return self._statement()
        except _TooDeep:
            raise
        except _GiveUp:
            self.i = first
            self.skip_statement()
            if self.i == first:
                self.take()
            return Node("nop")
        finally:
            self.nest -= 1

    def _statement(self):  # pylint: disable=too-many-return-statements,too-many-branches
        tok = self.peek()
        start = tok[2]
        if tok[0] == "op" and tok[1] == ";":
            self.take()
            return Node("nop")
        if tok[0] == "op" and tok[1] == "{":
            return Node("block", self.block())
        if tok[0] == "name":
            word = tok[1].lower()
            if word == "function" and self.peek(1)[0] == "name" or word == "function" and self.is_op("&", 1):
                return self.function_def()
            if word in ("abstract", "final", "class", "trait", "interface") and self.class_ahead():
                return self.class_def()
            if word == "if":
                self.take()
                branches = [(self.paren_expr(), self.block())]
                other = None
                while True:
                    if self.is_name("elseif"):
                        self.take()
                        branches.append((self.paren_expr(), self.block()))
                    elif self.is_name("else") and self.is_name("if", 1):
                        self.take()
                        self.take()
                        branches.append((self.paren_expr(), self.block()))
                    elif self.is_name("else"):
                        self.take()
                        other = self.block()
                        break
                    else:
                        break
                if self.is_name("endif"):
                    self.take()
                    if self.is_op(";"):
                        self.take()
                return Node("if", branches, other)
            if word == "while":
                self.take()
                cond = self.paren_expr()
                return Node("while", cond, self.block())
            if word == "do":
                self.take()
                body = self.block()
                if not self.is_name("while"):
                    raise _GiveUp()
                self.take()
                cond = self.paren_expr()
                if self.is_op(";"):
                    self.take()
                return Node("dowhile", cond, body)
            if word == "for":
                self.take()
                self.expect("(")
                parts = []
                for closer in (";", ";", ")"):
                    exprs = []
                    while not self.is_op(closer):
                        exprs.append(self.expr())
                        if self.is_op(","):
                            self.take()
                        elif not self.is_op(closer):
                            raise _GiveUp()
                    self.take()
                    parts.append(exprs)
                return Node("for", parts, self.block())
            if word == "foreach":
                self.take()
                self.expect("(")
                subject = self.expr()
                if not self.is_name("as"):
                    raise _GiveUp()
                self.take()
                key, value = None, self.expr()
                if self.is_op("=>"):
                    self.take()
                    key, value = value, self.expr()
                self.expect(")")
                return Node("foreach", subject, (key, value), self.block())
            if word in ("return", "echo", "print", "throw"):
                self.take()
                value = None if self.is_op(";") else self.expr()
                values = [value]
                while word == "echo" and self.is_op(","):
                    self.take()
                    values.append(self.expr())
                self.end_statement()
                kind = "return" if word == "return" else "echo"
                return Node(kind, value if kind == "return" else values, s=start, e=self.last_end())
            if word in ("break", "continue"):
                self.take()
                if self.peek()[0] == "num":
                    self.take()
                self.end_statement()
                return Node(word)
            if word == "const" and self.peek(1)[0] == "name":
                self.take()
                items = []
                while True:
                    name = self.take()[1]
                    self.expect("=")
                    items.append((name, self.expr()))
                    if not self.is_op(","):
                        break
                    self.take()
                self.end_statement()
                return Node("const", items)
            if word in ("namespace", "use", "global", "static", "declare", "goto", "switch", "try", "unset",
                        "public", "private", "protected", "var"):
                self.skip_statement()
                return Node("opaque" if word in ("global", "static", "switch", "try") else "nop")
        node = self.expr()
        self.end_statement()
        return Node("expr", node, s=start, e=self.last_end())

    def end_statement(self):
        if self.is_op(";"):
            self.take()
        elif not (self.is_op("}") or self.peek()[0] == "eof"):
            raise _GiveUp()

    def class_ahead(self):
        for offset in range(3):
            if self.is_name("class", offset) or self.is_name("trait", offset) or self.is_name("interface", offset):
                return True
        return False

    def params(self):
        self.expect("(")
        out = []
        while not self.is_op(")"):
            by_ref = False
            while self.peek()[0] == "name" or self.is_op("?") or self.is_op("|"):
                self.take()  # type hints and modifiers
            if self.is_op("&"):
                self.take()
                by_ref = True
            if self.is_op("..."):
                raise _GiveUp()
            tok = self.take()
            if tok[0] != "var":
                raise _GiveUp()
            default = None
            if self.is_op("="):
                self.take()
                default = self.expr()
            out.append((tok[1], default, by_ref))
            if self.is_op(","):
                self.take()
        self.take()
        if self.is_op(":"):
            self.take()
            while self.peek()[0] == "name" or self.is_op("?") or self.is_op("|"):
                self.take()
        return out

    def function_def(self):
        self.take()
        if self.is_op("&"):
            self.take()
        name = self.take()[1]
        params = self.params()
        body = self.block()
        node = Node("func", name, params, body)
        self.functions.setdefault(name.lower(), node)
        return node

    def class_def(self):
        while not self.is_op("{"):
            if self.peek()[0] == "eof":
                raise _GiveUp()
            self.take()
        self.take()
        methods = []
        while not self.is_op("}") and self.peek()[0] != "eof":
            if self.is_name("function"):
                self.take()
                if self.is_op("&"):
                    self.take()
                self.take()
                params = self.params()
                if self.is_op("{"):
                    methods.append(Node("func", "", params, self.block()))
                else:
                    self.skip_statement()
            else:
                self.skip_statement()
        self.take()
        return Node("class", methods)


class _Parser(_StatementParserMixin, _TokenCursor):
    """Expressions by precedence climbing, on top of the statement rules and the token cursor."""

    # expressions
    def expr(self, min_bp=0):
        self.deeper()
        try:
            return self._expr(min_bp)
        finally:
            self.nest -= 1

    def _expr(self, min_bp):  # pylint: disable=too-many-branches
        start = self.peek()[2]
        left = self.prefix()
        while True:
            tok = self.peek()
            op = tok[1].lower() if tok[0] in ("op", "name") else None
            if op is None:
                break
            if tok[0] == "op" and op in _ASSIGN_OPS and left.k in ("var", "idx", "prop", "push"):
                self.take()
                if op == "=" and self.is_op("&"):
                    self.take()
                value = self.expr(4)
                left = Node("assign", op, left, value, s=start, e=self.last_end())
                continue
            if op == "?" and min_bp <= 5:
                self.take()
                middle = None if self.is_op(":") else self.expr(0)
                self.expect(":")
                other = self.expr(6)
                left = Node("tern", left, middle, other, s=start, e=self.last_end())
                continue
            if op in ("++", "--") and tok[0] == "op" and left.k in ("var", "idx", "prop"):
                self.take()
                left = Node("post", op, left, s=start, e=self.last_end())
                continue
            if tok[0] == "op" and op in ("(", "[", "{", "->", "::"):
                # A brace after other expressions opens a block, except around a number: "(...){4}" is an offset
                # (a block "{ 4 }" is no PHP).
                if op == "{" and left.k not in ("var", "idx") \
                        and not (self.peek(1)[0] == "num" and self.is_op("}", 2)):
                    break
                left = self.postfix(left, start)
                continue
            bp = _BINARY.get(op)
            if bp is None or bp < min_bp or (tok[0] == "name" and op not in ("or", "xor", "and", "instanceof")):
                break
            self.take()
            if op == "instanceof":
                self.prefix()
                left = Node("unknown", s=start, e=self.last_end())
                continue
            right = self.expr(bp if op == "**" else bp + 1)
            if op == "." and left.k == "concat" and left.s == start:
                left.a.append(right)
                left.e = self.last_end()
            elif op == ".":
                left = Node("concat", [left, right], s=start, e=self.last_end())
            else:
                left = Node("bin", op, left, right, s=start, e=self.last_end())
        return left

    def args(self):
        self.expect("(")
        out = []
        while not self.is_op(")"):
            if self.is_op("..."):
                self.take()
                if self.is_op(")"):
                    break
                out.append(Node("unknown", self.expr()))
            else:
                if self.peek()[0] == "name" and self.is_op(":", 1) and not self.is_op("::", 1):
                    raise _GiveUp()  # named arguments: not evaluated
                out.append(self.expr())
            if self.is_op(","):
                self.take()
            elif not self.is_op(")"):
                raise _GiveUp()
        self.take()
        return out

    def postfix(self, left, start):
        op = self.peek()[1]
        if op == "(":
            args = self.args()
            return Node("call", left, args, s=start, e=self.last_end())
        if op in ("[", "{"):
            self.take()
            closer = "]" if op == "[" else "}"
            if self.is_op(closer):
                self.take()
                return Node("push", left, s=start, e=self.last_end())
            key = self.expr()
            self.expect(closer)
            return Node("idx", left, key, s=start, e=self.last_end())
        self.take()  # -> or ::
        tok = self.take()
        if tok[0] == "name":
            name = tok[1]
        elif tok[0] == "var" and op == "::":
            name = tok[1]
        else:
            if tok[0] == "op" and tok[1] == "{":
                self.i -= 1
                self.skip_balanced()
            name = None
        if op == "->" and left.k == "var" and name is not None and not self.is_op("("):
            return Node("var", left.a + "->" + name, s=start, e=self.last_end())
        if self.is_op("("):
            self.args()
        return Node("unknown", s=start, e=self.last_end())

    def prefix(self):  # pylint: disable=too-many-return-statements,too-many-branches
        tok = self.take()
        kind, value, start = tok[0], tok[1], tok[2]
        if kind == "str" and isinstance(value, tuple):
            # Interpolation: a join of its pieces (the pieces have no span of their own to be replaced).
            pieces = []
            for part in value:
                if isinstance(part, str):
                    pieces.append(Node("lit", part))
                elif part[0] == "var":
                    pieces.append(Node("var", part[1]))
                else:
                    pieces.append(Node("idx", Node("var", part[1]), Node("lit", part[2])))
            return Node("concat", pieces, s=start, e=tok[3])
        if kind == "str":
            return Node("lit", value, s=start, e=tok[3])
        if kind == "num":
            return Node("lit", _number(value), s=start, e=tok[3])
        if kind == "var":
            return Node("var", value, s=start, e=tok[3])
        if kind == "op":
            if value == "(":
                if self.peek()[0] == "name" and self.peek()[1].lower() in _CASTS and self.is_op(")", 1):
                    cast = _CASTS[self.take()[1].lower()]
                    self.take()
                    return Node("cast", cast, self.expr(20), s=start, e=self.last_end())
                inner = self.expr()
                self.expect(")")
                return Node("paren", inner, s=start, e=self.last_end())
            if value == "[":
                return self.array_items("]", start)
            if value in ("-", "+", "!", "~", "@", "&"):
                operand = self.expr(19 if value == "!" else 20)
                if value in ("@", "&"):
                    return operand
                return Node("un", value, operand, s=start, e=self.last_end())
            if value in ("++", "--"):
                target = self.expr(20)
                return Node("pre", value, target, s=start, e=self.last_end())
            if value == "$":
                if self.is_op("{"):
                    self.take()
                    inner = self.expr()
                    self.expect("}")
                else:
                    inner = self.prefix()
                return Node("varvar", inner, s=start, e=self.last_end())
            raise _GiveUp()
        if kind == "name":
            word = value.lower().lstrip("\\")
            if word in ("true", "false", "null"):
                return Node("lit", {"true": True, "false": False, "null": None}[word], s=start, e=tok[3])
            if word == "array" and self.is_op("("):
                self.take()
                return self.array_items(")", start)
            if word in ("isset", "empty") and self.is_op("("):
                args = self.args()
                return Node(word, args, s=start, e=self.last_end())
            closure = self.is_op("(") or self.is_op("&") or self.is_name("function") or self.is_name("fn")
            if word in ("function", "fn", "static") and closure:
                while not (self.is_op("{") or self.is_op("=>")) and self.peek()[0] != "eof":
                    if self.is_op("("):
                        self.skip_balanced()
                    else:
                        self.take()
                if self.is_op("=>"):
                    self.take()
                    self.expr(4)
                else:
                    self.skip_balanced()
                return Node("unknown", s=start, e=self.last_end())
            if word == "new":
                if self.is_name("class"):
                    self.take()
                if self.is_op("("):
                    self.skip_balanced()
                else:
                    self.prefix_name_only()
                if self.is_op("("):
                    self.args()
                if self.is_op("{"):
                    self.skip_balanced()
                return Node("unknown", s=start, e=self.last_end())
            if word in ("print", "include", "include_once", "require", "require_once", "clone", "yield", "throw"):
                self.expr(4)
                return Node("unknown", s=start, e=self.last_end())
            if word in ("list", "exit", "die") and self.is_op("("):
                self.skip_balanced()
                return Node("unknown", s=start, e=self.last_end())
            if word in ("exit", "die"):
                return Node("unknown", s=start, e=tok[3])
            if self.is_op("("):
                return Node("name", value.lstrip("\\"), s=start, e=tok[3])
            if self.is_op("::"):
                return Node("unknown", s=start, e=tok[3])
            return Node("const", value.lstrip("\\"), s=start, e=tok[3])
        raise _GiveUp()

    def prefix_name_only(self):
        tok = self.take()
        if tok[0] == "var":
            while self.is_op("->") or self.is_op("::"):
                self.take()
                self.take()
        elif tok[0] != "name":
            raise _GiveUp()

    def array_items(self, closer, start):
        items = []
        while not self.is_op(closer):
            if self.is_op(","):
                self.take()
                continue
            if self.is_op("..."):
                self.take()
            value = self.expr()
            key = None
            if self.is_op("=>"):
                self.take()
                key, value = value, self.expr()
            items.append((key, value))
            if self.is_op(","):
                self.take()
            elif not self.is_op(closer):
                raise _GiveUp()
        self.take()
        return Node("array", items, s=start, e=self.last_end())


_BINARY_BYTES = lazyre.pattern(r"[^\x09\x0a\x0d\x20-\x7e\x80-\xff]")


def _mostly_text(value):
    """Text rather than compressed or encrypted bytes (only text is worth putting back into the code)."""
    head = value[:4096]
    return len(_BINARY_BYTES.findall(head)) * 20 <= len(head)


def _number(text):
    low = text.lower()
    if low.startswith("0x"):
        return int(low, 16)
    if low.startswith("0b"):
        return int(low, 2)
    if "." in low or "e" in low:
        return float(low)
    if len(low) > 1 and low.startswith("0") and low.isdigit():
        try:
            return int(low, 8)
        except ValueError:
            return 0
    return int(low)


# ---------------------------------------------------------------------------------------------------------------
# PHP value semantics (the part string obfuscation needs)


_NUMERIC_PREFIX = lazyre.pattern(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def to_str(value):
    if isinstance(value, str):
        return value
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_str(value)
    if isinstance(value, dict):
        return "Array"
    raise _Abort()


def _float_str(value):
    """A float as PHP prints it (precision 14): 0.00001 is "1.0E-5", 1e25 "1.0E+25", overflow "INF" (strings
    built by concatenating numbers and picking their characters depend on it)."""
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if math.isnan(value):
        return "NAN"
    text = "%.14G" % value
    mantissa, _e, exponent = text.partition("E")
    if not exponent:
        return text
    if "." not in mantissa:
        mantissa += ".0"
    return "%sE%s%d" % (mantissa, exponent[0], abs(int(exponent)))


def to_num(value):
    # type() on purpose, here and below: bool is a subclass of int, and PHP's booleans take the general path
    if type(value) is int:  # pylint: disable=unidiomatic-typecheck
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return 0
    if isinstance(value, str):
        match = _NUMERIC_PREFIX.match(value)
        if not match:
            return 0
        text = match.group().strip()
        if any(c in text for c in ".eE"):
            return float(text)
        return int(text)
    raise _Abort()


def to_int(value):
    if type(value) is int:  # pylint: disable=unidiomatic-typecheck
        return value
    num = to_num(value)
    if isinstance(num, float):
        if math.isnan(num) or abs(num) > 9.2e18:
            return 0
        return int(num)
    return num


def to_bool(value):
    if value is True or value is False:  # a comparison's result (a loop's condition): bool() below gives it back
        return value
    if isinstance(value, str):
        return value not in ("", "0")
    if isinstance(value, dict):
        return bool(value)
    if value is UNKNOWN:
        raise _Abort()
    return bool(value)


def _wrap64(value):
    value &= 0xFFFFFFFFFFFFFFFF
    return value - (1 << 64) if value >> 63 else value


def _is_numeric(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    if isinstance(value, str):
        match = _NUMERIC_PREFIX.match(value)
        return bool(match) and match.end() == len(value.rstrip())
    return False


def _loose_equal(left, right):
    if isinstance(left, str) and isinstance(right, str):
        if _is_numeric(left) and _is_numeric(right):
            return to_num(left) == to_num(right)
        return left == right
    if isinstance(left, bool) or isinstance(right, bool) or left is None or right is None:
        return to_bool(left) == to_bool(right)
    if isinstance(left, dict) or isinstance(right, dict):
        return left == right
    if isinstance(left, str) and not _is_numeric(left) or isinstance(right, str) and not _is_numeric(right):
        return to_str(left) == to_str(right)
    return to_num(left) == to_num(right)


def _compare(left, right):
    if isinstance(left, str) and isinstance(right, str) and not (_is_numeric(left) and _is_numeric(right)):
        return (left > right) - (left < right)
    a, b = to_num(left), to_num(right)
    return (a > b) - (a < b)


def _bitwise(op, left, right):
    if isinstance(left, str) and isinstance(right, str):
        if op == "|":
            longer, shorter = (left, right) if len(left) >= len(right) else (right, left)
            return "".join(chr(ord(a) | ord(b)) for a, b in zip(longer, shorter)) + longer[len(shorter):]
        fn = (lambda a, b: a ^ b) if op == "^" else (lambda a, b: a & b)
        return "".join(chr(fn(ord(a), ord(b)) & 0xFF) for a, b in zip(left, right))
    a, b = to_int(left), to_int(right)
    return _wrap64(a ^ b if op == "^" else a & b if op == "&" else a | b)


# The comparisons' results from _compare()'s -1, 0 or 1.
_ORDERED = {"<": lambda cmp: cmp < 0, "<=": lambda cmp: cmp <= 0, ">": lambda cmp: cmp > 0, ">=": lambda cmp: cmp >= 0}


def binary(op, left, right):  # pylint: disable=too-many-return-statements,too-many-branches
    """``left op right`` as PHP computes it for scalars; _Abort when it cannot say."""
    if type(left) is int and type(right) is int:  # pylint: disable=unidiomatic-typecheck
        # Two integers (a decoder loop's counter and bound, $i + 1): the general path below gives the same, with
        # fewer tests (to_num() and _compare() give integers back as they are; bool is not int here).
        if op in _ORDERED:
            return _ORDERED[op]((left > right) - (left < right))
        if op in ("+", "-"):
            return _int_or_float(left + right if op == "+" else left - right)
    if op in ("^", "&", "|"):
        return _bitwise(op, left, right)
    if op in ("==", "!=", "<>"):
        return _loose_equal(left, right) == (op == "==")
    if op in ("===", "!=="):
        same = type(left) is type(right) and left == right
        return same == (op == "===")
    if op in ("<", "<=", ">", ">="):
        return _ORDERED[op](_compare(left, right))
    if op in ("<<", ">>"):
        a, b = to_int(left), to_int(right)
        if b < 0 or b > 63:
            return 0 if op == "<<" or a >= 0 else -1
        return _wrap64(a << b) if op == "<<" else a >> b
    if isinstance(left, dict) or isinstance(right, dict):
        raise _Abort()
    a, b = to_num(left), to_num(right)
    if op == "+":
        out = a + b
    elif op == "-":
        out = a - b
    elif op == "*":
        out = a * b
    elif op == "/":
        if b == 0:
            raise _Abort()
        out = a / b
        if isinstance(a, int) and isinstance(b, int) and a % b == 0:
            out = a // b
    elif op == "%":
        a, b = to_int(a), to_int(b)
        if b == 0:
            raise _Abort()
        out = abs(a) % abs(b) * (-1 if a < 0 else 1)
    elif op == "**":
        out = _power(a, b)
    else:
        raise _Abort()
    return _int_or_float(out) if isinstance(out, int) else out


def _int_or_float(value):
    """An integer result as PHP keeps it: beyond 64 bits it becomes a float."""
    return value if -(1 << 63) <= value < (1 << 63) else float(value)


# ---------------------------------------------------------------------------------------------------------------
# Whitelisted functions: pure, bounded, over known values only.


def _power(base, exp):
    """base ** exp as PHP computes it: an integer power too large for 64 bits is a float, INF beyond a float's range
    (999 ** 999 is INF), computed without building the huge integer; a root of a negative number is NAN."""
    if isinstance(exp, int) and exp < 0:
        raise _Abort()
    if isinstance(base, int) and isinstance(exp, int):
        bits = exp * math.log2(abs(base)) if abs(base) > 1 else 0
        if bits < 63:
            return base ** exp
        if bits >= 1024:
            return -math.inf if base < 0 and exp % 2 else math.inf
    try:
        out = float(base) ** exp
    except OverflowError:
        return math.inf
    return math.nan if isinstance(out, complex) else out


def _limit(value):
    if isinstance(value, str) and len(value) > MAX_STRING:
        raise _Abort()
    return value


def _b64(data):
    data = re.sub(r"[^A-Za-z0-9+/]", "", to_str(data))
    data = data[:len(data) - len(data) % 4] if len(data) % 4 == 1 else data + "=" * (-len(data) % 4)
    return base64.b64decode(data).decode("latin-1")


def _inflate(wbits):
    def run(data, *_rest):
        obj = zlib.decompressobj(wbits)
        out = obj.decompress(to_str(data).encode("latin-1"), MAX_STRING + 1)
        return _limit(out.decode("latin-1"))
    return run


def _substr(text, start, length=None):
    text = to_str(text)
    start = to_int(start)
    size = len(text)
    if start < 0:
        start = max(0, size + start)
    if start > size:
        return ""
    if length is None:
        return text[start:]
    length = to_int(length)
    end = start + length if length >= 0 else size + length
    return text[start:max(start, end)]


def _str_replace(search, replace, subject, *_count):
    if isinstance(subject, dict):
        raise _Abort()
    subject = to_str(subject)
    searches = list(search.values()) if isinstance(search, dict) else [search]
    if isinstance(replace, dict):
        replaces = list(replace.values())
    else:
        replaces = [replace] * len(searches)
    for index, item in enumerate(searches):
        item = to_str(item)
        if item:
            subject = _limit(subject.replace(item, to_str(replaces[index]) if index < len(replaces) else ""))
    return subject


def _strtr(text, a, b=None):
    text = to_str(text)
    if b is None:
        if not isinstance(a, dict):
            raise _Abort()
        pairs = sorted(((to_str(k), to_str(v)) for k, v in a.items() if to_str(k)), key=lambda p: -len(p[0]))
        if not pairs:
            return text
        table = dict(pairs)
        pattern = re.compile("|".join(re.escape(k) for k, _v in pairs))
        return _limit(pattern.sub(lambda m: table[m.group()], text))
    a, b = to_str(a), to_str(b)
    size = min(len(a), len(b))
    return text.translate({ord(x): y for x, y in zip(a[:size], b[:size])})


def _implode(glue, pieces=None):
    if pieces is None:
        glue, pieces = "", glue
    if isinstance(glue, dict):
        glue, pieces = pieces, glue
    if not isinstance(pieces, dict):
        raise _Abort()
    return _limit(to_str(glue).join(to_str(v) for v in pieces.values()))


def _explode(sep, text, limit=None):
    sep, text = to_str(sep), to_str(text)
    if not sep or limit is not None:
        raise _Abort()
    return _array(text.split(sep))


def _array(values):
    return dict(enumerate(values))


def _arrays(*values):
    """The arguments of an array function, each an array, or _Abort (PHP warns and returns null)."""
    if not values or not all(isinstance(value, dict) for value in values):
        raise _Abort()
    return values


# PHP's array set functions (keys kept as in the first array; values compared as strings, as PHP does).
def _intersect_key(first, *others):
    first, *others = _arrays(first, *others)
    return {k: v for k, v in first.items() if all(k in other for other in others)}


def _diff_key(first, *others):
    first, *others = _arrays(first, *others)
    return {k: v for k, v in first.items() if not any(k in other for other in others)}


def _intersect(first, *others):
    first, *others = _arrays(first, *others)
    seen = [{to_str(v) for v in other.values()} for other in others]
    return {k: v for k, v in first.items() if all(to_str(v) in values for values in seen)}


def _diff(first, *others):
    first, *others = _arrays(first, *others)
    seen = {to_str(v) for other in others for v in other.values()}
    return {k: v for k, v in first.items() if to_str(v) not in seen}


def _merge(*arrays):
    merged, position = {}, 0
    for array in _arrays(*arrays):
        for k, v in array.items():
            if isinstance(k, int):
                merged[position] = v
                position += 1
            else:
                merged[k] = v
    return merged


def _combine(keys, values):
    keys, values = _arrays(keys, values)
    if len(keys) != len(values):
        raise _Abort()
    return {_key(k): v for k, v in zip(keys.values(), values.values())}


def _unique(array, *_flags):
    (array,) = _arrays(array)
    kept, seen = {}, set()
    for k, v in array.items():
        if to_str(v) not in seen:
            seen.add(to_str(v))
            kept[k] = v
    return kept


def _pack(fmt, *args):
    fmt = to_str(fmt)
    if fmt in ("H*", "h*"):
        data = re.sub(r"[^0-9a-fA-F]", "", to_str(args[0]))
        if fmt == "h*":
            data = "".join(data[i + 1:i + 2] + data[i] for i in range(0, len(data), 2))
        return binascii.unhexlify(data[:len(data) - len(data) % 2]).decode("latin-1")
    if fmt in ("C*", "c*"):
        return "".join(chr(to_int(v) & 0xFF) for v in args)
    if fmt in ("a*", "A*"):
        return to_str(args[0])
    raise _Abort()


_SPRINTF = lazyre.pattern(r"%(?:(\d+)\$)?([-+ 0]|'.)*(\d+)?(?:\.(\d+))?([bcdeEfFosuxX%])")


def _sprintf(fmt, *args):
    fmt = to_str(fmt)
    position = [0]

    def put(match):
        argnum, _flag, width, precision, conv = match.groups()
        if conv == "%":
            return "%"
        if argnum:
            index = int(argnum) - 1
        else:
            index = position[0]
            position[0] += 1
        if index >= len(args):
            raise _Abort()
        value = args[index]
        if conv == "s":
            out = to_str(value)
            if precision:
                out = out[:int(precision)]
        elif conv in "du":
            out = str(to_int(value))
        elif conv == "c":
            out = chr(to_int(value) & 0xFF)
        elif conv in "xX":
            out = format(to_int(value) & 0xFFFFFFFFFFFFFFFF, conv)
        elif conv == "o":
            out = format(to_int(value) & 0xFFFFFFFFFFFFFFFF, "o")
        elif conv == "b":
            out = format(to_int(value) & 0xFFFFFFFFFFFFFFFF, "b")
        else:
            out = "%.*f" % (int(precision or 6), float(to_num(value)))
        if width and len(out) < int(width) <= 4096:
            pad = "0" if match.group(0)[1:].lstrip("0123456789$").startswith("0") or "0" in (_flag or "") else " "
            out = out.rjust(int(width), pad)
        return out

    return _limit(_SPRINTF.sub(put, fmt))


def _str_repeat(text, times):
    text, times = to_str(text), to_int(times)
    if times < 0 or len(text) * times > MAX_STRING:
        raise _Abort()
    return text * times


def _range(low, high, step=1):
    low, high, step = to_int(low), to_int(high), abs(to_int(step)) or 1
    if abs(high - low) // step > 65536:
        raise _Abort()
    return _array(list(range(low, high + 1, step)) if low <= high else list(range(low, high - 1, -step)))


def _str_split(text, size=1):
    text, size = to_str(text), to_int(size)
    if size < 1:
        raise _Abort()
    return _array([text[i:i + size] for i in range(0, len(text), size)] or [""])


def _convert_uudecode(text):
    out = []
    for line in to_str(text).split("\n"):
        if line and line not in ("`",):
            try:
                out.append(binascii.a2b_uu(line.encode("latin-1")).decode("latin-1"))
            except binascii.Error:
                raise _Abort() from None
    return "".join(out)


def _base_convert(text, from_base, to_base):
    from_base, to_base = to_int(from_base), to_int(to_base)
    if not (2 <= from_base <= 36 and 2 <= to_base <= 36):
        raise _Abort()
    digits = "".join(c for c in to_str(text).lower() if c.isalnum() and int(c, 36) < from_base)
    value = int(digits or "0", from_base)
    out = ""
    while value:
        value, rem = divmod(value, to_base)
        out = "0123456789abcdefghijklmnopqrstuvwxyz"[rem] + out
    return out or "0"


def _ord(text):
    text = to_str(text)
    return ord(text[0]) & 0xFF if text else 0


def _intdigits(base):
    def run(text):
        digits = "".join(c for c in to_str(text) if c.isalnum() and int(c, 36) < base)
        return int(digits or "0", base)
    return run


def _key(value):
    """An array key as PHP normalises it: integer-like strings and numbers become ints."""
    if type(value) is int:  # pylint: disable=unidiomatic-typecheck
        return value
    if isinstance(value, str):  # next most common (a character as a table's key); never bool, float or None
        digits = value[1:] if value[:1] == "-" else value
        if digits.isdigit() and digits.isascii() and len(digits) < 19 and (value == "0" or digits[0] != "0"):
            return int(value)
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return int(value)
    if value is None:
        return ""
    raise _Abort()


def _strpos(haystack, needle, offset=0):
    found = to_str(haystack).find(to_str(needle), to_int(offset))
    return False if found < 0 else found


_WS = " \t\n\r\0\x0b"
BUILTINS = {
    "chr": lambda v: chr(to_int(v) % 256),
    "ord": _ord,
    "strrev": lambda s: to_str(s)[::-1],
    "str_rot13": lambda s: codecs.decode(to_str(s), "rot13"),
    "base64_decode": lambda s, *_strict: _b64(s),
    "base64_encode": lambda s: base64.b64encode(to_str(s).encode("latin-1")).decode("ascii"),
    "hex2bin": lambda s: _pack("H*", s),
    "bin2hex": lambda s: binascii.hexlify(to_str(s).encode("latin-1")).decode("ascii"),
    "gzinflate": _inflate(-15),
    "gzuncompress": _inflate(15),
    "gzdecode": _inflate(31),
    "substr": _substr,
    "strlen": lambda s: len(to_str(s)),
    "str_replace": _str_replace,
    "str_ireplace": _str_replace,
    "strtr": _strtr,
    "implode": _implode,
    "join": _implode,
    "explode": _explode,
    "urldecode": lambda s: unquote(to_str(s).replace("+", " "), "latin-1"),
    "rawurldecode": lambda s: unquote_to_bytes(to_str(s)).decode("latin-1"),
    "pack": _pack,
    "sprintf": _sprintf,
    "strtolower": lambda s: to_str(s).lower(),
    "strtoupper": lambda s: to_str(s).upper(),
    "ucfirst": lambda s: to_str(s)[:1].upper() + to_str(s)[1:],
    "lcfirst": lambda s: to_str(s)[:1].lower() + to_str(s)[1:],
    "trim": lambda s, c=_WS: to_str(s).strip(to_str(c)),
    "ltrim": lambda s, c=_WS: to_str(s).lstrip(to_str(c)),
    "rtrim": lambda s, c=_WS: to_str(s).rstrip(to_str(c)),
    "chop": lambda s, c=_WS: to_str(s).rstrip(to_str(c)),
    "str_repeat": _str_repeat,
    "str_split": _str_split,
    "range": _range,
    "count": lambda a, *_mode: len(a) if isinstance(a, dict) else 1,
    "intval": lambda v, *_base: to_int(v),
    "floatval": lambda v: float(to_num(v)),
    "strval": to_str,
    "abs": lambda v: abs(to_num(v)),
    "floor": lambda v: float(int(to_num(v) // 1)),
    "ceil": lambda v: float(-int(-to_num(v) // 1)),
    "hexdec": _intdigits(16),
    "octdec": _intdigits(8),
    "bindec": _intdigits(2),
    "dechex": lambda v: format(to_int(v) & 0xFFFFFFFFFFFFFFFF, "x"),
    "decbin": lambda v: format(to_int(v) & 0xFFFFFFFFFFFFFFFF, "b"),
    "decoct": lambda v: format(to_int(v) & 0xFFFFFFFFFFFFFFFF, "o"),
    "base_convert": _base_convert,
    "is_numeric": _is_numeric,
    "is_string": lambda v: isinstance(v, str),
    "is_array": lambda v: isinstance(v, dict),
    "array_reverse": lambda a, *_keep: _array(list(a.values())[::-1]) if isinstance(a, dict) else None,
    "array_values": lambda a: _array(list(a.values())) if isinstance(a, dict) else None,
    "array_keys": lambda a: _array(list(a.keys())) if isinstance(a, dict) else None,
    "array_flip": lambda a: {_key(v): k for k, v in a.items()} if isinstance(a, dict) else None,
    "array_intersect_key": _intersect_key,
    "array_diff_key": _diff_key,
    "array_intersect": _intersect,
    "array_diff": _diff,
    "array_merge": _merge,
    "array_combine": _combine,
    "array_unique": _unique,
    "str_pad": lambda s, n, p=" ", *_t: to_str(s).ljust(min(to_int(n), MAX_STRING), (to_str(p) or " ")[0]),
    "strpos": _strpos,
    "convert_uudecode": _convert_uudecode,
    "min": lambda *a: min(to_num(v) for v in a),
    "md5": lambda s, *_raw: hashlib.md5(to_str(s).encode("latin-1"), usedforsecurity=False).hexdigest(),
    "sha1": lambda s, *_raw: hashlib.sha1(to_str(s).encode("latin-1"), usedforsecurity=False).hexdigest(),
    "max": lambda *a: max(to_num(v) for v in a),
}


# ---------------------------------------------------------------------------------------------------------------
# Evaluator


# What a whitelisted function or an operator may raise on values PHP would coerce or warn about.
_VALUE_ERRORS = (TypeError, ValueError, IndexError, KeyError, OverflowError, binascii.Error, zlib.error, UnicodeError,
                 ZeroDivisionError, re.error)


class _Return(Exception):
    def __init__(self, value):
        super().__init__()
        self.value = value


class _Loop(Exception):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind


def _assigned_names(nodes, out, depth=0):
    """Names of the variables a statement list may assign (loops and branches make them unknown)."""
    if depth > MAX_NEST * 2:
        raise _GiveUp()
    for node in nodes:
        if isinstance(node, Node):
            if node.k in ("assign", "pre", "post"):
                target = node.b
                while isinstance(target, Node) and target.k in ("idx", "push"):
                    target = target.a
                if isinstance(target, Node) and target.k == "var":
                    out.add(target.a)
                elif isinstance(target, Node) and target.k == "varvar":
                    out.add("*")
            if node.k == "foreach":
                for item in node.b:
                    if isinstance(item, Node) and item.k == "var":
                        out.add(item.a)
            if node.k == "func":
                continue
            _assigned_names([node.a, node.b, node.c], out, depth + 1)
        elif isinstance(node, (list, tuple)):
            _assigned_names(node, out, depth + 1)


class _ValuesMixin:
    """Expression values: UNKNOWN when not constant in a sweep, _Abort inside a concrete call."""

    # expressions: UNKNOWN when not constant (sweep), _Abort inside concrete calls
    def value(self, node, env):
        """``node``'s value: UNKNOWN when not constant in a sweep; _Abort inside a concrete call."""
        self.steps += 1
        if not self.steps & 1023:
            self.check_budget()
        try:
            return self.handlers[node.k](node, env)
        except _Abort:
            if self.call_depth:
                raise
        except _VALUE_ERRORS:
            if self.call_depth:
                raise _Abort() from None
        return UNKNOWN

    def _v_var(self, node, env):
        if self.call_depth:
            # concrete_var() written out: this runs for every variable read of a decoder loop.
            value = env.get(node.a)
            if value is UNKNOWN:
                raise _Abort()
            if isinstance(value, _Buffer):
                value = env[node.a] = "".join(value.parts)
            return value
        value = env.get(node.a, UNKNOWN)
        return value if not isinstance(value, _Buffer) else "".join(value.parts)

    def _v_concat(self, node, env):
        parts = [self.value(part, env) for part in node.a]
        if self.call_depth:
            return _limit("".join(to_str(part) for part in parts))
        if any(part is UNKNOWN for part in parts):
            for part, value in zip(node.a, parts):
                if value is not UNKNOWN and part.k != "lit" and self.derived(part):
                    self.record(part, value)
            return UNKNOWN
        out = _limit("".join(to_str(part) for part in parts))
        if self.derived(node):
            self.record(node, out)
        return out

    def _v_unknown(self, _node, _env):
        return self.unknown()

    def unknown(self):
        if self.call_depth:
            raise _Abort()
        return UNKNOWN

    def concrete_var(self, name, env):
        value = env.get(name)  # an unset local reads as null, as in PHP
        if value is UNKNOWN:
            raise _Abort()
        if isinstance(value, _Buffer):
            value = env[name] = "".join(value.parts)
        return value

    def statement_value(self, node, env):
        """A statement's expression; ``$s .= x`` as a statement appends to a buffer instead of copying $s."""
        if node.k == "assign" and node.a == ".=" and node.b.k == "var":
            name = node.b.a
            old = env.get(name)
            if isinstance(old, _Buffer):
                piece = self.value(node.c, env)
                if piece is not UNKNOWN:
                    old.add(to_str(piece))
                    return
                env[name] = UNKNOWN
                self.unknown()
                return
            if self.call_depth and (old is None or isinstance(old, str)):
                piece = self.value(node.c, env)
                env[name] = _Buffer(old or "")
                env[name].add(to_str(piece))
                return
        self.value(node, env)

    def constant(self, node):
        name = node.a
        if name in self.consts:
            value = self.consts[name]
            if value is UNKNOWN:
                return self.unknown()
            self.record(node, value)
            return value
        if name.islower() and not name.startswith("__"):
            return name  # PHP < 8 reads an undefined constant as its name: shells write assert or base64_decode bare
        return self.unknown()

    def _v_bin(self, node, env):
        op = node.a
        if op in ("&&", "||", "and", "or", "xor", "??"):
            return self.logical(node, env)
        left = self.value(node.b, env)
        right = self.value(node.c, env)
        if left is UNKNOWN or right is UNKNOWN:
            return self.unknown()
        out = _limit(binary(op, left, right))
        if isinstance(out, str):
            self.record(node, out)
        return out

    def _v_un(self, node, env):
        value = self.value(node.b, env)
        if value is UNKNOWN:
            return self.unknown()
        if node.a == "!":
            return not to_bool(value)
        if node.a == "~":
            return "".join(chr(~ord(c) & 0xFF) for c in value) if isinstance(value, str) else _wrap64(~to_int(value))
        num = to_num(value)
        return -num if node.a == "-" else num

    def _v_cast(self, node, env):
        value = self.value(node.b, env)
        if value is UNKNOWN:
            return self.unknown()
        cast = node.a
        if cast == "int":
            return to_int(value)
        if cast == "float":
            return float(to_num(value))
        if cast == "string":
            return to_str(value)
        if cast == "bool":
            return to_bool(value)
        return value if isinstance(value, dict) else {0: value}

    def _v_tern(self, node, env):
        cond = self.value(node.a, env)
        if cond is UNKNOWN:
            if node.b is not None:
                self.value(node.b, env)
            self.value(node.c, env)
            return self.unknown()
        if to_bool(cond):
            return cond if node.b is None else self.value(node.b, env)
        return self.value(node.c, env)

    def _v_idx(self, node, env):
        base = self.value(node.a, env)
        key = self.value(node.b, env)
        if base is UNKNOWN or key is UNKNOWN:
            return self.unknown()
        if isinstance(base, str):
            index = to_int(key)
            if index < 0:
                index += len(base)
            return base[index] if 0 <= index < len(base) else ""
        if isinstance(base, dict):
            key = _key(key)
            if key in base:
                return base[key]
        return self.unknown()

    def _v_varvar(self, node, env):
        name = self.value(node.a, env)
        if isinstance(name, str) and re.fullmatch(r"\w{1,80}", name):
            if self.derived(node.a):
                self.record_name(node, "$" + name)
            return self.value(Node("var", "$" + name), env)
        return self.unknown()

    def _v_isset_empty(self, node, env):
        if len(node.a) == 1 and node.k == "isset":  # isset($t[$k]) in a decoder loop: the general case below, shorter
            result = self.exists(node.a[0], env)
            return self.unknown() if result is UNKNOWN else result is not None
        results = [self.exists(arg, env) for arg in node.a]
        if any(r is UNKNOWN for r in results):
            return self.unknown()
        if node.k == "isset":
            return all(r is not None for r in results)
        return results[0] is None or not to_bool(results[0])

    def _v_array(self, node, env):
        out = {}
        for key_node, value_node in node.a:
            value = self.value(value_node, env)
            key = self.value(key_node, env) if key_node is not None else None
            if value is UNKNOWN or key is UNKNOWN:
                return self.unknown()
            if key_node is None:
                ints = [k for k in out if isinstance(k, int)]
                key = max(ints) + 1 if ints else 0
            out[_key(key)] = value
            if len(out) > 65536:
                raise _Abort()
        return out

    def _v_pre_post(self, node, env):
        target = node.b
        old = self.value(target, env)
        if old is UNKNOWN:
            self.store(target, UNKNOWN, env)
            return self.unknown()
        new = binary("+" if node.a == "++" else "-", old, 1) if not isinstance(old, str) or _is_numeric(old) \
            else None
        if new is None:
            raise _Abort()
        self.store(target, new, env)
        return new if node.k == "pre" else old

    def logical(self, node, env):
        op = node.a
        left = self.value(node.b, env)
        if op == "??":
            if left is not UNKNOWN and left is not None:
                return left
            right = self.value(node.c, env)
            return right if left is None else self.unknown()
        if left is UNKNOWN:
            self.value(node.c, env)
            return self.unknown()
        truth = to_bool(left)
        if op in ("&&", "and") and not truth:
            return False
        if op in ("||", "or") and truth:
            return True
        right = self.value(node.c, env)
        if right is UNKNOWN:
            return self.unknown()
        return truth != to_bool(right) if op == "xor" else to_bool(right)

    def exists(self, node, env):
        """The value isset()/empty() look at: None when absent, UNKNOWN when it cannot be said."""
        if node.k == "var":
            value = env.get(node.a, None if self.call_depth else UNKNOWN)
            return value
        if node.k == "idx":
            base = self.exists(node.a, env)
            key = self.value(node.b, env)
            if base is UNKNOWN or key is UNKNOWN:
                return UNKNOWN
            if isinstance(base, dict):
                return base.get(_key(key))
            if isinstance(base, str):
                index = to_int(key)
                return base[index] if 0 <= index < len(base) else None
            return None
        value = self.value(node, env)
        return value


class _StatementsMixin:
    """Assignments, stores and calls (built-in pure functions and the file's own functions)."""

    def assign(self, node, env):
        op, target, source = node.a, node.b, node.c
        value = self.value(source, env)
        if op != "=" and value is not UNKNOWN:
            old = self.value(target, env)
            if old is UNKNOWN:
                value = UNKNOWN
            elif op == ".=":
                value = _limit(to_str(old) + to_str(value))
            elif op == "??=":
                value = old if old is not None else value
            else:
                value = binary(op[:-1], old, value)
        if target.k == "var" and not self.call_depth:
            if (op == "=" and self.derived(source)) or (op != "=" and target.a in self.derived_vars):
                self.derived_vars.add(target.a)
            else:
                self.derived_vars.discard(target.a)
        self.store(target, value, env)
        if value is UNKNOWN:
            return self.unknown()
        return value

    def store(self, target, value, env):
        if target.k == "var":
            env[target.a] = value
            return
        if target.k in ("idx", "push") and target.a.k == "var":
            self.store_element(target, value, env)
            return
        root = target
        while root.k in ("idx", "push"):
            root = root.a
        if root.k == "var":
            env[root.a] = UNKNOWN
        elif root.k == "varvar" and not self.call_depth:
            env.clear()  # $$name = ...: any variable may have changed
        if self.call_depth:
            raise _Abort()

    def store_element(self, target, value, env):
        """$a[k] = v, $a[] = v, or $s[i] = c on a string."""
        name = target.a.a
        base = env.get(name)  # an array not seen yet starts empty: reading another key stays unknown
        key = self.value(target.b, env) if target.k == "idx" else None
        if base is None or (base == "" and target.k == "push"):
            base = {}
        if base is UNKNOWN or key is UNKNOWN or value is UNKNOWN or not isinstance(base, (dict, str)) \
                or (isinstance(base, str) and key is None):
            env[name] = UNKNOWN
            if self.call_depth:
                raise _Abort()
            return
        if isinstance(base, dict):
            base = dict(base) if self.call_depth == 0 else base
            if key is None:
                ints = [k for k in base if isinstance(k, int)]
                key = max(ints) + 1 if ints else 0
            base[_key(key)] = value
            if len(base) > 65536:
                raise _Abort()
            env[name] = base
            return
        index = to_int(key)
        if index < 0 or index > MAX_STRING:
            raise _Abort()
        char = to_str(value)[:1] or " "
        base = base.ljust(index) if index >= len(base) else base
        env[name] = base[:index] + char + base[index + 1:]

    # calls
    def call(self, node, env):  # pylint: disable=too-many-return-statements,too-many-branches
        callee = node.a
        if callee.k == "name":
            name = callee.a
            if self.call_depth and name in BUILTINS:  # the hot path of a decoder loop
                args = node.b
                # (one argument, strlen($s) in a loop's condition, passed without building a list)
                out = BUILTINS[name](self.value(args[0], env)) if len(args) == 1 else \
                    BUILTINS[name](*[self.value(arg, env) for arg in args])
                if out is None:
                    raise _Abort()
                return _limit(out)
        else:
            name = self.value(callee, env)
            if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][\w\\]{0,80}", name):
                for arg in node.b:
                    self.value(arg, env)
                return self.unknown()
            if self.derived(callee):
                self.record_name(callee, name)
        low = name.lower()
        if low == "define" and len(node.b) >= 2:
            key, value = self.value(node.b[0], env), self.value(node.b[1], env)
            if isinstance(key, str) and not self.call_depth:
                self.define(key, value)
            return self.unknown() if self.call_depth else True
        if low in ("constant",) and len(node.b) == 1:
            key = self.value(node.b[0], env)
            value = self.consts.get(key, UNKNOWN) if isinstance(key, str) else UNKNOWN
            if value is not UNKNOWN:
                self.record(node, value)
                return value
            return self.unknown()
        if low in ("call_user_func", "call_user_func_array") and node.b:
            inner = self.value(node.b[0], env)
            if isinstance(inner, str) and re.fullmatch(r"\w{1,80}", inner):
                if self.derived(node.b[0]):
                    self.record_name(node.b[0], inner)
                rest = node.b[1:]
                if low == "call_user_func_array":
                    if len(rest) != 1 or rest[0].k != "array":
                        return self.unknown()
                    rest = [value for _k, value in rest[0].a]
                return self.invoke(node, inner.lower(), rest, env)
        return self.invoke(node, low, node.b, env)

    def invoke(self, node, low, arg_nodes, env):
        args = [self.value(arg, env) for arg in arg_nodes]
        if low in _SINKS:
            code = args[-1] if args else UNKNOWN
            if isinstance(code, str) and not self.call_depth and len(self.codes) < 32:
                self.codes.append(code)
            return self.unknown()
        if low == "file_get_contents" and self.own_text is not None and len(arg_nodes) == 1 \
                and arg_nodes[0].k == "const" and arg_nodes[0].a.upper() == "__FILE__":
            return self.own_text  # (not recorded: the whole file is no replacement for the call)
        if any(arg is UNKNOWN for arg in args):
            return self.unknown()
        if low in BUILTINS:
            try:
                out = BUILTINS[low](*args)
            except (_Abort,) + _VALUE_ERRORS:
                return self.unknown()
            if out is None:
                return self.unknown()
            out = _limit(out)
            self.record(node, out)
            return out
        func = self.functions.get(low)
        if func is None:
            return self.unknown()
        out = self.run_function(func, args)
        if out is UNKNOWN:
            return self.unknown()
        self.record(node, out)
        return out

    def run_function(self, func, args):
        """A user function on known arguments, interpreted under the shared budget; UNKNOWN if it cannot be."""
        if self.call_depth >= MAX_CALL_DEPTH or any(isinstance(arg, str) and len(arg) > MAX_ARGUMENT for arg in args):
            return self.unknown()
        local = {}
        self.call_depth += 1
        saved = self.current
        try:
            for index, (name, default, by_ref) in enumerate(func.b):
                if by_ref:
                    raise _Abort()
                if index < len(args):
                    local[name] = args[index]
                elif default is not None:
                    local[name] = self.value(default, local)
                else:
                    local[name] = None
            try:
                self.run(func.c, local)
            except _Return as ret:
                return ret.value
            except _Loop:
                raise _Abort() from None
            return None
        except _Abort:
            if self.call_depth > 1:
                raise
            return UNKNOWN
        finally:
            self.call_depth -= 1
            self.current = saved


class Evaluator(_ValuesMixin, _StatementsMixin):
    """Sweeps a file's statements, evaluates what is constant, and records what it recovered."""

    def __init__(self, text, parser, deadline, max_steps=MAX_STEPS):
        self.text = text
        self.own_text = None  # what file_get_contents(__FILE__) gives: see own_program()
        self.functions = parser.functions
        self.consts = {}
        self.steps = 0
        self.deadline = deadline
        self.max_steps = max_steps
        self.call_depth = 0
        self.changes = []  # (start, end, replacement) in the text
        self.statements = []  # spans of the statements that hold a change
        self.codes = []  # code strings handed to eval/assert/create_function
        self.current = None
        self.derived_vars = set()
        self.handlers = {
            "lit": lambda node, _env: node.a,
            "paren": lambda node, env: self.value(node.a, env),
            "var": self._v_var,
            "concat": self._v_concat,
            "const": lambda node, _env: self.constant(node),
            "assign": self.assign,
            "call": self.call,
            "name": self._v_unknown,
            "unknown": self._v_unknown,
            "push": self._v_unknown,
            "bin": self._v_bin,
            "un": self._v_un,
            "cast": self._v_cast,
            "tern": self._v_tern,
            "idx": self._v_idx,
            "varvar": self._v_varvar,
            "isset": self._v_isset_empty,
            "empty": self._v_isset_empty,
            "array": self._v_array,
            "pre": self._v_pre_post,
            "post": self._v_pre_post,
        }

    # budgets
    def tick(self):
        self.steps += 1
        if not self.steps & 1023:
            self.check_budget()

    def check_budget(self):
        if self.steps > self.max_steps or time.process_time() > self.deadline:
            raise _GiveUp()

    # recording (sweep mode only)
    def record(self, node, value):
        """Put a computed string in place of ``node``; the statement is recovered text if the string reveals code or a
        function name (a constant that only held a label or a path changes nothing worth scoring)."""
        if self.call_depth or self.current is None or node.e <= node.s:
            return
        if not (isinstance(value, str) and len(value) <= MAX_STRING and _mostly_text(value)):
            return
        self.changes.append((node.s, node.e, "'%s'" % value.replace("\\", "\\\\").replace("'", "\\'")))
        if _CODE_LIKE.search(value) or (_IDENTIFIER.fullmatch(value) and (
                value.lower() in BUILTINS or value.lower() in _WATCHED_NAMES or value.lower() in self.functions)):
            self.statements.append(self.current)

    def record_name(self, node, name):
        """A call through a variable, constant or expression resolved to the name it calls: always worth scoring."""
        if self.call_depth or self.current is None or node.e <= node.s:
            return
        self.changes.append((node.s, node.e, name))
        self.statements.append(self.current)

    def derived(self, node, depth=0):
        """Whether ``node``'s value is computed (not a literal or a join of literals, which folding sees)."""
        if depth > 40:
            return True
        if node.k == "lit":
            return False
        if node.k == "var":
            return node.a in self.derived_vars
        if node.k == "paren":
            return self.derived(node.a, depth + 1)
        if node.k == "concat":
            # Comments between the pieces hide the join from regex folding as well as a computed piece does.
            return any(self.derived(part, depth + 1) for part in node.a) or any(
                _COMMENT_MARK.search(self.text, left.e, right.s) for left, right in zip(node.a, node.a[1:]))
        return True

    # statements, sweep mode: unknowns are allowed, loops and branches are summarised
    def sweep(self, stmts, env):
        for stmt in stmts:
            self.tick()
            kind = stmt.k
            if kind in ("expr", "return", "echo"):
                self.current = (stmt.s, stmt.e)
                for node in (stmt.a if kind == "echo" else [stmt.a]):
                    if node is not None:
                        self.value(node, env)
                self.current = None
            elif kind == "const":
                for name, node in stmt.a:
                    value = self.value(node, env)
                    self.define(name, value)
            elif kind == "block":
                self.sweep(stmt.a, env)
            elif kind == "if":
                envs = []
                for cond, body in stmt.a:
                    self.current = (cond.s, cond.e)
                    self.value(cond, env)
                    self.current = None
                    branch = dict(env)
                    self.sweep(body, branch)
                    envs.append(branch)
                branch = dict(env)
                self.sweep(stmt.b or [], branch)
                envs.append(branch)
                self.merge(env, envs)
            elif kind in ("while", "dowhile", "for", "foreach"):
                self.sweep_loop(stmt, env)
            elif kind == "func":
                self.sweep(stmt.c, {name: UNKNOWN for name, _d, _r in stmt.b})
            elif kind == "class":
                for method in stmt.a:
                    self.sweep(method.c, {name: UNKNOWN for name, _d, _r in method.b})
            elif kind == "opaque":
                env.clear()

    def merge(self, env, envs):
        names = set()
        for branch in envs:
            names.update(branch)
        for name in names:
            values = [branch.get(name, UNKNOWN) for branch in envs]
            first = values[0]
            env[name] = first if all(v is first or (type(v) is type(first) and v == first) for v in values) else UNKNOWN

    def sweep_loop(self, stmt, env):
        names = set()
        _assigned_names([stmt], names)
        if "*" not in names and self.run_known_loop(stmt, env, names):
            return
        if "*" in names:
            env.clear()
        for name in names:
            env[name] = UNKNOWN
        if stmt.k == "for":
            for node in stmt.a[0]:
                self.value(node, env)
            for name in names:
                env[name] = UNKNOWN
        for node in stmt.a[1] + stmt.a[2] if stmt.k == "for" else [stmt.a]:
            self.value(node, env)
        self.sweep(stmt.c if stmt.k == "foreach" else stmt.b, env)
        for name in names:
            env[name] = UNKNOWN

    def run_known_loop(self, stmt, env, names):
        """Run a loop outside any function when everything it reads is known (a decoder loop over a literal at the top
        of the file) under a share of the step budget; False, with the variables as they were, when it cannot."""
        saved = {name: dict(value) if isinstance(value, dict) else value for name, value in env.items()}
        saved_max = self.max_steps
        self.max_steps = min(saved_max, self.steps + max(0, saved_max - self.steps) // 2)
        self.call_depth += 1
        try:
            self.run_loop(stmt, env)
        except _GiveUp:
            if time.process_time() > self.deadline:
                raise
            ran = False
        except (_Abort, _Loop, _Return) + _VALUE_ERRORS:
            ran = False
        else:
            ran = True
        finally:
            self.call_depth -= 1
            self.max_steps = saved_max
        if not ran:
            env.clear()
            env.update(saved)
            return False
        for name, value in env.items():
            if isinstance(value, _Buffer):
                env[name] = "".join(value.parts)
        self.derived_vars.update(names)
        return True

    def define(self, name, value):
        if name in self.consts and self.consts[name] != value:
            self.consts[name] = UNKNOWN
        else:
            self.consts[name] = value

    def run(self, stmts, env):  # pylint: disable=too-many-branches
        """Concrete statements inside a user function: every value must be known."""
        for stmt in stmts:
            self.steps += 1  # tick() written out: this runs for every statement of a decoder loop
            if not self.steps & 1023:
                self.check_budget()
            kind = stmt.k
            if kind == "expr":
                self.statement_value(stmt.a, env)
            elif kind == "return":
                raise _Return(None if stmt.a is None else self.value(stmt.a, env))
            elif kind == "echo" or kind == "nop":
                continue
            elif kind == "block":
                self.run(stmt.a, env)
            elif kind == "if":
                for cond, body in stmt.a:
                    if to_bool(self.value(cond, env)):
                        self.run(body, env)
                        break
                else:
                    self.run(stmt.b or [], env)
            elif kind in ("break", "continue"):
                raise _Loop(kind)
            elif kind in ("while", "dowhile", "for", "foreach"):
                self.run_loop(stmt, env)
            else:
                raise _Abort()

    def run_loop(self, stmt, env):
        if stmt.k == "foreach":
            subject = self.value(stmt.a, env)
            if not isinstance(subject, dict):
                raise _Abort()
            key_node, value_node = stmt.b
            for key, value in list(subject.items()):
                if key_node is not None:
                    self.store(key_node, key, env)
                self.store(value_node, value, env)
                if self.loop_body(stmt.c, env):
                    break
            return
        if stmt.k == "for":
            for node in stmt.a[0]:
                self.value(node, env)
        first = stmt.k == "dowhile"
        conds = stmt.a[1] if stmt.k == "for" else [stmt.a]
        while True:
            if not first:
                result = True  # (no condition: run on)
                for node in conds:
                    result = self.value(node, env)
                if conds and not to_bool(result):
                    break
            first = False
            if self.loop_body(stmt.b, env):
                break
            if stmt.k == "for":
                for node in stmt.a[2]:
                    self.value(node, env)

    def loop_body(self, body, env):
        """Run one iteration; True when it breaks out."""
        try:
            self.run(body, env)
        except _Loop as loop:
            return loop.kind == "break"
        return False

    # the recovered text
    def residual(self):
        out = []
        changes = sorted(self.changes, key=lambda c: (c[0], -c[1]))
        for start, end in sorted(set(self.statements)):
            pieces = []
            pos = start
            for c_start, c_end, replacement in changes:
                if c_start < pos or c_end > end or c_start < start:
                    continue
                pieces.append(self.text[pos:c_start])
                pieces.append(replacement)
                pos = c_end
            pieces.append(self.text[pos:end])
            out.append("".join(pieces))
        return out


def worth_it(text):
    """Cheap gates: a small program that runs code or calls through a name, and hides names in ways folding cannot
    undo (its own decoder function, define()d constants, comments between pieces, arithmetic inside a name)."""
    if len(text) > MAX_TEXT or text.count(";") > MAX_GATE_STATEMENTS:
        return False
    low = text.lower()
    var_call = None
    if not any(word in low for word in _GATE_EXEC_WORDS):
        var_call = "$" in low and _GATE_VAR_CALL.search(low) is not None
        if not var_call:
            return False
    if any(mark in low for mark in _GATE_JOINED_COMMENT) and _GATE_COMMENT_JOIN.search(low):
        return True
    if _GATE_ARITH.search(low) or _GATE_NUMBER_JOIN.search(low):
        return True
    if ("define" in low or "$globals" in low) and (var_call or (var_call is None and _GATE_VAR_CALL.search(low))):
        return True
    if any(word in low for word in _GATE_ARRAY_PICK_WORDS):
        if var_call is None:
            var_call = _GATE_VAR_CALL.search(low) is not None
        if var_call:
            return True
    # The file's own decoder: a function or a loop working on characters (chr/ord) or on base64.
    if any(word in low for word in _GATE_CHAR_WORDS) and any(word in low for word in _GATE_DECODER_WORDS):
        return True
    return "function" in low and _evals_own_function(low)


def _evals_own_function(low):
    """Whether an eval/assert argument calls a function this text defines."""
    called = {name for args in _GATE_EVAL_ARGS.finditer(low) for name in _GATE_CALLED_NAME.findall(args.group(1))}
    return bool(called) and not called.isdisjoint(_GATE_DEFINED_NAME.findall(low))


def _swept(text, deadline=None, own_text=None, toks=None):
    """The Evaluator after sweeping ``text`` (``own_text``: what the file reads of itself), or None if it does not
    parse."""
    if deadline is None:
        deadline = time.process_time() + min(MAX_SECONDS_CAP, MAX_SECONDS + SECONDS_PER_MB * len(text) / (1 << 20))
    max_steps = min(MAX_STEPS_CAP, MAX_STEPS + STEPS_PER_CHAR * len(text))
    try:
        parser = _Parser(toks or tokenize(text))
        program = parser.program()
    except (_GiveUp, RecursionError) + _VALUE_ERRORS:
        return None
    evaluator = Evaluator(text, parser, deadline, max_steps)
    evaluator.own_text = own_text
    try:
        evaluator.sweep(program, {})
    except (_GiveUp, RecursionError, _Abort, _Return, _Loop) + _VALUE_ERRORS:
        pass
    return evaluator


def evaluate(text, deadline=None, depth=0):
    """The recovered statements and the code strings handed to eval/assert/create_function (lists)."""
    if deadline is None:
        deadline = time.process_time() + min(MAX_SECONDS_CAP, MAX_SECONDS + SECONDS_PER_MB * len(text) / (1 << 20))
    evaluator = _swept(text, deadline)
    if evaluator is None:
        return [], []
    statements = evaluator.residual()
    codes = []
    for code in evaluator.codes:
        codes.append(code)
        if depth < MAX_CODE_DEPTH and worth_it(code):
            more, inner = evaluate(code, deadline, depth + 1)
            statements.extend(more)
            codes.extend(inner)
    return statements, codes


# A file that runs a part of itself: it reads its own text (file_get_contents(__FILE__)), cuts a payload out of a
# comment and evaluates it decoded. Commercial encoders ship whole applications so (CmsEasy); a backdoor may too, and
# then the program it runs is what tells. Its loader is a few statements and takes nothing from the request.
MAX_LOADER_TOKENS = 400
_REQUEST_VARIABLES = ("$_get", "$_post", "$_request", "$_cookie", "$_files", "$_server", "$_env", "$http_")


def own_program(text, low=None):
    """The one program a file evaluates after reading and decoding a part of its own text, when the partial evaluator
    recovers it whole and the loader around it is small and reads no request input; else None. ``low``: the text
    lower-cased, where the caller has it.

    An encoder counts offsets in the file as it wrote it: where line ends were turned into LF (a git checkout, an
    upload in text mode), the file is also tried with CRLF line ends."""
    low = text.lower() if low is None else low
    if len(text) > MAX_TEXT or "__file__" not in low or "file_get_contents" not in low or "eval" not in low:
        return None
    try:
        toks = tokenize(text, MAX_LOADER_TOKENS + 1)
    except (_GiveUp, RecursionError) + _VALUE_ERRORS:
        return None
    if len(toks) > MAX_LOADER_TOKENS or any(
            kind == "var" and value.lower().startswith(_REQUEST_VARIABLES) for kind, value, _s, _e in toks):
        return None
    owns = [text] if "\r\n" in text or "\n" not in text else [text, text.replace("\n", "\r\n")]
    for own in owns:
        evaluator = _swept(text, own_text=own, toks=toks)
        codes = evaluator.codes if evaluator is not None else []
        if len(codes) == 1 and codes[0].strip() and _mostly_text(codes[0]):
            return codes[0]
    return None


def recover(text):
    """Recovered text to score as one more layer, or "" (gated; bounded; never executes anything)."""
    if not worth_it(text):
        return ""
    statements, codes = evaluate(text)
    out = "\n".join(statements + codes)
    return out[:MAX_OUTPUT]
