# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Weighted evidence for web shells written as CGI scripts: Perl, Python and POSIX shell.

Same idea as other.py: request input (CGI.pm's param(), QUERY_STRING, the body read from STDIN, cgi-lib's
%in, cgi.FieldStorage ...) followed through variables, hashes filled from it and local functions to a
command (system, backticks, a pipe open, os.popen, subprocess, eval of a shell line) or to code
(eval/exec of a string) is the strong evidence. Reverse and bind shells, a shell process fed from the
page, a command form and cd emulation add up. A form mailer that reads its fields and pipes a message to
sendmail with fixed arguments reaches no command with input, so it stays quiet.
"""

from __future__ import annotations

import os
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre

SHELLS = ("sh", "bash", "dash", "ash", "ksh", "zsh", "busybox")
# A script's language from its extension when it has no #! line (.cgi is guessed from the content).
EXT_LANG = {".pl": "perl", ".pm": "perl", ".py": "python", ".sh": "shell", ".bash": "shell"}
MAX_TAINTED = 60
MAX_ASSIGNMENTS = 4000  # assignments looked at per round: a shell's flows are short, a large module is not one
ROUNDS = 4
ARG_CHARS = 300
WORD_AT = 2  # a command word starts its line, after at most a quote and a blank


def interpreter(head: bytes) -> str | None:
    """perl | python | shell named by a ``#!`` first line (``/usr/bin/env perl -w``, ``C:\\perl\\bin\\perl.exe``)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not head.startswith(b"#!"):
        return None
    words = head[2:head.find(b"\n") if b"\n" in head else 200].decode("latin-1").strip().lower().split()
    if words and os.path.basename(words[0].replace("\\", "/")) == "env":
        words = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    if not words:
        return None
    name = os.path.basename(words[0].replace("\\", "/"))
    if name.endswith(".exe"):
        name = name[:-4]
    name = name.rstrip("0123456789.")
    if name == "perl":
        return "perl"
    if name == "python":
        return "python"
    if name in SHELLS:
        return "shell"
    return None


def language(rel: str, head: bytes) -> str:
    """The script's language: its #! line first, then the extension, then the content of a .cgi."""
    lang = interpreter(head)
    if lang:
        return lang
    ext = os.path.splitext(rel.lower())[1]
    if ext in EXT_LANG:
        return EXT_LANG[ext]
    low = head.lower()
    if re.search(rb"^\s*(?:import|from)\s+\w+|^\s*def\s+\w+\s*\(", low, re.M) and b"$" not in low[:2000]:
        return "python"
    if re.search(rb"\$env\s*\{|\bmy\s+[$@%]|\buse\s+(?:strict|cgi)\b|\bsub\s+\w+\s*\{", low):
        return "perl"
    if re.search(rb"\$\{?query_string\b|^\s*(?:echo|fi|esac|then)\b", low, re.M):
        return "shell"
    return "perl"


# ---------------------------------------------------------------------------------------------------------------
# Per language: what request input looks like, how a value is assigned, how a name is referred to, the sinks.

# A request header the client chose; HTTP_PROXY and friends are also the proxy settings of command-line tools.
_HEADER = r"http_(?!(?:proxy|host|ftp_proxy|https_proxy|no_proxy)\b)\w+"
# Perl: CGI.pm (param, url_param, cookie, Vars), %ENV of the request, cgi-lib's ReadParse.
_PERL_SOURCE = (r"(?:->|&|(?<![\w$@%]))(?:param|url_param|multi_param|param_fetch|cookie|vars|query_string|raw_cookie)\s*\("
                r"|\$env\s*\{\s*['\"]?(?:query_string|path_info|request_uri|" + _HEADER + r")\b")
_PERL_ASSIGN = lazyre.pattern(r"(?:\b(?:my|our|local)\s*)?(\(\s*[$@%][\w:]+[^()=;\n]{0,120}\)|[$@%]\w+"
                              r"(?:\s*\{[^{}\n]{0,60}\}|\s*\[[^\[\]\n]{0,40}\])?)\s*(?:\.|\|\||//)?=(?![=~>])\s*")
