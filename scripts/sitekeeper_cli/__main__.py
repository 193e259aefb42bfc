"""sitekeeper: run the court website SOP over ansible-runner.

Exit codes: 0 all ok, 1 warnings (or checks that could not run), 2 critical
findings, 3 the run itself failed (unreachable host, task error, unusable
history), 4 usage error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from sitekeeper_cli import lock as lk
from sitekeeper_cli import runner as rn
from sitekeeper_cli import schedule as sch

EXIT_OK, EXIT_WARNING, EXIT_CRITICAL, EXIT_RUN_FAILED, EXIT_USAGE = 0, 1, 2, 3, 4
DEMO_INVENTORY = os.path.join(rn.REPO, "inventory", "demo", "hosts.yml")


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def add_global_options(parser, after_command: bool = False) -> None:
    """The options every command shares. They are accepted before the command and after it
    (`sitekeeper demo --data-dir X`); after it, an option not given leaves the value from
    before the command (or its default) alone."""
    def default(value):
        return argparse.SUPPRESS if after_command else value

    parser.add_argument("--data-dir", default=default(None),
                        help="where history, reports and run artifacts live "
                             "(default $SITEKEEPER_DATA_DIR or ~/.local/share/sitekeeper)")
    parser.add_argument("--keep-runs", type=int, default=default(30), help="run artifact folders to keep (default 30)")
    parser.add_argument("--history-url", default=default(None),
                        help="shared PostgreSQL history, postgresql://user@host:5432/db (password in ~/.pgpass); "
                             "default $SITEKEEPER_HISTORY_URL, else the SQLite file in the data dir")


def build_parser() -> Parser:
    parser = Parser(prog="sitekeeper", description="Carry out the court website SOP.")
    add_global_options(parser)
    shared = Parser(add_help=False)
    add_global_options(shared, after_command=True)
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    _add_parser = sub.add_parser

    def add_command(name, **kw):
        return _add_parser(name, parents=[shared], **kw)

    sub.add_parser = add_command

    run = sub.add_parser("run", help="run one SOP activity (or the whole cycle: sop)")
    run.add_argument("activity", help="one of: %s" % " ".join(rn.ACTIVITIES))
    run.add_argument("-i", "--inventory", default=DEMO_INVENTORY, help="inventory file or folder (default: the demo)")
    run.add_argument("-l", "--limit", help="only these hosts (Ansible pattern)")
    run.add_argument("-C", "--check", action="store_true", help="check mode: change nothing")
    run.add_argument("-t", "--tags", help="only tasks with these tags (comma-separated)")
    run.add_argument("-e", "--extra-vars", action="append", default=[],
                     help="KEY=VALUE, a JSON/YAML object, or @FILE; may repeat")

    demo = sub.add_parser("demo", help="start the demo court website and run the whole SOP on it")
    demo.add_argument("--stop", action="store_true", help="stop the demo site's web server instead")
    demo.add_argument("--port", type=int, default=None,
                      help="loopback port of the demo site (default %d); choose another when it is in use"
                           % demo_port_default())

    found = sub.add_parser("findings", help="list recorded findings")
    found.add_argument("--since", help="ISO time or an age like 24h, 7d (default: everything)")
    found.add_argument("--status", action="append", choices=fnd.STATUSES, help="only this status (may repeat)")
    found.add_argument("--activity", type=int, choices=sorted(fnd.ACTIVITIES), help="only this SOP activity")
    found.add_argument("--run", help="only this run id")
    found.add_argument("--latest", action="store_true", help="only the newest finding of each check and subject")
    found.add_argument("--format", choices=("table", "json"), default="table")

    hist = sub.add_parser("history", help="list recorded runs and the SOP time standards")
    hist.add_argument("--limit", type=int, default=20)
    hist.add_argument("--format", choices=("table", "json"), default="table")

    sched = sub.add_parser("schedule", help="install, remove or show the SOP timetable (cron or systemd timers)")
    sched.add_argument("action", choices=("install", "remove", "show"))
    sched.add_argument("-i", "--inventory", default=DEMO_INVENTORY, help="inventory the scheduled runs use")
    sched.add_argument("--systemd", action="store_true", help="systemd timer/service units instead of cron")
    sched.add_argument("--unit-dir", default="~/.config/systemd/user", help="where --systemd writes its units")
    sched.add_argument("--user", help="cron only: the crontab of this user (root only)")
    sched.add_argument("--at", action="append", default=[], metavar="ACTIVITY=HH:MM[,HH:MM]",
                       help="change an activity's times (or ACTIVITY=off); may repeat")
    return parser


# -- helpers -------------------------------------------------------------------
def demo_port_default() -> int:
    """The demo inventory's sitekeeper_demo_port (8480 unless someone changed it there)."""
    import yaml

    try:
        with open(os.path.join(os.path.dirname(DEMO_INVENTORY), "group_vars", "all", "main.yml")) as handle:
            port = (yaml.safe_load(handle) or {}).get("sitekeeper_demo_port", 8480)
        return int(port)
    except (OSError, ValueError, TypeError, AttributeError, yaml.YAMLError):
        return 8480


