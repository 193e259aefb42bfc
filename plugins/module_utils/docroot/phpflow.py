# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PHP evidence from following values through a small file, and from what its payloads are (issue 14).

php.py follows request input into sinks within a statement or through plain assignments. Small shells
and the pieces of bigger ones hide the same flow one step further away; this module follows it there:

* input_through_own_function: request input handed to one of the file's own functions whose parameter
  reaches eval/assert/create_function or a command (function ex($c){ system($c); } ex($_POST['c']);),
  or a code-running function's name handed to one whose parameter is called (run('assert', $_POST['a'])).
* input_interpolated_into_code: input reaches eval/assert/a command through variables, including a
  variable interpolated into a double-quoted string ("<?php {$code} ?>"), or comes from a socket.
* runner_name_callback_with_input: the name of a code- or command-running function written as a string
  argument of a call (a callback: filter_var(..., FILTER_CALLBACK, array('options' => 'assert')),
  $obj->uasort('assert')) in a statement that also carries request input, or on an object built from it.
* hidden_runner_name_call: phpeval's bounded evaluation resolves a call through a variable to a code- or
  command-running function whose name the file never spells (a name made by XOR of two literals).
* embedded_program_written: an encoded literal that decodes to a native executable (ELF, PE) or an
  interpreter script (#!), in a file that writes files: a dropper of back-connect tools and exploits.
* script_written_and_run: a command runs a Perl/Python/shell script file that the same PHP file writes.
* login_records_wiped: a list of the system's login records and shell histories with a deletion or an
  overwrite: a log cleaner that hides an intrusion.
* windows_shell_object: a WScript.Shell/Shell.Application COM object made to run a program.
* remote_file_saved_as_php: copy()/file_put_contents() of a URL's content to a .php name.

Every analysis is gated by plain substrings and size, so ordinary files pay a few ``in`` look-ups.
"""

from __future__ import annotations

import base64
import binascii
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import phpeval

MAX_FLOW_TEXT = 64 << 10
MAX_EVAL_TEXT = 16 << 10
MAX_BODY = 20000

# Request input; not headers ($_SERVER['HTTP_HOST'] builds many an application's own URL).
_INPUT = re.compile(r"\$_(?:get|post|request|cookie|files)\b|\$http_(?:get|post)_vars|php://input")
_SOCKET_READ = re.compile(r"(?<![\w>:$])(?:socket_read|socket_recv|stream_socket_recvfrom)\s*\(")
# A file that opens a network connection: what it reads (from the connection) is the remote side's data.
_CONNECTS = ("fsockopen", "stream_socket_client", "socket_create", "socket_accept")
_STREAM_READ = re.compile(r"(?<![\w>:$])(?:fread|fgets|stream_get_contents|socket_read|socket_recv)\s*\(")
_CODE_SINKS = ("eval", "assert", "create_function")
_CMD_SINKS = ("system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec")
_RUNNERS = _CODE_SINKS + _CMD_SINKS + ("call_user_func", "call_user_func_array")
_SINK_CALL = re.compile(r"(eval|assert|create_function|system|exec|shell_exec|passthru|popen|proc_open"
                        r"|pcntl_exec)\s*\(")
_ASSIGN = re.compile(r"(\$\w+)\s*(?:\[[^\]\n]{0,80}\]\s*)?(?:\.=|=(?![=>]))\s*(?=([^;]{0,600}))")
_FOREACH = re.compile(r"foreach\s*\(\s*([^;]{1,200}?)\s+as\s+(\$\w+)(?:\s*=>\s*&?\s*(\$\w+))?\s*\)")
_SINGLE_QUOTED = re.compile(r"'[^'\\\n]*(?:\\.[^'\\\n]*)*'")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINE_COMMENT = re.compile(r"^\s*(?://|#).*$", re.M)
_FUNCTION = re.compile(r"function\s+&?\s*(\w+)\s*\(([^)]{0,300})\)\s*(?::\s*\??[\w\\]+\s*)?\{")
_PARAM = re.compile(r"\$\w+")


def _calls(rx, text):
    """Matches of ``rx`` (a name and its bracket) not preceded by a name character, ->, :: , $ or a backslash."""
    for match in rx.finditer(text):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_>:$\\"):
            continue
        yield match


def _first_call(rx, text):
    return next(_calls(rx, text), None)


def _code_of(low):
    """The text without block comments and whole-line comments (a commented-out call runs nothing)."""
    if "/*" in low:
        low = _BLOCK_COMMENT.sub(" ", low)
    if "//" in low or "#" in low:
        low = _LINE_COMMENT.sub("", low)
    return low


def _call_args(text, start, limit=800):
    """The argument text of the call whose "(" is at ``start - 1``, up to its closing bracket (bounded)."""
    depth = 1
    quote = None
    pos = start
    end = min(len(text), start + limit)
    while pos < end:
        char = text[pos]
        if quote:
            if char == "\\":
                pos += 1
            elif char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if not depth:
                return text[start:pos]
        pos += 1
    return text[start:end]


def _split_args(args):
    """The top-level arguments of a call's argument text."""
    out = []
    depth = 0
    quote = None
    last = 0
    pos = 0
    while pos < len(args):
        char = args[pos]
        if quote:
            if char == "\\":
                pos += 1
            elif char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and not depth:
            out.append(args[last:pos])
            last = pos + 1
        pos += 1
    out.append(args[last:])
    return out


_NAMES_RX = {}


_LAST_NAMES = [None, -1, None]  # the set last asked for, its size then, its pattern: sets only grow here


def _names_rx(names):
    """One compiled pattern matching any of the variables ``names`` (kept for the last sets asked)."""
    if _LAST_NAMES[0] is names and _LAST_NAMES[1] == len(names):
        return _LAST_NAMES[2]
    key = frozenset(names)
    rx = _NAMES_RX.get(key)
    if rx is None:
        if len(_NAMES_RX) > 64:
            _NAMES_RX.clear()
        rx = _NAMES_RX[key] = re.compile("(?:" + "|".join(re.escape(n) for n in sorted(key, key=len, reverse=True))
                                         + r")(?!\w)")
    _LAST_NAMES[:] = [names, len(names), rx]
    return rx


def _mentions(text, names):
    """Does ``text`` use one of the variables ``names``? Single-quoted strings interpolate nothing."""
    if not names:
        return False
    if "'" in text:
        text = _SINGLE_QUOTED.sub("''", text)
    return _names_rx(names).search(text) is not None


def _value(text):
    """An assigned expression: up to the statement's end or a bracket it did not open (($a = 'x') && ...)."""
    depth = 0
    for pos, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0:
                return text[:pos]
    return text


def _tainted(code, seeds, sources=_INPUT):
    """Variables holding request input (or ``seeds``) after following assignments and foreach, to a fixed point."""
    tainted = set(seeds)
    assigns = [(m.group(1), _value(m.group(2))) for m in _ASSIGN.finditer(code)]
    loops = [(m.group(1), m.group(2), m.group(3)) for m in _FOREACH.finditer(code)] if "foreach" in code else []
    for _round in range(5):
        more = {var for var, value in assigns
                if var not in tainted and (sources.search(value) or _mentions(value, tainted))}
        for expr, first, second in loops:
            if sources.search(expr) or _mentions(expr, tainted):
                more.update(v for v in (first, second) if v and v not in tainted)
        if not more:
            break
        tainted |= more
    return tainted


_CONDITION = re.compile(r"[=!<>]=|[<>]|&&|\|\||\binstanceof\b|^\s*!|\bis_\w+\s*\(|\b(?:isset|empty)\s*\(")


def _sink_reached(code, tainted, sources=_INPUT):
    """Position of a code or command sink whose arguments carry a tainted variable or the input itself."""
    for match in _calls(_SINK_CALL, code):
        args = _call_args(code, match.end())
        if match.group(1) != "create_function":
            args = _split_args(args)[0]  # what runs is the first argument (exec's others receive its output)
        if match.group(1) == "assert" and _CONDITION.search(_SINGLE_QUOTED.sub("''", args)):
            continue  # assert of a condition checks a value; only a string given to assert is run as code
        if sources.search(args) or (tainted and _mentions(args, tainted)):
            return match.start()
    return -1


def _functions(code):
    """The file's own functions: name, parameter names, body text (bodies found by bracket matching)."""
    return [(m.group(1), _PARAM.findall(m.group(2)), _body(code, m.end())) for m in _calls(_FUNCTION, code)]


_BRACE = re.compile(r"[{}]")


def _body(code, start):
    depth = 1
    end = min(len(code), start + MAX_BODY)
    for match in _BRACE.finditer(code, start, end):
        depth += 1 if match.group() == "{" else -1
        if not depth:
            return code[start:match.start()]
    return code[start:end]


_NOTHING = re.compile(r"(?!)")
_REQUEST_KEY = re.compile(r"\$_(?:get|post|request|cookie)\s*\[\s*['\"](\w+)['\"]\s*\]")
_BOUND = re.compile(r"(\$\w+)\s*(?:\[[^\]\n]{0,80}\]\s*)?(?:[.+\-*/]?=(?![=>]))|(?:global|static)\s+([^;]{1,200});"
                    r"|\bas\s+(\$\w+)(?:\s*=>\s*&?\s*(\$\w+))?|list\s*\(([^)]{1,200})\)")


def _outside_functions(code, functions):
    """The code with the bodies of the file's own functions left out."""
    for _name, _params, body in functions:
        if body:
            code = code.replace(body, " ", 1)
    return code


def _registered_globals(code):
    """Variables used but never set whose name is a request key: register_globals-era input ($cmd for ?cmd=)."""
    keys = set(_REQUEST_KEY.findall(code))
    if not keys:
        return set()
    bound = set()
    for match in _BOUND.finditer(code):
        for group in match.groups():
            if group:
                bound.update(_PARAM.findall(group))
    return {"$" + key for key in keys if "$" + key not in bound and re.search(r"\$" + key + r"(?!\w)", code)}


def _summaries(functions):
    """Per own function: the parameter positions that reach a sink ("arg") or are called ("callee")."""
    out = {}
    for name, params, body in functions:
        if name in _RUNNERS or not params or not (_first_call(_SINK_CALL, body) or "call_user_func" in body
                                                  or _VAR_CALL.search(body)):
            continue
        reach = {}
        for index, param in enumerate(params):
            local = _tainted(body, {param}, _NOTHING)
            if _sink_reached(body, local, _NOTHING) >= 0:
                reach[index] = "arg"
            elif re.search(r"(?<![\w>:])" + re.escape(param) + r"\s*\(|call_user_func(?:_array)?\s*\(\s*"
                           + re.escape(param) + r"(?!\w)", body):
                reach[index] = "callee"
        if reach:
            out[name] = reach
    return out


_RUNNER_LITERAL = re.compile(r"['\"](?:assert|system|exec|shell_exec|passthru|popen|proc_open|create_function"
                             r"|call_user_func(?:_array)?)['\"]")


def _carries_input(arg, tainted):
    return _INPUT.search(arg) is not None or _mentions(arg, tainted)


def _own_function_fed(code, tainted, functions):
    """Position of a call of the file's own function that hands request input to a parameter reaching a sink."""
    for name, reach in _summaries(functions).items():
        for match in re.finditer(r"(?<![\w$>:])" + re.escape(name) + r"\s*\(", code):
            if code[max(0, match.start() - 24):match.start()].rstrip().endswith("function"):
                continue
            args = _split_args(_call_args(code, match.end()))
            for index, how in reach.items():
                if index >= len(args):
                    continue
                if how == "arg" and _carries_input(args[index], tainted):
                    return match.start()
                if how == "callee" and _RUNNER_LITERAL.fullmatch(args[index].strip()) and \
                        any(_carries_input(arg, tainted) for pos, arg in enumerate(args) if pos != index):
                    return match.start()
    return -1


# Functions and methods that call what they are given by name.
_CALLBACK_TAKERS = frozenset((
    "array_map", "array_filter", "array_walk", "array_walk_recursive", "array_reduce", "usort", "uasort", "uksort",
    "array_udiff", "array_uintersect", "array_diff_ukey", "array_intersect_ukey", "call_user_func",
    "call_user_func_array", "register_shutdown_function", "register_tick_function", "filter_var", "filter_var_array",
    "preg_replace_callback", "mb_ereg_replace_callback", "iterator_apply", "set_error_handler",
    "set_exception_handler", "ob_start", "forward_static_call", "forward_static_call_array", "reflectionfunction",
    "spl_autoload_register", "header_register_callback", "array_udiff_assoc", "array_uintersect_assoc"))
_NAME_BEFORE = re.compile(r"(\w+)\s*$")


def _open_call(before):
    """Where the call whose argument list is still open at the end of ``before`` starts, and its name."""
    depth = 0
    for pos in range(len(before) - 1, max(-1, len(before) - 2000), -1):
        char = before[pos]
        if char in ")]":
            depth += 1
        elif char in "([":
            if not depth:
                match = _NAME_BEFORE.search(before, 0, pos) if char == "(" else None
                return (match.start(), match.group(1)) if match else (pos, "")
            depth -= 1
    return -1, ""


def _owner_call(before):
    """The name of the call whose argument list is open at the end of ``before`` (through nested array(...))."""
    start, name = _open_call(before)
    for _level in range(3):
        if name != "array" or start < 0:
            break
        start, name = _open_call(before[:start])
    return name


def _runner_callback(code, tainted):
    """Position of a runner's name given as a callback in a statement that carries request input."""
    for match in _RUNNER_LITERAL.finditer(code):
        start = code.rfind(";", 0, match.start()) + 1
        end = code.find(";", match.end())
        statement = code[start:end if end >= 0 else len(code)]
        before = code[start:match.start()].rstrip()
        if not before.endswith(("(", ",", "=>")) or _owner_call(before) not in _CALLBACK_TAKERS:
            continue
        if _carries_input(statement, tainted):
            return match.start()
    return -1


_RUNNER_HELD = re.compile(r"(\$\w+)\s*=\s*" + _RUNNER_LITERAL.pattern + r"\s*[;)]")


def _runner_held_and_called(code, tainted):
    """Position of a call through a variable holding a runner's literal name, in a statement carrying input."""
    for held in {m.group(1) for m in _RUNNER_HELD.finditer(code)}:
        name = re.escape(held)
        for match in re.finditer(name + r"\s*\(|call_user_func(?:_array)?\s*\(\s*" + name + r"(?!\w)", code):
            if _carries_input(_call_args(code, match.end()) if match.group(0).endswith("(") else
                              _call_args(code, code.index("(", match.start()) + 1), tainted - {held}):
                return match.start()
    return -1


# Where each function that calls what it is given takes the callback (-1: last); call_user_func is php.py's.
_CALLBACK_POSITION = {
    "array_map": 0, "usort": 1, "uasort": 1, "uksort": 1, "array_filter": 1, "array_walk": 1,
    "array_walk_recursive": 1, "array_reduce": 1, "preg_replace_callback": 1, "mb_ereg_replace_callback": 1,
    "iterator_apply": 1, "register_shutdown_function": 0, "register_tick_function": 0, "set_error_handler": 0,
    "set_exception_handler": 0, "ob_start": 0, "array_udiff": -1, "array_uintersect": -1, "array_diff_ukey": -1,
    "array_intersect_ukey": -1, "array_udiff_assoc": -1, "array_uintersect_assoc": -1}
_TAKER_CALL = re.compile(r"(" + "|".join(_CALLBACK_POSITION) + r")\s*\(")
_BARE = re.compile(r"\s*(\$\w+|\$_(?:get|post|request|cookie)\s*\[[^\]]{1,60}\])\s*")


def _callback_from_input(code, tainted):
    """Position of a callback-taking call whose callback is the request input or a variable holding it."""
    for match in _calls(_TAKER_CALL, code):
        args = _split_args(_call_args(code, match.end()))
        position = _CALLBACK_POSITION[match.group(1)]
        if len(args) < 2 or position >= len(args):
            continue
        bare = _BARE.fullmatch(args[position])
        if bare and (_INPUT.match(bare.group(1)) or bare.group(1) in tainted):
            return match.start()
    return -1


_VAR_CALL = re.compile(r"\$\w+\s*\(")
_XOR_OF_LITERALS = re.compile(r"['\"]\s*\^\s*['\"]")
_BUILT_NAME = re.compile(r"['\"]\s*(?:\.|\^)\s*['\"]")
_NAMED_CALL = re.compile(r"(eval|assert|create_function|system|exec|shell_exec|passthru|popen|proc_open"
                         r"|call_user_func(?:_array)?)\s*\(")


_PIECE = r"(?:'[^'\\\n]*'|\"[^\"\\$\n]*\"|\$\w+)"
_CONCAT_ASSIGN = re.compile(r"(\$\w+)\s*(\.?=)\s*(" + _PIECE + r"(?:\s*\.\s*" + _PIECE + r")*)\s*;")


def _folded_runner_call(low):
    """A variable built from literal pieces, in order ($f = "as"."s"; $f = $f."ert";), called as a runner."""
    values = {}
    for match in _CONCAT_ASSIGN.finditer(low):
        parts = []
        for piece in re.findall(_PIECE, match.group(3)):
            if piece[0] == "$" and piece not in values:
                parts = None
                break
            parts.append(values[piece] if piece[0] == "$" else piece[1:-1])
        if parts is None:
            values.pop(match.group(1), None)
            continue
        value = "".join(parts)
        values[match.group(1)] = values.get(match.group(1), "") + value if match.group(2) == ".=" else value
    for var, value in values.items():
        if value in _RUNNERS and "'%s'" % value not in low and '"%s"' % value not in low \
                and re.search(re.escape(var) + r"\s*\(", low):
            return True
    return False


def _hidden_runner(text, low):
    """Position of a call through a variable that bounded evaluation resolves to a runner the file never spells."""
    if len(text) > MAX_EVAL_TEXT or "$" not in low or not _VAR_CALL.search(low) or not _BUILT_NAME.search(low):
        return -1
    if _folded_runner_call(low):
        return 0
    if "^" not in low or not _XOR_OF_LITERALS.search(low):
        return -1  # phpeval is costly: only for names made by XOR, which folding in order cannot make
    statements, _codes = phpeval.evaluate(text)
    for statement in statements:
        for match in _calls(_NAMED_CALL, statement.lower()):
            if match.group(1) not in low:
                return 0
    return -1


_WRITERS = ("fwrite", "fputs", "file_put_contents")
# The head of a base64 literal; the literal (wrapped lines included) must be long: a program is kilobytes.
_B64_RUN = re.compile(r"(['\"])([A-Za-z0-9+/]{64,})")
MIN_PROGRAM_LITERAL = 600
_PROGRAM_HEADS = ((b"\x7fELF", 10), (b"MZ", 10), (b"#!/", 4))


def _embedded_program(text, low):
    """Weight of the strongest encoded program carried by a file that writes files (0: none)."""
    if not any(word in low for word in _WRITERS):
        return 0
    best = 0
    for count, match in enumerate(_B64_RUN.finditer(text)):
        if count >= 50:
            break
        close = text.find(match.group(1), match.end())
        if (close if close >= 0 else len(text)) - match.start(2) < MIN_PROGRAM_LITERAL:
            continue
        head = match.group(2)[:24]
        try:
            data = base64.b64decode(head)
        except (binascii.Error, ValueError):
            continue
        for magic, weight in _PROGRAM_HEADS:
            if data.startswith(magic):
                best = max(best, weight)
    return best


_SCRIPT_WRITTEN = re.compile(r"(?:fopen\s*\(\s*['\"]([^'\"\s]{1,100}\.(?:pl|py|sh|cgi|rb))['\"]"
                             r"\s*,\s*['\"][wa]"
                             r"|file_put_contents\s*\(\s*['\"]([^'\"\s]{1,100}\.(?:pl|py|sh|cgi|rb))['\"])")
_CMD_CALL = re.compile(r"(?:system|exec|shell_exec|passthru|popen|proc_open)\s*\(")


def _script_written_and_run(low):
    """Position of a command that runs a script file this PHP file writes itself (a dropped back-connect tool)."""
    names = {a or b for a, b in _SCRIPT_WRITTEN.findall(low)}
    if not names:
        return -1
    for match in _calls(_CMD_CALL, low):
        args = _split_args(_call_args(low, match.end()))[0]
        for name in names:
            if re.search(r"(?:^|[\s'\"/])" + re.escape(name.rsplit("/", 1)[-1]) + r"(?![\w.])", args):
                return match.start()
    return -1


_LOGIN_RECORDS = ("/var/log/lastlog", "/var/log/wtmp", "/var/run/utmp", "/var/log/utmp", "/var/log/btmp",
                  "/var/log/secure", "/var/log/messages", "/var/log/auth.log", "/var/log/syslog", "/var/log/maillog",
                  "/var/log/xferlog", ".bash_history", ".ksh_history", ".sh_history", ".zsh_history", ".mysql_history")
_WIPE = re.compile(r"(?<![\w>:$])(?:unlink|file_put_contents|ftruncate)\s*\(|fopen\s*\([^;]{0,200}['\"][wa]b?\+?['\"]"
                   r"|\brm\s+-|\bshred\b|>\s*/var/log|\becho\s*>\s")


def _wipes_login_records(low):
    if "/var/" not in low and "_history" not in low:
        return -1
    if sum(path in low for path in _LOGIN_RECORDS) < 3:
        return -1
    match = _WIPE.search(low)
    return match.start() if match else -1


_COM_SHELL = re.compile(r"new\s+com\s*\(\s*['\"](?:wscript\.shell|shell\.application)['\"]")
_COM_RUN = re.compile(r"->\s*(?:exec|run|shellexecute)\s*\(")


_SHELL_SPAWN = re.compile(r"(?:popen|proc_open)\s*\(\s*(?:['\"](?:/bin/(?:ba)?sh|cmd(?:\.exe)?)['\"]"
                          r"|\$_server\s*\[\s*['\"]comspec['\"]\s*\])\s*,")
_SHELL_HELD = re.compile(r"(\$\w+)\s*=\s*['\"](?:/bin/(?:ba)?sh|cmd(?:\.exe)?)['\"]\s*;")


def _spawns_shell(low):
    """Position of popen/proc_open of the system's interactive shell itself (no command: it reads what it is sent)."""
    match = _SHELL_SPAWN.search(low)
    if match:
        return match.start()
    for held in {m.group(1) for m in _SHELL_HELD.finditer(low)}:
        match = re.search(r"(?<![\w>:$])(?:popen|proc_open)\s*\(\s*['\"]?" + re.escape(held) + r"['\"]?\s*,", low)
        if match:
            return match.start()
    return -1


_REMOTE_TO_PHP = re.compile(
    r"copy\s*\(\s*['\"](?:https?|ftp)://[^'\"\s]{4,300}['\"]\s*,"
    r"\s*['\"][^'\"]{0,200}\.(?:php\d?|phtml)['\"]"
    r"|file_put_contents\s*\(\s*['\"][^'\"]{0,200}\.(?:php\d?|phtml)['\"]\s*,\s*@?\s*file_get_contents\s*\(\s*"
    r"['\"](?:https?|ftp)://")


def _score_flows(low, ev):
    """The signals that follow request input; only where a sink, a callback taker or a runner's name is."""
    connects = any(word in low for word in _CONNECTS)
    if not connects and not _INPUT.search(low):
        return  # no request input, no connection: nothing to follow (most library files stop here)
    code = _code_of(low)
    runner_named = _RUNNER_LITERAL.search(code) is not None
    if not (runner_named or "call_user_func" in code or _first_call(_SINK_CALL, code)
            or _first_call(_TAKER_CALL, code)):
        return
    sources = _INPUT
    if connects:
        sources = re.compile(_INPUT.pattern + "|" + _STREAM_READ.pattern)
    elif "socket_" in code and _SOCKET_READ.search(code):
        sources = re.compile(_INPUT.pattern + "|" + _SOCKET_READ.pattern)
    has_input = sources.search(code) is not None
    functions = _functions(code) if "function" in code else []
    top = _outside_functions(code, functions) if functions else code
    seeds = _registered_globals(top) if len(code) <= 8192 else set()
    if not (has_input or seeds):
        return
    from_input = _tainted(code, (), sources) if has_input else set()
    tainted = _tainted(code, seeds, sources) if seeds else from_input
    pos = _own_function_fed(code, tainted, functions) if functions else -1
    if pos >= 0:
        ev.add("input_through_own_function", 10, pos)
    # A register_globals name is only input outside functions (inside, the same name is a parameter).
    pos = _sink_reached(code, from_input, sources) if has_input else -1
    if pos < 0 and seeds:
        pos = _sink_reached(top, tainted, sources)
    if pos >= 0:
        ev.add("input_interpolated_into_code", 10, pos)
    pos = _callback_from_input(code, tainted)
    if pos >= 0:
        ev.add("callback_from_input", 10, pos)
    if runner_named:
        pos = max(_runner_callback(code, tainted), _runner_held_and_called(code, tainted))
        if pos >= 0:
            ev.add("runner_name_callback_with_input", 6, pos)


def score_flow(text, low, ev):
    """Add this module's signals for one PHP file (``text`` as read, ``low`` its lower-cased form) to ``ev``."""
    if len(low) <= MAX_FLOW_TEXT and "$" in low:
        _score_flows(low, ev)
        if _hidden_runner(text, low) >= 0:
            ev.add("hidden_runner_name_call", 6)
    weight = _embedded_program(text, low) if len(text) >= 64 else 0
    if weight:
        ev.add("embedded_program_written", weight)
    pos = _script_written_and_run(low) if "fopen" in low or "file_put_contents" in low else -1
    if pos >= 0:
        ev.add("script_written_and_run", 10, pos)
    pos = _wipes_login_records(low)
    if pos >= 0:
        ev.add("login_records_wiped", 10, pos)
    if "com" in low and _COM_SHELL.search(low) and _COM_RUN.search(low):
        ev.add("windows_shell_object", 10 if _INPUT.search(low) else 6)
    pos = _spawns_shell(low) if "/bin/" in low or "cmd" in low or "comspec" in low else -1
    if pos >= 0:
        ev.add("interactive_shell_spawned", 10, pos)
    if "://" in low and ".php" in low:
        match = _REMOTE_TO_PHP.search(low)
        if match:
            ev.add("remote_file_saved_as_php", 10, match.start())