_PERL_LHS = lazyre.pattern(r"([$@%])(\w+)(\s*[\[{])?")
_PERL_FOREACH = lazyre.pattern(r"\bfor(?:each)?\s*(?:my\s+)?\$(\w+)\s*\(")
_PERL_READ = lazyre.pattern(r"\b(?:sys)?read\s*\(\s*\*?stdin\s*,\s*\\?\$(\w+)")
_PERL_SUB = lazyre.pattern(r"\bsub\s+(\w+)\s*(?:\([^)]{0,40}\)\s*)?\{")
_NOT_CALLS = frozenset(("if", "unless", "while", "for", "foreach", "my", "print", "return", "open", "close", "eval",
                        "system", "exec", "defined", "split", "join", "push", "def", "and", "or", "not", "in"))

# Python: cgi.FieldStorage and its accessors, the request's environment, the body, frameworks' request objects.
_PY_SOURCE = (r"fieldstorage\s*\("
              r"|(?:environ\s*(?:\.get\s*\(|\[)|getenv\s*\()\s*['\"](?:query_string|path_info|request_uri|" + _HEADER + ")"
              r"|parse_qsl?\s*\(|\brequest\.(?:args|form|values|data|cookies|headers|get_json|json|files)\b")
_PY_ASSIGN = lazyre.pattern(r"(?:^|[\n;])[ \t]*((?:[a-z_]\w*(?:\s*\[[^\]\n]{0,60}\])?\s*,\s*)*[a-z_]\w*"
                            r"(?:\s*\[[^\]\n]{0,60}\])?)\s*(?:[+]|)=(?!=)\s*")
_PY_LHS = lazyre.pattern(r"([a-z_]\w*)")
_PY_FOR = lazyre.pattern(r"\bfor\s+([a-z_]\w*(?:\s*,\s*[a-z_]\w*)*)\s+in\s+")
_PY_DEF = lazyre.pattern(r"\bdef\s+(\w+)\s*\(")

# Shell: the CGI environment; the body is read from stdin when the script knows its length.
_SH_SOURCE = r"\$\{?(?:query_string|path_info|request_uri|" + _HEADER + r")\b"
_SH_ASSIGN = lazyre.pattern(r"(?:^|[;&|({]|\bthen|\bdo|\belse|\bexport|\blocal|\breadonly)[ \t]*([a-z_]\w*)=(?!=)", re.M)
_SH_READ = lazyre.pattern(r"\bread\s+(?:-[a-z]+\s+(?:['\"]?\$\{?\w+\}?['\"]?\s+|\d+\s+)?)*([a-z_]\w*(?:\s+[a-z_]\w*)*)")

# Sinks: (signal, weight, literals the text must hold, pattern ending where the argument starts).
_PERL_SINKS = (
    ("input_to_command", 12, ("system", "exec"), r"(?<![\w>$@%&:.-])(?:system|exec)\b\s*\(?"),
    ("input_to_command", 12, ("`",), r"`"),
    ("input_to_command", 12, ("qx",), r"(?<![\w$@%])qx\s*[^\w\s]"),
    ("input_to_command", 12, ("open",), r"(?<![\w>$@%&:.-])open[23]?\s*\(?\s*(?:my\s+)?[\w$:*\\]+\s*,\s*(?=[^;]{0,200}\|)"),
    ("input_to_command", 12, ("open3", "open2"), r"\bopen[23]\s*\("),
    ("input_to_code", 12, ("eval",), r"(?<![\w>$@%&:.-])eval\b\s*(?!\s*\{)\(?"),
)
_PY_SINKS = (
    ("input_to_command", 12, ("os.", "subprocess", "popen", "commands", "pty"),
     r"\bos\.(?:system|popen\w*|exec\w*|spawn\w*)\s*\(|\bsubprocess\.\w+\s*\(|\bcommands\.get\w+\s*\(|\bpty\.spawn\s*\("
     r"|(?<![\w.])(?:popen|check_output|check_call|getoutput|getstatusoutput)\s*\("),
    ("input_to_code", 12, ("exec", "eval", "compile"), r"(?<![\w.])(?:exec|eval|execfile|compile)\s*\(|^[ \t]*exec\s+"),
)
_SH_SINKS = (
    ("input_to_command", 12, ("eval",), r"(?<![\w$.-])eval\s+"),
    # The input is the command word itself: at a line start, after then/do/else/exec, or in $( ) and backticks.
    ("input_is_command_word", 12, ("$",), r"^[ \t]*(?:(?:then|do|else|exec|\{)[ \t]+)?(?=['\"]?\$)|\$\(\s*(?=['\"]?\$)|`\s*(?=['\"]?\$)"),
    ("input_to_command", 12, ("-c",), r"\b(?:ba|da|k|z)?sh\s+-c\s+"),
    ("input_to_command", 12, ("|",), r"\|\s*(?:/bin/|/usr/bin/)?(?:ba|da|k|z)?sh\b(?=\s*(?:$|[;&|)]))"),
)


