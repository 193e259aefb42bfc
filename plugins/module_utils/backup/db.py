# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Database dumps and their restore tests (MariaDB/MySQL and PostgreSQL).

Credentials never reach a command line, a log or the manifest: MariaDB gets a
``[client]`` defaults file, PostgreSQL a PGPASSFILE, both mode 0600 inside a
0700 temporary folder that is removed when the work is done. Only the path of
that file appears in the process list.

A dump is proven by restoring it into a throw-away database (MariaDB: a new
database on the same server; PostgreSQL: a new database in the same cluster),
counting every table's rows and comparing them with the source's counts taken
just before the dump. The throw-away database is always dropped.

Standard library only: this runs on the web host.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile

from ansible_collections.sitekeeper.website.plugins.module_utils.backup.common import (
    DB_NAME_RE,
    BackupError,
    _first_line,
    feed_pipeline,
    find_tool,
    pg_bin_dirs,
    run_pipeline,
    tool_version,
)

ENGINES = ("mariadb", "mysql", "postgresql")
VERIFY_PREFIX = "sk_verify_"


def check_db_name(name):
    if not isinstance(name, str) or not DB_NAME_RE.match(name):
        raise BackupError("database name %r is not allowed (letters, digits, _ $ - only)" % (name,))
    return name


def _mysql_quote_option(value):
    text = str(value)
    if "\n" in text or "\r" in text:
        raise BackupError("a database option contains a line break")
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def _pgpass_escape(value):
    text = str(value)
    if "\n" in text or "\r" in text:
        raise BackupError("a database option contains a line break")
    return text.replace("\\", "\\\\").replace(":", "\\:")


