"""Running playbooks through ansible-runner and reading their results from events."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import sys
import time

import ansible_runner

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from sitekeeper_cli import lock as lk
from sitekeeper_cli import scrub

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
    # The quick watch and its alerts (docs/alerts.md); no SOP activity is recorded.
    "watch": "watch.yml",
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


# -- stopping a run cleanly (SIGINT / SIGTERM of the CLI) ----------------------------------------
class StopRequest:
    """SIGINT/SIGTERM while a playbook runs: remembered, not raised, so the CLI can stop the
    playbook's whole process tree itself (ansible-runner polls it as its cancel callback) and
    report what it stopped, instead of dying with ansible-playbook left running in its own session."""

    def __init__(self):
        self.signum = None
        self.stopped = 0
        self.on_child = None  # called once with the ansible-playbook PID (the run lock records it)
        self._child = None
        self._before = set()

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum else ""

    def _handle(self, signum, _frame):
        self.signum = signum

    @contextlib.contextmanager
    def installed(self):
        # Children from before the run (a test's servers, say) are never taken for the playbook.
        self._before = set(child_pids(os.getpid()))
        old = {sig: signal.signal(sig, self._handle) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for sig, handler in old.items():
                signal.signal(sig, handler)

    def __call__(self) -> bool:
        """ansible-runner's cancel callback (polled about once a second): True stops the run."""
        if self._child is None:
            children = [p for p in child_pids(os.getpid()) if p not in self._before and _is_playbook(p)]
            if children:
                self._child = children[0]
                if self.on_child:
                    self.on_child(self._child)
        if self.signum is None:
            return False
        if self._child is not None and not self.stopped:
            self.stopped = stop_tree(self._child)
        return True


def _stat(pid: int):
    """(ppid, session id) of a live process, or None."""
    fields = lk.proc_stat(pid)
    return None if fields is None else (int(fields[1]), int(fields[3]))


def _is_playbook(pid: int) -> bool:
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            return b"ansible-playbook" in handle.read()
    except OSError:
        return False


def _all_pids():
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def child_pids(pid: int) -> list:
    return sorted(p for p in _all_pids() if (_stat(p) or (None,))[0] == pid)


def process_tree(pid: int) -> list:
    """PID, every process of its session (ansible-playbook's workers, modules, zstd...) and every
    descendant (also those that started a session of their own)."""
    table = {p: st for p in _all_pids() for st in [_stat(p)] if st}
    if pid not in table:
        return []
    session = table[pid][1]
    found = {pid} | {p for p, (_pp, sid) in table.items() if sid == session and session == pid}
    grew = True
    while grew:
        more = {p for p, (pp, _sid) in table.items() if pp in found} - found
        found |= more
        grew = bool(more)
    return sorted(found)


def stop_tree(pid: int, grace: float = 15.0) -> int:
    """SIGTERM to the whole tree (Ansible and its modules end their work: locks released, temp
    files removed), SIGKILL to whatever is still there after ``grace`` seconds. Returns how many
    processes there were."""
    tree = process_tree(pid)
    for p in tree:
        with contextlib.suppress(OSError):
            os.kill(p, signal.SIGTERM)
    deadline = time.monotonic() + grace
    left = tree
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = [p for p in left if _stat(p)]
    # Children the tree started meanwhile are part of it too.
    left = sorted(set(left) | set(process_tree(pid)))
    for p in left:
        with contextlib.suppress(OSError):
            os.kill(p, signal.SIGKILL)
    deadline = time.monotonic() + 5  # SIGKILL is delivered asynchronously: see them gone
    while [p for p in left if _stat(p)] and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(set(tree) | set(left))


def prune_runs(runs_dir: str, keep: int) -> None:
    """Keep the newest `keep` run folders (names sort by time)."""
    if not os.path.isdir(runs_dir):
        return
    names = sorted(n for n in os.listdir(runs_dir) if os.path.isdir(os.path.join(runs_dir, n)))
    for name in names[: max(0, len(names) - keep)]:
        shutil.rmtree(os.path.join(runs_dir, name), ignore_errors=True)