class _Lang:
    """A language's request input, assignments, references to a tainted name and sinks."""

    def __init__(self, name, source, sinks, line_statements):
        self.name = name
        self.source = lazyre.pattern(source)
        self.sinks = [(signal, weight, needs, lazyre.pattern(pattern, re.M)) for signal, weight, needs, pattern in sinks]
        self.line_statements = line_statements

    def ref(self, name: str) -> str:
        if self.name == "perl":
            sigil, word = name[0], re.escape(name[1:])
            if sigil == "%":
                return r"\$%s\s*\{|%%%s\b|\$%s\s*->" % (word, word, word)
            if sigil == "@":
                return r"\$%s\s*\[|@%s\b" % (word, word)
            return r"\$\{?%s\b(?!\s*[\[{])" % word
        if self.name == "shell":
            return r"\$\{?%s\b" % re.escape(name)
        return r"(?<![\w.'\"])%s\b" % re.escape(name)


LANGS = {
    "perl": _Lang("perl", _PERL_SOURCE, _PERL_SINKS, False),
    "python": _Lang("python", _PY_SOURCE, _PY_SINKS, True),
    "shell": _Lang("shell", _SH_SOURCE, _SH_SINKS, True),
}


def _argument(low: str, start: int, line_statements: bool) -> str:
    """A call's argument or an assigned value from ``start``: to ';' (Perl) or the line end outside brackets."""
    seg = low[start:start + ARG_CHARS]
    if not line_statements:
        index = seg.find(";")
        return seg if index < 0 else seg[:index]
    index = seg.find("\n")
    while index >= 0:
        head = seg[:index]
        if head.count("(") + head.count("[") <= head.count(")") + head.count("]") and not head.endswith("\\"):
            return head
        index = seg.find("\n", index + 1)
    return seg


def _blank_comments(text: str) -> str:
    """Whole-line '#' comments blanked (offsets kept); the #! line stays, an instruction in prose is not code."""
    return re.sub(r"(?m)^[ \t]*#(?!!).*$", lambda m: " " * len(m.group(0)), text)


_PERL_HEREDOC = lazyre.pattern(r"<<\s*([\"']?)([a-z_]\w*)\1")


def _blank_heredocs(low: str) -> str:
    """Perl here-documents blanked (offsets kept): a backtick or 'system' in the page a script prints is text."""
    if "<<" not in low:
        return low
    pieces, done = [], 0
    for match in _PERL_HEREDOC.finditer(low):
        if match.start() < done:
            continue
        body = low.find("\n", match.end())
        if body < 0:
            break
        end = re.compile(r"^%s[ \t\r]*;?$" % re.escape(match.group(2)), re.M).search(low, body + 1)
        stop = end.start() if end else len(low)
        pieces.append(low[done:body + 1])
        pieces.append(re.sub(r"[^\n]", " ", low[body + 1:stop]))
        done = stop
    pieces.append(low[done:])
    return "".join(pieces)


# A name given only a command separator: $sep = ($windows ? " & " : " ; "), sep='; '.
_SEPARATOR_LITERAL = lazyre.pattern(r"['\"]\s*(?:;|&&?|\|\|?)\s*['\"]")
_SEPARATOR_NAME = lazyre.pattern(r"(?<![\w$])\$?([a-z_]\w*)\s*=\s*\(?[^;\n]{0,40}?['\"]\s*(?:;|&&?|\|\|?)\s*['\"]\s*\)?\s*(?:;|$)")
_PLAIN_ASSIGN = lazyre.pattern(r"(?<![\w$])\$?([a-z_]\w*)\s*=\s*([^;\n=]{1,80})(?:;|$)", re.M)
# Perl's single-quoted strings do not interpolate: '$x' in one is text (a hash key before it stays).
_PERL_SINGLE = lazyre.pattern(r"(?<!\{)(?<!\{ )'[^'\n]{1,200}'")


