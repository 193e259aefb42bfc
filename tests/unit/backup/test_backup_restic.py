"""The restic engine against the real restic binary and a local repository."""

from __future__ import annotations

import json
import os

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restore import restore_site
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup
from tests.unit.backup.test_backup import make_site
from tests.unit.backup.test_restore import tree

SECRET = "Sk-Planted-Restic-5c1d-Secret"


def rparams(tmp_path, site, **extra):
    p = {"host": "web1", "destination": str(tmp_path / "sets"), "engine": "restic",
         "restic_repository": str(tmp_path / "repo"), "restic_password": SECRET,
         "restic_cache_dir": str(tmp_path / "cache"),
         "sites": [{"name": "pn", "url": "https://pn.example/", "docroot": str(site), "backup_exclude": ["./cache"]}]}
    p.update(extra)
    return p


def test_restic_engine_backs_up_incrementally_verifies_and_restores(tmp_path):
    site = make_site(tmp_path)
    first = run_backup(rparams(tmp_path, site))
    assert first["status"] == "ok", first["problems"]
    item = first["manifest"]["contents"][0]
    assert item["engine"] == "restic" and item["snapshot_id"] and item["verify"]["status"] == "ok"
    assert item["files"] == 3  # index, a.html, photo.bin (cache excluded; the symlink is not a file)
    assert first["manifest"]["restic"]["initialised"] is True
    (site / "news" / "b.html").write_text("berita baru")
    second = run_backup(rparams(tmp_path, site))
    item2 = second["manifest"]["contents"][0]
    assert item2["files_new"] == 1 and item2["files_changed"] == 0
    # No secret in the manifest, the set folder or the result.
    for name in os.listdir(second["path"]):
        assert SECRET.encode() not in open(os.path.join(second["path"], name), "rb").read()
    assert SECRET not in json.dumps(second)
    # Restore into another folder equals the site (minus the excluded cache).
    target = tmp_path / "restored"
    params = {"backup_dir": str(tmp_path / "sets"), "site": "pn", "target": str(target),
              "restic_password": SECRET}
    plan = restore_site(params, check_mode=True)
    assert not target.exists() and "index.html" in plan["files"][0]["added"]
    restore_site(params)
    assert tree(target) == {k: v for k, v in tree(site).items() if not k.startswith("cache")}
    assert restore_site(params)["changed"] is False


def test_restic_wrong_password_fails_clearly_and_keeps_old_sets(tmp_path):
    site = make_site(tmp_path)
    first = run_backup(rparams(tmp_path, site))
    bad = run_backup(rparams(tmp_path, site, restic_password="not-the-password"))
    run_f = [f for f in bad["findings"] if f["check"] == "backup.run"]
    assert run_f and run_f[0]["status"] == "critical" and "restic" in run_f[0]["summary"]
    assert [s["name"] for s in bk.list_sets(str(tmp_path / "sets"))] == [first["set"]]


