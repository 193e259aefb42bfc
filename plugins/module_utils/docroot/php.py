# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Weighted evidence for web shells and backdoors in PHP.

No single keyword decides: CMS code calls eval() and base64_decode() too. Each
signal below is one kind of evidence with a weight; a file is a web shell when
the weights of the signals it shows add up to the threshold (default 10). The
strongest signals are request input reaching code or command execution, which
legitimate code does not do; obfuscation, decoding chains and shell-UI
features add up only together.

Each pattern is gated by plain substrings (``needs``): a substring test runs
at memory speed, so the slower regular expression only runs on text that can
match it.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import collections
import itertools
import math
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre, phpactions, yarascan

THRESHOLD = 10

# Literal lookups in a large text run over its distinct names instead (runs of a-z, 0-9 and _; together about a
# sixth of the text): a literal that is a name occurs in the text exactly when it occurs in one of the names, and a
# literal holding other characters can only occur where its longest name part does (as the start or end of a name
# where another character follows or precedes it in the literal); only then is the literal looked up in the text.
# The names of the text being scored are kept: PHP, spam and the decoding gates look up literals in the same text.
# Measured on the development split: from 512 characters on, the names are cheaper than the many lookups in the
# whole text (the same verdicts: the lookups answer the same either way).
WORDS_FROM = 512
_NAME_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789_"
TO_NAMES = bytes(c if c in _NAME_BYTES else 0x20 for c in range(256))  # any other byte separates names
_NAME_RUN = lazyre.pattern(r"[a-z0-9_]+")
_LAST_WORDS = [(None, "")]  # the last large text and its names, as one pair


def words_of(low: str):
    """The distinct names of lower-cased ``low``, each between newlines (``low`` itself when it is short), or, for a
    text YARA's automaton has read, a _Names that answers ``in`` the same way without building them."""
    if len(low) < WORDS_FROM:
        return low
    found = _present_in(low)
    if found is not None:
        return _Names(low, found)
    return _for_text(_LAST_WORDS, low, _names_text)


def _names_text(low):
    try:
        raw = low.encode("latin-1")
    except UnicodeEncodeError:  # not text read as latin-1: looked up as it is
        return low
    return "\n%s\n" % b"\n".join(set(raw.translate(TO_NAMES).split())).decode("ascii")


class _Names:
    """words_of() of a text the automaton has read, answering ``in`` as the names would without building them while it
    can: a name (a run of name characters) occurs among the names exactly when it occurs in the text, so the
    automaton's set answers for its literals and the text for other names; a key that anchors a name with newlines
    ("\\nwtmp\\n": the whole name) is absent when its name is. The names are built for anything else."""

    __slots__ = ("low", "present", "literals", "names")

    def __init__(self, low, found):
        self.low = low
        self.present, self.literals, self.names = found

    def holds(self, literal):
        """Whether the text holds ``literal`` (any string; a short one, not in the automaton, is looked up)."""
        return literal in self.present if literal in self.literals else literal in self.low

    def __contains__(self, key):
        name = key.strip("\n")
        if name in self.names:
            if name not in self.present:
                return False
            if name == key:
                return True
        elif name == key and _NAME_RUN.fullmatch(key):
            return key in self.low
        return key in _for_text(_LAST_WORDS, self.low, _names_text)


# Every literal spelled() prepares (at import) is also looked for by YARA's automaton, where yara-python is
# installed: one pass over a large text finds which of them it holds (yarascan.literal_finder), and occurs() and
# heads_in() answer from that set instead of one look-up per literal. The same answers either way.
AUTOMATON_FROM = WORDS_FROM
_SHORT_LITERAL = 3  # shorter ones ("$_", "@") are looked up directly: each stands early in nearly every text
_SPELLED = {}  # the literals, in the order spelled() saw them
_AUTOMATON = []  # [(finder, frozenset of its literals, those of them that are names)], or [None] without
# yara-python; made by prepare() or at the first large text
_LAST_PRESENT = [(None, None)]  # the last large text and (the automaton's literals in it, its literals, those of them
# that are names), as one pair


def spelled(literal: str):
    """How ``literal`` is looked up in words_of(): (the literal, what to look up there, whether the literal itself
    must then be looked up in the text)."""
    if len(literal) >= _SHORT_LITERAL:
        _SPELLED[literal] = None
    runs = list(_NAME_RUN.finditer(literal))
    if not runs:
        return literal, "", True
    run = max(runs, key=lambda m: m.end() - m.start())
    if run.group() == literal:
        return literal, literal, False
    return literal, ("\n" if run.start() else "") + run.group() + ("\n" if run.end() < len(literal) else ""), True


def _ask_names(names):
    """Have the automaton find ``names`` too: names looked up in words_of() with ``in`` as they stand."""
    for name in names:
        spelled(name)


def prepare():
    """Compile now what is otherwise compiled at its first use: the signal patterns, the engine's other patterns
    (lazyre) and the automaton of _SPELLED's literals. Compiled before a scan forks its workers, they are shared
    instead of built again in each (the automaton's tables are about 8 MB)."""
    for pattern in _HeadPattern.every:
        pattern.compiled()
    lazyre.compile_all()
    _load_automaton()


def _load_automaton():
    if not _AUTOMATON:
        literals = tuple(_SPELLED)
        finder = yarascan.literal_finder(literals)
        names = frozenset(literal for literal in literals if _NAME_RUN.fullmatch(literal))
        _AUTOMATON.append(None if finder is None else (finder, frozenset(literals), names))
    return _AUTOMATON[0]


def automaton_literals():
    """The automaton's literals in a fixed order, for a YARA pass that looks for them beside other rules
    (yarascan.load); take_present() then keeps what it found. Every literal is registered at import."""
    return tuple(_SPELLED)


def take_present(low, present):
    """Keep ``present`` (yarascan.read's literals found in a file and the literals looked for) as the automaton's
    answer for the file's lower-cased text ``low``: the same set its own pass over ``low`` would give."""
    if present is None or len(low) < AUTOMATON_FROM:
        return
    automaton = _load_automaton()
    if automaton is not None and len(present[1]) == len(automaton[1]):  # the same literals: _SPELLED only grows
        _LAST_PRESENT[0] = (low, (present[0], automaton[1], automaton[2]))


def _present_in(low):
    """(the set of the automaton's literals that occur in ``low``, the automaton's literals, those that are names) for a
    large text, or None where YARA did not read it (no yara-python, a text beyond latin-1, a timeout)."""
    if len(low) < AUTOMATON_FROM:
        return None
    return _for_text(_LAST_PRESENT, low, _read_by_automaton)


def _read_by_automaton(low):
    automaton = _load_automaton()
    if automaton is None:
        return None
    finder, literals, names = automaton
    try:
        present = finder(low.encode("latin-1"))
    except UnicodeEncodeError:
        return None
    return None if present is None else (present, literals, names)


def occurs(spelling, low: str, words) -> bool:
    """Whether the literal of ``spelling`` (from spelled()) occurs in ``low``, whose words_of() are ``words``."""
    literal, key, confirm = spelling
    if words is low:
        return literal in low
    if words.__class__ is _Names:
        return words.holds(literal)
    return key in words and (not confirm or literal in low)


def holds_any(literals: frozenset, low: str, words, maybe=None) -> bool:
    """Whether any of ``literals`` (each given to spelled() at import, so the automaton looks for it) occurs in ``low``,
    whose words_of() are ``words``: one set operation where the automaton has read the text; else, unless the cheap
    test ``maybe(low)`` rules them all out, one look-up each."""
    if words.__class__ is _Names:
        return not words.present.isdisjoint(literals)
    return (maybe is None or maybe(low)) and any(literal in low for literal in literals)


# Request input: superglobals and the other ways a request reaches a script (text is lower-cased).
INPUT = (r"(?:\$_(?:get|post|request|cookie|files|session|env|server\s*\[\s*['\"]?(?:http_|query_string|request_uri))"
         r"|\$http_(?:get|post|cookie|post_files)_vars|\$http_post_files|getallheaders\s*\(|apache_request_headers\s*\("
         r"|php://input|getenv\s*\(\s*['\"]http_|filter_input(?:_array)?\s*\(\s*input_(?:get|post|request|cookie|server|env))")
INPUT_RE = lazyre.pattern(INPUT)
INPUT_NEEDS = ("$_", "$http_", "getallheaders", "apache_request_headers", "php://input", "getenv", "filter_input")
CODE_SINKS = "eval|assert|create_function"
CMD_SINKS = "system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec|expect_popen"
CALLBACKS = (r"call_user_func(?:_array)?|array_map|array_filter|array_walk(?:_recursive)?|usort|uasort|uksort"
             r"|array_reduce|register_shutdown_function|register_tick_function|forward_static_call(?:_array)?"
             r"|array_(?:intersect|diff)_u?(?:assoc|key)|array_u(?:intersect|diff)(?:_u?assoc)?|iterator_apply"
             r"|ob_start|preg_replace_callback(?:_array)?|mb_ereg_replace(?:_callback)?|mb_eregi_replace"
             r"|set_error_handler|set_exception_handler|header_register_callback")
SINK_NAMES = ("eval|assert|system|shell_exec|passthru|exec|popen|proc_open|pcntl_exec|create_function"
              "|call_user_func|call_user_func_array|preg_replace|array_map|array_walk|array_filter|usort|uasort"
              "|uksort|register_shutdown_function|base64_decode|gzinflate|str_rot13")
_ARGS = r"\s*\(\s*(?:@|\(|\s|[a-z_0-9]+\s*\(|\$\w+\s*\.|['\"][^'\"\n]{0,40}['\"]\s*\.)*"
# ... and the start of a double-quoted string that interpolates the input ("$_GET[c] 2>&1"): once, at the end, so
# the repetition above stays unambiguous.
_ARGS += r"(?:\"[^\"$\n]{0,40}\{?)?"
_CMD_NEEDS = ("system", "exec", "passthru", "popen", "proc_open")
_CB_NEEDS = ("call_user_func", "array_", "usort", "uasort", "uksort", "register_", "forward_static", "iterator_apply",
             "ob_start", "preg_replace_callback", "ereg", "set_e", "header_register")

INPUT_HEADS = ("$_get", "$_post", "$_request", "$_cookie", "$_files", "$_server", "$_env", "$http_", "getallheaders",
               "apache_request_headers", "php://input", "getenv", "filter_input")
_CODE = ("eval", "assert", "create_function")
COMMAND_NAMES = ("system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec", "expect_popen")
# Functions whose FIRST argument is the callback, and those where it comes later.
_CB_FIRST = ("call_user_func", "call_user_func_array", "array_map", "register_shutdown_function",
             "register_tick_function", "forward_static_call", "forward_static_call_array", "ob_start",
             "set_error_handler", "set_exception_handler", "header_register_callback", "iterator_apply",
             "spl_autoload_register", "session_set_save_handler", "libxml_set_external_entity_loader",
             "readline_completion_function")
_CB_LATER = ("array_filter", "array_walk", "usort", "uasort", "uksort", "array_reduce", "array_intersect_u",
             "array_diff_u", "array_uintersect", "array_udiff", "preg_replace_callback", "mb_ereg_replace",
             "mb_eregi_replace", "iterator_apply", "xml_set_element_handler", "xml_set_character_data_handler",
             "xml_set_default_handler", "xml_set_processing_instruction_handler", "sqlite_create_function",
             "ldap_set_rebind_proc")
_DECODERS = ("base64_decode", "gzinflate", "gzuncompress", "gzdecode", "str_rot13", "strrev", "hex2bin",
             "convert_uudecode")
_SINK_LITS = tuple("'%s'" % n for n in SINK_NAMES.split("|")) + tuple('"%s"' % n for n in SINK_NAMES.split("|"))
_DYN_CB = (r"\s*\(\s*(?:\$(?!this\b)\w+(?:\[[^\]\n]*\])?\s*[,.]|['\"](?:%s)['\"]"
           r"|[^,;()]{0,40}\.\s*['\"])[^;]{0,160}?%s" % (SINK_NAMES, INPUT))
_LATE_DYN_CB = (r"\w*\s*\([^;]{0,160}?%s[^;]{0,160}?,\s*(?:\$(?!this\b)\w+"
                r"(?:\[[^\]\n]*\])*|['\"](?:%s)['\"]|[^,;()]{0,60}\.[^,;()]{0,60})"
                r"\s*\)\s*;" % (INPUT, SINK_NAMES))
_ASSERT_DECODER = (r"\s*\(\s*@?\s*(?:base64_decode|gzinflate|gzuncompress|str_rot13"
                   r"|strrev|hex2bin|urldecode|rawurldecode|stripslashes)\s*\(")
_PREG_E = r"\s*\(\s*['\"]([^\w\s\\])[^'\"]{0,200}\1[a-z]*e[a-z]*['\"]"
_CODE_WORDS = r"eval|assert|system|exec|passthru|popen|proc_open|create_function|base64_decode|gz\w+|str_rot13|\$_"
_OWN_CODE_LITERAL = (r"(?!['\"]\s*(?:\\{1,2}\d|\$\{?\d\}?)\s*['\"])"
                     r"(?:'(?:(?!%s)[^'\\]|\\[^x])*'|\"(?:(?!%s)[^\"\\]|\\[^x])*\")\s*," % (_CODE_WORDS, _CODE_WORDS))
_SUPPRESSED = r"\s*(?:eval|assert|system|passthru|shell_exec|exec|popen|proc_open)\s*\(\s*[^'\"\s)]"
_TO_PHP_NAME = r"\s*\([^;]{0,120},\s*['\"][^'\"\n]{0,80}\.ph(?:p\d?|tml|ar)['\"]\s*\)"
_EVAL_DECODER = (r"\s*\(\s*@?\s*(?:\(\s*)?(?:base64_decode|gzinflate|gzuncompress|gzdecode"
                 r"|str_rot13|strrev|hex2bin|convert_uudecode|rawurldecode|urldecode|pack)\s*\(")
