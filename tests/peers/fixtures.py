"""pytest fixtures starting the RDAP and WHOIS peers (module scope, stopped by PID)."""

import os

import pytest

from tests.peers import REPO, start_peer

DATA = os.path.join(REPO, "tests", "data", "renewals")


@pytest.fixture(scope="module")
def rdap_peer():
    peer = start_peer("rdap_server", "--data", os.path.join(DATA, "rdap"), "--ratelimit", "busy.test")
    yield peer
    peer.stop()


@pytest.fixture(scope="module")
def whois_peer():
    peer = start_peer("whois_server", "--data", os.path.join(DATA, "whois"), "--slow", "slow.test",
                      "--slow-seconds", "4")
    yield peer
    peer.stop()