def run_playbook(playbook: str, inventory: str, data_dir: str, run_id: str, limit=None, check=False,
                 tags=None, extravars=None, title="", artifacts_keep: int = 30, stop=None):
    """Run one playbook of this repo; artifacts go to DATA_DIR/runs/RUN_ID/.

    SIGINT/SIGTERM during the run stop the playbook's whole process tree (see StopRequest); the
    returned runner's ``status`` is then ``canceled`` and ``stop`` (a StopRequest) says which
    signal came and how many processes were stopped."""
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
        # An inventory file Ansible cannot parse is an error, not a warning and an empty run.
        "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "1",
        # Modules get their arguments on stdin, not in an AnsiballZ file under ~/.ansible/tmp that a
        # killed run would leave behind with the passwords in it (issue 15 item 9).
        "ANSIBLE_PIPELINING": "1",
    }
    extravars = dict(extravars or {}, sitekeeper_run_id=run_id)
    # Secrets never stay in the run's artifacts (scrub.py): earlier killed runs are scrubbed now, the
    # extra variables go in a private file removed at the end instead of env/extravars, the command
    # file (the whole environment) is masked as soon as the playbook started, everything at the end.
    scrub.sweep(runs_dir, current=private)
    secrets = scrub.secret_values(dict(os.environ)) | scrub.secret_values(extravars)
    extravars_file = scrub.private_extravars(private, extravars)
    cmdline += ["-e", "@" + extravars_file]
    artifacts = os.path.join(private, "artifacts", os.path.basename(playbook).rsplit(".", 1)[0])

    def started(status, runner_config=None):
        if status.get("status") == "running":
            scrub.scrub_file(os.path.join(artifacts, "command"), secrets)

    progress = Progress(title=title)

    def on_event(event):
        # ansible-playbook has read its extra variables before it starts the playbook: from then on
        # the private file is not needed, and a kill -9 leaves nothing of it behind. (Its folder stays
        # until the end: it tells another CLI's sweep that this run is still going.)
        if event.get("event") == "playbook_on_start":
            with contextlib.suppress(OSError):
                os.unlink(extravars_file)
        return progress(event)

    stop = stop if stop is not None else StopRequest()
    # How often ansible-runner polls the cancel callback while Ansible is quiet (default 5 s). It reads
    # this only from env/settings (a settings= argument is dropped when that file is absent).
    os.makedirs(os.path.join(private, "env"), mode=0o700, exist_ok=True)
    with open(os.path.join(private, "env", "settings"), "w") as handle:
        handle.write('{"pexpect_timeout": 1}\n')
    try:
        with stop.installed():
            runner = ansible_runner.run(
                private_data_dir=private,
                project_dir=REPO,
                playbook=os.path.join(REPO, "playbooks", playbook),
                inventory=os.path.abspath(inventory),
                envvars=env,
                limit=limit,
                cmdline=" ".join(shlex.quote(part) for part in cmdline),
                event_handler=on_event,
                status_handler=started,
                cancel_callback=stop,
                quiet=True,
                rotate_artifacts=1,
                ident=os.path.basename(playbook).rsplit(".", 1)[0],
            )
    finally:
        progress.finish()
        scrub.remove_private(private)
        scrub.scrub_run(private, secrets)
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


def alert_lines(runner) -> list:
    """One line per alert message of the run (site_alerts' result): its title and where it went."""
    lines = []
    for res in _ok_results(runner):
        messages = res.get("messages")
        if not isinstance(messages, list) or "digest" not in res:
            continue
        for message in messages:
            if not isinstance(message, dict):
                continue
            deliveries = message.get("deliveries") or []
            where = ", ".join("%s %s" % (d.get("recipient"), "sent" if d.get("delivered") else
                                         "FAILED (%s)" % d.get("error")) for d in deliveries if isinstance(d, dict))
            lines.append("alert: %s -> %s" % (message.get("title"), where or "no route"))
    return lines


