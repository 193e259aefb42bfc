# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 2 on a Windows web host: turn what the backup script made into a backup set.

The host's script (roles/site_backup/files/backup_set.ps1) archives each site's IIS physical path and
the IIS configuration with the tar.exe Windows ships (``.tar.gz``), hashes each archive with
Get-FileHash (SHA-256) and counts its entries; the role fetches the archives into
``<destination>/<set>.partial/``. manifest() writes the same manifest the Linux backup writes (kinds
``files`` and ``config``, sha256, entries, per-site totals), so the backup's own verification (a full
``tar --list`` and the checksum of every archive, backup.common.verify_set) and its judge read a
Windows set like any other.

The databases a site lists are dumped on the host by roles/site_backup/files/databases.ps1 (SQL Server:
a copy-only ``.bak`` checked by ``RESTORE VERIFYONLY``; MySQL/MariaDB: a ``.sql`` from mysqldump) and fetched
with the archives. They enter the manifest as the Linux path's dumps do (kind ``database``, engine, database,
sha256, the site's ``databases`` entries), and verify_dump() checks each again on the controller: its SHA-256,
and for a MySQL dump mysqldump's closing ``-- Dump completed`` line, for a ``.bak`` the host's VERIFYONLY
verdict. No test restore is made (the Linux path restores into a throw-away database); database_ok_text() says
so in the ``backup.database`` finding.
"""

from __future__ import annotations

import hashlib
import os

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts as hf

MANIFEST_VERSION = 1
WINDOWS_ENGINES = ("sqlserver", "mysql", "mariadb")
# mysqldump's last line (with its default --comments); a dump cut short has none.
DUMP_COMPLETED = b"-- Dump completed"
TAIL_BYTES = 1024
CHUNK = 1 << 20


class BackupSetError(ValueError):
    """The backup script's report cannot be a set."""


def engine_of(db: dict) -> str:
    """A database entry's engine, defaulted as the Linux path does."""
    return str(db.get("engine") or "mariadb").lower()


def _file_name(raw: dict) -> str:
    name = str(raw.get("name") or "")
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise BackupSetError("the backup script named an archive %r" % name)
    return name


def _item(raw: dict) -> dict:
    name = _file_name(raw)
    kind = raw.get("kind")
    if kind not in ("files", "config"):
        raise BackupSetError("archive %s has kind %r (files or config expected)" % (name, kind))
    return {"kind": kind, "site": raw.get("site") if kind == "files" else None, "role": raw.get("role") or
            ("docroot" if kind == "files" else "iis"), "source": raw.get("source"), "file": name,
            "sha256": str(raw.get("sha256") or "").lower(), "bytes": int(raw.get("bytes") or 0),
            "entries": int(raw.get("entries") or 0), "files": int(raw.get("source_files") or 0),
            "source_bytes": int(raw.get("source_bytes") or 0), "excludes": [], "warnings": []}


def _dump_item(raw: dict) -> dict:
    """A dump the database script made, in the Linux path's shape (kind database)."""
    name = _file_name(raw)
    engine = engine_of(raw)
    if raw.get("kind") != "database" or engine not in WINDOWS_ENGINES or not raw.get("site") or not raw.get("database"):
        raise BackupSetError("dump %s is not a database dump of a site (kind %r, engine %r)"
                             % (name, raw.get("kind"), raw.get("engine")))
    verifyonly = raw.get("verifyonly") if isinstance(raw.get("verifyonly"), dict) else None
    return {"kind": "database", "site": raw["site"], "engine": engine, "database": str(raw["database"]),
            "source": "%s/%s" % (engine, raw["database"]), "file": name, "sha256": str(raw.get("sha256") or "").lower(),
            "bytes": int(raw.get("bytes") or 0), "client": raw.get("client"), "tables": None,
            # What the host checked: SQL Server's RESTORE VERIFYONLY, mysqldump's completion line.
            "host_check": {"verifyonly": verifyonly, "completed": raw.get("completed")},
            "restore_test": "not made (Windows host)"}


