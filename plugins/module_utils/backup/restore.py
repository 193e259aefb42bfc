# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Restore a site (files and databases) or the web server configuration from a verified Sitekeeper archive set.

Safety first: the archive is checked against the manifest's sha256 before
anything is written; every member is inspected and the whole restore is
refused if one has an absolute path, a ``..`` component, a link that escapes
the target, or is a device or FIFO. Files are extracted into a staging folder
beside the target and swapped in only when complete, so a failed restore
leaves the target as it was. Check mode streams the archive and reports what
would be added, changed and removed without writing anything.

Standard library only (tarfile reads the stream from zstd/pigz/gzip): this
runs on the web host. Other roles call it through the ``site_restore`` module
or ``roles/site_backup/tasks/restore.yml``.
"""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import hashlib
import os
import posixpath
import secrets
import shutil
import stat
import subprocess
import tarfile

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.db import Database, check_db_name
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restic import Restic

MAX_LISTED = 200
_FILTER = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}


class RestoreError(Exception):
    """A restore was refused or failed; nothing was changed unless said so."""


def _extra_paths(target: str, names, excludes, prefix="") -> list:
    """Paths under target that the restored set does not have (a mirror restore removes them)."""
    extra = []
    for root, dirs, files in os.walk(target):
        for entry in dirs + files:
            rel = os.path.relpath(os.path.join(root, entry), target)
            if rel not in names and not _excluded(rel, excludes, prefix):
                extra.append(rel)
        dirs[:] = [d for d in dirs if os.path.relpath(os.path.join(root, d), target) in names]
    return extra


# --------------------------------------------------------------------------- choosing a set


def _has_config(manifest):
    return any(c.get("kind") == "config" and c.get("file") for c in (manifest or {}).get("contents", []))


def find_set(backup_dir, host=None, site=None, name="latest", allow_unverified=False, need_config=False):
    """The set to restore from: a named one, or the newest verified one holding ``site`` complete.

    With ``need_config`` (and no site) the newest verified set holding a configuration archive.
    """
    backup_dir = os.path.abspath(os.path.expanduser(backup_dir))
    sets = bk.list_sets(backup_dir, host)
    if name and name != "latest":
        match = [s for s in sets if s["name"] == name]
        if not match:
            raise RestoreError("no backup set named %s in %s" % (name, backup_dir))
        chosen = match[0]
        if not chosen["verified"] and not allow_unverified:
            raise RestoreError("backup set %s is not verified; refusing to restore from it" % name)
        return chosen
    for item in sets:
        if not item["verified"]:
            continue
        sites = (item["manifest"] or {}).get("sites") or {}
        if need_config and not _has_config(item["manifest"]):
            continue
        if site is None or (sites.get(site) or {}).get("complete"):
            return item
    raise RestoreError(
        "no verified backup%s found in %s"
        % ((" of site %s" % site) if site else (" with a configuration archive" if need_config else ""), backup_dir)
    )


def site_items(manifest, site, kinds=("files", "database")):
    return [c for c in manifest.get("contents", []) if c.get("site") == site and c["kind"] in kinds]


# --------------------------------------------------------------------------- member safety


def _norm(name):
    """Normalised member path relative to the archive root ('' for the root)."""
    path = posixpath.normpath(name)
    return "" if path == "." else path


def member_problem(member, link_roots=()):
    """Why a tar member must not be extracted, or None when it is safe.

    ``link_roots`` (configuration archives only): absolute folders an absolute
    symbolic link may point into, the archive's own configuration folders (as
    Debian's ``sites-enabled/x -> /etc/nginx/sites-available/x``).
    """
    name = member.name
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        return "'..' in path"
    if member.ischr() or member.isblk() or member.isfifo():
        return "device or FIFO"
    if member.issym():
        link = member.linkname
        if link.startswith("/"):
            inside = posixpath.normpath(link)
            if not any(inside == root or inside.startswith(root.rstrip("/") + "/") for root in link_roots):
                return "symlink to an absolute path"
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(_norm(name)), link))
        if resolved == ".." or resolved.startswith("../"):
            return "symlink escapes the target"
    if member.islnk():
        link = member.linkname
        if link.startswith("/") or ".." in link.split("/"):
            return "hard link outside the archive"
    if not (member.isfile() or member.isdir() or member.issym() or member.islnk()):
        return "unsupported member type"
    return None


def _through_link(rel, links):
    """True when a parent of ``rel`` is a symbolic link of the archive (a member written through it)."""
    parts = rel.split("/")
    return any("/".join(parts[:i]) in links for i in range(1, len(parts)))


def _under(rel, prefix):
    """``rel`` relative to ``prefix`` ('' for the prefix itself), or None when outside it."""
    if not prefix:
        return rel
    if rel == prefix:
        return ""
    if rel.startswith(prefix + "/"):
        return rel[len(prefix) + 1:]
    return None


def _relinked(member, relink):
    """The link target to create: an absolute in-archive link becomes relative when restored elsewhere."""
    link = member.linkname
    if relink and member.issym() and link.startswith("/"):
        return posixpath.relpath(posixpath.normpath(link).lstrip("/"), posixpath.dirname(_norm(member.name)) or ".")
    return link


# --------------------------------------------------------------------------- scanning


@contextlib.contextmanager
def open_stream(path):
    """A tarfile reading ``path`` through the system decompressor (stream mode)."""
    proc = subprocess.Popen(bk.decompressor_for(path) + [path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as archive:
            yield archive
    except tarfile.TarError as exc:
        raise RestoreError("cannot read %s: %s" % (os.path.basename(path), exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _file_sha(path):
    try:
        return bk.sha256_file(path)
    except OSError:
        return None


def _excluded(rel, patterns, prefix=""):
    if not patterns:
        return False
    if prefix and _excluded(prefix + "/" + rel, patterns):
        return True
    candidates = {rel, "./" + rel, posixpath.basename(rel)}
    parts = rel.split("/")
    for i in range(1, len(parts)):
        prefix = "/".join(parts[:i])
        candidates.update({prefix, "./" + prefix, parts[i - 1]})
    return any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns)


def _target_lstat(plan, dest, rel):
    """The target's entry ``dest`` (its lstat), or None when there is none: then ``rel`` is planned as added."""
    try:
        return os.lstat(dest)
    except OSError:
        plan["added"].append(rel)
        return None


