# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The remediation catalogue (SOP activity 6), standard library only.

Every fix follows the same shape: look at the current state, decide what to
change (that decision is the check-mode answer and the diff), change it, and
then verify by probing again. The outcome is one activity-6 finding. A fix that
finds nothing to do changes nothing (idempotent). Nothing is deleted except
what the caller explicitly allows (caches, and old backups when pruning is on);
replaced configuration files are kept aside.
"""

from __future__ import annotations

import datetime
import fnmatch
import gzip
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import time

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import checks as chk
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import host as hst
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import quarantine as qua

ACTIVITY = 6
MAX_DIFF_CHARS = 20000


class RemediationError(Exception):
    """A fix cannot be attempted (bad input); the message says what is wrong."""


# The diagnosis check whose problem each fix repairs: a fix that failed or could not verify offers that
# problem's other alternatives (a step by hand, another playbook, the third party) after its own action.
REPAIRS = {"start_service": "service_running", "config_snapshot": "config_test", "rollback_config": "config_test",
           "free_disk": "disk_space", "renew_cert": "tls_certificate", "restore_site": "docroot_changes",
           "quarantine_files": "docroot_changes", "fix_permissions": "docroot_permissions"}
BLOCK_ALTERNATIVES = (
    fnd.action("Block the addresses by hand at the hosting provider's firewall or in a web application firewall.",
               text_id="Blokir alamat itu secara manual di firewall penyedia hosting atau di web application firewall."),
    fnd.action("If the attacks go on, report them with the audit's evidence to the hosting provider or Gov-CSIRT (BSSN).",
               playbook="audit",
               text_id="Jika serangan berlanjut, laporkan dengan bukti audit ke penyedia hosting atau Gov-CSIRT (BSSN)."),
)


def alternatives(fix):
    """The other alternative solutions for the problem ``fix`` repairs (copies: findings never share a dict)."""
    extra = BLOCK_ALTERNATIVES if fix == "block_attackers" else chk.ALTERNATIVES.get(REPAIRS.get(fix), ())
    return [dict(act) for act in extra]


def outcome(host, fix, subject, status, summary, summary_id, details=None, evidence=None, actions=()):
    """The activity-6 finding of a fix (check remediate.<fix>); ``summary_id`` is the Indonesian summary.

    A warning or critical outcome also carries the problem's other alternatives (none repeated); they end
    with the named third party, which replaces the generic hand-over to "the third party"."""
    actions = list(actions)
    extra = alternatives(fix) if status in ("warning", "critical") else []
    if extra:
        actions = [a for a in actions if a["text"] != cat.VENDOR_TEXT]
        actions += [act for act in extra if act["text"] not in {a["text"] for a in actions}]
    return fnd.make_finding(
        activity=ACTIVITY, check="remediate." + fix, host=host, subject=subject, status=status,
        summary=summary, summary_id=summary_id, details=dict(details or {}, fix=fix), evidence=evidence,
        suggested_actions=actions,
    )


def not_attempted(host, fix, item, reason):
    """The outcome of a fix that could not be attempted (bad input, permission)."""
    subject = ("service:%s" % item["name"]) if item.get("kind") else (item.get("url") or item.get("name") or host)
    return result(False, outcome(host, fix, subject, "unknown",
                                 "The fix %s could not be attempted: %s" % (fix, reason[:200]),
                                 "Perbaikan %s tidak dapat dicoba: %s" % (fix, reason[:200]), {"error": reason}))


def result(changed, finding, diff=None, **extra):
    out = {"changed": bool(changed), "finding": finding, "verified": finding["status"] == "ok"}
    if diff is not None:
        out["diff"] = diff
    out.update(extra)
    return out


# Each fix's function is registered with @cat.step as a step of the remediation module (its `fix`
# choices, in the order of this file); catalogue.FIXES names the step of each fix.


# --------------------------------------------------------------------------
# start_service
# --------------------------------------------------------------------------
def start_detached(command, log_path: str):
    """Start a command in its own session, output to a file; returns the Popen."""
    argv = hst.split_command(command)
    if not argv:
        raise RemediationError("no start command configured")
    log = open(log_path, "ab")  # noqa: SIM115  closed below, the child keeps its own copy
    try:
        return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, close_fds=True)
    finally:
        log.close()


def wait_running(svc, proc=None, timeout: float = 30.0):
    """Wait for the service to run; returns (state, exit_code_if_the_starter_failed)."""
    deadline = time.monotonic() + timeout
    state = hst.service_state(svc)
    while time.monotonic() < deadline:
        state = hst.service_state(svc)
        if state["running"]:
            return state, None
        if proc is not None:
            code = proc.poll()
            if code not in (None, 0):
                return state, code
        time.sleep(0.25)
    return state, None


@cat.step("start_service", target="service", options=("mode", "wait"))
def ensure_service(host, raw_svc, check_mode=False, mode="apply", wait: float = 30.0):
    """Start a stopped service after its config test passes, then verify it answers."""
    svc = hst.normalise_service(raw_svc)
    subject = "service:%s" % svc["name"]
    name = svc["name"]
    state = hst.service_state(svc)
    if mode == "verify":
        state = wait_running(svc, None, wait)[0] if not state["running"] else state
        if state["running"]:
            return result(True, outcome(host, "start_service", subject, "ok",
                                        "%s was started and now answers." % name,
                                        "%s telah dijalankan dan kini menjawab." % name, state))
        return result(True, outcome(host, "start_service", subject, "critical",
                                    "%s was started by the service manager but does not answer." % name,
                                    "%s dijalankan oleh pengelola layanan tetapi tidak menjawab." % name,
                                    state, actions=[cat.vendor_action()]))
    if state["running"]:
        return result(False, outcome(host, "start_service", subject, "ok",
                                     "%s is already running; nothing to do." % name,
                                     "%s sudah berjalan; tidak ada yang perlu dilakukan." % name, state))
    if state["process_running"]:
        return result(False, outcome(
            host, "start_service", subject, "critical",
            "%s has a process that does not answer; it was not touched automatically." % name,
            "%s memiliki proses yang tidak menjawab; tidak diubah secara otomatis." % name, state,
            actions=[cat.vendor_action()]))
    if svc.get("config_test"):
        test = hst.run_command(svc["config_test"])
        if test["rc"] != 0:
            lines = (test["output"] or test["error"]).strip().splitlines()[-5:]
            return result(False, outcome(
                host, "start_service", subject, "critical",
                "%s was not started because its configuration test fails." % name,
                "%s tidak dijalankan karena uji konfigurasinya gagal." % name,
                {"config_test_rc": test["rc"]}, evidence=lines,
                actions=[cat.fix_action("rollback_config")]))
    diff = {"before": "%s: stopped\n" % name, "after": "%s: running\n" % name}
    if check_mode:
        return result(True, outcome(host, "start_service", subject, "warning",
                                    "%s is stopped and would be started (check mode)." % name,
                                    "%s berhenti dan akan dijalankan (mode uji)." % name, state), diff)
    if not svc.get("start"):
        if svc.get("service_name"):
            return result(True, outcome(host, "start_service", subject, "warning",
                                        "%s is stopped; it is started by the service manager." % name,
                                        "%s berhenti; dijalankan oleh pengelola layanan." % name, state),
                          diff, needs_service_manager=True)
        raise RemediationError("service %s has neither a start command nor a service_name" % name)
    log_path = os.path.join(tempfile.gettempdir(), "sitekeeper-start-%s.log" % re.sub(r"\W", "_", name))
    proc = start_detached(svc["start"], log_path)
    state, failed = wait_running(svc, proc, wait)
    if state["running"]:
        return result(True, outcome(host, "start_service", subject, "ok",
                                    "%s was stopped; Sitekeeper started it and it now answers." % name,
                                    "%s tadinya berhenti; Sitekeeper menjalankannya dan kini menjawab." % name,
                                    state), diff)
    try:
        lines = hst.tail_lines(log_path, 5)
    except OSError:
        lines = []
    return result(True, outcome(
        host, "start_service", subject, "critical",
        "%s could not be started%s." % (name, " (start command exited with %s)" % failed if failed else ""),
        "%s tidak dapat dijalankan." % name, dict(state, start_exit=failed), evidence=lines,
        actions=[cat.vendor_action()]), diff)


def reload_service(svc) -> dict:
    if svc.get("reload"):
        return hst.run_command(svc["reload"])
    return {"rc": None, "output": "", "error": "no reload command"}


# --------------------------------------------------------------------------
# config snapshot and rollback_config
# --------------------------------------------------------------------------
def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()


def config_files(paths) -> dict:
    """Every regular file under the configured paths: {absolute path: sha256}."""
    files = {}
    for base in paths:
        base = os.path.abspath(base)
        if os.path.isfile(base):
            files[base] = _sha256(base)
        elif os.path.isdir(base):
            for root, dirs, names in os.walk(base, followlinks=True):
                dirs.sort()
                for name in sorted(names):
                    path = os.path.join(root, name)
                    if os.path.isfile(path):
                        files[path] = _sha256(path)
    return files


def _store_dir(known_good_dir, name):
    return os.path.join(known_good_dir, re.sub(r"[^\w.\-]", "_", name))


def read_manifest(known_good_dir, name):
    try:
        with open(os.path.join(_store_dir(known_good_dir, name), "current", "manifest.json")) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


@cat.step("config_snapshot", target="service", options=("known_good_dir",))
def snapshot_config(host, raw_svc, known_good_dir, check_mode=False):
    """Keep a known-good copy of the configuration whenever its test passes and it changed."""
    svc = hst.normalise_service(raw_svc)
    name = svc["name"]
    subject = "service:%s" % name
    if not svc["config_paths"] or not svc.get("config_test"):
        raise RemediationError("service %s needs config_paths and config_test for a known-good copy" % name)
    test = hst.run_command(svc["config_test"])
    if test["rc"] != 0:
        return result(False, outcome(host, "config_snapshot", subject, "warning",
                                     "The configuration of %s fails its test; no known-good copy was taken." % name,
                                     "Konfigurasi %s gagal uji; salinan baik tidak dibuat." % name,
                                     {"config_test_rc": test["rc"]}))
    files = config_files(svc["config_paths"])
    manifest = read_manifest(known_good_dir, name)
    if manifest and manifest.get("files") == files:
        return result(False, outcome(host, "config_snapshot", subject, "ok",
                                     "The known-good copy of the %s configuration is up to date." % name,
                                     "Salinan baik konfigurasi %s sudah terbaru." % name,
                                     {"files": len(files), "taken_at": manifest.get("taken_at")}))
    if check_mode:
        return result(True, outcome(host, "config_snapshot", subject, "ok",
                                    "A known-good copy of the %s configuration would be kept (check mode)." % name,
                                    "Salinan baik konfigurasi %s akan disimpan (mode uji)." % name,
                                    {"files": len(files)}))
    store = _store_dir(known_good_dir, name)
    os.makedirs(store, mode=0o700, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".new-", dir=store)
    for path in files:
        target = os.path.join(staging, "files", path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(path, target)
    with open(os.path.join(staging, "manifest.json"), "w") as handle:
        json.dump({"files": files, "taken_at": fnd.utc_now_iso(), "paths": svc["config_paths"]}, handle, indent=1)
    current = os.path.join(store, "current")
    previous = os.path.join(store, "previous")
    if os.path.isdir(current):
        if os.path.isdir(previous):
            shutil.rmtree(previous)
        os.rename(current, previous)
    os.rename(staging, current)
    return result(True, outcome(host, "config_snapshot", subject, "ok",
                                "A known-good copy of the %s configuration was kept." % name,
                                "Salinan baik konfigurasi %s telah disimpan." % name, {"files": len(files)}))


def _read_text(path, limit=MAX_DIFF_CHARS // 4):
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return ""
    text = data[:limit].decode("utf-8", "replace")
    return text + ("\n[... truncated ...]\n" if len(data) > limit else "")


@cat.step("rollback_config", target="service", options=("known_good_dir", "wait"))
def rollback_config(host, raw_svc, known_good_dir, check_mode=False, wait: float = 30.0):
    """Put back the last known-good configuration when the current one fails its test."""
    svc = hst.normalise_service(raw_svc)
    name = svc["name"]
    subject = "service:%s" % name
    if not svc.get("config_test") or not svc["config_paths"]:
        raise RemediationError("service %s needs config_test and config_paths to roll back" % name)
    test = hst.run_command(svc["config_test"])
    if test["rc"] == 0:
        return result(False, outcome(host, "rollback_config", subject, "ok",
                                     "The configuration of %s passes its test; nothing to roll back." % name,
                                     "Konfigurasi %s lulus uji; tidak perlu dikembalikan." % name))
    broken_lines = (test["output"] or test["error"]).strip().splitlines()[-5:]
    manifest = read_manifest(known_good_dir, name)
    if not manifest:
        return result(False, outcome(
            host, "rollback_config", subject, "critical",
            "The configuration of %s is broken and there is no known-good copy to roll back to." % name,
            "Konfigurasi %s rusak dan tidak ada salinan baik untuk dikembalikan." % name,
            evidence=broken_lines, actions=[cat.vendor_action()]))
    saved_root = os.path.join(_store_dir(known_good_dir, name), "current", "files")
    good = manifest["files"]
    now = config_files(svc["config_paths"])
    restore = sorted(p for p, digest in good.items() if now.get(p) != digest)
    extra = sorted(p for p in now if p not in good)
    before, after = [], []
    for path in restore:
        before.append("# %s\n%s" % (path, _read_text(path) if path in now else "(missing)\n"))
        after.append("# %s\n%s" % (path, _read_text(os.path.join(saved_root, path.lstrip("/")))))
    for path in extra:
        before.append("# %s\n%s" % (path, _read_text(path)))
        after.append("# %s\n(moved aside)\n" % path)
    diff = {"before": "".join(before)[:MAX_DIFF_CHARS], "after": "".join(after)[:MAX_DIFF_CHARS],
            "before_header": "broken configuration", "after_header": "known-good configuration (%s)" % manifest.get("taken_at")}
    details = {"restored": restore, "moved_aside": extra, "known_good_taken_at": manifest.get("taken_at")}
    if check_mode:
        return result(True, outcome(host, "rollback_config", subject, "warning",
                                    "The broken configuration of %s would be rolled back to the copy of %s (check mode)."
                                    % (name, manifest.get("taken_at")),
                                    "Konfigurasi %s yang rusak akan dikembalikan ke salinan %s (mode uji)."
                                    % (name, manifest.get("taken_at")), details, evidence=broken_lines), diff)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    rejected = os.path.join(_store_dir(known_good_dir, name), "rejected-%s" % stamp)
    moved = []
    for path in restore + extra:
        if path in now:
            target = os.path.join(rejected, path.lstrip("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(path, target)
            moved.append(path)
    for path in extra:
        os.unlink(path)
    for path in restore:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copy2(os.path.join(saved_root, path.lstrip("/")), path)
    details["broken_copy_kept_in"] = rejected
    retest = hst.run_command(svc["config_test"])
    if retest["rc"] != 0:
        # Undo: the known-good copy does not pass either; put back exactly what was there.
        for path in restore:
            if path not in now:
                os.unlink(path)
        for path in moved:
            shutil.copy2(os.path.join(rejected, path.lstrip("/")), path)
        return result(True, outcome(
            host, "rollback_config", subject, "critical",
            "Rolling back the %s configuration did not help (the known-good copy fails too); it was put back as it was."
            % name,
            "Pengembalian konfigurasi %s tidak membantu; konfigurasi dikembalikan seperti semula." % name,
            details, evidence=(retest["output"] or "").strip().splitlines()[-5:],
            actions=[cat.vendor_action()]), diff)
    state = hst.service_state(svc)
    if state["running"]:
        reload = reload_service(svc)
        details["reload_rc"] = reload["rc"]
    else:
        started = ensure_service(host, raw_svc, check_mode=False, wait=wait)
        details["start"] = started["finding"]["status"]
        if started.get("needs_service_manager"):
            return result(True, outcome(
                host, "rollback_config", subject, "warning",
                "The %s configuration was rolled back; the service manager must start it." % name,
                "Konfigurasi %s telah dikembalikan; pengelola layanan harus menjalankannya." % name, details),
                diff, needs_service_manager=True)
    state = wait_running(svc, None, wait)[0]
    if state["running"]:
        return result(True, outcome(
            host, "rollback_config", subject, "ok",
            "The broken %s configuration was rolled back to the copy of %s; it passes its test and the service answers."
            % (name, manifest.get("taken_at")),
            "Konfigurasi %s yang rusak dikembalikan ke salinan %s; lulus uji dan layanan menjawab."
            % (name, manifest.get("taken_at")), details), diff)
    return result(True, outcome(
        host, "rollback_config", subject, "critical",
        "The %s configuration was rolled back and passes its test, but the service still does not answer." % name,
        "Konfigurasi %s telah dikembalikan dan lulus uji, tetapi layanan masih tidak menjawab." % name,
        details, actions=[cat.vendor_action()]), diff)


# --------------------------------------------------------------------------
# free_disk
# --------------------------------------------------------------------------
ROTATED_RE = re.compile(r"(\.\d+|[-.]\d{8}|[-.]\d{4}-\d{2}-\d{2})$")
COMPRESSED = (".gz", ".xz", ".bz2", ".zst", ".lz4", ".zip")


def open_files() -> set:
    """Files some process holds open (only those we may see)."""
    found = set()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        fd_dir = "/proc/%s/fd" % pid
        try:
            for fd in os.listdir(fd_dir):
                try:
                    found.add(os.readlink(os.path.join(fd_dir, fd)))
                except OSError:
                    continue
        except OSError:
            continue
    return found


def _compressible_logs(log_dir, older_than_days, busy):
    cutoff = time.time() - older_than_days * 86400
    out = []
    try:
        names = sorted(os.listdir(log_dir))
    except OSError:
        return out
    for name in names:
        path = os.path.join(log_dir, name)
        if name.endswith(COMPRESSED) or not ROTATED_RE.search(name):
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_mtime > cutoff or os.path.realpath(path) in busy:
            continue
        out.append((path, st.st_size))
    return out


def gzip_file(path):
    """Compress a file beside itself (.gz), keep its times and mode, then remove it."""
    target = path + ".gz"
    tmp = target + ".tmp"
    try:
        with open(path, "rb") as src, gzip.open(tmp, "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        shutil.copystat(path, tmp)
        os.rename(tmp, target)
    except OSError:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    os.unlink(path)
    return os.path.getsize(target)


def _dir_entries_size(path):
    total, count = 0, 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
                count += 1
            except OSError:
                continue
    return total, count


def _verified(path, suffixes):
    return any(os.path.exists(path + s) for s in suffixes)


def backups_to_prune(backup_set, now=None) -> list:
    """Backups a retention rule lets go: never the newest, never the newest verified one."""
    now = now or time.time()
    base = backup_set["path"]
    pattern = backup_set.get("pattern", "*")
    keep_count = int(backup_set.get("keep_count", 7))
    keep_days = float(backup_set.get("keep_days", 30))
    suffixes = backup_set.get("verified_suffixes") or [".verified", ".sha256"]
    sidecars = tuple(suffixes)
    try:
        names = [n for n in os.listdir(base) if fnmatch.fnmatch(n, pattern) and not n.endswith(sidecars)]
    except OSError:
        return []
    entries = []
    for name in names:
        path = os.path.join(base, name)
        try:
            entries.append((os.lstat(path).st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    if not entries:
        return []
    keep = {entries[0][1]}
    keep.update(path for _mtime, path in entries[:keep_count])
    verified = [path for _mtime, path in entries if _verified(path, suffixes)]
    if verified:
        keep.add(verified[0])
    keep.update(p for mtime, p in entries if now - mtime < keep_days * 86400)
    return [path for _mtime, path in entries if path not in keep]


def _usage_ok(paths, target):
    usage = {}
    for path in paths:
        if os.path.exists(path):
            usage[path] = hst.disk_usage(path)
    return usage, all(max(u["used_percent"], u["inodes_used_percent"]) < target for u in usage.values())


@cat.step("free_disk", target="disk")
def free_disk(host, spec, check_mode=False):
    """Compress rotated logs, clear caches, prune backups (when allowed); verify usage."""
    paths = [p for p in spec.get("paths") or [] if p]
    target = float(spec.get("target_percent", 90))
    log_dirs = spec.get("log_dirs") or []
    cache_dirs = spec.get("cache_dirs") or []
    backup_sets = spec.get("backup_sets") or []
    prune = bool(spec.get("prune_backups", False))
    subject = "disk:%s" % ",".join(paths or ["-"])
    busy = open_files()
    plan = []
    for cache in cache_dirs:
        if os.path.isdir(cache):
            size, count = _dir_entries_size(cache)
            if count:
                plan.append(("clear_cache", cache, size))
    for entry in log_dirs:
        entry = {"path": entry} if isinstance(entry, str) else entry
        for path, size in _compressible_logs(entry["path"], float(entry.get("compress_after_days", 1)), busy):
            plan.append(("compress", path, size))
    prune_plan = []
    for bset in backup_sets if prune else []:
        for path in backups_to_prune(bset):
            try:
                prune_plan.append(("prune_backup", path, os.lstat(path).st_size))
            except OSError:
                continue
    usage_before, ok_before = _usage_ok(paths, target)
    if prune and not ok_before:
        plan.extend(prune_plan)
    diff = {"before": "".join("%s\n" % path for _act, path, _size in plan),
            "after": "".join("%s: %s (%d bytes)\n" % (a, p, s) for a, p, s in plan)}
    details = {"planned": [{"action": a, "path": p, "bytes": s} for a, p, s in plan], "target_percent": target,
               "usage_before": usage_before}
    if not plan:
        status = "ok" if ok_before else "critical"
        return result(False, outcome(
            host, "free_disk", subject, status,
            "Disk space is fine; nothing to clean." if ok_before else
            "The disk is still full and there is nothing safe left to clean automatically.",
            "Ruang disk cukup; tidak ada yang perlu dibersihkan." if ok_before else
            "Disk masih penuh dan tidak ada lagi yang aman untuk dibersihkan otomatis.",
            details, actions=[] if ok_before else [cat.vendor_action()]))
    if check_mode:
        return result(True, outcome(host, "free_disk", subject, "warning",
                                    "%d clean-up steps would free about %d kB (check mode)."
                                    % (len(plan), sum(size for *_step, size in plan) // 1024),
                                    "%d langkah pembersihan akan membebaskan sekitar %d kB (mode uji)."
                                    % (len(plan), sum(size for *_step, size in plan) // 1024), details), diff)
    done, errors = [], []
    for act, path, _size in plan:
        try:
            if act == "clear_cache":
                for name in os.listdir(path):
                    item = os.path.join(path, name)
                    if os.path.isdir(item) and not os.path.islink(item):
                        shutil.rmtree(item)
                    else:
                        os.unlink(item)
            elif act == "compress":
                gzip_file(path)
            elif act == "prune_backup":
                os.unlink(path)
                for suffix in (".verified", ".sha256"):
                    if os.path.exists(path + suffix):
                        os.unlink(path + suffix)
            done.append("%s %s" % (act, path))
        except OSError as exc:
            errors.append("%s %s: %s" % (act, path, exc.strerror or exc))
    usage_after, ok_after = _usage_ok(paths, target)
    details.update(done=done, errors=errors, usage_after=usage_after)
    freed = sum(usage_before[p]["used_bytes"] - usage_after[p]["used_bytes"] for p in usage_after if p in usage_before)
    if ok_after:
        return result(True, outcome(host, "free_disk", subject, "ok",
                                    "Disk space was freed (%d clean-up steps); usage is now below %.0f%%."
                                    % (len(done), target),
                                    "Ruang disk telah dibebaskan (%d langkah); pemakaian kini di bawah %.0f%%."
                                    % (len(done), target), dict(details, freed_bytes=freed), evidence=errors),
                      diff)
    return result(True, outcome(host, "free_disk", subject, "critical",
                                "Some disk space was freed but the disk is still above %.0f%%." % target,
                                "Sebagian ruang disk dibebaskan tetapi pemakaian masih di atas %.0f%%." % target,
                                dict(details, freed_bytes=freed), evidence=errors, actions=[cat.vendor_action()]),
                  diff)


# --------------------------------------------------------------------------
# renew_cert
# --------------------------------------------------------------------------
@cat.step("renew_cert", target="site", options=("certbot", "renew_within_days", "min_days_after"))
def renew_certificate(host, site, certbot=("certbot",), renew_within_days=21, min_days_after=7, check_mode=False):
    """Renew one certificate with certbot (dry run in check mode) and verify its new expiry."""
    name = site.get("name", "?")
    subject = site.get("url") or name
    cert_path = site.get("tls_cert")
    cert_name = site.get("cert_name")
    if not cert_path or not cert_name:
        raise RemediationError("site %s needs tls_cert and cert_name to renew its certificate" % name)
    try:
        before = hst.certificate_expiry(cert_path)
        days_before = (before - datetime.datetime.now(datetime.timezone.utc)).total_seconds() / 86400
    except (OSError, ValueError):
        before, days_before = None, -1
    details = {"site": name, "cert_name": cert_name, "days_left_before": round(days_before, 1),
               "not_after_before": fnd.utc_now_iso(before) if before else None}
    if days_before > renew_within_days:
        return result(False, outcome(host, "renew_cert", subject, "ok",
                                     "The certificate of %s is valid for %d more days; no renewal needed."
                                     % (name, int(days_before)),
                                     "Sertifikat %s masih berlaku %d hari; tidak perlu diperbarui." % (name, int(days_before)),
                                     details))
    argv = list(hst.split_command(certbot)) + ["renew", "--cert-name", cert_name, "--non-interactive",
                                               "--force-renewal"] + list(site.get("certbot_args") or [])
    if check_mode:
        argv = [a for a in argv if a != "--force-renewal"] + ["--dry-run"]
    run = hst.run_command(argv, timeout=300)
    lines = (run["output"] or run["error"]).strip().splitlines()[-6:]
    details.update(certbot_rc=run["rc"], command=" ".join(argv))
    diff = {"before": "%s expires %s\n" % (cert_name, details["not_after_before"]),
            "after": "%s renewed\n" % cert_name}
    if check_mode:
        status = "warning" if run["rc"] == 0 else "critical"
        return result(True, outcome(
            host, "renew_cert", subject, status,
            ("The certificate of %s would be renewed; the certbot dry run passed." % name) if run["rc"] == 0
            else "The certbot dry run for %s failed, so a renewal would fail too." % name,
            ("Sertifikat %s akan diperbarui; uji certbot lulus." % name) if run["rc"] == 0
            else "Uji certbot untuk %s gagal, sehingga pembaruan juga akan gagal." % name,
            details, evidence=lines, actions=[] if run["rc"] == 0 else [cat.vendor_action()]), diff)
    try:
        after = hst.certificate_expiry(cert_path)
        days_after = (after - datetime.datetime.now(datetime.timezone.utc)).total_seconds() / 86400
    except (OSError, ValueError):
        after, days_after = None, -1
    details.update(days_left_after=round(days_after, 1), not_after_after=fnd.utc_now_iso(after) if after else None)
    if run["rc"] == 0 and days_after >= min_days_after:
        return result(True, outcome(host, "renew_cert", subject, "ok",
                                    "The certificate of %s was renewed; it is now valid for %d days."
                                    % (name, int(days_after)),
                                    "Sertifikat %s telah diperbarui; kini berlaku %d hari." % (name, int(days_after)),
                                    details), diff)
    return result(run["rc"] == 0, outcome(
        host, "renew_cert", subject, "critical",
        "Renewing the certificate of %s failed; it still expires in %d days." % (name, int(days_after)),
        "Pembaruan sertifikat %s gagal; masih kedaluwarsa dalam %d hari." % (name, int(days_after)),
        details, evidence=lines, actions=[cat.vendor_action()]), diff)


# --------------------------------------------------------------------------
# fix_permissions
# --------------------------------------------------------------------------
def _ids(owner, group):
    uid = gid = -1
    if owner:
        import pwd
        uid = int(owner) if str(owner).isdigit() else pwd.getpwnam(owner).pw_uid
    if group:
        import grp
        gid = int(group) if str(group).isdigit() else grp.getgrnam(group).gr_gid
    return uid, gid


def _wanted_mode(mode, is_dir, file_mode, dir_mode):
    configured = dir_mode if is_dir else file_mode
    if configured:
        return int(str(configured), 8)
    new = mode & ~0o002
    if is_dir and not new & 0o011:
        new |= 0o055
    if not is_dir and not new & 0o044:
        new |= 0o044
    return new


@cat.step("fix_permissions", target="site")
def fix_permissions(host, site, check_mode=False):
    """Reset owner/group and modes in a docroot (symlinks untouched); verify with a re-scan."""
    name = site.get("name", "?")
    subject = site.get("url") or name
    docroot = site.get("docroot")
    if not docroot or not os.path.isdir(docroot):
        raise RemediationError("site %s: docroot %r is not a directory" % (name, docroot))
    owner, group = site.get("docroot_owner"), site.get("docroot_group")
    file_mode, dir_mode = site.get("docroot_file_mode"), site.get("docroot_dir_mode")
    try:
        uid, gid = _ids(owner, group)
    except KeyError as exc:
        raise RemediationError("site %s: unknown owner or group %s" % (name, exc)) from None
    changes = []
    for root, dirs, files in os.walk(docroot):
        dirs.sort()
        for entry in [None] + sorted(files):
            path = root if entry is None else os.path.join(root, entry)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                continue
            mode = stat.S_IMODE(st.st_mode)
            want = _wanted_mode(mode, stat.S_ISDIR(st.st_mode), file_mode, dir_mode)
            chown = (uid != -1 and st.st_uid != uid) or (gid != -1 and st.st_gid != gid)
            if want != mode or chown:
                changes.append((path, mode, want, st.st_uid, st.st_gid, chown))

    def rel(path):
        return os.path.relpath(path, docroot)

    diff = {"before": "".join("%s %04o %s:%s\n" % (rel(p), m, u, g) for p, m, _want, u, g, _chown in changes),
            "after": "".join("%s %04o %s:%s\n" % (rel(p), w, uid if c and uid != -1 else u, gid if c and gid != -1 else g)
                             for p, _mode, w, u, g, c in changes)}
    details = {"site": name, "docroot": docroot, "changed_paths": len(changes)}
    if not changes:
        return result(False, outcome(host, "fix_permissions", subject, "ok",
                                     "The owner and permissions of the files of %s are already correct." % name,
                                     "Pemilik dan izin berkas %s sudah benar." % name, details))
    if check_mode:
        return result(True, outcome(host, "fix_permissions", subject, "warning",
                                    "%d files of %s would get corrected permissions (check mode)." % (len(changes), name),
                                    "%d berkas %s akan diperbaiki izinnya (mode uji)." % (len(changes), name), details),
                      diff)
    errors = []
    for path, _mode, want, _u, _g, chown in changes:
        try:
            if chown:
                os.lchown(path, uid, gid)
            os.chmod(path, want)
        except OSError as exc:
            errors.append("%s: %s" % (rel(path), exc.strerror))
    scan = hst.scan_docroot(docroot, owner, group, file_mode, dir_mode)
    left = {k: v for k, v in scan["problems"].items() if isinstance(v, list) and v}
    details.update(errors=errors[:20], remaining={k: len(v) for k, v in left.items()})
    if not left and not errors:
        return result(True, outcome(host, "fix_permissions", subject, "ok",
                                    "The permissions of %d files of %s were corrected and checked." % (len(changes), name),
                                    "Izin %d berkas %s telah diperbaiki dan diperiksa." % (len(changes), name), details),
                      diff)
    return result(True, outcome(host, "fix_permissions", subject, "critical",
                                "Some files of %s still have wrong owner or permissions." % name,
                                "Beberapa berkas %s masih memiliki pemilik atau izin yang salah." % name,
                                details, evidence=errors[:5] + ["%s: %s" % (k, ", ".join(v[:5])) for k, v in left.items()],
                                actions=[cat.vendor_action()]), diff)


# --------------------------------------------------------------------------
# restore_site (verification after sitekeeper.website.site_restore)
# --------------------------------------------------------------------------
def _restore_summary(restore):
    """The part of a site_restore result a finding keeps: the set, what changes, and any error."""
    keep = ("set", "set_path", "changed", "files", "failed", "msg")
    return {key: restore[key] for key in keep if key in restore}


def _files(count):
    return "%d file%s" % (count, "" if count == 1 else "s")


def _planned_changes(restore):
    """(number of files the restore adds, changes or removes; the first paths of each) from its files plan."""
    total, paths = 0, []
    for archive in restore.get("files") or []:
        counts = archive.get("counts") or {}
        total += sum(int(counts.get(kind) or 0) for kind in ("added", "changed", "removed"))
        paths += list(archive.get("changed_files") or []) + list(archive.get("added") or []) \
            + list(archive.get("removed") or [])
    return total, paths


@cat.step("verify_site", target="site", options=("restore",))
def verify_site(host, site, restore=None, check_mode=False, http_timeout: float = 5.0):
    """Re-check a restored site: no defacement sign and the site answers.

    ``restore`` is sitekeeper.website.site_restore's result for the site. A restore that failed, or that
    never ran, is said as such (never "restored"); in check mode the result is site_restore's plan and the
    outcome predicts it: which set would be restored and which files would change."""
    name = site.get("name", "?")
    subject = site.get("url") or name
    restore = restore or {}
    details = {"site": name, "restore": _restore_summary(restore)}
    if restore.get("failed") or not restore.get("set"):
        reason = str(restore.get("msg") or "the restore did not run")[:150]
        return result(False, outcome(host, "restore_site", subject, "critical",
                                     "%s could not be restored: %s" % (name, reason),
                                     "%s tidak dapat dipulihkan: %s" % (name, reason), details,
                                     actions=[cat.vendor_action()]))
    total, paths = _planned_changes(restore)
    if check_mode:
        if not restore.get("changed"):
            return result(False, outcome(
                host, "restore_site", subject, "ok",
                "%s already matches its newest verified backup (%s): restoring would change nothing."
                % (name, restore["set"]),
                "%s sudah sama dengan cadangan terverifikasi terbarunya (%s): pemulihan tidak mengubah apa pun."
                % (name, restore["set"]), details))
        return result(True, outcome(
            host, "restore_site", subject, "warning",
            "%s would be restored from the backup set %s: %s would be added, changed or removed."
            % (name, restore["set"], _files(total)),
            "%s akan dipulihkan dari set cadangan %s: %d berkas akan ditambah, diubah atau dihapus."
            % (name, restore["set"], total), details, evidence=paths[:10], actions=[cat.fix_action("restore_site")]))
    diag = chk.Diagnosis(host)
    chk.check_defacement(diag, [site], 0.0, chk.DEFACE_MARKERS)
    if site.get("url") or site.get("check_url"):
        chk.check_site_response(diag, [site], http_timeout)
    bad = [f for f in diag.findings if f["status"] == "critical"]
    details["checks"] = [f["check"] for f in diag.findings]
    changed = bool(restore.get("changed"))
    if changed:
        done = "%s was restored from the backup set %s (%s)" % (name, restore["set"], _files(total))
        done_id = "%s telah dipulihkan dari set cadangan %s (%d berkas)" % (name, restore["set"], total)
    else:
        done = "%s already matched its newest verified backup (%s), nothing was restored" % (name, restore["set"])
        done_id = "%s sudah sama dengan cadangan terverifikasi terbarunya (%s), tidak ada yang dipulihkan" % (
            name, restore["set"])
    if bad:
        return result(changed, outcome(
            host, "restore_site", subject, "critical",
            "%s, but it still fails its check: %s" % (done, bad[0]["summary"][:150]),
            "%s, tetapi masih gagal diperiksa." % done_id, details,
            evidence=[f["summary"] for f in bad], actions=[cat.vendor_action()]))
    return result(changed, outcome(
        host, "restore_site", subject, "ok",
        "%s and checked: it answers and shows no defacement." % done,
        "%s dan diperiksa: menjawab dan tidak ada perusakan." % done_id, details))


# --------------------------------------------------------------------------
# block_attackers (verification after the audit activity's blocking tasks)
# --------------------------------------------------------------------------
def _client(item):
    if isinstance(item, dict):
        return str(item.get("client") or item.get("address") or "")
    return str(item)


@cat.step("verify_block", target="addresses", options=("block",), required=False, check_mode=False)
def verify_block(host, requested, block=None):
    """Check the audit's blocking result: every requested address is blocked or was refused on purpose."""
    wanted = sorted({_client(r) for r in requested or [] if _client(r)})
    subject = "host:%s" % host
    if not wanted:
        return result(False, outcome(host, "block_attackers", subject, "ok",
                                     "No attacking address needed blocking.",
                                     "Tidak ada alamat penyerang yang perlu diblokir.", {"requested": []}))
    block = block or {}
    blocked = {_client(b) for b in block.get("blocked") or []}
    refused = {_client(r) for r in block.get("refused") or []}
    missing = [a for a in wanted if a not in blocked and a not in refused]
    details = {"requested": wanted, "blocked": sorted(blocked & set(wanted)), "refused": sorted(refused & set(wanted)),
               "added": [_client(a) for a in block.get("added") or []]}
    changed = bool(details["added"])
    if missing:
        return result(changed, outcome(host, "block_attackers", subject, "critical",
                                       "%d attacking addresses could not be blocked." % len(missing),
                                       "%d alamat penyerang tidak dapat diblokir." % len(missing),
                                       dict(details, missing=missing), actions=[cat.vendor_action()]))
    return result(changed, outcome(
        host, "block_attackers", subject, "ok",
        "%d attacking addresses are blocked (%d protected addresses were left alone)."
        % (len(details["blocked"]), len(details["refused"])),
        "%d alamat penyerang diblokir (%d alamat yang dilindungi tidak diblokir)."
        % (len(details["blocked"]), len(details["refused"])), details))