def _site_databases(site: dict, dumps: list, said: dict) -> list:
    """The site's databases in the manifest's shape; ``ok`` stays None until its dump is verified."""
    out = []
    for db in site.get("databases") or []:
        if not isinstance(db, dict):
            continue
        engine, name = engine_of(db), str(db.get("name"))
        dump = next((d for d in dumps if d["engine"] == engine and d["database"] == name), None)
        entry = said.get((engine, name)) or {}
        if dump is not None:
            out.append({"name": name, "engine": engine, "ok": None, "file": dump["file"], "tables": None})
            continue
        error = entry.get("error") or ("the host made no dump of it (the database script did not run or did not "
                                       "report it)" if not entry else "the host reported no dump file")
        out.append({"name": name, "engine": engine, "ok": False, "error": str(error)})
    return out


def manifest(host: str, set_name: str, created_at: str, sites: list, report, operator="", run_id="",
             court_name=None, databases_report=None) -> dict:
    """The set's manifest (not yet verified) from the scripts' reports and the inventory's sites."""
    report = hf.load(report)
    dbs = hf.load(databases_report) if databases_report else {}
    items = [_item(raw) for raw in report.get("items") or []]
    dumps = [_dump_item(raw) for raw in dbs.get("items") or []]
    names = [c["file"] for c in items + dumps]
    if len(set(names)) != len(names):
        twice = sorted(n for n in set(names) if names.count(n) > 1)
        raise BackupSetError("the scripts named two files alike: %s" % ", ".join(twice))
    sent_sites = {str(k): v for k, v in (report.get("sites") or {}).items()}
    said = {}
    for entry in dbs.get("databases") or []:
        if isinstance(entry, dict):
            said[(str(entry.get("site")), engine_of(entry), str(entry.get("name")))] = entry
    tools = {"tar": report.get("tar_version") or "tar.exe (Windows)", "powershell": report.get("powershell_version")}
    tools.update({str(k): v for k, v in (dbs.get("tools") or {}).items()})
    out = {"manifest_version": MANIFEST_VERSION, "name": set_name, "host": host,
           "hostname": report.get("computer") or host, "created_at": created_at, "run_id": run_id,
           "operator": operator, "court_name": court_name, "engine": "archive", "compression": "gzip",
           "platform": "windows", "contents": items + dumps, "sites": {}, "checksums": {}, "problems": [],
           "tools": tools}
    for site in sites or []:
        if not isinstance(site, dict) or not site.get("name"):
            continue
        mine = [c for c in items if c["site"] == site["name"]]
        my_dumps = [d for d in dumps if d["site"] == site["name"]]
        sent = sent_sites.get(site["name"]) or {}
        problems = [str(p) for p in sent.get("problems") or []]
        if not mine and not problems:
            problems.append("site %s has no docroot, backup_paths or databases to back up" % site["name"])
        databases = _site_databases(site, my_dumps, {k[1:]: v for k, v in said.items() if k[0] == site["name"]})
        # Said plainly, never skipped quietly: the judge makes each a critical backup.database finding.
        problems.extend("database %s/%s: %s" % (db["engine"], db["name"], db["error"])
                        for db in databases if db["ok"] is False)
        out["sites"][site["name"]] = {
            "complete": not problems, "problems": problems, "files": sum(c["files"] for c in mine),
            "bytes": sum(c["bytes"] for c in mine + my_dumps),
            "source_bytes": sum(c["source_bytes"] for c in mine) + sum(d["bytes"] for d in my_dumps),
            "databases": databases, "iis_site": sent.get("iis_site"), "physical_path": sent.get("physical_path")}
    out["problems"].extend(str(p) for p in report.get("problems") or [])
    out["problems"].extend(str(p) for p in dbs.get("problems") or [])
    out["total_bytes"] = sum(c["bytes"] for c in items + dumps)
    return out