# A variable's whole name, never given back: what follows it in the patterns below cannot continue a name, so a
# shorter name could never match, and trying each one cost a step per character of every variable in the text.
# (An atomic group written the portable way: a look-ahead captures the name, the back-reference consumes it.)
_WHOLE_NAME = r"(?=(\w+))\1"
_OFFSET = r"(?:\{\s*\d+\s*\}|\[\s*\d+\s*\])"  # a constant string offset: $s[4], $s{4}
# name: (weight, heads: the literal each match starts with, the pattern's tail after the head)
SIGNALS = {
    "input_to_code": (12, _CODE, r"%s%s" % (_ARGS, INPUT)),
    "input_to_command": (12, COMMAND_NAMES, r"%s%s" % (_ARGS, INPUT)),
    "input_to_callback": (10, _CB_FIRST, r"\s*\(\s*@?\s*(?:\(\s*)?%s" % INPUT),
    "input_to_late_callback": (10, _CB_LATER, r"\w*\s*\((?:[^;()]|\((?:[^;()]|\([^;()]*\))*\)){0,120}?,\s*@?\s*%s[^;,]{0,60}\)\s*;" % INPUT),
    "input_with_dynamic_callback": (10, _CB_FIRST, _DYN_CB),
    "input_with_late_dynamic_callback": (10, _CB_LATER, _LATE_DYN_CB),
    "bare_sink_callback": (10, _CB_FIRST, r"\s*\(\s*(?:%s)\s*,[^;]{0,120}?%s" % (SINK_NAMES, INPUT)),
    "call_result_called_with_input": (8, (")",), r"\s*\(\s*@?\s*%s" % INPUT),
    "mb_ereg_e": (10, ("mb_ereg_replace", "mb_eregi_replace"), r"\s*\([^;]{0,200},\s*['\"][a-z]*e[a-z]*['\"]\s*\)"),
    "upload_to_php_name": (10, ("move_uploaded_file",), _TO_PHP_NAME),
    "socket_with_commands": (8, ("fsockopen", "socket_create", "stream_socket_client"),
                             r"\s*\([\s\S]{0,1500}?(?<![\w>:$])(?:system|passthru|shell_exec|popen|proc_open)\s*\("),
    "input_to_include": (8, ("include", "require"), r"(?:_once)?\s*\(?\s*%s" % INPUT),
    "input_as_function": (12, INPUT_HEADS, r"\w*\s*(?:\[[^\]\n]{0,60}\]\s*){1,3}\("),
    "input_to_variable_function": (7, ("$",), _WHOLE_NAME + r"\s*\(\s*@?\s*(?:\w+\s*\(\s*)*%s" % INPUT),
    "input_to_file_write": (4, ("file_put_contents", "fwrite", "fputs"), r"\s*\([^;]{0,120}%s" % INPUT),
    "upload_to_input_path": (10, ("move_uploaded_file", "copy"),
                             r"\s*\(\s*\$(?:_files|http_post_files)[^;]{0,80},\s*"
                             r"(?:[^;,()]{0,60}\.\s*)?(?:\$_(?:post|get|request)|\$(?:_files|http_post_files)\s*\[[^\]]+\]"
                             r"\s*\[\s*['\"]name)"),
    "input_decoded": (4, ("base64_decode", "gzinflate", "str_rot13", "gzuncompress"), r"\s*\(\s*@?\s*%s" % INPUT),
    "input_to_variable_variables": (6, ("'_", '"_'), r"(?:post|get|request|cookie)['\"][\s\S]{0,200}\$\$\w+\s*="),
    # preg_replace's /e runs the replacement as PHP. Applications written before PHP 5.5 gave it a literal of their own
    # code ("color_txt('\\1')"); a shell gives request input, a variable, an expression, escaped bytes, a sink's name or
    # a bare back-reference (the subject itself runs).
    "preg_replace_e": (4, ("preg_replace", "preg_filter"), _PREG_E),
    "preg_replace_e_code": (10, ("preg_replace", "preg_filter"), _PREG_E + r"\s*,(?!\s*%s)" % _OWN_CODE_LITERAL),
    "eval_of_call": (8, ("eval",), r"\s*\(\s*@?\s*(?:\(\s*)?[a-z_][\w\\]*\s*\("),
    "eval_of_variable_call": (8, ("eval", "assert"), r"\s*\(\s*@?\s*\$\w+\s*\("),
    "assert_of_decoder": (9, ("assert",), _ASSERT_DECODER),
    "eval_of_variable": (4, ("eval",), r"\s*\(\s*@?\s*\$"),
    "assert_variable": (3, ("assert",), r"\s*\(\s*@?\s*\$\w+\s*\)"),
    # (A URL-decoded parameter then base64-decoded is how web pages pass data in links, not a packing layer.)
    "decoder_chain": (5, _DECODERS, r"\s*\(\s*@?\s*(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev"
                                    r"|hex2bin|convert_uudecode)\s*\("),
    "create_function": (3, ("create_function",), r"\s*\("),
    "assert_string": (3, ("assert",), r"\s*\(\s*['\"]"),
    "sink_name_called": (10, _SINK_LITS, r"\s*\("),
    "sink_name_literal": (4, tuple(s for s in _SINK_LITS if s[1:-1] in (
        "eval", "assert", "shell_exec", "passthru", "proc_open", "pcntl_exec", "create_function", "call_user_func",
        "call_user_func_array", "base64_decode", "gzinflate", "str_rot13")), ""),
    "variable_function": (2, ("$",), _WHOLE_NAME + r"\s*(?:\[[^\]\n]{0,40}\]|\{[^}\n]{0,40}\})?\s*\(\s*[$@'\"]"),
    # A name spelled from single characters of strings, three pieces or more ($s[4].$s[0].$s[9]); two pieces are
    # a byte pair or a prefix test ($c[0].$c[1] of a hex pair, $q[0] . $q[1] == '--' in an SQL splitter).
    "string_offset_function": (6, ("$",), _WHOLE_NAME + r"\s*%s(?:\s*\.\s*\$\w+\s*%s){2}" % (_OFFSET, _OFFSET)),
    "globals_indirection": (4, ("${", "$globals"), r"\s*['\"$]|\s*\[\s*\$globals\s*\["),
    "error_suppressed_sink": (3, ("@",), _SUPPRESSED),
    "reverse_shell": (10, ("/bin/sh", "/bin/bash", "nc -e", "/dev/tcp/", "cmd.exe", "fsockopen", "socket_create"),
                      r"(?<=/bin/sh)\s+-i|(?<=/bin/bash)\s+-i|(?<=nc -e)(?<!\wnc -e)\s|(?<=/dev/tcp/)|(?<=cmd\.exe)\s*/c"
                      r"|(?<=fsockopen)\s*\([^;]{0,200}(?:/bin/sh|cmd\.exe)|(?<=socket_create)[\s\S]{0,400}proc_open"),
    # A process of the system's own command interpreter (an interactive shell over pipes or a socket).
    # (Named alone, maybe as the first item of an argument array; by path, or by the variable Windows keeps it in.)
    "command_interpreter_process": (10, COMMAND_NAMES, r"\s*\(\s*@?\s*(?:array\s*\(\s*|\[\s*)?(?:\$_server\s*\[\s*['\"]comspec"
                                    r"|getenv\s*\(\s*['\"]comspec|['\"](?:(?:/usr)?/bin/(?:ba|da|z|k|c|tc)?sh"
                                    r"|(?:[a-z]:[\\/][^'\"\n]{0,60}[\\/])?(?:cmd|powershell)(?:\.exe)?)['\"])"),
    # Ways round disable_functions: a library preloaded into the next program PHP starts (mail() runs sendmail),
    # imap_open()'s rsh command, a C function such as system() called through FFI.
    # (LD_PRELOAD given a value: putenv('LD_PRELOAD=') clears it; the proxy command only where imap_open() runs.)
    "ld_preload_set": (10, ("putenv",), r"\s*\(\s*['\"]ld_preload=(?:[^'\"\s]|['\"]\s*\.)"),
    "imap_proxy_command": (10, ("-oproxycommand", "-o proxycommand"), r"\s*="),
    "ffi_native_command": (10, ("ffi::cdef",),
                           r"\s*\(\s*(?:'[^']{0,600}?|\"[^\"]{0,600}?)\b(?:system|popen|execve?|execl|execvp)\s*\("),
    # Another language's interpreter embedded in PHP (the perl, lua and v8js extensions) given code to run.
    "embedded_interpreter_eval": (10, ("new",), r"\s+\\?(?:perl|lua|v8js)\b\s*(?:\([^;()]{0,80}\))?\s*;"
                                  r"[\s\S]{0,300}?->\s*(?:eval|executestring)\s*\("),
    # Windows' scripting host or shell object created from PHP and told to run something.
    "com_shell_object": (10, ("wscript.shell", "shell.application"),
                         r"['\"]?\s*[,)][\s\S]{0,600}?->\s*(?:exec|run|shellexecute)\s*\("),
    # filter_var()'s FILTER_CALLBACK given a sink by name: the filter calls it with the value (the request's).
    "filter_callback_sink": (10, ("filter_callback",),
                             r"\s*,[^;]{0,200}?['\"]options['\"]\s*=>\s*['\"](?:%s|call_user_func(?:_array)?)['\"]"
                             % (CODE_SINKS + "|" + CMD_SINKS)),
    # Code fetched from another host as text or a picture (so that host serves it instead of running it), or from a
    # bare IP address, and saved under a PHP name. An installer's download (getcomposer.org/installer) is neither.
    "remote_script_saved": (10, ("copy",), r"\s*\(\s*['\"](?:https?|ftp)://(?:(?:\d{1,3}\.){3}\d{1,3}[:/'\"][^'\"\s]{0,200}"
                                           r"|[^'\"\s]{1,200}\.(?:txt|jpe?g|gif|png|ico|dat|log))['\"]\s*,\s*['\"][^'\"]{0,200}"
                                           r"\.(?:php\d?|phtml|phar)['\"]"),
    # An object's own property run as code or a command when PHP destroys, wakes or prints the object: a gadget an
    # unserialize() of request data (or any object the attacker can fill) sets off.
    # The property itself is the argument (assert($this->stack === []) checks a value, it runs nothing).
    "magic_method_runs_property": (6, ("function",), r"\s+__(?:destruct|wakeup|tostring|unserialize)\s*\([^)]{0,80}\)"
                                   r"\s*(?::\s*\w+\s*)?\{[^}]{0,400}?(?<![\w>:$])(?:%s)\s*\(\s*@?\s*\$this\s*->\s*\w+\s*[),]"
                                   % (CODE_SINKS + "|" + CMD_SINKS)),
    "hidden_404_login": (4, ("header",), r"\s*\(\s*['\"]http/1\.[01]\s+404[\s\S]{0,600}\$_(?:post|get|request|cookie)"),
    "password_gate": (3, ("md5", "sha1"), r"\s*\(\s*\$_(?:post|get|request|cookie)\s*\[[^\]]+\]\s*\)\s*[!=]="),
    "stealth_settings": (1, ("error_reporting", "set_time_limit"),
                         r"(?<=error_reporting)\s*\(\s*(?:0|null)\s*\)[\s\S]{0,300}set_time_limit\s*\(\s*0\s*\)"
                         r"|(?<=set_time_limit)\s*\(\s*0\s*\)[\s\S]{0,300}error_reporting\s*\(\s*(?:0|null)\s*\)"),
    "php_input_stream": (3, ("php://input",), ""),
    "xor_decoder": (3, ("^",), r"\s*\$\w+\s*[\[{](?<=[\[{])"),
    "remote_code": (6, ("file_get_contents", "curl_exec", "fopen", "file"),
                    r"\s*\(\s*['\"]https?://[\s\S]{0,300}\b(?:eval|assert|include|require)\s*\(?\s*\$"),
    "crypto_eval_loader": (8, ("openssl_decrypt", "mcrypt_decrypt"), r"[\s\S]{0,1500}(?:eval|assert)\s*\("),
    "eval_of_decoder": (10, ("eval",), _EVAL_DECODER),
    "xsl_php_functions": (5, ("registerphpfunctions",), ""),
    "invoke_eval_class": (6, ("function",), r"\s+\w+\s*\(\s*\$\w+\s*\)\s*\{\s*@?eval\s*\(\s*\$"),
    # include('php://input') or a data: URI runs the request body (or an inline payload) as PHP.
    "include_of_stream": (12, ("include", "require"), r"(?:_once)?\s*\(?\s*['\"](?:php://input|data:)"),
    # Code run from inside an archive saved under another type's name (include 'phar://readme.txt/x'): a PHAR
    # archive disguised as a text or a picture. An application's own archive is named .phar.
    "include_of_disguised_archive": (10, ("include", "require"),
                                     r"(?:_once)?\s*\(?\s*['\"]phar://[^'\"/\n]{0,200}\.(?:txt|jpe?g|png|gif|ico|bmp|webp|zip"
                                     r"|log|dat|css|js|json|xml|html?|pdf|docx?|mp[34]|svg)/"),
    # The whole include path is request input (not a suffix-bound page name): remote or local file inclusion.
    "input_is_include_path": (4, ("include", "require"),
                              r"(?:_once)?\s*\(?\s*@?\s*%s\w*\s*(?:\[[^\]\n]{0,40}\]\s*)?\)?\s*;" % INPUT),
    # A function name taken from an array element and called with request input ($a[0]['k']($_POST['x'])).
    "input_to_indexed_function": (7, ("$",), _WHOLE_NAME + r"\s*(?:\[[^\]\n]{0,40}\]\s*){1,3}\(\s*@?\s*%s" % INPUT),
    # A closure or reflected method invoked with request input (Closure::fromCallable($f)->__invoke($_GET[1])).
    "input_to_reflection_call": (8, ("invoke", "newinstance", "fromcallable"),
                                 r"\w*\s*\((?:[^;]{0,100}?->\s*(?:__invoke|invoke\w*|call)\s*\()?\s*@?\s*%s" % INPUT),
    # Request input echoed into an output buffer whose callback was installed just before (the callback sees it).
    "input_echoed_to_buffer_callback": (6, ("ob_start",), r"\s*\(\s*(?:function|\$|['\"](?!ob_gzhandler))"
                                        r"[\s\S]{0,300}?(?:echo|print)\s*\(?\s*%s" % INPUT),
    # XSLT allowed to call PHP functions, and a stylesheet calling a sink through php:function().
    "xsl_function_sink": (10, (":function",), r"\s*\(\s*\\?['\"](?:%s)\\?['\"]" % SINK_NAMES),
    # preg_replace whose pattern is built at run time and ends with the /e modifier ('/' . $p . '/e').
    "preg_replace_built_e": (10, ("preg_replace",),
                             r"\s*\(\s*(?:[^,;'\"()]|'[^'\n]{0,80}'|\"[^\"\n]{0,80}\"|\([^,;()]{0,40}\)){1,80}?"
                             r"['\"][/#~|!@%]?[imsxuadj]*e[imsxuadj]*['\"]\s*,"),
    # A file written at a path the request chooses.
    "input_chosen_write_path": (6, ("file_put_contents", "fopen"),
                                r"\s*\(\s*@?\s*%s[\w'\"\[\]\s]{0,60},\s*(?:['\"][wax]|(?!\s|['\"]r))" % INPUT),
    # Sockets opened to a host the request names (flooders, port scanners, proxies).
    "input_to_socket": (5, ("fsockopen", "pfsockopen", "stream_socket_client", "socket_connect"),
                        r"\s*\(\s*(?:\$\w+\s*,\s*)?(?:['\"][a-z]{0,5}(?:://)?['\"]\s*\.\s*)?%s" % INPUT),
}
# Heads that must not continue a longer word (eval inside "medieval", exec inside "curl_exec" is fine: both sinks).
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_$>:")
_NO_BOUNDARY = ("$", "`", "@", "^", ")", "'", '"', "${", "$globals", "php://input", "'_", '"_', ":function", "registerphpfunctions", "invoke",
                "newinstance", "fromcallable")