# --------------------------------------------------------------------------
# quarantine_files (the role scans, quarantines and restores, scans again; verify_quarantine judges)
# --------------------------------------------------------------------------
def _file_line(item):
    where = ("restored from %s" % item["restored_from"] if item.get("restored_from") else
             "would be restored from %s" % item["restore_from"] if item.get("action") == "would restore" else
             "quarantined only (no clean copy in a verified backup)")
    return "%s [%s, sha256 %s]: %s" % (item["path"], item.get("kind"), str(item.get("sha256"))[:16], where)


@cat.step("quarantine_files", target="site", options=("scan", "quarantine"))
def quarantine_files(host, site, scan=None, quarantine=None, check_mode=False):
    """Move the site's flagged files into the quarantine and put back their clean copies (check mode: the plan).

    ``scan`` is sitekeeper.website.docroot_scan's result for the site, ``quarantine`` the settings (dir,
    backup_dir, allowed, kinds). The outcome is judged by verify_quarantine after the role scans again."""
    try:
        done = qua.run(host, site, scan or {}, quarantine or {}, check_mode=check_mode)
    except qua.QuarantineError as exc:
        raise RemediationError(str(exc)) from None
    name = site.get("name", "?")
    status = "warning" if done["files"] else "ok"
    finding = outcome(host, "quarantine_files", site.get("url") or name, status,
                      "%s: %d flagged file(s) %s." % (name, len(done["files"]),
                                                      "would be quarantined" if check_mode else "handled"),
                      "%s: %d berkas mencurigakan %s." % (name, len(done["files"]),
                                                          "akan dikarantina" if check_mode else "ditangani"),
                      {"site": name}, evidence=[_file_line(i) for i in done["files"][:10]])
    return result(done["changed"], finding, quarantined=done,
                  diff={"before": {"flagged": [i["path"] for i in done["files"]]},
                        "after": {"quarantined": [i["path"] for i in done["files"]],
                                  "restored": ["%s <- backup set %s" % (i["path"], i.get("restored_from")
                                                                        or i.get("restore_from"))
                                               for i in done["files"] if i.get("restored_from") or i.get("restore_from")]}})