def verify_dump(path: str, item: dict) -> list:
    """Check a fetched dump on the controller; fills item["tables"] for a MySQL dump. Returns its problems."""
    if not os.path.isfile(path):
        return ["%s is missing" % item["file"]]
    digest, tail, tables = hashlib.sha256(), b"", 0
    mysql = item["engine"] in ("mysql", "mariadb")
    with open(path, "rb") as handle:
        # By lines for a dump (to count its tables), by chunks for a .bak (binary, no lines).
        for piece in (handle if mysql else iter(lambda: handle.read(CHUNK), b"")):
            digest.update(piece)
            tail = (tail + piece)[-TAIL_BYTES:]
            if mysql and piece.startswith(b"CREATE TABLE "):
                tables += 1
    problems = []
    if digest.hexdigest() != item["sha256"]:
        problems.append("checksum mismatch for %s" % item["file"])
    if mysql:
        item["tables"] = tables
        if DUMP_COMPLETED not in tail:
            problems.append("%s does not end with mysqldump's '-- Dump completed' line: the dump is incomplete"
                            % item["file"])
    else:
        verdict = item["host_check"].get("verifyonly") or {}
        if verdict.get("ok") is not True:
            problems.append("%s was not confirmed by RESTORE VERIFYONLY on the host: %s"
                            % (item["file"], verdict.get("message") or "no verdict was sent"))
    return problems


def database_ok_text(db: dict) -> tuple:
    """The backup.database ok summary (English, Indonesian) for a Windows dump: how it was checked."""
    if db.get("engine") == "sqlserver":
        return ("The website's database was backed up; SQL Server checked the backup (RESTORE VERIFYONLY) and its "
                "checksum matched on the controller (no test restore on Windows hosts).",
                "Basis data situs web sudah dicadangkan; SQL Server memeriksa cadangannya (RESTORE VERIFYONLY) dan "
                "checksum-nya cocok di pengendali (tanpa uji pemulihan pada host Windows).")
    return ("The website's database was backed up; the dump is complete and its checksum matched on the controller "
            "(no test restore on Windows hosts).",
            "Basis data situs web sudah dicadangkan; dump-nya lengkap dan checksum-nya cocok di pengendali (tanpa uji "
            "pemulihan pada host Windows).")


def record_verification(manifest_: dict, problems_by_file: dict, verified_at: str) -> dict:
    """Write each file's verification (problems from the controller's checks) into the manifest."""
    everything = []
    for item in manifest_["contents"]:
        problems = list(problems_by_file.get(item["file"], []))
        item["verify"] = {"status": "ok" if not problems else "failed", "problems": problems}
        manifest_["checksums"][item["file"]] = item["sha256"]
        everything.extend(problems)
        info = manifest_["sites"].get(item.get("site")) if item.get("site") else None
        if info is None:
            continue
        if problems:
            info["complete"] = False
            info["problems"].extend(problems)
        if item["kind"] == "database":
            for db in info["databases"]:
                if db.get("file") == item["file"]:
                    db.update(ok=not problems, tables=item.get("tables"))
                    if problems:
                        db["error"] = problems[0]
    for info in manifest_["sites"].values():
        # A dump the host sent for a database the inventory does not list is kept but judged by nobody:
        # every listed one has its verdict here.
        for db in info["databases"]:
            if db["ok"] is None:
                db.update(ok=False, error="its dump %s was not verified" % db.get("file"))
                info["complete"] = False
                info["problems"].append("database %s/%s: %s" % (db["engine"], db["name"], db["error"]))
    manifest_["verification"] = {"status": "ok" if not everything else "failed", "problems": everything,
                                 "verified_at": verified_at,
                                 "method": "sha256 (Get-FileHash on the host, again on the controller) + full "
                                           "listing (file archives); databases: SQL Server RESTORE VERIFYONLY on "
                                           "the host, mysqldump's completion line (no test restore)"}
    for info in manifest_["sites"].values():
        manifest_["problems"].extend(info["problems"])
    return manifest_
