"""Unit tests of the quarantine (plugins/module_utils/troubleshoot/quarantine.py) on real folders, with real
verified backup sets made by the backup activity's own code (backup.run.run_backup: tar + zstd/gzip, manifest,
verification). The flagged entries are what the docroot scan returns for a file (path, sha256, kind, excerpt)."""

from __future__ import annotations

import hashlib
import json
import os
import stat

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import quarantine as qua

CLEAN_PAGE = "<html><body><h1>Pengadilan Negeri Contoh</h1><p>Jadwal sidang</p></body></html>\n"
SPAM_BLOCK = ('<div style="display:none"><a href="https://slot.example/">slot gacor</a> '
              '<a href="https://judi.example/">judi online terpercaya</a></div>')
SHELL = "<?php if(isset($_REQUEST['c'])){ @eval(base64_decode($_REQUEST['c'])); } ?>\n"


def sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def flag(path, kind, text="") -> dict:
    return {"path": str(path), "sha256": sha(path), "kind": kind, "score": 9.0, "severity": "critical",
            "signals": ["test"], "excerpt": text or open(path, errors="replace").read()[:80]}


@pytest.fixture
def site(tmp_path):
    """A docroot with a verified clean backup (real run_backup), then a planted shell and a spammed page."""
    docroot = tmp_path / "www"
    (docroot / "berita").mkdir(parents=True)
    (docroot / "index.html").write_text(CLEAN_PAGE)
    (docroot / "berita" / "a.html").write_text("berita satu\n")
    os.chmod(docroot / "index.html", 0o640)
    backups = tmp_path / "backups"
    spec = {"name": "pn", "url": "http://127.0.0.1:9/", "docroot": str(docroot)}
    done = run_backup({"host": "web1", "destination": str(backups), "sites": [spec], "config_paths": []})
    assert done["status"] == "ok", done["problems"]
    (docroot / "index.html").write_text(CLEAN_PAGE.replace("<p>", SPAM_BLOCK + "<p>"))
    (docroot / "uploads").mkdir()
    (docroot / "uploads" / "x.php").write_text(SHELL)
    settings = {"dir": str(tmp_path / "quarantine"), "backup_dir": str(backups), "allowed": []}
    scan = {"flagged": [flag(docroot / "index.html", "spam_injection"), flag(docroot / "uploads" / "x.php", "webshell")]}
    return {"docroot": docroot, "spec": spec, "settings": settings, "scan": scan, "set": done["set"],
            "backups": backups, "tmp": tmp_path}


def test_check_mode_plans_which_files_from_which_set_and_changes_nothing(site):
    before = {p: sha(p) for p in (site["docroot"] / "index.html", site["docroot"] / "uploads" / "x.php")}
    out = qua.run("web1", site["spec"], site["scan"], site["settings"], check_mode=True)
    assert out["changed"] is True and out["check_mode"] is True
    by_rel = {f["relpath"]: f for f in out["files"]}
    assert by_rel["index.html"]["restore_from"] == site["set"] and by_rel["index.html"]["action"] == "would restore"
    assert by_rel["uploads/x.php"]["restore_from"] is None and by_rel["uploads/x.php"]["action"] == "would quarantine"
    assert {p: sha(p) for p in before} == before
    assert not os.path.exists(site["settings"]["dir"])


