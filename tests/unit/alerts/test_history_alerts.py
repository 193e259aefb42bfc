"""The alerting tables in the history (schema 2): an older history still reads, and upgrades on the next write."""

import sqlite3

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history, history_alerts
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_alerts import AlertBook


def version_one(path):
    conn = sqlite3.connect(path)
    conn.executescript(history.MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.close()


def test_a_schema_one_history_reads_without_alert_tables_and_upgrades_on_write(tmp_path):
    path = str(tmp_path / "h.sqlite")
    version_one(path)
    with history.HistoryStore(path, readonly=True) as store:
        assert store.schema_version() == 1 and not history_alerts.has_alert_tables(store)
        assert store.runs() == []
    with AlertBook(path) as book:
        assert book.schema_version() == len(history.MIGRATIONS) >= 2
        book.set_availability_targets({"http://a.example/": 99.9})
        assert history_alerts.read_targets(book) == {"http://a.example/": 99.9}
        assert book.set_availability_targets({"http://a.example/": 99.9}) == 0  # unchanged: no write


def test_outages_open_close_and_overlap(tmp_path):
    with AlertBook(str(tmp_path / "h.sqlite")) as book:
        book.save_alert_changes([], opened=[("availability.http", "u", "web1", "2026-12-01T00:00:00Z")])
        assert book.open_outages() == {("availability.http", "u"): "2026-12-01T00:00:00Z"}
        book.save_alert_changes([], closed=[("availability.http", "u", "2026-12-01T01:00:00Z")])
        assert book.open_outages() == {}
        assert len(book.outages("2026-12-01T00:30:00Z", "2026-12-02T00:00:00Z")) == 1
        assert book.outages("2026-12-01T01:00:00Z", "2026-12-02T00:00:00Z") == []
