# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One backup run of one web host: build, verify, copy, prune, and judge (findings).

``run_backup(params)`` is what the ``site_backup`` module calls. It never raises
for a bad site or database: each problem becomes a finding and the run goes on
with the other sites. Standard library only: this runs on the web host.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shutil
import subprocess
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.db import Database
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import (
    Restic,
    restic_excludes,
    schedule_forget,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import (
    action,
    make_finding,
    utc_now_iso,
    worst_status,
)

ACTIVITY = 2
DEFAULTS = {
    "config_paths": [],
    "config_excludes": [],
    "include_tls_keys": False,
    "removable": [],
    "rsync": [],
    "compression": "auto",
    "compression_level": None,
    "retention": {"daily": 7, "weekly": 4, "monthly": 12},
    "shrink_fraction": 0.3,
    "max_age_hours": 24,
    "min_free_fraction": 0.1,
    "verify_databases": True,
    "operator": None,
    "court_name": None,
    "run_id": None,
    "prune": True,
    "reverify_previous": True,
    "engine": "archive",
    "restic_repository": None,
    "restic_password": None,
    "restic_check": False,
    "restic_prune": True,
}


def _act(text, text_id, playbook=None, tag=None):
    return dict(action(text, playbook=playbook, tag=tag), text_id=text_id)


def _safe_name(text):
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text)[:64] or "x"