# The compiled tails, shared by the heads of a signal: a head's pattern is its literal and the signal's tail, and
# compiling each head with its tail took about 0.15 s of a full scan's serial start (343 patterns; 70 compiled now).
_TAILS = {}


def _has_top_level_alternative(pattern):
    """Whether ``pattern`` has a ``|`` outside any group, character class or escape."""
    depth, i, size = 0, 0, len(pattern)
    while i < size:
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # to the class's end; a ] right after [ or [^ is one of its characters
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if i < size and pattern[i] == "]" else 0
            while i < size and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False


class _HeadMatch:
    """A match of a head's pattern: the head found at ``begin`` and its tail's match ``tail`` right after it (what
    re.finditer(escape(head) + tail) gives: its start, end, text and the tail's groups)."""

    __slots__ = ("text", "begin", "tail")

    def __init__(self, text, begin, tail):
        self.text, self.begin, self.tail = text, begin, tail

    def start(self):
        return self.begin

    def end(self):
        return self.tail.end()

    def group(self, index=0):
        return self.text[self.begin:self.tail.end()] if index == 0 else self.tail.group(index)


class _HeadPattern:
    """One head's pattern: the head looked up as a literal, the signal's tail matched right after it. The tail is
    compiled the first time a text holding the head is searched: a run that reads few files, such as a re-scan,
    compiles few of them (prepare() compiles them all before a scan forks its workers)."""

    __slots__ = ("head", "tail", "rx", "whole")
    every = []

    def __init__(self, head, tail):
        self.head, self.tail, self.rx, self.whole = head, tail, None, None
        _HeadPattern.every.append(self)

    def compiled(self):
        if self.rx is None:
            # Compiled whole, as written: a short head ($, ', @ ...), met too often for a lookup in Python each time,
            # and a tail with an alternative of its own at the top (x|y), which makes head + tail mean (head x)|y.
            # Decided here, not at import: reading 343 tails a character at a time took 30 ms of every run's start.
            self.whole = len(self.head) <= 3 or _has_top_level_alternative(self.tail)
            source = re.escape(self.head) + self.tail if self.whole else self.tail
            rx = _TAILS.get(source)
            if rx is None:
                rx = _TAILS[source] = re.compile(source)
            self.rx = rx
        return self.rx

    def finditer(self, text):
        """The matches re.finditer(escape(head) + tail, text) gives, in order and without overlap."""
        rx = self.rx or self.compiled()
        return rx.finditer(text) if self.whole else self._after_head(rx, text)

    def _after_head(self, tail, text):
        """The head found as a literal, the tail matched right after it: matched at a position, the tail still sees
        the text before it (look-behinds, word boundaries)."""
        head = self.head
        pos = text.find(head)
        while pos != -1:
            match = tail.match(text, pos + len(head))
            if match is None:
                pos = text.find(head, pos + 1)
                continue
            yield _HeadMatch(text, pos, match)
            pos = text.find(head, match.end())


def _compile(heads, tail):
    if tail.startswith("(?<="):
        # Alternatives that each look behind for their own head: grouped after the head, so every alternative starts
        # with a literal (an ungrouped look-behind alternative is tried at every position of the text).
        tail = "(?:%s)" % tail
    return [(head, head not in _NO_BOUNDARY and not head.startswith(("$_", "$http", "'", '"', "/", "nc ")),
             _HeadPattern(head, tail)) for head in heads]


# (name, weight, its patterns, heads)
_COMPILED = [(name, weight, _compile(heads, tail), frozenset(heads)) for name, (weight, heads, tail) in SIGNALS.items()]


def _signals_of_heads():
    """The places in _COMPILED of the signals each head starts: a text's signals to try are those of the heads it
    holds, in _COMPILED's order (the order they are scored in), without asking every signal about its heads."""
    places = {}
    for index, (_name, _weight, _compiled, heads) in enumerate(_COMPILED):
        for head in heads:
            places.setdefault(head, []).append(index)
    return places


_SIGNALS_OF_HEAD = _signals_of_heads()


def _signals_to_try(present):
    """The entries of _COMPILED with a head in ``present`` (heads_in()), in _COMPILED's order."""
    return [_COMPILED[i] for i in sorted({i for head in present for i in _SIGNALS_OF_HEAD.get(head, ())})]


def _callback_of_this_call(low, match):
    """Whether the callback that ends ``match`` is an argument of the call it starts with: the call's arguments
    (phpactions.call_args) reach past the comma before the callback (in self::load(array_filter($_SESSION['x']), $y);
    $y is load()'s)."""
    text = match.group()
    arguments = match.start() + text.find("(") + 1
    return arguments + len(phpactions.call_args(low, arguments)) > match.start() + text.rfind(",")


# A variable variable named by a word and a variable (${'gtypelist' . $type}, ${"package_{$key}"}): one of a family of
# the file's own variables ($gtypelist1, $gtypelist2 ...). Obfuscation spells a superglobal's name this way instead
# (${'_' . 'POST'}, ${'GLO' . $x}, ${'HTTP_' . $x}): a word starting with "_", "http" or a piece of "globals" still counts.
_VARIABLE_FAMILY = lazyre.pattern(r"\$\{\s*(?:(['\"])([a-z][a-z0-9_]*)\1\s*\.\s*\$\w+|\"([a-z][a-z0-9_]*)\{?\$\w+\}?\")\s*\}")


def _not_a_variable_family(low, match):
    """Whether the indirection at ``match`` may reach a superglobal: it is not a word-and-variable family name."""
    family = _VARIABLE_FAMILY.match(low, match.start())
    if family is None:
        return True
    word = family.group(2) or family.group(3)
    return "globals".startswith(word) or word.startswith("http")


# Signals whose matches are confirmed by a check a pattern cannot make (counting brackets, reading a name).
_ACCEPT = {"input_with_late_dynamic_callback": _callback_of_this_call, "globals_indirection": _not_a_variable_family}
# Signals that count only where the text also holds this call (an ssh command line is not imap_open's).
_ALSO_NEEDS = {"imap_proxy_command": "imap_open"}


_CAST = lazyre.pattern(r"\(\s*(?:int|integer|bool|boolean|float|double|real|string|array|object|binary|unset)\s*\)$")
_AVAILABILITY = lazyre.pattern(r"(?:\w*(?:exists|usable|callable|available|enabled|disabled|allowed)|in_array)\s*\(\s*$"
                               r"|disable_functions")
# A name compared with a value or a case label ($call['function'] == 'call_user_func_array' in an error tracer):
# the name is tested, not taken as a function.
_COMPARED_BEFORE = lazyre.pattern(r"(?:[=!]=|<>|\bcase)\s*$")
_COMPARED_AFTER = lazyre.pattern(r"\s*(?:[=!]=|<>)")
_COMMENT_LINE = lazyre.pattern(r"[ \t]*(?:\*|//|#(?!\[))")  # (#[...] starts a PHP 8 attribute, not a comment)


_ALL_HEADS = sorted({head for _name, (_w, heads, _t) in SIGNALS.items() for head in heads})
# Quoted heads ('system') are looked up only where the bare name occurs: most texts hold few of them.
_BARE_HEADS = sorted({head.strip("'\"") for head in _ALL_HEADS})
_QUOTED_OF = {bare: tuple((h, spelled(h)) for h in _ALL_HEADS if h != bare and h.strip("'\"") == bare)
              for bare in _BARE_HEADS}
# A head is looked up only where the longest shorter literal it contains (another head or one of these stems)
# occurs: "shell_exec" after "exec", the array_* callbacks after "array_".
_STEMS = ("$_", "array_", "set_e", "mb_ereg", "gz", "register_", "_decode", "socket", "open")


def _parents():
    names = sorted(set(_BARE_HEADS) | set(_STEMS), key=len)
    out = []
    for name in names:
        inside = [other for other in names if len(other) < len(name) and other in name and other not in ("$", "_")]
        out.append((name, max(inside, key=len) if inside else None, spelled(name)))
    return out


_LOOKUPS = _parents()


_EVERY_HEAD = {name for name, _parent, _spelling in _LOOKUPS} | {q for quoted in _QUOTED_OF.values() for q, _s in quoted}
_AUTOMATON_HEADS = frozenset(head for head in _EVERY_HEAD if len(head) >= _SHORT_LITERAL)
_SHORT_HEADS = tuple(sorted(_EVERY_HEAD - _AUTOMATON_HEADS))


def heads_in(low):
    """The set of signal heads (and stems) that occur in ``low`` (each literal looked up once per text)."""
    found = _present_in(low)
    if found is not None:
        present = found[0] & _AUTOMATON_HEADS
        present.update(name for name in _SHORT_HEADS if name in low)
        return present
    words = words_of(low)
    short = words is low
    present = set()
    for name, parent, (_name, key, confirm) in _LOOKUPS:
        if parent is not None and parent not in present:
            continue
        # occurs() written out: this loop runs some sixty times per text.
        if name in low if short else key in words and (not confirm or name in low):
            present.add(name)
            quoted = _QUOTED_OF.get(name)
            if quoted:
                present.update(q for q, spelling in quoted if occurs(spelling, low, words))
    return present


# A loop over a registry the application fills (hooks in $GLOBALS, an object's or a class's property): the function
# its variable names was registered by code elsewhere, not written in this file nor sent by the request.
_REGISTRY_LOOP = lazyre.pattern(r"foreach\s*\(\s*(?:\$globals\s*\[|\$this\s*->|(?:self|static|[a-z_]\w*)\s*::\s*\$)"
                                r"[^;{)]{0,200}\)?[^;{]{0,40}?\bas\s+&?(\$\w+)(?:\s*=>\s*&?(\$\w+))?\s*\)")
_VARIABLE_NAME = lazyre.pattern(r"\$\w+")
_LAST_REGISTRY = [(None, frozenset())]  # the last text and its registry loop variables, as one pair


def _for_text(slot, low, compute):
    """``compute(low)``, kept in ``slot`` (a one-item list holding the last text and its value, as one pair) so that
    a text asked about many times (once per variable call) is computed once."""
    last = slot[0]
    if last[0] is not low and last[0] != low:  # (a copy of the same text, lowered again: compared in C)
        last = (low, compute(low))
        slot[0] = last  # one assignment of a pair: a thread never sees a text with another's value
    return last[1]


# The same over a variable the file declares global and never fills ("global $filters; foreach ($filters[$kind] as
# $f) $v = $f($v);"): the application filled it elsewhere (an array of literals the file fills itself is no registry;
# setting it to an empty array only declares it).
_GLOBAL_LOOP = lazyre.pattern(r"foreach\s*\(\s*(\$\w+)\s*(?:\[[^\]\n;{]{0,80}\]\s*)?\s+as\s+&?(\$\w+)(?:\s*=>\s*&?(\$\w+))?\s*\)")
# An assignment to the variable or one of its elements, other than of an empty array (declaring the registry).
_FILLED = lazyre.pattern(r"(\$\w+)\s*(?:\[[^\]\n]{0,80}\]\s*)*=(?![=>])(?!\s*(?:\[\s*\]|array\s*\(\s*\))\s*;)")
_GLOBAL_DECLARED = lazyre.pattern(r"(?<!\w)global\s+(\$\w+(?:\s*,\s*\$\w+)*)\s*;")


def _registry_names(low):
    if "foreach" not in low:
        return frozenset()
    names = {name for m in _REGISTRY_LOOP.finditer(low) for name in m.groups() if name}
    if "global" in low:
        declared = {v.strip() for m in _GLOBAL_DECLARED.finditer(low) for v in m.group(1).split(",")}
        loops = [m for m in _GLOBAL_LOOP.finditer(low) if m.group(1) in declared] if declared else []
        filled = set(_FILLED.findall(low)) if loops else ()
        for m in loops:
            if m.group(1) not in filled:
                names.update(name for name in m.groups()[1:] if name)
    return frozenset(names)


def _registry_callable(low, start):
    """Whether the variable at ``start`` is bound by a loop over an application registry (_REGISTRY_LOOP)."""
    names = _for_text(_LAST_REGISTRY, low, _registry_names)
    if not names:
        return False
    match = _VARIABLE_NAME.match(low, start)
    return match is not None and match.group() in names


# A variable given a closure, the closure's keyword and first parameter ($redirect = function ($url) use ($json) {...};
# $f = static fn($x) => ...); any assignment at all.
_CLOSURE_ASSIGNED = lazyre.pattern(r"(\$\w+)\s*=\s*(?:static\s+)?(function|fn)\s*\(\s*(\$\w+)?")
_VARIABLE_SET = lazyre.pattern(r"(\$\w+)\s*=(?![=>])")
_CALLED_VARIABLE = lazyre.pattern(r"(\$\w+)\s*\(")  # the variable called (not one indexed: $table[4] . $table[0])
_LAST_CLOSURES = [(None, frozenset())]  # the last text and its variables holding only closures, as one pair


CLOSURE_REACH = 1000  # how much of a closure is read for what it could run
_BRACE = lazyre.pattern(r"[{}]")
# What a closure must not do to count as the file's own harmless code: run code or commands, include a file, call a
# function chosen by a name or a variable.
_CLOSURE_RISK = lazyre.pattern(r"\b(?:eval|assert|create_function|system|passthru|shell_exec|exec|popen|proc_open|include"
                               r"|require|call_user_func\w*)\b|`|\$\w+\s*\(")


def _closure_body(low, start, arrow_function):
    """The code of the closure whose parameters start at ``start``, to its closing brace (an arrow function's to the
    end of its statement), or None past CLOSURE_REACH characters."""
    window = low[start:start + CLOSURE_REACH]
    if arrow_function:
        arrow = window.find("=>")
        end = window.find(";", arrow)
        return window[arrow:end] if 0 <= arrow < end else None
    brace = window.find("{")
    if brace < 0:
        return None
    depth = 0
    for match in _BRACE.finditer(window, brace):
        depth += 1 if match.group() == "{" else -1
        if depth == 0:
            return window[brace:match.end()]
    return None


def _closures(low):
    """(variable, first parameter or None, keyword, where the parameters start) of each closure given to a variable."""
    if "function" not in low and "fn" not in low:
        return []
    return [(m.group(1), m.group(3), m.group(2), low.find("(", m.end(2)) + 1) for m in _CLOSURE_ASSIGNED.finditer(low)]


def _closure_names(low):
    """The variables of ``low`` only ever given closures (each read to its end) that run no code, command, include or
    call through a name."""
    given = collections.Counter()
    harmless = collections.Counter()
    for variable, _parameter, keyword, params in _closures(low):
        body = _closure_body(low, params, keyword == "fn")
        given[variable] += 1
        harmless[variable] += body is not None and _CLOSURE_RISK.search(body) is None
    if not given:
        return frozenset()
    assigned = collections.Counter(m.group(1) for m in _VARIABLE_SET.finditer(low) if m.group(1) in given)
    return frozenset(name for name, count in given.items() if assigned[name] == count == harmless[name])


