"""Integrity against a baseline, the incremental cache, check mode and the allowed list."""

import gc
import io
import json
import os
import signal
import tarfile

from tests.unit.docroot.conftest import flagged_paths, scan

SHELL = b"<?php @eval($_POST['pass']); ?>\n"
SPAMMED = (b"<?php echo 'Selamat datang'; ?>\n<div style=\"display:none\"><a href=\"https://a.example/\">slot gacor"
           b"</a> <a href=\"https://b.example/\">judi online</a> <a href=\"https://c.example/\">togel</a></div>\n")


def site(tmp_path):
    root = tmp_path / "www"
    (root / "wp-content" / "uploads").mkdir(parents=True)
    (root / "index.php").write_bytes(b"<?php echo 'Selamat datang'; ?>\n")
    (root / "about.html").write_bytes(b"<html><body>Tentang kami</body></html>\n")
    (root / "lib.php").write_bytes(b"<?php function add($a, $b) { return $a + $b; }\n")
    return root


def test_incremental_rescan_reads_only_changed_files(tmp_path):
    root = site(tmp_path)
    state = str(tmp_path / "state.json")
    first = scan([root], state_path=state)
    assert first["counts"]["read"] == 3 and first["counts"]["unchanged"] == 0
    assert first["flagged"] == []
    again = scan([root], state_path=state)
    assert again["counts"]["read"] == 0 and again["counts"]["unchanged"] == 3
    (root / "index.php").write_bytes(SPAMMED)
    (root / "wp-content" / "uploads" / "x.php").write_bytes(SHELL)
    os.unlink(root / "lib.php")
    third = scan([root], state_path=state)
    assert third["counts"]["read"] == 2 and third["counts"]["unchanged"] == 1
    changes = third["changes"][str(root)]
    assert changes["new"] == ["wp-content/uploads/x.php"]
    assert changes["changed"] == ["index.php"] and changes["deleted"] == ["lib.php"]
    flagged = flagged_paths(third)
    assert flagged["index.php"]["kind"] == "spam_injection" and flagged["index.php"]["baseline"] == "changed"
    assert flagged["wp-content/uploads/x.php"]["kind"] == "suspicious_upload"
    assert flagged["wp-content/uploads/x.php"]["severity"] == "critical"
    integrity = [f for f in third["findings"] if f["check"] == "docroot.integrity"][0]
    assert integrity["activity"] == 1 and integrity["status"] == "critical"
    # A cached verdict is reported again without reading the file.
    fourth = scan([root], state_path=state)
    assert fourth["counts"]["read"] == 0
    assert set(flagged_paths(fourth)) == {"index.php", "wp-content/uploads/x.php"}


def _changed_source(monkeypatch, module_name, extra):
    """Make the scan read module ``module_name``'s source with ``extra`` appended (a new release of it)."""
    import importlib.util

    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    real = importlib.util.find_spec

    class Loader:
        def __init__(self, loader):
            self.loader = loader

        def get_source(self, name):
            return self.loader.get_source(name) + extra

    def find_spec(name, *args):
        spec = real(name, *args)
        if name.endswith("." + module_name):
            spec = importlib.util.spec_from_loader(name, Loader(spec.loader))
        return spec

    monkeypatch.setattr(scan_module.importlib.util, "find_spec", find_spec)


def test_a_new_release_of_the_engine_computes_cached_verdicts_again(tmp_path, monkeypatch):
    root = site(tmp_path)
    state = str(tmp_path / "state.json")
    assert scan([root], state_path=state)["counts"]["read"] == 3
    assert scan([root], state_path=state)["counts"]["unchanged"] == 3
    # A retrained vocabulary model with the same ENGINE: the unchanged files are read and judged again, once.
    _changed_source(monkeypatch, "vocabulary_model", "\n# retrained\n")
    again = scan([root], state_path=state)
    assert again["counts"]["read"] == 3 and again["counts"]["unchanged"] == 0
    assert scan([root], state_path=state)["counts"]["unchanged"] == 3
    # The baseline is kept across the new release: nothing shows as changed.
    assert again["counts"]["new"] == again["counts"]["changed"] == 0