class _Taint:
    """Names that carry request input: assigned from it, filled from it (a hash of form fields), looped over it,
    read into from the CGI body, or returned by a local function that reads it."""

    def __init__(self, lang: _Lang, low: str):
        self.lang = lang
        # names: carry input; leading: carry it where it can start a command (the input itself, "cd x; $cmd").
        self.names, self.leading = set(), set()
        self.rx = self.lead_rx = None
        self.source = lang.source
        self._functions(low)
        if lang.name == "perl":
            if "readparse" in low:
                self.leading.add("%in")
                self.leading.update("%" + m for m in re.findall(r"readparse\s*\(\s*[*\\]%?(\w+)", low))
            if "content_length" in low or "request_method" in low:
                self.leading.update("$" + m for m in _PERL_READ.findall(low))
                self.source = re.compile(lang.source.pattern + r"|<\s*stdin\s*>")
        elif lang.name == "shell" and ("content_length" in low or "request_method" in low):
            for match in _SH_READ.finditer(low):
                self.leading.update(match.group(1).split())
        elif lang.name == "python" and ("content_length" in low or "request_method" in low):
            self.source = re.compile(lang.source.pattern + r"|\bstdin\.(?:read|buffer)")
        if self.callers:
            self.source = re.compile(self.source.pattern + r"|(?:->|&|(?<![\w$@%%]))(?:%s)\b\s*[(;]" % "|".join(
                map(re.escape, sorted(self.callers)[:MAX_TAINTED])))
        self.names.update(self.leading)
        # A Perl statement goes on over line ends; in Python and shell a line end ends a command.
        self.separators = ";&|(,`[" if lang.name == "perl" else ";&|(,`[\n"
        joiners = set()
        for literal in _SEPARATOR_LITERAL.finditer(low):
            line = low[low.rfind("\n", 0, literal.start()) + 1:literal.end() + 40].split("\n")[0]
            joiners.update(_SEPARATOR_NAME.findall(line))
        if joiners:
            # One step further: $sep = ($nt ? $nt_sep : $unix_sep).
            either = re.compile(r"\$?\{?(?:%s)\b" % "|".join(map(re.escape, sorted(joiners)[:MAX_TAINTED])))
            joiners.update(m.group(1) for m in _PLAIN_ASSIGN.finditer(low) if either.search(m.group(2))
                           and not re.search(r"['\"][^'\";&|]", m.group(2)))
        joiners = sorted(joiners)[:MAX_TAINTED]
        self.joiners = re.compile(r"[$]?\{?(?:%s)\}?$" % "|".join(map(re.escape, joiners))) if joiners else None
        if not self.names and not self.source.search(low):
            return
        assignments = self._assignments(low)
        for _round in range(ROUNDS):
            self._compile()
            before = len(self.names)
            for _pos, lhs, rhs in assignments:
                if not lhs <= self.leading and self.hit(rhs) is not None:
                    # Recompiled at once: a chain of assignments in file order is followed in one round.
                    self.names.update(lhs)
                    if self.leads(rhs):
                        self.leading.update(lhs)
                    self._compile()
            if len(self.names) == before or len(self.names) > MAX_TAINTED:
                break
        self._compile()

    def _functions(self, low: str):
        """Local functions whose body reads request input (their callers get it) or runs a command (``execs``)."""
        self.callers, self.execs = set(), set()
        if self.lang.name == "shell":
            return
        defs = list((_PERL_SUB if self.lang.name == "perl" else _PY_DEF).finditer(low))
        for index, match in enumerate(defs[:400]):
            end = defs[index + 1].start() if index + 1 < len(defs) else min(len(low), match.end() + 4000)
            body = low[match.end():min(end, match.end() + 4000)]
            name = match.group(1)
            if name in _NOT_CALLS:
                continue
            if self.lang.source.search(body):
                self.callers.add(name)
            if _spawns_shell(body) or any(any(n in body for n in needs) and _variable_sink(rx, body, self.lang)
                                          for signal, _w, needs, rx in self.lang.sinks if signal == "input_to_command"):
                self.execs.add(name)

    def _assignments(self, low: str):
        """(names assigned, value text) of the file's assignments and loops, first MAX_ASSIGNMENTS."""
        found = []
        lang = self.lang
        if lang.name == "perl":
            for match in _PERL_ASSIGN.finditer(low):
                lhs = set()
                for sigil, word, index in _PERL_LHS.findall(match.group(1)):
                    # An element assigned taints its whole array or hash ($field{$k} = $v: %field).
                    kind = ("@" if index.strip() == "[" else "%") if index else sigil
                    lhs.add(kind + word)
                found.append((match.start(), lhs, _argument(low, match.end(), False)))
                if len(found) >= MAX_ASSIGNMENTS:
                    break
            for match in _PERL_FOREACH.finditer(low):
                found.append((match.start(), {"$" + match.group(1)}, _argument(low, match.end(), False).split(")")[0]))
        elif lang.name == "python":
            for match in _PY_ASSIGN.finditer(low):
                names = set(_PY_LHS.findall(re.sub(r"\[[^\]]*\]", "", match.group(1))))
                found.append((match.start(), names, _argument(low, match.end(), True)))
                if len(found) >= MAX_ASSIGNMENTS:
                    break
            for match in _PY_FOR.finditer(low):
                names = set(re.findall(r"[a-z_]\w*", match.group(1)))
                found.append((match.start(), names, _argument(low, match.end(), True)))
        else:
            for match in _SH_ASSIGN.finditer(low):
                found.append((match.start(), {match.group(1)}, _argument(low, match.end(), True)))
                if len(found) >= MAX_ASSIGNMENTS:
                    break
        return sorted(found, key=lambda item: item[0])

    def _compile(self):
        names = sorted(self.names)[:MAX_TAINTED]
        self.rx = re.compile("|".join(self.lang.ref(n) for n in names)) if names else None
        leading = sorted(self.leading)[:MAX_TAINTED]
        self.lead_rx = re.compile("|".join(self.lang.ref(n) for n in leading)) if leading else None

    def hit(self, arg: str):
        """Position of the first request input or tainted name in ``arg``, or None."""
        best = None
        match = self.source.search(arg)
        if match:
            best = match.start()
        if self.rx is not None:
            found = self.rx.search(arg)
            if found and (best is None or found.start() < best):
                best = found.start()
        return best

    def leads(self, arg: str) -> bool:
        """Whether input starts a command or a statement in ``arg`` (not only an argument of a fixed program)."""
        for rx in (self.source, self.lead_rx):
            if rx is None:
                continue
            for match in rx.finditer(arg):
                if _at_command_start(arg, match.start(), self.separators, self.joiners, self.lang.name == "python"):
                    return True
        return False


