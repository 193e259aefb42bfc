"""Database backups against real MariaDB and PostgreSQL servers on loopback (harness fixtures).

Proves: a consistent dump with routines/triggers/events, its restore test into a throw-away
database, a restore into a named database whose tables equal the source, a refused dump user,
and that the planted password never reaches a command line, the environment, the manifest or
the process list.
"""

from __future__ import annotations

import json
import os
import stat
import threading

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restore import restore_site
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup
from tests.unit.backup.test_backup import make_site

pytestmark = pytest.mark.integration

MARIADB_SECRET = "Sk-Planted-MariaDB-7f3a9c1e-Secret"
PG_SECRET = "Sk-Planted-PG-2b8d4e6f-Secret"
WRAPPED = ("mariadb-dump", "mysqldump", "mariadb", "mysql", "pg_dump", "pg_restore", "psql")


@pytest.fixture(scope="module")
def shop_mariadb(mariadb_server):
    mariadb_server.execute(
        """
        DROP DATABASE IF EXISTS shop;
        CREATE DATABASE shop;
        USE shop;
        CREATE TABLE news (id INT PRIMARY KEY AUTO_INCREMENT, title VARCHAR(200), body TEXT) ENGINE=InnoDB;
        CREATE TABLE hits (id INT PRIMARY KEY AUTO_INCREMENT, news_id INT, at DATETIME) ENGINE=InnoDB;
        CREATE TABLE `odd name` (k VARCHAR(10)) ENGINE=InnoDB;
        INSERT INTO `odd name` VALUES ('a'), ('b');
        CREATE TRIGGER count_hit AFTER INSERT ON hits FOR EACH ROW SET @hits = COALESCE(@hits, 0) + 1;
        CREATE PROCEDURE latest_news() SELECT * FROM news ORDER BY id DESC LIMIT 5;
        CREATE EVENT purge_hits ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM hits WHERE at < NOW() - INTERVAL 1 YEAR;
        INSERT INTO news (title, body) SELECT CONCAT('Berita ', seq), REPEAT('isi ', 50) FROM seq_1_to_3000;
        INSERT INTO hits (news_id, at) SELECT seq % 100, NOW() FROM seq_1_to_5000;
        CREATE USER IF NOT EXISTS 'skbackup'@'%%' IDENTIFIED BY '%s';
        GRANT SELECT, SHOW VIEW, TRIGGER, LOCK TABLES, EVENT ON shop.* TO 'skbackup'@'%%';
        GRANT ALL PRIVILEGES ON `sk\\_verify\\_%%`.* TO 'skbackup'@'%%';
        GRANT ALL PRIVILEGES ON `shop\\_restored`.* TO 'skbackup'@'%%';
        GRANT ALL PRIVILEGES ON `shop\\_pb\\_restored`.* TO 'skbackup'@'%%';
        GRANT SELECT ON mysql.proc TO 'skbackup'@'%%';
        GRANT SET USER ON *.* TO 'skbackup'@'%%';
        """.replace("%s", MARIADB_SECRET).replace("%%", "%")
    )
    return mariadb_server


@pytest.fixture(scope="module")
def shop_postgres(postgres_server):
    postgres_server.execute(
        "DROP DATABASE IF EXISTS shop; DROP DATABASE IF EXISTS shop_restored; DROP ROLE IF EXISTS skbackup;"
        "CREATE ROLE skbackup LOGIN CREATEDB PASSWORD '%s'; CREATE DATABASE shop OWNER skbackup;" % PG_SECRET
    )
    postgres_server.execute(
        "SET ROLE skbackup;"
        "CREATE TABLE news (id serial PRIMARY KEY, title text, body text);"
        "INSERT INTO news (title, body) SELECT 'Berita ' || g, repeat('isi ', 50) FROM generate_series(1, 2500) g;"
        "CREATE SCHEMA arsip; CREATE TABLE arsip.\"Putusan\" (no int, amar text);"
        "INSERT INTO arsip.\"Putusan\" SELECT g, 'amar ' || g FROM generate_series(1, 700) g;",
        database="shop",
    )
    return postgres_server