def test_a_repository_that_cannot_be_opened_leaves_no_password_file_or_partial_set(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    (tmp_path / "a-file").write_text("not a folder")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    # restic cannot create a repository below a regular file: opening it fails.
    bad = run_backup(rparams(tmp_path, site, restic_repository=str(tmp_path / "a-file" / "repo")))
    assert bad["status"] == "critical"
    assert os.listdir(scratch) == []  # the folder holding the password file is gone
    assert not [n for n in os.listdir(tmp_path / "sets") if n.endswith(bk.PARTIAL_SUFFIX)]


def test_forget_is_batched_at_most_daily(tmp_path):
    import datetime

    from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import schedule_forget

    calls = []

    class Fake:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            pass

        def forget(self, ids, prune=False):
            calls.append((list(ids), prune))

    t0 = datetime.datetime(2026, 11, 27, tzinfo=datetime.timezone.utc)
    assert schedule_forget(str(tmp_path), ["a"], Fake, now=t0) == []
    assert schedule_forget(str(tmp_path), ["b"], Fake, now=t0 + datetime.timedelta(hours=5)) == []
    assert schedule_forget(str(tmp_path), [], Fake, now=t0 + datetime.timedelta(hours=25)) == ["a", "b"]
    assert calls == [(["a", "b"], True)]
    assert schedule_forget(str(tmp_path), ["c"], Fake, now=t0 + datetime.timedelta(hours=50)) == ["c"]
    assert calls[-1] == (["c"], False)  # pruned at most weekly


def _restic_wrapper(tmp_path):
    """A restic on PATH that logs each call's first argument, then runs the real restic."""
    import shutil

    real = shutil.which("restic")
    folder = tmp_path / "wrapped-bin"
    folder.mkdir()
    log = tmp_path / "restic-calls.txt"
    script = folder / "restic"
    script.write_text("#!/bin/sh\necho \"$1\" >> %s\nexec %s \"$@\"\n" % (log, real))
    script.chmod(0o755)
    return str(folder), log


def test_incremental_run_starts_restic_once_and_verifies_what_it_wrote(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    assert run_backup(rparams(tmp_path, site))["status"] == "ok"
    folder, log = _restic_wrapper(tmp_path)
    monkeypatch.setenv("PATH", folder + os.pathsep + os.environ["PATH"])
    (site / "news" / "a.html").write_text("berita diubah")
    second = run_backup(rparams(tmp_path, site))
    assert second["status"] == "ok", second["problems"]
    # One restic process opens the repository (``version`` does not): no read-back of the snapshot.
    assert log.read_text().split() == ["version", "backup"]
    item = second["manifest"]["contents"][0]
    assert item["files_changed"] == 1 and item["verify"]["status"] == "ok"
    written = item["repository_files"]
    assert any(p.startswith("snapshots/") for p in written) and any(p.startswith("data/") for p in written)
    for rel, digest in written.items():
        assert os.path.basename(rel) == digest
    assert "written" not in item


def test_a_flipped_byte_in_a_written_pack_fails_the_restic_verification(tmp_path):
    from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import Restic

    site = make_site(tmp_path)
    with Restic(str(tmp_path / "repo"), SECRET, cache_dir=str(tmp_path / "cache")) as restic:
        restic.ensure_repository()
        summary = restic.backup([str(site)], "web1", ["sitekeeper"])
        assert restic.verify_written(summary["snapshot_id"], summary["written"])[1] == []
        pack = next(p for p in summary["written"] if p.startswith("data/"))
        path = tmp_path / "repo" / pack
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.chmod(0o600)
        path.write_bytes(bytes(data))
        problems = restic.verify_written(summary["snapshot_id"], summary["written"])[1]
        assert problems == ["restic repository file %s does not match its checksum" % pack]
        others = [p for p in summary["written"] if not p.startswith(("snapshots", "data"))]
        missing = restic.verify_written(summary["snapshot_id"], others)[1]
        assert missing == ["restic snapshot %s was not written to %s" % (summary["snapshot_id"], tmp_path / "repo")]


def test_restic_restore_in_place_keeps_excluded_paths_and_removes_attacker_files(tmp_path):
    """The restic restore swaps the site in like the archive restore: excluded paths survive, extras go."""
    site = make_site(tmp_path)
    assert run_backup(rparams(tmp_path, site))["status"] == "ok"
    before = tree(site)
    (site / "index.html").write_text("HACKED BY x")
    (site / "shell.php").write_text("<?php system($_GET['c']);")
    (site / "cache" / "new.cache").write_text("keep me")
    os.chmod(site / "news" / "a.html", 0o666)  # a permission change alone is a change too
    params = {"backup_dir": str(tmp_path / "sets"), "site": "pn", "target": str(site), "restic_password": SECRET,
              "keep_replaced": True}
    plan = restore_site(params, check_mode=True)["files"][0]
    assert sorted(plan["changed_files"]) == ["index.html", "news/a.html"] and plan["removed"] == ["shell.php"]
    assert (site / "shell.php").exists()
    done = restore_site(params)["files"][0]
    assert (site / "index.html").read_text().startswith("<h1>")
    assert not (site / "shell.php").exists()
    assert (site / "cache" / "new.cache").read_text() == "keep me"
    assert {k: v for k, v in tree(site).items() if not k.startswith("cache")} == {
        k: v for k, v in before.items() if not k.startswith("cache")}
    assert done["replaced_copy"] and os.path.exists(os.path.join(done["replaced_copy"], "shell.php"))


def _blob_pack(repo, secret, written, cache):
    """A data pack this run wrote that holds file content (not a tree), found with ``restic find --pack``."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import Restic

    with Restic(repo, secret, cache_dir=cache) as restic:
        for rel in written:
            if rel.startswith("data/"):
                out = restic.run(["find", "--json", "--pack", os.path.basename(rel)]).stdout
                if json.loads(out or "[]"):
                    return rel
    raise AssertionError("no data pack with file content among %s" % written)


def test_damage_to_an_older_pack_is_critical_and_names_the_last_good_snapshot(tmp_path):
    """Issue 15 item 3: an incremental run depends on packs an earlier run wrote; a flipped byte in one
    of them must fail today's verification (also with restic_check), not only a restore."""
    site = make_site(tmp_path)
    first = run_backup(rparams(tmp_path, site))
    good = first["manifest"]["contents"][0]["snapshot_id"]
    (site / "news" / "new.html").write_text("berita yang akan rusak " * 50)
    second = run_backup(rparams(tmp_path, site))
    assert second["status"] == "ok", second["problems"]
    pack = _blob_pack(str(tmp_path / "repo"), SECRET, second["manifest"]["contents"][0]["repository_files"],
                      str(tmp_path / "cache"))
    path = tmp_path / "repo" / pack
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.chmod(0o600)
    path.write_bytes(bytes(data))
    for extra in ({}, {"restic_check": True}):
        third = run_backup(rparams(tmp_path, site, **extra))
        item = third["manifest"]["contents"][0]
        assert item["verify"]["status"] == "failed", item["verify"]
        assert any(pack in p for p in item["verify"]["problems"]), item["verify"]["problems"]
        assert item["verify"]["last_good_snapshot"] == good, item["verify"]
        verify = [f for f in third["findings"] if f["check"] == "backup.verify"]
        assert verify and verify[0]["status"] == "critical"
        assert good[:8] in " ".join(verify[0]["evidence"]) and verify[0]["details"]["last_good_snapshot"] == good