def _quarantine_problems(host, site, q, scan, http_timeout):
    """What still fails after the quarantine: the re-scan, skipped files, the site's answer, cloaking."""
    problems = list(q.get("problems") or [])
    problems += ["%s: %s" % (s["path"], s["reason"]) for s in q.get("skipped") or []
                 if not s["reason"].startswith("listed as allowed")]
    allowed = {s["path"] for s in q.get("skipped") or [] if s["reason"].startswith("listed as allowed")}
    checks = {}
    if not scan or scan.get("failed") or scan.get("skipped") or "flagged" not in scan:
        problems.append("the scan after the quarantine did not run: %s" % str((scan or {}).get("msg") or "no result")[:150])
    else:
        kinds = tuple(q.get("kinds") or qua.DEFAULT_KINDS)
        still = [f for f in scan["flagged"] if f.get("kind") in kinds and f.get("path") not in allowed]
        checks["rescan_flagged"] = len(still)
        problems += ["still flagged by the re-scan: %s [%s]" % (f.get("path"), f.get("kind")) for f in still[:10]]
    url = site.get("check_url") or site.get("url")
    if url:
        diag = chk.Diagnosis(host)
        chk.check_site_response(diag, [site], http_timeout)
        bad = [f for f in diag.findings if f["status"] != "ok"]
        problems += [f["summary"] for f in bad]
        cloak, checks["cloaking"] = qua.cloaking_problems(url, http_timeout)
        problems += cloak
    return problems, checks


