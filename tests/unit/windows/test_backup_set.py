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


def keep_and_judge_all(params, observed_at="2026-12-04T02:00:10Z"):
    """What the module does after the fetch: keep the set, then judge it. Returns (manifest, findings)."""
    before = bk.list_sets(params["destination"], params["host"])
    manifest = windows_backup_set.keep(params, observed_at)
    out = judge.RunFindings(params["host"], observed_at)
    windows_backup_set.WindowsJudge(out, params, params["destination"], False, before).judge(
        params["sites"], {}, manifest)
    return manifest, out.findings


def keep_and_judge(params):
    manifest, findings = keep_and_judge_all(params)
    return manifest, {f["check"]: f for f in findings}


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


def test_a_missing_iis_site_and_a_database_the_host_did_not_dump_are_said_plainly(made):
    params, _partial = made
    report = json.loads(params["report"][0])
    report["items"] = [i for i in report["items"] if i["kind"] == "config"]
    report["sites"]["pa-contoh"]["problems"] = ["IIS has no site named PA Contoh, so there is nothing to back up"]
    # No database report: the database script did not run (or its output was lost).
    params = dict(params, report=report,
                  sites=[dict(SITES[0], databases=[{"engine": "mysql", "name": "pa_contoh"}])])
    manifest, findings = keep_and_judge(params)
    assert manifest["sites"]["pa-contoh"]["complete"] is False
    assert findings["backup.source"]["status"] == "critical"
    assert findings["backup.database"]["status"] == "critical"
    assert "the host made no dump" in findings["backup.database"]["evidence"][0]


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


# ---- database dumps (databases.ps1, -Action backup) ------------------------------------------------------------------
# The host's report is the script's documented JSON (tests/data/windows/databases_backup.json); the MySQL dump is
# a real mysqldump (MariaDB 10.11) output; the .bak is stand-in bytes (no SQL Server here): the controller only
# hashes a .bak and reads the host's RESTORE VERIFYONLY verdict.
DB_SITES = [dict(SITES[0], databases=[
    {"engine": "sqlserver", "name": "SIPP", "host": "localhost\\SQLEXPRESS"},
    {"engine": "mysql", "name": "pa_contoh", "user": "sk_backup", "bin_dir": "C:\\xampp\\mysql\\bin"},
    {"engine": "mysql", "name": "arsip"},
    {"engine": "sqlserver", "name": "SIPP_arsip"}])]
BAK_BYTES = b"Sitekeeper test bytes standing in for a SQL Server .bak (not a real backup)\r\n" * 2000


def data(name):
    return os.path.join(os.path.dirname(__file__), "..", "..", "data", "windows", name)


