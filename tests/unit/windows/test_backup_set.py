"""Activity 2 on a Windows host: the archives the host made (tar.gz + Get-FileHash SHA-256, per
backup_set.ps1) are fetched into the controller's destination, verified there by the backup's own
verification (checksum + full tar listing) and judged by the backup's judge, as a Linux set is.

The host's side is played with real archives made by tar here (the Windows tar.exe is bsdtar; GNU tar
reads its gzip tar archives the same way) and the report in the script's documented shape."""

import datetime
import hashlib
import json
import os
import subprocess

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup import judge
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import backup_set
from ansible_collections.sitekeeper.website.plugins.modules import windows_backup_set

SITES = [{"name": "pa-contoh", "iis_site": "PA Contoh", "url": "https://pa-contoh.go.id/"}]


def archive(source, out):
    subprocess.run(["tar", "-czf", str(out), "-C", str(source), "."], check=True)
    listing = subprocess.run(["tar", "-tzf", str(out)], check=True, capture_output=True, text=True).stdout
    files = [os.path.join(d, f) for d, _s, fs in os.walk(source) for f in fs]
    return {"path": "C:\\ProgramData\\Sitekeeper\\backup\\20261204T020000Z\\" + out.name, "name": out.name,
            # Get-FileHash prints upper-case hex.
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest().upper(), "bytes": out.stat().st_size,
            "entries": len(listing.splitlines()), "source_files": len(files),
            "source_bytes": sum(os.path.getsize(f) for f in files)}


@pytest.fixture
def made(tmp_path):
    """A host's docroot and IIS configuration, archived into <dest>/<set>.partial as the role fetches them."""
    docroot = tmp_path / "host" / "pa-contoh"
    (docroot / "berita").mkdir(parents=True)
    (docroot / "index.php").write_text("<?php echo 'Pengadilan Agama Contoh';\n")
    (docroot / "web.config").write_text("<configuration><system.webServer/></configuration>\n")
    (docroot / "berita" / "sidang.html").write_text("<h1>Jadwal sidang</h1>\n" * 50)
    config = tmp_path / "host" / "config"
    config.mkdir()
    (config / "applicationHost.config").write_text(open(os.path.join(
        os.path.dirname(__file__), "..", "..", "data", "windows", "applicationHost.config")).read())
    dest = tmp_path / "backups"
    # Made now: the judge measures the newest set's age against the clock.
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    set_name = "web3-" + stamp
    partial = dest / (set_name + bk.PARTIAL_SUFFIX)
    partial.mkdir(parents=True)
    files = archive(docroot, partial / "files-pa-contoh-docroot.tar.gz")
    conf = archive(config, partial / "config-iis.tar.gz")
    report = {"collected_at": "2026-12-04T02:00:05Z", "computer": "WEB3", "work_dir": "C:\\ProgramData\\x",
              "tar_version": "bsdtar 3.7.2 - libarchive 3.7.2", "powershell_version": "5.1.20348.2849",
              "items": [dict(files, kind="files", site="pa-contoh", role="docroot", source="D:\\Web\\pa-contoh"),
                        dict(conf, kind="config", site=None, role="iis", source="C:\\Windows\\System32\\inetsrv\\config")],
              "sites": {"pa-contoh": {"iis_site": "PA Contoh", "physical_path": "D:\\Web\\pa-contoh", "problems": []}},
              "problems": []}
    params = {"host": "web3", "sites": SITES, "report": [json.dumps(report)], "destination": str(dest),
              "set_name": set_name, "max_age_hours": 26.0, "shrink_fraction": 0.3, "min_free_fraction": 0.0,
              "operator": "operator", "run_id": "run-1"}
    return params, partial


def keep_and_judge(params):
    observed_at = "2026-12-04T02:00:10Z"
    before = bk.list_sets(params["destination"], params["host"])
    manifest = windows_backup_set.keep(params, observed_at)
    out = judge.RunFindings(params["host"], observed_at)
    judge.Judge(out, params, params["destination"], False, before).judge(params["sites"], {}, manifest)
    return manifest, {f["check"]: f for f in out.findings}