def test_every_module_of_the_engine_is_in_the_digest_or_decides_no_verdict():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    folder = os.path.dirname(scan_module.__file__)
    modules = {name[:-3] for name in os.listdir(folder) if name.endswith(".py")}
    assert modules - set(scan_module.VERDICT_MODULES) == {"__init__", "baseline", "report"}
    assert set(scan_module.VERDICT_MODULES) <= modules
    assert scan_module.engine_digest() == scan_module.engine_digest()
    assert scan_module.engine_digest() != scan_module.engine_digest(scan_module.VERDICT_MODULES[:-1])


def test_an_edited_admin_rule_file_computes_cached_verdicts_again(tmp_path):
    root = site(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "site.yar").write_text('rule greeting { strings: $a = "Selamat datang" condition: $a }\n')
    state = str(tmp_path / "state.json")
    first = scan([root], state_path=state, yara_rules=str(rules), generic_rules=False)
    assert first["flagged"] == [] and first["counts"]["read"] == 3
    assert scan([root], state_path=state, yara_rules=str(rules), generic_rules=False)["counts"]["read"] == 0
    (rules / "site.yar").write_text('rule greeting { strings: $a = "Selamat datang" condition: $a }\n'
                                    'rule greeting_twice { strings: $a = "Selamat" condition: $a }\n')
    edited = scan([root], state_path=state, yara_rules=str(rules), generic_rules=False)
    assert edited["counts"]["read"] == 3
    # Both of the admin's rules now match index.php: 2 x 6 reaches the threshold, a verdict the cache could not give.
    assert flagged_paths(edited)["index.php"]["signals"] == ["yara:greeting", "yara:greeting_twice"]


def test_an_admin_rule_file_that_does_not_compile_is_one_problem_and_the_scan_goes_on(tmp_path):
    root = site(tmp_path)
    (root / "wp-content" / "uploads" / "x.php").write_bytes(SHELL)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "site.yar").write_text("rule broken { condition: $missing }\n")
    state = str(tmp_path / "state.json")
    broken = scan([root], state_path=state, yara_rules=str(rules))
    assert len(broken["problems"]) == 1 and broken["problems"][0].startswith("YARA rules could not be compiled")
    assert list(flagged_paths(broken)) == ["wp-content/uploads/x.php"]
    assert broken["counts"]["generic_rules"] == 1  # the bundled rules still ran
    (rules / "site.yar").write_text('rule greeting { strings: $a = "Selamat datang" condition: $a }\n')
    fixed = scan([root], state_path=state, yara_rules=str(rules))
    assert fixed["problems"] == [] and fixed["counts"]["read"] == 4  # other rules: the cached verdicts are not reused


