"""The scan's fast paths give what the slower forms they replace give (session 7's speed work, issue 14).

Each test compares a fast path with the plain form it stands for, on text written for the test to reach the edge
cases (a word's start at the text's start, after a letter, a digit, a non-ASCII letter or a dot; names inside
other names), so a fast path that drops evidence fails here. The benchmark's memory figure is tested last.
"""

import importlib.util
import os
import re
import subprocess
import sys
import time

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode, other, php

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

# The \b forms the literal-first patterns of other.SIGNALS replace (a leading \b is tried at every position).
WORD_START_FORMS = {
    "asp_input_to_eval": r"\b(?:eval|execute|executeglobal)\s*[\( ]\s*(?:\w+\s*\(\s*)*" + other._REQ,
    "asp_execute_variable": r"\b(?:execute|executeglobal)\b\s*\(?\s*\w+\s*\)?\s*(?:\r?\n|:|%>)",
    "cmd_interpreter": r"cmd\.exe|/bin/sh|/bin/bash|\bcmd\s*/c\b",
    "asp_request_input": r"\brequest\s*(?:\(|\.(?:form|querystring|binaryread|totalbytes|item))",
    "jscript_eval_unsafe": r"\beval\s*\([^;]{0,200},\s*['\"]unsafe['\"]",
    "eval_of_variable": r"\beval\s*\(\s*[a-z_]\w*\s*[,)]",
    "reversed_execute": r"strreverse[\s\S]{0,300}\bexecute\b|\bexecute\b[\s\S]{0,300}strreverse",
}
EDGES = ("", "x", "1", "_", "\xe9", ".", " ", "\n", ":", "%>", "re")
SNIPPETS = (
    'eval(request("c"))', "execute(request.form(\"c\"))", "executeglobal request(\"x\")", "execute cmd\n",
    "executeglobal(code):", "cmd /c dir", "cmd.exe", 'request("a")', "request.querystring", "eval(x, 'unsafe')",
    "eval(code)", "eval ( a1 ,", "x = strreverse(s): execute y", "execute z strreverse(q)", "evaluate(request(1))",
    "executed(request(1))", "cmdx /c", "requests(1)",
)


@pytest.mark.parametrize("name", sorted(WORD_START_FORMS))
def test_literal_first_patterns_match_where_their_word_start_forms_match(name):
    fast = re.compile(other.SIGNALS[name][1])
    plain = re.compile(WORD_START_FORMS[name])
    tried = 0
    for before in EDGES:
        for snippet in SNIPPETS:
            for after in ("", "\n", " tail"):
                text = before + snippet + after
                got, want = fast.search(text), plain.search(text)
                assert (got and got.start()) == (want and want.start()), (name, text)
                tried += bool(want)
    assert tried  # the forms did match somewhere: the comparison is not between two misses


def test_matches_at_yields_what_finditer_yields():
    names = ["ab", "b", "abc", "\xe9t", "t"]
    rx = re.compile(r"(?:%s)\b(?!\s*\()" % "|".join(sorted(names)))
    text = "ab abc b(x) cab \xe9t t \xe9tt ab( abcb b\n\xe9 t.ab b_ ab"
    assert [(m.start(), m.end()) for m in other.matches_at(rx, text, names)] == \
        [(m.start(), m.end()) for m in rx.finditer(text)]
    assert list(other.matches_at(rx, "nothing here", names)) == []


ASPX_CONTROL_TO_PROCESS = """<%@ Page Language="C#" %>
<script runat="server">
void Run(object sender, EventArgs e) {
    string line = cmdline.Text;
    System.Diagnostics.Process.Start("cmd.exe", "/c " + line);
}
</script>
<form runat="server"><asp:TextBox id="cmdline" runat="server" /><asp:Button OnClick="Run" runat="server" /></form>
"""


def test_an_aspnet_control_as_the_source_is_found_where_its_id_stands(monkeypatch):
    # The control's text reaches the command through a variable: only the statements where a source stands
    # (found by matches_at) taint it.
    low = ASPX_CONTROL_TO_PROCESS.lower()
    ev = php.Evidence()
    other._score_flow(low, ev)
    assert ev.found.get("input_to_command") == 12
    # The same with the plain search everywhere: the fast path finds exactly what it finds.
    monkeypatch.setattr(other, "matches_at", lambda rx, text, _literals: rx.finditer(text))
    plain = php.Evidence()
    other._score_flow(low, plain)
    assert plain.found == ev.found
    assert analyse.analyse("run.aspx", ASPX_CONTROL_TO_PROCESS.encode(), 10, [])["kind"] == "webshell"