def demo_url(port: int) -> str:
    return "http://127.0.0.1:%d/" % port


class PipeSafeStdout:
    """stdout that stops quietly when its reader has gone (`sitekeeper findings --format json | head`):
    the rest of the output goes to /dev/null instead of ending in a BrokenPipe traceback, and
    the command still ends with its own exit code."""

    def __init__(self, stream):
        self.stream = stream
        self.broken = False

    def write(self, text):
        if self.broken:
            return len(text)
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            self._drop()
            return len(text)

    def flush(self):
        if not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._drop()

    def _drop(self):
        self.broken = True
        # Python flushes stdout once more at exit: let that go to /dev/null too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self.stream.fileno())
        os.close(devnull)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def data_dir_of(args) -> str:
    path = args.data_dir or history.default_data_dir()
    return os.path.abspath(os.path.expanduser(path))


def parse_since(text: str | None) -> str | None:
    if not text:
        return None
    match = re.fullmatch(r"(\d+)\s*([hdw])", text.strip())
    if match:
        hours = int(match.group(1)) * {"h": 1, "d": 24, "w": 168}[match.group(2)]
        return fnd.utc_now_iso(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=hours))
    try:
        return fnd.utc_now_iso(fnd.parse_iso(text))
    except ValueError:
        raise UsageError("--since wants an ISO time or an age like 24h or 7d, got %r" % text) from None


def parse_extra_vars(items: list) -> dict:
    import yaml

    merged = {}
    for item in items:
        if item.startswith("@"):
            try:
                with open(item[1:]) as handle:
                    value = yaml.safe_load(handle)
            except OSError as exc:
                raise UsageError("cannot read extra vars file %s: %s" % (item[1:], exc.strerror)) from None
        elif item.lstrip().startswith("{"):
            try:
                value = yaml.safe_load(item)
            except yaml.YAMLError:
                raise UsageError("extra vars %r are not valid JSON/YAML" % item) from None
        else:
            value = {}
            for pair in item.split():
                if "=" not in pair:
                    raise UsageError("extra vars want KEY=VALUE, got %r" % pair)
                key, _, val = pair.partition("=")
                value[key] = val
        if not isinstance(value, dict):
            raise UsageError("extra vars %r must be a mapping" % item)
        merged.update(value)
    return merged


def exit_code_for(findings: list, failed: bool) -> int:
    if failed:
        return EXIT_RUN_FAILED
    worst = fnd.worst_status(f["status"] for f in findings)
    return {"ok": EXIT_OK, "warning": EXIT_WARNING, "unknown": EXIT_WARNING, "critical": EXIT_CRITICAL}[worst]


