"""Unit tests of the backup logic against real folders and the real tar/zstd/gzip of this host.

No Ansible and no database here (those are in tests/integration/test_backup_*.py).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import signal
import subprocess
import sys
import tarfile
import time

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import validate

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def make_site(root, name="site", big=0):
    site = root / name
    (site / "news").mkdir(parents=True)
    (site / "cache").mkdir()
    (site / "index.html").write_text("<h1>Pengadilan Negeri Contoh</h1>\n")
    (site / "news" / "a.html").write_text("berita " * 500)
    (site / "news" / "photo.bin").write_bytes(os.urandom(50_000))
    (site / "cache" / "tmp.cache").write_text("cache")
    os.symlink("news/a.html", site / "latest.html")
    if big:
        (site / "big.bin").write_bytes(os.urandom(big))
    return site


def params(tmp_path, site, **extra):
    p = {
        "host": "web1",
        "destination": str(tmp_path / "backups"),
        "sites": [{"name": "pn", "url": "https://pn.example/", "docroot": str(site), "backup_exclude": ["./cache"]}],
    }
    p.update(extra)
    return p


def by_check(result, check, subject=None):
    return [f for f in result["findings"] if f["check"] == check and (subject is None or f["subject"] == subject)]


def test_backup_makes_a_verified_set_with_manifest_label_and_sums(tmp_path):
    site = make_site(tmp_path)
    result = run_backup(params(tmp_path, site, operator="admin-it", court_name="PN Contoh"))
    assert result["status"] == "ok", result["problems"]
    set_dir = result["path"]
    assert os.path.basename(set_dir) == result["set"] and bk.SET_RE.match(result["set"])
    names = sorted(os.listdir(set_dir))
    assert names == sorted(["manifest.json", "SHA256SUMS", "LABEL-ADK.txt", "files-pn-docroot.tar.zst"])
    manifest = json.load(open(os.path.join(set_dir, "manifest.json")))
    item = manifest["contents"][0]
    assert item["sha256"] == bk.sha256_file(os.path.join(set_dir, item["file"]))
    assert manifest["verification"]["status"] == "ok"
    assert manifest["operator"] == "admin-it" and manifest["host"] == "web1"
    assert manifest["tools"]["tar"].startswith("tar (GNU tar)")
    assert item["files"] == 3 and item["source_bytes"] > 50_000
    # sha256sum agrees with the manifest
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=set_dir, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    label = open(os.path.join(set_dir, "LABEL-ADK.txt")).read()
    assert "ARSIP DATA KOMPUTER" in label and "COMPUTER DATA ARCHIVE" in label and "TERVERIFIKASI" in label
    # the cache was excluded, the symlink kept as a link
    out = subprocess.run(["tar", "-tvf", os.path.join(set_dir, item["file"]), "-I", "zstd"],
                         capture_output=True, text=True, check=True).stdout
    assert "tmp.cache" not in out and "./latest.html -> news/a.html" in out
    for finding in result["findings"]:
        validate(finding)
        assert finding["details"]["summary_id"]
    assert by_check(result, "backup.age")[0]["status"] == "ok"
    assert by_check(result, "backup.verify")[0]["status"] == "ok"


def test_gzip_compression_is_used_when_asked(tmp_path):
    site = make_site(tmp_path)
    result = run_backup(params(tmp_path, site, compression="gzip"))
    assert result["status"] == "ok"
    assert result["manifest"]["compression"] == "gzip"
    assert result["manifest"]["contents"][0]["file"].endswith(".tar.gz")


def test_flipped_byte_is_found_and_reported_critical(tmp_path):
    site = make_site(tmp_path)
    first = run_backup(params(tmp_path, site))
    archive = os.path.join(first["path"], first["manifest"]["contents"][0]["file"])
    with open(archive, "r+b") as handle:
        handle.seek(os.path.getsize(archive) // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0x01]))
    problems = bk.verify_set(first["path"])
    assert any("checksum mismatch" in p for p in problems)
    # The next run re-checks the newest set, reports it critical and stops counting it as good.
    second = run_backup(params(tmp_path, site))
    damaged = by_check(second, "backup.damaged")
    assert damaged and damaged[0]["status"] == "critical" and damaged[0]["subject"] == first["set"]
    names = [s["name"] for s in bk.list_sets(str(tmp_path / "backups")) if s["verified"]]
    assert first["set"] not in names and second["set"] in names


def test_missing_docroot_is_critical_and_other_sites_are_still_backed_up(tmp_path):
    site = make_site(tmp_path)
    p = params(tmp_path, site)
    p["sites"].append({"name": "gone", "url": "https://gone.example/", "docroot": str(tmp_path / "nope")})
    result = run_backup(p)
    source = by_check(result, "backup.source", "https://gone.example/")
    assert source[0]["status"] == "critical" and "nope" in source[0]["evidence"][0]
    assert by_check(result, "backup.age", "https://gone.example/")[0]["status"] == "critical"
    assert by_check(result, "backup.age", "https://pn.example/")[0]["status"] == "ok"
    assert result["manifest"]["verification"]["status"] == "ok"
    assert result["manifest"]["sites"]["gone"]["complete"] is False


@pytest.mark.parametrize("name", ["../../../../tmp/x", "<script>alert(1)</script>", "", None, "a" * 65])
def test_unusable_site_name_is_a_critical_finding_and_the_rest_goes_on(tmp_path, name):
    # Issue 15 item 6: such a site used to be dropped with one line in "problems" and a run "ok".
    site = make_site(tmp_path)
    other = make_site(tmp_path, "other")
    p = params(tmp_path, site)
    p["sites"].append({"name": name, "docroot": str(other)})
    result = run_backup(p)
    assert result["status"] == "critical"
    bad = [f for f in by_check(result, "backup.source") if f["status"] == "critical"]
    assert len(bad) == 1 and bad[0]["summary"].startswith("This website was not backed up")
    shown = bad[0]["subject"]
    assert "<" not in shown and ">" not in shown and "/" not in shown and len(shown) <= 60
    validate(bad[0])  # raises on a finding the contract refuses
    assert by_check(result, "backup.verify", "https://pn.example/")[0]["status"] == "ok"
    assert list(result["manifest"]["sites"]) == ["pn"]


def test_unusable_site_name_with_a_url_is_reported_under_that_url(tmp_path):
    site = make_site(tmp_path)
    p = params(tmp_path, site)
    p["sites"][0]["name"] = "../../../../tmp/x"
    result = run_backup(p)
    bad = by_check(result, "backup.source", "https://pn.example/")
    assert bad and bad[0]["status"] == "critical" and result["status"] == "critical"
    assert "letters, digits" in bad[0]["evidence"][0]


@contextlib.contextmanager
def mounted_tmpfs(folder, size):
    """A small tmpfs at FOLDER (a full disk, or removable media), unmounted afterwards."""
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_destination_full_clear_error_nothing_pruned(tmp_path):
    with mounted_tmpfs(tmp_path / "small", "2m") as mnt:
        site = make_site(tmp_path)
        p = params(tmp_path, site, destination=str(mnt / "b"), prune=False)
        first = run_backup(p)
        second = run_backup(p)
        assert first["status"] == second["status"] == "ok"
        (site / "big.bin").write_bytes(os.urandom(3 * 1024 * 1024))
        # With this retention a pruning pass would remove the older set: it must not run.
        full = run_backup(dict(p, prune=True, retention={"daily": 1, "weekly": 0, "monthly": 0}))
        run_f = by_check(full, "backup.run")
        assert run_f and run_f[0]["status"] == "critical" and "destination full" in run_f[0]["summary"]
        assert by_check(full, "backup.space")[0]["status"] == "critical"
        left = sorted(os.listdir(mnt / "b"))
        assert first["set"] in left and second["set"] in left
        assert not [n for n in left if n.endswith(".partial")]
        assert bk.verify_set(str(mnt / "b" / first["set"])) == []


def test_killed_mid_backup_leaves_no_complete_set_and_old_sets_intact(tmp_path):
    site = make_site(tmp_path)
    p = params(tmp_path, site, compression="gzip", compression_level=9)
    first = run_backup(p)
    assert first["status"] == "ok"
    (site / "big.bin").write_bytes(os.urandom(40 * 1024 * 1024))
    code = (
        "import json,sys; sys.path.insert(0, %r); "
        "from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup; "
        "run_backup(json.loads(sys.argv[1]))" % os.path.join(REPO, "collections")
    )
    proc = subprocess.Popen([sys.executable, "-c", code, json.dumps(p)], start_new_session=True)
    dest = tmp_path / "backups"
    deadline = time.monotonic() + 60
    partial = None
    while time.monotonic() < deadline and partial is None:
        for name in os.listdir(dest):
            path = dest / name / "files-pn-docroot.tar.gz"
            if name.endswith(".partial") and path.exists() and path.stat().st_size > 0:
                partial = name
        time.sleep(0.02)
    assert partial, "the backup never started writing"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    sets = bk.list_sets(str(dest))
    assert [s["name"] for s in sets] == [first["set"]]
    assert bk.verify_set(first["path"]) == []
    # The next run removes the leftover and makes a good set.
    again = run_backup(dict(p, compression="zstd", compression_level=None))
    assert partial in again["stale_removed"]
    assert again["status"] == "ok"


def test_removable_media_absent_is_a_warning_and_nothing_else_fails(tmp_path):
    site = make_site(tmp_path)
    media = tmp_path / "usb"
    media.mkdir()
    result = run_backup(params(tmp_path, site, removable=[{"path": str(media / "sk"), "mount_point": str(media)}]))
    media_f = by_check(result, "backup.media")
    assert media_f[0]["status"] == "warning" and "not present" in media_f[0]["summary"]
    assert result["manifest"]["verification"]["status"] == "ok"
    assert not (media / "sk").exists()
    assert {f["status"] for f in result["findings"] if f["check"] != "backup.media"} == {"ok"}


def test_removable_media_present_gets_a_verified_copy(tmp_path):
    site = make_site(tmp_path)
    with mounted_tmpfs(tmp_path / "usb", "20m") as media:
        result = run_backup(params(tmp_path, site, removable=[{"path": str(media / "sk"), "mount_point": str(media)}]))
        assert by_check(result, "backup.media")[0]["status"] == "ok"
        copy = media / "sk" / result["set"]
        assert bk.verify_set(str(copy)) == []
        assert sorted(os.listdir(copy)) == sorted(os.listdir(result["path"]))


def _plant_old_sets(set_dir, folder, stamps):
    """Copies of a verified set under older names (as earlier runs would have left them)."""
    import shutil

    names = []
    for stamp in stamps:
        name = "web1-%s" % stamp
        shutil.copytree(set_dir, os.path.join(folder, name))
        names.append(name)
    return names


def test_removable_media_retention_prunes_only_after_a_good_backup(tmp_path, backup_clock_at_noon):
    site = make_site(tmp_path)
    with mounted_tmpfs(tmp_path / "usb", "20m") as media:
        removable = [{"path": str(media / "sk"), "mount_point": str(media),
                      "retention": {"daily": 2, "weekly": 0, "monthly": 0}}]
        first = run_backup(params(tmp_path, site, removable=removable))
        assert first["status"] == "ok", first["problems"]
        old = _plant_old_sets(first["path"], str(media / "sk"),
                              ["20260101T010000Z", "20260102T010000Z", "20260103T010000Z"])
        (media / "sk" / "web2-20250101T010000Z").mkdir()  # another host's set is never touched
        # A backup with a failed part (a missing folder): nothing is pruned anywhere.
        bad_site = dict(params(tmp_path, site)["sites"][0], backup_paths=[str(tmp_path / "gone")])
        failed = run_backup(params(tmp_path, site, sites=[bad_site], removable=removable))
        assert by_check(failed, "backup.source")[0]["status"] == "critical"
        assert failed["copies"][0]["status"] == "ok" and failed["copies"][0]["pruned"] == []
        assert set(old) <= set(os.listdir(media / "sk"))
        # prune: false keeps everything too.
        off = run_backup(params(tmp_path, site, removable=removable, prune=False))
        assert off["copies"][0]["pruned"] == [] and set(old) <= set(os.listdir(media / "sk"))
        # A good backup applies the media's own retention: 2 days = today's newest + 2026-01-03.
        good = run_backup(params(tmp_path, site, removable=removable))
        assert good["status"] == "ok", good["problems"]
        pruned = good["copies"][0]["pruned"]
        left = set(os.listdir(media / "sk"))
        assert good["set"] in left and "web1-20260103T010000Z" in left and "web2-20250101T010000Z" in left
        assert {"web1-20260101T010000Z", "web1-20260102T010000Z"} <= set(pruned)
        assert not left & set(pruned)
        # Today's older copies (one of them from the failed run) go: only the newest of a day is kept.
        assert {first["set"], failed["set"], off["set"]} <= set(pruned)
        assert bk.verify_set(str(media / "sk" / good["set"])) == []


def test_retention_keeps_the_newest_set_holding_each_site_complete():
    base = datetime.datetime(2026, 11, 27, tzinfo=datetime.timezone.utc)
    sets = _fake_sets([base - datetime.timedelta(days=d) for d in range(4)])
    for i, item in enumerate(sets):
        item["manifest"] = {"sites": {"a": {"complete": True}, "b": {"complete": i == 2}}}
    kept, pruned = bk.retention_plan(sets, daily=1, weekly=0, monthly=0)
    assert {s["name"] for s in kept} == {sets[0]["name"], sets[2]["name"]}
    assert {s["name"] for s in pruned} == {sets[1]["name"], sets[3]["name"]}


def _fake_sets(times, verified=True):
    return [{"name": "h-%s" % t.strftime("%Y%m%dT%H%M%SZ"), "time": t, "verified": verified} for t in times]


def test_retention_keeps_daily_weekly_monthly_and_the_newest():
    base = datetime.datetime(2026, 11, 27, 1, 0, tzinfo=datetime.timezone.utc)
    sets = _fake_sets([base - datetime.timedelta(days=d) for d in range(0, 120)])
    sets += _fake_sets([base - datetime.timedelta(hours=2)])  # a second one on the newest day
    sets.sort(key=lambda s: s["time"], reverse=True)
    kept, pruned = bk.retention_plan(sets, daily=7, weekly=4, monthly=3)
    kept_names = {s["name"] for s in kept}
    assert sets[0]["name"] in kept_names
    days = {s["time"].date() for s in kept}
    for d in range(7):
        assert (base - datetime.timedelta(days=d)).date() in days
    assert len(kept) <= 7 + 4 + 3 and len(kept) + len(pruned) == len(sets)
    # The oldest kept is at most ~3 months old.
    assert min(s["time"] for s in kept) > base - datetime.timedelta(days=100)


def test_retention_never_prunes_the_newest_verified_or_unverified_sets():
    base = datetime.datetime(2026, 11, 27, tzinfo=datetime.timezone.utc)
    good = _fake_sets([base - datetime.timedelta(days=3), base - datetime.timedelta(days=4)])
    bad = _fake_sets([base, base - datetime.timedelta(days=1)], verified=False)
    kept, pruned = bk.retention_plan(good + bad, daily=0, weekly=0, monthly=0)
    assert [s["name"] for s in pruned] == [good[1]["name"]]
    assert {s["name"] for s in kept} == {good[0]["name"]} | {s["name"] for s in bad}


def test_shrunk_backup_is_a_warning(tmp_path):
    site = make_site(tmp_path, big=200_000)
    run_backup(params(tmp_path, site))
    (site / "big.bin").unlink()
    (site / "news" / "photo.bin").unlink()
    result = run_backup(params(tmp_path, site))
    shrink = by_check(result, "backup.shrink")
    assert shrink and shrink[0]["status"] == "warning"
    assert shrink[0]["details"]["shrunk_fraction"] > 0.3


def test_old_backup_is_reported_against_the_one_day_standard(tmp_path):
    site = make_site(tmp_path)
    first = run_backup(params(tmp_path, site))
    old = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=40)
    os.rename(first["path"], os.path.join(os.path.dirname(first["path"]), bk.set_name("web1", old)))
    result = run_backup(params(tmp_path, site, destination=str(tmp_path / "backups")), check_mode=True)
    age = by_check(result, "backup.age")[0]
    assert age["status"] == "warning" and 39 < age["details"]["age_hours"] < 41


def test_check_mode_writes_nothing(tmp_path):
    site = make_site(tmp_path)
    result = run_backup(params(tmp_path, site), check_mode=True)
    assert not (tmp_path / "backups").exists()
    assert result["changed"] is True  # a real run would make a new set
    assert {"site": "pn", "path": str(site), "exists": True} in result["would_back_up"]
    assert by_check(result, "backup.age")[0]["status"] == "critical"


def test_configuration_backup_leaves_tls_keys_out_by_default(tmp_path):
    conf = tmp_path / "etc" / "nginx"
    (conf / "ssl").mkdir(parents=True)
    (conf / "nginx.conf").write_text("events {}\n")
    (conf / "ssl" / "site.key").write_text("PRIVATE")
    (conf / "ssl" / "site.crt").write_text("CERT")
    site = make_site(tmp_path)
    result = run_backup(params(tmp_path, site, config_paths=[str(conf)]))
    item = [c for c in result["manifest"]["contents"] if c["kind"] == "config"][0]
    with subprocess.Popen(["zstd", "-dc", os.path.join(result["path"], item["file"])], stdout=subprocess.PIPE) as proc:
        names = tarfile.open(fileobj=proc.stdout, mode="r|").getnames()
    assert any(n.endswith("nginx.conf") for n in names) and any(n.endswith("site.crt") for n in names)
    assert not any(n.endswith("site.key") for n in names)
    assert by_check(result, "backup.config")[0]["status"] == "ok"
    with_keys = run_backup(params(tmp_path, site, config_paths=[str(conf)], include_tls_keys=True,
                                  destination=str(tmp_path / "b2")))
    item = [c for c in with_keys["manifest"]["contents"] if c["kind"] == "config"][0]
    with subprocess.Popen(["zstd", "-dc", os.path.join(with_keys["path"], item["file"])], stdout=subprocess.PIPE) as proc:
        names = tarfile.open(fileobj=proc.stdout, mode="r|").getnames()
    assert any(n.endswith("site.key") for n in names)


def test_a_second_backup_locked_out_while_one_runs(tmp_path):
    dest = tmp_path / "d"
    dest.mkdir()
    with bk.destination_lock(str(dest)), pytest.raises(bk.BackupError, match="another backup"), \
            bk.destination_lock(str(dest)):
        pass


def test_bad_site_folders_fail_only_that_site(tmp_path):
    site = make_site(tmp_path)
    other = make_site(tmp_path, name="other")
    p = params(tmp_path, site)
    # a backup path that is a file, not a folder; and a site with nothing to back up
    p["sites"].append({"name": "other", "url": "https://other.example/", "docroot": str(other),
                       "backup_paths": [str(other / "news" / "a.html")]})
    p["sites"].append({"name": "empty", "url": "https://empty.example/"})
    result = run_backup(p)
    assert by_check(result, "backup.source", "https://other.example/")[0]["status"] == "critical"
    empty = by_check(result, "backup.source", "https://empty.example/")[0]
    assert empty["status"] == "critical" and "no docroot" in empty["evidence"][0]
    assert by_check(result, "backup.verify", "https://pn.example/")[0]["status"] == "ok"
    assert result["manifest"]["verification"]["status"] == "ok"
