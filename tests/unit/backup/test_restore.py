"""Unit tests of restores: round trips, check mode, mirror/defacement, and refusal of unsafe archives.

Real folders, real tar/zstd; no Ansible, no database.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import tarfile

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restore import (
    RestoreError,
    find_set,
    restore_site,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup
from tests.unit.backup.test_backup import make_site, params


def tree(root):
    """Path -> (type, mode, content hash or link target) for every entry under root."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)
            st = os.lstat(full)
            if os.path.islink(full):
                out[rel] = ("link", None, os.readlink(full))
            elif os.path.isdir(full):
                out[rel] = ("dir", st.st_mode & 0o777, None)
            else:
                out[rel] = ("file", st.st_mode & 0o777, hashlib.sha256(open(full, "rb").read()).hexdigest())
    return out


@pytest.fixture
def backed_up(tmp_path):
    site = make_site(tmp_path)
    os.chmod(site / "index.html", 0o640)
    result = run_backup(params(tmp_path, site))
    assert result["status"] == "ok"
    return tmp_path, site, result


def rparams(tmp_path, target=None, **extra):
    p = {"backup_dir": str(tmp_path / "backups"), "site": "pn"}
    if target is not None:
        p["target"] = str(target)
    p.update(extra)
    return p


def test_restore_into_another_folder_equals_the_original(backed_up):
    tmp_path, site, _ = backed_up
    original = {k: v for k, v in tree(site).items() if not k.startswith("cache")}
    target = tmp_path / "restore"
    result = restore_site(rparams(tmp_path, target))
    assert result["changed"] is True
    assert tree(target) == original
    assert (os.stat(target).st_mode & 0o777) == (os.stat(site).st_mode & 0o777)
    # second run: nothing to do
    again = restore_site(rparams(tmp_path, target))
    assert again["changed"] is False and again["files"][0]["counts"]["unchanged"] == len(original)


def test_check_mode_lists_changes_and_writes_nothing(backed_up):
    tmp_path, site, _ = backed_up
    target = tmp_path / "restore"
    result = restore_site(rparams(tmp_path, target), check_mode=True)
    assert not target.exists()
    assert "index.html" in result["files"][0]["added"] and result["changed"] is True


def test_a_permission_change_alone_is_planned_and_restored(backed_up):
    tmp_path, site, _ = backed_up
    before = tree(site)
    os.chmod(site / "news" / "a.html", 0o666)
    plan = restore_site(rparams(tmp_path), check_mode=True)["files"][0]
    assert plan["changed_files"] == ["news/a.html"] and plan["added"] == [] and plan["removed"] == []
    restore_site(rparams(tmp_path))
    assert tree(site) == before
    assert restore_site(rparams(tmp_path), check_mode=True)["changed"] is False


def test_defaced_site_is_restored_in_place_and_attacker_files_removed(backed_up):
    tmp_path, site, result = backed_up
    before = tree(site)
    (site / "index.html").write_text("HACKED BY x")
    (site / "shell.php").write_text("<?php system($_GET['c']);")
    (site / "cache" / "new.cache").write_text("keep me")
    plan = restore_site(rparams(tmp_path), check_mode=True)["files"][0]
    assert plan["changed_files"] == ["index.html"] and plan["removed"] == ["shell.php"]
    assert (site / "shell.php").exists()
    done = restore_site(rparams(tmp_path, keep_replaced=True))
    assert (site / "index.html").read_text().startswith("<h1>")
    assert not (site / "shell.php").exists()
    # excluded paths (caches) are kept as they were
    assert (site / "cache" / "new.cache").read_text() == "keep me"
    after = tree(site)
    assert {k: v for k, v in after.items() if not k.startswith("cache")} == {
        k: v for k, v in before.items() if not k.startswith("cache")}
    replaced = done["files"][0]["replaced_copy"]
    assert replaced and os.path.exists(os.path.join(replaced, "shell.php"))


def _forge_set(tmp_path, members, name="web1-20261127T000000Z"):
    """A set whose manifest is valid but whose archive holds the given tar members."""
    dest = tmp_path / "evil-backups"
    set_dir = dest / name
    set_dir.mkdir(parents=True)
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as archive:
        for info, data in members:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    archive_path = set_dir / "files-pn-docroot.tar.zst"
    archive_path.write_bytes(subprocess.run(["zstd", "-q", "-c"], input=raw.getvalue(), capture_output=True,
                                            check=True).stdout)
    sha = bk.sha256_file(str(archive_path))
    manifest = {
        "name": name, "host": "web1", "created_at": "2026-11-27T00:00:00Z",
        "contents": [{"kind": "files", "site": "pn", "role": "docroot", "source": str(tmp_path / "x"),
                      "file": archive_path.name, "sha256": sha, "excludes": []}],
        "sites": {"pn": {"complete": True}},
        "verification": {"status": "ok"},
        "checksums": {archive_path.name: sha},
    }
    (set_dir / "manifest.json").write_text(json.dumps(manifest))
    return dest


