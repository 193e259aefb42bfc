"""Unit tests of the remediation catalogue (plugins/module_utils/troubleshoot/remediation.py) on temporary folders.
Services here are real processes (a Python HTTP server) started and verified by port and pid file."""

import gzip
import json
import os
import socket
import stat
import sys
import time

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import host as hst
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A tiny "service": config test = the config file must say "ok"; start = a detached Python HTTP server
# that writes its pid file.
CONFIG_TEST = "import sys; sys.exit(0 if open(sys.argv[1]).read().strip() == 'ok' else 1)"
SERVER = ("import http.server, os, sys; open(sys.argv[2], 'w').write(str(os.getpid())); "
          "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), http.server.SimpleHTTPRequestHandler).serve_forever()")


@pytest.fixture
def service(tmp_path):
    conf = tmp_path / "etc" / "svc.conf"
    conf.parent.mkdir()
    conf.write_text("ok\n")
    port = free_port()
    pidfile = tmp_path / "svc.pid"
    svc = {"name": "svc", "kind": "web", "port": port, "pidfile": str(pidfile),
           "config_test": [sys.executable, "-c", CONFIG_TEST, str(conf)],
           "config_paths": [str(conf.parent)],
           "start": [sys.executable, "-c", SERVER, str(port), str(pidfile)]}
    yield svc, conf
    pid = hst.read_pidfile(str(pidfile))
    if pid and hst.pid_alive(pid):
        os.kill(pid, 15)


def test_start_service_starts_verifies_and_is_idempotent(service, tmp_path):
    svc = service[0]
    predicted = rem.ensure_service("web1", svc, check_mode=True)
    assert predicted["changed"] and not hst.port_open("127.0.0.1", svc["port"])
    started = rem.ensure_service("web1", svc, wait=15)
    assert started["changed"] and started["verified"] and started["finding"]["status"] == "ok"
    assert hst.port_open("127.0.0.1", svc["port"])
    fnd.validate(started["finding"])
    assert started["finding"]["activity"] == 6 and started["finding"]["check"] == "remediate.start_service"
    again = rem.ensure_service("web1", svc)
    assert not again["changed"] and again["finding"]["status"] == "ok"


def test_start_refused_when_config_test_fails(service):
    svc, conf = service
    conf.write_text("broken\n")
    out = rem.ensure_service("web1", svc, wait=2)
    assert out["finding"]["status"] == "critical" and not out["changed"]
    assert out["finding"]["suggested_actions"][0]["tag"] == "rollback_config"
    assert not hst.port_open("127.0.0.1", svc["port"])


def test_service_without_start_command_asks_for_the_service_manager(service):
    svc = service[0]
    svc = dict(svc, service_name="svc")
    del svc["start"]
    out = rem.ensure_service("web1", svc)
    assert out["needs_service_manager"] is True


def test_snapshot_then_rollback_restores_known_good(service, tmp_path):
    svc, conf = service
    store = str(tmp_path / "known-good")
    first = rem.snapshot_config("web1", svc, store)
    assert first["changed"]
    assert not rem.snapshot_config("web1", svc, store)["changed"]
    conf.write_text("broken\n")
    extra = conf.parent / "new-vhost.conf"
    extra.write_text("listen 80 broken;\n")
    # A failing config is never kept as known-good.
    assert not rem.snapshot_config("web1", svc, store)["changed"]
    predicted = rem.rollback_config("web1", svc, store, check_mode=True)
    assert predicted["changed"] and "broken" in predicted["diff"]["before"] and conf.read_text() == "broken\n"
    out = rem.rollback_config("web1", svc, store, wait=15)
    assert out["finding"]["status"] == "ok", out["finding"]
    assert conf.read_text() == "ok\n" and not extra.exists()
    kept = out["finding"]["details"]["broken_copy_kept_in"]
    assert open(os.path.join(kept, str(conf).lstrip("/"))).read() == "broken\n"
    assert hst.port_open("127.0.0.1", svc["port"])
    again = rem.rollback_config("web1", svc, store)
    assert not again["changed"]


