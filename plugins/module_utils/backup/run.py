# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One backup run of one web host: build, verify, copy, prune, and judge (findings).

``run_backup(params)`` is what the ``site_backup`` module calls. It never raises
for a bad site or database: each problem becomes a finding and the run goes on
with the other sites. The run holds the order of the steps and the destination
lock; the steps live beside it: backup.build (a set's archives, dumps and
verification), backup.destinations (copies and retention), backup.judge (every
finding and metric). Standard library only: this runs on the web host.
"""

from __future__ import annotations

import datetime
import os
import shutil
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup import destinations, judge
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.build import (
    SetBuilder,
    config_paths,
    site_paths,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import Restic
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import (
    site_name_problem,
    utc_now_iso,
    worst_status,
)

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


class Run:
    """One run: lock the destination, re-check the last set, build a new one, copy it, prune, judge."""

    def __init__(self, params, check_mode=False):
        self.p = dict(DEFAULTS)
        self.p.update({k: v for k, v in params.items() if v is not None})
        self.check_mode = check_mode
        self.host = self.p["host"]
        self.dest = os.path.abspath(os.path.expanduser(self.p["destination"]))
        self.out = judge.RunFindings(self.host, utc_now_iso())
        self.findings = self.out.findings
        self.metrics = self.out.metrics
        self.problems = []
        self.changed = False
        self.before = []

    def run(self):
        sites = []
        for index, site in enumerate(self.p.get("sites") or []):
            # A name that could leave the set's folder or carry markup is never used in a path:
            # the site is not backed up, and that is a critical finding, never a quiet skip.
            problem = site_name_problem(site.get("name") if isinstance(site, dict) else None)
            if problem is None:
                sites.append(site)
            else:
                self.problems.append("sitekeeper_sites[%d]: %s" % (index, problem))
                judge.unusable_site(self.out, index, site, problem)
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
                    destinations.copy_to_destinations(self.p, self.host, manifest, result)
        except bk.BackupError as exc:
            return self._host_failure(sites, str(exc), result)
        self._judge(sites, result, this_set=result.get("manifest"))
        return result

    def _judge(self, sites, result, this_set):
        judge.Judge(self.out, self.p, self.dest, self.check_mode, self.before).judge(sites, result, this_set)

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
            judge.damaged_set(self.out, previous["name"], problems, self.dest)

    def _plan(self, sites):
        plan = []
        for site in sites:
            for path in site_paths(site):
                plan.append({"site": site["name"], "path": path, "exists": os.path.isdir(path)})
            for db in site.get("databases") or []:
                plan.append({"site": site["name"], "database": db.get("name"), "engine": db.get("engine", "mariadb")})
        for path in config_paths(self.p):
            plan.append({"config": path})
        return plan

    def _host_failure(self, sites, message, result):
        self.problems.append(message)
        result["error"] = message
        judge.host_failure(self.out, self.dest, message)
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
        manifest = self._new_manifest(name, when, compressor)
        restic = None
        try:
            # Opened inside the try: a repository that cannot be opened must not leave the
            # password file or the partial set behind.
            if self.p["engine"] == "restic":
                restic = Restic(self.p.get("restic_repository"), self.p.get("restic_password"),
                                cache_dir=self.p.get("restic_cache_dir"))
                restic.__enter__()
                manifest["restic"] = {"repository": self.p["restic_repository"],
                                      "initialised": restic.ensure_repository()}
                manifest["tools"]["restic"] = bk.tool_version([restic.binary, "version"])
            self._fill(SetBuilder(self.p, partial, compressor, manifest, restic), sites, started)
        except bk.BackupError:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            if exc.errno in (28, 122):
                raise bk.BackupError("destination full: no space left on the device holding %s" % self.dest) from exc
            raise bk.BackupError("cannot write the backup in %s: %s" % (self.dest, exc.strerror or exc)) from exc
        finally:
            if restic is not None:
                restic.__exit__(None, None, None)
        status = manifest["verification"]["status"]
        target = final if status == "ok" else final + bk.FAILED_SUFFIX
        os.rename(partial, target)
        bk.fsync_dir(self.dest)
        result.update({"set": name, "path": target, "manifest": manifest})
        if destinations.prunable(self.p, manifest):
            manifests = {s["name"]: s["manifest"] for s in bk.list_sets(self.dest, self.host)}
            result["pruned"] = bk.prune(self.dest, self.host, self.p["retention"])
            if self.p["engine"] == "restic":
                result["restic_forgotten"] = destinations.forget_pruned_snapshots(
                    self.p, self.dest, result["pruned"], manifests)
        return manifest

    def _new_manifest(self, name, when, compressor):
        return {
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

    @staticmethod
    def _fill(builder, sites, started):
        """Archive every site and the configuration, verify them all, then write the set's meta files."""
        manifest = builder.manifest
        for site in sites:
            builder.site(site)
        builder.config()
        manifest["build_seconds"] = round(time.monotonic() - started, 3)
        verify_started = time.monotonic()
        builder.verify()
        manifest["verification"]["seconds"] = round(time.monotonic() - verify_started, 3)
        manifest["tools"] = builder.tools()
        manifest["total_bytes"] = sum(c["bytes"] or 0 for c in manifest["contents"])
        builder.write_meta()


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