def _closure_callable(low, start):
    """Whether the variable at ``start`` only ever holds closures written in this file: calling it runs the file's own
    code, as a named function would (what that code does is scored on its own), not a function a name chose."""
    names = _for_text(_LAST_CLOSURES, low, _closure_names)
    if not names:
        return False
    match = _CALLED_VARIABLE.match(low, start)
    return match is not None and match.group(1) in names


# A value that is a function's name written out or nothing, maybe chosen by a condition: 'strcmp'; null;
# $x ? 'strcmp' : 'strcasecmp'.
_NAME_OR_NOTHING = r"""(?:'[a-z_]\w*'|"[a-z_]\w*"|null|false|''|"")"""
_NAME_VALUE = lazyre.pattern(r"\s*=\s*(?:[^;?]{0,200}\?\s*)?%s\s*(?::\s*%s\s*)?;" % (_NAME_OR_NOTHING, _NAME_OR_NOTHING))
_QUOTED_NAME = lazyre.pattern(r"""['"]([a-z_]\w*)['"]""")
# Ways a variable gets a value other than by "=": a loop, a parameter, a reference, a list, the global scope, or
# code that sets variables by name.
_OTHER_SETTERS = ("extract", "parse_str", "$$", "${", "import_request_variables", "mb_parse_str")
_LAST_NAMED_VALUES = [(None, {})]  # the last text and its verdict per variable, as one pair


def _set_otherwise(low, start):
    """Whether the variable at ``start`` gets a value other than by "=" there: a loop's (as $f, => $f), a reference
    (&$f), a parameter or a closure's use() (the statement holds "function" or "fn("), a declaration (global, static) or
    a list (list($a, $f) = ..., [$a, $f] = ...). The statement is read from its start, up to 400 characters back."""
    reach = max(0, start - 400)
    statement = low[max(low.rfind(";", reach, start), low.rfind("{", reach, start), low.rfind("}", reach, start),
                        reach - 1) + 1:start]
    head, tail = statement.lstrip(), statement.rstrip()
    return tail.endswith(("&", " as", "\tas", "\nas", "=>")) or head.startswith(("global", "static", "list", "[")) \
        or "function" in statement or "fn(" in statement or "fn (" in statement


def _names_written_out(low, variable):
    """Whether every value ``variable`` gets in ``low`` is a function's name written out that names no risky
    function: calling it runs one of those functions, whatever the request holds."""
    if any(setter in low for setter in _OTHER_SETTERS):
        return False
    pattern = re.escape(variable)
    if any(_set_otherwise(low, use.start()) for use in re.finditer(pattern + r"(?!\w)", low)):
        return False
    assignments = list(re.finditer(r"%s(?!\w)\s*((?:[-+*/.%%|&^]|\?\?)?)=(?![=>])" % pattern, low))
    for assignment in assignments:
        value = _NAME_VALUE.match(low, assignment.end() - 1)
        # (A compound assignment builds a name: 'sys' .= 'tem'.)
        if assignment.group(1) or value is None \
                or any(name in _RISKY_CALLABLES for name in _QUOTED_NAME.findall(value.group())):
            return False
    return bool(assignments)


def _literal_callable(low, start):
    """Whether the variable at ``start`` only ever holds the names of harmless functions written in this file
    ($check = 'is_string'; ... $check($data)): no function the request or a name built at run time chose."""
    match = _CALLED_VARIABLE.match(low, start)
    if match is None:
        return False
    known = _for_text(_LAST_NAMED_VALUES, low, lambda _text: {})
    variable = match.group(1)
    if variable not in known:
        known[variable] = _names_written_out(low, variable)
    return known[variable]


def _after_new(low, start):
    """Whether the variable at ``start`` follows the word ``new``: new $class(...) makes an object of the class the
    variable names (a driver or plugin chosen by the application's configuration); no function of that name runs."""
    before = low[max(0, start - 12):start].rstrip()
    return before.endswith("new") and (len(before) == 3 or before[-4] not in _WORD)


_FUNCTION_HEAD = lazyre.pattern(r"function\s+&?\s*([a-z_]\w*)\s*\(([^)]{0,400})\)[^{;]{0,80}\{")
CALLER_REACH = 4000


def _callers_choice(low, start):
    """Whether the variable at ``start`` is a parameter of the named function around it, a function this file never
    calls nor hands over: the callers elsewhere choose what it calls (a framework's input helper given a filter:
    input($key, $default, $function) calling $function($_GET[$key])). A magic method is called by PHP itself, and a
    function named again in this file (called, or handed over as a callback) may be given a sink here."""
    match = _VARIABLE_NAME.match(low, start)
    if match is None:
        return False
    reach = max(0, start - CALLER_REACH)
    head = low.rfind("function", reach, start)
    while head > 0 and low[head - 1] in _WORD:  # "$function", "my_function": not the keyword
        head = low.rfind("function", reach, head)
    if head < 0:
        return False
    function = _FUNCTION_HEAD.match(low, head)
    if function is None or function.group(1).startswith("__") or function.end() > start \
            or not re.search(re.escape(match.group()) + r"(?!\w)", function.group(2)):
        return False
    body = low[function.end():start]
    if body.count("{") + 1 <= body.count("}"):
        return False  # the function ended before ``start``
    return _times_named(low, function.group(1)) == 1


# A name called (name(, ->name(, ::name() or handed over as a callback ('name').
_NAME_USE = lazyre.pattern(r"(?<![\w$])([a-z_]\w*)\s*\(|['\"]([a-z_]\w*)['\"]")
_LAST_NAMED = [(None, None)]  # the last text and how often each name is used in it, as one pair


def _times_named(low, name):
    """How often ``name`` is called or handed over as a callback in ``low`` (its definition counts once; all names
    counted once per text)."""
    counts = _for_text(_LAST_NAMED, low, lambda text: collections.Counter(a or b for a, b in _NAME_USE.findall(text)))
    return counts[name]


# A quoted string from its opening quote: its closing quote (group 1 or 2) unless it runs on past the text's end.
_QUOTED_RUN = lazyre.pattern(r"""'(?:[^'\\]|\\.)*(')?|"(?:[^"\\]|\\.)*(")?""", re.S)
STRING_REACH = 2000  # how far into a line string literals are looked for when judging: beyond, nothing is quoted
# The last text, a line's start, whether judged, and the line's strings' (start, end, quote) with their starts.
_LAST_LINE = [(None, -1, False, (), [])]


def _line_strings(text, line, judged):
    """((start, end, quote) of each string literal on the line of ``text`` starting at ``line``, their starts); end:
    where it closes, the text's end if not on that line. ``judged``: none on a line where PHP starts or ends (the
    quotes there may be HTML's) or a comment of several lines starts or ends (a quote in it is no string), and only
    the first STRING_REACH characters. A line's strings are found once for all the positions asked about on it."""
    last = _LAST_LINE[0]
    if last[0] is not text or last[1] != line or last[2] != judged:
        end = text.find("\n", line)
        end = len(text) if end < 0 else end
        if judged:
            end = min(end, line + STRING_REACH)
        segment = text[line:end]
        spans = () if judged and ("<?" in segment or "?>" in segment or "/*" in segment or "*/" in segment) else tuple(
            (line + m.start(), line + m.end() if m.group(1) or m.group(2) else len(text), m.group()[0])
            for m in _QUOTED_RUN.finditer(segment))
        last = (text, line, judged, spans, [span[0] for span in spans])
        _LAST_LINE[0] = last  # one assignment of a tuple: a thread never sees a line with another's strings
    return last[3], last[4]


def _string_at(text, pos, judged):
    """(quote, end) of the string literal ``pos`` stands in (after its opening quote), judged from the start of its
    line (see _line_strings; when ``judged``, also ("", 0) past STRING_REACH into the line), or ("", 0)."""
    line = text.rfind("\n", 0, pos) + 1
    if judged and pos - line > STRING_REACH:
        return "", 0
    spans, starts = _line_strings(text, line, judged)
    i = bisect.bisect_left(starts, pos) - 1  # the last string opened before ``pos``: strings on a line never overlap
    if i >= 0 and pos < spans[i][1]:
        return spans[i][2], spans[i][1]
    return "", 0


def _printed_until(low, start):
    """Where the string literal ends whose text the variable at ``start`` is, or 0: PHP prints '$f($x)' as it stands
    and "$v ($n)" with the variables' values put in; only "{$f($x)}" calls."""
    quote, end = _string_at(low, start, True)
    return end if quote == "'" or quote == '"' and low[start - 1] != "{" else 0


def _not_a_call_of_the_files_choosing(low, start):
    """Whether the "$name(" at ``start`` makes an object, calls a function registered elsewhere, a closure of the file,
    a harmless function the file names or one its callers elsewhere choose (above): no variable-function call the
    file itself chose. (Whether it is a call at all, not text of a string, is _printed_until's.)"""
    return _after_new(low, start) or _registry_callable(low, start) or _closure_callable(low, start) \
        or _literal_callable(low, start) or _callers_choice(low, start)


def _on_comment_line(low, start):
    """Whether ``start`` is on a line of documentation or of code commented out: nothing there runs. A // or #
    comment ends at ?> (PHP's rule, not a block comment's): on such a line code may follow, so it counts as code."""
    line = low.rfind("\n", 0, start) + 1
    marker = _COMMENT_LINE.match(low, line)
    if marker is None:
        return False
    end = low.find("\n", marker.end())
    return low[marker.end() - 1] == "*" or "?>" not in low[marker.end():end if end >= 0 else len(low)]


def _code_matches(rx, low):
    """The matches of ``rx`` in ``low`` but those on a line of documentation or code commented out (nothing there
    runs); each line is looked at once for all its matches."""
    comment_end = code_end = -1  # the ends of the last commented line and of the last line of code met
    for match in rx.finditer(low):
        start = match.start()
        if start < code_end:
            yield match
            continue
        if start < comment_end:
            continue
        line_end = low.find("\n", start) % (len(low) + 1)
        if _on_comment_line(low, start):
            comment_end = line_end
            continue
        code_end = line_end
        yield match


def first_match(low, compiled, present=None, accept=None):
    """The first match of any head's pattern that starts at a word boundary, or None.

    ``present`` is the set of heads found in ``low`` (heads_in(), computed once per text); ``accept(low, match)``,
    when given, has the last word on each match.
    """
    best = None
    for head, bounded, rx in compiled:
        if not (head in present if present is not None else head in low):
            continue
        printed_until = 0  # the end of the last string literal met whose text holds a variable: none of its matches run
        for match in _code_matches(rx, low):
            start = match.start()
            if bounded and start and low[start - 1] in _WORD:
                continue
            if head[0] == "$" and start:  # a variable (the request's too) written inside a string is printed
                if start < printed_until:
                    continue
                printed_until = _printed_until(low, start)
                if printed_until:
                    continue
            if head == "$" and start and (low[start - 1] in _WORD or _not_a_call_of_the_files_choosing(low, start)):
                continue
            if bounded and low[max(0, start - 9):start].rstrip().endswith("function"):
                continue  # a method that happens to be called eval/assert/system is defined, not called
            if head == ")" and _CAST.search(low, max(0, start - 12), start + 1):
                continue  # (int)($_GET['x']) is a cast, not a call
            if head[0] in "'\"" and _AVAILABILITY.search(low, max(0, start - 40), start):
                continue  # function_exists('shell_exec'): code checking what the host allows
            if head[0] in "'\"" and match.end() > start + len(head) and _string_at(low, start, True)[0]:
                continue  # '... "system" () ...': no call, text inside another string (a name alone there still counts)
            if head[0] in "'\"" and match.end() == start + len(head) and (
                    _COMPARED_BEFORE.search(low, max(0, start - 8), start) or _COMPARED_AFTER.match(low, match.end())):
                continue  # a bare name literal compared or used as a case label
            if accept is not None and not accept(low, match):
                continue
            if best is None or start < best.start():
                best = match
            break
    return best


# Shell user-interface features, generic across families; counted distinct, the weight grows with the count.
UI_TERMS = ("safe_mode", "safe mode", "disable_functions", "open_basedir", "php_uname", "posix_getpwuid",
            "posix_getgrgid", "getmyuid", "uname -a", "/etc/passwd", "/etc/shadow", "backconnect", "back connect",
            "back-connect", "bindport", "bind port", "self remove", "selfremove", "file manager", "filemanager",
            "mass deface", "symlink", "cgi-shell", "cgishell", "localroot", "milw0rm", "exploit-db", "bruteforce",
            "brute force", "sql manager", "netstat", "whoami", "ps -aux", "ps aux", "mkfifo", "/bin/sh", "cmd.exe",
            "disk_free_space", "hddspace", "free space", "wget ", "curl -", "perl -e", "python -c", "gcc ",
            "find / ", "locate ", ".htpasswd", ".bash_history", "phpinfo(", "get_current_user", "shell_exec(",
            "passthru(", "proc_open(", "popen(", "fsockopen(", "posix_kill", "ini_restore", "chmod(", "unlink(",
            "rmdir(", "mkdir(", "rename(", "move_uploaded_file(", "fileperms(", "is_writable(", "readdir(",
            "opendir(", "scandir(", "mysql_connect(", "show tables", "show databases", "$_files", "<form",
            "type=\"file\"", "type=file", "enctype=", "password", "php_self", "getcwd(", "chdir(", "execute",
            "command", "upload")
_STRONG_UI = ("safe_mode", "safe mode", "disable_functions", "php_uname", "posix_getpwuid", "uname -a",
              "/etc/passwd", "backconnect", "back connect", "bind port", "self remove", "file manager",
              "filemanager", "mass deface", "cgi-shell", "localroot", "milw0rm", "exploit-db", "bruteforce",
              "/bin/sh", "cmd.exe", "mkfifo", "perl -e", ".bash_history", "/etc/shadow", "whoami", "netstat")