_ORIGIN = re.compile(r"^Origin: (\S+)")
_CAUSE = re.compile(r"^\[WARNING\]: Failed to parse .*? plugin: (.+)$")


def _stdout_text(runner) -> str:
    try:
        handle = runner.stdout
        return handle.read() if handle else ""
    except (OSError, ValueError, AttributeError):
        return ""


def first_error_line(text: str):
    """Ansible's first error line of a run's output, with the cause and origin Ansible printed near it
    (e.g. which inventory file and line would not parse), on one line; None if there is none."""
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if not line.startswith(("ERROR!", "[ERROR]")):
            continue
        cause = next((m.group(1) for m in map(_CAUSE.match, lines[:index]) if m), None)
        origin = next((m.group(1) for m in map(_ORIGIN.match, lines) if m), None)
        extra = [cause] if cause and cause not in line else []
        if origin and (extra or origin.split(":")[0] not in line):
            extra.append("at " + origin)
        return line + (" (%s)" % " ".join(extra) if extra else "")
    return None


def run_problems(runner) -> list:
    """One line per failed or unreachable host task, and Ansible's own errors (from its events,
    else the first error line of its output)."""
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
        elif kind in ("verbose", "error"):
            # ansible-core 2.19 reports errors outside tasks (bad YAML in group_vars) as `error` events.
            text = (event.get("stdout") or "").strip()
            if text.startswith(("ERROR!", "[ERROR]")):
                problems.append(text.splitlines()[0])
    if runner.status not in ("successful", "canceled"):
        # The output carries what the events lack: the cause and the file of an Ansible error.
        line = first_error_line(_stdout_text(runner))
        if line and not problems:
            problems.append(line)
        elif line:
            problems = [line if line.startswith(p + " (") else p for p in problems]
    return problems


def _tolerant_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """Ansible's tags (!vault, !unsafe) are not errors here: only the YAML syntax is checked."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return Loader


def locate_bad_yaml(inventory: str):
    """'FILE line N: what is wrong' for the first inventory variable file (group_vars, host_vars)
    that is not valid YAML; None when they all are. Ansible 2.19 names the problem but not the file."""
    import yaml

    base = inventory if os.path.isdir(inventory) else os.path.dirname(os.path.abspath(inventory))
    loader = _tolerant_loader()
    for sub in ("group_vars", "host_vars"):
        for folder, dirs, files in sorted(os.walk(os.path.join(base, sub))):
            dirs.sort()
            for name in sorted(files):
                if name.startswith(".") or os.path.splitext(name)[1] not in ("", ".yml", ".yaml", ".json"):
                    continue  # the files Ansible reads as variables
                path = os.path.join(folder, name)
                try:
                    with open(path, encoding="utf-8") as handle:
                        yaml.load(handle, Loader=loader)  # noqa: S506  a SafeLoader subclass
                except yaml.YAMLError as exc:
                    mark = getattr(exc, "problem_mark", None)
                    where = " line %d" % (mark.line + 1) if mark else ""
                    return "%s%s: %s" % (path, where, getattr(exc, "problem", None) or exc)
                except (OSError, UnicodeDecodeError):
                    continue
    return None


def matched_no_host(runner) -> bool:
    """The run finished but ran nothing on any host (an inventory without the playbook's groups,
    a --limit that names no host): a scheduled run that checks nothing must not look fine."""
    stats = runner.stats or {}
    return runner.status == "successful" and not stats.get("processed")


def run_failed(runner) -> bool:
    stats = runner.stats or {}
    return (runner.status != "successful" or bool(stats.get("failures")) or bool(stats.get("dark"))
            or matched_no_host(runner))
