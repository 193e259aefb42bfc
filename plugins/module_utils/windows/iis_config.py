# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""IIS configuration as the controller needs it, read from ``applicationHost.config`` and appcmd output.

Standard library only (runs on the controller: the Windows host only sends the file's text).
What is read, per site: its id and name, bindings (protocol, address, port, host name, and for https
the certificate hash and store of the binding), the root application's physical path and application
pool, and the W3C log settings (``<logFile>`` of the site, else ``<siteDefaults>``) with the folder IIS
writes to: ``<directory>\\W3SVC<id>``. Application pools come with their configured auto-start.

The runtime state (Started/Stopped) is not in the configuration; ``appcmd list site /xml`` and
``appcmd list apppool /xml`` give it (parse_appcmd).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

DEFAULT_LOG_DIRECTORY = r"%SystemDrive%\inetpub\logs\LogFiles"
# IIS's own defaults for variables a configuration commonly uses; the host's real values override them.
DEFAULT_ENV = {"systemdrive": "C:", "systemroot": r"C:\Windows", "windir": r"C:\Windows"}
_ENV_RE = re.compile(r"%([A-Za-z_][A-Za-z0-9_]*)%")


class IisConfigError(ValueError):
    """The configuration text is not a readable applicationHost.config."""


def _xml(text, what):
    """Parse XML the host sent; a DTD or entity (never in IIS's files) is refused before parsing."""
    data = text.lstrip("\ufeff").encode("utf-8") if isinstance(text, str) else bytes(text or b"")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise IisConfigError("%s holds a DTD or entity, which IIS never writes; refused" % what)
    try:
        return ET.fromstring(data)  # noqa: S314 - DTDs and entities were refused just above
    except ET.ParseError as exc:
        raise IisConfigError("%s is not valid XML: %s" % (what, exc)) from None


def expand(path: str, env=None) -> str:
    """Expand %VARIABLE% like Windows (case-insensitive names; unknown ones are left as they are)."""
    values = dict(DEFAULT_ENV)
    values.update({str(k).lower(): str(v) for k, v in (env or {}).items()})
    return _ENV_RE.sub(lambda m: values.get(m.group(1).lower(), m.group(0)), path or "")


def parse_binding(protocol: str, info: str, element=None) -> dict:
    """One binding: ``*:443:www.example.go.id`` (IP:port:host) for http/https; other protocols kept raw."""
    binding = {"protocol": protocol, "information": info, "address": None, "port": None, "host_name": ""}
    if protocol in ("http", "https"):
        # IPv6 addresses are bracketed, so the last two colons split port and host name.
        head, _sep, host = info.rpartition(":")
        address, _sep, port = head.rpartition(":")
        binding.update(address=address or "*", port=int(port) if port.isdigit() else None, host_name=host)
    if element is not None and protocol == "https":
        cert_hash = (element.get("certificateHash") or "").replace(" ", "").upper()
        binding["certificate_hash"] = cert_hash or None
        binding["certificate_store"] = element.get("certificateStoreName") or ("My" if cert_hash else None)
        binding["sni"] = bool(int(element.get("sslFlags", "0") or 0) & 1)
    return binding


def _log_settings(log_el, defaults: dict) -> dict:
    settings = dict(defaults)
    if log_el is not None:
        for attr, key in (("directory", "directory"), ("logFormat", "format"), ("enabled", "enabled"),
                          ("period", "period"), ("logExtFileFlags", "fields"), ("localTimeRollover", "local_time")):
            if log_el.get(attr) is not None:
                settings[key] = log_el.get(attr)
    settings["enabled"] = str(settings.get("enabled", "true")).lower() != "false"
    return settings


def _root_application(site_el) -> tuple:
    """(root application element, its root virtual directory element) of a site."""
    apps = site_el.findall("application")
    root = next((a for a in apps if a.get("path", "/") == "/"), apps[0] if apps else None)
    if root is None:
        return None, None
    vdirs = root.findall("virtualDirectory")
    vdir = next((v for v in vdirs if v.get("path", "/") == "/"), vdirs[0] if vdirs else None)
    return root, vdir


def parse(text: str, env=None) -> dict:
    """{sites: [...], app_pools: [...]} from the text of applicationHost.config."""
    root = _xml(text, "applicationHost.config")
    sites_el = root.find("system.applicationHost/sites")
    if sites_el is None:
        raise IisConfigError("applicationHost.config has no <system.applicationHost><sites> section")
    defaults_el = sites_el.find("siteDefaults")
    log_defaults = _log_settings(defaults_el.find("logFile") if defaults_el is not None else None,
                                 {"directory": DEFAULT_LOG_DIRECTORY, "format": "W3C", "enabled": "true",
                                  "period": "Daily", "fields": None, "local_time": "false"})
    app_defaults = sites_el.find("applicationDefaults")
    default_pool = (app_defaults.get("applicationPool") if app_defaults is not None else None) or "DefaultAppPool"
    sites = []
    for site_el in sites_el.findall("site"):
        app, vdir = _root_application(site_el)
        site_id = int(site_el.get("id", "0") or 0)
        log = _log_settings(site_el.find("logFile"), log_defaults)
        log["folder"] = "%s\\W3SVC%d" % (expand(log["directory"], env).rstrip("\\"), site_id)
        raw_path = vdir.get("physicalPath") if vdir is not None else None
        sites.append({
            "name": site_el.get("name", ""),
            "id": site_id,
            "server_auto_start": str(site_el.get("serverAutoStart", "true")).lower() != "false",
            "bindings": [parse_binding(b.get("protocol", ""), b.get("bindingInformation", ""), b)
                         for b in site_el.findall("bindings/binding")],
            "physical_path": expand(raw_path, env) if raw_path else None,
            "physical_path_raw": raw_path,
            "app_pool": (app.get("applicationPool") if app is not None else None) or default_pool,
            "log": log,
        })
    pools = []
    for pool_el in root.findall("system.applicationHost/applicationPools/add"):
        pools.append({"name": pool_el.get("name", ""),
                      "auto_start": str(pool_el.get("autoStart", "true")).lower() != "false",
                      "runtime_version": pool_el.get("managedRuntimeVersion"),
                      "pipeline_mode": pool_el.get("managedPipelineMode", "Integrated")})
    return {"sites": sites, "app_pools": pools}


def parse_appcmd(text: str, kind: str) -> dict:
    """{name: state} from ``appcmd list site /xml`` (kind ``SITE``) or ``list apppool /xml`` (``APPPOOL``)."""
    if not (text or "").strip():
        return {}
    root = _xml(text, "appcmd output")
    return {el.get("%s.NAME" % kind, ""): el.get("state", "Unknown") for el in root.iter(kind)}


def site_for(config: dict, site: dict) -> dict | None:
    """The IIS site an inventory site means: its ``iis_site`` name, else its ``name`` (case-insensitive)."""
    wanted = str(site.get("iis_site") or site.get("name") or "").lower()
    return next((s for s in config["sites"] if s["name"].lower() == wanted), None)
