# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 3 on a Windows web host: bring only the new bytes of each IIS W3C log to the controller.

The controller keeps a mirror of each site's log folder (``<mirror>/<host>/W3SVC<id>/u_ex*.log``); the
size of a mirrored file is how far the host's file was already fetched (the fetch cursor). plan()
reads the IIS configuration for each site's log folder (``<logFile directory>\\W3SVC<id>``) and the
mirror for the offsets; the host's log script sends each file's bytes from its offset (gzip, base64);
apply() appends them. The audit then reads the mirror on the controller with the ``iis`` format and its
own cursor, exactly as it reads a Linux host's logs. A host file shorter than its mirror was replaced:
its mirror starts again from the host's first byte.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import os
import re
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts as hf

_SAFE = re.compile(r"[^A-Za-z0-9._-]")


class MirrorError(ValueError):
    """A file the log script sent cannot be placed in the mirror."""


def host_dir(mirror_dir: str, host: str) -> str:
    return os.path.join(mirror_dir, _SAFE.sub("_", host) or "host")


def folder_name(folder: str) -> str:
    """``C:\\inetpub\\logs\\LogFiles\\W3SVC2`` -> ``W3SVC2`` (the mirror's subfolder)."""
    return _SAFE.sub("_", folder.replace("/", "\\").rstrip("\\").rsplit("\\", 1)[-1]) or "logs"


def plan(host: str, sites: list, facts, mirror_dir: str) -> dict:
    """{requests: [{folder, offsets}], sites: [site with access_logs on the controller], skipped_sites}."""
    facts = hf.load(facts)
    config = hf.config_of(facts)
    requests, audit_sites, skipped = {}, [], []
    for _index, site, iis_site in hf.join_sites(sites, config):
        if iis_site is None:
            why = "IIS has no site named %s" % (site.get("iis_site") or site.get("name"))
            skipped.append({"site": site.get("name"), "problem": why})
            continue
        log = iis_site["log"]
        if not log["enabled"] or str(log.get("format", "W3C")).upper() != "W3C":
            state = "off" if not log["enabled"] else "not W3C (%s)" % log["format"]
            why = "IIS logging of %s is %s" % (iis_site["name"], state)
            skipped.append({"site": site.get("name"), "problem": why})
            continue
        local = os.path.join(host_dir(mirror_dir, host), folder_name(log["folder"]))
        offsets = {}
        if os.path.isdir(local):
            offsets = {name: os.path.getsize(os.path.join(local, name)) for name in sorted(os.listdir(local))
                       if name.lower().endswith(".log")}
        requests[log["folder"]] = {"folder": log["folder"], "offsets": offsets}
        keep = {k: v for k, v in site.items() if k not in ("access_logs", "access_log_format")}
        audit_sites.append(dict(keep, access_logs=[os.path.join(local, "*.log")], access_log_format="iis"))
    return {"requests": list(requests.values()), "sites": audit_sites, "skipped_sites": skipped}


def _payload(entry) -> bytes:
    text = entry.get("data_gzip_base64") or ""
    if not text:
        return b""
    try:
        return gzip.decompress(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError, OSError, EOFError) as exc:
        raise MirrorError("the bytes of %s did not arrive intact: %s" % (entry.get("name"), exc)) from None


def apply_file(local_dir: str, entry: dict, check_mode=False) -> dict:
    """Write one file's new bytes at its offset. Returns what was done."""
    name = os.path.basename(str(entry.get("name") or "").replace("\\", "/"))
    if not name.lower().endswith(".log"):
        raise MirrorError("the log script sent %r, which is not a .log file" % entry.get("name"))
    path = os.path.join(local_dir, name)
    offset = int(entry.get("offset") or 0)
    have = os.path.getsize(path) if os.path.exists(path) else 0
    data = _payload(entry)
    done = {"file": path, "offset": offset, "bytes": len(data), "restarted": False, "more": bool(entry.get("more"))}
    if offset > have:
        raise MirrorError("%s: the host sent bytes from %d but the mirror holds %d" % (name, offset, have))
    if offset < have:
        done["restarted"] = True  # the host's file was replaced (shorter than what was fetched)
    if check_mode or (not data and offset == have):
        return done
    os.makedirs(local_dir, exist_ok=True)
    with open(path, "r+b" if os.path.exists(path) else "wb") as handle:
        handle.seek(offset)
        handle.truncate()
        handle.write(data)
    return done


def prune(local_dir: str, keep_days: float, now=None, check_mode=False) -> list:
    """Mirror files not written for ``keep_days`` (the host's own retention keeps the originals)."""
    now = now or time.time()
    removed = []
    if not os.path.isdir(local_dir):
        return removed
    for name in sorted(os.listdir(local_dir)):
        path = os.path.join(local_dir, name)
        if name.lower().endswith(".log") and now - os.path.getmtime(path) > keep_days * 86400:
            removed.append(path)
            if not check_mode:
                os.unlink(path)
    return removed


def apply(host: str, sent, mirror_dir: str, keep_days: float = 14, check_mode=False) -> dict:
    """{changed, files, pruned, problems} after writing what the log script sent."""
    sent = hf.load(sent)
    files, problems, dirs = [], [], set()
    for entry in sent.get("files") or []:
        local = os.path.join(host_dir(mirror_dir, host), folder_name(str(entry.get("folder") or "")))
        dirs.add(local)
        if entry.get("error"):
            problems.append({"file": entry.get("name"), "problem": str(entry["error"])[:300]})
            continue
        try:
            files.append(apply_file(local, entry, check_mode))
        except (MirrorError, OSError) as exc:
            problems.append({"file": entry.get("name"), "problem": str(exc)[:300]})
    pruned = [p for d in sorted(dirs) for p in prune(d, keep_days, check_mode=check_mode)]
    return {"changed": any(f["bytes"] or f["restarted"] for f in files) or bool(pruned), "files": files,
            "pruned": pruned, "problems": problems}
