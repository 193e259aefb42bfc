# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Quarantine of files the docroot scan flagged, and their clean copies from the verified backups.

A flagged file is moved out of the docroot into ``<quarantine_dir>/<site>/<sha256>/`` (its content
as ``content``, mode 0600, and ``metadata.json``: where it lived, owner, mode, times, the scan's kind,
score, signals and excerpt, and what replaced it). Nothing is ever deleted. Its clean version comes
from the newest *verified* backup set (activity 2's ``manifest.json`` says ``verification.status:
ok``, the archive still has the checksum the manifest recorded) whose copy of the file has other
content than the flagged one: the set made by this very run may already hold the infected file.

The backup package is another concern, so the set layout is read here from its documented files
(docs/backup.md): ``<dest>/<host>-<UTC time>/manifest.json`` with ``contents`` items of ``kind:
files``, the site's name, ``role: docroot``, the archive ``file`` and its ``sha256``; the archive is
a tar of ``.`` in the docroot, compressed with zstd or gzip. Standard library only (and the zstd
program for ``.zst`` archives).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import tarfile
import tempfile
import urllib.error
import urllib.parse

from ansible.module_utils.urls import ConnectionError as UrlsConnectionError
from ansible.module_utils.urls import Request

from ansible_collections.sitekeeper.website.plugins.module_utils.core import files as core_files

# Kinds of flagged files quarantined by default: an unexpected change alone may be the admin's own edit.
DEFAULT_KINDS = ("webshell", "spam_injection", "suspicious_upload")
SET_RE = re.compile(r"^[A-Za-z0-9._-]+-\d{8}T\d{6}Z$")
SHA_RE = re.compile(r"^[0-9a-fA-F]{64}$")
CHUNK = 1 << 20
# Sets looked at for a clean copy, newest first (older sets rarely hold a newer clean file).
MAX_SETS = 30
# A restored file is held in memory while it is read from the archive.
MAX_RESTORE_BYTES = 64 * 1024 * 1024
EXCERPT_CHARS = 300
BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
CRAWLER_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
# Gambling vocabulary (Indonesian and English) of injected spam, as in the public reports of defaced
# Indonesian government sites; matched on lower-cased page text.
GAMBLING_TERMS = ("slot gacor", "judi online", "judi slot", "situs slot", "slot online", "togel", "maxwin",
                  "bandar judi", "agen judi", "sbobet", "slot88", "rtp slot", "casino online", "judi bola",
                  "poker online", "deposit pulsa", "scatter hitam")


class QuarantineError(Exception):
    """The quarantine cannot be planned (bad input); the message says what is wrong."""


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _within(path: str, root: str) -> bool:
    root = root.rstrip(os.sep) or os.sep
    return path == root or path.startswith(root + os.sep)


def is_allowed(path: str, roots, allowed, sha256: str = "") -> bool:
    """True when the admin listed the file as allowed - the docroot scan's own rule: its absolute path, its path
    relative to one of the scanned roots, or its sha256."""
    rels = {os.path.relpath(path, root) for root in roots if _within(path, root)}
    for entry in allowed or []:
        entry = str(entry).strip()
        if not entry:
            continue
        if SHA_RE.match(entry):
            if sha256 and entry.lower() == sha256.lower():
                return True
        elif entry.startswith("/"):
            if os.path.normpath(entry) == path:
                return True
        elif os.path.normpath(entry) in rels:
            return True
    return False


def excerpt(text) -> str:
    """A short excerpt as plain text on one line (attacker-written: kept as data, never interpreted)."""
    return " ".join(str(text or "").split())[:EXCERPT_CHARS]


# --------------------------------------------------------------------------- verified backup sets


def verified_sets(backup_dir: str, site_name: str, docroot: str) -> list:
    """The verified sets holding the site's docroot archive, newest first: {set, archive, sha256}."""
    if not backup_dir or not os.path.isdir(backup_dir):
        return []
    found = []
    for name in sorted(os.listdir(backup_dir), reverse=True):
        if not SET_RE.match(name):
            continue
        path = os.path.join(backup_dir, name)
        try:
            with open(os.path.join(path, "manifest.json"), encoding="utf-8") as handle:
                manifest = json.load(handle)
        except (OSError, ValueError):
            continue
        if not isinstance(manifest, dict) or (manifest.get("verification") or {}).get("status") != "ok":
            continue
        for item in manifest.get("contents") or []:
            if (item.get("kind") == "files" and item.get("site") == site_name and item.get("role") == "docroot"
                    and item.get("file") and item.get("sha256") and item.get("engine") != "restic"
                    and os.path.realpath(item.get("source") or "") == os.path.realpath(docroot)):
                found.append({"set": name, "archive": os.path.join(path, item["file"]), "sha256": item["sha256"],
                              "time": name.rsplit("-", 1)[-1]})
    found.sort(key=lambda s: s["time"], reverse=True)
    return found[:MAX_SETS]


