# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How much the names a PHP file uses look like a web shell's, from a learned linear model.

The signals of php.py describe what a shell does. Many shells (file managers, mailers, database
consoles, port scanners) do what legitimate code does too and differ in *which* of PHP's functions
and words they use together: ``posix_getpwuid``, ``disk_free_space``, ``fsockopen``, ``safe_mode``
beside a form, where a framework file uses its own classes and names. A logistic regression over
which names occur in a file (runs of a-z, 0-9 and ``_``; present or not, not how often), trained on
public web shells and CMS/framework code by ``benchmarks/train_vocabulary.py``, scores that; the
weights are in ``vocabulary_model.py``.

How it is used keeps it from deciding alone: it is only read for a file whose other evidence is
near the threshold, it adds at most ``MAX_WEIGHT`` (below the threshold), and a strongly
framework-like vocabulary takes ``AGAINST_WEIGHT`` off a weak verdict made only of the engine's
added-up evidence about the code's shape (never off request input reaching anything or a YARA match: a
backdoor injected into a framework file). Written by hand because it is one set intersection and a
sum per file; no library is needed to apply a linear model.
"""

from __future__ import annotations

import math
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php, vocabulary_model

MAX_WEIGHT = 8  # below the default threshold (10): other evidence must add at least 2
# A logit this low is far below that of every shell the other signals found in the cross-corpus check
# (docs/docroot-detection.md); there a weak verdict (score under threshold + AGAINST_WEIGHT) loses AGAINST_WEIGHT.
AGAINST_BELOW = -15.0
AGAINST_WEIGHT = 4
SHELL_SIGNAL = "shell_vocabulary"
FRAMEWORK_SIGNAL = "framework_vocabulary"
NAMES_SIGNAL = "sink_name_literal"  # php.py's: a sink's name inside a string literal
_REQUEST_PARTS = ("input", "tainted", "request", "upload")  # in the names of php.py's signals of request input
_WEIGHTS = {name.encode("ascii"): weight for name, weight in vocabulary_model.WEIGHTS.items()}
_MODEL_NAMES = frozenset(_WEIGHTS)


# A string literal that only lists three or more names ('phpinfo,eval,exec,passthru'): a configuration of disabled
# functions or a filter's deny list is data the file checks against, not names it uses.
_NAME_LIST_LITERAL = re.compile(rb"""(['"])(?:[a-z_][a-z0-9_]*[ \t]*[,|][ \t]*){2,}[a-z_][a-z0-9_]*\1""")


# An escaped byte in a string ("\x41", "\101", "\u{41}") is a byte, not a name: read as one, a table of escapes
# (a UTF-8 library's data) gave "x41"-like names by the hundred, and the escapes already weigh as escaped_bytes.
_ESCAPED_BYTE = re.compile(rb"\\(?:x[0-9a-f]{1,2}|[0-7]{1,3}|u\{[0-9a-f]{1,6}\})")


def names_of(data: bytes) -> set:
    """The distinct names of ``data`` (lower-cased ASCII letters, digits and ``_``, as bytes), names only listed in a
    string and escaped bytes left out: the model's input."""
    low = data.lower()
    if b"," in low or b"|" in low:
        low = _NAME_LIST_LITERAL.sub(b" ", low)
    if b"\\" in low:
        low = _ESCAPED_BYTE.sub(b" ", low)
    return set(low.translate(php.TO_NAMES).split())


def logit(names) -> float:
    """The model's log-odds that a file using ``names`` (bytes, as names_of gives them) is a web shell.

    Summed exactly (math.fsum): a set's order changes from one process to the next (hashes are salted), and a
    plain float sum in another order can land just below a whole number the weight is cut at."""
    return vocabulary_model.BIAS + math.fsum(_WEIGHTS[name] for name in _MODEL_NAMES.intersection(names))


def _not_discountable(ev, threshold) -> bool:
    """Whether ``ev`` holds evidence the vocabulary must not outweigh.

    That is request input reaching anything (``input_*``, ``tainted_*``, ``php_input_stream``, uploads ...: a
    backdoor appended to a framework's controller, ``$y = $_POST['a']; $y($_POST['b'])``, has the framework's
    vocabulary), a YARA rule's match, or one signal that reaches the threshold alone. What remains, and can be
    discounted, is the engine's own added-up evidence about the code's shape (variable functions, ``chr``
    joins, decoders ...), which framework code shows too.
    """
    return any(weight >= threshold or name.startswith("yara:") or any(part in name for part in _REQUEST_PARTS)
               for name, weight in ev.found.items())


def weigh(data: bytes, ev, threshold: int) -> None:
    """Add the vocabulary's evidence to ``ev`` (a php.Evidence) when it can change the verdict."""
    score = ev.score
    # A sink's name written as a string is a name the vocabulary counts too: not other evidence (it would count
    # twice; alone with the vocabulary it flagged a syntax highlighter's and a module scanner's lists of names).
    other = score - ev.found.get(NAMES_SIGNAL, 0)
    if threshold - MAX_WEIGHT <= other and score < threshold:
        value = logit(names_of(data))
        if value >= 1:
            ev.add(SHELL_SIGNAL, min(MAX_WEIGHT, int(value)))
    elif threshold <= score < threshold + AGAINST_WEIGHT and not _not_discountable(ev, threshold) \
            and logit(names_of(data)) < AGAINST_BELOW:
        ev.take_off(FRAMEWORK_SIGNAL, AGAINST_WEIGHT)
