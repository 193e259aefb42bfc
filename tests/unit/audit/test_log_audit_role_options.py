"""The log_audit role exposes the module's allow_params and second_opinion options: a default, an
argument spec with a description, and the value passed to the module (the role's run itself is
exercised by tests/integration/test_audit.py)."""

from pathlib import Path

import yaml

ROLE = Path(__file__).resolve().parents[3] / "roles" / "log_audit"
NEW = {"log_audit_allow_params": ("list", [], "allow_params"),
       "log_audit_second_opinion": ("bool", True, "second_opinion")}


def load(name):
    return yaml.safe_load((ROLE / name).read_text(encoding="utf-8"))


def module_task():
    tasks = load("tasks/main.yml")
    return next(t for t in tasks if "sitekeeper.website.access_log_audit" in t)


def test_defaults_and_argument_specs_agree():
    defaults = load("defaults/main.yml")
    spec = load("meta/argument_specs.yml")["argument_specs"]["main"]["options"]
    for var, (kind, default, _option) in NEW.items():
        assert defaults[var] == default
        assert spec[var]["type"] == kind and spec[var]["default"] == default
        assert spec[var]["description"]


def test_the_module_gets_the_variables():
    task = module_task()
    args = task["sitekeeper.website.access_log_audit"]
    for var, (_kind, _default, option) in NEW.items():
        assert var in args[option]
    # a site of the inventory may carry its own allowed parameters (added to the host-wide list)
    assert {"audit_allow_params", "allow_params"} <= set(task["vars"]["__log_audit_site_keys"])
