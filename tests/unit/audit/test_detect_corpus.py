"""The evaluation corpora of benchmarks/detect.py stay usable, and its scoring counts what it says.

Corpora: benchmarks/data/detect/ (sources and licences in SOURCES.md there).
"""

import os

from benchmarks import detect

CLASSES = {"sqli", "xss", "path_traversal", "rfi", "command_injection", "php_injection", "java_injection",
           "nodejs_injection", "sensitive_file", "exploit_probe", "protocol_abuse"}


def test_every_line_parses_with_its_own_client_and_every_file_is_sourced():
    corpus = detect.load_corpus()  # raises when a line does not parse
    labels = {label for label, _line, _row in corpus}
    assert labels == CLASSES | {"benign"}
    clients = [row[0] for _label, _line, row in corpus]
    assert len(clients) == len(set(clients)), "one client per line, or incidents cannot be mapped to lines"
    with open(os.path.join(detect.DATA, "SOURCES.md"), encoding="utf-8") as handle:
        sources = handle.read()
    for label in labels:
        assert "`%s.log`" % label in sources
    # The held-out set parses too, is scored against the same benign lines, and shares no client.
    held = detect.load_corpus(os.path.join(detect.DATA, "holdout"))
    assert {label for label, _l, _r in held} == {"sqli", "xss", "benign"}
    assert len({row[0] for _l, _line, row in held} | set(clients)) == len(clients) + len(held) - sum(
        1 for label, _l, _r in held if label == "benign")
    # Small enough for git.
    size = sum(os.path.getsize(os.path.join(root, f)) for root, _d, names in os.walk(detect.DATA) for f in names)
    assert size < 3 * 2 ** 20


def test_score_counts_detections_classes_and_false_alarms():
    corpus = [("sqli", b"", None), ("sqli", b"", None), ("xss", b"", None), ("benign", b"", None),
              ("benign", b"", None), ("benign", b"", None)]
    flagged = [(True, {"sqli"}), (True, {"xss"}), (False, set()), (True, {"sqli"}), (True, {"scanner_agent"}),
               (False, set())]
    got = detect.score(corpus, flagged)
    assert got["classes"]["sqli"] == {"detected": 2, "as_class": 1, "total": 2, "false_alarms": 1, "benign": 3}
    assert got["classes"]["xss"] == {"detected": 0, "as_class": 0, "total": 1, "false_alarms": 0, "benign": 3}
    assert got["all_attacks"] == {"detected": 2, "as_class": 1, "total": 3}
    assert got["benign"] == {"false_alarms": 2, "benign": 3}


def test_naive_peer_reads_decoded_lines():
    rows = [(b"1", b"", b"", b"GET /a?f=..%252f..%252fetc%252fpasswd HTTP/1.1", b"200", b"1", b"-", b"curl/8"),
            (b"2", b"", b"", b"GET /cari?q=select+a+mirror HTTP/1.1", b"200", b"1", b"-", b"Mozilla/5.0")]
    assert detect.naive_flags(rows) == [True, False]
