# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""YARA rules, used only when ``yara-python`` imports: the bundled web-shell rules and the admin's own.

The bundled rules are maintained rule sets, not written here (signature-base, Detection Rule License 1.1):
the generic ones (``generic_rules.py``: gen_webshells.yar) describe what a web shell needs (a way in for
the attacker's input and a payload); the known ones (``known_rules.py``: thor-webshells.yar and the other
web-shell files) name known shells and their families by their own strings, so they find the old
collections' shells whose code shows no behaviour this engine can follow (a database console, a file
browser) and whose copies still circulate. Their matches are evidence beside this engine's own, never the
verdict alone unless several rules agree.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading

WEIGHT = 6  # an admin's rule: published rule sets flag ~1 % of benign files
GENERIC_WEIGHT = 8  # a generic rule: 2 of 20,065 benign development files matched one (docs/docroot-detection.md)
GENERIC = "generic"
KNOWN = "known"
LITERALS = "literals"
# The generic rules look only at files up to this size. Their strings match so often in some large files
# (a megabyte of "<%%>") that YARA keeps about 1 MB of match records per KB scanned; the shells they add to
# this engine's findings are small droppers and one-liners (none above 64 KiB in the development split).
GENERIC_MAX_SIZE = 64 << 10
# Every match of the literals' rule is kept (a pass in fast mode would stop the rules' counts): past this size a file
# full of one literal ("eval" 2 million times in 8 MB) would give YARA and Python millions of match records, so
# larger files are read by the literal automaton in fast mode instead (256 KiB of "eval($_post);": 60,000 records,
# 6 MB, 15 ms).
LITERALS_MAX_SIZE = 256 << 10
# The known-shell rules carry their own size limits (filesize < ...): they read every file the scan reads. Up to
# GENERIC_MAX_SIZE both sets are compiled into one: one YARA call per file instead of two (its fixed cost counts
# on many small files: 2.9 s instead of 3.5 s over the development split's 20,500 such files).


def _yara():
    try:
        import yara  # noqa: PLC0415 - optional dependency
    except ImportError:
        return None
    return yara


class _Deferred:
    """A bundled rule set for larger files, compiled at its first use or by compile_deferred(), whichever comes first:
    a re-scan of a few changed files, most of them small, need not wait for it."""

    __slots__ = ("sources", "rules", "lock")

    def __init__(self, sources):
        self.sources, self.rules, self.lock = sources, None, threading.Lock()

    def compiled(self):
        with self.lock:  # compiled once, by whichever thread comes first
            if self.rules is None:
                self.rules = _yara().compile(sources=self.sources)
        return self.rules

    def match(self, **kwargs):
        return (self.rules if self.rules is not None else self.compiled()).match(**kwargs)


def compile_deferred(rules):
    """Compile the sets of load(..., defer=True) still waiting for their first use. One that fails here (out of memory)
    fails again at its first use, where read() skips it for that file: the scan goes on."""
    for ruleset, _least, _most, _literals in rules or ():
        if isinstance(ruleset, _Deferred):
            with contextlib.suppress(Exception):
                ruleset.compiled()