LINE_COMMENT_TEXTS = (
    "// first\n$a = 1;\n", "# first\n\t// second\n  # third\n$b = 2; // trailing stays\n", "\n//x\n//y",
    "$c = '#not'; # after code stays\r\n  //x\r\n", "  // only", "", "\n", "a\n \t#\n\n//\nb", "/ / no\n#",
)


@pytest.mark.parametrize("text", LINE_COMMENT_TEXTS)
def test_line_comments_are_stripped_as_the_multiline_pattern_strips_them(text):
    assert decode._strip_line_comments(text) == decode._LINE_COMMENT.sub("", text)


def test_a_call_split_by_comment_lines_is_still_joined_and_found():
    shell = b"<?php\n$f = 'sys'\n// padding\n  # more\n  . 'tem';\n$f($_GET['c']);\n"
    assert "'system'" in decode.normalise(shell.decode())
    assert analyse.analyse("x.php", shell, 10, [])["kind"] == "webshell"


def _benchmark():
    spec = importlib.util.spec_from_file_location("docroot_benchmark", os.path.join(REPO, "benchmarks", "docroot_scan.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FORKS_SHARING = """
import multiprocessing, time
block = bytearray(48 << 20)
for i in range(0, len(block), 4096):
    block[i] = 1
def hold(_):
    time.sleep(1.0)
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(hold, [1, 2])
"""


def test_benchmark_memory_sample_taken_while_a_process_ends_is_dropped(monkeypatch):
    # A worker read before it ends and its parent read after count the pages they shared twice: such a sample
    # is not summed (its per-process peak still is).
    bench = _benchmark()
    trees = iter([{os.getpid(), 1}, {os.getpid()}])
    monkeypatch.setattr(bench, "_tree_pids", lambda root: next(trees))
    pss, rss, hwm = bench._tree_memory_kb(os.getpid())
    assert pss is None and rss is None and hwm > 0
    monkeypatch.setattr(bench, "_tree_pids", lambda root: {os.getpid()})
    pss, rss, hwm = bench._tree_memory_kb(os.getpid())
    assert 0 < pss <= rss and hwm > 0


def test_benchmark_tree_leaves_out_an_exited_child_not_yet_reaped():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        for _ in range(200):
            with open("/proc/%d/stat" % child.pid, "rb") as handle:
                if handle.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    break
            time.sleep(0.05)
        tree = _benchmark()._tree_pids(os.getpid())
        assert os.getpid() in tree and child.pid not in tree
    finally:
        child.wait()


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux's smaps_rollup (PSS)")
def test_benchmark_memory_counts_pages_forked_workers_share_once(tmp_path):
    # The benchmark itself holds a large block: rusage's maxrss of the child keeps the high-water mark of the
    # benchmark's forked copy from before the exec (failed at the end of a whole unit-suite run, pytest at 290 MB).
    ballast = bytearray(160 << 20)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    wall, _cpu, memory, rc = _benchmark().run_child([sys.executable, "-c", FORKS_SHARING], str(tmp_path / "out"))
    del ballast
    assert rc == 0 and wall >= 1.0
    assert 48 <= memory["max_process_rss_mb"] < 48 + 60, memory
    # Three processes each map the parent's 48 MB block: summed RSS counts it three times, PSS once.
    assert memory["rss_sum_mb"] >= 3 * 48
    assert 48 <= memory["pss_sum_mb"] < 2 * 48
    assert memory["peak_mb"] == max(memory["pss_sum_mb"], memory["max_process_rss_mb"]) < memory["rss_sum_mb"]


def test_importing_the_engine_compiles_no_pattern_a_file_may_not_need():
    # Every module run imports the engine afresh (no bytecode in Ansible's payload); a re-scan of a few files uses
    # a fraction of its patterns, so none is compiled or parsed at import (prepare() compiles them all before a fork).
    probe = (
        "from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre, php, scan\n"
        "print(sorted({p.pattern for p in lazyre._EVERY if p._rx is not None}))\n"
        "print(len(lazyre._EVERY),\n"
        "      sum(h.rx is not None or h.whole is not None for h in php._HeadPattern.every), len(php._HeadPattern.every))\n"
        "php.prepare()\n"
        "print(sum(p._rx is None for p in lazyre._EVERY), sum(h.whole is None for h in php._HeadPattern.every))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "collections"))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    compiled, at_import, after_prepare = out.splitlines()
    lazy, decided, heads = (int(n) for n in at_import.split())
    assert compiled == "['[a-z0-9_]+']"  # the name runs of the literals registered at import: used at once
    assert decided == 0 and lazy > 300 and heads > 300
    assert after_prepare == "0 0"
