# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The contents of one backup set: each site's archives and dumps, the configuration, their verification.

A ``SetBuilder`` fills the set's partial folder and its manifest; the run
(backup.run) names the set, opens the restic repository when that engine is
chosen, and renames the folder once the builder is done. One unreadable site or
database is recorded in the manifest and costs only that site its completeness;
a full destination is raised, as the whole set is then lost.
Standard library only: this runs on the web host.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.db import Database
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import restic_excludes
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import utc_now_iso


def safe_name(text):
    """A site or database name as it may stand in a file name."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text)[:64] or "x"


def site_paths(site):
    """The folders of a site to back up: its docroot first, then its backup_paths (absolute)."""
    paths = []
    if site.get("docroot"):
        paths.append(site["docroot"])
    paths.extend(site.get("backup_paths") or [])
    return [os.path.abspath(os.path.expanduser(p)) for p in paths]


def config_paths(params):
    """The configuration folders to back up that exist on this host."""
    return [os.path.abspath(p) for p in params.get("config_paths") or [] if os.path.isdir(p)]


def _destination_full(exc):
    return str(exc).startswith("destination full")


class SetBuilder:
    """Fills one partial set folder and its manifest."""

    def __init__(self, params, partial, compressor, manifest, restic=None):
        self.p = params
        self.partial = partial
        self.compressor = compressor
        self.manifest = manifest
        # An open Restic when the engine is restic: site folders then go to its repository.
        self.restic = restic

    # ---- sites -----------------------------------------------------------------
    def site(self, site):
        """Back up one site's folders and databases; problems mark the site incomplete."""
        info = {"complete": True, "bytes": 0, "source_bytes": 0, "problems": [], "files": 0, "databases": []}
        self.manifest["sites"][site["name"]] = info
        excludes = list(site.get("backup_exclude") or [])
        if not site_paths(site) and not site.get("databases"):
            info["complete"] = False
            info["problems"].append("site %s has no docroot, backup_paths or databases to back up" % site["name"])
        if self.restic is not None:
            self._site_restic(site, info, excludes)
        else:
            self._site_folders(site, info, excludes)
        for db_spec in site.get("databases") or []:
            self._site_database(site, info, db_spec)

    def _site_folders(self, site, info, excludes):
        for index, path in enumerate(site_paths(site)):
            role = "docroot" if index == 0 and site.get("docroot") else "path%d" % index
            if not os.path.isdir(path):
                info["complete"] = False
                info["problems"].append("folder %s does not exist or is not a folder" % path)
                continue
            fname = "files-%s-%s.tar.%s" % (safe_name(site["name"]), role, self.compressor["ext"])
            try:
                facts = bk.archive_folder(path, ["."], excludes, os.path.join(self.partial, fname), self.compressor,
                                          self.partial)
            except bk.BackupError as exc:
                if _destination_full(exc):
                    raise
                # One unreadable site must not cost the other sites their backup.
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self.partial, fname))
                info["complete"] = False
                info["problems"].append(str(exc))
                continue
            self.manifest["contents"].append(dict(
                facts, kind="files", site=site["name"], role=role, source=path, excludes=excludes, file=fname
            ))
            info["bytes"] += facts["bytes"]
            info["source_bytes"] += facts["source_bytes"]
            info["files"] += facts["files"]
            for warning in facts["warnings"]:
                info["problems"].append(warning)

    def _site_database(self, site, info, db_spec):
        label = "%s/%s" % (db_spec.get("engine", "mariadb"), db_spec.get("name"))
        ext = self.compressor["ext"]
        try:
            with Database(db_spec) as db:
                fname = "db-%s-%s.%s.%s" % (safe_name(site["name"]), safe_name(db.name), db.ext, ext)
                if os.path.exists(os.path.join(self.partial, fname)):
                    fname = "db-%s-%s-%s.%s.%s" % (safe_name(site["name"]), db.engine, safe_name(db.name), db.ext, ext)
                facts = db.dump(os.path.join(self.partial, fname), self.compressor)
                self.manifest["tools"].setdefault(db.engine, db.versions())
        except bk.BackupError as exc:
            if _destination_full(exc):
                raise
            info["complete"] = False
            info["problems"].append(str(exc))
            info["databases"].append({"name": db_spec.get("name"), "engine": db_spec.get("engine"), "ok": False,
                                      "error": str(exc)})
            return
        self.manifest["contents"].append(dict(
            facts, kind="database", site=site["name"], engine=db.engine, database=db.name, source=label, file=fname
        ))
        info["bytes"] += facts["bytes"]
        info["source_bytes"] += facts["bytes"]
        info["databases"].append({"name": db.name, "engine": db.engine, "ok": True, "tables": facts["tables"]})

    def _site_restic(self, site, info, excludes):
        paths = []
        for path in site_paths(site):
            if os.path.isdir(path):
                paths.append(path)
            else:
                info["complete"] = False
                info["problems"].append("folder %s does not exist or is not a folder" % path)
        if not paths:
            return
        patterns = [p for base in paths for p in restic_excludes(base, excludes)]
        summary = self.restic.backup(paths, bk.SET_RE.match(self.manifest["name"]).group("host"),
                                     ["sitekeeper", "site:%s" % site["name"]], patterns)
        item = {
            "kind": "files", "engine": "restic", "site": site["name"], "role": "docroot", "source": paths[0],
            "sources": paths, "excludes": excludes, "file": None, "sha256": None,
            "snapshot_id": summary.get("snapshot_id"), "bytes": summary.get("data_added", 0),
            "files": summary.get("total_files_processed", 0), "entries": None,
            "source_bytes": summary.get("total_bytes_processed", 0),
            "files_new": summary.get("files_new"), "files_changed": summary.get("files_changed"),
            "written": summary.get("written"), "warnings": [],
        }
        self.manifest["contents"].append(item)
        info["bytes"] += item["bytes"]
        info["source_bytes"] += item["source_bytes"]
        info["files"] += item["files"]

    # ---- configuration ---------------------------------------------------------
    def config(self):
        """Back up the configuration folders (TLS keys left out unless asked for)."""
        paths = config_paths(self.p)
        if not paths:
            return
        excludes = list(self.p.get("config_excludes") or [])
        if not self.p.get("include_tls_keys"):
            excludes += bk.TLS_KEY_EXCLUDES
        fname = "config.tar.%s" % self.compressor["ext"]
        members = [os.path.relpath(p, "/") for p in paths]
        facts = bk.archive_folder("/", members, excludes, os.path.join(self.partial, fname), self.compressor,
                                  self.partial)
        self.manifest["contents"].append(dict(
            facts, kind="config", site=None, source=" ".join(paths), sources=paths, excludes=excludes, file=fname,
            tls_keys_included=bool(self.p.get("include_tls_keys")),
        ))

    # ---- verification ----------------------------------------------------------
    def verify(self):
        """Read every item back (archives listed, databases restored into a throw-away one, restic hashed)."""
        manifest = self.manifest
        problems_all = []
        db_specs = self._database_specs()
        for item in manifest["contents"]:
            if item.get("engine") == "restic":
                sums, problems = self.restic.verify_written(item["snapshot_id"], item.pop("written", None))
                item["repository_files"] = sums
                item["verify"] = {"status": "ok", "problems": problems}
                self._restic_damage(item, sums)
                if problems:
                    item["verify"]["status"] = "failed"
                problems_all.extend(problems)
                if problems:
                    manifest["sites"][item["site"]]["complete"] = False
                    manifest["sites"][item["site"]]["problems"].extend(problems)
                continue
            path = os.path.join(self.partial, item["file"])
            if item["kind"] == "database":
                problems = self._verify_database(item, path, db_specs)
            else:
                problems = bk.verify_file_archive(path, item["sha256"], item["entries"])
            item["verify"] = {"status": "ok" if not problems else "failed", "problems": problems}
            problems_all.extend(problems)
            if problems and item.get("site"):
                manifest["sites"][item["site"]]["complete"] = False
                manifest["sites"][item["site"]]["problems"].extend(problems)
            manifest["checksums"][item["file"]] = item["sha256"]
        if self.restic is not None and self.p.get("restic_check"):
            problems_all.extend(self.restic.check())
        manifest["verification"] = {
            "status": "ok" if not problems_all else "failed",
            "problems": problems_all,
            "verified_at": utc_now_iso(),
            "method": self._method(),
        }
        for info in manifest["sites"].values():
            manifest["problems"].extend(info["problems"])

    def _restic_damage(self, item, sums):
        """Fail a restic item whose snapshot uses a damaged pack, and name the site's last good snapshot.

        Today's snapshot shares packs with earlier runs (deduplication), so a
        pack that rotted since it was written damages it too, although this run
        wrote nothing wrong.
        """
        damaged = self.restic.damaged_files(sums)
        if not damaged:
            return
        unusable = self.restic.snapshots_using(damaged)
        # restic backup's summary gives the short id; find and snapshots give full ones.
        if unusable is not None and not any(s.startswith(item["snapshot_id"] or "?") for s in unusable):
            return
        tags = ["sitekeeper", "site:%s" % item["site"]] if item.get("site") else ["sitekeeper"]
        good = self.restic.last_good_snapshot(tags, unusable) if unusable is not None else None
        problems = item["verify"]["problems"]
        problems.extend("restic repository file %s does not match its checksum (damaged since it was written)"
                        % rel for rel in damaged if rel not in sums)
        item["verify"]["last_good_snapshot"] = good["id"][:len(item["snapshot_id"] or "")] if good else None
        problems.append("the last good restic snapshot of this %s is %s (%s)" % (
            "website" if item.get("site") else "configuration", good["id"][:8], good["time"]) if good else
            "no restic snapshot of this %s can be confirmed undamaged; run restic check --read-data" % (
                "website" if item.get("site") else "configuration"))

    def _database_specs(self):
        specs = {}
        for site in self.p.get("sites") or []:
            if isinstance(site, dict):
                for spec in site.get("databases") or []:
                    specs[(site.get("name"), Database.engine_of(spec), spec.get("name"))] = spec
        return specs

    def _verify_database(self, item, path, db_specs):
        if self.p.get("verify_databases", True):
            with Database(db_specs[(item["site"], item["engine"], item["database"])]) as db:
                problems = db.restore_test(path, item["sha256"], item["row_counts"], bk.decompressor_for(path))
            item["restore_test"] = "ok" if not problems else "failed"
        else:
            problems = [] if bk.sha256_file(path) == item["sha256"] else ["checksum mismatch for %s" % item["file"]]
            item["restore_test"] = "skipped"
        return problems

    def _method(self):
        parts = ["sha256 + full listing (file archives)",
                 "restore into a throw-away database + row counts (databases)"]
        if self.restic is not None:
            parts.insert(0, "restic: every file of a local repository hashed against its content address"
                         + (" + restic check (--read-data when remote)" if self.p.get("restic_check") else ""))
        return "; ".join(parts)

    # ---- the set's own files ---------------------------------------------------
    def tools(self):
        """The versions of the tools that wrote the set (for a restore years later)."""
        tools = dict(self.manifest.get("tools") or {})
        tools["tar"] = bk.tool_version(["tar", "--version"])
        tools[self.compressor["name"]] = bk.tool_version([self.compressor["compress"][0], "--version"])
        tools["python"] = "%d.%d.%d" % tuple(sys.version_info[:3])
        return tools

    def write_meta(self):
        """The checksum list, the human label and the manifest (written last, atomically)."""
        with open(os.path.join(self.partial, bk.SUMS), "w", encoding="utf-8") as handle:
            for fname, sha in sorted(self.manifest["checksums"].items()):
                handle.write("%s  %s\n" % (sha, fname))
        with open(os.path.join(self.partial, bk.LABEL), "w", encoding="utf-8") as handle:
            handle.write(bk.render_label(self.manifest))
        tmp = os.path.join(self.partial, bk.MANIFEST + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self.manifest, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.rename(tmp, os.path.join(self.partial, bk.MANIFEST))