# Characters of an expression holding the input (cgi.FieldStorage(), $q->param()); in Perl "." joins strings.
_EXPRESSION = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_$:-")


# $(echo "$x" | ...) and `printf %s $x | ...` hand the input itself on, as a bare $x would.
_ECHOED = lazyre.pattern(r"(?:\$\(|`)\s*(?:echo|printf)(?:\s+-[a-z]+|\s+['\"]?%s[^'\"\s]*['\"]?)*$")


def _at_command_start(arg: str, pos: int, separators: str, joiners, dotted: bool) -> bool:
    """Nothing but quotes, blanks, concatenation or a separator (; & | ( , `) before ``pos``.

    "cd $dir && $cmd" leads with $cmd; "mysql -h$host" and "sendmail $to" only pass input as arguments.
    ``joiners``: a pattern for names holding a separator ($sep = ' ; '), which count as one.
    """
    while pos > 0 and (arg[pos - 1] in _EXPRESSION or dotted and arg[pos - 1] == "."
                       or arg[pos - 1] == ">" and arg[pos - 2:pos] == "->"):
        pos -= 1
    prefix = _ECHOED.sub("(", arg[:pos].rstrip(" \t\"'.\\{"))
    if joiners is not None and joiners.search(prefix):
        return True
    return not prefix or prefix[-1] in separators


def _variable_sink(rx, body: str, lang: _Lang) -> bool:
    """Whether a command sink in ``body`` runs something other than string literals."""
    for match in rx.finditer(body):
        if _has_variable(_sink_argument(body, match, lang), lang):
            return True
    return False


_PY_LITERAL = lazyre.pattern(r"'[^'\n]*'|\"[^\"\n]*\"|\b[a-z_]\w*\s*=(?!=)|\b(?:true|false|none)\b")


def _has_variable(arg: str, lang: _Lang) -> bool:
    """Whether a command's text names a variable (Perl and shell interpolate ``$x`` inside strings)."""
    if lang.name != "python":
        return re.search(r"[$@]\{?\w", arg) is not None
    return re.search(r"[a-z_]\w*", _PY_LITERAL.sub(" ", arg)) is not None


