# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a verified set goes besides the local backup folder, and what is pruned where.

Removable disks get a copy (when mounted) and rsync targets a transfer; each
place keeps its own retention. Retention runs only after a wholly good backup,
so a failing run never costs an older good set. Each copy's outcome is an entry
in ``result["copies"]`` that the judge (backup.judge) turns into findings.
Standard library only: this runs on the web host.
"""

from __future__ import annotations

import os
import subprocess

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import Restic, schedule_forget


def prunable(params, manifest):
    """Retention runs only after a wholly good backup: verified and every site complete."""
    return bool(params.get("prune", True) and manifest["verification"]["status"] == "ok"
                and all(info.get("complete") for info in manifest["sites"].values()))


def retention_for(params, spec):
    """A destination's own {daily, weekly, monthly} over the run's retention (missing keys from the run's)."""
    retention = {k: int(v) for k, v in params["retention"].items()}
    for key, value in (spec.get("retention") or {}).items():
        if key not in retention:
            raise bk.BackupError("unknown retention key %r (use daily, weekly, monthly)" % key)
        retention[key] = int(value)
    return retention


def forget_pruned_snapshots(params, dest, pruned, manifests):
    """Queue the restic snapshots of pruned sets for a batched `restic forget` (at most daily).

    ``manifests`` are the sets' manifests read before pruning (the pruned sets' folders are gone).
    """
    ids = []
    for name in pruned or []:
        manifest = manifests.get(name) or {}
        ids.extend(c.get("snapshot_id") for c in manifest.get("contents", []) if c.get("snapshot_id"))
    return schedule_forget(
        dest, ids,
        lambda: Restic(params["restic_repository"], params["restic_password"], cache_dir=params.get("restic_cache_dir")),
        prune_days=7 if params.get("restic_prune", True) else 10**6,
    )


def copy_to_destinations(params, host, manifest, result):
    """Copy the verified set at ``result["path"]`` to every removable disk and rsync target.

    Each place gets an entry in ``result["copies"]``: its status (ok, absent, failed), what was
    copied and pruned there, or the error.
    """
    for spec in params.get("removable") or []:
        folder = os.path.abspath(os.path.expanduser(spec["path"]))
        entry = {"type": "removable", "path": folder,
                 "mount_point": os.path.abspath(os.path.expanduser(spec.get("mount_point") or folder))}
        result["copies"].append(entry)
        _copy_to_removable(params, host, manifest, result["path"], spec, entry)
    for spec in params.get("rsync") or []:
        entry = {"type": "rsync", "path": spec["target"]}
        result["copies"].append(entry)
        _copy_to_rsync(params, host, manifest, result, spec, entry)


def _copy_to_removable(params, host, manifest, path, spec, entry):
    folder = entry["path"]
    if spec.get("require_mount", True) and not os.path.ismount(entry["mount_point"]):
        entry["status"] = "absent"
        return
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        with bk.destination_lock(folder):
            bk.clean_stale(folder)
            entry.update(bk.copy_set(path, folder, manifest))
            entry["pruned"] = (bk.prune(folder, host, retention_for(params, spec))
                               if prunable(params, manifest) else [])
        entry["status"] = "ok"
    except (bk.BackupError, OSError) as exc:
        entry["status"] = "failed"
        entry["error"] = str(exc) if isinstance(exc, bk.BackupError) else (exc.strerror or str(exc))


def _copy_to_rsync(params, host, manifest, result, spec, entry):
    try:
        entry.update(bk.rsync_set(result["path"], spec["target"], spec.get("ssh_command")))
        entry["status"] = "ok"
    except (bk.BackupError, OSError, subprocess.SubprocessError) as exc:
        entry["status"] = "failed"
        entry["error"] = str(exc)
        return
    entry["pruned"] = []
    if prunable(params, manifest):
        try:
            entry["pruned"] = bk.prune_remote(spec["target"], host, retention_for(params, spec),
                                              spec.get("ssh_command"), keep=(result["set"],))
        except (bk.BackupError, OSError, subprocess.SubprocessError) as exc:
            entry["prune_error"] = str(exc)