_STRONG_UI_SPELLED = tuple((t, spelled(t)) for t in _STRONG_UI)
_UI_SPELLED = tuple((t, spelled(t)) for t in UI_TERMS)
_EXEC_NAMES = ("system", "exec", "shell_exec", "passthru", "popen", "proc_open", "pcntl_exec")
_IDENT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_OBF_NAME = r"\$(?:[O0]{4,}|[Il1]{5,}|_{1,2}0x[0-9a-f]{3,}|_+[O0Il1_]{5,}|_{3,}(?!\w))\w*"
_OBF_IDENT = lazyre.pattern(_OBF_NAME + r"|\$[\w]*[\x80-\xff]{2,}")
# The same without the branch for names with bytes above 0x7f (its \w* backtracks at every "$"): for ASCII text.
_OBF_IDENT_ASCII = lazyre.pattern(_OBF_NAME)
# Names spelled one character at a time from a table string: $t['k'][45].$t['k'][60] or $a{1}.$a[18].
_CHAR_TABLE = lazyre.pattern(r"\$\w+(?:\[['\"]?\w+['\"]?\])?[\[{]\d+[\]}]\.\$\w+(?:\[['\"]?\w+['\"]?\])?[\[{]\d+[\]}]")
_UNDERSCORE_VAR = lazyre.pattern(r"\$_+(?![A-Za-z0-9_\x80-\xff])")
_ESCAPE = lazyre.pattern(r"\\x[0-9a-fA-F]{2}|\\[0-7]{3}")
# A quote then | & ^ (or " ^"): one pass (from each quote) where four substring searches took four.
_QUOTE_OPERATOR = lazyre.pattern(r"'(?:[|&^]| \^)")
# Strings combined with | & ^ (names spelled by bit operations on literals), a packer's mark.
_BITWISE_STR = lazyre.pattern(r"\$\w+\s*=\s*(?:'[^'\n]{1,30}'|[A-Za-z_]\w*)\s*[|&^]\s*~?\s*(?:'|\"|[A-Za-z_]\w*\s*[;.])")
# A run of 1,000 base64 characters: each such character made "a" and any other a blank, the run is 1,000 "a"s in a
# row. One C pass over the text; the pattern [A-Za-z0-9+/]{1000} read each run again from every character of it.
_BASE64_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
_TO_BASE64_RUNS = bytes(0x61 if c in _BASE64_CHARS else 0x20 for c in range(256))
_BASE64_RUN = b"a" * 1000
# Each branch starts with its name (phpactions.word_call): a search tries only where a first letter stands.
_HIDDEN = lazyre.pattern(phpactions.word_call("eval|assert|system|shell_exec|passthru|proc_open|popen|create_function", r"\w")
                         + r"\s*\(|" + INPUT)
# Not input written inside a single-quoted literal ('$_GET[' . $k . ']': a template compiler writing code, which PHP
# does not interpolate).
_TAINT_ASSIGN = lazyre.pattern(r"(\$\w+)\s*(?:\[[^\]\n]{0,40}\]\s*)?=\s*&?[^;=]{0,80}?(?<!')" + INPUT)
_SMALL_SINK = lazyre.pattern(phpactions.word_call("eval|assert|create_function|system|passthru|shell_exec|preg_replace"
                                                  "|call_user_func|array_map|array_filter|usort", tails={"call_user_func": r"\w*"})
                             + r"\s*\(|" + phpactions.word_call("$", tails={"$": r"\w+"}) + r"\s*\(|`"
                             r"|\)\s*\(\s*\$|->\s*__invoke\s*\(")
_VAR_SINK = lazyre.pattern(phpactions.word_call("eval|assert|system|passthru|shell_exec|exec|popen|proc_open|$", tails={"$": r"\w+"})
                           + r"\s*\(\s*@?"
                           r"(?:\"[^\"$\n]{0,40}\{?)?\$")
# One pattern per name, starting with it (the look-behind after it is a word start): tried only where it stands.
# parse_str() sets variables only when given no array to fill (parse_str($_GET['extra'], $extra) fills $extra).
_EXTRACTS = tuple((name, lazyre.pattern(r"%s(?<!\w%s)\s*\(\s*" % (name, name) + INPUT + tail))
                  for name, tail in (("extract", ""), ("parse_str", r"(?:[^\[(),;]|\[[^\]\n]{0,60}\])*\)"),
                                     ("import_request_variables", "")))
# The same by hand: foreach ($_POST as $k => $v) { $$k = $v; } (register_globals emulated).
_IMPORT = lazyre.pattern(r"foreach\s*\(\s*%s\w*\s+as\s+(\$\w+)\s*=>\s*(\$\w+)\s*\)\s*\{?\s*"
                         r"(?:\$\1|\$\{\s*\1\s*\})\s*=\s*&?\s*\2\s*;" % INPUT)


_INPUT_FAST = lazyre.pattern(r"\$_(?:get|post|request|cookie|files|session|env)\b|\$_server\s*\[\s*['\"]?(?:http_|query_string"
                             r"|request_uri)")


_NEEDS_SPELLED = tuple(spelled(need) for need in INPUT_NEEDS)


# The place of the callback argument of _SMALL_SINK's callback functions (array_map ... usort).
_CALLBACK_PLACE = dict.fromkeys(_CB_FIRST, 0) | dict.fromkeys(_CB_LATER, 1)
_NAME_LITERAL = lazyre.pattern(r"\s*(['\"])([a-z_][a-z0-9_]*)\1\s*\Z")


def _small_file_sink(low):
    """Whether ``low`` holds one of _SMALL_SINK's sinks, a callback function counting only where its callback may run
    code someone chose: not where it names a harmless function of its own (array_map('stripslashes_deep', $_POST),
    magic quotes undone) nor where it has none (array_filter($list))."""
    for match in _SMALL_SINK.finditer(low):
        place = _CALLBACK_PLACE.get(match.group().rstrip("( \t\r\n"))
        if place is None:
            return True
        callback, rest = phpactions.split_two(phpactions.call_args(low, match.end()))
        if place:
            callback = phpactions.split_two(rest)[0] if rest.strip() else None
        if callback is None:
            continue
        literal = _NAME_LITERAL.match(callback)
        if literal is None or literal.group(2) in _RISKY_CALLABLES:
            return True
    return False


def has_request_input(low: str) -> bool:
    """Whether lower-cased text reads request input (a cheap test before the slower patterns)."""
    words = words_of(low)
    if occurs(_NEEDS_SPELLED[0], low, words) and _INPUT_FAST.search(low):
        return True
    return any(occurs(need, low, words) for need in _NEEDS_SPELLED[1:]) and INPUT_RE.search(low) is not None


def entropy(data: str) -> float:
    """Shannon entropy in bits per character."""
    if not data:
        return 0.0
    total = len(data)
    return -sum(c / total * math.log2(c / total) for c in collections.Counter(data).values())


_BACKTICK = lazyre.pattern(r"(?:^|[=(.,;{}]|\becho|\bprint|\breturn)[ \t]*@?[ \t]*`([^`'\"\n]{1,200})`\s*[;).,?]", re.M)
# The part of _BACKTICK from its first backtick on: a pattern starting with a literal is only tried where that
# character stands, so this rules most texts out far faster than _BACKTICK, which is tried at every position.
_BACKTICKED = lazyre.pattern(r"`[^`'\"\n]{1,200}`\s*[;).,?]")
_COMMENTS = lazyre.pattern(r"/\*.*?\*/|^[ \t]*(?://|#)[^\n]*", re.S | re.M)


_PHP_BLOCK = lazyre.pattern(r"<\?.*?(?:\?>|\Z)", re.S)


def _backticks(low, tainted):
    """Backtick command execution (outside strings: after = ( . , ; echo print return) with input inside."""
    if "`" not in low:
        return None
    code = _COMMENTS.sub("", low)  # documentation quotes code in backticks
    if not _BACKTICKED.search(code):
        return None
    if "?>" in code and "<?" in code:
        # Only the PHP blocks: backticks in the page around them are JavaScript's template literals (`Hi ${name}`).
        code = "\n".join(_PHP_BLOCK.findall(code))
    for match in _BACKTICK.finditer(code):
        if _string_at(code, match.start(1) - 1, False)[0]:
            continue  # `name` quoted in SQL text ("update t set `$field` = replace(`$field`, ...)"): no command
        body = match.group(1)
        if INPUT_RE.search(body):
            name, weight = "input_in_backticks", 12
        elif tainted and re.search(r"(?:%s)\b" % tainted, body.replace("${", "$")):
            name, weight = "tainted_in_backticks", 10
        elif "$" in body:
            name, weight = "backtick_command", 3
        else:
            continue
        return name, weight, low.find(match.group(0))  # where it stands in the text as given (-1: not shown)
    return None


_SINK_IN_BODY = r"\b(?:eval|assert|create_function|system|passthru|shell_exec|exec|popen|proc_open)\s*\([^;]{0,80}\%s\b"


_SINK_WORDS = ("eval", "assert", "create_function", "system", "passthru", "exec", "popen", "proc_open")
_FUNC_DEF = lazyre.pattern(r"function\s+([a-z_]\w*)\s*\(\s*(\$\w+)")
_METHOD_MODIFIERS = ("public", "protected", "private", "static", "abstract", "final")


def _through_function(low, tainted):
    """Request input passed to a function or closure of the file whose parameter reaches a sink (one call deep)."""
    if ("function" not in low and "fn" not in low) or not any(s in low for s in _SINK_WORDS):
        return None
    source = "%s|%s" % (INPUT, tainted) if tainted else INPUT
    # Named functions, and closures given to a variable (called through it: the variable is the name).
    # A method (public function count(...)) is called on an object or a class, never by its bare name: count($_GET)
    # is PHP's own function however the class names its methods.
    definitions = [(m.group(1), m.group(2), m.end()) for m in _FUNC_DEF.finditer(low)
                   if not low[max(0, m.start() - 12):m.start()].rstrip().endswith(_METHOD_MODIFIERS)]
    definitions += [(variable, param, params) for variable, param, _keyword, params in _closures(low) if param]
    for name, param, end in definitions:
        body = low[end:end + 2000]
        # The pattern is built per parameter name: plain substring tests first spare most of those compiles.
        if param not in body or not any(s in body for s in _SINK_WORDS) \
                or not re.search(_SINK_IN_BODY % param, body):
            continue
        for call in re.finditer(r"(?<![\w>:$])%s\s*\(\s*(?:%s)" % (re.escape(name), source), low):
            # The definition is no call: a parameter with a tainted variable's name is the function's own.
            if not low[max(0, call.start() - 12):call.start()].rstrip(" \t\r\n&").endswith("function"):
                return "tainted_through_function", 10, call.start()
    return None


_ARG_TAIL = lazyre.pattern(r"\s*\(([^;]{0,120})")
_DB_LOGINS = ("mysql_connect", "mysql_pconnect", "mysqli_connect", "pg_connect", "pg_pconnect", "mssql_connect")
_QUERY_TAIL = lazyre.pattern(r"\s*\(\s*['\"]?\s*(\$\w+(?:\s*\[[^\]\n]{0,40}\])?)\s*['\"]?\s*[,)]")
_QUERY_LINK_TAIL = lazyre.pattern(r"\s*\(\s*\$\w+\s*,\s*['\"]?\s*(\$\w+(?:\s*\[[^\]\n]{0,40}\])?)\s*['\"]?\s*[,)]")
_QUERIES = ("mysql_query", "mysql_db_query", "pg_query", "mssql_query", "sqlsrv_query")
_CALL_TAIL = lazyre.pattern(r"\s*\(")
_UPLOAD_TAIL = lazyre.pattern(r"\s*\([^,;]{0,80},([^;]{0,100})")
_PROPAGATE = lazyre.pattern(r"(\$\w+)\s*=\s*([^;=]{0,100});")
# Checks an upload handler makes before keeping a file (extension, type or image test).
_UPLOAD_CHECKS = ("pathinfo", "getimagesize", "in_array", "preg_match", "mime", "['type']", '["type"]', "finfo",
                  "exif_imagetype", "strrchr", "extension", "allowed")


# File operations of a file manager, by kind; a kind counts when a call's arguments hold request input.
_PATH_ARG = lazyre.pattern(r"\s*\(([^;]{0,100})")
_PATH_ARG1 = lazyre.pattern(r"\s*\(([^;,]{0,100})")
_FOPEN_WRITE = lazyre.pattern(r"\s*\((?=[^;]{0,100},\s*['\"][wax])([^;,]{0,100})")
_FILE_OPS = (  # (kind, the calls, the pattern of a call's path argument after the name)
    ("delete", ("unlink", "rmdir"), _PATH_ARG),
    ("permissions", ("chmod", "chown", "chgrp", "touch"), _PATH_ARG),
    ("move", ("rename", "copy"), _PATH_ARG),
    ("write", ("file_put_contents",), _PATH_ARG1),
    ("write", ("fopen",), _FOPEN_WRITE),
    ("list", ("opendir", "scandir", "glob", "dir"), _PATH_ARG),
    ("read", ("readfile", "file_get_contents", "highlight_file", "show_source", "fpassthru"), _PATH_ARG1),
    ("read", ("fopen",), re.compile(r"\s*\((?=[^;]{0,100},\s*['\"]r)([^;,]{0,100})")),
    ("mkdir", ("mkdir",), _PATH_ARG),
)
# A request-chosen path read through a stream wrapper ("compress.zlib://" . $file, curl "file://" . $file): the
# old safe_mode / open_basedir bypasses, reading any file of the host.
_WRAPPERS = ("compress.zlib://", "compress.bzip2://", "file://", "zip://", "phar://", "glob://")
_WRAPPED_PATH = lazyre.pattern(r"/?['\"]\s*\.\s*(\$\w+|\$_\w+\s*\[)")
_NO_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_.")
_LOCAL = 1500
_PATH_SOURCE = lazyre.pattern(r"\$_(?:get|post|request|cookie|files)\b|\$http_(?:get|post|cookie|post_files)_vars")
_VAR_NAMES = lazyre.pattern(r"\$\w+")
_BULK_TAIL = lazyre.pattern(r"\s*\(\s*['\"][^'\"]{0,12}\\n['\"]\s*,\s*([^;]{0,80})")


def calls_of(low, names, tail, boundary=_WORD):
    """(start, match of ``tail`` right after the name) for the calls of ``names`` (whole words), in text order.

    Found by plain substring search: far faster than one pattern with an alternation or a leading look-behind.
    """
    found = []
    for name in names:
        pos = low.find(name)
        while pos != -1:
            if not (pos and low[pos - 1] in boundary):
                match = tail.match(low, pos + len(name))
                if match:
                    found.append((pos, match))
            pos = low.find(name, pos + 1)
    found.sort(key=lambda item: item[0])
    return found


def _assigned_from_request(assigns):
    """{variable: [where it is set from the request]} of the assignments ``assigns`` (_TAINT_ASSIGN's matches)."""
    assigned = {}
    for match in assigns:
        if _PATH_SOURCE.search(match.group(0)):
            assigned.setdefault(match.group(1), []).append(match.start())
    return assigned


def _from_request(args, start, assigned):
    """Whether the arguments ``args`` of the call at ``start`` hold request input, or a variable set from it shortly
    before: a name tainted in one function says nothing about the same name in another."""
    return bool(_PATH_SOURCE.search(args)) or any(0 < start - pos < _LOCAL for name in _VAR_NAMES.findall(args)
                                                  for pos in assigned.get(name, ()))


_ARGUMENT_LEAD = frozenset("(,")
_CALLED_NAME = lazyre.pattern(r"(?<![\w$>:])([a-z_]\w*)\s*$")
_CALL_REACH = 200  # how far back from a request value its call's opening parenthesis is looked for
_MOST_REQUEST_VALUES = 256  # request values looked at per file: a hostile file may hold a million