class Run:
    def __init__(self, params, check_mode=False):
        self.p = dict(DEFAULTS)
        self.p.update({k: v for k, v in params.items() if v is not None})
        self.check_mode = check_mode
        self.host = self.p["host"]
        self.dest = os.path.abspath(os.path.expanduser(self.p["destination"]))
        self.findings = []
        self.metrics = []
        self.problems = []
        self.observed_at = utc_now_iso()
        self.changed = False
        self.before = []

    # ---- findings helpers ------------------------------------------------
    def finding(self, check, subject, status, summary, summary_id, details=None, actions=None, evidence=None):
        details = dict(details or {})
        details["summary_id"] = summary_id
        self.findings.append(
            make_finding(ACTIVITY, check, self.host, subject, status, summary, details, evidence, actions or [],
                         self.observed_at)
        )

    def metric(self, subject, name, value):
        self.metrics.append({"activity": ACTIVITY, "host": self.host, "subject": subject, "name": name, "value": value})

    @staticmethod
    def subject(site):
        return site.get("url") or site["name"]

    # ---- main --------------------------------------------------------------
    def run(self):
        sites = self.p.get("sites") or []
        bad = [s for s in sites if not isinstance(s, dict) or not bk.SITE_NAME_RE.match(str(s.get("name", "")))]
        sites = [s for s in sites if s not in bad]
        for site in bad:
            self.problems.append("site entry %r has no usable name (letters, digits, . _ -)" % (site,))
        result = {"set": None, "path": None, "sets": [], "pruned": [], "copies": []}
        try:
            if not self.check_mode:
                os.makedirs(self.dest, mode=0o700, exist_ok=True)
        except OSError as exc:
            return self._host_failure(sites, "cannot create the backup folder %s: %s" % (self.dest, exc.strerror), result)
        if self.check_mode:
            result["would_back_up"] = self._plan(sites)
            self.changed = True  # a run always makes a new set
            self._judge(sites, result, this_set=None)
            return result
        try:
            with bk.destination_lock(self.dest):
                result["stale_removed"] = bk.clean_stale(self.dest)
                if self.p.get("reverify_previous", True):
                    self._reverify_previous(result)
                self.before = bk.list_sets(self.dest, self.host)
                manifest = self._build(sites, result)
                if manifest is not None and manifest["verification"]["status"] == "ok":
                    self._copies(manifest, result)
        except bk.BackupError as exc:
            return self._host_failure(sites, str(exc), result)
        self._judge(sites, result, this_set=result.get("manifest"))
        return result

    def _reverify_previous(self, result):
        """Re-check the newest verified set still reads back (catches a damaged disk or a changed file)."""
        previous = next((s for s in bk.list_sets(self.dest, self.host) if s["verified"]), None)
        if previous is None:
            return
        # Checksums only: cheap enough for every run, and catches a damaged disk or a changed file.
        problems = bk.verify_set(previous["path"], previous["manifest"], listing=False)
        result["previous_verified"] = {"set": previous["name"], "problems": problems}
        if problems:
            bk.mark_damaged(previous["path"], problems)
            self.finding(
                "backup.damaged", previous["name"], "critical",
                "An earlier backup no longer matches its checksums: it is damaged and cannot be trusted.",
                "Cadangan sebelumnya tidak lagi cocok dengan checksum-nya: cadangan itu rusak dan tidak dapat diandalkan.",
                {"set": previous["name"], "problems": problems[:20], "destination": self.dest},
                [_act("Check the backup disk for errors and keep today's new backup.",
                      "Periksa disk cadangan dari kerusakan dan simpan cadangan baru hari ini.", playbook="backup")],
                evidence=problems[:5],
            )

    def _plan(self, sites):
        plan = []
        for site in sites:
            for path in self._site_paths(site):
                plan.append({"site": site["name"], "path": path, "exists": os.path.isdir(path)})
            for db in site.get("databases") or []:
                plan.append({"site": site["name"], "database": db.get("name"), "engine": db.get("engine", "mariadb")})
        for path in self._config_paths():
            plan.append({"config": path})
        return plan

    @staticmethod
    def _site_paths(site):
        paths = []
        if site.get("docroot"):
            paths.append(site["docroot"])
        paths.extend(site.get("backup_paths") or [])
        return [os.path.abspath(os.path.expanduser(p)) for p in paths]

    def _config_paths(self):
        return [os.path.abspath(p) for p in self.p.get("config_paths") or [] if os.path.isdir(p)]

    def _host_failure(self, sites, message, result):
        self.problems.append(message)
        result["error"] = message
        full = message.startswith("destination full")
        self.finding(
            "backup.run", self.host, "critical",
            "The backup of this server failed: %s." % message[:300],
            "Pencadangan server ini gagal: %s." % message[:300],
            {"error": message, "destination": self.dest},
            [_act("Free space on the backup disk or fix the backup folder, then run the backup again.",
                  "Kosongkan ruang disk cadangan atau perbaiki folder cadangan, lalu jalankan pencadangan lagi.",
                  playbook="backup")],
        )
        if full:
            self.finding(
                "backup.space", self.dest, "critical",
                "The backup disk is full, so no new backup could be made; older backups were kept.",
                "Disk cadangan penuh sehingga cadangan baru tidak dapat dibuat; cadangan lama tetap disimpan.",
                {"destination": self.dest},
                [_act("Free space on the backup disk or attach a larger one.",
                      "Kosongkan ruang pada disk cadangan atau pasang disk yang lebih besar.")],
            )
        self._judge(sites, result, this_set=None)
        return result

    # ---- building the set -------------------------------------------------
    def _build(self, sites, result):
        started = time.monotonic()
        when = bk.now_utc()
        name = bk.set_name(self.host, when)
        while os.path.exists(os.path.join(self.dest, name)):
            when += datetime.timedelta(seconds=1)
            name = bk.set_name(self.host, when)
        final = os.path.join(self.dest, name)
        partial = final + bk.PARTIAL_SUFFIX
        os.makedirs(partial, mode=0o700)
        self.changed = True
        compressor = bk.choose_compressor(self.p["compression"], self.p.get("compression_level"))
        manifest = {
            "manifest_version": bk.MANIFEST_VERSION,
            "name": name,
            "host": self.host,
            "hostname": bk.hostname(),
            "created_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "run_id": self.p.get("run_id"),
            "operator": self.p.get("operator") or bk.default_operator(),
            "court_name": self.p.get("court_name"),
            "engine": self.p["engine"],
            "compression": compressor["name"],
            "contents": [],
            "sites": {},
            "checksums": {},
            "problems": [],
            "tools": {},
        }
        self.restic = None
        if self.p["engine"] == "restic":
            self.restic = Restic(self.p.get("restic_repository"), self.p.get("restic_password"),
                                 cache_dir=self.p.get("restic_cache_dir"))
            self.restic.__enter__()
            manifest["restic"] = {"repository": self.p["restic_repository"],
                                  "initialised": self.restic.ensure_repository()}
            manifest["tools"]["restic"] = bk.tool_version([self.restic.binary, "version"])
        try:
            for site in sites:
                self._build_site(site, partial, compressor, manifest)
            self._build_config(partial, compressor, manifest)
            manifest["build_seconds"] = round(time.monotonic() - started, 3)
            verify_started = time.monotonic()
            self._verify(partial, manifest, compressor)
            manifest["verification"]["seconds"] = round(time.monotonic() - verify_started, 3)
            manifest["tools"] = self._tools(compressor, manifest)
            manifest["total_bytes"] = sum(c["bytes"] or 0 for c in manifest["contents"])
            self._write_meta(partial, manifest)
        except bk.BackupError:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            if exc.errno in (28, 122):
                raise bk.BackupError("destination full: no space left on the device holding %s" % self.dest) from exc
            raise bk.BackupError("cannot write the backup in %s: %s" % (self.dest, exc.strerror or exc)) from exc
        finally:
            if self.restic is not None:
                self.restic.__exit__(None, None, None)
        status = manifest["verification"]["status"]
        target = final if status == "ok" else final + bk.FAILED_SUFFIX
        os.rename(partial, target)
        bk.fsync_dir(self.dest)
        result.update({"set": name, "path": target, "manifest": manifest})
        if self._prunable(manifest):
            self._pruned_manifests = {s["name"]: s["manifest"] for s in bk.list_sets(self.dest, self.host)}
            result["pruned"] = bk.prune(self.dest, self.host, self.p["retention"])
            if self.p["engine"] == "restic":
                self._restic_retention(result)
        return manifest

    def _prunable(self, manifest):
        """Retention runs only after a wholly good backup: verified and every site complete."""
        return bool(self.p.get("prune", True) and manifest["verification"]["status"] == "ok"
                    and all(info.get("complete") for info in manifest["sites"].values()))

    def _retention_for(self, spec):
        """A destination's own {daily, weekly, monthly} over the run's retention (missing keys from the run's)."""
        retention = {k: int(v) for k, v in self.p["retention"].items()}
        for key, value in (spec.get("retention") or {}).items():
            if key not in retention:
                raise bk.BackupError("unknown retention key %r (use daily, weekly, monthly)" % key)
            retention[key] = int(value)
        return retention

    def _restic_retention(self, result):
        """Queue the snapshots of pruned sets for a batched `restic forget` (at most daily)."""
        ids = []
        for name in result.get("pruned") or []:
            manifest = self._pruned_manifests.get(name) or {}
            ids.extend(c.get("snapshot_id") for c in manifest.get("contents", []) if c.get("snapshot_id"))
        p = self.p
        result["restic_forgotten"] = schedule_forget(
            self.dest, ids,
            lambda: Restic(p["restic_repository"], p["restic_password"], cache_dir=p.get("restic_cache_dir")),
            prune_days=7 if p.get("restic_prune", True) else 10**6,
        )

    def _build_site(self, site, partial, compressor, manifest):
        info = {"complete": True, "bytes": 0, "source_bytes": 0, "problems": [], "files": 0, "databases": []}
        manifest["sites"][site["name"]] = info
        excludes = list(site.get("backup_exclude") or [])
        if not self._site_paths(site) and not site.get("databases"):
            info["complete"] = False
            info["problems"].append("site %s has no docroot, backup_paths or databases to back up" % site["name"])
        if self.restic is not None:
            self._build_site_restic(site, info, excludes, manifest)
        for index, path in enumerate(self._site_paths(site) if self.restic is None else []):
            role = "docroot" if index == 0 and site.get("docroot") else "path%d" % index
            if not os.path.isdir(path):
                info["complete"] = False
                info["problems"].append("folder %s does not exist or is not a folder" % path)
                continue
            fname = "files-%s-%s.tar.%s" % (_safe_name(site["name"]), role, compressor["ext"])
            try:
                facts = bk.archive_folder(path, ["."], excludes, os.path.join(partial, fname), compressor, partial)
            except bk.BackupError as exc:
                if str(exc).startswith("destination full"):
                    raise
                # One unreadable site must not cost the other sites their backup.
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(partial, fname))
                info["complete"] = False
                info["problems"].append(str(exc))
                continue
            manifest["contents"].append(dict(
                facts, kind="files", site=site["name"], role=role, source=path, excludes=excludes, file=fname
            ))
            info["bytes"] += facts["bytes"]
            info["source_bytes"] += facts["source_bytes"]
            info["files"] += facts["files"]
            for warning in facts["warnings"]:
                info["problems"].append(warning)
        for db_spec in site.get("databases") or []:
            label = "%s/%s" % (db_spec.get("engine", "mariadb"), db_spec.get("name"))
            try:
                with Database(db_spec) as db:
                    fname = "db-%s-%s.%s.%s" % (_safe_name(site["name"]), _safe_name(db.name), db.ext, compressor["ext"])
                    if os.path.exists(os.path.join(partial, fname)):
                        fname = "db-%s-%s-%s.%s.%s" % (_safe_name(site["name"]), db.engine, _safe_name(db.name),
                                                       db.ext, compressor["ext"])
                    facts = db.dump(os.path.join(partial, fname), compressor)
                    manifest["tools"].setdefault(db.engine, db.versions())
            except bk.BackupError as exc:
                if str(exc).startswith("destination full"):
                    raise
                info["complete"] = False
                info["problems"].append(str(exc))
                info["databases"].append({"name": db_spec.get("name"), "engine": db_spec.get("engine"), "ok": False,
                                          "error": str(exc)})
                continue
            manifest["contents"].append(dict(
                facts, kind="database", site=site["name"], engine=db.engine, database=db.name, source=label, file=fname
            ))
            info["bytes"] += facts["bytes"]
            info["source_bytes"] += facts["bytes"]
            info["databases"].append({"name": db.name, "engine": db.engine, "ok": True, "tables": facts["tables"]})

    def _build_site_restic(self, site, info, excludes, manifest):
        paths = []
        for path in self._site_paths(site):
            if os.path.isdir(path):
                paths.append(path)
            else:
                info["complete"] = False
                info["problems"].append("folder %s does not exist or is not a folder" % path)
        if not paths:
            return
        patterns = [p for base in paths for p in restic_excludes(base, excludes)]
        summary = self.restic.backup(paths, bk.SET_RE.match(manifest["name"]).group("host"),
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
        manifest["contents"].append(item)
        info["bytes"] += item["bytes"]
        info["source_bytes"] += item["source_bytes"]
        info["files"] += item["files"]

    def _build_config(self, partial, compressor, manifest):
        paths = self._config_paths()
        if not paths:
            return
        excludes = list(self.p.get("config_excludes") or [])
        if not self.p.get("include_tls_keys"):
            excludes += bk.TLS_KEY_EXCLUDES
        fname = "config.tar.%s" % compressor["ext"]
        members = [os.path.relpath(p, "/") for p in paths]
        facts = bk.archive_folder("/", members, excludes, os.path.join(partial, fname), compressor, partial)
        manifest["contents"].append(dict(
            facts, kind="config", site=None, source=" ".join(paths), sources=paths, excludes=excludes, file=fname,
            tls_keys_included=bool(self.p.get("include_tls_keys")),
        ))

    def _verify(self, partial, manifest, compressor):
        problems_all = []
        db_specs = {}
        for site in self.p.get("sites") or []:
            if isinstance(site, dict):
                for spec in site.get("databases") or []:
                    db_specs[(site.get("name"), Database.engine_of(spec), spec.get("name"))] = spec
        for item in manifest["contents"]:
            if item.get("engine") == "restic":
                sums, problems = self.restic.verify_written(item["snapshot_id"], item.pop("written", None))
                item["repository_files"] = sums
                item["verify"] = {"status": "ok" if not problems else "failed", "problems": problems}
                problems_all.extend(problems)
                if problems:
                    manifest["sites"][item["site"]]["complete"] = False
                    manifest["sites"][item["site"]]["problems"].extend(problems)
                continue
            path = os.path.join(partial, item["file"])
            if item["kind"] == "database":
                if self.p.get("verify_databases", True):
                    with Database(db_specs[(item["site"], item["engine"], item["database"])]) as db:
                        problems = db.restore_test(path, item["sha256"], item["row_counts"], bk.decompressor_for(path))
                    item["restore_test"] = "ok" if not problems else "failed"
                else:
                    problems = [] if bk.sha256_file(path) == item["sha256"] else ["checksum mismatch for %s" % item["file"]]
                    item["restore_test"] = "skipped"
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

    def _method(self):
        parts = ["sha256 + full listing (file archives)",
                 "restore into a throw-away database + row counts (databases)"]
        if self.restic is not None:
            parts.insert(0, "restic: every repository file the backup added hashed against its content address"
                         + (" + restic check" if self.p.get("restic_check") else ""))
        return "; ".join(parts)

    @staticmethod
    def _tools(compressor, manifest):
        tools = dict(manifest.get("tools") or {})
        tools["tar"] = bk.tool_version(["tar", "--version"])
        tools[compressor["name"]] = bk.tool_version([compressor["compress"][0], "--version"])
        tools["python"] = "%d.%d.%d" % tuple(__import__("sys").version_info[:3])
        return tools

    def _write_meta(self, partial, manifest):
        with open(os.path.join(partial, bk.SUMS), "w", encoding="utf-8") as handle:
            for fname, sha in sorted(manifest["checksums"].items()):
                handle.write("%s  %s\n" % (sha, fname))
        with open(os.path.join(partial, bk.LABEL), "w", encoding="utf-8") as handle:
            handle.write(bk.render_label(manifest))
        tmp = os.path.join(partial, bk.MANIFEST + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.rename(tmp, os.path.join(partial, bk.MANIFEST))

    # ---- other destinations ------------------------------------------------
    def _copies(self, manifest, result):
        path = result["path"]
        for spec in self.p.get("removable") or []:
            folder = os.path.abspath(os.path.expanduser(spec["path"]))
            mount = os.path.abspath(os.path.expanduser(spec.get("mount_point") or folder))
            entry = {"type": "removable", "path": folder, "mount_point": mount}
            result["copies"].append(entry)
            if spec.get("require_mount", True) and not os.path.ismount(mount):
                entry["status"] = "absent"
                continue
            try:
                os.makedirs(folder, mode=0o700, exist_ok=True)
                with bk.destination_lock(folder):
                    bk.clean_stale(folder)
                    entry.update(bk.copy_set(path, folder, manifest))
                    entry["pruned"] = (bk.prune(folder, self.host, self._retention_for(spec))
                                       if self._prunable(manifest) else [])
                entry["status"] = "ok"
            except (bk.BackupError, OSError) as exc:
                entry["status"] = "failed"
                entry["error"] = str(exc) if isinstance(exc, bk.BackupError) else (exc.strerror or str(exc))
        for spec in self.p.get("rsync") or []:
            entry = {"type": "rsync", "path": spec["target"]}
            result["copies"].append(entry)
            try:
                entry.update(bk.rsync_set(path, spec["target"], spec.get("ssh_command")))
                entry["status"] = "ok"
            except (bk.BackupError, OSError, subprocess.SubprocessError) as exc:
                entry["status"] = "failed"
                entry["error"] = str(exc)
                continue
            entry["pruned"] = []
            if self._prunable(manifest):
                try:
                    entry["pruned"] = bk.prune_remote(spec["target"], self.host,
                                                      self._retention_for(spec),
                                                      spec.get("ssh_command"), keep=(result["set"],))
                except (bk.BackupError, OSError, subprocess.SubprocessError) as exc:
                    entry["prune_error"] = str(exc)

    # ---- judging -----------------------------------------------------------
    def _judge(self, sites, result, this_set):
        sets = bk.list_sets(self.dest, self.host)
        result["sets"] = [{"name": s["name"], "verified": s["verified"]} for s in sets]
        now = datetime.datetime.now(datetime.timezone.utc)
        max_age = float(self.p["max_age_hours"])
        for site in sites:
            subject = self.subject(site)
            name = site["name"]
            complete = [s for s in sets if s["verified"] and ((s["manifest"] or {}).get("sites", {}).get(name) or {}).get("complete")]
            newest = complete[0] if complete else None
            if newest is None:
                self.finding(
                    "backup.age", subject, "critical",
                    "There is no verified backup of this website.",
                    "Belum ada cadangan terverifikasi untuk situs web ini.",
                    {"age_hours": None, "max_age_hours": max_age, "destination": self.dest},
                    [_act("Run the backup and fix any problem it reports.",
                          "Jalankan pencadangan dan perbaiki masalah yang dilaporkan.", playbook="backup")],
                )
            else:
                age = (now - newest["time"]).total_seconds() / 3600.0
                status = "ok" if age <= max_age else ("warning" if age <= 3 * max_age else "critical")
                self.finding(
                    "backup.age", subject, status,
                    "The newest verified backup of this website is %.0f hours old (standard: %.0f hours)." % (age, max_age),
                    "Cadangan terverifikasi terbaru situs web ini berumur %.0f jam (standar: %.0f jam)." % (age, max_age),
                    {"age_hours": round(age, 2), "max_age_hours": max_age, "newest": newest["name"],
                     "destination": self.dest},
                    [] if status == "ok" else [_act("Run the backup now and check that the scheduled backup runs every day.",
                                                     "Jalankan pencadangan sekarang dan pastikan pencadangan terjadwal berjalan setiap hari.",
                                                     playbook="backup")],
                )
                self.metric(subject, "backup_age_hours", round(age, 3))
            if this_set is not None:
                self._judge_site_run(site, subject, this_set, sets)
        if this_set is not None:
            self._judge_config(this_set)
        self._judge_destinations(result, sets)

    def _judge_site_run(self, site, subject, manifest, sets):
        info = manifest["sites"].get(site["name"], {})
        items = [c for c in manifest["contents"] if c.get("site") == site["name"]]
        failed = [c for c in items if c.get("verify", {}).get("status") != "ok"]
        missing = [p for p in info.get("problems", [])
                   if "does not exist" in p or "nothing" in p or "to back up" in p or p.startswith("tar failed")]
        db_failed = [d for d in info.get("databases", []) if not d.get("ok")]
        if failed:
            problems = [p for c in failed for p in c["verify"]["problems"]]
            self.finding(
                "backup.verify", subject, "critical",
                "The backup of this website failed its verification; it cannot be trusted for a restore.",
                "Cadangan situs web ini gagal verifikasi; cadangan ini tidak dapat diandalkan untuk pemulihan.",
                {"set": manifest["name"], "problems": problems[:20]},
                [_act("Run the backup again and check the backup disk for errors.",
                      "Jalankan pencadangan lagi dan periksa disk cadangan dari kerusakan.", playbook="backup")],
                evidence=problems[:5],
            )
        elif items:
            dbs = [c for c in items if c["kind"] == "database"]
            self.finding(
                "backup.verify", subject, "ok",
                "Today's backup of this website was checked and can be restored.",
                "Cadangan hari ini untuk situs web ini sudah diperiksa dan dapat dipulihkan.",
                {"set": manifest["name"], "archives": len(items), "databases_restore_tested": len(
                    [d for d in dbs if d.get("restore_test") == "ok"])},
            )
        if missing:
            self.finding(
                "backup.source", subject, "critical",
                "A folder of this website that should be backed up is missing, so it was not backed up.",
                "Folder situs web ini yang seharusnya dicadangkan tidak ada, sehingga tidak ikut dicadangkan.",
                {"problems": missing},
                [_act("Check the website's folder (docroot) in the inventory and on the server.",
                      "Periksa folder situs web (docroot) di inventaris dan di server.", playbook="troubleshoot")],
                evidence=missing[:5],
            )
        elif items:
            self.finding(
                "backup.source", subject, "ok",
                "All folders of this website were backed up.",
                "Semua folder situs web ini sudah dicadangkan.",
                {"files": info.get("files", 0), "source_bytes": info.get("source_bytes", 0)},
            )
        for db in info.get("databases", []):
            dsubject = "%s#%s/%s" % (subject, db.get("engine") or "mariadb", db.get("name"))
            if db.get("ok"):
                self.finding(
                    "backup.database", dsubject, "ok",
                    "The website's database was backed up and a test restore matched the original.",
                    "Basis data situs web sudah dicadangkan dan uji pemulihannya sama dengan aslinya.",
                    {"database": db["name"], "engine": db["engine"], "tables": db.get("tables")},
                )
        for db in db_failed:
            dsubject = "%s#%s/%s" % (subject, db.get("engine") or "mariadb", db.get("name"))
            self.finding(
                "backup.database", dsubject, "critical",
                "The website's database could not be backed up.",
                "Basis data situs web tidak dapat dicadangkan.",
                {"database": db.get("name"), "engine": db.get("engine"), "error": db.get("error")},
                [_act("Check the backup user's password and rights on the database server.",
                      "Periksa kata sandi dan hak akses pengguna cadangan pada server basis data.",
                      playbook="troubleshoot")],
                evidence=[db.get("error") or ""],
            )
        if info:
            self.metric(subject, "backup_bytes", info.get("bytes", 0))
            self.metric(subject, "backup_source_bytes", info.get("source_bytes", 0))
            self._judge_shrink(site, subject, manifest, info, sets)

    def _judge_shrink(self, site, subject, manifest, info, sets):
        previous = None
        for item in self.before or sets:
            if item["name"] == manifest["name"] or not item["verified"]:
                continue
            pinfo = ((item["manifest"] or {}).get("sites") or {}).get(site["name"])
            if pinfo and pinfo.get("complete"):
                previous = (item, pinfo)
                break
        if previous is None or not info.get("complete"):
            return
        before = previous[1].get("source_bytes") or 0
        after = info.get("source_bytes") or 0
        fraction = float(self.p["shrink_fraction"])
        details = {"previous_set": previous[0]["name"], "previous_bytes": before, "bytes": after,
                   "threshold_fraction": fraction}
        if before > 0 and after < before * (1 - fraction):
            details["shrunk_fraction"] = round(1 - after / before, 3)
            self.finding(
                "backup.shrink", subject, "warning",
                "This backup is %d%% smaller than the previous one: data may have been lost or deleted."
                % round(100 * (1 - after / before)),
                "Cadangan ini %d%% lebih kecil dari cadangan sebelumnya: mungkin ada data yang hilang atau terhapus."
                % round(100 * (1 - after / before)),
                details,
                [_act("Check that the website's files and database are complete; restore from an older backup if data was lost.",
                      "Periksa apakah berkas dan basis data situs web lengkap; pulihkan dari cadangan lama bila data hilang.",
                      playbook="restore")],
            )
        else:
            self.finding("backup.shrink", subject, "ok",
                         "The backup size is in line with the previous one.",
                         "Ukuran cadangan sebanding dengan cadangan sebelumnya.", details)

    def _judge_config(self, manifest):
        items = [c for c in manifest["contents"] if c["kind"] == "config"]
        if not items:
            return
        bad = [p for c in items for p in c.get("verify", {}).get("problems", [])]
        self.finding(
            "backup.config", self.host, "critical" if bad else "ok",
            "The web server configuration backup failed its verification." if bad
            else "The web server configuration was backed up and checked.",
            "Cadangan konfigurasi server web gagal verifikasi." if bad
            else "Konfigurasi server web sudah dicadangkan dan diperiksa.",
            {"set": manifest["name"], "problems": bad[:20], "tls_keys_included": items[0].get("tls_keys_included")},
            [_act("Run the backup again and check the backup disk.", "Jalankan pencadangan lagi dan periksa disk cadangan.",
                  playbook="backup")] if bad else [],
        )

    def _judge_destinations(self, result, sets):
        min_free = float(self.p["min_free_fraction"])
        last_size = 0
        if sets and sets[0]["manifest"]:
            last_size = sets[0]["manifest"].get("total_bytes") or 0
        targets = [{"type": "local", "path": self.dest, "status": "ok"}] + list(result.get("copies") or [])
        if self.check_mode:
            targets += [{"type": "removable", "path": s["path"], "mount_point": s.get("mount_point") or s["path"],
                         "status": "ok" if (not s.get("require_mount", True)
                                            or os.path.ismount(s.get("mount_point") or s["path"])) else "absent"}
                        for s in self.p.get("removable") or []]
        elif result.get("error"):
            targets = [{"type": "local", "path": self.dest, "status": "failed"}]
            targets += [{"type": "removable", "path": s["path"], "mount_point": s.get("mount_point") or s["path"],
                         "status": "skipped"} for s in self.p.get("removable") or []]
        for entry in targets:
            if entry["type"] == "removable":
                if entry["status"] == "absent":
                    self.finding(
                        "backup.media", entry["path"], "warning",
                        "The removable backup media is not present, so no copy was made on it; the next run will catch up.",
                        "Media cadangan lepas-pasang tidak terpasang, sehingga salinan tidak dibuat; proses berikutnya akan menyusul.",
                        {"mount_point": entry.get("mount_point")},
                        [_act("Attach and mount the backup disk.", "Pasang dan kaitkan (mount) disk cadangan.")],
                    )
                    continue
                if entry["status"] in ("ok", "skipped"):
                    self.finding("backup.media", entry["path"], "ok",
                                 "The removable backup media is present.", "Media cadangan lepas-pasang terpasang.",
                                 {"mount_point": entry.get("mount_point"), "copied": entry.get("copied")})
            if entry["status"] == "failed" and entry["type"] != "local":
                self.finding(
                    "backup.copy", entry["path"], "critical",
                    "The backup could not be copied to the second backup place: %s." % (entry.get("error") or "")[:200],
                    "Cadangan tidak dapat disalin ke tempat cadangan kedua: %s." % (entry.get("error") or "")[:200],
                    {"type": entry["type"], "error": entry.get("error")},
                    [_act("Check the backup disk or backup server and its free space.",
                          "Periksa disk atau server cadangan dan ruang kosongnya.", playbook="backup")],
                )
                continue
            if entry.get("prune_error"):
                self.finding(
                    "backup.retention", entry["path"], "warning",
                    "Old backups on the backup server could not be pruned: %s." % entry["prune_error"][:200],
                    "Cadangan lama di server cadangan tidak dapat dipangkas: %s." % entry["prune_error"][:200],
                    {"type": entry["type"], "error": entry["prune_error"]},
                    [_act("Check the backup server account's rights on the backup folder and its free space.",
                          "Periksa hak akses akun server cadangan pada folder cadangan dan ruang kosongnya.",
                          playbook="backup")],
                )
            if entry["type"] == "rsync" or entry["status"] not in ("ok",):
                continue
            try:
                usage = shutil.disk_usage(entry["path"])
            except OSError:
                continue
            free_fraction = usage.free / usage.total if usage.total else 0
            low = free_fraction < min_free or (last_size and usage.free < 2 * last_size)
            details = {"free_bytes": usage.free, "total_bytes": usage.total, "free_fraction": round(free_fraction, 4),
                       "last_backup_bytes": last_size, "min_free_fraction": min_free}
            self.metric(entry["path"], "backup_free_bytes", usage.free)
            self.finding(
                "backup.space", entry["path"], "warning" if low else "ok",
                ("The backup disk is almost full (%d%% free); the next backups may fail." % round(100 * free_fraction))
                if low else "The backup disk has enough free space.",
                ("Disk cadangan hampir penuh (%d%% kosong); cadangan berikutnya bisa gagal." % round(100 * free_fraction))
                if low else "Disk cadangan memiliki ruang kosong yang cukup.",
                details,
                [_act("Free space on the backup disk, lower the retention, or attach a larger disk.",
                      "Kosongkan ruang disk cadangan, kurangi masa simpan, atau pasang disk yang lebih besar.")] if low else [],
            )


def run_backup(params, check_mode=False):
    """Run one host's backup; return a JSON-safe result with findings and metrics."""
    run = Run(params, check_mode=check_mode)
    result = run.run()
    manifest = result.pop("manifest", None)
    result["manifest"] = manifest
    result["findings"] = run.findings
    result["metrics"] = run.metrics
    result["problems"] = run.problems + ((manifest or {}).get("problems") or [])
    result["changed"] = run.changed
    result["status"] = worst_status(f["status"] for f in run.findings) if run.findings else "unknown"
    return result