def _file(name, data=b"x"):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info, None


@pytest.mark.parametrize(
    "bad, reason",
    [
        (_file("/etc/cron.d/evil"), "absolute path"),
        (_file("../outside.txt"), "'..'"),
        (_file("news/../../outside.txt"), "'..'"),
        (_link("escape", "../../etc/passwd"), "symlink escapes"),
        (_link("abs", "/etc/shadow"), "symlink to an absolute path"),
        (_link("hard", "/etc/passwd", tarfile.LNKTYPE), "hard link"),
        ((lambda i: (setattr(i, "type", tarfile.CHRTYPE), (i, None))[1])(tarfile.TarInfo("dev")), "device"),
    ],
)
def test_unsafe_members_refuse_the_whole_restore(tmp_path, bad, reason):
    dest = _forge_set(tmp_path, [_file("index.html", b"ok"), bad])
    target = tmp_path / "target"
    target.mkdir()
    (target / "index.html").write_text("current")
    with pytest.raises(RestoreError, match="unsafe member") as err:
        restore_site({"backup_dir": str(dest), "site": "pn", "target": str(target)})
    assert reason in str(err.value)
    assert (target / "index.html").read_text() == "current"
    assert sorted(os.listdir(target)) == ["index.html"]
    assert not (tmp_path / "outside.txt").exists()
    assert not [n for n in os.listdir(tmp_path) if ".sk-restore-" in n]


def test_safe_relative_symlink_inside_is_allowed(tmp_path):
    dest = _forge_set(tmp_path, [_file("news/a.html", b"a"), _link("latest.html", "news/a.html")])
    target = tmp_path / "target"
    restore_site({"backup_dir": str(dest), "site": "pn", "target": str(target)})
    assert os.readlink(target / "latest.html") == "news/a.html"


