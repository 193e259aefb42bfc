# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the Windows scripts sent, checked and joined with the IIS configuration.

The scripts (roles/*/files/*.ps1) each document the JSON they return; load() accepts that JSON as
a dict or as text (win_powershell's ``output`` list holds it as its first item) and refuses anything
else with a message naming what is missing. join_sites() ties each inventory site to its IIS site.
"""

from __future__ import annotations

import json

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import iis_config

# Keys each script's JSON has (see the scripts' headers).
REQUIRED = ("collected_at",)


class FactsError(ValueError):
    """The script's output does not have the documented shape."""


def load(raw) -> dict:
    """The script's JSON as a dict: a dict, a JSON text, or win_powershell's ``output`` list."""
    if isinstance(raw, list):
        raw = raw[0] if len(raw) == 1 else None
    if isinstance(raw, (str, bytes)):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise FactsError("the Windows script did not return JSON: %s" % exc) from None
    if not isinstance(raw, dict):
        raise FactsError("the Windows script returned no JSON object")
    missing = [key for key in REQUIRED if key not in raw]
    if missing:
        raise FactsError("the Windows script's JSON lacks %s" % ", ".join(missing))
    return raw


def config_of(facts: dict) -> dict:
    """The parsed applicationHost.config the script sent (with the host's own variables)."""
    if not facts.get("config"):
        raise FactsError("the Windows script sent no applicationHost.config")
    return iis_config.parse(facts["config"], facts.get("env"))


def join_sites(sites: list, config: dict) -> list:
    """[(index, inventory site, IIS site or None)] in the inventory's order."""
    return [(index, site, iis_config.site_for(config, site)) for index, site in enumerate(sites or [])
            if isinstance(site, dict)]


def subject_of(site: dict) -> str:
    """The subject the Linux findings use for a site: its URL, else its name."""
    return str(site.get("url") or site.get("name") or "site")


def drive_of(path: str) -> str:
    """``C:\\inetpub\\wwwroot`` -> ``C:\\`` (a UNC path keeps its \\\\server\\share\\)."""
    path = (path or "").replace("/", "\\")
    if path.startswith("\\\\"):
        parts = path.split("\\")
        return "\\\\%s\\%s\\" % (parts[2], parts[3]) if len(parts) > 3 else path
    return path[:2].upper() + "\\" if len(path) >= 2 and path[1] == ":" else path


def disk_usage(disks, paths, warn, crit):
    """Yield (root, size, free, used percent, status, summary, summary_id) for each reported drive holding
    one of ``paths`` (every drive when none is named): the one judgement of a Windows disk, shared by the
    monitor (activity 1) and the diagnosis (activity 7)."""
    wanted = {drive_of(p) for p in paths if p}
    for disk in disks or []:
        root = drive_of(disk.get("root", ""))
        size, free = int(disk.get("size_bytes") or 0), int(disk.get("free_bytes") or 0)
        if (wanted and root not in wanted) or size <= 0:
            continue
        used = 100.0 * (size - free) / size
        status = "critical" if used >= crit else "warning" if used >= warn else "ok"
        if status == "ok":
            summary = "The disk holding %s has enough free space (%.0f%% used)." % (root, used)
            summary_id = "Disk %s masih cukup (terpakai %.0f%%)." % (root, used)
        else:
            summary = "The disk holding %s is %s: %.0f%% of its space is used." % (
                root, "full" if status == "critical" else "nearly full", used)
            summary_id = "Disk %s %s: %.0f%% ruang terpakai." % (
                root, "penuh" if status == "critical" else "hampir penuh", used)
        yield root, size, free, used, status, summary, summary_id
