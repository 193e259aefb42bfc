"""Shared helpers: the real-shaped Windows artefacts of tests/data/windows/."""

import json
import os

import pytest

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "windows")


def data_path(name):
    return os.path.join(DATA, name)


def read(name):
    with open(data_path(name), encoding="utf-8") as handle:
        return handle.read()


def load_json(name):
    return json.loads(read(name))


@pytest.fixture
def facts():
    """What iis_facts.ps1 returned on the sample host (its documented shape)."""
    return load_json("iis_facts.json")


# The inventory's sites of the sample host: one named in IIS by iis_site, one by its own name, one absent.
SITES = [
    {"name": "pa-contoh", "iis_site": "PA Contoh", "url": "https://pa-contoh.go.id/"},
    {"name": "SIPP", "url": "https://sipp.pa-contoh.go.id/"},
    {"name": "tidak-ada", "iis_site": "Tidak Ada", "url": "https://tidak-ada.pa-contoh.go.id/"},
]