def load(path, generic=False, literals=(), defer=False):
    """(list of (compiled rule set, smallest and largest file it reads (None: any), the ``literals`` it also looks
    for), a problem sentence or None). With ``defer``, the bundled sets for files above GENERIC_MAX_SIZE are compiled
    at their first use (see compile_deferred()).

    ``literals`` (lower-cased latin-1 strings, see php.automaton_literals) are looked for in any case in the same pass as
    the bundled rules in files up to LITERALS_MAX_SIZE: the literal automaton's pass over the lower-cased file
    (literal_finder) is then not needed. One pass instead of two: on the held-out split's files up to 64 KiB a fifth
    less time than the two calls, on its files of 64-256 KiB half."""
    if not path and not generic:
        return [], None
    yara = _yara()
    if yara is None:
        return [], ("yara_rules given but the yara Python module is not installed; YARA not used" if path else None)
    compiled = []
    if generic:
        from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (  # noqa: PLC0415
            generic_rules,
            known_rules,
        )

        literals = tuple(literals)
        extra = {LITERALS: _literal_rule(literals)} if literals else {}
        sets = [({GENERIC: generic_rules.RULES, KNOWN: known_rules.RULES, **extra}, 0, GENERIC_MAX_SIZE, literals)]
        if literals:
            sets.append(({KNOWN: known_rules.RULES, **extra}, GENERIC_MAX_SIZE + 1, LITERALS_MAX_SIZE, literals))
        sets.append(({KNOWN: known_rules.RULES}, sets[-1][2] + 1, None, ()))
        compiled += [(_Deferred(sources) if defer and least else yara.compile(sources=sources), least, most, looked_for)
                     for sources, least, most, looked_for in sets]
    if not path:
        return compiled, None
    files = _rule_files(path)
    if not files:
        return compiled, "no YARA rule files at %s" % path
    try:
        compiled.append((yara.compile(filepaths=files), 0, None, ()))
    except Exception as exc:  # noqa: BLE001 - yara.SyntaxError and friends; any failure only disables these rules
        return compiled, "YARA rules could not be compiled: %s" % str(exc)[:300]
    return compiled, None


def _byte_cases(char):
    """A hex-string token of the latin-1 byte ``char`` (lower-cased) and the byte lower() turns into it: 0xCA for 0xEA."""
    codes = sorted({ord(c) for c in (char, char.upper()) if len(c) == 1 and ord(c) < 256 and c.lower() == char})
    return "%02x" % codes[0] if len(codes) == 1 else "( %s )" % " | ".join("%02x" % code for code in codes)


def _literal_string(literal):
    """A YARA string matching ``literal`` (lower-cased latin-1) where the raw text spells it in any case: ASCII as a
    text string with nocase; other bytes (a Chinese term in GBK) as hex with each byte's upper-case form, since YARA
    folds ASCII letters only and lower() also folds latin-1's."""
    if literal.isascii():
        return '"%s" nocase' % "".join(c if c.isalnum() or c == "_" else "\\x%02x" % ord(c) for c in literal)
    return "{ %s }" % " ".join(_byte_cases(c) for c in literal)


def _literal_rule(literals):
    """A rule whose strings are ``literals``, matched in any case: what the automaton finds in the lower-cased text."""
    strings = " ".join("$s%d = %s" % (i, _literal_string(literal)) for i, literal in enumerate(literals))
    return "rule literals { strings: %s condition: any of them }" % strings


def literal_finder(literals):
    """A function giving which of ``literals`` (strings of latin-1 characters) occur in a bytes object, or None
    without yara-python.

    YARA's automaton finds them all in one pass in C; Python looks each one up in turn. One look-up scans the text
    (or its names, see php.words_of), and some hundred of them cost about 10 ms on a 360 KB shell whose base64
    blobs leave few repeated names; the automaton about 1 ms (php.occurs, php.heads_in).
    """
    yara = _yara()
    if yara is None or not literals:
        return None
    strings = " ".join("$s%d = { %s }" % (i, " ".join("%02x" % b for b in literal.encode("latin-1")))
                       for i, literal in enumerate(literals))
    try:
        rules = yara.compile(source="rule literals { strings: %s condition: any of them }" % strings)
    except Exception:  # noqa: BLE001 - any failure leaves the look-ups to Python
        return None

    def find(data):
        """The set of the literals in ``data``, or None when YARA did not finish (a timeout, an engine error)."""
        try:
            matches = rules.match(data=data, fast=True, timeout=10)
        except Exception:  # noqa: BLE001 - the caller looks the literals up itself
            return None
        found = set()
        for hit in matches:
            found |= _literals_of(hit, literals)
        return found

    return find