def test_quarantine_keeps_the_file_with_its_hash_and_metadata_and_restores_the_clean_copy(site):
    shell_sha = site["scan"]["flagged"][1]["sha256"]
    spam_sha = site["scan"]["flagged"][0]["sha256"]
    out = qua.run("web1", site["spec"], site["scan"], site["settings"])
    assert out["changed"] is True and not out["problems"], out
    assert (site["docroot"] / "index.html").read_text() == CLEAN_PAGE
    assert stat.S_IMODE(os.stat(site["docroot"] / "index.html").st_mode) == 0o640
    assert not (site["docroot"] / "uploads" / "x.php").exists()
    store = qua.store_dir(site["settings"]["dir"], "pn", shell_sha)
    assert sha(os.path.join(store, "content")) == shell_sha
    assert stat.S_IMODE(os.stat(os.path.join(store, "content")).st_mode) == 0o600
    meta = json.load(open(os.path.join(store, "metadata.json")))
    assert meta["sha256"] == shell_sha and meta["locations"][0]["path"] == str(site["docroot"] / "uploads" / "x.php")
    assert meta["locations"][0]["restored_from"] is None and "eval" in meta["locations"][0]["excerpt"]
    spam_store = qua.store_dir(site["settings"]["dir"], "pn", spam_sha)
    spam_meta = json.load(open(os.path.join(spam_store, "metadata.json")))
    assert spam_meta["locations"][0]["restored_from"] == site["set"]
    assert "slot gacor" in open(os.path.join(spam_store, "content")).read()
    # A second run with the same (now stale) scan changes nothing: the files are gone or clean.
    again = qua.run("web1", site["spec"], site["scan"], site["settings"])
    assert again["files"] == [] and again["changed"] is False
    assert [s["reason"] for s in again["skipped"]] == ["its content changed since the scan: scan again before quarantining"]


def test_the_newest_set_holding_the_infected_copy_is_skipped_for_an_older_clean_one(site):
    # This run's backup already sealed the spammed page: the clean copy is in the older set (kept: without
    # pruning; with the daily retention the older set is the previous day's).
    second = run_backup({"host": "web1", "destination": str(site["backups"]), "sites": [site["spec"]],
                         "config_paths": [], "prune": False})
    assert second["status"] == "ok" and second["set"] != site["set"]
    out = qua.run("web1", site["spec"], site["scan"], site["settings"], check_mode=True)
    by_rel = {f["relpath"]: f for f in out["files"]}
    assert out["sets"][0] == second["set"]
    assert by_rel["index.html"]["restore_from"] == site["set"]


def test_a_damaged_archive_is_not_used(site):
    archive = next(p for p in (site["backups"] / site["set"]).iterdir() if p.name.startswith("files-"))
    with open(archive, "ab") as handle:
        handle.write(b"x")
    out = qua.run("web1", site["spec"], site["scan"], site["settings"], check_mode=True)
    assert all(f["restore_from"] is None for f in out["files"])
    assert any("no longer matches its checksum" in p for p in out["problems"])


def test_allowed_files_and_files_outside_the_site_are_never_touched(site, tmp_path):
    outside = tmp_path / "elsewhere.php"
    outside.write_text(SHELL)
    scan = {"flagged": site["scan"]["flagged"] + [flag(outside, "webshell")]}
    settings = dict(site["settings"], allowed=["uploads/x.php"])
    spec = dict(site["spec"], docroot_allowed=[site["scan"]["flagged"][0]["sha256"]])
    out = qua.run("web1", spec, scan, settings)
    assert out["files"] == [] and out["changed"] is False
    reasons = sorted(s["reason"] for s in out["skipped"])
    assert reasons == ["listed as allowed by the admin: never touched"] * 2 + ["outside the site's folders: never touched"]
    assert outside.read_text() == SHELL and (site["docroot"] / "uploads" / "x.php").read_text() == SHELL


def test_a_link_is_never_moved_and_a_changed_file_waits_for_a_new_scan(site):
    target = site["docroot"] / "berita" / "a.html"
    link = site["docroot"] / "link.php"
    os.symlink(target, link)
    changed = site["scan"]["flagged"][1]
    (site["docroot"] / "uploads" / "x.php").write_text(SHELL + "// edited\n")
    scan = {"flagged": [dict(flag(target, "webshell"), path=str(link)), changed]}
    out = qua.run("web1", site["spec"], scan, site["settings"])
    assert out["files"] == []
    assert os.path.islink(link) and (site["docroot"] / "uploads" / "x.php").exists()
    assert {s["reason"].split(" (")[0].split(":")[0] for s in out["skipped"]} == {
        "not a regular file", "its content changed since the scan"}


