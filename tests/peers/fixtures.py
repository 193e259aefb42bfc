"""pytest fixtures starting the RDAP and WHOIS peers (module scope, stopped by PID)."""

import datetime
import os

import pytest

from tests.peers import REPO, start_peer

DATA = os.path.join(REPO, "tests", "data", "renewals")


@pytest.fixture(scope="module")
def rdap_peer():
    """The RDAP peer; its dates count from the day of each request (UTC)."""
    peer = start_peer("rdap_server", "--data", os.path.join(DATA, "rdap"), "--ratelimit", "busy.test")
    yield peer
    peer.stop()


@pytest.fixture(scope="module")
def rdap_peer_today():
    """The RDAP peer with its day fixed at `peer.today`: a test that passes that day to the check
    sees the same number of days left even when the run crosses midnight (UTC)."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    peer = start_peer("rdap_server", "--data", os.path.join(DATA, "rdap"), "--ratelimit", "busy.test",
                      "--today", today.isoformat())
    peer.today = today
    yield peer
    peer.stop()


@pytest.fixture(scope="module")
def whois_peer():
    peer = start_peer("whois_server", "--data", os.path.join(DATA, "whois"), "--slow", "slow.test",
                      "--slow-seconds", "4")
    yield peer
    peer.stop()