def wrapper_dir(tmp_path):
    """Client wrappers that log each call's argv, env secrets and defaults-file mode, then run the real tool."""
    folder = tmp_path / "wrapped-bin"
    folder.mkdir()
    log = tmp_path / "calls.jsonl"
    real = {name: (bk.find_tool([name], bk.pg_bin_dirs()) if name.startswith("p") else bk.find_tool([name]))
            for name in WRAPPED}
    for name, path in real.items():
        if not path:
            continue
        script = folder / name
        script.write_text(
            "#!/usr/bin/python3\n"
            "import json, os, stat, sys\n"
            "modes = {}\n"
            "for a in sys.argv[1:]:\n"
            "    if a.startswith('--defaults-extra-file='):\n"
            "        p = a.split('=', 1)[1]; modes[p] = oct(stat.S_IMODE(os.stat(p).st_mode))\n"
            "pf = os.environ.get('PGPASSFILE')\n"
            "if pf: modes[pf] = oct(stat.S_IMODE(os.stat(pf).st_mode))\n"
            "with open(%r, 'a') as h:\n"
            "    h.write(json.dumps({'argv': sys.argv, 'modes': modes,\n"
            "        'env': {k: v for k, v in os.environ.items() if k in ('MYSQL_PWD', 'PGPASSWORD')}}) + '\\n')\n"
            "os.execv(%r, [%r] + sys.argv[1:])\n" % (str(log), path, path)
        )
        script.chmod(0o755)
    return str(folder), log


class ProcWatcher(threading.Thread):
    """Reads every process's command line and environment-free argv while a backup runs."""

    def __init__(self, secret):
        super().__init__(daemon=True)
        self.secret = secret.encode()
        self.stop = threading.Event()
        self.seen_secret = []
        self.samples = 0

    def run(self):
        while not self.stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open("/proc/%s/cmdline" % pid, "rb") as handle:
                        cmdline = handle.read()
                except OSError:
                    continue
                if self.secret in cmdline:
                    self.seen_secret.append(cmdline)
            self.samples += 1


def _site(tmp_path, dbs):
    site = make_site(tmp_path)
    return {"name": "pn", "url": "https://pn.example/", "docroot": str(site), "databases": dbs}


def test_mariadb_dump_restore_test_and_restore_into_named_database(tmp_path, shop_mariadb):
    bindir, log = wrapper_dir(tmp_path)
    db = {"engine": "mariadb", "name": "shop", "user": "skbackup", "host": "127.0.0.1",
          "port": shop_mariadb.port, "bin_dir": bindir, "password": MARIADB_SECRET}
    watcher = ProcWatcher(MARIADB_SECRET)
    watcher.start()
    try:
        result = run_backup({"host": "web1", "destination": str(tmp_path / "backups"),
                             "sites": [_site(tmp_path, [db])]})
    finally:
        watcher.stop.set()
        watcher.join()
    assert result["status"] == "ok", result["problems"]
    item = [c for c in result["manifest"]["contents"] if c["kind"] == "database"][0]
    assert item["row_counts"] == {"hits": 5000, "news": 3000, "odd name": 2}
    assert item["restore_test"] == "ok"
    assert [f for f in result["findings"] if f["check"] == "backup.database"][0]["status"] == "ok"
    # The throw-away database is gone.
    assert "sk_verify_" not in shop_mariadb.execute("SHOW DATABASES")
    # Credentials: never on a command line, never in the environment; the defaults file was 0600 and is gone.
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert any("mariadb-dump" in c["argv"][0] or "mysqldump" in c["argv"][0] for c in calls)
    for call in calls:
        assert MARIADB_SECRET not in " ".join(call["argv"]) and not call["env"]
        if "--version" in call["argv"]:
            continue
        assert call["modes"] and set(call["modes"].values()) == {"0o600"}
        for path in call["modes"]:
            assert not os.path.exists(path)
    assert watcher.samples > 0 and watcher.seen_secret == []
    for name in os.listdir(result["path"]):
        assert MARIADB_SECRET.encode() not in open(os.path.join(result["path"], name), "rb").read()
    assert MARIADB_SECRET not in json.dumps({k: v for k, v in result.items()})
    # The dump holds the routine, trigger and event.
    text = bk.subprocess.run(["zstd", "-dc", os.path.join(result["path"], item["file"])],
                             capture_output=True, text=True, check=True).stdout
    assert "latest_news" in text and "count_hit" in text and "purge_hits" in text
    # Restore into a named database: tables equal the originals.
    shop_mariadb.execute("DROP DATABASE IF EXISTS shop_restored")
    restored = restore_site({"backup_dir": str(tmp_path / "backups"), "site": "pn", "components": ["databases"],
                             "databases": [dict(db, restore_as="shop_restored")]})
    assert restored["databases"][0]["row_counts_match"] is True
    for table in ("news", "hits", "`odd name`"):
        original = shop_mariadb.execute("CHECKSUM TABLE %s" % table, database="shop").split("\t")[1]
        copy = shop_mariadb.execute("CHECKSUM TABLE %s" % table, database="shop_restored").split("\t")[1]
        assert original == copy
    # A second restore over a database with tables is refused unless replace is set.
    with pytest.raises(Exception, match="already holds"):
        restore_site({"backup_dir": str(tmp_path / "backups"), "site": "pn", "components": ["databases"],
                      "databases": [dict(db, restore_as="shop_restored")]})