def _rule_files(path):
    """{name: path} of the admin's rule files: the .yar/.yara files of a folder, or the one file given."""
    files = {}
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            if name.endswith((".yar", ".yara")):
                files[name] = os.path.join(path, name)
    elif os.path.isfile(path):
        files["rules"] = path
    return files


def load_in_background(path, generic=False, literals=()):
    """Start load() on a thread and return ``wait(everything=False)``, which waits for load()'s result and gives it;
    with ``everything``, also for the sets for larger files, which the thread compiles after that result
    (``wait.finished()`` tells whether it would wait). YARA
    compiles without holding the interpreter: a scan walks its tree and reads its state meanwhile (the bundled rules
    take 0.1-0.2 s to compile, more than a re-scan spends walking: the larger files' sets come last)."""
    result = []
    ready = threading.Event()

    def compile_rules():
        try:
            result.append(load(path, generic, literals, defer=True))
        except Exception as exc:  # noqa: BLE001 - reported as the scan's problem, the scan goes on without YARA
            result.append(([], "YARA rules could not be compiled: %s" % str(exc)[:300]))
        ready.set()
        compile_deferred(result[0][0])

    thread = threading.Thread(target=compile_rules, name="yara-compile", daemon=True)
    thread.start()

    def wait(everything=False):
        if everything:
            thread.join()  # (before a fork: no lock may be held by a thread the child does not have)
        ready.wait()
        return result[0]

    # Whether everything is compiled: wait(everything=True) would not wait.
    wait.finished = lambda: not thread.is_alive()
    return wait


def describe(path, generic=False):
    """What rules a scan with these options runs, for the key of cached verdicts (None when it runs none): the YARA
    version and a digest of the admin's rule files' content (an edited rule keeps its path). Whether the bundled
    rules run is an option of its own; whether the admin's compile follows from their content and the version."""
    yara = _yara()
    if not path and not generic or yara is None:
        return None
    digest = hashlib.sha256(str(getattr(yara, "__version__", "")).encode())
    for name, full in sorted(_rule_files(path).items()) if path else ():
        digest.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with open(full, "rb") as handle:
                digest.update(handle.read())
        except OSError as exc:
            digest.update(str(exc.errno).encode())
    return digest.hexdigest()[:16]


def hits(rules, data):
    """(``yara:<rule>`` signal, weight, offset of the rule's longest matched string or -1) of each matching rule."""
    return read(rules, data)[0]


def read(rules, data):
    """(hits() of ``data``, (the literals found in it, all the literals looked for) or None where no rule set read
    them: see load())."""
    found, present = [], None
    for ruleset, min_size, max_size, literals in rules or ():
        if len(data) < min_size or max_size is not None and len(data) > max_size:
            continue
        try:
            matches = ruleset.match(data=data, timeout=10)
        except Exception:  # noqa: BLE001,S112 - a timeout or engine error on one file must not stop the scan
            continue
        if literals:
            present = (set(), literals)
        for hit in matches:
            if literals and hit.namespace == LITERALS:  # only the bundled set holds the literals rule
                present = (_literals_of(hit, literals), literals)
                continue
            weight = GENERIC_WEIGHT if hit.namespace in (GENERIC, KNOWN) else WEIGHT
            found.append(("yara:%s" % hit.rule, weight, _longest_offset(hit)))
    return found, present


def _literals_of(hit, literals):
    return {literals[int(_identifier(string)[2:])] for string in hit.strings}


def _identifier(string):
    return string[1] if isinstance(string, tuple) else string.identifier  # yara-python before/after 4.3


def _longest_offset(hit):
    """Where the longest string a rule matched first stands (the most telling place to show), or -1."""
    longest, offset = 0, -1
    for string in hit.strings:
        if isinstance(string, tuple):  # yara-python before 4.3: one (offset, identifier, bytes) per match
            at, length = string[0], len(string[2])
        elif string.instances:
            at, length = string.instances[0].offset, string.instances[0].matched_length
        else:
            continue
        if length > longest:
            longest, offset = length, at
    return offset
