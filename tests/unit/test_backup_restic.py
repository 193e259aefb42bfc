"""The restic engine against the real restic binary and a local repository."""

from __future__ import annotations

import json
import os

from ansible_collections.sitekeeper.website.plugins.module_utils import backup as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup_run import run_backup
from ansible_collections.sitekeeper.website.plugins.module_utils.restore import restore_site
from tests.unit.test_backup import make_site
from tests.unit.test_restore import tree

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


def test_forget_is_batched_at_most_daily(tmp_path):
    import datetime

    from ansible_collections.sitekeeper.website.plugins.module_utils.backup_restic import schedule_forget

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
