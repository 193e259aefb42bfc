"""The troubleshoot play records activity 6 (fixes) only for the hosts where a fix ran.

playbooks/troubleshoot.yml (and sop.yml) pick those hosts with community.general.json_query; this checks the
pick both ways on a real nginx: a healthy host records no activity 6 run, a stopped nginx that is started does.
"""

import sqlite3

import pytest

from tests.integration.test_troubleshoot import run, web, write_inventory  # noqa: F401 (web is a fixture)

pytestmark = pytest.mark.integration


def recorded(data_dir, activity):
    with sqlite3.connect(str(data_dir / "history.sqlite")) as db:
        runs = db.execute("SELECT count(*) FROM runs WHERE activity = ?", (activity,)).fetchone()[0]
        checks = {row for row in db.execute("SELECT check_id, host FROM findings WHERE activity = ?", (activity,))}
    return runs, checks


def test_activity_6_is_recorded_only_for_hosts_where_a_fix_ran(web, playbook_runner, data_dir, tmp_path):  # noqa: F811
    inventory = write_inventory(tmp_path, data_dir, [web["service"]], [web["site"]])
    run(playbook_runner, inventory, data_dir)
    assert recorded(data_dir, 6) == (0, set())
    assert recorded(data_dir, 7)[0] == 1

    web["nginx"].stop()
    run(playbook_runner, inventory, data_dir)
    runs, checks = recorded(data_dir, 6)
    assert runs == 1 and ("remediate.start_service", "localhost") in checks, checks