def test_unexpected_change_alone_is_not_quarantined_unless_asked(site):
    scan = {"flagged": [dict(site["scan"]["flagged"][0], kind="unexpected_change")]}
    assert qua.run("web1", site["spec"], scan, site["settings"], check_mode=True)["files"] == []
    asked = dict(site["settings"], kinds=["unexpected_change"])
    assert len(qua.run("web1", site["spec"], scan, asked, check_mode=True)["files"]) == 1


def test_is_allowed_rules_are_the_scans():
    roots = ["/srv/www"]
    assert qua.is_allowed("/srv/www/a/b.php", roots, ["a/b.php"])
    assert qua.is_allowed("/srv/www/a/b.php", roots, ["./a/b.php"])
    assert qua.is_allowed("/srv/www/a/b.php", roots, ["/srv/www/a/b.php"])
    assert qua.is_allowed("/srv/www/a/b.php", roots, ["A" * 64], sha256="a" * 64)
    assert not qua.is_allowed("/srv/www/a/b.php", roots, ["a/*.php", "b.php", "/srv/other/a/b.php", "c" * 64],
                              sha256="a" * 64)


def test_gambling_terms_are_found_in_page_text():
    assert qua.gambling_terms("<div>Daftar SLOT GACOR hari ini</div>") == ["slot gacor"]
    assert qua.gambling_terms("<p>Jadwal sidang Pengadilan Negeri</p>") == []


# ---------------------------------------------------------------- the remediation steps (module level)