def _sink_argument(low: str, match, lang: _Lang) -> str:
    opener = match.group(0)
    if opener == "`":
        if lang.name == "perl" and low.count('"', low.rfind("\n", 0, match.start()) + 1, match.start()) % 2:
            return ""  # inside a double-quoted string a backtick is text (`quoted')
        end = low.find("`", match.end(), match.end() + ARG_CHARS)
        return low[match.end():end] if end > 0 else ""
    if lang.name == "perl" and opener.startswith("qx"):
        close = {"(": ")", "{": "}", "[": "]", "<": ">"}.get(opener[-1], opener[-1])
        end = low.find(close, match.end(), match.end() + ARG_CHARS)
        return low[match.end():end] if end > 0 else ""
    if lang.name == "shell" and opener.startswith("|"):
        line_start = low.rfind("\n", 0, match.start()) + 1
        return low[line_start:match.start()]
    return _argument(low, match.end(), lang.line_statements)


_SPAWN_SHELL = lazyre.pattern(r"open[23]\s*\([^;]{0,120}['\"](?:/bin/|/usr/bin/)?(?:ba)?sh(?:\s+-i)?['\"]"
                              r"|open\s*\(?\s*[\w$*]+\s*,\s*['\"]\|-?\s*(?:/bin/)?(?:ba)?sh(?:\s+-i)?\s*['\"]"
                              r"|(?:popen|spawn|call|run)\s*\(\s*\[?\s*['\"](?:/bin/)?(?:ba)?sh['\"]\s*[,\])]"
                              r"|pty\.spawn\s*\(\s*['\"]/bin/(?:ba)?sh"
                              r"|\bexec\s*\(?\s*\{?\s*['\"]/bin/(?:ba)?sh(?:\s+-i)?['\"]")


def _spawns_shell(low: str) -> bool:
    return "sh" in low and _SPAWN_SHELL.search(low) is not None


# Reverse and bind shells: a socket wired to the standard streams of a shell started without a script.
_SHELL_LITERAL = r"['\"](?:/bin/|/usr/bin/)?(?:ba|da|z|k)?sh(?:\s+-i)?['\"]|cmd\.exe"
_REVERSE = (
    ("perl", re.compile(r"\bsocket\s*\(|io::socket"), re.compile(r"\bopen\s*\(?\s*\*?std(?:in|out|err)\s*,\s*['\"]?[+<>]*\s*&"),
     re.compile(r"\b(?:exec|system)\s*\(?\s*(?:\{\s*)?" + _SHELL_LITERAL)),
    ("python", re.compile(r"\bsocket\.socket\s*\(|\bsocket\s*\(\s*(?:socket\.)?af_inet"), re.compile(r"\bos\.dup2\s*\("),
     re.compile(r"(?:pty\.spawn|popen|call|run|exec\w*)\s*\(\s*\[?\s*" + _SHELL_LITERAL)),
)
_SH_REVERSE = lazyre.pattern(r"/dev/(?:tcp|udp)/[\w.${}-]+/[\w${}]+[^\n]{0,40}(?:>&|0<&|<&)|\bn(?:c|cat|etcat)\b[^\n|;]{0,80}\s-[a-z]*[ec]\s*"
                             r"['\"]?/bin/|\bsocat\b[^\n]{0,160}\bexec:['\"]?(?:/bin/)?(?:ba)?sh(?:\s+-i)?['\",]"
                             r"|\bmkfifo\b[^\n]{0,200}\bn(?:c|cat)\b[^\n]{0,200}\bsh\b")
_COMMAND_FORM = lazyre.pattern(r"<(?:input|textarea)\b[^>]{0,200}\bname\s*=\s*\\?['\"]?(?:cmd|command|cmnd|exec|execute|shell"
                               r"|run|c)\b")
_CD_EMULATION = lazyre.pattern(r"[=!]~\s*m?/\^?(?:\\s\*)?cd\b|startswith\s*\(\s*['\"]cd\b|=~\s*/\^\\s\*cd|\"cd \"\s*\.\s*\$")