def _tally(plan, rel, same, is_link, mode, target_mode):
    """Plan ``rel`` as unchanged or changed; other permissions are a change (a link has none of its own)."""
    if same and not is_link and (target_mode & 0o777) != (mode & 0o777):
        same = False
    if same:
        plan["unchanged"] += 1
    else:
        plan["changed"].append(rel)


def scan(archive_path, target, excludes=(), mirror=True, prefix="", link_roots=(), relink=False):
    """Compare an archive (or its ``prefix`` sub-folder) with ``target`` without writing: a plan of changes.

    Every member of the whole archive is checked. Returns {added, changed,
    removed, unchanged, refused} (lists of relative paths, ``refused`` as
    "path: reason").
    """
    plan = {"added": [], "changed": [], "removed": [], "unchanged": 0, "refused": []}
    names = set()
    links = set()
    with open_stream(archive_path) as archive:
        for member in archive:
            problem = member_problem(member, link_roots)
            full = _norm(member.name)
            if not problem and _through_link(full, links):
                problem = "path through a symbolic link"
            if problem:
                plan["refused"].append("%s: %s" % (member.name, problem))
                continue
            if member.issym():
                links.add(full)
            rel = _under(full, prefix)
            if rel is None:
                continue
            names.add(rel)
            if rel == "":
                continue
            dest = os.path.join(target, rel)
            st = _target_lstat(plan, dest, rel)
            if st is None:
                continue
            same = False
            if member.isdir():
                same = stat.S_ISDIR(st.st_mode)
            elif member.issym():
                same = stat.S_ISLNK(st.st_mode) and os.readlink(dest) == _relinked(member, relink)
            elif member.isfile():
                if stat.S_ISREG(st.st_mode) and st.st_size == member.size:
                    handle = archive.extractfile(member)
                    digest = hashlib.sha256()
                    while True:
                        chunk = handle.read(bk.CHUNK)
                        if not chunk:
                            break
                        digest.update(chunk)
                    same = digest.hexdigest() == _file_sha(dest)
            elif member.islnk():
                same = stat.S_ISREG(st.st_mode)
            _tally(plan, rel, same, member.issym(), member.mode, st.st_mode)
    if mirror and os.path.isdir(target):
        plan["removed"].extend(_extra_paths(target, names, excludes, prefix))
    return plan