def _open_stream(archive: str):
    """(tar stream, process or None) reading a compressed tar without unpacking it to disk."""
    if archive.endswith(".gz"):
        return tarfile.open(archive, mode="r|gz"), None
    if archive.endswith(".zst"):
        zstd = shutil.which("zstd")
        if not zstd:
            raise QuarantineError("zstd is needed to read %s but is not installed" % os.path.basename(archive))
        proc = subprocess.Popen([zstd, "-q", "-d", "-c", archive], stdout=subprocess.PIPE,  # noqa: S603
                                stderr=subprocess.DEVNULL)
        return tarfile.open(fileobj=proc.stdout, mode="r|"), proc
    raise QuarantineError("unknown archive type: %s" % os.path.basename(archive))


def read_members(archive: str, wanted) -> dict:
    """{relative path: (bytes, mode)} of the wanted regular files found in the archive (one pass)."""
    names = {"./" + rel: rel for rel in wanted}
    names.update({rel: rel for rel in wanted})
    out = {}
    stream, proc = _open_stream(archive)
    try:
        for member in stream:
            rel = names.get(member.name)
            if rel is None or not member.isreg() or member.size > MAX_RESTORE_BYTES:
                continue
            handle = stream.extractfile(member)
            out[rel] = (handle.read() if handle else b"", member.mode & 0o7777)
            if len(out) == len(wanted):
                break
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise QuarantineError("cannot read %s: %s" % (os.path.basename(archive), exc)) from None
    finally:
        stream.close()
        if proc is not None:
            proc.stdout.close()
            proc.kill()
            proc.wait()
    return out


def clean_copies(sets, wanted: dict) -> tuple:
    """For each relative path (→ flagged sha256): the newest verified copy with other content.

    Sets are looked at newest first. A set holding the flagged content is passed over (the infected
    file was backed up); a set without the file ends the search for it (the file did not exist then, so
    there is nothing to put back: an older copy would resurrect a file that was deleted on purpose).
    Returns ({rel: {set, data, mode, sha256}}, [problems]). An archive whose checksum no longer
    matches its manifest is not used (it is no verified copy any more)."""
    found, problems, settled = {}, [], set()
    for candidate in sets:
        missing = [rel for rel in wanted if rel not in found and rel not in settled]
        if not missing:
            break
        try:
            if sha256_file(candidate["archive"]) != candidate["sha256"]:
                problems.append("%s: its archive no longer matches its checksum, not used" % candidate["set"])
                continue
            members = read_members(candidate["archive"], missing)
        except (OSError, QuarantineError) as exc:
            problems.append("%s: %s" % (candidate["set"], exc))
            continue
        for rel in missing:
            if rel not in members:
                settled.add(rel)
                continue
            data, mode = members[rel]
            digest = hashlib.sha256(data).hexdigest()
            if digest != wanted[rel]:
                found[rel] = {"set": candidate["set"], "data": data, "mode": mode, "sha256": digest}
    return found, problems


# --------------------------------------------------------------------------- the quarantine store


def store_dir(quarantine_dir: str, site_name: str, sha256: str) -> str:
    return os.path.join(quarantine_dir, re.sub(r"[^A-Za-z0-9._-]", "_", site_name)[:64] or "site", sha256)


def _move_into_store(path: str, target_dir: str, sha256: str) -> None:
    """Move the file's content into the store (rename on one file system, else copy, check, unlink)."""
    os.makedirs(target_dir, mode=0o700, exist_ok=True)
    content = os.path.join(target_dir, "content")
    if os.path.exists(content) and sha256_file(content) == sha256:
        os.unlink(path)
        return
    try:
        os.rename(path, content)
    except OSError:
        fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=".content.")
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        if sha256_file(tmp) != sha256:
            os.unlink(tmp)
            raise QuarantineError("the copy of %s in the quarantine does not match its hash" % path) from None
        os.replace(tmp, content)
        os.unlink(path)
    os.chmod(content, 0o600)