class Credentials:
    """A 0700 folder holding the 0600 credentials file; removed on close."""

    def __init__(self, db):
        self.db = db
        self.folder = tempfile.mkdtemp(prefix="sk-cred-")
        os.chmod(self.folder, 0o700)
        self.path = None

    def write(self, name, text):
        path = os.path.join(self.folder, name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(text)
        self.path = path
        return path

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Database:
    """One database to dump: engine-specific commands, credentials handled safely."""

    def __init__(self, spec):
        self.spec = dict(spec)
        self.engine = self.engine_of(spec)
        if self.engine not in ENGINES:
            raise BackupError("database engine %r is not supported (mariadb, mysql, postgresql)" % (self.engine,))
        self.name = check_db_name(spec.get("name"))
        self.is_pg = self.engine == "postgresql"
        self.ext = "pgdump" if self.is_pg else "sql"
        self._cred = None

    @staticmethod
    def engine_of(spec):
        return spec.get("engine") or "mariadb"

    # ---- credentials ---------------------------------------------------
    def __enter__(self):
        self._cred = Credentials(self)
        spec = self.spec
        if self.is_pg:
            line = "*:*:*:%s:%s\n" % (_pgpass_escape(spec.get("user") or "*"), _pgpass_escape(spec.get("password") or ""))
            if spec.get("password"):
                self._cred.write("pgpass", line)
        else:
            lines = ["[client]"]
            for key in ("user", "password", "host", "port", "socket"):
                if spec.get(key) not in (None, ""):
                    lines.append("%s=%s" % (key, _mysql_quote_option(spec[key])))
            self._cred.write("client.cnf", "\n".join(lines) + "\n")
        return self

    def __exit__(self, *exc):
        if self._cred:
            self._cred.close()
            self._cred = None

    def env(self):
        env = dict(os.environ)
        for key in ("MYSQL_PWD", "PGPASSWORD"):
            env.pop(key, None)
        if self.is_pg:
            spec = self.spec
            if spec.get("host"):
                env["PGHOST"] = str(spec["host"])
            if spec.get("port"):
                env["PGPORT"] = str(spec["port"])
            if spec.get("user"):
                env["PGUSER"] = str(spec["user"])
            if self._cred and self._cred.path:
                env["PGPASSFILE"] = self._cred.path
            env["PGCONNECT_TIMEOUT"] = "10"
        return env

    # ---- tools -----------------------------------------------------------
    def _pg(self, name):
        tool = find_tool([name], pg_bin_dirs(self.spec.get("bin_dir")))
        if not tool:
            raise BackupError("%s is not installed on this host (PostgreSQL client)" % name)
        return tool

    def _my(self, names):
        extra = [self.spec["bin_dir"]] if self.spec.get("bin_dir") else []
        tool = find_tool(names, extra)
        if not tool:
            raise BackupError("%s is not installed on this host (MariaDB/MySQL client)" % names[0])
        return tool

    def client_cmd(self, database=None, sql=None):
        if self.is_pg:
            cmd = [self._pg("psql"), "--no-psqlrc", "--no-password", "-X", "-q", "-A", "-t",
                   "-v", "ON_ERROR_STOP=1", "-d", database or self.spec.get("maintenance_db") or "postgres"]
        else:
            cmd = [self._my(["mariadb", "mysql"]), "--defaults-extra-file=%s" % self._cred.path,
                   "--batch", "--skip-column-names", "--connect-timeout=10"]
            if database:
                cmd.append(database)
        if sql is not None:
            cmd += ["-c" if self.is_pg else "-e", sql]
        return cmd

    def dump_cmd(self):
        if self.is_pg:
            return [self._pg("pg_dump"), "--no-password", "--format=custom", "--compress=0", "-d", self.name]
        return [
            self._my(["mariadb-dump", "mysqldump"]),
            "--defaults-extra-file=%s" % self._cred.path,
            "--single-transaction",
            "--routines",
            "--events",
            "--triggers",
            "--hex-blob",
            "--quick",
            "--no-tablespaces",
            "--default-character-set=utf8mb4",
            self.name,
        ]

    def versions(self):
        try:
            return tool_version([self.dump_cmd()[0], "--version"])
        except BackupError:
            return None

    # ---- queries ---------------------------------------------------------
    def query(self, sql, database=None):
        proc = subprocess.run(
            self.client_cmd(database, sql), capture_output=True, text=True, env=self.env(), timeout=600, check=False
        )
        if proc.returncode != 0:
            raise BackupError(
                "%s refused a query on %s: %s"
                % (self.engine, database or "the server", _first_line(proc.stderr.replace("--------------", "")))
            )
        return [line.split("\t") if not self.is_pg else line.split("|") for line in proc.stdout.splitlines() if line]

    def tables(self, database):
        if self.is_pg:
            rows = self.query(
                "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables "
                "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') "
                "ORDER BY 1",
                database,
            )
        else:
            rows = self.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                "AND table_type = 'BASE TABLE' ORDER BY 1",
                database,
            )
        return [r[0] for r in rows]

    def row_counts(self, database):
        """Exact row count of every base table of ``database``."""
        tables = self.tables(database)
        counts = {}
        for start in range(0, len(tables), 200):
            chunk = tables[start : start + 200]
            parts = []
            for table in chunk:
                if self.is_pg:
                    literal = "'%s'" % table.replace("'", "''")
                    # table is format('%I.%I') output from the catalogue, already quoted.
                    parts.append("SELECT %s, count(*) FROM %s" % (literal, table))  # noqa: S608
                else:
                    literal = "'%s'" % table.replace("\\", "\\\\").replace("'", "''")
                    quoted = "`%s`" % table.replace("`", "``")
                    parts.append("SELECT %s, COUNT(*) FROM %s" % (literal, quoted))  # noqa: S608
            for row in self.query(" UNION ALL ".join(parts), database):
                counts[row[0]] = int(row[1])
        return counts

    # ---- dump and restore test -------------------------------------------
    def dump(self, out_path, compressor):
        """Stream the dump through the compressor into ``out_path``; return facts (no secrets)."""
        counts = self.row_counts(self.name)
        size, sha, results = run_pipeline([self.dump_cmd(), compressor["compress"]], out_path, env=self.env())
        (rc, err), (crc, cerr) = results
        if rc != 0:
            raise BackupError("%s dump of %s failed: %s" % (self.engine, self.name, _first_line(err) or "exit %s" % rc))
        if crc != 0:
            raise BackupError("%s failed on the dump of %s: %s" % (compressor["name"], self.name, _first_line(cerr)))
        return {"bytes": size, "sha256": sha, "row_counts": counts, "tables": len(counts)}

    def restore_into(self, archive, database, decompress, create=True):
        """Load ``archive`` into ``database`` (created first); return the file's sha256."""
        check_db_name(database)
        if create:
            if self.is_pg:
                self.query('CREATE DATABASE "%s"' % database)
            else:
                self.query("CREATE DATABASE `%s`" % database)
        if self.is_pg:
            load = [self._pg("pg_restore"), "--no-password", "--no-owner", "--no-privileges",
                    "--exit-on-error", "-d", database]
        else:
            load = self.client_cmd(database)
        sha, results = feed_pipeline(archive, [decompress, load], env=self.env())
        failed = [(rc, err, cmd) for (rc, err), cmd in zip(results, [decompress, load]) if rc != 0]
        if failed:
            # The loader's own message says why; a decompressor killed by the closed pipe does not.
            rc, err, cmd = next((f for f in reversed(failed) if f[1].strip()), failed[0])
            message = _first_line(err.replace("--------------", "")) or "exit %s" % rc
            if "SET USER" in message or "SUPER" in message:
                message += " (grant SET USER to the backup user: the dump holds objects defined by another user)"
            raise BackupError("loading %s into %s failed (%s): %s" % (
                os.path.basename(archive), database, os.path.basename(cmd[0]), message))
        return sha

    def drop(self, database):
        check_db_name(database)
        if self.is_pg:
            self.query('DROP DATABASE IF EXISTS "%s"' % database)
        else:
            self.query("DROP DATABASE IF EXISTS `%s`" % database)

    def restore_test(self, archive, expected_sha, expected_counts, decompress):
        """Restore into a throw-away database and compare row counts; return a list of problems."""
        scratch = VERIFY_PREFIX + secrets.token_hex(6)
        problems = []
        try:
            sha = self.restore_into(archive, scratch, decompress)
            if sha != expected_sha:
                problems.append("checksum mismatch for %s" % os.path.basename(archive))
            counts = self.row_counts(scratch)
            if counts != expected_counts:
                diff = sorted(
                    t for t in set(counts) | set(expected_counts) if counts.get(t) != expected_counts.get(t)
                )
                problems.append(
                    "restored %s differs from the source in %d table(s): %s"
                    % (self.name, len(diff), ", ".join(diff[:5]))
                )
        except BackupError as exc:
            problems.append(str(exc))
        finally:
            with contextlib.suppress(BackupError):
                self.drop(scratch)
        return problems
