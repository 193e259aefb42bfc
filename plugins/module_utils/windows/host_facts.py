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
