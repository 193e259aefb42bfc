"""Keeping secrets out of what a run leaves on disk (issue 15 item 9).

ansible-runner writes the whole process environment into ``artifacts/<pb>/command``, the extra
variables into ``env/extravars`` and every task result into ``job_events``; a module that is not
pipelined leaves its AnsiballZ file, arguments included, in ``~/.ansible/tmp`` when the run is
killed. So the CLI

- passes the extra variables in a 0600 file of a 0700 folder that is removed when the run ends
  (``private_extravars``), never through ansible-runner's ``env/extravars``;
- masks, in every file of the run folder, the values of secret-looking keys (``password``,
  ``token``, ``secret``, ``api_key``, ...), the password of any ``scheme://user:password@`` URL,
  and every such value wherever else it appears (``scrub_run``), once right after the playbook
  started (the ``command`` file) and again when it ends;
- at the start of every run scrubs the folders of earlier runs that never got that far (a
  ``kill -9``) and removes their private folders and the ``ansible-tmp-*`` folders of Ansible
  processes that no longer exist (``sweep``).

What a ``kill -9`` leaves on a *remote* host's ``~/.ansible/tmp`` can only be removed there; with
pipelining (the CLI sets ANSIBLE_PIPELINING) no module file is written in the first place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile

from sitekeeper_cli import lock as lk

MASK = "********"
# Key names whose values are secrets, wherever they appear (env names, variables, module options).
SECRET_KEY = re.compile(r"pass(word|wd|phrase)?$|passwords?_|_pass$|secret|token|api[_-]?key|private[_-]?key"
                        r"|credential|^authorization$|_auth$|cookie", re.I)
# The password part of scheme://user:password@host.
URL_PASSWORD = re.compile(r"([a-z][a-z0-9+.-]*://[^/\s:@\"']*:)([^@\s/\"']+)(@)", re.I)
# Values shorter than this are not searched for elsewhere (a password "1" would mask every digit).
MIN_VALUE = 4
SCRUBBED = ".scrubbed"
PRIVATE_PREFIX = ".private-"


def is_secret_key(name) -> bool:
    return isinstance(name, str) and bool(SECRET_KEY.search(name))


def url_passwords(text: str) -> list:
    return [m.group(2) for m in URL_PASSWORD.finditer(text or "")]


def secret_values(mapping) -> set:
    """The secret values in a mapping (environment, extra variables): secret-looking keys, URL passwords."""
    found = set()

    def walk(value, secret):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, secret or is_secret_key(key))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, secret)
        elif value is not None and not isinstance(value, bool):
            text = str(value)
            if secret:
                found.add(text)
            found.update(url_passwords(text))

    walk(mapping or {}, False)
    return {v for v in found if len(v) >= MIN_VALUE and v != MASK}


def _mask_text(text: str, values) -> str:
    text = URL_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(3), text)
    for value in values:
        if value in text:
            text = text.replace(value, MASK)
    return text


def _mask(value, values, secret=False):
    if isinstance(value, dict):
        return {k: _mask(v, values, secret or is_secret_key(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v, values, secret) for v in value]
    if isinstance(value, str):
        return MASK if secret and value else _mask_text(value, values)
    if secret and value is not None and not isinstance(value, bool):
        return MASK
    return value


def _files(folder: str):
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if name != SCRUBBED:
                yield os.path.join(root, name)


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _rewrite(path: str, text: str) -> None:
    """Replace a file's content in place of the old one (same mode), never leaving a half-written file."""
    mode = os.stat(path).st_mode & 0o777
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".scrub-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with _quiet():
            os.unlink(tmp)
        raise


class _quiet:
    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        return kind is not None and issubclass(kind, OSError)


def scrub_file(path: str, values) -> set:
    """Mask secrets in one file (JSON structurally, other text by value); the values it found."""
    data = _read_json(path)
    if data is not None:
        found = secret_values(data)
        masked = _mask(data, set(values) | found)
        if masked != data:
            _rewrite(path, json.dumps(masked, ensure_ascii=False))
        return found
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return set()
    masked = _mask_text(text, values)
    if masked != text:
        _rewrite(path, masked)
    return set()


def scrub_run(folder: str, values=(), final=True) -> None:
    """Mask the secrets in every file of a run folder; ``final`` marks the folder as done.

    Two passes: the first masks the JSON files (ansible-runner's events, command and env files)
    and collects the values found under secret keys; the second masks those values anywhere,
    in the text files too (stdout, stderr) and in the JSON files once more.
    """
    if not os.path.isdir(folder):
        return
    values = set(values)
    for path in _files(folder):
        values |= scrub_file(path, values)
    values = {v for v in values if len(v) >= MIN_VALUE}
    for path in _files(folder):
        scrub_file(path, values)
    if final:
        with open(os.path.join(folder, SCRUBBED), "w", encoding="utf-8") as handle:
            handle.write("secrets masked\n")


def private_extravars(run_folder: str, extravars: dict) -> str:
    """Write the extra variables to a 0600 file in a 0700 folder of the run; its path (for ``-e @path``)."""
    folder = os.path.join(run_folder, "%s%d" % (PRIVATE_PREFIX, os.getpid()))
    os.makedirs(folder, mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    path = os.path.join(folder, "extravars.json")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(extravars, handle)
    return path


def remove_private(run_folder: str) -> None:
    for name in os.listdir(run_folder) if os.path.isdir(run_folder) else []:
        if name.startswith(PRIVATE_PREFIX):
            shutil.rmtree(os.path.join(run_folder, name), ignore_errors=True)


def _alive(pid: int) -> bool:
    """The process runs (a zombie has ended: what it left may be cleaned)."""
    return lk.proc_stat(pid) is not None


def stale_ansible_tmp(tmp_dir: str) -> list:
    """``ansible-tmp-<time>-<pid>-<n>`` folders whose Ansible worker no longer exists."""
    stale = []
    for name in os.listdir(tmp_dir) if os.path.isdir(tmp_dir) else []:
        match = re.match(r"ansible-tmp-[0-9.]+-(\d+)-\d+$", name)
        if match and not _alive(int(match.group(1))):
            stale.append(os.path.join(tmp_dir, name))
    return stale


def sweep(runs_dir: str, current: str | None = None, ansible_tmp: str | None = None) -> None:
    """Scrub earlier runs that ended without it (killed) and remove what their Ansible left behind."""
    for name in os.listdir(runs_dir) if os.path.isdir(runs_dir) else []:
        folder = os.path.join(runs_dir, name)
        if folder == current or not os.path.isdir(folder) or os.path.exists(os.path.join(folder, SCRUBBED)):
            continue
        owners = [int(n[len(PRIVATE_PREFIX):]) for n in os.listdir(folder)
                  if n.startswith(PRIVATE_PREFIX) and n[len(PRIVATE_PREFIX):].isdigit()]
        if any(_alive(pid) and pid != os.getpid() for pid in owners):
            continue  # another CLI is running that one right now
        remove_private(folder)
        scrub_run(folder)
    tmp_dir = ansible_tmp or os.path.expanduser(os.path.join("~", ".ansible", "tmp"))
    for path in stale_ansible_tmp(tmp_dir):
        shutil.rmtree(path, ignore_errors=True)
