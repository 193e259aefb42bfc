"""Shared helpers of the docroot scan tests."""

import os

import pytest

SHELLS = "/work/shared/data/webshell-dev/webshell"
BENIGN = "/work/shared/data/webshell-dev/benign"


def sample(*parts):
    """Bytes of a file of the shared web-shell corpus (read, never executed)."""
    path = os.path.join(*parts)
    if not os.path.isfile(path):
        pytest.fail("the shared web-shell corpus file %s is missing" % path)
    with open(path, "rb") as handle:
        return handle.read()


def scan(paths, **opts):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot.scan import run

    return run(dict(opts, paths=[str(p) for p in paths]), "web1")


def flagged_paths(result):
    return {f["relative_path"]: f for f in result["flagged"]}