def test_rollback_without_known_good_copy_escalates(service, tmp_path):
    svc, conf = service
    conf.write_text("broken\n")
    out = rem.rollback_config("web1", svc, str(tmp_path / "empty"))
    assert out["finding"]["status"] == "critical" and not out["changed"]
    assert out["finding"]["suggested_actions"][-1]["playbook"] == "troubleshoot"


def _age(path, days):
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_free_disk_compresses_clears_and_prunes_by_retention(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "access.log").write_text("current\n")
    rotated = logs / "access.log.1"
    rotated.write_text("line\n" * 20000)
    _age(rotated, 3)
    cache = tmp_path / "cache"
    (cache / "sub").mkdir(parents=True)
    (cache / "sub" / "c.bin").write_bytes(b"x" * 5000)
    backups = tmp_path / "backups"
    backups.mkdir()
    for i, days in enumerate([1, 5, 40, 50, 60]):
        path = backups / ("set-%d.tar" % i)
        path.write_bytes(b"b" * 100)
        _age(path, days)
    # The oldest is the newest *verified* one: it must survive pruning.
    (backups / "set-4.tar.verified").write_text("ok")
    spec = {"paths": [str(tmp_path)], "target_percent": 0, "log_dirs": [str(logs)], "cache_dirs": [str(cache)],
            "backup_sets": [{"path": str(backups), "pattern": "set-*.tar", "keep_count": 1, "keep_days": 30}],
            "prune_backups": True}
    predicted = rem.free_disk("web1", spec, check_mode=True)
    assert predicted["changed"] and rotated.exists()
    out = rem.free_disk("web1", spec)
    assert out["changed"]
    assert not rotated.exists() and gzip.open(str(rotated) + ".gz").read() == b"line\n" * 20000
    assert (logs / "access.log").read_text() == "current\n"
    assert os.listdir(cache) == [] and cache.is_dir()
    left = sorted(p.name for p in backups.iterdir())
    assert left == ["set-0.tar", "set-1.tar", "set-4.tar", "set-4.tar.verified"]
    # target 0% cannot be reached: the outcome says so honestly.
    assert out["finding"]["status"] == "critical"
    again = rem.free_disk("web1", dict(spec, target_percent=100))
    assert not again["changed"] and again["finding"]["status"] == "ok"


def test_prune_never_removes_the_newest_backup(tmp_path):
    for i, days in enumerate([100, 200]):
        path = tmp_path / ("b%d" % i)
        path.write_text("x")
        _age(path, days)
    assert rem.backups_to_prune({"path": str(tmp_path), "keep_count": 0, "keep_days": 0}) == [str(tmp_path / "b1")]


def test_fix_permissions(tmp_path):
    docroot = tmp_path / "site"
    (docroot / "css").mkdir(parents=True)
    page = docroot / "index.html"
    page.write_text("x")
    os.chmod(page, 0o600)
    os.chmod(docroot / "css", 0o777)
    site = {"name": "pn", "docroot": str(docroot), "docroot_file_mode": "0644", "docroot_dir_mode": "0755"}
    predicted = rem.fix_permissions("web1", site, check_mode=True)
    assert predicted["changed"] and stat.S_IMODE(os.stat(page).st_mode) == 0o600
    assert "index.html 0600" in predicted["diff"]["before"] and "index.html 0644" in predicted["diff"]["after"]
    out = rem.fix_permissions("web1", site)
    assert out["finding"]["status"] == "ok"
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o644 and stat.S_IMODE(os.stat(docroot / "css").st_mode) == 0o755
    assert not rem.fix_permissions("web1", site)["changed"]


def test_bad_input_is_one_clear_error(tmp_path):
    with pytest.raises(rem.RemediationError, match="docroot"):
        rem.fix_permissions("web1", {"name": "pn", "docroot": str(tmp_path / "missing")})
    out = rem.not_attempted("web1", "fix_permissions", {"name": "pn"}, "docroot missing")
    assert out["finding"]["status"] == "unknown" and not out["changed"]


