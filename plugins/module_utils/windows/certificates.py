# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 4 on a Windows web host: the certificates bound to its IIS sites.

Each https binding of an inventory site's IIS site names a certificate (hash and store, IIS 8 and
later keep them in applicationHost.config); the certificate script sends the store's certificates
(LocalMachine\\My and WebHosting) with their DER bytes and Windows' own chain check. pairs() joins the
two into (target, fetched) pairs in the shape renewals.tls_certs.evaluate() takes, so the module
judges them with that same function: the same ``renewals.tls_certificate`` finding, same wording.
A binding whose certificate is not in the store is a fetched entry with the reason as its error.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts as hf

DEFAULT_THRESHOLDS = (30, 14, 7)


def _store_index(store) -> dict:
    return {str(c.get("thumbprint", "")).replace(" ", "").upper(): c for c in store or []}


def _server_name(binding, site) -> str:
    if binding.get("host_name"):
        return binding["host_name"]
    url_host = urllib.parse.urlsplit(str(site.get("url") or "")).hostname
    return url_host or str(site.get("name") or "")


def binding_subject(iis_site, binding) -> str:
    """The subject of a binding's finding: distinct from the URL the controller probes."""
    return "IIS %s https %s:%s%s" % (iis_site["name"], binding.get("address") or "*", binding.get("port") or 443,
                                     (" " + binding["host_name"]) if binding.get("host_name") else "")


def fetched_from_store(cert) -> dict:
    """The fetch result evaluate() reads, from one store entry of the script."""
    try:
        der = base64.b64decode(cert.get("der_base64") or "", validate=True)
    except (binascii.Error, ValueError):
        der = b""
    if not der:
        return {"error": "the certificate store sent no certificate bytes", "der": None}
    valid = cert.get("chain_valid")
    return {"error": None, "der": der, "chain_valid": valid if isinstance(valid, bool) else None,
            "chain_error": None if valid else (cert.get("chain_status") or "the Windows chain check failed"),
            "protocol": None}


def pairs(host: str, sites: list, facts, thresholds=DEFAULT_THRESHOLDS) -> list:
    """[(target, fetched)] for every https binding of every inventory site's IIS site."""
    facts = hf.load(facts)
    config = hf.config_of(facts)
    store = _store_index(facts.get("certificates"))
    out = []
    for _index, site, iis_site in hf.join_sites(sites, config):
        if iis_site is None or site.get("tls_check") is False:
            continue
        for binding in iis_site["bindings"]:
            if binding["protocol"] != "https":
                continue
            target = {"host": host, "subject": binding_subject(iis_site, binding),
                      "server_name": _server_name(binding, site),
                      "address": "%s:%s" % (binding.get("address") or "*", binding.get("port") or 443),
                      "thresholds": list(site.get("tls_thresholds") or thresholds), "ca_file": None,
                      "iis_site": iis_site["name"], "thumbprint": binding.get("certificate_hash"),
                      "store": binding.get("certificate_store")}
            thumb = binding.get("certificate_hash")
            if not thumb:
                fetched = {"error": "the binding names no certificate in applicationHost.config (an older IIS keeps "
                                    "it with netsh http sslcert)", "der": None}
            elif thumb not in store:
                fetched = {"error": "the certificate %s of the binding is not in LocalMachine\\%s"
                                    % (thumb, binding.get("certificate_store") or "My"), "der": None}
            else:
                fetched = fetched_from_store(store[thumb])
            out.append((target, fetched))
    return out
