"""The docroot benchmark's corpus handling: splits are fixed, extraction stays inside its tree,
duplicates are written once, names carry no label, and the scoring counts what it says.

Builds its own tiny tarballs; the shipped corpora (benchmarks/data/docroot/) are checked for
their manifest and size only, never unpacked here (they hold live web shells).
"""

import hashlib
import io
import json
import os
import sys
import tarfile

import pytest

from benchmarks import docroot_scan as bench


def _tar(path, members):
    with tarfile.open(path, "w:xz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _sha(data):
    return hashlib.sha256(data).hexdigest()


def _first_with(split, label="webshell", source="x"):
    """A content whose sha256 puts it in the given split."""
    for i in range(1000):
        data = b"<?php /* %d */" % i
        if bench.split_of(label, source, _sha(data)) == split:
            return data
    raise AssertionError("no content found for %s" % split)


def test_split_is_by_application_for_benign_and_by_hash_for_the_rest():
    sha = "0" * 64
    assert bench.split_of("benign", "mediawiki", sha) == "holdout"
    assert bench.split_of("benign", "drupal-core", sha) == "dev"
    assert bench.split_of("webshell", "webshell-dev/tennc", "f" * 64) == "dev"  # the shared set is development data
    assert bench.split_of("webshell", "tennc-webshell", "00000000" + "f" * 56) == "holdout"  # 0 % 100 < 30
    assert bench.split_of("webshell", "tennc-webshell", "0000003c" + "0" * 56) == "dev"  # 60 % 100 >= 30
    shares = [bench.split_of("spam", "s", _sha(b"%d" % i)) for i in range(2000)]
    assert 0.25 < shares.count("holdout") / len(shares) < 0.35


def test_fresh_shell_collections_are_holdout_in_full_and_built_last():
    from benchmarks import docroot_corpus as build

    fresh = sorted(bench.HOLDOUT_SHELLS)
    assert fresh == sorted(row[0] for row in build.SHELLS_HOLDOUT)
    for source in fresh:
        for i in range(200):  # whatever the hash: none of them is development data
            assert bench.split_of("webshell", source, _sha(b"%d" % i)) == "holdout"
    # an older collection with the same hash is still split by it
    assert bench.split_of("webshell", "tennc-webshell", "0000003c" + "0" * 56) == "dev"
    assert bench.split_of("webshell", fresh[0], "0000003c" + "0" * 56) == "holdout"
    # built after every other source, so a copy of an older (tuned-on) file keeps its old split
    order = [row[0] for row in build.build_plan()]
    assert not set(fresh) & {row[0] for row in build.SHELLS}
    assert min(order.index(s) for s in fresh) > max(order.index(row[0]) for row in build.SHELLS)
    assert all(0 < row[4] <= build.MAX_PER_SOURCE for row in build.SHELLS_HOLDOUT)


def test_fresh_recall_counts_only_the_fresh_collections():
    fresh = sorted(bench.HOLDOUT_SHELLS)[0]
    records = {
        "s00/a.php": {"label": "webshell", "source": fresh},
        "s00/b.jsp": {"label": "webshell", "source": fresh},
        "s01/c.php": {"label": "webshell", "source": "tennc-webshell"},
        "s02/d.php": {"label": "benign", "source": "mediawiki"},
    }
    result = bench.score(records, {"s00/a.php": {"kind": "webshell"}, "s01/c.php": {"kind": "webshell"}},
                         bench.found_by_module)
    assert result["fresh"] == {"webshell/all": {"flagged": 1, "total": 2}, "webshell/jsp": {"flagged": 0, "total": 1},
                               "webshell/php": {"flagged": 1, "total": 1}}
    assert result["classes"]["webshell"] == {"flagged": 2, "total": 3}


@pytest.mark.parametrize("name, parts", [
    ("benign/app/a/b.php", ["benign", "app", "a", "b.php"]),
    ("./benign/app//x.js", ["benign", "app", "x.js"]),
    ("/etc/passwd", None),
    ("benign/app/../../../etc/passwd", None),
    ("", None),
])
def test_member_paths_never_leave_the_tree(name, parts):
    assert bench.safe_member(name) == parts


def test_extract_writes_one_split_once_under_neutral_names(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    dev_shell, hold_shell = _first_with("dev"), _first_with("holdout")
    _tar(data / "webshell-coll.tar.xz", [
        ("webshell/coll/a/c99.php", dev_shell),
        ("webshell/coll/b/copy-of-c99.php", dev_shell),  # same bytes: written once
        ("webshell/coll/held.php", hold_shell),
        ("webshell/coll/../../escape.php", b"<?php evil();"),
    ])
    _tar(data / "benign-mediawiki.tar.xz", [("benign/mediawiki/index.php", b"<?php echo 1;")])
    _tar(data / "benign-drupal-core.tar.xz", [("benign/drupal-core/index.php", b"<?php echo 2;")])
    (data / "README.md").write_text("not a corpus")
    tree = tmp_path / "tree"
    records = bench.extract(str(tree), "dev", str(data), shared=None)
    assert sorted(r["label"] for r in records.values()) == ["benign", "webshell"]
    assert {r["source"] for r in records.values()} == {"coll", "drupal-core"}
    for rel, rec in records.items():
        assert rel.split(os.sep)[0].startswith("s")  # neither "webshell" nor the source's name
        assert "webshell" not in rel.split(os.sep)[0] and rec["source"] not in rel.split(os.sep)[0]
        assert _sha((tree / rel).read_bytes()) == rec["sha256"]
    written = [os.path.join(r, f) for r, _d, fs in os.walk(tree) for f in fs]
    assert len(written) == 2 and not (tmp_path / "escape.php").exists()
    held = bench.extract(str(tmp_path / "held"), "holdout", str(data), shared=None)
    assert sorted(r["source"] for r in held.values()) == ["coll", "mediawiki"]
    everything = bench.extract(str(tmp_path / "all"), "all", str(data), shared=None)
    assert len(everything) == 4


def test_shared_set_is_read_with_its_labels(tmp_path):
    shared = tmp_path / "shared"
    (shared / "webshell" / "tennc").mkdir(parents=True)
    (shared / "benign" / "roundcube").mkdir(parents=True)
    (shared / "webshell" / "tennc" / "x.php").write_bytes(b"<?php system($_GET[1]);")
    (shared / "benign" / "roundcube" / "y.php").write_bytes(b"<?php echo 'hi';")
    empty = tmp_path / "data"
    empty.mkdir()
    records = bench.extract(str(tmp_path / "t"), "dev", str(empty), shared=str(shared))
    assert sorted((r["label"], r["source"]) for r in records.values()) == [
        ("benign", "webshell-dev/roundcube"), ("webshell", "webshell-dev/tennc")]
    assert bench.extract(str(tmp_path / "h"), "holdout", str(empty), shared=str(shared)) == {}


def test_one_percent_changed_is_fixed_and_at_least_one(tmp_path):
    records = {"s00/%04d.php" % i: {} for i in range(1000)}
    picked = bench.pick_changed(records)
    assert len(picked) == 10 and picked == bench.pick_changed(dict(reversed(list(records.items()))))
    assert len(bench.pick_changed({"a.php": {}})) == 1
    (tmp_path / "a.php").write_bytes(b"<?php echo 1;")
    (tmp_path / "b.html").write_bytes(b"<p>x</p>")
    bench.change_files(str(tmp_path), ["a.php", "b.html"])
    assert (tmp_path / "a.php").read_bytes().endswith(b"/* edited */\n")
    assert (tmp_path / "b.html").read_bytes().endswith(b"<!-- edited -->\n")


def test_best_of_takes_each_least_time_the_largest_memory_and_keeps_every_run():
    def run(seconds, cpu, peak, flagged):
        return {"seconds": seconds, "cpu": cpu, "memory": {"peak_mb": peak, "pss_sum_mb": peak - 1},
                "rss_mb": peak, "flagged": flagged}

    best = bench.best_of([run(9.0, 17.0, 100, {"a": 1}), run(10.0, 15.0, 120, {"b": 2}), run(8.5, 16.0, 90, {})])
    assert (best["seconds"], best["cpu"]) == (8.5, 15.0)  # the least wall and the least CPU, from different runs
    assert best["memory"] == {"peak_mb": 120, "pss_sum_mb": 119} and best["rss_mb"] == 120
    assert best["seconds_runs"] == [9.0, 10.0, 8.5] and best["cpu_runs"] == [17.0, 15.0, 16.0]
    assert best["flagged"] == {"a": 1}  # the verdicts of the first run


def test_timed_runs_are_not_sampled_and_take_the_memory_of_a_sampled_run(tmp_path):
    out = str(tmp_path / "out")
    wall, cpu, memory, rc = bench.run_child([sys.executable, "-c", "print(sum(range(10**6)))"], out, sample=False)
    assert memory is None and rc == 0 and wall > 0 and cpu > 0
    assert open(out).read().strip() == str(sum(range(10**6)))
    _wall, _cpu, memory, rc = bench.run_child([sys.executable, "-c", "import time; x = b\"x\" * (50 << 20); "
                                               "time.sleep(0.5)"], out)
    assert rc == 0 and memory["peak_mb"] >= 50  # the 50 MB the child held were seen

    def run(seconds, memory):
        return {"seconds": seconds, "cpu": seconds, "memory": memory, "rss_mb": memory and memory["peak_mb"]}

    timed = bench.best_of([run(9.0, None), run(8.0, None)])
    assert timed["seconds"] == 8.0 and timed["memory"] is None and timed["rss_mb"] is None
    both = bench.with_memory(timed, run(12.0, {"peak_mb": 130, "pss_sum_mb": 130}))
    assert (both["seconds"], both["rss_mb"], both["memory"]["pss_sum_mb"]) == (8.0, 130, 130)


def test_score_counts_found_shells_and_benign_false_alarms():
    records = {
        "s00/a.php": {"label": "webshell", "source": "c"},
        "s00/b.php": {"label": "webshell", "source": "c"},
        "s01/c.html": {"label": "spam", "source": "r"},
        "s02/d.php": {"label": "benign", "source": "app"},
        "s02/e.php": {"label": "benign", "source": "app"},
        "s02/f.php": {"label": "benign", "source": "app"},
        "s02/g.php": {"label": "benign", "source": "app"},
    }
    flagged = {
        "s00/a.php": {"kind": "webshell"},
        "s00/b.php": {"kind": "unexpected_change"},  # not a detection of the shell
        "s01/c.html": {"kind": "spam_injection"},
        "s02/d.php": {"kind": "webshell"},
        "elsewhere.php": {"kind": "webshell"},  # not in the corpus: ignored
    }
    got = bench.score(records, flagged, bench.found_by_module)
    assert got["recall"] == round(2 / 3, 4) and got["false_alarm_rate"] == 0.25
    assert got["classes"]["webshell"] == {"flagged": 1, "total": 2}
    assert got["sources"]["benign/app"] == {"flagged": 1, "total": 4}
    assert got["languages"]["webshell/php"] == {"flagged": 1, "total": 2}
    assert got["languages"]["spam/html/js"] == {"flagged": 1, "total": 1}
    peer = bench.score(records, {"s00/b.php": ["Rule"]})
    assert peer["recall"] == round(1 / 3, 4) and peer["false_alarm_rate"] == 0.0


@pytest.mark.parametrize("path, lang", [
    ("s00/x/C99.PHP", "php"), ("s00/shell.phtml", "php"), ("s01/cmd.aspx", "asp"), ("s01/a.jspx", "jsp"),
    ("s02/index.html", "html/js"), ("s02/.htaccess", "other"), ("s03/x.cfm", "other"),
])
def test_language_groups(path, lang):
    assert bench.lang_of(path) == lang


def test_shipped_corpora_are_listed_and_small():
    manifest = os.path.join(bench.DATA, "manifest.json")
    with open(manifest, encoding="utf-8") as handle:
        rows = json.load(handle)
    names = {"%s-%s.tar.xz" % (r["label"], r["source"]) for r in rows if r["files"]}
    assert names == {n for _l, _s, n in [(a, b, os.path.basename(c)) for a, b, c in bench.tarballs()]}
    with open(os.path.join(bench.DATA, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    for row in rows:
        assert row["source"] in readme and row["label"] in ("benign", "webshell", "spam")
    assert sum(r["files"] for r in rows if r["label"] == "benign") >= 10000
    size = sum(os.path.getsize(os.path.join(bench.DATA, n)) for n in names)
    assert size < 48 * 1024 * 1024


def test_corpus_builder_keeps_only_scannable_files_and_is_deterministic(tmp_path):
    from benchmarks import docroot_corpus as build

    assert build.keep_benign("wp-includes/load.php", b"<?php")
    assert build.keep_benign("x/.htaccess", b"Options -Indexes")
    assert not build.keep_benign("img/logo.png", b"\x89PNG")
    assert not build.keep_benign("a.php", b"")  # empty files say nothing
    assert not build.keep_benign("big.js", b"x" * (build.MAX_BENIGN + 1))
    # Of the ASP/JSP applications only the server pages; of the PHP ones never those.
    assert build.keep_benign_pages("Default.aspx", b"<%@ Page %>") and build.keep_benign_pages("a/b.jsp", b"<%")
    assert not build.keep_benign_pages("js/app.js", b"x") and not build.keep_benign("Default.aspx", b"<%")
    assert not build.keep_benign("LICENSE.txt", b"x" * (build.MAX_TXT + 1))
    assert build.keep_shell("Aspx/cmd.aspx", b"<%@ Page %>")
    assert build.keep_shell("c99.txt", b"<?php echo 1;")  # shells kept as .txt for remote inclusion
    assert not build.keep_shell("notes.txt", b"how to use this shell")
    assert not build.keep_shell("README.md", b"<?php")
    seen = set()
    files = [("b.php", b"<?php b();"), ("a.php", b"<?php a();"), ("dup.php", b"<?php a();"), ("x.png", b"png")]
    one = build.build_source("app", "benign", files, build.keep_benign, seen, str(tmp_path), limit=0)
    assert (one["files"], one["duplicate"], one["filtered"]) == (2, 1, 1)
    first = (tmp_path / "benign-app.tar.xz").read_bytes()
    again = build.build_source("app", "benign", files, build.keep_benign, set(), str(tmp_path), limit=0)
    assert again["files"] == 2 and (tmp_path / "benign-app.tar.xz").read_bytes() == first
    with tarfile.open(tmp_path / "benign-app.tar.xz") as tar:
        assert tar.getnames() == ["benign/app/a.php", "benign/app/b.php"]
    capped = build.build_source("cap", "benign", files, build.keep_benign, set(), str(tmp_path), limit=1)
    assert capped["files"] == 1 and capped["sampled_out"] == 1