def _staging_path(target):
    parent = os.path.dirname(target.rstrip("/")) or "/"
    return os.path.join(parent, ".%s.sk-restore-%s" % (os.path.basename(target.rstrip("/")), secrets.token_hex(4)))


def extract(archive_path, staging, prefix="", link_roots=(), relink=False):
    """Extract every (already checked) member, or those under ``prefix`` (stripped), into ``staging``."""
    os.makedirs(staging, mode=0o700)
    root = None
    links = set()
    with open_stream(archive_path) as archive:
        for member in archive:
            full = _norm(member.name)
            if member_problem(member, link_roots) or _through_link(full, links):
                raise RestoreError("unsafe member %s appeared while extracting" % member.name)
            if member.issym():
                links.add(full)
            rel = _under(full, prefix)
            if rel is None:
                continue
            if rel == "":
                root = member
                continue
            if prefix or relink:
                linkname = _relinked(member, relink)
                if member.islnk():
                    linkname = _under(_norm(linkname), prefix)
                    if linkname is None:
                        raise RestoreError("hard link %s points outside the restored folder %s" % (member.name, prefix))
                member = _renamed(member, rel, linkname)
            # Every member was checked by member_problem(); Python's own "tar" filter (3.11.4+) is a second guard.
            archive.extract(member, staging, numeric_owner=True, **_FILTER)
    # The archive's root entry carries the folder's own mode and owner.
    if root is not None:
        os.chmod(staging, root.mode & 0o777)
        if os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.chown(staging, root.uid, root.gid)
    return staging


def _renamed(member, name, linkname):
    """A copy of a TarInfo with another name and link target (Python < 3.11.4 has no TarInfo.replace)."""
    clone = copy.copy(member)
    clone.name = name
    clone.linkname = linkname
    return clone


def _swap(staging, target, keep_replaced):
    """Put ``staging`` in place of ``target``; return the replaced copy's path (or None)."""
    replaced = None
    if os.path.lexists(target):
        replaced = "%s.sk-replaced-%s" % (target.rstrip("/"), bk.now_utc().strftime("%Y%m%dT%H%M%SZ"))
        try:
            os.rename(target, replaced)
        except OSError:
            # A mount point or a folder we cannot rename: sync into it in place.
            _sync_into(staging, target)
            shutil.rmtree(staging, ignore_errors=True)
            return None
    os.rename(staging, target)
    if replaced and not keep_replaced:
        shutil.rmtree(replaced, ignore_errors=True)
        replaced = None
    return replaced


def _sync_into(staging, target):
    wanted = set()
    for root, dirs, files in os.walk(staging):
        rel_root = os.path.relpath(root, staging)
        for d in dirs:
            rel = os.path.normpath(os.path.join(rel_root, d))
            wanted.add(rel)
            os.makedirs(os.path.join(target, rel), exist_ok=True)
        for f in files:
            rel = os.path.normpath(os.path.join(rel_root, f))
            wanted.add(rel)
            dest = os.path.join(target, rel)
            if os.path.isdir(dest) and not os.path.islink(dest):
                shutil.rmtree(dest)
            shutil.copy2(os.path.join(root, f), dest, follow_symlinks=False)
    for root, dirs, files in os.walk(target, topdown=False):
        for entry in files + dirs:
            full = os.path.join(root, entry)
            if os.path.relpath(full, target) not in wanted:
                if os.path.isdir(full) and not os.path.islink(full):
                    shutil.rmtree(full)
                else:
                    os.unlink(full)


def compare_trees(src, target, excludes=(), mirror=True):
    """Plan like scan(), from an already extracted folder."""
    plan = {"added": [], "changed": [], "removed": [], "unchanged": 0, "refused": []}
    names = set()
    for root, dirs, files in os.walk(src):
        for entry in dirs + files:
            full = os.path.join(root, entry)
            rel = os.path.relpath(full, src)
            names.add(rel)
            dest = os.path.join(target, rel)
            st = _target_lstat(plan, dest, rel)
            if st is None:
                continue
            sst = os.lstat(full)
            if stat.S_ISLNK(sst.st_mode):
                same = stat.S_ISLNK(st.st_mode) and os.readlink(dest) == os.readlink(full)
            elif stat.S_ISDIR(sst.st_mode):
                same = stat.S_ISDIR(st.st_mode)
            else:
                same = (stat.S_ISREG(st.st_mode) and st.st_size == sst.st_size
                        and _file_sha(dest) == _file_sha(full))
            _tally(plan, rel, same, stat.S_ISLNK(sst.st_mode), sst.st_mode, st.st_mode)
    if mirror and os.path.isdir(target):
        plan["removed"].extend(_extra_paths(target, names, excludes))
    return plan


