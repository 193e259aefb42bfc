"""Build the labelled docroot corpora of ``benchmarks/docroot_scan.py`` from public sources.

    python benchmarks/docroot_corpus.py --mirrors DIR --debs DIR [--out benchmarks/data/docroot]

``--mirrors`` holds bare git mirrors named ``owner+name/repo`` (each read at its HEAD), ``--debs``
holds Debian packages unpacked with ``dpkg-deb -x`` into ``<package>/``. Every source becomes one
deterministic ``.tar.xz`` (sorted members, zero times and owners) whose members are
``<label>/<source>/<path in the source>``; labels are ``benign``, ``webshell`` and ``spam``.
The shells are live malicious code: they stay compressed in the repository and are only ever
read as bytes. A file whose sha256 was already taken (an earlier source, or the shared
``webshell-dev`` corpus) is left out, so no file is counted twice or in two labels.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docroot_spam_samples import HARD_NEGATIVES, SPAM  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OUT = os.path.join(HERE, "data", "docroot")
SHARED_DEV = os.path.join(os.path.dirname(REPO), "shared", "data", "webshell-dev")

# What a docroot holds that a scanner reads as code or markup.
BENIGN_EXT = (".php", ".phtml", ".inc", ".module", ".install", ".theme", ".profile", ".engine",
              ".html", ".htm", ".js", ".mjs", ".tpl", ".txt")
SHELL_EXT = (".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".pht", ".inc", ".asp", ".aspx",
             ".ashx", ".asmx", ".asa", ".cer", ".jsp", ".jspx", ".cfm")
# Server pages of ASP, ASP.NET, JSP and ColdFusion applications (the only files read from BENIGN_PAGES).
SERVER_PAGE_EXT = (".asp", ".aspx", ".ascx", ".ashx", ".asmx", ".asa", ".master", ".jsp", ".jspf", ".jspx", ".tag",
                   ".cfm")
MAX_BENIGN = 1024 * 1024
# At most this many files of one application (the lowest sha256s: a fixed pseudo-random sample),
# so the repository stays small; the apps' sizes differ by two orders of magnitude.
MAX_PER_SOURCE = 2500
MAX_TXT = 64 * 1024
MAX_SHELL = 4 * 1024 * 1024

# (source name, mirror dir or deb package, path prefix inside it, licence). Order matters: the
# first source to hold a file keeps it.
BENIGN_GIT = [
    ("drupal-core", "drupal+core", "", "GPL-2.0-or-later"),
    ("symfony", "symfony+symfony", "src/", "MIT"),
    ("laravel-framework", "laravel+framework", "src/", "MIT"),
    ("codeigniter4", "codeigniter4+CodeIgniter4", "", "MIT"),
    ("codeigniter3", "bcit-ci+CodeIgniter", "", "MIT"),
    ("matomo", "matomo-org+matomo", "", "GPL-3.0-or-later"),
    ("dokuwiki", "dokuwiki+dokuwiki", "", "GPL-2.0-only"),
    ("contact-form-7", "takayukister+contact-form-7", "", "GPL-2.0-or-later"),
    ("ojs", "pkp+ojs", "", "GPL-3.0-only"),
    ("phpbb", "phpbb+phpbb", "phpBB/", "GPL-2.0-only"),
    ("opencart", "opencart+opencart", "upload/", "GPL-3.0-only"),
    ("yii2", "yiisoft+yii2", "framework/", "BSD-3-Clause"),
]
# Applications written in ASP, ASP.NET or JSP (no such benign code is in the sources above): what a
# scanner reads in them as server code is what a shell in those languages looks like.
BENIGN_PAGES = [
    ("taketop-pmp", "TakeTopITS+TakeTopPMPWebFormSource", "", "GPL-3.0"),
    ("wts-classic-asp", "ekede+WTS-Classic-ASP-MVC-Framework", "", "MIT"),
    ("slickcms", "mattjuffs+slickcms-classic-asp", "", "MS-RL"),
    ("oframecms", "mohammedkamranazam+OFrameCMS-WebForms", "", "GPL-3.0"),
    ("roller", "apache+roller", "", "Apache-2.0"),
    ("jspwiki", "apache+jspwiki", "", "Apache-2.0"),
]
BENIGN_DEB = [
    ("wordpress", "wordpress", "usr/share/wordpress/", "GPL-2.0-or-later"),
    ("phpmyadmin", "phpmyadmin", "usr/share/phpmyadmin/", "GPL-2.0-or-later"),
    ("mediawiki", "mediawiki", "usr/share/mediawiki/", "GPL-2.0-or-later"),
]
SHELLS = [
    ("blackarch-webshells", "BlackArch+webshells", "", "no licence file; samples as found in the wild"),
    ("johntroony-php-webshells", "JohnTroony+php-webshells", "", "no licence file; samples as found in the wild"),
    ("bartblaze-php-backdoors", "bartblaze+PHP-backdoors", "", "CC0-1.0"),
    ("backdoorhub", "backdoorhub+shell-backdoor-list", "", "MIT"),
    ("nikicat-web-malware", "nikicat+web-malware-collection", "", "no licence file; samples as found in the wild"),
    ("xl7dev-webshell", "xl7dev+WebShell", "", "GPL-2.0"),
    ("tennc-webshell", "tennc+webshell", "", "MIT"),
    ("b374k", "b374k+b374k", "", "MIT"),
    ("p0wny-shell", "flozz+p0wny-shell", "", "WTFPL"),
]
# Shell collections added in session 6 that nobody has tuned on: held out IN FULL (``split_of`` in
# docroot_scan.py), a fresh estimate of how the scan generalises. Built after SHELLS, so a file
# already in an earlier collection (or in webshell-dev) stays with that one and its split.
# (source, mirror, prefix, licence, at most this many files: the lowest sha256s, to keep the repository small)
SHELLS_HOLDOUT = [
    ("ysrc-webshell-sample", "ysrc+webshell-sample", "", "no licence file; samples as found in the wild", 300),
    ("tanjiti-webshellsample", "tanjiti+webshellSample", "", "no licence file; samples as found in the wild", 600),
    ("threedr3am-jsp-webshells", "threedr3am+JSP-WebShells", "", "no licence file", 600),
    ("joychou93-webshell", "JoyChou93+webshell", "", "no licence file", 600),
]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def looks_like_code(data):
    """A .txt (or extension-less) file from a shell collection counts only when it carries server code."""
    head = data[:65536].lower()
    return b"<?php" in head or b"<?=" in head or b"<%" in head or b"<?\n" in head or b"<? " in head


def keep_benign(path, data, extensions=BENIGN_EXT):
    name = os.path.basename(path).lower()
    if not data or len(data) > MAX_BENIGN:
        return False
    if name == ".htaccess":
        return True
    if name.endswith(".txt"):
        return len(data) <= MAX_TXT
    return name.endswith(extensions)


def keep_benign_pages(path, data):
    """Of the ASP/ASP.NET/JSP applications only their server pages: their scripts and markup add nothing new."""
    return not path.lower().endswith(".txt") and keep_benign(path, data, SERVER_PAGE_EXT)


def keep_shell(path, data):
    name = os.path.basename(path).lower()
    if not data or len(data) > MAX_SHELL or name.endswith((".md", ".rst", ".yml", ".json", ".gitignore")):
        return False
    if name == ".htaccess" or name.endswith(SHELL_EXT):
        return True
    return name.endswith(".txt") and looks_like_code(data)


def git_files(gitdir, prefix, keep=None):
    """[(path, bytes)] of the blobs at HEAD under prefix (those whose path ``keep`` accepts), and the HEAD commit."""
    commit = subprocess.run(["git", "-C", gitdir, "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    listing = subprocess.run(["git", "-C", gitdir, "ls-tree", "-r", "-z", "HEAD", "--", prefix or "."],
                             capture_output=True, check=True).stdout
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, path = item.split(b"\t", 1)
        mode, kind, obj = meta.split()
        path = path.decode("utf-8", "surrogateescape")
        if kind == b"blob" and mode in (b"100644", b"100755") and (keep is None or keep(path)):
            entries.append((path, obj.decode()))
    proc = subprocess.Popen(["git", "-C", gitdir, "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    out = []
    for path, obj in entries:
        proc.stdin.write(obj.encode() + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) < 3:  # "<obj> missing": the snapshot left out some of its largest blobs
            continue
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        out.append((path[len(prefix):] if prefix else path, data))
    proc.stdin.close()
    proc.wait()
    return out, commit


def dir_files(root):
    out = []
    for base, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(base, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            with open(full, "rb") as handle:
                out.append((os.path.relpath(full, root), handle.read()))
    return out


def shared_hashes(root=SHARED_DEV):
    seen = set()
    for _path, data in (dir_files(root) if os.path.isdir(root) else []):
        seen.add(sha256(data))
    return seen


def write_tar(path, members):
    """Deterministic tar.xz of [(name, bytes)]."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:xz", preset=9) as tar:
        for name, data in sorted(members):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    with open(path, "wb") as handle:
        handle.write(buf.getvalue())
    return os.path.getsize(path)