@pytest.fixture
def dumped(made):
    """The made set plus the host's dumps, fetched into the same .partial folder as the role fetches them."""
    params, partial = made
    with open(data("databases_backup.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    (partial / "db-pa-contoh-SIPP.bak").write_bytes(BAK_BYTES)
    (partial / "db-pa-contoh-pa_contoh.sql").write_bytes(open(data("mysqldump_pa_contoh.sql"), "rb").read())
    return dict(params, sites=DB_SITES, databases_report=[json.dumps(report)]), partial, report


def database_findings(params):
    """The set's manifest and its backup.database findings keyed <engine>/<name> (each one valid)."""
    manifest, findings = keep_and_judge_all(params)
    for finding in findings:
        fnd.validate(finding)
    return manifest, {f["subject"].split("#", 1)[1]: f for f in findings if f["check"] == "backup.database"}


def test_the_dumps_enter_the_set_as_the_linux_dumps_do_and_each_database_is_judged(dumped):
    params, _partial, _report = dumped
    manifest, dbs = database_findings(params)
    set_dir = os.path.join(params["destination"], params["set_name"])
    contents = {c["file"]: c for c in manifest["contents"] if c["kind"] == "database"}
    assert sorted(contents) == ["db-pa-contoh-SIPP.bak", "db-pa-contoh-pa_contoh.sql"]
    mysql = contents["db-pa-contoh-pa_contoh.sql"]
    assert (mysql["site"], mysql["engine"], mysql["database"]) == ("pa-contoh", "mysql", "pa_contoh")
    # Read back on the controller: SHA-256 again, and the real dump's three tables.
    assert mysql["sha256"] == hashlib.sha256(open(data("mysqldump_pa_contoh.sql"), "rb").read()).hexdigest()
    assert mysql["verify"]["status"] == "ok" and mysql["tables"] == 3
    assert manifest["checksums"]["db-pa-contoh-SIPP.bak"] == hashlib.sha256(BAK_BYTES).hexdigest()
    # The backup's own re-verification (next run, copies) accepts the Windows dumps as it does Linux ones.
    assert bk.verify_set(set_dir) == []
    assert manifest["tools"]["mysql"].startswith("mysqldump") and manifest["tools"]["sqlserver"].startswith("sqlcmd")
    assert set(dbs) == {"sqlserver/SIPP", "mysql/pa_contoh", "mysql/arsip", "sqlserver/SIPP_arsip"}
    assert dbs["sqlserver/SIPP"]["status"] == "ok" and "RESTORE VERIFYONLY" in dbs["sqlserver/SIPP"]["summary"]
    assert dbs["mysql/pa_contoh"]["status"] == "ok" and dbs["mysql/pa_contoh"]["details"]["tables"] == 3
    assert "no test restore" in dbs["mysql/pa_contoh"]["summary"]
    assert dbs["mysql/pa_contoh"]["details"]["summary_id"].startswith("Basis data situs web sudah dicadangkan")
    # A database the host could not dump: the backup's own critical finding, the host's one line as evidence.
    arsip = dbs["mysql/arsip"]
    assert arsip["status"] == "critical" and arsip["summary"] == "The website's database could not be backed up."
    assert arsip["evidence"] == ["mysqldump failed on arsip: mysqldump: Got error: 1049: \"Unknown database 'arsip'\""
                                 " when selecting the database"]
    assert dbs["sqlserver/SIPP_arsip"]["evidence"][0].startswith("RESTORE VERIFYONLY failed")
    # The site is incomplete (two databases missing), so it does not count as backed up.
    site = manifest["sites"]["pa-contoh"]
    assert site["complete"] is False and len([p for p in site["problems"] if p.startswith("database ")]) == 2
    [listed] = bk.list_sets(params["destination"], "web3")
    assert listed["verified"] is True and listed["manifest"]["sites"]["pa-contoh"]["complete"] is False


def test_all_databases_dumped_makes_the_site_complete(dumped):
    params, _partial, report = dumped
    report["databases"] = [d for d in report["databases"] if d["ok"]]
    sites = [dict(DB_SITES[0], databases=DB_SITES[0]["databases"][:2])]
    manifest, dbs = database_findings(dict(params, sites=sites, databases_report=report))
    assert manifest["sites"]["pa-contoh"]["complete"] is True
    assert {k: f["status"] for k, f in dbs.items()} == {"sqlserver/SIPP": "ok", "mysql/pa_contoh": "ok"}
    # The dumps count in the site's size (the shrink check compares it with the previous set).
    assert manifest["sites"]["pa-contoh"]["bytes"] > len(BAK_BYTES)


def test_a_truncated_mysql_dump_is_never_a_good_backup(dumped):
    """A dump cut short (the host's own check missed it): its hash matches, its completion line is absent."""
    params, partial, report = dumped
    target = partial / "db-pa-contoh-pa_contoh.sql"
    cut = target.read_bytes()[:4000]
    target.write_bytes(cut)
    item = next(i for i in report["items"] if i["database"] == "pa_contoh")
    item.update(sha256=hashlib.sha256(cut).hexdigest().upper(), bytes=len(cut))
    manifest, dbs = database_findings(dict(params, databases_report=report))
    assert dbs["mysql/pa_contoh"]["status"] == "critical"
    assert "-- Dump completed" in dbs["mysql/pa_contoh"]["evidence"][0]
    assert manifest["verification"]["status"] == "failed"
    assert bk.list_sets(params["destination"], "web3")[0]["verified"] is False


def test_a_dump_damaged_on_the_way_fails_its_checksum(dumped):
    params, partial, _report = dumped
    target = partial / "db-pa-contoh-SIPP.bak"
    data_ = bytearray(target.read_bytes())
    data_[100] ^= 0x01
    target.write_bytes(bytes(data_))
    manifest, dbs = database_findings(params)
    assert dbs["sqlserver/SIPP"]["status"] == "critical"
    assert dbs["sqlserver/SIPP"]["evidence"] == ["checksum mismatch for db-pa-contoh-SIPP.bak"]
    assert manifest["verification"]["status"] == "failed"


def test_a_bak_without_a_passed_verifyonly_is_not_trusted(dumped):
    params, _partial, report = dumped
    item = next(i for i in report["items"] if i["database"] == "SIPP")
    item["verifyonly"] = {"ok": False, "message": "Damage to the backup set was detected."}
    _manifest, dbs = database_findings(dict(params, databases_report=report))
    assert dbs["sqlserver/SIPP"]["status"] == "critical"
    assert "RESTORE VERIFYONLY" in dbs["sqlserver/SIPP"]["evidence"][0]
    # A report without a verdict is no verdict.
    set_dir = os.path.join(params["destination"], params["set_name"])
    del item["verifyonly"]
    dump = backup_set._dump_item(item)
    assert backup_set.verify_dump(os.path.join(set_dir, "db-pa-contoh-SIPP.bak"), dump) == [
        "db-pa-contoh-SIPP.bak was not confirmed by RESTORE VERIFYONLY on the host: no verdict was sent"]


def test_a_dump_that_was_not_fetched_is_missing(dumped):
    params, partial, _report = dumped
    (partial / "db-pa-contoh-SIPP.bak").unlink()
    _manifest, dbs = database_findings(params)
    assert dbs["sqlserver/SIPP"]["evidence"] == ["db-pa-contoh-SIPP.bak is missing"]


def test_a_listed_database_the_host_never_mentions_is_critical(dumped):
    params, _partial, _report = dumped
    sites = [dict(DB_SITES[0], databases=DB_SITES[0]["databases"] + [{"name": "lupa"}])]
    _manifest, dbs = database_findings(dict(params, sites=sites))
    # Its engine defaults to mariadb, as on Linux.
    assert dbs["mariadb/lupa"]["status"] == "critical"
    assert "the host made no dump" in dbs["mariadb/lupa"]["evidence"][0]


@pytest.mark.parametrize("change, message", [
    ({"engine": "postgresql"}, "not a database dump"),
    ({"kind": "files"}, "not a database dump"),
    ({"name": "..\\db.bak"}, "named an archive"),
    ({"name": "files-pa-contoh-docroot.tar.gz"}, "two files alike"),
])
def test_a_strange_dump_report_is_refused(dumped, change, message):
    params, _partial, report = dumped
    report["items"][0].update(change)
    with pytest.raises(backup_set.BackupSetError, match=message):
        backup_set.manifest("web3", params["set_name"], "2026-12-04T02:00:00Z", DB_SITES, params["report"],
                            databases_report=report)


def test_the_real_dump_has_the_completion_line_the_check_reads():
    """The fixture is mysqldump's own output: the completion line is its last, the dump's tables are counted."""
    raw = open(data("mysqldump_pa_contoh.sql"), "rb").read()
    assert raw.rstrip().splitlines()[-1].startswith(backup_set.DUMP_COMPLETED)
    item = {"file": "x.sql", "engine": "mariadb", "sha256": hashlib.sha256(raw).hexdigest(), "host_check": {}}
    assert backup_set.verify_dump(data("mysqldump_pa_contoh.sql"), item) == [] and item["tables"] == 3