def test_rules_that_fail_to_load_on_their_thread_are_a_problem_not_a_crash(monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import yarascan

    def broken(path, generic, literals, defer):
        raise MemoryError("out of memory")

    monkeypatch.setattr(yarascan, "load", broken)
    assert yarascan.load_in_background(None, True)() == ([], "YARA rules could not be compiled: out of memory")


def test_the_larger_files_rule_sets_compile_after_the_first_and_are_all_ready_before_a_fork():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php, yarascan

    wait = yarascan.load_in_background(None, True, php.automaton_literals())
    rules, problem = wait()
    assert problem is None and not isinstance(rules[0][0], yarascan._Deferred)  # the small files' set is compiled
    assert [type(ruleset) for ruleset, *_rest in rules[1:]] == [yarascan._Deferred] * 2
    assert wait(everything=True) == (rules, None)
    assert wait.finished()  # nothing left to wait for
    assert all(ruleset.rules is not None for ruleset, *_rest in rules[1:])


def test_a_deferred_set_compiled_at_its_first_use_matches_as_the_compiled_one():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import yarascan

    deferred, _problem = yarascan.load(None, True, defer=True)
    eager, _problem = yarascan.load(None, True)
    big = SHELL + b"\n" + b"/* padding */\n" * (yarascan.GENERIC_MAX_SIZE // 14)
    assert deferred[1][0].rules is None
    assert yarascan.read(deferred, big) == yarascan.read(eager, big) and yarascan.read(eager, big)[0]
    assert deferred[1][0].rules is not None


def test_a_deferred_set_that_fails_to_compile_is_skipped_not_a_crash():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import yarascan

    broken = yarascan._Deferred({"x": "rule broken { condition: $missing }"})
    yarascan.compile_deferred([(broken, 0, None, ())])
    assert broken.rules is None
    assert yarascan.read([(broken, 0, None, ())], SHELL) == ([], None)


def test_check_mode_does_not_write_the_state(tmp_path):
    root = site(tmp_path)
    state = tmp_path / "state.json"
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot.scan import run

    run({"paths": [str(root)], "state_path": str(state)}, "web1", check_mode=True)
    assert not state.exists()
    run({"paths": [str(root)], "state_path": str(state)}, "web1")
    saved = json.loads(state.read_text())
    assert saved["version"] == 1 and sorted(saved["roots"][str(root)]["baseline"]) == [
        "about.html", "index.php", "lib.php"]


def _archive(root, path, replace=None):
    """A tar.gz of ``root`` like site_backup's (members ./rel/path), optionally with other contents."""
    with tarfile.open(path, "w:gz") as tar:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                full = os.path.join(dirpath, name)
                rel = "./" + os.path.relpath(full, root)
                data = (replace or {}).get(rel[2:])
                if data is None:
                    tar.add(full, arcname=rel)
                else:
                    info = tarfile.TarInfo(rel)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))


def test_baseline_from_a_verified_backup_archive(tmp_path):
    root = site(tmp_path)
    clean = (root / "index.php").read_bytes()
    (root / "index.php").write_bytes(SPAMMED)
    archive = tmp_path / "files-example-docroot.tar.gz"
    _archive(root, archive, replace={"index.php": clean})
    (root / "shell.php").write_bytes(SHELL)
    result = scan([root], baseline_archive=str(archive))
    changes = result["changes"][str(root)]
    assert changes["baseline"] == "archive:%s" % archive
    assert changes["changed"] == ["index.php"] and changes["new"] == ["shell.php"]
    flagged = flagged_paths(result)
    assert flagged["index.php"]["baseline_sha256"] and flagged["index.php"]["baseline"] == "changed"
    assert flagged["shell.php"]["kind"] == "webshell" and flagged["shell.php"]["baseline_sha256"] is None


def test_a_broken_archive_is_a_problem(tmp_path):
    root = site(tmp_path)
    bad = tmp_path / "broken.tar.gz"
    bad.write_bytes(b"not a tar")
    result = scan([root], baseline_archive=str(bad))
    assert any("cannot be read" in p for p in result["problems"])


def test_allowed_files_are_never_flagged(tmp_path):
    root = site(tmp_path)
    (root / "tool.php").write_bytes(SHELL)
    (root / "other.php").write_bytes(SHELL + b"\n")
    import hashlib

    sha = hashlib.sha256(SHELL + b"\n").hexdigest()
    result = scan([root], allowed=["tool.php", sha])
    assert result["flagged"] == [] and result["counts"]["allowed"] == 2
    assert scan([root])["counts"]["flagged"] == 2


def test_the_same_archive_is_read_once(tmp_path, monkeypatch):
    root = site(tmp_path)
    archive = tmp_path / "files-example-docroot.tar.gz"
    _archive(root, archive)
    (root / "new.php").write_bytes(b"<?php echo 1;\n")
    state = str(tmp_path / "state.json")
    first = scan([root], baseline_archive=str(archive), state_path=state)
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import baseline

    def refuse(path):
        raise AssertionError("the archive was decompressed again")

    monkeypatch.setattr(baseline, "archive_hashes", refuse)
    second = scan([root], baseline_archive=str(archive), state_path=state)
    assert first["changes"] == second["changes"]
    assert second["changes"][str(root)]["new"] == ["new.php"]