def summary_table(findings: list) -> str:
    rows = {}
    for finding in findings:
        counts = rows.setdefault(finding["activity"], dict.fromkeys(fnd.STATUSES, 0))
        counts[finding["status"]] += 1
    header = "%-3s %-13s %8s %8s %9s %8s" % ("#", "activity", "ok", "warning", "critical", "unknown")
    lines = [header, "-" * len(header)]
    for activity in sorted(rows):
        c = rows[activity]
        lines.append("%-3d %-13s %8d %8d %9d %8d" % (
            activity, fnd.ACTIVITIES[activity], c["ok"], c["warning"], c["critical"], c["unknown"]))
    if len(lines) == 2:
        lines.append("(no findings)")
    return "\n".join(lines)


def findings_table(findings: list) -> str:
    lines = []
    for f in findings:
        lines.append("%s  %-8s  %d %-32s %-20s %s" % (
            f["observed_at"], f["status"].upper(), f["activity"], f["check"][:32], f["host"][:20], f["summary"]))
    return "\n".join(lines) if lines else "(no findings)"


def write_findings_listing(path: str, findings: list, run_id: str) -> None:
    """A plain listing of the run's findings, readable without the report. Every value is escaped
    as in report.md (findings quote what sites and logs contain: a defaced page's HTML must not
    run in a Markdown viewer)."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.report.render import md_escape as md

    lines = ["# Sitekeeper findings of run %s" % md(run_id), ""]
    for activity in sorted({f["activity"] for f in findings}):
        lines.append("## Activity %d: %s" % (activity, md(fnd.ACTIVITIES[activity])))
        for f in (x for x in findings if x["activity"] == activity):
            lines.append("- **%s** %s (%s, %s)" % (md(f["status"].upper()), md(f["summary"]), md(f["check"]),
                                                  md(f["subject"])))
            for act in f["suggested_actions"]:
                lines.append("  - %s%s" % (md(act["text"]),
                                           " (playbook %s)" % md(act["playbook"]) if act.get("playbook") else ""))
        lines.append("")
    if not findings:
        lines.append("No findings were reported.")
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


# -- commands ------------------------------------------------------------------
def interrupted_line(stop) -> str:
    return ("interrupted by %s: ansible-playbook and its processes (%d) were stopped; what the run had "
            "not finished is not recorded" % (stop.name, stop.stopped))


def do_run(args, playbook: str, inventory: str, data_dir: str, title: str, is_demo: bool = False,
           lock=None) -> int:
    if not os.path.exists(inventory):
        raise UsageError("inventory %s does not exist: give one with -i (see inventory/example/)" % inventory)
    run_id = history.new_run_id()
    extravars = parse_extra_vars(getattr(args, "extra_vars", []) or [])
    stop = rn.StopRequest()
    if lock is not None:
        stop.on_child = lock.note_runner  # the lock then outlives a killed CLI while its playbook runs
    runner = rn.run_playbook(playbook, inventory, data_dir, run_id, limit=getattr(args, "limit", None),
                             check=getattr(args, "check", False), tags=getattr(args, "tags", None),
                             extravars=extravars, title=title, artifacts_keep=args.keep_runs, stop=stop)
    findings = rn.published_findings(runner)
    failed = rn.run_failed(runner)
    out = sys.stdout
    state = "interrupted" if stop.signum else ("failed" if failed else "finished")
    out.write("run %s: %s (%s)\n" % (run_id, title, state))
    out.write(summary_table(findings) + "\n")
    problems = rn.run_problems(runner)
    for index, problem in enumerate(problems):
        if "YAML parsing failed" in problem and os.sep not in problem:
            # Ansible names the problem but not the file: find it among the inventory's variable files.
            where = rn.locate_bad_yaml(inventory)
            if where:
                problems[index] = "%s (in %s)" % (problem, where)
            break
    if stop.signum:
        problems.insert(0, interrupted_line(stop))
    elif rn.matched_no_host(runner):
        problems.append("no host matched: the inventory %s has no host for this playbook's plays "
                        "(an empty inventory, missing groups, or a --limit that names no host)" % inventory)
    for problem in problems[:20]:
        out.write("problem: %s\n" % problem)
    if failed and not problems:
        out.write("problem: ansible-playbook exited with %s; its output is in %s\n"
                  % (runner.rc, os.path.join(data_dir, "runs", run_id)))
    listing = os.path.join(data_dir, "runs", run_id, "findings.md")
    write_findings_listing(listing, findings, run_id)
    for line in rn.alert_lines(runner):
        out.write(line + "\n")
    for fmt, path in rn.report_paths(runner).items():
        out.write("%s: %s\n" % (fmt, path))
    out.write("findings: %s\n" % listing)
    code = exit_code_for(findings, failed)
    if is_demo and code in (EXIT_WARNING, EXIT_CRITICAL):
        return EXIT_OK  # the demo site has planted problems on purpose
    return code


def cmd_run(args) -> int:
    if args.activity not in rn.ACTIVITIES:
        raise UsageError("unknown activity %r: choose one of %s" % (args.activity, ", ".join(rn.ACTIVITIES)))
    data_dir = data_dir_of(args)
    try:
        with lk.ActivityLock(data_dir, args.activity) as lock:
            return do_run(args, rn.ACTIVITIES[args.activity], args.inventory, data_dir, args.activity, lock=lock)
    except lk.LockBusy as exc:
        sys.stderr.write("sitekeeper: %s\n" % exc)
        return EXIT_RUN_FAILED


def cmd_schedule(args) -> int:
    data_dir = data_dir_of(args)
    inventory = os.path.abspath(args.inventory)
    if args.action == "install" and not os.path.exists(inventory):
        raise UsageError("inventory %s does not exist: give one with -i" % inventory)
    try:
        times = sch.parse_times(args.at)
        url = args.history_url
        if args.systemd:
            unit_dir = os.path.abspath(os.path.expanduser(args.unit_dir))
            units = sch.systemd_units(rn.REPO, times, inventory, data_dir, url)
            if args.action == "install":
                changed = sch.systemd_install(unit_dir, units)
                sys.stdout.write("%s %s\n" % ("installed" if changed else "unchanged", unit_dir))
                sys.stdout.write("enable with: systemctl --user daemon-reload && systemctl --user enable --now %s\n"
                                 % " ".join(n for n in units if n.endswith(".timer")))
            elif args.action == "remove":
                removed = sch.systemd_remove(unit_dir)
                sys.stdout.write("removed %s\n" % " ".join(removed) if removed else "nothing to remove\n")
            else:
                for name, content in units.items():
                    sys.stdout.write("### %s\n%s\n" % (os.path.join(unit_dir, name), content))
        else:
            block = sch.cron_block(rn.REPO, times, inventory, data_dir, url)
            if args.action == "install":
                changed = sch.cron_install(block, args.user)
                sys.stdout.write("%s crontab of %s\n" % ("installed in" if changed else "unchanged:",
                                                           args.user or "the current user"))
            elif args.action == "remove":
                sys.stdout.write("removed from crontab\n" if sch.cron_remove(args.user) else "nothing to remove\n")
            else:
                _rest, installed = sch.strip_block(sch.read_crontab(args.user))
                sys.stdout.write(block)
                sys.stdout.write("(installed)\n" if installed else "(not installed: run 'sitekeeper schedule install')\n")
    except sch.ScheduleError as exc:
        raise UsageError(str(exc)) from None
    for warning in sch.gaps(times):
        sys.stderr.write("warning: %s\n" % warning)
    return EXIT_OK


def cmd_demo(args) -> int:
    port = args.port if args.port is not None else demo_port_default()
    if not 0 < port < 65536:
        raise UsageError("--port wants a TCP port number 1-65535, got %d" % port)
    data_dir = data_dir_of(args)
    os.makedirs(data_dir, exist_ok=True)
    # The port travels as the demo inventory's own variable: the site's URL in every role follows it.
    extravars = {"sitekeeper_demo_port": port}
    if args.stop:
        extravars["demo_site_state"] = "stopped"
    stop = rn.StopRequest()
    runner = rn.run_playbook("demo_site.yml", DEMO_INVENTORY, data_dir, history.new_run_id(),
                             extravars=extravars, title="demo site", artifacts_keep=args.keep_runs, stop=stop)
    if rn.run_failed(runner):
        problems = rn.run_problems(runner) or ["the demo site could not be started"]
        for problem in ([interrupted_line(stop)] if stop.signum else problems):
            sys.stdout.write("problem: %s\n" % problem)
        return EXIT_RUN_FAILED
    if args.stop:
        sys.stdout.write("demo site stopped\n")
        return EXIT_OK
    sys.stdout.write("demo site: %s (files in %s)\n" % (demo_url(port), os.path.join(data_dir, "demo")))
    args.extra_vars = [json.dumps({"sitekeeper_demo_port": port})]
    return do_run(args, "sop.yml", DEMO_INVENTORY, data_dir, "sop (demo)", is_demo=True)


def cmd_findings(args) -> int:
    since = parse_since(args.since)
    with history.HistoryStore(os.path.join(data_dir_of(args), "history.sqlite"), readonly=True) as store:
        if args.latest:
            rows = store.latest_findings(activity=args.activity)
            if args.status:
                rows = [r for r in rows if r["status"] in args.status]
        else:
            rows = store.findings(since=since, status=args.status,
                                  activity=args.activity, run_id=args.run)
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(findings_table(rows) + "\n")
    return EXIT_OK


def cmd_history(args) -> int:
    with history.HistoryStore(os.path.join(data_dir_of(args), "history.sqlite"), readonly=True) as store:
        runs = store.runs(limit=args.limit)
        compliance = store.compliance()
    if args.format == "json":
        json.dump({"runs": runs, "compliance": compliance}, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    sys.stdout.write("%-26s %-3s %-13s %-21s %-9s %-8s %s\n" % (
        "run", "#", "activity", "finished", "outcome", "worst", "hosts"))
    for r in runs:
        sys.stdout.write("%-26s %-3d %-13s %-21s %-9s %-8s %d\n" % (
            r["run_id"], r["activity"], fnd.ACTIVITIES[r["activity"]], r["finished_at"], r["outcome"],
            r["worst_status"], r["hosts"]))
    sys.stdout.write("\nSOP time standards:\n")
    for c in compliance:
        state = "within standard" if c["within_standard"] else "OVERDUE"
        if c.get("event_driven"):
            # Remediation is owed only after a problem: its clock starts when the problem was found.
            if not c["due"]:
                sys.stdout.write("  %d %-13s within %d day(s) of a problem: no open problem, nothing due%s\n" % (
                    c["activity"], c["name"], c["time_standard_days"],
                    "; last completed %s" % c["last_completed"] if c["last_completed"] else ""))
            else:
                sys.stdout.write("  %d %-13s within %d day(s) of a problem: problem found %s, due %s, %s\n" % (
                    c["activity"], c["name"], c["time_standard_days"], c["problem_found_at"], c["due_at"], state))
            continue
        sys.stdout.write("  %d %-13s every %d day(s): last completed %s, %s\n" % (
            c["activity"], c["name"], c["time_standard_days"], c["last_completed"] or "never", state))
    return EXIT_OK


COMMANDS = {"run": cmd_run, "demo": cmd_demo, "findings": cmd_findings, "history": cmd_history,
            "schedule": cmd_schedule}


def main(argv=None) -> int:
    stdout = sys.stdout
    sys.stdout = PipeSafeStdout(stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout = stdout


def _main(argv=None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            raise UsageError("give a command: run, demo, findings, history or schedule (see --help)")
        if args.history_url:
            # One setting for this run and everything it starts (ansible-playbook, its modules).
            os.environ[history.HISTORY_URL_ENV] = args.history_url
        return COMMANDS[args.command](args)
    except UsageError as exc:
        sys.stderr.write("sitekeeper: usage error: %s\n" % exc)
        return EXIT_USAGE
    except history.HistoryError as exc:
        sys.stderr.write("sitekeeper: %s\n" % exc)
        return EXIT_RUN_FAILED
    except KeyboardInterrupt:
        sys.stderr.write("sitekeeper: interrupted\n")
        return EXIT_RUN_FAILED


if __name__ == "__main__":
    sys.exit(main())