def _record_location(target_dir: str, sha256: str, location: dict) -> None:
    meta_path = os.path.join(target_dir, "metadata.json")
    try:
        with open(meta_path, encoding="utf-8") as handle:
            meta = json.load(handle)
    except (OSError, ValueError):
        meta = {"sha256": sha256, "content": "content", "locations": []}
    meta["locations"] = [loc for loc in meta.get("locations") or [] if loc.get("path") != location["path"]]
    meta["locations"].append(location)
    core_files.write_atomic(meta_path, json.dumps(meta, indent=1, sort_keys=True), mode=0o600)


def _write_restored(path: str, copy: dict, owner) -> None:
    """Put the clean copy at ``path`` in one step (same folder temp file, then rename)."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".sitekeeper-restore.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(copy["data"])
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, copy["mode"] & 0o777 or 0o644)
        if owner is not None and os.geteuid() == 0:
            os.chown(tmp, owner[0], owner[1])
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def now_iso() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def apply_item(item: dict, copy, quarantine_dir: str, site_name: str, host: str) -> dict:
    """Quarantine one planned file and put its clean copy back; returns what was done."""
    path = item["path"]
    st = os.lstat(path)
    target_dir = store_dir(quarantine_dir, site_name, item["sha256"])
    location = {"path": path, "relpath": item["relpath"], "site": site_name, "host": host, "size": st.st_size,
                "mode": "%04o" % stat.S_IMODE(st.st_mode), "uid": st.st_uid, "gid": st.st_gid,
                "mtime": datetime.datetime.fromtimestamp(st.st_mtime, datetime.timezone.utc).isoformat(),
                "kind": item["kind"], "score": item.get("score"), "severity": item.get("severity"),
                "signals": item.get("signals") or [], "excerpt": item.get("excerpt", ""),
                "quarantined_at": now_iso(), "restored_from": copy["set"] if copy else None,
                "restored_sha256": copy["sha256"] if copy else None}
    _move_into_store(path, target_dir, item["sha256"])
    _record_location(target_dir, item["sha256"], location)
    done = dict(item, quarantine=target_dir, action="quarantined")
    if copy:
        _write_restored(path, copy, (st.st_uid, st.st_gid))
        if sha256_file(path) != copy["sha256"]:
            raise QuarantineError("the restored %s does not match the backup copy" % path)
        done.update(action="restored", restored_from=copy["set"], restored_sha256=copy["sha256"])
    return done


# --------------------------------------------------------------------------- verification helpers


def fetch_as(url: str, agent: str, timeout: float = 5.0, max_bytes: int = 262144) -> dict:
    """GET the site as a given user agent (a visitor's browser, or a search crawler)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return {"status": None, "body": "", "error": "not an http(s) address"}
    try:
        with Request().open("GET", url, timeout=timeout, validate_certs=False, http_agent=agent,
                            follow_redirects="urllib2", use_netrc=False) as resp:
            return {"status": resp.status, "body": resp.read(max_bytes).decode("utf-8", "replace"), "error": ""}
    except urllib.error.HTTPError as exc:
        return {"status": exc.code, "body": "", "error": str(exc)}
    except (urllib.error.URLError, UrlsConnectionError, OSError, ValueError) as exc:
        return {"status": None, "body": "", "error": str(getattr(exc, "reason", exc))}


def gambling_terms(text: str) -> list:
    low = (text or "").lower()
    return [term for term in GAMBLING_TERMS if term in low]


def cloaking_problems(url: str, timeout: float = 5.0) -> tuple:
    """Problems seen when the page is fetched as a visitor and as a search crawler, and the details."""
    browser = fetch_as(url, BROWSER_AGENT, timeout)
    crawler = fetch_as(url, CRAWLER_AGENT, timeout)
    problems = []
    for who, answer in (("visitors", browser), ("a search crawler", crawler)):
        terms = gambling_terms(answer["body"])
        if terms:
            problems.append("%s are shown gambling text (%s)" % (who, ", ".join(terms[:5])))
    if browser["status"] != crawler["status"]:
        problems.append("a search crawler gets HTTP %s where visitors get HTTP %s"
                        % (crawler["status"], browser["status"]))
    details = {"url": url, "browser_status": browser["status"], "crawler_status": crawler["status"]}
    return problems, details


# --------------------------------------------------------------------------- plan and apply


def site_roots(site: dict) -> list:
    """The folders of a site the scan walked: its docroot and its docroot_extra_paths (absolute, real)."""
    roots = [site.get("docroot")] + list(site.get("docroot_extra_paths") or [])
    return [os.path.realpath(os.path.expanduser(r)) for r in roots if r]


def _skip(flag: dict, reason: str) -> dict:
    return {"path": str(flag.get("path")), "sha256": str(flag.get("sha256") or ""), "kind": flag.get("kind"),
            "excerpt": excerpt(flag.get("excerpt")), "reason": reason}


def _check_flag(flag: dict, roots, allowed, kinds):
    """(item to plan, None) or (None, skipped entry) or (None, None) when the flag is not ours to act on."""
    raw = os.path.abspath(str(flag.get("path") or "/"))
    sha = str(flag.get("sha256") or "").lower()
    if flag.get("kind") not in kinds:
        return None, None
    # The folder is resolved (a link inside the tree is fine), the file itself never is: a link is not moved.
    path = os.path.join(os.path.realpath(os.path.dirname(raw)), os.path.basename(raw))
    if not any(_within(path, root) for root in roots) or path in roots:
        return None, _skip(flag, "outside the site's folders: never touched")
    if is_allowed(path, roots, allowed, sha):
        return None, _skip(flag, "listed as allowed by the admin: never touched")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None, None  # gone already (an earlier run quarantined it): nothing to do
    if not stat.S_ISREG(st.st_mode):
        return None, _skip(flag, "not a regular file (a link or a device): never touched")
    if not SHA_RE.match(sha) or sha256_file(path) != sha:
        return None, _skip(flag, "its content changed since the scan: scan again before quarantining")
    docroot = roots[0]
    rel = os.path.relpath(path, docroot) if _within(path, docroot) else None
    return {"path": path, "relpath": rel, "sha256": sha, "kind": flag.get("kind"), "score": flag.get("score"),
            "severity": flag.get("severity"), "signals": list(flag.get("signals") or [])[:20],
            "excerpt": excerpt(flag.get("excerpt"))}, None


def plan(site: dict, scan: dict, settings: dict) -> dict:
    """What would be done for the site: {items: [...with restore_from], skipped, problems, sets}."""
    if not site.get("docroot"):
        raise QuarantineError("the site %s has no docroot" % site.get("name", "?"))
    roots = site_roots(site)
    allowed = list(settings.get("allowed") or []) + list(site.get("docroot_allowed") or [])
    kinds = tuple(settings.get("kinds") or DEFAULT_KINDS)
    items, skipped = [], []
    for flag in (scan or {}).get("flagged") or []:
        if not isinstance(flag, dict):
            continue
        item, skip = _check_flag(flag, roots, allowed, kinds)
        if item:
            items.append(item)
        if skip:
            skipped.append(skip)
    sets = verified_sets(settings.get("backup_dir") or "", site.get("name", ""), site["docroot"])
    wanted = {i["relpath"]: i["sha256"] for i in items if i["relpath"]}
    copies, problems = clean_copies(sets, wanted) if wanted and sets else ({}, [])
    for item in items:
        copy = copies.get(item["relpath"]) if item["relpath"] else None
        item["restore_from"] = copy["set"] if copy else None
    return {"items": items, "skipped": skipped, "problems": problems, "sets": [s["set"] for s in sets],
            "copies": copies, "kinds": list(kinds)}


def run(host: str, site: dict, scan: dict, settings: dict, check_mode: bool = False) -> dict:
    """Plan, and unless in check mode quarantine and restore. Returns {changed, files, skipped, problems, sets}."""
    planned = plan(site, scan, settings)
    copies = planned.pop("copies")
    files = []
    if check_mode:
        files = [dict(i, action="would restore" if i["restore_from"] else "would quarantine") for i in planned["items"]]
    else:
        quarantine_dir = settings.get("dir") or ""
        if planned["items"] and not quarantine_dir:
            raise QuarantineError("no quarantine folder is set")
        for item in planned["items"]:
            copy = copies.get(item["relpath"]) if item["relpath"] else None
            try:
                files.append(apply_item(item, copy, quarantine_dir, site.get("name", "site"), host))
            except (OSError, QuarantineError) as exc:
                planned["problems"].append("%s: %s" % (item["path"], exc))
                files.append(dict(item, action="failed", error=str(exc)[:300]))
    return {"changed": bool(planned["items"]), "files": files, "skipped": planned["skipped"],
            "problems": planned["problems"], "sets": planned["sets"], "kinds": planned["kinds"],
            "check_mode": bool(check_mode)}