def _argument_of_call(low, at):
    """(name, argument index) of the plain function call whose argument starts with the request value at ``at``
    (update($_POST['file'], ...)), or None: a value inside an expression (basename($_POST['f']) as an argument of
    another call, $dir . $_POST['f']) does not start it."""
    lead = at
    while lead > 0 and low[lead - 1] in " \t\r\n@":
        lead -= 1
    if lead == 0 or low[lead - 1] not in _ARGUMENT_LEAD:
        return None
    index, depth, pos = 0, 0, lead - 1
    floor = max(0, lead - _CALL_REACH)
    while pos >= floor:
        char = low[pos]
        if char in ")]":
            depth += 1
        elif char in "([":
            if depth == 0:
                break
            depth -= 1
        elif char == "," and depth == 0:
            index += 1
        elif char in ";{}":
            return None
        pos -= 1
    if pos < floor or low[pos] != "(":
        return None
    name = _CALLED_NAME.search(low, max(0, pos - 80), pos)
    return (name.group(1), index) if name else None


def _request_bound_parameters(low, assigned):
    """Add to ``assigned`` the parameters of this file's own functions that a call passes a request value to, as if set
    where the function starts: update($_POST['file'], $_POST['data']) calling function update($filename, $data) {
    file_put_contents($filename, $data); }, a file manager's operations in helper functions."""
    if "function" not in low:
        return
    bound = {}
    for match in itertools.islice(_PATH_SOURCE.finditer(low), _MOST_REQUEST_VALUES):
        call = _argument_of_call(low, match.start())
        if call and call[0] != "function":
            bound.setdefault(call[0], set()).add(call[1])
    if not bound:
        return
    for head in _FUNCTION_HEAD.finditer(low):
        params = head.group(2).split(",")
        for index in bound.get(head.group(1), ()):
            param = _VARIABLE_NAME.search(params[index].partition("=")[0]) if index < len(params) else None
            if param:
                assigned.setdefault(param.group(), []).append(head.start())


def _file_manager(low, assigned):
    """How many kinds of file operation take a path from the request (directly or a variable set shortly before)."""
    kinds = set()
    for kind, words, tail in _FILE_OPS:
        if kind in kinds or not any(w in low for w in words):
            continue
        for start, match in calls_of(low, words, tail):
            if _from_request(match.group(1), start, assigned):
                kinds.add(kind)
                break
    return len(kinds)


_WRITTEN = lazyre.pattern(r"\s*\([^;,]{0,100},([^;]{0,120})")
_LEADING_VARIABLE = lazyre.pattern(r"[\s@{]*(\$\w+)")
# Content read from a file (whose name the request may pick) is the file's, not what the request sends.
_READ_FROM_FILE = lazyre.pattern(r"\s*@?\s*(?:file_get_contents|fread|fgets|file|stream_get_contents)\s*\(")


def _request_chosen_write(low, assigned):
    """A file written where the request says with what the request sends: any code put anywhere, an uploader in two
    calls. The signals of the direct form (input_chosen_write_path, input_to_file_write), also found where a
    variable set from the request shortly before carries the path or the content ($n = $_POST['n']; $h = fopen($n,
    'a'); fputs($h, $c)); [] unless both are. As in the direct form, the path starts with the request's value (a
    name the request picks inside the application's folder and suffix is another matter)."""
    for words, tail in ((("file_put_contents",), _PATH_ARG1), (("fopen",), _FOPEN_WRITE)):
        path = None
        for start, match in calls_of(low, words, tail):
            lead = _LEADING_VARIABLE.match(match.group(1))
            if lead and _from_request(lead.group(1), start, assigned):
                path = start
                break
        if path is not None:
            break
    else:
        return []
    for start, match in calls_of(low, ("fwrite", "fputs", "file_put_contents"), _WRITTEN):
        if not _READ_FROM_FILE.match(match.group(1)) and _from_request(match.group(1), start, assigned):
            return [("input_chosen_write_path", 6, path), ("input_to_file_write", 4, start)]
    return []


_LIST_NAME = lazyre.pattern(r"(\$\w+)\s*=\s*$")
_MAIL_TO = lazyre.pattern(r"\s*\(\s*(?:trim\s*\(\s*)?(\$\w+)")


def _mails_each_line(low, split_at):
    """Whether mail() is sent to the entries of the list split at ``split_at`` ($list[$i], or a foreach variable)."""
    named = _LIST_NAME.search(low, max(0, split_at - 60), split_at)
    if not named:
        return False
    lst = named.group(1)
    loop = re.search(r"foreach\s*\(\s*%s\s+as\s+(?:\$\w+\s*=>\s*)?(\$\w+)" % re.escape(lst), low[split_at:])
    for _start, match in calls_of(low[split_at:], ("mail",), _MAIL_TO):
        var = match.group(1)
        rest = low[split_at + match.end():split_at + match.end() + 2]
        if (var == lst and rest.lstrip().startswith("[")) or (loop and var == loop.group(1)):
            return True
    return False


def _tainted_calls(low, names, alt, assigns):
    """File, database, mail and upload operations fed by request input (also through variables), yielded one by one
    (the caller stops once its verdict is settled)."""
    compiled = []

    def source():
        if not compiled:
            compiled.append(re.compile("%s|(?:%s)\\b" % (INPUT, alt) if alt else INPUT))
        return compiled[0]

    login = False
    if "connect" in low:
        for start, match in calls_of(low, _DB_LOGINS, _ARG_TAIL):
            if source().search(match.group(1)):
                yield "input_db_login", 6, start
                login = True
                break
    if "query" in low:
        queries = calls_of(low, _QUERIES, _QUERY_TAIL) + calls_of(low, ("mysqli_query",), _QUERY_LINK_TAIL)
        for start, match in sorted(queries, key=lambda item: item[0]):
            if source().match(match.group(1)):
                yield "input_is_query", 4, start
                break
        else:
            if login and calls_of(low, _QUERIES + ("mysqli_query",), _CALL_TAIL):
                yield "queries_with_request_login", 4, -1
    if "mail" in low and "\\n" in low and calls_of(low, ("mail",), _CALL_TAIL):
        for start, match in calls_of(low, ("explode", "split", "preg_split"), _BULK_TAIL):
            if source().search(match.group(1)):
                yield "bulk_mail_from_request", 8, start
                if _mails_each_line(low, start):
                    yield "mail_to_each_listed_address", 2, start
                break
    if "://" in low:
        for start, match in calls_of(low, _WRAPPERS, _WRAPPED_PATH, _NO_WORD):
            if source().match(match.group(1)):
                yield "input_path_through_wrapper", 8, start
                break
    if _PATH_SOURCE.search(low):
        assigned = _assigned_from_request(assigns)
        _request_bound_parameters(low, assigned)
        kinds = _file_manager(low, assigned)
        if kinds >= 2:
            yield "request_driven_file_manager", min(12, 3 * kinds - 2), -1
        if "write" in low or "fputs" in low or "file_put_contents" in low:
            yield from _request_chosen_write(low, assigned)
    if "move_uploaded_file" in low and not any(c in low for c in _UPLOAD_CHECKS):
        # One more step of propagation: $dest = $dir . $name with $name = $_FILES['f']['name'].
        more = set(names)
        for match in _PROPAGATE.finditer(low):
            if source().search(match.group(2)):
                more.add(match.group(1))
        wide = "|".join(re.escape(n) for n in sorted(more, key=lambda n: (-len(n), n))[:60])
        dest = re.compile("%s|(?:%s)\\b" % (INPUT, wide) if wide else INPUT)
        for start, match in calls_of(low, ("move_uploaded_file",), _UPLOAD_TAIL):
            if dest.search(match.group(1)):
                yield "unchecked_upload_to_input_name", 10, start
                break


_INPUT_LOOP = lazyre.pattern(r"foreach\s*\(\s*%s\w*\s+as\s+(\$\w+)(?:\s*=>\s*(\$\w+))?" % INPUT)
_REFLECTION_CALLS = ("newinstance", "newinstanceargs", "invoke", "invokeargs", "__invoke")


def _tainted_reflection(low, names):
    """Request data (also a loop variable over the request) passed to a reflected constructor or method."""
    sources = set(names)
    if "foreach" in low:
        for match in _INPUT_LOOP.finditer(low):
            sources.update(v for v in match.groups() if v)
    if not sources:
        return None
    reflected = "reflection" in low
    for start, match in calls_of(low, _REFLECTION_CALLS, _ARG_TAIL, _IDENT):
        if low[max(0, start - 12):start].rstrip().endswith("function"):
            continue  # the method's definition, not a call
        if not reflected and not low.startswith("__invoke", start):
            continue  # no Reflection object in the file: an application's own invoke() (a web-service dispatcher)
        args = match.group(1).split(";")[0]
        if any(v in sources for v in _VAR_NAMES.findall(args)):
            return "tainted_to_reflection_call", 8, start
    return None


# Beyond one assignment, taint is followed only in small files: a large one reuses a name in many functions
# ($post from the request in one, a database row in another), and scopes are not parsed here.
_PROPAGATE_SIZE = 8192
_SUBSCRIPT = lazyre.pattern(r"\[[^\]\n]*\]")


# A value read only through a number, a yes/no or a digest: what the variable then holds cannot be code, a command or
# a function's name, whatever the request sent ($id = empty($_GET['id']) ? 0 : intval($_GET['id']), a forum's
# everyday line). It can still pick which rows a query reads or which file is opened: those checks keep it.
_SCALAR_OF = lazyre.pattern(r"\b(?:intval|floatval|boolval|abs|is_numeric|empty|isset|count|strlen|md5|sha1|crc32)"
                            r"\s*\(\s*@?\s*\$\w+(?:\s*\[[^\]\n]{0,40}\])*\s*\)"
                            r"|\(\s*(?:int|integer|float|double|bool|boolean)\s*\)\s*@?\s*\$\w+(?:\s*\[[^\]\n]{0,40}\])*")


def _assigned_values(low):
    """[(variable, the text of the value assigned to it)] of the assignments of ``low`` whose value uses a variable."""
    return [(m.group(1), m.group(2)) for m in _PROPAGATE.finditer(low) if "$" in m.group(2)]


def _propagated(values, names, rounds=3):
    """Variables assigned from tainted ones ($b = 'x' . trim($a); with $a from the request), a few steps deep;
    ``values`` are _assigned_values()'s."""
    if not names:
        return set()
    # A value picked from a table by a request key ($handlers[$action]) is the table's, not the request's.
    pairs = [(lhs, _SUBSCRIPT.sub("", rhs)) for lhs, rhs in values]
    found = set(names)
    for _round in range(rounds):
        new = {lhs for lhs, rhs in pairs if lhs not in found and any(v in found for v in _VAR_NAMES.findall(rhs))}
        if not new:
            break
        found |= new
    return found - names


def _scalar_only(low, match):
    """Whether the assignment ``match`` (_TAINT_ASSIGN's) reads the request only through _SCALAR_OF."""
    end = low.find(";", match.end())
    value = low[low.index("=", match.start(1)) + 1:end if end >= 0 else len(low)]
    return not INPUT_RE.search(_SCALAR_OF.sub(" ", value))


# A comparison or a logical operator right after a variable: the expression's value is a yes/no, not the variable's.
_COMPARED_VARIABLE = lazyre.pattern(r"\s*(?:[=!]==?|<>|<=?|>=?|&&|\|\||(?:instanceof|and|or|xor)\b)")


