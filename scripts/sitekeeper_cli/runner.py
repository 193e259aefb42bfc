"""Running playbooks through ansible-runner and reading their results from events."""

from __future__ import annotations

import os
import shutil
import sys
import time

import ansible_runner

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# CLI activity name -> playbook under playbooks/.
ACTIVITIES = {
    "sop": "sop.yml",
    "monitor": "monitor.yml",
    "backup": "backup.yml",
    "restore": "restore.yml",
    "audit": "audit.yml",
    "renewals": "renewals.yml",
    "report": "report.yml",
    "remediate": "remediate.yml",
    "troubleshoot": "troubleshoot.yml",
}
REPORT_FORMATS = ("html", "pdf", "markdown", "json")


class Progress:
    """Live progress on a terminal (current task, hosts done / total, elapsed);
    plain lines in a pipe. Fed by ansible-runner's event handler."""

    def __init__(self, stream=None, title: str = ""):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.title = title
        self.start = time.monotonic()
        self.task = ""
        self.task_hosts = set()
        self.task_done = set()
        self.hosts = set()

    def _elapsed(self) -> str:
        return "%ds" % (time.monotonic() - self.start)

    def _show(self) -> None:
        total = len(self.task_hosts) or len(self.hosts)
        line = "%s | %s | hosts %d/%d | %s" % (
            self.title, self.task[:60], len(self.task_done), total, self._elapsed())
        if self.tty:
            width = shutil.get_terminal_size((100, 20)).columns - 1
            self.stream.write("\r\033[K" + line[:width])
            self.stream.flush()

    def __call__(self, event: dict) -> bool:
        kind = event.get("event", "")
        data = event.get("event_data", {})
        host = data.get("host")
        if kind == "playbook_on_task_start":
            self.task = data.get("task", "")
            self.task_hosts, self.task_done = set(), set()
            if not self.tty:
                self.stream.write("%s task: %s\n" % (self._elapsed(), self.task))
        elif kind == "runner_on_start" and host:
            self.task_hosts.add(host)
            self.hosts.add(host)
        elif kind in ("runner_on_ok", "runner_on_failed", "runner_on_skipped", "runner_on_unreachable") and host:
            self.task_done.add(host)
            if not self.tty and kind in ("runner_on_failed", "runner_on_unreachable"):
                if not data.get("ignore_errors"):
                    self.stream.write("%s %s: %s\n" % (self._elapsed(), kind[len("runner_on_"):], host))
        self._show()
        return True

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


def prune_runs(runs_dir: str, keep: int) -> None:
    """Keep the newest `keep` run folders (names sort by time)."""
    if not os.path.isdir(runs_dir):
        return
    names = sorted(n for n in os.listdir(runs_dir) if os.path.isdir(os.path.join(runs_dir, n)))
    for name in names[: max(0, len(names) - keep)]:
        shutil.rmtree(os.path.join(runs_dir, name), ignore_errors=True)


def run_playbook(playbook: str, inventory: str, data_dir: str, run_id: str, limit=None, check=False,
                 tags=None, extravars=None, title="", artifacts_keep: int = 30):
    """Run one playbook of this repo; artifacts go to DATA_DIR/runs/RUN_ID/."""
    runs_dir = os.path.join(data_dir, "runs")
    private = os.path.join(runs_dir, run_id)
    os.makedirs(private, exist_ok=True)
    cmdline = []
    if check:
        cmdline.append("--check")
    if tags:
        cmdline += ["--tags", tags]
    env = {
        "ANSIBLE_CONFIG": os.path.join(REPO, "ansible.cfg"),
        "SITEKEEPER_DATA_DIR": data_dir,
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
    }
    extravars = dict(extravars or {}, sitekeeper_run_id=run_id)
    progress = Progress(title=title)
    try:
        runner = ansible_runner.run(
            private_data_dir=private,
            project_dir=REPO,
            playbook=os.path.join(REPO, "playbooks", playbook),
            inventory=os.path.abspath(inventory),
            extravars=extravars,
            envvars=env,
            limit=limit,
            cmdline=" ".join(cmdline) or None,
            event_handler=progress,
            quiet=True,
            rotate_artifacts=1,
            ident=os.path.basename(playbook).rsplit(".", 1)[0],
        )
    finally:
        progress.finish()
    prune_runs(runs_dir, artifacts_keep)
    return runner


def _ok_results(runner):
    for event in runner.events:
        if event.get("event") == "runner_on_ok":
            yield event.get("event_data", {}).get("res") or {}


def published_findings(runner) -> list:
    """Findings the roles published (the findings role's set_fact), from runner events."""
    found = []
    for res in _ok_results(runner):
        facts = res.get("ansible_facts") or {}
        for finding in facts.get("sitekeeper_findings_published") or []:
            try:
                found.append(fnd.validate(finding))
            except fnd.FindingError:
                continue
    return found


def report_paths(runner) -> dict:
    """Paths of the situation report files, from the report task's result."""
    paths = {}
    for res in _ok_results(runner):
        candidate = res.get("report_paths")
        if isinstance(candidate, dict):
            paths.update({k: v for k, v in candidate.items() if k in REPORT_FORMATS and v})
    return paths


def run_problems(runner) -> list:
    """One line per failed or unreachable host task, and Ansible's own errors."""
    problems = []
    for event in runner.events:
        kind = event.get("event")
        data = event.get("event_data", {})
        if kind in ("runner_on_failed", "runner_on_unreachable") and not data.get("ignore_errors"):
            res = data.get("res") or {}
            if res.get("argument_errors"):
                # A role variable of the wrong type, caught by meta/argument_specs.yml.
                text = "wrong role variable: " + "; ".join(str(e) for e in res["argument_errors"])
            else:
                lines = str(res.get("msg") or res.get("stderr") or "failed").strip().splitlines()
                text = "%s: %s" % (data.get("task", "?"), lines[0] if lines else "failed")
            problems.append("%s: %s" % (data.get("host", "?"), text))
        elif kind == "verbose":
            text = (event.get("stdout") or "").strip()
            if text.startswith(("ERROR!", "[ERROR]")):
                problems.append(text.splitlines()[0])
    return problems


def run_failed(runner) -> bool:
    stats = runner.stats or {}
    return runner.status != "successful" or bool(stats.get("failures")) or bool(stats.get("dark"))