def test_a_sound_set_is_verified_kept_and_judged_like_a_linux_one(made):
    params, partial = made
    manifest, findings = keep_and_judge(params)
    set_dir = os.path.join(params["destination"], params["set_name"])
    assert not partial.exists() and os.path.isdir(set_dir)
    assert manifest["verification"]["status"] == "ok" and manifest["platform"] == "windows"
    # The backup's own re-verification and listing accept the set.
    assert bk.verify_set(set_dir) == []
    [listed] = bk.list_sets(params["destination"], "web3")
    assert listed["verified"] is True and listed["manifest"]["sites"]["pa-contoh"]["complete"] is True
    assert open(os.path.join(set_dir, bk.SUMS)).read().count("  ") == 2
    for finding in findings.values():
        fnd.validate(finding)
    assert findings["backup.verify"]["status"] == "ok"
    assert findings["backup.verify"]["summary"] == "Today's backup of this website was checked and can be restored."
    assert findings["backup.source"]["status"] == "ok" and findings["backup.config"]["status"] == "ok"
    assert findings["backup.age"]["status"] == "ok" and findings["backup.age"]["subject"] == "https://pa-contoh.go.id/"


def test_a_damaged_archive_fails_verification_and_never_counts(made):
    params, partial = made
    target = partial / "files-pa-contoh-docroot.tar.gz"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    manifest, findings = keep_and_judge(params)
    assert manifest["verification"]["status"] == "failed"
    assert findings["backup.verify"]["status"] == "critical"
    assert any("checksum mismatch" in p for p in findings["backup.verify"]["details"]["problems"])
    assert bk.list_sets(params["destination"], "web3")[0]["verified"] is False
    assert findings["backup.age"]["status"] == "critical"


def test_a_missing_iis_site_and_a_listed_database_are_said_plainly(made):
    params, _partial = made
    report = json.loads(params["report"][0])
    report["items"] = [i for i in report["items"] if i["kind"] == "config"]
    report["sites"]["pa-contoh"]["problems"] = ["IIS has no site named PA Contoh, so there is nothing to back up"]
    params = dict(params, report=report,
                  sites=[dict(SITES[0], databases=[{"engine": "mysql", "name": "pa_contoh"}])])
    manifest, findings = keep_and_judge(params)
    assert manifest["sites"]["pa-contoh"]["complete"] is False
    assert findings["backup.source"]["status"] == "critical"
    assert findings["backup.database"]["status"] == "critical"
    assert "not made yet" in findings["backup.database"]["evidence"][0]


@pytest.mark.parametrize("item, message", [
    ({"kind": "files", "name": "..\\evil.tar.gz"}, "named an archive"),
    ({"kind": "registry", "name": "x.tar.gz"}, "files or config expected"),
])
def test_a_strange_report_is_refused(item, message):
    report = {"collected_at": "x", "items": [item]}
    with pytest.raises(backup_set.BackupSetError, match=message):
        backup_set.manifest("web3", "web3-20261204T020000Z", "2026-12-04T02:00:00Z", SITES, report)


def test_a_set_name_that_is_not_the_backups_is_refused(made):
    params, _partial = made
    with pytest.raises(backup_set.BackupSetError, match="set_name"):
        windows_backup_set.keep(dict(params, set_name="../etc"), "2026-12-04T02:00:10Z")


def test_created_time_comes_from_the_set_name(made):
    params, _partial = made
    manifest, _findings = keep_and_judge(params)
    stamp = params["set_name"].split("-", 1)[1]
    assert manifest["created_at"] == datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_restore_reads_a_windows_set_into_the_staging_folder(made, tmp_path):
    """windows_restore.yml's first step: the verified restore of the set into a controller folder."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.backup import restore

    params, _partial = made
    keep_and_judge(params)
    stage = tmp_path / "stage" / "pa-contoh"
    planned = restore.restore_site({"backup_dir": params["destination"], "site": "pa-contoh", "host": "web3",
                                    "target": str(stage), "components": ["files"]}, check_mode=True)
    assert planned["set"] == params["set_name"] and not stage.exists()
    done = restore.restore_site({"backup_dir": params["destination"], "site": "pa-contoh", "host": "web3",
                                 "target": str(stage), "components": ["files"]})
    original = tmp_path / "host" / "pa-contoh"
    for rel in ("index.php", "web.config", os.path.join("berita", "sidang.html")):
        assert (stage / rel).read_bytes() == (original / rel).read_bytes()
    assert done["files"][0]["counts"]["added"] == 4  # three files and the berita folder
