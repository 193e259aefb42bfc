"""What "identical" means when a run is recorded again (issue 15, idempotence).

Identical is the same run id and activity with the same findings and metrics. The findings
Sitekeeper writes itself for a host that answered nothing are stamped with the time of
recording, so that stamp must not make a repeated recording of the same run a change. A new
run is always a change: the history gains a completion (the SOP compliance table moves)."""

from __future__ import annotations

import itertools

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history


def _finding():
    return fnd.make_finding(1, "availability.http_status", "web1", "https://pn.example/", "ok",
                            "The site answers.", {}, observed_at="2026-12-04T06:00:00Z")


def test_recording_the_same_run_again_with_a_silent_host_is_no_change(tmp_path, monkeypatch):
    path = str(tmp_path / "history.sqlite")
    # Every call of the clock is a minute later: each recording happens at another time.
    minutes = itertools.count(1)
    monkeypatch.setattr(fnd, "utc_now_iso", lambda: "2026-12-04T06:%02d:00Z" % next(minutes))
    first = history.record_activity(1, [_finding()], [], ["web1", "web2"], "RUN-1", None, path)
    again = history.record_activity(1, [_finding()], [], ["web1", "web2"], "RUN-1", None, path)
    assert first["changed"] is True and again["changed"] is False
    # A different finding is a change, and so is a new run with the same findings.
    other = dict(_finding(), status="critical")
    assert history.record_activity(1, [other], [], ["web1", "web2"], "RUN-1", None, path)["changed"] is True
    assert history.record_activity(1, [other], [], ["web1", "web2"], "RUN-2", None, path)["changed"] is True
    with history.HistoryStore(path, readonly=True) as store:
        silent = [f for f in store.newest_findings(since="2026-01-01T00:00:00Z", until="2027-01-01T00:00:00Z")
                  if f["host"] == "web2"]
    assert [f["check"] for f in silent] == ["run.host_unreachable"]