@pytest.fixture
def served(site):
    """The docroot served by a real HTTP server on loopback (the site answers; the crawler gets the same page)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site["docroot"]))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site["spec"]["url"] = "http://127.0.0.1:%d/" % server.server_address[1]
    yield site
    server.shutdown()
    server.server_close()


def rescan(site):
    """A stand-in for the docroot scan after the quarantine: flags a file that still holds the planted text."""
    flagged = []
    for root, _dirs, files in os.walk(site["docroot"]):
        for name in files:
            path = os.path.join(root, name)
            text = open(path, errors="replace").read()
            if "slot gacor" in text or "eval(" in text:
                flagged.append(flag(path, "webshell" if "eval(" in text else "spam_injection"))
    return {"flagged": flagged, "changed": False}


def test_steps_quarantine_restore_and_verify_then_a_second_run_changes_nothing(served):
    from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
    from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem

    site = served
    planned = rem.quarantine_files("web1", site["spec"], site["scan"], site["settings"], check_mode=True)
    predicted = rem.verify_quarantine("web1", site["spec"], planned, None, check_mode=True)
    assert predicted["changed"] and predicted["finding"]["status"] == "warning"
    assert any(site["set"] in line for line in predicted["finding"]["evidence"])
    assert "slot gacor" in (site["docroot"] / "index.html").read_text()
    applied = rem.quarantine_files("web1", site["spec"], site["scan"], site["settings"])
    judged = rem.verify_quarantine("web1", site["spec"], applied, rescan(site))
    fnd.validate(judged["finding"])
    assert judged["finding"]["status"] == "ok", judged["finding"]
    assert judged["changed"] and judged["finding"]["check"] == "remediate.quarantine_files"
    assert {f["relpath"] for f in judged["finding"]["details"]["files"]} == {"index.html", "uploads/x.php"}
    # Second run: a fresh scan flags nothing, nothing changes, still ok.
    clean = rescan(site)
    assert clean["flagged"] == []
    again = rem.quarantine_files("web1", site["spec"], clean, site["settings"])
    judged_again = rem.verify_quarantine("web1", site["spec"], again, rescan(site))
    assert not again["changed"] and not judged_again["changed"] and judged_again["finding"]["status"] == "ok"


def test_a_file_the_rescan_still_flags_is_critical_with_its_hash_path_and_excerpt(served):
    from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem

    site = served
    # Only web shells are quarantined here: the spammed page stays and visitors are still shown its gambling text.
    settings = dict(site["settings"], kinds=["webshell"])
    applied = rem.quarantine_files("web1", site["spec"], site["scan"], settings)
    judged = rem.verify_quarantine("web1", site["spec"], applied, dict(rescan(site)))
    finding = judged["finding"]
    assert finding["status"] == "critical"
    assert any("gambling text" in p for p in finding["details"]["problems"]), finding["details"]["problems"]
    # A re-scan that still flags a quarantined kind is a failure too.
    still = rem.verify_quarantine("web1", site["spec"], applied,
                                  {"flagged": [dict(site["scan"]["flagged"][1], kind="webshell")]})
    assert any(p.startswith("still flagged by the re-scan") for p in still["finding"]["details"]["problems"])
    assert any(a.get("playbook") == "troubleshoot" for a in finding["suggested_actions"])
    shell = finding["details"]["files"][0]
    assert shell["sha256"] == site["scan"]["flagged"][1]["sha256"] and "eval" in shell["excerpt"]


def test_cloaking_for_crawlers_fails_the_verification(served):
    from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem

    site = served
    applied = rem.quarantine_files("web1", site["spec"], site["scan"], site["settings"])
    assert rem.verify_quarantine("web1", site["spec"], applied, rescan(site))["finding"]["status"] == "ok"
    problems, details = qua.cloaking_problems(site["spec"]["url"])
    assert problems == [] and details["crawler_status"] == 200
    # Now the page carries spam again: visitors and crawlers are shown gambling text.
    (site["docroot"] / "index.html").write_text(CLEAN_PAGE.replace("<p>", SPAM_BLOCK + "<p>"))
    problems, _ = qua.cloaking_problems(site["spec"]["url"])
    assert problems and "gambling text" in problems[0]


def test_a_failed_scan_is_a_critical_outcome_not_a_success():
    from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem

    skipped = {"skipped": True, "item": {"failed": True, "msg": "the folder /srv/x does not exist"}}
    out = rem.verify_quarantine("web1", {"name": "pn", "docroot": "/srv/x"}, skipped, None)
    assert out["finding"]["status"] == "critical" and "/srv/x does not exist" in out["finding"]["summary"]


# ---------------------------------------------------------------- with the real docroot scan

def test_the_real_scan_flags_them_the_quarantine_cleans_them_and_a_new_scan_is_clean(site):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import scan as drs
    from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat

    opts = {"paths": [str(site["docroot"])], "site": "pn"}
    found = drs.run(opts, "web1")
    assert {(os.path.relpath(f["path"], site["docroot"]), f["kind"]) for f in found["flagged"]} == {
        ("index.html", "spam_injection"), ("uploads/x.php", "suspicious_upload")}
    # Each finding that proposes a remediation names a fix of the catalogue (a tag the remediate role runs).
    tags = {a.get("tag") for f in found["findings"] for a in f["suggested_actions"] if a.get("playbook") == "remediate"}
    assert tags == {"quarantine_files"} and tags <= set(cat.IDS)
    out = qua.run("web1", site["spec"], found, site["settings"])
    assert sorted(f["action"] for f in out["files"]) == ["quarantined", "restored"] and not out["problems"]
    assert drs.run(opts, "web1")["flagged"] == []


def test_a_file_missing_from_the_newest_set_is_not_brought_back_from_an_older_one(site):
    # The spammed page is deleted on purpose and a newer verified set is made without it; then an attacker
    # writes a page of the same name again: the older clean copy is no longer the site's state.
    page = site["docroot"] / "index.html"
    spammed = page.read_text()
    page.unlink()
    newer = run_backup({"host": "web1", "destination": str(site["backups"]), "sites": [site["spec"]],
                        "config_paths": [], "prune": False})
    assert newer["status"] == "ok"
    page.write_text(spammed)
    out = qua.run("web1", site["spec"], {"flagged": [flag(page, "spam_injection")]}, site["settings"], check_mode=True)
    assert [f["restore_from"] for f in out["files"]] == [None]