def test_mariadb_refusing_the_dump_user_is_critical_and_files_still_backed_up(tmp_path, shop_mariadb):
    db = {"engine": "mariadb", "name": "shop", "user": "skbackup", "host": "127.0.0.1",
          "port": shop_mariadb.port, "password": "wrong-password"}
    result = run_backup({"host": "web1", "destination": str(tmp_path / "backups"), "sites": [_site(tmp_path, [db])]})
    dbf = [f for f in result["findings"] if f["check"] == "backup.database"]
    assert dbf and dbf[0]["status"] == "critical" and "Access denied" in dbf[0]["details"]["error"]
    assert "wrong-password" not in json.dumps(result)
    files = [c for c in result["manifest"]["contents"] if c["kind"] == "files"]
    assert files and files[0]["verify"]["status"] == "ok"
    # The site is not complete, so its backup age stays "no verified backup".
    age = [f for f in result["findings"] if f["check"] == "backup.age"][0]
    assert age["status"] == "critical"


def test_postgresql_dump_restore_test_and_restore(tmp_path, shop_postgres):
    bindir, log = wrapper_dir(tmp_path)
    db = {"engine": "postgresql", "name": "shop", "user": "skbackup", "host": "127.0.0.1",
          "port": shop_postgres.port, "bin_dir": bindir, "password": PG_SECRET}
    result = run_backup({"host": "web1", "destination": str(tmp_path / "backups"), "sites": [_site(tmp_path, [db])]})
    assert result["status"] == "ok", result["problems"]
    item = [c for c in result["manifest"]["contents"] if c["kind"] == "database"][0]
    assert item["row_counts"] == {"arsip.\"Putusan\"": 700, "public.news": 2500}
    assert item["restore_test"] == "ok"
    assert "sk_verify_" not in shop_postgres.execute("SELECT string_agg(datname, ',') FROM pg_database")
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert any(c["argv"][0].endswith("pg_dump") for c in calls)
    for call in calls:
        assert PG_SECRET not in " ".join(call["argv"]) and not call["env"]
        if "--version" in call["argv"]:
            continue
        assert set(call["modes"].values()) == {"0o600"}
    restored = restore_site({"backup_dir": str(tmp_path / "backups"), "site": "pn", "components": ["databases"],
                             "databases": [dict(db, restore_as="shop_restored")]})
    assert restored["databases"][0]["row_counts_match"] is True
    query = "SELECT md5(string_agg(id || title || body, ',' ORDER BY id)) FROM news"
    assert shop_postgres.execute(query, "shop") == shop_postgres.execute(query, "shop_restored")