def _plan_result(label, target, plan, mirror):
    """What a folder restore will change (or changed), from its plan; ``replaced_copy`` is set once swapped."""
    changed = bool(plan["added"] or plan["changed"] or plan["removed"]) or not os.path.isdir(target)
    return {
        "archive": label,
        "target": target,
        "changed": changed,
        "added": plan["added"][:MAX_LISTED],
        "changed_files": plan["changed"][:MAX_LISTED],
        "removed": plan["removed"][:MAX_LISTED] if mirror else [],
        "counts": {"added": len(plan["added"]), "changed": len(plan["changed"]),
                   "removed": len(plan["removed"]) if mirror else 0, "unchanged": plan["unchanged"]},
        "replaced_copy": None,
    }


def _put_in_place(staging, target, excludes, mirror, keep_replaced, prefix=""):
    """Move a staged folder into ``target``; return the kept copy of the replaced folder (or None).

    A mirror first copies the target's excluded paths (caches, sessions, TLS keys left out of
    the backup) into the staging folder, so they survive, then swaps the two folders; otherwise
    the staged files are laid over the target and nothing is removed.
    """
    if not mirror:
        _overlay(staging, target)
        return None
    for rel in _excluded_present(target, excludes, prefix):
        src = os.path.join(target, rel)
        dst = os.path.join(staging, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.isdir(src) and not os.path.islink(src):
            shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst, follow_symlinks=False)
    return _swap(staging, target, keep_replaced)


def restore_restic_files(item, target, restic, check_mode=False, mirror=True, keep_replaced=False):
    """Restore a site folder kept in a restic snapshot (staged beside the target, then swapped in)."""
    target = os.path.abspath(os.path.expanduser(target))
    if os.path.exists(target) and not os.path.isdir(target):
        raise RestoreError("restore target %s exists and is not a folder" % target)
    os.makedirs(os.path.dirname(target.rstrip("/")) or "/", exist_ok=True)
    raw = _staging_path(target)
    os.makedirs(raw, mode=0o700)
    try:
        restic.restore(item["snapshot_id"], raw, include=item["source"])
        staged = os.path.join(raw, item["source"].lstrip("/"))
        if not os.path.isdir(staged):
            raise RestoreError("restic snapshot %s holds no %s" % (item["snapshot_id"], item["source"]))
        plan = compare_trees(staged, target, item.get("excludes") or [], mirror=mirror)
        result = _plan_result("restic:%s" % item["snapshot_id"], target, plan, mirror)
        if check_mode or not result["changed"]:
            return result
        result["replaced_copy"] = _put_in_place(staged, target, item.get("excludes") or [], mirror, keep_replaced)
        return result
    except OSError as exc:
        raise RestoreError("restore into %s failed, target left as it was: %s" % (target, exc)) from exc
    finally:
        shutil.rmtree(raw, ignore_errors=True)


def restore_files(item, set_dir, target, check_mode=False, mirror=True, keep_replaced=False):
    """Restore one files archive of a set into ``target``; return what changed."""
    path = os.path.join(set_dir, item["file"])
    _check_sha(path, item)
    return _restore_tree(path, item["file"], target, item.get("excludes") or [], check_mode, mirror, keep_replaced)


def _check_sha(path, item):
    if bk.sha256_file(path) != item["sha256"]:
        raise RestoreError("%s does not match its checksum in the manifest; refusing to restore from it" % item["file"])