def _alternation(names):
    """A regex alternation of (up to 40 of) ``names``, longest first."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n))[:40])


PARAMETERS_REACH = 300  # how far back an open parameter list is looked for
# The parameter list of a function or closure open before a position: "function name(", "function(" or "fn(", then
# parameters (defaults may hold brackets: array(), [1, 2]) up to the position.
_OPEN_PARAMETERS = lazyre.pattern(r"(?<![\w$>:])(?:function\s*&?\s*\w*|fn)\s*\((?:[^(){};]|\([^()]*\))*$")


def _parameter_default(low, start):
    """Whether the "$name =" at ``start`` gives a parameter its default (function exec($sql = '')): a constant, never
    request input; what _TAINT_ASSIGN's value reached past it is the function's code."""
    return _OPEN_PARAMETERS.search(low, max(0, start - PARAMETERS_REACH), start) is not None


def _tainted_sinks(low):
    """Request input reaching a sink through variables ($a = $_POST['x']; ...; eval($a)): (signal, weight, position)
    yielded one by one, the cheaper checks first (the caller stops once its verdict is settled)."""
    assigns = [m for m in _TAINT_ASSIGN.finditer(low) if not _parameter_default(low, m.start())]
    names = {m.group(1) for m in assigns}
    # What can become code, a command or a function's name: not what the request gave only as a number.
    code_names = {m.group(1) for m in assigns if not _scalar_only(low, m)}
    if names and len(low) <= _PROPAGATE_SIZE:
        values = _assigned_values(low)
        names |= _propagated(values, names)
        if code_names:  # not through a number or a digest either
            code_names |= _propagated([(lhs, _SCALAR_OF.sub(" ", rhs)) for lhs, rhs in values], code_names)
    alt = _alternation(names)
    yield from _tainted_calls(low, names, alt, assigns)
    # From here on the sinks of code, commands and function names: only what can carry them.
    names, alt = code_names, _alternation(code_names)
    if "newinstance" in low or "invoke" in low:
        hit = _tainted_reflection(low, names)
        if hit:
            yield hit
    tick = _backticks(low, alt)
    if tick:
        yield tick
    hit = _through_function(low, alt)
    if hit:
        yield hit
    holders = _whole_input_holders(low, assigns)
    if holders and ("include" in low or "require" in low):
        hit = _input_variable_included(low, holders)
        if hit:
            yield hit
    if ".ph" in low and ("file_put_contents" in low or "fopen" in low):
        hit = _input_written_to_script(low, holders)
        if hit:
            yield hit
    if not names:
        return
    for name, weight, compiled in _TAINT_SINKS:
        for head, bounded, rx in compiled:
            if head not in low:
                continue
            found = None
            for match in rx.finditer(low):
                start = match.start()
                if (bounded or head == "$") and start and low[start - 1] in _WORD:
                    continue
                if head == "$" and (_printed_until(low, start) or _not_a_call_of_the_files_choosing(low, start)):
                    continue
                if head == "preg_replace_callback" and _own_named_callback(low, start + len(head)):
                    continue
                if name == "tainted_to_callback" and _prefix_rules_out_sinks(low, start + len(head)):
                    continue
                if name == "tainted_to_code" and _COMPARED_VARIABLE.match(low, match.end()):
                    continue  # assert($v === null || is_scalar($v)): a yes/no about the value, not the value as code
                var = match.group(1)
                if (var if var.startswith("$") else "$" + var) in names and not _on_comment_line(low, start):
                    found = start
                    break
            if found is not None:
                yield name, weight, found
                break


# preg_replace_callback(pattern, 'name' or a class's method, subject): the application's own function (no sink's name)
# is given the subject's matches; request data as the subject is text it processes.
_OWN_NAMED_CALLBACK = lazyre.pattern(r"\s*\(\s*(?:'[^'\n]{0,200}'|\"[^\"\n]{0,200}\")\s*,\s*"
                                     r"(?:(['\"])(?:[\w\\]+::)?(\w+)\1"  # 'name', 'Class::method'
                                     r"|(?:array\s*\(|\[)\s*(?:\$this|__class__|(?:self|static|[a-z_][\w\\]*)::class"
                                     r"|['\"][\w\\]+['\"])\s*,\s*['\"]\w+['\"]\s*[\])])\s*,")  # [$this, 'method']
_SINK_NAME_SET = frozenset(SINK_NAMES.split("|")) | frozenset(COMMAND_NAMES) | frozenset(_CB_FIRST) | frozenset(_CB_LATER)
# Functions a request must not get to call by name, beyond the sinks: writing and moving files, the environment and
# settings, turning data into variables or objects, mail and connections out.
_RISKY_CALLABLES = _SINK_NAME_SET | frozenset((
    "file_put_contents", "fwrite", "fputs", "fopen", "copy", "move_uploaded_file", "rename", "unlink", "symlink", "chmod",
    "mkdir", "putenv", "ini_set", "ini_alter", "set_include_path", "extract", "parse_str", "unserialize", "mail",
    "header", "fsockopen", "pfsockopen", "curl_exec", "stream_socket_client", "dl", "ffi", "apache_setenv"))
# A callback named by a literal with the variable after it: call_user_func('template_' . $x), ("do$x").
_PREFIXED_NAME = lazyre.pattern(r"\s*\(\s*@?\s*(?:'([^'\n]{0,40})'\s*\.\s*|\"([^\"$\n]{0,40})\{?)\$")


def _prefix_rules_out_sinks(low, after_head):
    """Whether the callback given at ``after_head`` is a name built from a literal no risky function's name starts
    with ('template_' . $step): the request chooses among the application's own functions of that prefix, never a
    sink (a leading backslash, the global namespace, changes nothing). Not when the literal is wrapped in a call
    that could cut it off (substr('x_' . $f, 2))."""
    match = _PREFIXED_NAME.match(low, after_head)
    if match is None:
        return False
    prefix = (match.group(1) if match.group(1) is not None else match.group(2)).lstrip("\\")
    return bool(prefix) and not any(name.startswith(prefix) for name in _RISKY_CALLABLES)


def _own_named_callback(low, end_of_name):
    """Whether the preg_replace_callback whose name ends at ``end_of_name`` calls a function named in the file that is
    no sink (the subject is then only text the application's function reads)."""
    match = _OWN_NAMED_CALLBACK.match(low, end_of_name)
    return match is not None and match.group(2) not in _SINK_NAME_SET


# What the request sends (not the session's or the environment's values, which the application set itself), as it
# came or only decoded: nothing joined to it, no function that checks or reshapes it (basename, intval, json_encode).
REQUEST_DATA = (r"(?:\$_(?:get|post|request|cookie|files)|\$http_(?:get|post|cookie|post_files)_vars|\$http_post_files"
                r"|\$_server\s*\[\s*['\"]?http_|getallheaders\s*\(|apache_request_headers\s*\(|['\"]?php://input)")
_DECODING_CALLS = (r"(?:(?:trim|ltrim|rtrim|stripslashes|stripcslashes|urldecode|rawurldecode|base64_decode|gzinflate"
                   r"|gzuncompress|gzdecode|str_rot13|strrev|hex2bin|convert_uudecode|html_entity_decode|strval"
                   r"|htmlspecialchars_decode|file_get_contents)\s*\(\s*)*")
# A variable holding request data that way. Tried only where an assignment from request input starts (_TAINT_ASSIGN's
# matches), not at every "$".
_WHOLE_INPUT_ASSIGN = lazyre.pattern(r"(\$\w+)\s*=\s*@?\s*" + _DECODING_CALLS + REQUEST_DATA + r"[^;.]{0,60};")
# The patterns below start with their function's name (a search skips to it); the word start is checked after.
_INCLUDED_VARIABLE = lazyre.pattern(r"(?:include|require)(?:_once)?\s*\(?\s*@?\s*(\$\w+)\s*\)?\s*;")
_WORD_CHAR = lazyre.pattern(r"\w")


def _whole_input_holders(low, assigns):
    return {m.group(1) for m in assigns if _WHOLE_INPUT_ASSIGN.match(low, m.start())}


def _at_word_start(low, match):
    return match.start() == 0 or not _WORD_CHAR.match(low, match.start() - 1)


def _input_variable_included(low, holders):
    """include($page); where $page is request input as it came, not a name inside a path: the request chooses
    the file run as PHP (remote or local file inclusion). Decisive only in a small file: in a large one the
    assignment and the include may sit in different functions (scopes are not parsed), or an installer
    includes a package's manifest the request names, behind checks."""
    checked = {}
    for match in _INCLUDED_VARIABLE.finditer(low):
        name = match.group(1)
        if name in holders and _at_word_start(low, match):
            if name not in checked:
                checked[name] = _checked(low, name)
            if not checked[name]:
                return "input_variable_included", 10 if len(low) <= _PROPAGATE_SIZE else 5, match.start()
    return None


# How code limits a request-chosen name to the pages it knows: a list, a pattern, a comparison, a switch.
_CHECKS = (r"(?:in_array|array_key_exists|array_search|preg_match|ctype_\w+|basename|realpath|switch)\s*\([^;)]{0,80}?%(v)s"
           r"|isset\s*\(\s*\$\w+\s*\[\s*%(v)s\s*\]|%(v)s\s*[!=]==?\s*['\"]|['\"]\s*[!=]==?\s*%(v)s")


def _checked(low, name):
    """Whether the request-chosen ``name`` is checked, or set again ($page = basename($page)), anywhere in ``low``."""
    var = re.escape(name) + r"\b"
    return len(re.findall(var + r"\s*=(?!=)", low)) > 1 or re.search(_CHECKS % {"v": var}, low) is not None


# A path that names a PHP script, up to the argument's end (not .htaccess: admin plugins edit it from a form).
_SCRIPT_PATH = r"[^,;]{0,200}?\.(?:php\d?|phtml|phar)['\"]\s*"
# Data that is the request's as it came (maybe through functions: base64_decode, stripslashes), nothing joined but
# PHP's own tags around it ('<?php ' . $_POST['c'] . ' ?>': the request's text is the program, not a value in it).
_WHOLE_DATA = (r"(?:['\"]<\?(?:php)?\s*['\"]\s*\.\s*)?@?\s*%s(?:(%s)|(\$\w+))\s*(?:\[[^\]\n]{0,40}\]\s*)*['\"]?\)*"
               r"(?:\s*\.\s*['\"]\s*\?>\s*['\"])?\s*[,)]" % (_DECODING_CALLS, REQUEST_DATA))
_WRITE_SCRIPT = lazyre.pattern(r"file_put_contents\s*\(\s*@?" + _SCRIPT_PATH + r",\s*" + _WHOLE_DATA)
_OPEN_SCRIPT = lazyre.pattern(r"fopen\s*\(\s*" + _SCRIPT_PATH + r",\s*['\"][wax]")
_HANDLE_ASSIGNED = lazyre.pattern(r"(\$\w+)\s*=\s*@?\s*\Z")  # the handle fopen()'s result goes to
_HANDLE_WRITE = lazyre.pattern(r"f(?:write|puts)\s*\(\s*(\$\w+)\s*,\s*" + _WHOLE_DATA)


def _input_written_to_script(low, holders):
    """The request's data written whole into a file named as a PHP script: the request installs the code
    (a CMS installer writes a template with the values inside, not the request's data as the whole file)."""
    for match in _WRITE_SCRIPT.finditer(low):
        if (match.group(1) or match.group(2) in holders) and _at_word_start(low, match):
            return "input_written_to_script", 10, match.start()
    handles = set()
    for match in _OPEN_SCRIPT.finditer(low):
        handle = _HANDLE_ASSIGNED.search(low, max(0, match.start() - 80), match.start())
        if handle and _at_word_start(low, match):
            handles.add(handle.group(1))
    if handles:
        for match in _HANDLE_WRITE.finditer(low):
            if match.group(1) in handles and (match.group(2) or match.group(3) in holders) and _at_word_start(low, match):
                return "input_written_to_script", 10, match.start()
    return None


_VAR = r"(\$\w+)\b"
# A sink's argument: wrapped in calls (not a closure's parameter list), after a literal prefix ('x' . $v), interpolated
# ("$v 2>&1", "ls {$v}") or both ('?' . ">$v").
_WRAPPED = r"\s*\(\s*@?\s*(?:(?!function\b|fn\b)[a-z_0-9]+\s*\(\s*)*(?:'[^'\n]{0,40}'\s*\.\s*)?(?:\"[^\"$\n]{0,40}\{?)?"
_LATE_TAINTED = (r"\w*\s*\((?:[^;()]|\((?:[^;()]|\([^;()]*\))*\)){0,120}?,\s*@?\s*"
                 r"(?:[a-z_0-9]+\s*\(\s*)*" + _VAR + r"\s*(?:\)\s*)*(?:,[^;]{0,40})?\)\s*;")
# create_function()'s code is its second argument (the first lists the parameters).
_SECOND_ARGUMENT = (r"\s*\(\s*(?:'[^'\n]{0,200}'|\"[^\"\n]{0,200}\"|\$\w+)\s*,\s*@?\s*(?:(?!function\b|fn\b)[a-z_0-9]+\s*\(\s*)*"
                    + _VAR)
# Sinks whose argument is a variable; the variable is checked against the tainted ones afterwards, so the
# patterns are compiled once (not per file).
_TAINT_SINKS = [(name, weight, _compile(heads, tail)) for name, weight, heads, tail in (
    ("tainted_to_code", 10, _CODE, _WRAPPED + _VAR),
    ("tainted_to_code", 10, ("create_function",), _SECOND_ARGUMENT),
    ("tainted_to_command", 10, COMMAND_NAMES, _WRAPPED + _VAR),
    ("tainted_as_function", 7, ("$",), r"(?<=\$)(\w+)\s*\(\s*[^)]"),
    ("tainted_to_callback", 8, _CB_FIRST, _WRAPPED + _VAR),
    ("tainted_to_late_callback", 10, _CB_LATER, _LATE_TAINTED),
    ("tainted_to_variable_function", 8, ("$",), r"\w+\s*\(\s*@?\s*" + _VAR),
    # An element of a request-derived array called as a function ($x = $_GET; $x['f']($x['c'])).
    ("tainted_element_as_function", 10, ("$",), r"(?<=\$)(\w+)\s*(?:\[[^\]\n]{0,40}\]\s*){1,2}\(\s*[^)\s]"),
    ("tainted_to_socket", 5, ("fsockopen", "pfsockopen", "stream_socket_client", "socket_connect"),
     r"\s*\(\s*(?:\$\w+\s*,\s*)?(?:['\"][a-z]{0,5}(?:://)?['\"]\s*\.\s*)?['\"]?" + _VAR),
)]


# (Up to 1,000 characters of attributes before the name: old shells style each field inline.)
_FORM_FIELD = lazyre.pattern(r"<(?:input|textarea|select)\b[^<>]{0,1000}?\bname\s*=\s*\\?['\"]?(\w+)")
_SINK_WORDS_ALL = ("eval", "assert", "system", "passthru", "shell_exec", "exec", "popen", "proc_open")
_SINK_VAR_TAIL = lazyre.pattern(_WRAPPED + _VAR)


_LINK_PARAM = lazyre.pattern(r"(?:\?|&(?:amp;)?)([a-z_]\w*)=(?!=)")


# A default given only when the variable came empty: if ($cmd == "") { $cmd = 'dir'; } keeps it the request's.
_DEFAULT_TEST = (r"if\s*\(\s*(?:\$%(v)s\s*==\s*(?:''|\"\"|null)|empty\s*\(\s*\$%(v)s\s*\)|!\s*isset\s*\(\s*\$%(v)s\s*\)"
                 r"|!\s*\$%(v)s)\s*\)\s*\{?\s*\Z")


def _unassigned(low, name):
    """Whether ``$name`` is never assigned in ``low`` other than from itself ($cmd = stripslashes($cmd)) or as a
    default when it came empty."""
    default = None
    for match in re.finditer(r"\$%s\s*(?:\[[^\]\n]{0,40}\]\s*)?=(?!=)(?![^;]{0,80}\$%s\b)" % (name, name), low):
        default = default or re.compile(_DEFAULT_TEST % {"v": name})
        if not default.search(low, max(0, match.start() - 80), match.start()):
            return False
    return True


def _form_field_sinks(low):
    """register_globals: form fields' names used as variables, never assigned, reaching a sink or file operations."""
    hits = []
    if "name" not in low or "<" not in low:
        return hits
    fields = {m.group(1) for m in _FORM_FIELD.finditer(low)}
    if not fields:
        return hits
    fields.update(m.group(1) for m in _LINK_PARAM.finditer(low))  # ?x=... in links and form actions fill $x too
    if any(w in low for w in _SINK_WORDS):
        for start, match in calls_of(low, _SINK_WORDS_ALL, _SINK_VAR_TAIL):
            name = match.group(1)[1:]
            if name in fields and _unassigned(low, name):
                hits.append(("form_field_to_sink", 10, start))
                break
    kinds = set()
    checked = {}
    for kind, words, tail in _FILE_OPS:
        if kind in kinds or not any(w in low for w in words):
            continue
        for _start, match in calls_of(low, words, tail):
            used = [v[1:] for v in _VAR_NAMES.findall(match.group(1)) if v[1:] in fields]
            for name in used:
                if name not in checked:
                    checked[name] = _unassigned(low, name)
            if any(checked[name] for name in used):
                kinds.add(kind)
                break
    if len(kinds) >= 2:
        hits.append(("form_field_file_manager", min(12, 3 * len(kinds) - 2), -1))
    return hits


# Ways a variable gets a value other than "$v =": a loop, list(), a reference, a declaration, a catch.
_SET_OTHERWISE = lazyre.pattern(r"\bas\s+&?\$(\w+)(?:\s*=>\s*&?\$(\w+))?|&\s*\$(\w+)|\b(?:global|static)\s+\$(\w+)"
                                r"|\bcatch\s*\([^)$]*\$(\w+)")
_ASSIGNED = lazyre.pattern(r"\$(\w+)\s*(?:\[[^\]\n]{0,40}\]\s*)*(?:[-+*/.%|&^]|\?\?)?=(?!=)")
# Code that hands variables over from elsewhere: functions (parameters), an including file, extract(), objects.
_VARIABLES_FROM_ELSEWHERE = ("function", "include", "require", "extract", "$this", "list(", "compact", "$$", "${",
                             "parse_str", "import_request_variables", "mb_parse_str")


def _undefined_to_sink(low):
    """register_globals without a form: in a small file that takes no variables from elsewhere, a variable never
    given a value (then filled from the request's parameters of the same name), or one computed from such a
    variable, reaches code or command execution."""
    if len(low) > _PROPAGATE_SIZE or any(word in low for word in _VARIABLES_FROM_ELSEWHERE) \
            or not any(w in low for w in _SINK_WORDS):
        return None
    assigned = {m.group(1) for m in _ASSIGNED.finditer(low)}
    assigned.update(name for m in _SET_OTHERWISE.finditer(low) for name in m.groups() if name)
    undefined = {"$" + name for name in {m[1:] for m in _VAR_NAMES.findall(low)} - assigned
                 if not name.startswith("_") and name not in ("globals", "php_self", "php_errormsg", "argv", "argc")}
    if not undefined:
        return None
    reached = undefined | _propagated(_assigned_values(low), undefined)
    for start, match in calls_of(low, _SINK_WORDS_ALL, _SINK_VAR_TAIL):
        if match.group(1) in reached and not _on_comment_line(low, start):
            return "undefined_variable_to_sink", 10, start
    return None


# A write whose data is a base64 literal decoded in place (original case: base64 is case-sensitive).
_WRITES_B64 = lazyre.pattern(r"\s*\([^;]{0,200}?base64_decode\s*\(\s*['\"]([A-Za-z0-9+/]{40,})", re.I)


def _writes_php_literal(text, low):
    """A dropper: it writes a file whose content is an encoded literal that decodes to a PHP script."""
    for _start, match in calls_of(low, ("fwrite", "fputs", "file_put_contents"), _WRITES_B64):
        # The same span of the original text (lower() keeps the length of latin-1 text): base64 is case-sensitive.
        head = text[match.start(1):match.start(1) + 96]
        try:
            decoded = base64.b64decode(head[:len(head) // 4 * 4]).decode("latin-1")
        except (binascii.Error, ValueError):
            continue
        if decoded.lstrip().startswith("<?"):
            return True
    return False


# A long literal whose text starts like base64 or hex of a native program's first bytes: "MZ" (Windows PE) or
# "\x7fELF". base64 may run over several lines inside the literal. Checked on the original case.
_PROGRAM_LITERAL = lazyre.pattern(r"""['"]\s*(TV[o-r][A-Za-z0-9+/][A-Za-z0-9+/=\r\n]{4092,}|f0VMR[A-Za-z0-9+/=\r\n]{4091,}"""
                                  r"""|(?:4[dD]5[aA]|7[fF]454[cC]46)[0-9a-fA-F]{8188,})""")
_PROGRAM_STARTS = ("TVo", "TVp", "TVq", "TVr", "f0VMR")  # base64, in the original case
_PROGRAM_HEX_STARTS = ("4d5a", "7f454c46")  # hex, in any case
_PROGRAM_HEAD = 4096
_PROGRAM_MIN = 4097  # the shortest _PROGRAM_LITERAL match: a quote and 4,096 characters


def _is_native_program(head: bytes) -> bool:
    """ELF's magic, or MZ with the PE signature where the DOS header's e_lfanew points (not just two letters)."""
    if head.startswith(b"\x7fELF"):
        return len(head) > 16 and head[4] in (1, 2) and head[5] in (1, 2)  # 32/64-bit class, byte order
    if head.startswith(b"MZ") and len(head) >= 0x40:
        offset = int.from_bytes(head[0x3c:0x40], "little")
        return head[offset:offset + 4] == b"PE\0\0"
    return False


_ask_names(phpactions.GATE_NAMES)
_ask_names(("ignore_user_abort", "chr", "f0vmr", "4d5a", "7f454c46"))  # _features, _obfuscation, _program_start_in


def _program_start_in(text, low, words) -> bool:
    """Whether ``text`` holds one of the ways _PROGRAM_LITERAL's body starts (``low`` its lower case, ``words`` its
    names): the pattern starts with a quote, tried at every string of the file."""
    if not ("tv" in words or "f0vmr" in words or "4d5a" in words or "7f454c46" in words):
        return False
    return any(start in text for start in _PROGRAM_STARTS) or any(start in low for start in _PROGRAM_HEX_STARTS)


def _embeds_native_program(text) -> bool:
    """A PHP file carrying a Windows or Linux program of some kilobytes in a base64 or hex literal: a dropper's
    payload (a page has no use for a program as text), whatever code later writes and starts it."""
    for match in _PROGRAM_LITERAL.finditer(text):
        body = "".join(match.group(1)[:2 * _PROGRAM_HEAD].split())
        try:
            if body[:2] in ("TV", "f0"):
                head = base64.b64decode(body[:min(len(body), _PROGRAM_HEAD // 3 * 4) // 4 * 4])  # whole quads
            else:
                head = binascii.unhexlify(body[:2 * _PROGRAM_HEAD])
        except (binascii.Error, ValueError):
            continue
        if _is_native_program(head):
            return True
    return False


def _input_extracted(low) -> bool:
    """extract($_POST), parse_str of the query, or the same by hand (a foreach setting $$k), in code."""
    if any(name in low and next(_code_matches(rx, low), None) for name, rx in _EXTRACTS):
        return True
    return ("$$" in low or "${" in low) and "foreach" in low and next(_code_matches(_IMPORT, low), None) is not None


class Evidence:
    """The signals found in one file: the best weight per signal, and where the strongest was seen."""

    def __init__(self):
        self.found = {}
        self.best = (-1, -1)

    def add(self, name, weight, pos=-1):
        if weight > self.found.get(name, 0):
            self.found[name] = weight
        if pos >= 0 and weight > self.best[0]:
            self.best = (weight, pos)

    def take_off(self, name, weight):
        """Record evidence against: ``name`` lowers the score by ``weight`` (add() keeps only the largest weight)."""
        self.found[name] = -weight

    @property
    def score(self):
        return sum(self.found.values())


def score_php(layers, ev=None, low_first=None, enough=None, first_index=0):
    """Score PHP text layers (normalised text first, decoded layers after) into an Evidence.

    With ``enough``, stops as soon as the score reaches it (the verdict cannot change any more). With
    ``first_index``, ``layers`` continue layers already scored into ``ev`` (the first of them has that index)."""
    ev = ev or Evidence()

    def settled():
        return enough is not None and ev.score >= enough

    first_words = None
    for index, layer in enumerate(layers, first_index):
        low = low_first if index == 0 and low_first is not None else layer.lower()
        present = heads_in(low)
        has_input = has_request_input(low)
        for name, weight, compiled, _heads in _signals_to_try(present):
            if (name.startswith("input_") and not has_input) or _ALSO_NEEDS.get(name, "") not in low:
                continue
            match = first_match(low, compiled, present, _ACCEPT.get(name))
            if match:
                ev.add(name, weight, match.start() if index == 0 else -1)
                if settled():
                    return ev
        if has_input:
            for name, weight, pos in _tainted_sinks(low):
                ev.add(name, weight, pos if index == 0 else -1)
                if settled():
                    return ev
            if _input_extracted(low):
                ev.add("input_extracted", 4)
                # Every variable now comes from the request: a sink fed by any variable is fed by the request.
                if _VAR_SINK.search(low) or "backtick_command" in ev.found:
                    ev.add("extracted_input_to_sink", 8)
            if settled():
                return ev
        for name, weight, pos in (_form_field_sinks(low) if index == 0 else ()):
            ev.add(name, weight, pos)
        hit = _undefined_to_sink(low) if index == 0 and "form_field_to_sink" not in ev.found else None
        if hit:
            ev.add(*hit)
        if index == 0 and has_input and len(low) < 4096 and _small_file_sink(low):
            ev.add("small_file_input_and_sink", 3)
        if index and _HIDDEN.search(low):
            ev.add("hidden_code", 8)
        if settled():
            return ev
        # Names looked up in the text's names (the same answer, a sixth of the length); a program literal is
        # longer than _PROGRAM_MIN, so shorter layers cannot hold one.
        words = words_of(low)
        if index == 0:
            first_words = (low, words)
        if index == 0 and "base64_decode" in words and _writes_php_literal(layer, low):
            ev.add("php_dropper", 10)
        if index == 0 and len(layer) >= _PROGRAM_MIN and _program_start_in(layer, low, words) \
                and _embeds_native_program(layer):
            ev.add("embedded_native_program", 10)
        _features(low, ev)
        if settled():
            return ev
        # hook (issue 14): droppers, uploaders, beacons, mailers, log cleaners
        phpactions.score_actions(low, ev, index == 0, words)
        if settled():
            return ev
    for name, weight in _obfuscation(layers[0], first_words) if first_index == 0 else ():
        ev.add(name, weight)
    return ev


_DETACHED = lazyre.pattern(r"ignore_user_abort\s*\(\s*(?:true|1)?\s*\)")
_NO_TIME_LIMIT = lazyre.pattern(r"set_time_limit\s*\(\s*0\s*\)")


def _features(low, ev):
    # Runs on after the visitor leaves and without a time limit: mass mailers, flooders, scanners.
    words = words_of(low)
    if "ignore_user_abort" in words and _DETACHED.search(low) and _NO_TIME_LIMIT.search(low):
        ev.add("detached_long_run", 2)
    strong = {t for t, spelling in _STRONG_UI_SPELLED if occurs(spelling, low, words)}
    if len(strong) < 2:
        terms = ()
    else:
        terms = {t for t, spelling in _UI_SPELLED if occurs(spelling, low, words)}
    if len(strong) >= 2 and len(terms) >= 12:
        ev.add("shell_ui_features", min(12, len(strong) * 2 + len(terms) // 4))
    if "exec" in words or "system" in words or "passthru" in words:  # names: looked up in either as they are
        execs = [name for name in _EXEC_NAMES if name in words and calls_of(low, (name,), _CALL_TAIL, _IDENT)]
        if len(execs) >= 3:
            ev.add("exec_fallbacks", 2 * len(execs) - 3)


_WHOLE_LINE_COMMENT = lazyre.pattern(r"^[ \t]*(?://|#)(?:(?!\?>)[^\n])*", re.M)  # (up to a ?>, where the comment ends)


def without_comments(text):
    """``text`` with its /* */ blocks (up to an unclosed one: the rest) and whole-line comments blanked out."""
    pieces, pos = [], 0
    while True:
        start = text.find("/*", pos)
        if start < 0:
            pieces.append(text[pos:])
            break
        pieces.append(text[pos:start])
        end = text.find("*/", start + 2)
        if end < 0:
            break
        pos = end + 2
    return _WHOLE_LINE_COMMENT.sub("", " ".join(pieces))


# PHP's own reading of a template: code runs from an open tag to "?>" (or "</script>" after <script language=php>)
# outside strings and comments; a line comment ends at "?>" too. Everything else is output.
_OPEN_TAG = lazyre.pattern(r"<\?(?:php\b|=|(?=\s))|<script\s+language\s*=\s*['\"]?php['\"]?\s*>", re.I)
_CODE_TOKEN = lazyre.pattern(r"'[^'\\]*(?:\\.[^'\\]*)*'|\"[^\"\\]*(?:\\.[^\"\\]*)*\"|/\*.*?(?:\*/|\Z)"
                             r"|(?://|#)[^\n?]*(?:\?(?!>)[^\n?]*)*|\?>|</script\s*>", re.I | re.S)


def _blank(piece):
    """``piece`` as blanks of its length, its line breaks kept (positions and line numbers stay)."""
    return "\n".join(" " * len(line) for line in piece.split("\n"))


def code_only(text):
    """``text`` with everything outside PHP's tags blanked out: the code of a template (an .htm page with PHP in
    it), whose HTML and JavaScript (``$DE('id')``, a page's own helper) are output, not PHP calls."""
    pieces, pos = [], 0
    while True:
        tag = _OPEN_TAG.search(text, pos)
        if tag is None:
            pieces.append(_blank(text[pos:]))
            return "".join(pieces)
        pieces.append(_blank(text[pos:tag.start()]))
        closer = "?>" if tag.group().startswith("<?") else "</"  # (<SCRIPT ...> in any case ends at </script>)
        end = len(text)
        for token in _CODE_TOKEN.finditer(text, tag.end()):
            if token.group().startswith(closer):
                end = token.end()
                break
        pieces.append(text[tag.start():end])
        pos = end


_UNDERSCORES = spelled("$__")
_TABLE_JOINS = (spelled("].$"), spelled("}.$"))


def _obfuscation(text, names=None):
    """``names``: (text.lower(), its words_of()) when at hand, to rule counts out by a look-up among the names."""
    out = []
    low, words = names if names is not None else (None, None)
    ascii_text = text.isascii()
    idents = (_OBF_IDENT_ASCII if ascii_text else _OBF_IDENT).findall(text)
    if len(idents) >= 5 and not ascii_text and not all(ident.isascii() for ident in idents):
        # A name followed by words of another script ("$name为数组" in a Chinese docblock) is prose, not a
        # name; counted again without the comments (obfuscated names are code, which stays).
        idents = _OBF_IDENT.findall(without_comments(text))
    if len(idents) >= 5:
        out.append(("obfuscated_identifiers", 5 if len(set(idents)) >= 3 else 3))
    # Each escape holds a backslash: too few backslashes and the share cannot be reached.
    if text.count("\\") * 40 > len(text):
        escapes = len(_ESCAPE.findall(text))
        if escapes >= 30 and escapes * 40 > len(text):
            out.append(("escaped_bytes", 4))
    if _QUOTE_OPERATOR.search(text) and len(_BITWISE_STR.findall(text)) >= 4:
        out.append(("bitwise_string_ops", 8))
    if (words is None or any(occurs(join, low, words) for join in _TABLE_JOINS)) \
            and text.count("].$") + text.count("}.$") >= 20 and len(_CHAR_TABLE.findall(text)) >= 15:
        out.append(("char_table_strings", 6))
    # Gates before counting: "$__" must be in the text, "chr(" and "Chr(" need the name "chr".
    if (words is None or occurs(_UNDERSCORES, low, words)) and text.count("$__") >= 4:
        bare = _UNDERSCORE_VAR.findall(text)
        if len(bare) >= 10 and len(set(bare)) >= 2:
            out.append(("underscore_identifiers", 5))  # $_, $__, $___ ...: code written without letters
    if (words is None or "chr" in words) and text.count("chr(") + text.count("Chr(") >= 10:
        out.append(("chr_concatenation", 3))
    lines = text.split("\n")
    longest = max(lines, key=len)
    if len(longest) >= 2000 and entropy(longest[:20000]) >= 5.0:
        out.append(("high_entropy_line", 3))
    # Such a run never spans a line break: only a text with a long line can hold one.
    if len(longest) >= 1000 and _BASE64_RUN in text.encode("latin-1", "replace").translate(_TO_BASE64_RUNS):
        out.append(("long_encoded_literal", 2))
    return out