# Literals one of which every match of a language's request input holds: a substring test is far cheaper than
# a search that fails.
SOURCE_HINTS = {
    "perl": ("param", "cookie", "vars", "query_string", "$env"),
    "python": ("fieldstorage", "environ", "getenv", "parse_qs", "request."),
    "shell": ("query_string", "path_info", "request_uri", "http_"),
}


def _find_source(spec: _Lang, low: str):
    """The first request input in ``low``, or None."""
    if not any(hint in low for hint in SOURCE_HINTS[spec.name]):
        return None
    return spec.source.search(low)


def score_script(rel: str, text: str, lang: str, ev) -> None:
    """Add the signals of a Perl, Python or shell script (``text``, case kept) to ``ev``."""
    spec = LANGS[lang]
    low = _blank_comments(text).lower()
    ext = os.path.splitext(rel.lower())[1]
    if ext.startswith((".php", ".asp", ".jsp")) or ext in (".txt", ".jpg", ".gif", ".png"):
        # A script for another interpreter under a name the web server maps elsewhere (or to nothing): it was
        # put there to be run through a handler trick or to be fetched by another script.
        ev.add("script_under_other_name", 3, 0)
    source = _find_source(spec, low)
    if source:
        ev.add("cgi_request_input", 2, source.start())
    _score_reverse(lang, low, ev)
    if _spawns_shell(low):
        ev.add("shell_process", 6, _SPAWN_SHELL.search(low).start())
    if "name" in low and ("content-type" in low or "<form" in low):
        match = _COMMAND_FORM.search(low)
        if match:
            ev.add("command_form", 4, match.start())
    if "cd" in low:
        match = _CD_EMULATION.search(low)
        if match:
            ev.add("cd_emulation", 3, match.start())
    _score_flow(spec, low, ev, source is not None)


def _score_reverse(lang: str, low: str, ev) -> None:
    if lang == "shell":
        match = _SH_REVERSE.search(low) if ("/dev/" in low or "nc" in low or "socat" in low) else None
        if match:
            ev.add("reverse_shell", 12, match.start())
        return
    if "socket" not in low:
        return
    for name, socket_rx, wire_rx, shell_rx in _REVERSE:
        if name != lang:
            continue
        sock = socket_rx.search(low)
        if sock and wire_rx.search(low) and shell_rx.search(low):
            ev.add("reverse_shell", 12, sock.start())


def _score_flow(spec: _Lang, low: str, ev, has_source: bool) -> None:
    """Request input (direct, through names, hashes or local functions) reaching a command or code."""
    if not any(any(n in low for n in needs) for _s, _w, needs, _rx in spec.sinks):
        return
    if not has_source and not any(k in low for k in ("readparse", "content_length", "request_method")):
        return  # no request input at all: nothing to follow (the same verdict, without the costly part)
    if spec.name == "perl":
        low = _PERL_SINGLE.sub(lambda m: "'" + " " * (len(m.group(0)) - 2) + "'", _blank_heredocs(low))
    taint = _Taint(spec, low)
    if taint.rx is None and not taint.source.search(low):
        return
    weak = None
    for signal, weight, needs, rx in spec.sinks:
        added = "input_to_code" if signal == "input_to_code" else "input_to_command"
        if added in ev.found or not any(n in low for n in needs):
            continue
        for match in rx.finditer(low):
            arg = _sink_argument(low, match, spec)
            hit = taint.hit(arg)
            word_sink = signal == "input_is_command_word"
            if hit is not None and (taint.leads(arg) if not word_sink else hit <= WORD_AT and taint.leads(arg[:hit + 40])):
                ev.add(added, weight, match.start())
                break
            if hit is not None and not word_sink and added + "_argument" not in ev.found:
                # Input passed to a program the script names (mysql -h$host, sendmail $to): unsafe, not a shell.
                ev.add(added + "_argument", 4, match.start())
            if weak is None and signal == "input_to_command" and _has_variable(arg, spec):
                weak = match.start()
    if taint.execs and "input_to_command" not in ev.found:
        calls = re.compile(r"(?:->|&|(?<![\w$@%%.]))(?:%s)\s*\(" % "|".join(map(re.escape, sorted(taint.execs))))
        for match in calls.finditer(low):
            if taint.leads(_argument(low, match.end(), spec.line_statements)):
                ev.add("input_to_command", 12, match.start())
                break
    if weak is not None and "input_to_command" not in ev.found:
        ev.add("command_of_variable", 3, weak)