def test_renew_cert_failure_is_critical(tmp_path):
    site = {"name": "pn", "tls_cert": str(tmp_path / "missing.pem"), "cert_name": "pn"}
    out = rem.renew_certificate("web1", site, certbot=[sys.executable, "-c", "import sys; sys.exit(1)"])
    assert out["finding"]["status"] == "critical" and out["finding"]["details"]["certbot_rc"] == 1


RESTORED = {"changed": True, "set": "web1-20261204T010000Z", "files": [
    {"changed": True, "changed_files": ["index.html"], "added": [], "removed": ["shell.php"],
     "counts": {"added": 0, "changed": 1, "removed": 1, "unchanged": 3}}]}


def test_verify_site_after_restore(tmp_path):
    (tmp_path / "index.html").write_text("<h1>Pengadilan</h1>")
    ok = rem.verify_site("web1", {"name": "pn", "docroot": str(tmp_path)}, RESTORED)
    assert ok["finding"]["status"] == "ok" and ok["changed"]
    assert "restored from the backup set web1-20261204T010000Z (2 files)" in ok["finding"]["summary"]
    (tmp_path / "index.html").write_text("hacked by x")
    bad = rem.verify_site("web1", {"name": "pn", "docroot": str(tmp_path)}, RESTORED)
    assert bad["finding"]["status"] == "critical" and "still fails its check" in bad["finding"]["summary"]


def test_verify_site_never_claims_a_restore_it_did_not_make(tmp_path):
    (tmp_path / "index.html").write_text("hacked by x")
    site = {"name": "pn", "docroot": str(tmp_path)}
    # site_restore failed (registered with ignore_errors, so `failed` is kept), or did not run at all.
    for restore in ({"failed": True, "msg": "no verified backup found in /b"}, {}, None):
        out = rem.verify_site("web1", site, restore)
        finding = out["finding"]
        assert finding["status"] == "critical" and not out["changed"] and json.dumps(out)
        assert "could not be restored" in finding["summary"] and "restored from" not in finding["summary"]
    assert "no verified backup found in /b" in rem.verify_site("web1", site, {"failed": True, "msg":
                                                                             "no verified backup found in /b"}
                                                              )["finding"]["summary"]
    # The files already equal the backup: nothing was restored, and the outcome says so.
    same = rem.verify_site("web1", site, {"changed": False, "set": "web1-x", "files": []})
    assert same["finding"]["status"] == "critical" and not same["changed"]
    assert "nothing was restored" in same["finding"]["summary"]


def test_verify_site_in_check_mode_predicts_the_restore(tmp_path):
    (tmp_path / "index.html").write_text("hacked by x")
    site = {"name": "pn", "docroot": str(tmp_path)}
    out = rem.verify_site("web1", site, RESTORED, check_mode=True)
    finding = out["finding"]
    assert finding["status"] == "warning" and out["changed"]
    assert "would be restored from the backup set web1-20261204T010000Z: 2 files" in finding["summary"]
    assert finding["evidence"] == ["index.html", "shell.php"]
    assert finding["details"]["restore"]["files"][0]["removed"] == ["shell.php"]
    nothing = rem.verify_site("web1", site, {"changed": False, "set": "web1-x", "files": []}, check_mode=True)
    assert nothing["finding"]["status"] == "ok" and not nothing["changed"]
    assert "would change nothing" in nothing["finding"]["summary"]


def test_verify_block():
    ok = rem.verify_block("web1", ["203.0.113.1", {"client": "127.0.0.1"}],
                          {"blocked": ["203.0.113.1"], "refused": [{"client": "127.0.0.1", "reason": "loopback"}],
                           "added": ["203.0.113.1"]})
    assert ok["finding"]["status"] == "ok" and ok["changed"]
    bad = rem.verify_block("web1", ["203.0.113.2"], {"blocked": [], "refused": []})
    assert bad["finding"]["status"] == "critical" and bad["finding"]["details"]["missing"] == ["203.0.113.2"]
    assert rem.verify_block("web1", [], None)["finding"]["status"] == "ok"