def test_checksum_mismatch_refuses_the_restore(backed_up):
    tmp_path, site, result = backed_up
    archive = os.path.join(result["path"], result["manifest"]["contents"][0]["file"])
    with open(archive, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(RestoreError, match="does not match its checksum"):
        restore_site(rparams(tmp_path, tmp_path / "restore"))
    assert not (tmp_path / "restore").exists()


def test_unverified_sets_are_not_chosen(backed_up):
    tmp_path, site, result = backed_up
    bk.mark_damaged(result["path"], ["test"])
    with pytest.raises(RestoreError, match="no verified backup"):
        find_set(str(tmp_path / "backups"), site="pn")
    with pytest.raises(RestoreError, match="not verified"):
        find_set(str(tmp_path / "backups"), name=result["set"])


def test_target_that_is_a_file_is_refused(backed_up):
    tmp_path, site, _ = backed_up
    target = tmp_path / "afile"
    target.write_text("x")
    with pytest.raises(RestoreError, match="not a folder"):
        restore_site(rparams(tmp_path, target))


# --------------------------------------------------------------------------- configuration


@pytest.fixture
def config_backed_up(tmp_path):
    """A backup of two configuration folders: nginx (Debian-style absolute sites-enabled link, a TLS key) and php."""
    etc = tmp_path / "etc"
    nginx = etc / "nginx"
    (nginx / "sites-available").mkdir(parents=True)
    (nginx / "sites-enabled").mkdir()
    (nginx / "ssl").mkdir()
    (nginx / "nginx.conf").write_text("worker_processes auto;\n")
    (nginx / "sites-available" / "pn").write_text("server { listen 80; root /var/www/pn; }\n")
    os.symlink(str(nginx / "sites-available" / "pn"), nginx / "sites-enabled" / "pn")
    (nginx / "ssl" / "pn.key").write_text("PRIVATE KEY")
    (etc / "php").mkdir()
    (etc / "php" / "php.ini").write_text("memory_limit = 256M\n")
    site = make_site(tmp_path)
    result = run_backup(params(tmp_path, site, config_paths=[str(nginx), str(etc / "php")]))
    assert result["status"] == "ok", result["problems"]
    return tmp_path, etc, result


def test_config_restore_goes_to_another_folder_by_default(config_backed_up):
    tmp_path, etc, result = config_backed_up
    before = tree(etc)
    done = restore_site({"backup_dir": str(tmp_path / "backups"), "components": ["config"]})
    assert done["set"] == result["set"] and done["files"] == [] and done["databases"] == []
    base = tmp_path / "backups" / "restored-config" / result["set"]
    assert [r["target"] for r in done["config"]] == [str(base) + str(etc / "nginx"), str(base) + str(etc / "php")]
    copy = base / str(etc).lstrip("/")
    assert (copy / "nginx" / "nginx.conf").read_text() == "worker_processes auto;\n"
    assert (copy / "php" / "php.ini").read_text() == "memory_limit = 256M\n"
    # The absolute link into the configuration becomes relative: the copy is self-contained.
    link = copy / "nginx" / "sites-enabled" / "pn"
    assert os.readlink(link) == "../sites-available/pn" and link.read_text().startswith("server {")
    assert not (copy / "nginx" / "ssl" / "pn.key").exists()  # TLS keys are not in the backup
    assert tree(etc) == before  # the live configuration is untouched
    assert restore_site({"backup_dir": str(tmp_path / "backups"), "components": ["config"]})["changed"] is False


def test_config_restore_in_place_check_mode_then_for_real(config_backed_up):
    tmp_path, etc, result = config_backed_up
    before = tree(etc)
    (etc / "nginx" / "nginx.conf").write_text("broken;\n")
    (etc / "nginx" / "conf.d").mkdir()
    (etc / "nginx" / "conf.d" / "evil.conf").write_text("location /x { proxy_pass http://evil; }\n")
    p = {"backup_dir": str(tmp_path / "backups"), "components": ["config"], "config_in_place": True}
    plan = restore_site(p, check_mode=True)
    nginx_plan = plan["config"][0]
    assert nginx_plan["target"] == str(etc / "nginx") and nginx_plan["changed"] is True
    assert nginx_plan["changed_files"] == ["nginx.conf"]
    assert nginx_plan["removed"] == ["conf.d"]  # the TLS key left out of the backup is not listed
    assert plan["config"][1]["changed"] is False
    assert (etc / "nginx" / "nginx.conf").read_text() == "broken;\n"
    assert not (tmp_path / "backups" / "restored-config").exists()
    done = restore_site(p)
    assert done["changed"] is True
    assert tree(etc) == before  # equal to the backup; the TLS key (not backed up) is still there
    assert os.readlink(etc / "nginx" / "sites-enabled" / "pn") == str(etc / "nginx" / "sites-available" / "pn")
    assert restore_site(p)["changed"] is False


def _forge_config_set(tmp_path, members, roots):
    dest = _forge_set(tmp_path, members)
    set_dir = dest / "web1-20261127T000000Z"
    manifest = json.loads((set_dir / "manifest.json").read_text())
    item = manifest["contents"][0]
    item.update(kind="config", site=None, source=" ".join(roots), sources=roots)
    (set_dir / "manifest.json").write_text(json.dumps(manifest))
    return dest


@pytest.mark.parametrize(
    "bad, reason",
    [
        (_link("etc/nginx/shadow", "/etc/shadow"), "symlink to an absolute path"),
        (_link("etc/nginx/up", "../../.."), "symlink escapes"),
        (_file("etc/nginx/../../../outside.txt"), "'..'"),
        (_file("/etc/cron.d/evil"), "absolute path"),
    ],
)
def test_config_restore_refuses_unsafe_members(tmp_path, bad, reason):
    dest = _forge_config_set(tmp_path, [_file("etc/nginx/nginx.conf", b"ok"), bad], ["/etc/nginx"])
    with pytest.raises(RestoreError, match="unsafe member") as err:
        restore_site({"backup_dir": str(dest), "components": ["config"], "config_target": str(tmp_path / "t")})
    assert reason in str(err.value)
    assert not (tmp_path / "t").exists()


def test_a_member_written_through_a_link_is_refused(tmp_path):
    # The link itself points inside the configuration (allowed); a member under it would be written through it.
    members = [_file("etc/nginx/nginx.conf", b"ok"), _link("etc/nginx/l", "/etc/nginx/sub"),
               _file("etc/nginx/l/evil.conf", b"x")]
    dest = _forge_config_set(tmp_path, members, ["/etc/nginx"])
    with pytest.raises(RestoreError, match="path through a symbolic link"):
        restore_site({"backup_dir": str(dest), "components": ["config"], "config_target": str(tmp_path / "t")})
    files = _forge_set(tmp_path / "f", [_file("a", b"a"), _link("l", "sub"), _file("l/evil", b"x")])
    with pytest.raises(RestoreError, match="path through a symbolic link"):
        restore_site({"backup_dir": str(files), "site": "pn", "target": str(tmp_path / "t2")})


def test_config_restore_needs_a_config_archive_and_files_need_a_site(backed_up):
    tmp_path, _site, _result = backed_up
    with pytest.raises(RestoreError, match="with a configuration archive"):
        restore_site({"backup_dir": str(tmp_path / "backups"), "components": ["config"]})
    with pytest.raises(RestoreError, match="name the site"):
        restore_site({"backup_dir": str(tmp_path / "backups"), "components": ["files"]})