def _restore_tree(path, label, target, excludes, check_mode, mirror, keep_replaced, prefix="", link_roots=(),
                  relink=False):
    """Restore an archive (or its ``prefix`` sub-folder) into ``target``: plan, then stage and swap."""
    target = os.path.abspath(os.path.expanduser(target))
    if os.path.exists(target) and not os.path.isdir(target):
        raise RestoreError("restore target %s exists and is not a folder" % target)
    plan = scan(path, target, excludes, mirror=mirror, prefix=prefix, link_roots=link_roots, relink=relink)
    if plan["refused"]:
        raise RestoreError(
            "%s holds %d unsafe member(s), nothing restored: %s"
            % (label, len(plan["refused"]), "; ".join(plan["refused"][:5]))
        )
    result = _plan_result(label, target, plan, mirror)
    if check_mode or not result["changed"]:
        return result
    os.makedirs(os.path.dirname(target.rstrip("/")) or "/", exist_ok=True)
    staging = _staging_path(target)
    try:
        extract(path, staging, prefix=prefix, link_roots=link_roots, relink=relink)
        result["replaced_copy"] = _put_in_place(staging, target, excludes, mirror, keep_replaced, prefix)
    except (OSError, tarfile.TarError) as exc:
        raise RestoreError("restore into %s failed, target left as it was: %s" % (target, exc)) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def config_roots(item):
    """The configuration folders a config archive holds (absolute, normalised)."""
    roots = item.get("sources") or (item.get("source") or "").split()
    roots = [posixpath.normpath(r) for r in roots]
    bad = [r for r in roots if not r.startswith("/") or r == "/"]
    if bad or not roots:
        raise RestoreError("the configuration archive records unusable folders: %s" % (", ".join(bad) or "none"))
    return roots


def restore_config(manifest, set_dir, target=None, in_place=False, check_mode=False, mirror=True,
                   keep_replaced=False):
    """Restore the web server / runtime configuration archive of a set.

    By default each folder (``/etc/nginx``) goes to ``<target>/etc/nginx``; an
    absolute symbolic link into the archive's own folders becomes relative there,
    so the copy is self-contained. With ``in_place`` each folder goes back to
    its original place (links kept as they were). The same member checks as
    for site files apply to the whole archive first; excluded paths (TLS keys
    left out of the backup) are kept as they are. Returns one result per folder.
    """
    items = [c for c in manifest.get("contents", []) if c.get("kind") == "config" and c.get("file")]
    if not items:
        raise RestoreError("backup set %s holds no configuration archive" % manifest.get("name"))
    if not in_place and not target:
        raise RestoreError("give a folder to restore the configuration into, or ask to restore it in place")
    item = items[0]
    path = os.path.join(set_dir, item["file"])
    _check_sha(path, item)
    roots = config_roots(item)
    results = []
    for root in roots:
        dest = root if in_place else os.path.join(os.path.abspath(os.path.expanduser(target)), root.lstrip("/"))
        res = _restore_tree(path, item["file"], dest, item.get("excludes") or [], check_mode, mirror, keep_replaced,
                            prefix=root.lstrip("/"), link_roots=roots, relink=not in_place)
        res["source"] = root
        results.append(res)
    return results


def _excluded_present(target, patterns, prefix=""):
    found = []
    if not patterns or not os.path.isdir(target):
        return found
    for root, dirs, files in os.walk(target):
        keep_dirs = []
        for d in dirs:
            rel = os.path.relpath(os.path.join(root, d), target)
            if _excluded(rel, patterns, prefix):
                found.append(rel)
            else:
                keep_dirs.append(d)
        dirs[:] = keep_dirs
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), target)
            if _excluded(rel, patterns, prefix):
                found.append(rel)
    return found


def _overlay(staging, target):
    os.makedirs(target, exist_ok=True)
    for root, dirs, files in os.walk(staging):
        rel_root = os.path.relpath(root, staging)
        for d in dirs:
            os.makedirs(os.path.join(target, rel_root, d), exist_ok=True)
        for f in files:
            dest = os.path.normpath(os.path.join(target, rel_root, f))
            tmp = dest + ".sk-tmp"
            shutil.copy2(os.path.join(root, f), tmp, follow_symlinks=False)
            os.replace(tmp, dest)


# --------------------------------------------------------------------------- databases


def restore_database(item, set_dir, db_spec, target_name=None, check_mode=False, replace=False):
    """Load a dump into ``target_name`` (default: the original name) and compare row counts."""
    path = os.path.join(set_dir, item["file"])
    target_name = target_name or item["database"]
    result = {"archive": item["file"], "database": target_name, "engine": item["engine"], "changed": False}
    if bk.sha256_file(path) != item["sha256"]:
        raise RestoreError("%s does not match its checksum in the manifest; refusing to restore from it" % item["file"])
    spec = dict(db_spec, engine=item["engine"], name=db_spec.get("name") or item["database"])
    with Database(spec) as db:
        exists = _db_exists(db, target_name)
        tables = db.tables(target_name) if exists else []
        if tables and not replace:
            raise RestoreError(
                "database %s already holds %d table(s); set replace to restore over it" % (target_name, len(tables))
            )
        result["changed"] = True
        result["replaced_tables"] = len(tables)
        if check_mode:
            return result
        if tables:
            db.drop(target_name)
            exists = False
        db.restore_into(path, target_name, bk.decompressor_for(path), create=not exists)
        counts = db.row_counts(target_name)
    expected = item.get("row_counts") or {}
    result["tables"] = len(counts)
    result["row_counts_match"] = counts == expected
    if counts != expected:
        raise RestoreError("database %s was restored but its row counts differ from the backup" % target_name)
    return result