def build_source(name, label, files, keep, seen, out_dir, limit=MAX_PER_SOURCE):
    members = []
    dropped = {"filtered": 0, "duplicate": 0, "sampled_out": 0}
    for path, data in files:
        if not keep(path, data):
            dropped["filtered"] += 1
            continue
        digest = sha256(data)
        if digest in seen:
            dropped["duplicate"] += 1
            continue
        seen.add(digest)
        members.append((digest, "%s/%s/%s" % (label, name, path), data))
    if limit and len(members) > limit:
        members.sort()
        dropped["sampled_out"] = len(members) - limit
        members = members[:limit]
    members = [(n, d) for _h, n, d in members]
    size = write_tar(os.path.join(out_dir, "%s-%s.tar.xz" % (label, name)), members) if members else 0
    return {"files": len(members), "bytes": sum(len(d) for _n, d in members), "tar_bytes": size, **dropped}


def build_plan():
    """[(source, label, keep, kind, mirror or package, prefix, licence, limit)] in build (= dedup) order."""
    limit = MAX_PER_SOURCE
    plan = [(n, "benign", keep_benign, "deb", d, p, lic, limit) for n, d, p, lic in BENIGN_DEB]
    plan += [(n, "benign", keep_benign, "git", d, p, lic, limit) for n, d, p, lic in BENIGN_GIT]
    plan += [(n, "benign", keep_benign_pages, "git", d, p, lic, limit) for n, d, p, lic in BENIGN_PAGES]
    plan += [(n, "webshell", keep_shell, "git", d, p, lic, limit) for n, d, p, lic in SHELLS]
    plan += [(n, "webshell", keep_shell, "git", d, p, lic, cap) for n, d, p, lic, cap in SHELLS_HOLDOUT]
    return plan


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirrors", required=True)
    ap.add_argument("--debs", required=True)
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--shared", default=SHARED_DEV, help="the shared webshell-dev corpus (deduplicated against)")
    ap.add_argument("--only", nargs="*", help="build only these sources (dedup still sees the earlier ones)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    seen = shared_hashes(args.shared)
    print("shared webshell-dev: %d distinct files" % len(seen), file=sys.stderr)
    manifest = []
    for name, label, keep, kind, where, prefix, lic, limit in build_plan():
        if kind == "deb":
            root = os.path.join(args.debs, where)
            files, origin = dir_files(os.path.join(root, prefix)), _deb_version(root, where)
        else:
            files, origin = git_files(os.path.join(args.mirrors, where, "repo"), prefix)
            origin = "github:%s@%s" % (where.replace("+", "/"), origin)
        if args.only and name not in args.only:
            for path, data in files:
                if keep(path, data):
                    seen.add(sha256(data))
            continue
        stats = build_source(name, label, files, keep, seen, args.out, limit)
        row = {"source": name, "label": label, "origin": origin, "prefix": prefix, "licence": lic, **stats}
        manifest.append(row)
        print(json.dumps(row), file=sys.stderr)
    for name, label, samples in (("synthetic-from-report", "spam", SPAM), ("synthetic-hard-negatives", "benign", HARD_NEGATIVES)):
        if args.only and name not in args.only:
            continue
        files = [(path, text.encode()) for path, text in sorted(samples.items())]
        stats = build_source(name, label, files, lambda _p, _d: True, seen, args.out)
        row = {"source": name, "label": label, "origin": "benchmarks/docroot_spam_samples.py", "prefix": "",
               "licence": "project's own (see the module's docstring for the reports)", **stats}
        manifest.append(row)
        print(json.dumps(row), file=sys.stderr)
    with open(os.path.join(args.out, "manifest.json" if not args.only else "manifest.partial.json"), "w") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.write("\n")


def _deb_version(root, package):
    changelog = os.path.join(root, "usr", "share", "doc", package, "changelog.Debian.gz")
    if os.path.exists(changelog):
        import gzip

        with gzip.open(changelog, "rt", errors="replace") as handle:
            first = handle.readline()
        return "debian:%s %s" % (package, first.split("(")[1].split(")")[0])
    return "debian:%s" % package


if __name__ == "__main__":
    main()