@cat.step("verify_quarantine", target="site", options=("quarantined", "scan"))
def verify_quarantine(host, site, quarantined=None, scan=None, check_mode=False, http_timeout: float = 5.0):
    """The quarantine_files outcome: after the quarantine and restore, a re-scan (``scan``) flags none of the
    files, the site answers and a search crawler sees no gambling text; else critical, for the third party,
    with each file's path, hash and excerpt. In check mode: the plan (which files, from which set)."""
    name = site.get("name", "?")
    subject = site.get("url") or name
    q = (quarantined or {}).get("quarantined") or {}
    if (quarantined or {}).get("failed") or "files" not in q:
        # A site whose scan failed was skipped: its scan's error (the loop item) says why.
        reason = str((quarantined or {}).get("msg") or ((quarantined or {}).get("item") or {}).get("msg")
                     or "the quarantine did not run")[:150]
        return result(False, outcome(host, "quarantine_files", subject, "critical",
                                     "The suspicious files of %s could not be quarantined: %s" % (name, reason),
                                     "Berkas mencurigakan %s tidak dapat dikarantina: %s" % (name, reason),
                                     {"site": name}, actions=[cat.vendor_action()]))
    files = q["files"]
    restored = [i for i in files if i.get("restored_from") or i.get("restore_from")]
    keys = ("path", "relpath", "sha256", "kind", "excerpt", "action", "restored_from", "restore_from", "quarantine")
    details = {"site": name, "files": [{k: i.get(k) for k in keys} for i in files[:50]],
               "skipped": (q.get("skipped") or [])[:50], "sets": (q.get("sets") or [])[:5]}
    evidence = [_file_line(i) for i in files[:10]]
    if check_mode:
        if not files:
            return result(False, outcome(host, "quarantine_files", subject, "ok",
                                         "%s: no flagged file to quarantine." % name,
                                         "%s: tidak ada berkas mencurigakan untuk dikarantina." % name, details))
        return result(True, outcome(
            host, "quarantine_files", subject, "warning",
            "%s: %d flagged file(s) would be quarantined, %d of them restored from a verified backup."
            % (name, len(files), len(restored)),
            "%s: %d berkas mencurigakan akan dikarantina, %d di antaranya dipulihkan dari cadangan terverifikasi."
            % (name, len(files), len(restored)), details, evidence=evidence,
            actions=[cat.fix_action("quarantine_files")]))
    problems, details["checks"] = _quarantine_problems(host, site, q, scan, http_timeout)
    done = "%s: %d file(s) quarantined, %d restored from a verified backup" % (name, len(files), len(restored))
    done_id = "%s: %d berkas dikarantina, %d dipulihkan dari cadangan terverifikasi" % (name, len(files), len(restored))
    if not files:
        done, done_id = "%s: no flagged file to quarantine" % name, "%s: tidak ada berkas mencurigakan" % name
    changed = bool(q.get("changed"))
    if problems:
        details["problems"] = problems[:20]
        return result(changed, outcome(
            host, "quarantine_files", subject, "critical", "%s, but: %s" % (done, problems[0][:200]),
            "%s, tetapi masih ada masalah: %s" % (done_id, problems[0][:200]), details,
            evidence=(evidence + problems)[:20], actions=[cat.vendor_action()]))
    return result(changed, outcome(
        host, "quarantine_files", subject, "ok",
        "%s; a re-scan flags nothing, the site answers and a search crawler sees the visitors' page." % done,
        "%s; pemindaian ulang bersih, situs menjawab dan mesin pencari melihat halaman yang sama." % done_id,
        details, evidence=evidence))