def test_several_workers_give_the_same_result(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    for i in range(240):
        (root / ("page%03d.php" % i)).write_bytes(b"<?php echo %d;\n" % i)
    (root / "page007.php").write_bytes(SHELL)
    (root / "news.html").write_bytes(SPAMMED)
    one = scan([root], workers=1)
    frozen = gc.get_freeze_count()
    two = scan([root], workers=2)
    assert one["flagged"] == two["flagged"] and len(two["flagged"]) == 2
    assert one["counts"] == two["counts"] and two["counts"]["read"] == 241
    # The objects frozen for the workers' sake are given back to the collector once they are done.
    assert gc.get_freeze_count() == frozen


def test_chunks_of_work_keep_every_file_once_and_a_large_file_alone(monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    monkeypatch.setattr(scan_module, "CHUNK_FILES", 4)
    monkeypatch.setattr(scan_module, "CHUNK_BYTES", 1000)
    sizes = [5000, 600, 300, 300, 200, 10, 10, 10, 10, 10, 10]
    todo = [("f%d" % i, [size, 0, 0, i]) for i, size in enumerate(sizes)]
    order = list(range(len(todo)))
    made = list(scan_module._chunks(todo, order, "/x/"))
    chunks = [[index for index, _rel, _path in chunk] for chunk in made]
    # Each file's absolute path is the root's prefix and its relative path.
    assert all(path == "/x/" + rel for chunk in made for _index, rel, path in chunk)
    # The large file alone; 600 + 300 + 300 would pass 1,000 bytes; no chunk holds more than four files.
    assert chunks == [[0], [1, 2], [3, 4, 5, 6], [7, 8, 9, 10]]
    assert chunks[0] == [0] and sorted(sum(chunks, [])) == order


def test_default_workers_follow_the_cores_this_process_may_use(monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    # A container limited to two cores of a 64-core host: its affinity counts, not the host's cores.
    monkeypatch.setattr(scan_module.os, "cpu_count", lambda: 64)
    monkeypatch.setattr(scan_module.os, "sched_getaffinity", lambda pid: {3, 7}, raising=False)
    assert scan_module.default_workers() == 2
    monkeypatch.setattr(scan_module.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert scan_module.default_workers() == scan_module.MAX_WORKERS
    monkeypatch.delattr(scan_module.os, "sched_getaffinity", raising=False)  # not Linux: the cores of the host
    monkeypatch.setattr(scan_module.os, "cpu_count", lambda: 1)
    assert scan_module.default_workers() == 1
    monkeypatch.setattr(scan_module.os, "cpu_count", lambda: None)
    assert scan_module.default_workers() == 1


def test_outcomes_of_many_chunks_go_back_to_their_files(tmp_path, monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    root = tmp_path / "www"
    root.mkdir()
    for i in range(240):
        (root / ("page%03d.php" % i)).write_bytes(b"<?php echo %d;\n" % i + b"//" * i)
    (root / "page007.php").write_bytes(SHELL)
    (root / "page200.php").write_bytes(SHELL + b"// other\n")
    one = scan([root], workers=1, state_path=str(tmp_path / "one.json"))
    monkeypatch.setattr(scan_module, "CHUNK_FILES", 7)  # 35 chunks, finished in any order by two workers
    two = scan([root], workers=2, state_path=str(tmp_path / "two.json"))
    assert [f["relative_path"] for f in two["flagged"]] == ["page007.php", "page200.php"]
    assert one["flagged"] == two["flagged"]
    # Each file's cached hash is its own: the outcomes were not shuffled between files.
    files = json.loads((tmp_path / "two.json").read_text())["roots"][str(root)]["files"]
    assert files == json.loads((tmp_path / "one.json").read_text())["roots"][str(root)]["files"]


def _tree_of_pages(tmp_path, count):
    root = tmp_path / "www"
    root.mkdir()
    for i in range(count):
        (root / ("page%03d.php" % i)).write_bytes(b"<?php echo %d;\n" % i)
    (root / "page007.php").write_bytes(SHELL)
    return root


def _scan_recording_forks(monkeypatch, root, rules_ready):
    """The result of a scan of ``root`` on two workers, and how many files waited to be read when they were forked,
    with the YARA rules compiled before the walk (``rules_ready``) or not before its end."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    forked_at = []
    real_start = scan_module.Scan._start_workers

    def start(self, workers):
        forked_at.append((workers, self._pending))
        real_start(self, workers)

    real_outcomes = scan_module.Scan._outcomes

    def outcomes(self, todo, prefix):
        self._pending = len(todo)  # from here on: the whole walk's
        return real_outcomes(self, todo, prefix)

    real_fork_when_ready = scan_module.Scan._fork_when_ready

    def fork_when_ready(self, pending):
        self._pending = pending
        return real_fork_when_ready(self, pending)

    monkeypatch.setattr(scan_module.Scan, "_start_workers", start)
    monkeypatch.setattr(scan_module.Scan, "_outcomes", outcomes)
    monkeypatch.setattr(scan_module.Scan, "_fork_when_ready", fork_when_ready)
    scanner = scan_module.Scan({"paths": [str(root)], "workers": 2})
    if rules_ready:
        scanner._loaded_rules(everything=True)
    else:
        scanner._loaded_rules.finished = lambda: False
    return scanner.run(), forked_at


def test_workers_fork_during_the_walk_once_the_rules_are_compiled(tmp_path, monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    root = _tree_of_pages(tmp_path, 700)
    one = scan([root], workers=1)
    frozen = gc.get_freeze_count()
    early, forked_at = _scan_recording_forks(monkeypatch, root, rules_ready=True)
    # Forked at the first look after MIN_FORKED files were waiting, long before the walk's 700: the files walked after
    # are not in pages the workers share.
    assert forked_at == [(2, scan_module.FORK_CHECK)] and scan_module.FORK_CHECK >= scan_module.MIN_FORKED
    assert early["flagged"] == one["flagged"] and [f["relative_path"] for f in early["flagged"]] == ["page007.php"]
    assert early["counts"] == one["counts"] and early["counts"]["read"] == 700
    assert gc.get_freeze_count() == frozen


def test_workers_fork_after_the_walk_while_the_rules_still_compile(tmp_path, monkeypatch):
    root = _tree_of_pages(tmp_path, 700)
    late, forked_at = _scan_recording_forks(monkeypatch, root, rules_ready=False)
    assert forked_at == [(2, 700)]  # the walk was not held up waiting for the rules
    assert [f["relative_path"] for f in late["flagged"]] == ["page007.php"] and late["counts"]["read"] == 700


def test_a_failure_while_the_workers_run_ends_them_and_gives_back_the_frozen_objects(tmp_path, monkeypatch):
    import multiprocessing

    import pytest

    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as scan_module

    root = _tree_of_pages(tmp_path, 300)
    taken = []

    def take(self, outcome, walker):
        taken.append(outcome)
        if len(taken) == 5:
            raise OSError("disk full")
        return outcome[1], outcome[3]

    monkeypatch.setattr(scan_module.Scan, "_take", take)
    frozen = gc.get_freeze_count()
    with pytest.raises(OSError, match="disk full"):
        scan([root], workers=2)
    assert multiprocessing.active_children() == []
    assert gc.get_freeze_count() == frozen


def test_workers_end_without_a_signal_under_a_parents_sigterm_handler(tmp_path):
    # pytest's conftest (like other wrappers) turns SIGTERM into an exception; forked workers inherit that handler.
    # Ending the pool with terminate() signalled idle workers: a handler that returns left them waiting for tasks and
    # the scan waiting for them for ever; one that raises now and then hung a worker on the task queue's lock.
    root = tmp_path / "www"
    root.mkdir()
    for i in range(240):
        (root / ("page%03d.php" % i)).write_bytes(b"<?php echo %d;\n" % i)
    marks = tmp_path / "signalled"
    marks.mkdir()

    def record(_signum, _frame):
        (marks / str(os.getpid())).write_text("SIGTERM")

    def too_long(_signum, _frame):
        raise AssertionError("the scan's workers did not end within 60 s")

    previous = signal.signal(signal.SIGTERM, record)
    previous_alarm = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(60)
    try:
        results = [scan([root], workers=2) for _ in range(5)]  # whether a worker is signalled was a race
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous_alarm)
        signal.signal(signal.SIGTERM, previous)
    assert [result["counts"]["read"] for result in results] == [240] * 5
    assert sorted(p.name for p in marks.iterdir()) == []


def test_a_changed_cgi_script_with_some_evidence_is_an_unexpected_change(tmp_path):
    root = site(tmp_path)
    (root / "cgi-bin").mkdir()
    script = root / "cgi-bin" / "stats.pl"
    script.write_bytes(b"#!/usr/bin/perl\nprint \"Content-type: text/plain\\n\\nok\\n\";\n")
    state = str(tmp_path / "state.json")
    assert scan([root], state_path=state)["flagged"] == []
    # Below the threshold, but request input and a command appeared in a script since the baseline.
    script.write_bytes(b"#!/usr/bin/perl\nuse CGI;\nmy $q = CGI->new;\nmy $day = $q->param('day');\nsystem($cmd);\n")
    flagged = scan([root], state_path=state)["flagged"]
    assert [(f["relative_path"], f["kind"]) for f in flagged] == [("cgi-bin/stats.pl", "unexpected_change")]
    # Read from the cache, not the file, the next scan still flags it: its verdict was kept in the state.
    again = scan([root], state_path=state)
    assert again["counts"]["read"] == 0
    assert [(f["relative_path"], f["kind"]) for f in again["flagged"]] == [("cgi-bin/stats.pl", "unexpected_change")]


def test_the_state_keeps_only_verdicts_that_can_flag_a_file(tmp_path):
    root = site(tmp_path)
    (root / "tool.php").write_bytes(SHELL)
    state = tmp_path / "state.json"
    result = scan([root], state_path=str(state), allowed=["index.php"])
    files = json.loads(state.read_text())["roots"][str(root)]["files"]
    assert files["tool.php"][5]["kind"] == "webshell"
    assert [files[name][5] for name in ("index.php", "lib.php", "about.html")] == [None, None, None]
    # The allowed count is of files the list kept from being flagged: index.php would not have been.
    assert "allowed" not in result["counts"] and flagged_paths(result).keys() == {"tool.php"}


def test_the_state_is_written_as_json_dump_would_write_it_a_slice_of_a_large_dict_at_a_time(tmp_path, monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import baseline  # noqa: PLC0415

    monkeypatch.setattr(baseline, "JSON_SLICE", 3)
    files = {"d%02d/f\u00e9\udcff.php" % i: [i, 1.5, None, "%064x" % i, {"kind": None, "signals": ["x"]}]
             for i in range(11)}
    state = {"version": 1, "engine": "15", "roots": {"/srv/b": {"files": files, "baseline": {"a": "1", "b": "2"}},
                                                     "/srv/a": {"files": {}, "config": "c"}}}
    for value in (state, files, {}, [1, {"z": 1, "a": 2}], "text"):
        out = io.StringIO()
        baseline.write_json(out, value)
        assert out.getvalue() == json.dumps(value, separators=(",", ":"), sort_keys=True)
    path = tmp_path / "state.json"
    baseline.save_state(str(path), state)
    assert baseline.load_state(str(path)) == (state, None)