def test_pgpass_and_defaults_files_escape_special_characters(tmp_path):
    from ansible_collections.sitekeeper.website.plugins.module_utils.backup.db import Database

    spec = {"engine": "mariadb", "name": "shop", "user": "u", "password": 'a"b\\c:d'}
    with Database(spec) as db:
        text = open(db._cred.path).read()
        assert 'password="a\\"b\\\\c:d"' in text
        assert stat.S_IMODE(os.stat(db._cred.path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(os.path.dirname(db._cred.path)).st_mode) == 0o700
        path = db._cred.path
    assert not os.path.exists(path)
    with Database(dict(spec, engine="postgresql")) as db:
        assert open(db.env()["PGPASSFILE"]).read() == "*:*:*:u:a\"b\\\\c\\:d\n"
    with pytest.raises(bk.BackupError, match="line break"), Database(dict(spec, password="a\nb")):
        pass


@pytest.fixture(scope="module")
def password_postgres():
    """A PostgreSQL of its own whose pg_hba asks TCP clients for a password (the harness one trusts everyone)."""
    import shutil
    import subprocess
    import tempfile

    from tests.harness import services

    directory = tempfile.mkdtemp(prefix="sk-pg-auth-", dir="/tmp")
    os.chmod(directory, 0o755)  # the server runs as the postgres user
    server = services.Postgres(os.path.join(directory, "pg"))
    try:
        server.start()
        with open(os.path.join(server.datadir, "pg_hba.conf"), "w") as handle:
            handle.write("local all postgres trust\nhost all all 127.0.0.1/32 scram-sha-256\n")
        subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(services.PG_BIN, "pg_ctl"), "-D",
                        server.datadir, "reload"], check=True, capture_output=True)
        server.execute(
            "SET password_encryption = 'scram-sha-256';"
            "CREATE ROLE skbackup LOGIN CREATEDB PASSWORD '%s'; CREATE DATABASE shop OWNER skbackup;"
            "CREATE DATABASE locked; REVOKE CONNECT ON DATABASE locked FROM PUBLIC;" % PG_SECRET)
        server.execute("SET ROLE skbackup; CREATE TABLE news (id int); INSERT INTO news VALUES (1), (2);",
                       database="shop")
        server.execute("CREATE TABLE news (id int);", database="locked")
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.parametrize(("database", "password", "message"), [
    ("shop", "Sk-Wrong-PG-Password-81c2", "password authentication failed"),
    ("locked", PG_SECRET, "permission denied for database"),
], ids=["wrong-password", "no-connect-right"])
def test_postgresql_refusing_the_dump_user_is_critical_and_files_still_backed_up(
        tmp_path, password_postgres, database, password, message):
    db = {"engine": "postgresql", "name": database, "user": "skbackup", "host": "127.0.0.1",
          "port": password_postgres.port, "password": password}
    # The right password works against this server: the refusal below is the server's, not the test's.
    good = run_backup({"host": "web1", "destination": str(tmp_path / "good"),
                       "sites": [_site(tmp_path / "g", [dict(db, name="shop", password=PG_SECRET)])]})
    assert good["status"] == "ok", good["problems"]
    result = run_backup({"host": "web1", "destination": str(tmp_path / "backups"), "sites": [_site(tmp_path, [db])]})
    dbf = [f for f in result["findings"] if f["check"] == "backup.database"]
    assert dbf and dbf[0]["status"] == "critical" and message in dbf[0]["details"]["error"], dbf
    assert dbf[0]["subject"].endswith("#postgresql/%s" % database)
    assert password not in json.dumps(result)
    files = [c for c in result["manifest"]["contents"] if c["kind"] == "files"]
    assert files and files[0]["verify"]["status"] == "ok"
    assert not [c for c in result["manifest"]["contents"] if c["kind"] == "database"]
    assert [f for f in result["findings"] if f["check"] == "backup.age"][0]["status"] == "critical"
    assert "sk_verify_" not in password_postgres.execute("SELECT string_agg(datname, ',') FROM pg_database")
    # A failed part: nothing is pruned after it.
    assert result["pruned"] == []