def _db_exists(db, name):
    name = check_db_name(name)
    if db.is_pg:
        rows = db.query("SELECT 1 FROM pg_database WHERE datname = '%s'" % name)  # noqa: S608  checked name
    else:
        rows = db.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = '%s'" % name)  # noqa: S608
    return bool(rows)


# --------------------------------------------------------------------------- a whole site


def restore_site(params, check_mode=False):
    """Restore ``params['site']`` (and/or the configuration) from ``params['backup_dir']``; a JSON-safe result."""
    components = params.get("components") or ["files", "databases"]
    site_parts = [c for c in components if c in ("files", "databases")]
    if site_parts and not params.get("site"):
        raise RestoreError("name the site to restore (site) to restore its %s" % " and ".join(site_parts))
    chosen = find_set(params["backup_dir"], params.get("host"), params.get("site") if site_parts else None,
                      params.get("set") or "latest", params.get("allow_unverified", False),
                      need_config="config" in components)
    manifest = chosen["manifest"]
    result = {"set": chosen["name"], "set_path": chosen["path"], "files": [], "databases": [], "config": [],
              "changed": False}
    targets = params.get("targets") or {}
    if "files" in components:
        items = site_items(manifest, params["site"], ("files",))
        if not items:
            raise RestoreError("backup set %s holds no files of site %s" % (chosen["name"], params["site"]))
        for item in items:
            target = targets.get(item.get("role")) or (params.get("target") if item.get("role") == "docroot" else None)
            if not target:
                target = item["source"]
            elif item.get("role") != "docroot" and not targets.get(item.get("role")):
                target = os.path.join(target, item["role"])
            if item.get("engine") == "restic":
                with Restic(params.get("restic_repository") or (manifest.get("restic") or {}).get("repository"),
                            params.get("restic_password")) as restic:
                    res = restore_restic_files(item, target, restic, check_mode=check_mode,
                                               mirror=params.get("mirror", True),
                                               keep_replaced=params.get("keep_replaced", False))
            else:
                res = restore_files(item, chosen["path"], target, check_mode=check_mode,
                                    mirror=params.get("mirror", True),
                                    keep_replaced=params.get("keep_replaced", False))
            result["files"].append(res)
            result["changed"] = result["changed"] or res["changed"]
    if "databases" in components:
        specs = {}
        for spec in params.get("databases") or []:
            engine = spec.get("engine") or "mariadb"
            for alias in (("mariadb", "mysql") if engine in ("mariadb", "mysql") else (engine,)):
                specs.setdefault((alias, spec.get("name")), spec)
        for item in site_items(manifest, params["site"], ("database",)):
            spec = specs.get((item["engine"], item["database"]))
            if spec is None:
                result["databases"].append({"database": item["database"], "skipped": "no connection settings given"})
                continue
            res = restore_database(item, chosen["path"], spec, spec.get("restore_as"), check_mode=check_mode,
                                   replace=spec.get("replace", False))
            result["databases"].append(res)
            result["changed"] = result["changed"] or res["changed"]
    if "config" in components:
        in_place = bool(params.get("config_in_place"))
        if in_place and params.get("config_target"):
            raise RestoreError("config_target and config_in_place exclude each other: choose one place")
        target = params.get("config_target") or os.path.join(
            os.path.abspath(os.path.expanduser(params["backup_dir"])), "restored-config", chosen["name"])
        result["config"] = restore_config(manifest, chosen["path"], None if in_place else target, in_place,
                                          check_mode=check_mode, mirror=params.get("mirror", True),
                                          keep_replaced=params.get("keep_replaced", False))
        result["changed"] = result["changed"] or any(r["changed"] for r in result["config"])
    return result
