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
"""

from __future__ import annotations

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts as hf

MANIFEST_VERSION = 1


class BackupSetError(ValueError):
    """The backup script's report cannot be a set."""


def _item(raw: dict) -> dict:
    name = str(raw.get("name") or "")
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise BackupSetError("the backup script named an archive %r" % name)
    kind = raw.get("kind")
    if kind not in ("files", "config"):
        raise BackupSetError("archive %s has kind %r (files or config expected)" % (name, kind))
    return {"kind": kind, "site": raw.get("site") if kind == "files" else None, "role": raw.get("role") or
            ("docroot" if kind == "files" else "iis"), "source": raw.get("source"), "file": name,
            "sha256": str(raw.get("sha256") or "").lower(), "bytes": int(raw.get("bytes") or 0),
            "entries": int(raw.get("entries") or 0), "files": int(raw.get("source_files") or 0),
            "source_bytes": int(raw.get("source_bytes") or 0), "excludes": [], "warnings": []}


def manifest(host: str, set_name: str, created_at: str, sites: list, report, operator="", run_id="",
             court_name=None) -> dict:
    """The set's manifest (not yet verified) from the script's report and the inventory's sites."""
    report = hf.load(report)
    items = [_item(raw) for raw in report.get("items") or []]
    sent_sites = {str(k): v for k, v in (report.get("sites") or {}).items()}
    out = {"manifest_version": MANIFEST_VERSION, "name": set_name, "host": host,
           "hostname": report.get("computer") or host, "created_at": created_at, "run_id": run_id,
           "operator": operator, "court_name": court_name, "engine": "archive", "compression": "gzip",
           "platform": "windows", "contents": items, "sites": {}, "checksums": {}, "problems": [],
           "tools": {"tar": report.get("tar_version") or "tar.exe (Windows)",
                     "powershell": report.get("powershell_version")}}
    for site in sites or []:
        if not isinstance(site, dict) or not site.get("name"):
            continue
        mine = [c for c in items if c["site"] == site["name"]]
        sent = sent_sites.get(site["name"]) or {}
        problems = [str(p) for p in sent.get("problems") or []]
        if not mine and not problems:
            problems.append("site %s has no docroot, backup_paths or databases to back up" % site["name"])
        # Said plainly, never skipped quietly: the judge makes it a critical backup.database finding.
        databases = [{"name": db.get("name"), "engine": db.get("engine", "mariadb"), "ok": False,
                      "error": "database dumps on Windows hosts are not made yet (docs/windows.md)"}
                     for db in site.get("databases") or [] if isinstance(db, dict)]
        problems.extend("database %s/%s: %s" % (db["engine"], db["name"], db["error"]) for db in databases)
        out["sites"][site["name"]] = {
            "complete": not problems, "problems": problems, "files": sum(c["files"] for c in mine),
            "bytes": sum(c["bytes"] for c in mine), "source_bytes": sum(c["source_bytes"] for c in mine),
            "databases": databases, "iis_site": sent.get("iis_site"), "physical_path": sent.get("physical_path")}
    out["problems"].extend(str(p) for p in report.get("problems") or [])
    out["total_bytes"] = sum(c["bytes"] for c in items)
    return out


def record_verification(manifest_: dict, problems_by_file: dict, verified_at: str) -> dict:
    """Write each archive's verification (problems from the backup's own check) into the manifest."""
    everything = []
    for item in manifest_["contents"]:
        problems = list(problems_by_file.get(item["file"], []))
        item["verify"] = {"status": "ok" if not problems else "failed", "problems": problems}
        manifest_["checksums"][item["file"]] = item["sha256"]
        everything.extend(problems)
        if problems and item.get("site") in manifest_["sites"]:
            info = manifest_["sites"][item["site"]]
            info["complete"] = False
            info["problems"].extend(problems)
    manifest_["verification"] = {"status": "ok" if not everything else "failed", "problems": everything,
                                 "verified_at": verified_at,
                                 "method": "sha256 (Get-FileHash on the host, again on the controller) + full "
                                           "listing (file archives)"}
    for info in manifest_["sites"].values():
        manifest_["problems"].extend(info["problems"])
    return manifest_
