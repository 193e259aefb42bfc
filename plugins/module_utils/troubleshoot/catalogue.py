# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The remediation catalogue: one entry per fix, the single place a fix is declared.

Everything else derives from ``FIXES`` and ``STEPS``:

- the diagnosis proposes fixes with ``fix_action()`` and orders them with ``candidate_fixes()``;
- the ``remediation`` module takes its ``fix`` choices, its ``required_if`` and its dispatch from
  ``STEPS`` (filled by the ``@step`` decorator on each function in remediation.py); the module's
  DOCUMENTATION keeps a literal copy for ansible-doc, and a unit test keeps the two equal;
- the remediate role runs each fix through one generic task file, driven by ``role_vars()`` (written
  to roles/remediate/vars/main.yml), and the troubleshoot role's default allowlist is
  ``NON_DESTRUCTIVE`` (roles/troubleshoot/vars/main.yml);
- docs/troubleshoot.md shows ``docs_table()``.

Generated files are checked by tests/unit/troubleshoot/test_catalogue.py, which rewrites them when
run with SITEKEEPER_REGENERATE=1. Standard library only.
"""

from __future__ import annotations

import collections

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

# A fix of the catalogue. ``id`` is the playbook tag, the entry of remediate_fixes and of the
# unattended allowlist, and the check of its outcome (remediate.<id>).
Fix = collections.namedtuple("Fix", (
    "id",           # tag and fix name
    "problem",      # what it fixes (docs)
    "does",         # what it does (docs)
    "verified_by",  # how the outcome is checked (docs)
    "destructive",  # True: overwrites or removes something; never in the default unattended allowlist
    "text",         # the suggested action, in English
    "text_id",      # the same action in Indonesian
    "step",         # the remediation module's `fix` value that applies (or verifies) it
    "targets",      # the role's items: services, sites (each needing the keys in `needs`), disk or addresses
    "needs",        # keys a service or site must have for the fix to apply to it
    "prepare",      # the role first runs tasks/prepare_<id>.yml (another activity's module does the change)
    "run_order",    # order in the role (a configuration is repaired before its service is started)
    "in_check_mode",  # the role runs the step in check mode too (False: there is nothing to verify)
))

FIXES = (
    Fix(id="start_service",
        problem="a stopped web server, PHP-FPM or database",
        does="config test first (refuses to start a broken config), then `start` (detached) or "
             "`ansible.builtin.service`",
        verified_by="pid/process and port answer",
        destructive=False,
        text="Start the stopped service after its configuration test passes",
        text_id="Jalankan layanan yang berhenti setelah uji konfigurasinya lulus",
        step="start_service", targets="services", needs=(), prepare=False, run_order=2, in_check_mode=True),
    Fix(id="rollback_config",
        problem="a configuration that fails its test",
        does="when the config test fails: put back the known-good copy (kept in `sitekeeper_known_good_dir` each "
             "time the test passes), keep the broken files aside in `rejected-<time>/`, re-test, reload or start; "
             "if the copy fails too, everything is put back",
        verified_by="config test passes, service answers",
        destructive=False,
        text="Roll the web server configuration back to the last version that passed its test",
        text_id="Kembalikan konfigurasi server web ke versi terakhir yang lulus uji",
        step="rollback_config", targets="services", needs=("config_test", "config_paths"), prepare=False,
        run_order=1, in_check_mode=True),
    Fix(id="free_disk",
        problem="a full disk (space or inodes)",
        does="clear `cache_dirs`, gzip rotated logs (`*.log.1`, `*-20261120`) no process holds open, and — only with "
             "`prune_backups: true` and while above the target — delete backups beyond `keep_count`/`keep_days`, "
             "never the newest nor the newest verified one (`.verified`/`.sha256` beside it)",
        verified_by="usage below `target_percent`",
        destructive=False,
        text="Free disk space: compress old logs, clear caches, prune old backups",
        text_id="Kosongkan ruang disk: kompres log lama, bersihkan cache, hapus cadangan lama",
        step="free_disk", targets="disk", needs=(), prepare=False, run_order=3, in_check_mode=True),
    Fix(id="renew_cert",
        problem="a certificate that expired or expires soon",
        does="`certbot renew --cert-name <cert_name>` (`--dry-run` in check mode)",
        verified_by="the certificate file's new expiry",
        destructive=True,
        text="Renew the TLS certificate with certbot and check the new expiry date",
        text_id="Perbarui sertifikat TLS dengan certbot dan periksa tanggal kedaluwarsa baru",
        step="renew_cert", targets="sites", needs=("cert_name", "tls_cert"), prepare=False, run_order=4, in_check_mode=True),
    Fix(id="restore_site",
        problem="a defaced or missing website",
        does="`sitekeeper.website.site_restore` from the newest verified backup in `remediate_backup_dir`, files "
             "only, defaced copy kept aside",
        verified_by="no defacement sign, the site answers",
        destructive=True,
        text="Restore the website from the newest verified backup",
        text_id="Pulihkan situs web dari cadangan terverifikasi terbaru",
        step="verify_site", targets="sites", needs=("docroot",), prepare=True, run_order=5,
        in_check_mode=True),
    Fix(id="block_attackers",
        problem="addresses attacking the site",
        does="the audit role's public `block` entry point (`log_audit_block_*` settings) with its protection: "
             "`log_audit_allowlist`, `log_audit_block_never`, loopback and the controller's own address are never "
             "blocked; blocks expire",
        verified_by="each address is in the block list, or was refused on purpose",
        destructive=True,
        text="Block the attacking addresses at the firewall",
        text_id="Blokir alamat penyerang di firewall",
        step="verify_block", targets="addresses", needs=(), prepare=True, run_order=6, in_check_mode=True),
    Fix(id="fix_permissions",
        problem="docroot files with a wrong owner or mode",
        does="owner/group and modes from the site keys (symlinks untouched)",
        verified_by="a re-scan finds no problem",
        destructive=False,
        text="Reset the owner and permissions of the website files",
        text_id="Atur ulang pemilik dan izin berkas situs web",
        step="fix_permissions", targets="sites", needs=("docroot",), prepare=False, run_order=7,
        in_check_mode=True),
    Fix(id="quarantine_files",
        problem="web shells, injected gambling spam or suspicious uploads found by the docroot scan",
        does="scans the site (`sitekeeper.website.docroot_scan`), moves each flagged file out of the docroot into "
             "`remediate_quarantine_dir` with its sha256 and a metadata JSON (never deleted; never a file listed "
             "as allowed), puts back its clean copy from the newest verified backup set holding other content",
        verified_by="a re-scan flags none of them, the site answers, a search crawler sees no gambling text",
        destructive=True,
        text="Quarantine the suspicious files and restore their clean versions from the verified backup",
        text_id="Karantina berkas mencurigakan dan pulihkan versi bersihnya dari cadangan terverifikasi",
        step="verify_quarantine", targets="sites", needs=("docroot",), prepare=True, run_order=8,
        in_check_mode=True),
)

BY_ID = {fix.id: fix for fix in FIXES}
# Catalogue order: the order of candidate fixes and of the docs table.
IDS = tuple(fix.id for fix in FIXES)
# Fixes that change nothing irreversibly: the default unattended allowlist.
NON_DESTRUCTIVE = tuple(fix.id for fix in FIXES if not fix.destructive)

VENDOR_TEXT = "If it is not solved in-house, send the evidence bundle to the third party"
VENDOR_TEXT_ID = "Jika tidak dapat diselesaikan sendiri, kirim berkas bukti ke pihak ketiga"


# A step of the remediation module (its `fix` option): the function that does it, the option holding
# what it works on (`target`, required unless `required` is false), the other options it takes as
# keyword arguments, and whether it takes check_mode. A fix's step applies it; config_snapshot is the
# step that keeps the known-good copies rollback_config needs.
Step = collections.namedtuple("Step", "name function target required options check_mode")
STEPS = collections.OrderedDict()


def step(name, target, options=(), required=True, check_mode=True):
    """Register a function of remediation.py as the module step ``name`` (the module's choices, in order)."""
    def register(function):
        STEPS[name] = Step(name, function, target, required, tuple(options), check_mode)
        return function
    return register


def run_step(name, host, params, check_mode=False):
    """Run one module step with the module's parameters (a dict holding every option of the step)."""
    entry = STEPS[name]
    kwargs = {option: params[option] for option in entry.options}
    if entry.check_mode:
        kwargs["check_mode"] = check_mode
    return entry.function(host, params[entry.target], **kwargs)


def required_if():
    """The module's required_if: each step needs its target option."""
    return [("fix", entry.name, (entry.target,)) for entry in STEPS.values() if entry.required]


def fix_action(fix_id: str) -> dict:
    """The suggested action that names a fix (``playbook: remediate, tag: <id>``)."""
    fix = BY_ID[fix_id]
    return fnd.action(fix.text, playbook="remediate", tag=fix.id, text_id=fix.text_id)


def vendor_action() -> dict:
    """The suggested action when no fix covers a problem: hand it to the third party."""
    return fnd.action(VENDOR_TEXT, playbook="troubleshoot", text_id=VENDOR_TEXT_ID)


def candidate_fixes(findings, statuses=("critical", "warning")) -> list:
    """The fixes proposed by the findings with one of ``statuses``, in catalogue order."""
    tags = set()
    for finding in findings:
        if finding["status"] not in statuses:
            continue
        for act in finding.get("suggested_actions", []):
            if act.get("playbook") == "remediate" and act.get("tag"):
                tags.add(act["tag"])
    return [fix_id for fix_id in IDS if fix_id in tags]


def role_vars() -> dict:
    """What the remediate role needs to run every fix through tasks/fix.yml, in its run order.

    ``verify_mode``: the step can verify a service the service manager started (its ``mode`` option).
    Needs the steps registered (import remediation.py first).
    """
    if not STEPS:
        raise RuntimeError("no remediation step is registered; import troubleshoot.remediation first")
    ordered = sorted(FIXES, key=lambda fix: fix.run_order)
    return {
        "__remediate_catalogue": [fix.id for fix in ordered],
        "__remediate_non_destructive": list(NON_DESTRUCTIVE),
        "__remediate_steps": {
            fix.id: {"step": fix.step, "targets": fix.targets, "needs": list(fix.needs), "prepare": fix.prepare,
                     "in_check_mode": fix.in_check_mode, "verify_mode": "mode" in STEPS[fix.step].options}
            for fix in ordered
        },
    }


def docs_table() -> str:
    """The fixes table of docs/troubleshoot.md (Markdown)."""
    lines = ["| Tag | Fixes | What it does | Verified by | Unattended by default |", "|---|---|---|---|---|"]
    for fix in FIXES:
        unattended = "no (destructive)" if fix.destructive else "yes"
        lines.append("| `%s` | %s | %s | %s | %s |" % (fix.id, fix.problem, fix.does, fix.verified_by, unattended))
    return "\n".join(lines) + "\n"
