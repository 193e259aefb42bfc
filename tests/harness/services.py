"""Real services on loopback for the tests: started in temporary folders, on free
ports, and stopped by PID. Nothing here is a mock.

nginx, MariaDB, PostgreSQL, sshd (several 127.0.0.x "hosts" with a sudo user),
an SMTP server with STARTTLS and AUTH (aiosmtpd), and a throw-away PKI.

Every process started here is tracked by PID (`STARTED`), and every process started
while a test session runs carries that session's mark in its environment
(`SESSION_ENV`): the session-end check of tests/conftest.py lists any of them still
running and fails the run.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The environment variable that marks every process a test session starts (children inherit it,
# also daemons that leave the process tree, such as nginx and PostgreSQL).
SESSION_ENV = "SITEKEEPER_TEST_SESSION"
# PID -> what it is, for every process the harness started and has not stopped yet.
STARTED: dict[int, str] = {}
# Folders the harness made outside pytest's own (for servers running as other users): a process
# whose command line names one is the session's too.
TEMP_DIRS: list = []
# Attempts at a service start that lost its free port to another program in the meantime.
PORT_ATTEMPTS = 5


class PortInUse(RuntimeError):
    """A service could not listen because another program took its port first."""


def track(pid: int, what: str) -> int:
    STARTED[pid] = what
    return pid


def untrack(pid: int | None) -> None:
    STARTED.pop(pid, None)


def temp_dir(prefix: str) -> str:
    """A new folder under /tmp (readable by the service users, unlike pytest's 0700 ones), remembered."""
    path = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    TEMP_DIRS.append(path)
    return path


def port_is_free(port: int, hosts=("127.0.0.1",)) -> bool:
    for host in hosts:
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                return False
    return True


def free_port(host: str = "127.0.0.1", also=()) -> int:
    """A port nothing listens on at `host` nor at the addresses in `also` (a port free on
    127.0.0.1 may still be taken on 127.0.0.2 by a server another run left behind)."""
    for _ in range(100):
        with socket.socket() as sock:
            sock.bind((host, 0))
            port = sock.getsockname()[1]
        if port_is_free(port, also):
            return port
    raise RuntimeError("no port is free on all of %s" % ", ".join([host, *also]))


@contextlib.contextmanager
def closed_port(host: str = "127.0.0.1"):
    """A port that refuses connections for as long as the block runs: bound but never listening, so
    no other program can take it meanwhile (a fixed "unused" port such as 9 may be in use somewhere)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        yield sock.getsockname()[1]


def stop_demo(data_dir) -> None:
    """Stop the demo web server a test started under DATA_DIR (nginx, or the Python fallback)."""
    for name in ("nginx.pid", "fallback.pid"):
        path = os.path.join(str(data_dir), "demo", "nginx", name)
        if os.path.exists(path):
            kill_pid(read_pid(path))


def port_owner(port: int) -> str:
    """Who listens on a loopback TCP port, as `ss` tells it (for error messages)."""
    try:
        out = subprocess.run(["ss", "-ltnpH", "sport = :%d" % port], capture_output=True, text=True,
                             timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    return out or "an unknown program"


def wait_for_port(host: str, port: int, timeout: float = 20.0, proc=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("process exited with %s before listening on %s:%s" % (proc.returncode, host, port))
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nothing listens on %s:%s after %s s" % (host, port, timeout))


def parent(pid: int) -> int | None:
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def children(pid: int) -> list:
    """The PIDs whose parent is `pid` (read from /proc)."""
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit() and parent(int(entry)) == pid]


def descendants(pid: int) -> list:
    """Children, grandchildren, ... of `pid`."""
    found, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie, exited but not yet reaped, does not count)."""
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_pid(pid: int, sig=signal.SIGTERM, timeout: float = 10.0) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        untrack(pid)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        if not alive(pid):
            untrack(pid)
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    untrack(pid)


def read_pid(path: str, timeout: float = 10.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path) as handle:
                text = handle.read().strip()
            if text:
                return int(text.split()[0])  # postmaster.pid holds more lines after the PID
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    raise RuntimeError("no pid file at %s" % path)


def session_processes(mark: str, paths=(), exclude=()) -> dict:
    """PID -> command line of every running process that carries the session `mark` in its
    environment or names one of `paths` (the session's temporary folders) on its command line."""
    found = {}
    needle = ("%s=%s" % (SESSION_ENV, mark)).encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in exclude or not alive(int(entry)):
            continue
        try:
            with open("/proc/%s/cmdline" % entry, "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            with open("/proc/%s/environ" % entry, "rb") as handle:
                environ = handle.read().split(b"\0")
        except OSError:
            continue
        if needle in environ or any(path and path in cmdline for path in paths):
            found[int(entry)] = cmdline or "[%s]" % entry
    return found


# --------------------------------------------------------------------------- PKI
class Pki:
    """A throw-away certificate authority made with `cryptography`."""

    def __init__(self, directory: str):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        self._x509, self._hashes, self._ser, self._ec, self._oid = x509, hashes, serialization, ec, NameOID
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sitekeeper Test CA")])
        self.ca_cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
            )
            .sign(self.ca_key, hashes.SHA256())
        )
        self.ca_path = os.path.join(directory, "ca.pem")
        with open(self.ca_path, "wb") as handle:
            handle.write(self.ca_cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, name: str, sans=None, days: int = 90, not_before_days: int = -1,
              self_signed: bool = False, key=None) -> dict:
        """Issue a server certificate; `days` may be negative for an expired one.

        Returns {"cert": path, "key": path, "chain": path (cert + CA), "ca": path}.
        """
        x509, hashes, ser, NameOID = self._x509, self._hashes, self._ser, self._oid
        key = key or self._ec.generate_private_key(self._ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        sans = list(sans or [name])
        alt_names = []
        for san in sans:
            try:
                import ipaddress

                alt_names.append(x509.IPAddress(ipaddress.ip_address(san)))
            except ValueError:
                alt_names.append(x509.DNSName(san))
        not_before = now + datetime.timedelta(days=not_before_days)
        not_after = now + datetime.timedelta(days=days)
        if not_after <= not_before:
            not_before = not_after - datetime.timedelta(days=30)
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject if self_signed else self.ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        )
        cert = builder.sign(key if self_signed else self.ca_key, hashes.SHA256())
        base = os.path.join(self.directory, "%s-%d" % (name.replace("*", "wild"), len(os.listdir(self.directory))))
        paths = {"cert": base + ".crt", "key": base + ".key", "chain": base + ".chain.pem", "ca": self.ca_path}
        pem = cert.public_bytes(ser.Encoding.PEM)
        with open(paths["cert"], "wb") as handle:
            handle.write(pem)
        with open(paths["chain"], "wb") as handle:
            handle.write(pem if self_signed else pem + self.ca_cert.public_bytes(ser.Encoding.PEM))
        with open(os.open(paths["key"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()))
        return paths

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_path)


# --------------------------------------------------------------------------- nginx
NGINX_MAIN = """
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
worker_processes 1;
user root;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log combined;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    default_type application/octet-stream;
    include /etc/nginx/mime.types;
    include {dir}/servers.conf;
}}
"""


class Nginx:
    """A real nginx with its own config, pid and logs. `servers` is the text of the
    server blocks; `{port}` and `{dir}` in it are filled in."""

    def __init__(self, directory: str, servers: str, port: int | None = None):
        self.dir = directory
        # A port chosen here may be taken by another program before nginx binds it: then
        # start() picks another. A port the caller chose is kept, and a clash named.
        self.own_port = port is None
        self.port = port or free_port()
        os.makedirs(os.path.join(directory, "tmp"), exist_ok=True)
        self.conf = os.path.join(directory, "nginx.conf")
        self.servers_conf = os.path.join(directory, "servers.conf")
        self.access_log = os.path.join(directory, "access.log")
        self.error_log = os.path.join(directory, "error.log")
        with open(self.conf, "w") as handle:
            handle.write(NGINX_MAIN.format(dir=directory))
        self.write_servers(servers)
        self.pid = None

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d/" % self.port

    def write_servers(self, servers: str) -> None:
        self.servers = servers
        with open(self.servers_conf, "w") as handle:
            handle.write(servers.replace("{port}", str(self.port)).replace("{dir}", self.dir))

    def command(self, *extra) -> list:
        return ["nginx", "-c", self.conf, "-e", self.error_log, *extra]

    def start(self) -> Nginx:
        test = subprocess.run(self.command("-t", "-q"), capture_output=True, text=True)
        if test.returncode:
            raise RuntimeError("nginx config test failed: %s" % test.stderr.strip())
        for attempt in range(PORT_ATTEMPTS):
            started = subprocess.run(self.command(), capture_output=True, text=True)
            if started.returncode == 0:
                break
            if "Address already in use" not in started.stderr:
                raise RuntimeError("nginx did not start: %s" % started.stderr.strip())
            if not self.own_port or attempt == PORT_ATTEMPTS - 1:
                raise PortInUse("nginx could not listen: %s; port %d is held by %s"
                                % (started.stderr.strip(), self.port, port_owner(self.port)))
            self.port = free_port()
            self.write_servers(self.servers)
        self.pid = track(read_pid(os.path.join(self.dir, "nginx.pid")), "nginx %s" % self.conf)
        try:
            wait_for_port("127.0.0.1", self.port)
            # The port answers as soon as the master listens, before it has forked its worker: wait
            # for the worker, or reload() could take it for the new generation.
            self._wait(lambda: self.workers(), "no nginx worker process")
        except RuntimeError:
            self.stop()
            raise
        return self

    def _wait(self, ready, what: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if time.monotonic() > deadline:
                raise RuntimeError("%s after %s s: %s" % (what, timeout, _tail(self.error_log)))
            time.sleep(0.05)

    def workers(self) -> list:
        return children(self.pid) if self.pid else []

    def reload(self, timeout: float = 20.0) -> None:
        """Reload the config and return once new workers serve it: the old workers answer
        nothing new after they are told to quit, but on a loaded machine the new ones can
        take longer than any fixed pause to start."""
        old = set(self.workers())
        subprocess.run(self.command("-s", "reload"), check=True, capture_output=True)

        def reloaded():
            now = set(self.workers())
            return bool(now - old) and not any(_serving(pid) for pid in old & now)

        self._wait(reloaded, "nginx did not reload (config error?)", timeout)

    def stop(self) -> None:
        if self.pid:
            workers = self.workers()
            # TERM, not QUIT: a graceful quit waits for idle keep-alive connections of clients.
            kill_pid(self.pid, signal.SIGTERM)
            for pid in workers:  # workers of a master that had to be killed would stay behind
                kill_pid(pid, signal.SIGKILL, timeout=5)
            self.pid = None


def _serving(pid: int) -> bool:
    """An nginx worker that still takes new connections (not one that is shutting down)."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as handle:
            return b"shutting down" not in handle.read()
    except OSError:
        return False


def _tail(path: str, lines: int = 5) -> str:
    try:
        with open(path, errors="replace") as handle:
            return " | ".join(handle.read().splitlines()[-lines:])
    except OSError:
        return "(no %s)" % path


# --------------------------------------------------------------------------- MariaDB
class MariaDB:
    """A real MariaDB server in a temporary data directory; root logs in by socket."""

    def __init__(self, directory: str):
        self.dir = directory
        self.datadir = os.path.join(directory, "data")
        self.socket = os.path.join(directory, "mysqld.sock")
        self.pid_file = os.path.join(directory, "mysqld.pid")
        self.port = free_port()
        self.proc = None

    def start(self) -> MariaDB:
        os.makedirs(self.datadir, exist_ok=True)
        shutil.chown(self.dir, "mysql", "mysql")
        shutil.chown(self.datadir, "mysql", "mysql")
        subprocess.run(
            ["mariadb-install-db", "--user=mysql", "--datadir=" + self.datadir,
             "--auth-root-authentication-method=socket", "--skip-test-db"],
            check=True, capture_output=True,
        )
        for attempt in range(PORT_ATTEMPTS):
            try:
                self._run_server()
                break
            except PortInUse:
                if attempt == PORT_ATTEMPTS - 1:
                    raise
                self.port = free_port()
        return self

    def _run_server(self) -> None:
        if not port_is_free(self.port):
            raise PortInUse("mariadbd: port %d is held by %s" % (self.port, port_owner(self.port)))
        error_log = os.path.join(self.dir, "error.log")
        log = open(error_log, "ab")  # noqa: SIM115  kept open for the server's life
        self.proc = subprocess.Popen(
            ["mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + self.datadir,
             "--socket=" + self.socket, "--pid-file=" + self.pid_file,
             "--bind-address=127.0.0.1", "--port=%d" % self.port,
             "--log-error=" + error_log,
             "--innodb-buffer-pool-size=64M", "--skip-name-resolve"],
            stdout=log, stderr=log,
        )
        track(self.proc.pid, "mariadbd %s" % self.datadir)
        try:
            wait_for_port("127.0.0.1", self.port, timeout=60, proc=self.proc)
        except RuntimeError as error:
            self.stop()
            if "Address already in use" in _tail(error_log, 20):
                raise PortInUse("mariadbd: port %d is held by %s" % (self.port, port_owner(self.port))) from error
            raise RuntimeError("%s; mariadbd error log: %s" % (error, _tail(error_log))) from error

    def execute(self, sql: str, database: str | None = None) -> str:
        cmd = ["mariadb", "--no-defaults", "-S", self.socket, "-uroot", "-N", "-B"]
        if database:
            cmd.append(database)
        result = subprocess.run(cmd, input=sql, capture_output=True, text=True, check=True)
        return result.stdout

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            kill_pid(self.proc.pid, timeout=30)
        if self.proc:
            untrack(self.proc.pid)
        self.proc = None


# --------------------------------------------------------------------------- PostgreSQL
PG_BIN = "/usr/lib/postgresql/15/bin"


class Postgres:
    """A real PostgreSQL cluster run as the `postgres` user, on a free port."""

    def __init__(self, directory: str):
        self.dir = directory
        self.datadir = os.path.join(directory, "data")
        self.port = free_port()
        self.socket_dir = directory
        self.proc = None
        self.pid = None

    def _as_postgres(self, cmd, **kw):
        return subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, capture_output=True, text=True, **kw)

    def start(self) -> Postgres:
        os.makedirs(self.dir, exist_ok=True)
        shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(self.dir, 0o755)
        self._as_postgres([os.path.join(PG_BIN, "initdb"), "-D", self.datadir, "-A", "trust", "-U", "postgres"])
        log = os.path.join(self.dir, "postgres.log")
        for attempt in range(PORT_ATTEMPTS):
            if port_is_free(self.port):
                started = subprocess.run(
                    ["runuser", "-u", "postgres", "--", os.path.join(PG_BIN, "pg_ctl"), "-D", self.datadir,
                     "-l", log, "-w", "-o",
                     "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off" % (self.port, self.socket_dir),
                     "start"], capture_output=True, text=True)
                if started.returncode == 0:
                    break
                if "Address already in use" not in _tail(log, 20):
                    raise RuntimeError("PostgreSQL did not start: %s %s" % (started.stderr.strip(), _tail(log)))
            if attempt == PORT_ATTEMPTS - 1:
                raise PortInUse("PostgreSQL: port %d is held by %s" % (self.port, port_owner(self.port)))
            self.port = free_port()
        self.pid = track(read_pid(os.path.join(self.datadir, "postmaster.pid")),
                         "postgres %s" % self.datadir)
        wait_for_port("127.0.0.1", self.port, timeout=30)
        return self

    def execute(self, sql: str, database: str = "postgres") -> str:
        return self._as_postgres(
            ["psql", "-h", self.socket_dir, "-p", str(self.port), "-U", "postgres", "-d", database,
             "-At", "-v", "ON_ERROR_STOP=1"], input=sql,
        ).stdout

    def stop(self) -> None:
        if os.path.exists(os.path.join(self.datadir, "postmaster.pid")):
            subprocess.run(
                ["runuser", "-u", "postgres", "--", os.path.join(PG_BIN, "pg_ctl"), "-D", self.datadir,
                 "-m", "fast", "-w", "stop"], capture_output=True,
            )
        if self.pid:
            kill_pid(self.pid, timeout=30)  # gone already after pg_ctl stop; a stuck one is ended
            self.pid = None


# --------------------------------------------------------------------------- sshd hosts
SSH_USER = "skuser"


@contextlib.contextmanager
def accounts_lock():
    """Held while the test account and its authorized_keys are changed: test sessions running side
    by side (pytest -n 2, or two checkouts) would otherwise create the account twice or overwrite
    each other's key line (a read-modify-write of one file)."""
    with open(os.path.join(tempfile.gettempdir(), "sitekeeper-test-accounts.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_ssh_user(user: str = SSH_USER) -> str:
    """A non-root account with passwordless sudo, unlocked for key logins."""
    with accounts_lock():
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(["useradd", "-m", "-s", "/bin/bash", user], check=True)
        subprocess.run(["usermod", "-p", "*", user], check=True)
        sudoers = "/etc/sudoers.d/sitekeeper-test-%s" % user
        if not os.path.exists(sudoers):
            with open(sudoers, "w") as handle:
                handle.write("%s ALL=(ALL) NOPASSWD: ALL\n" % user)
            os.chmod(sudoers, 0o440)
        return pwd.getpwnam(user).pw_dir


class SshHosts:
    """One sshd listening on several 127.0.0.x addresses: each address is a
    separate managed host in the generated inventory (web1, web2, ...)."""

    def __init__(self, directory: str, count: int = 3, user: str = SSH_USER):
        self.dir = directory
        self.user = user
        self.addresses = ["127.0.0.%d" % (2 + i) for i in range(count)]
        # Free on every address sshd listens on, not only on 127.0.0.1.
        self.port = free_port(self.addresses[0], also=self.addresses[1:])
        self.names = ["web%d" % (1 + i) for i in range(count)]
        self.key = os.path.join(directory, "id_ed25519")
        self.control_dir = temp_dir("skcp-")
        self.inventory_path = os.path.join(directory, "hosts.yml")
        self.proc = None

    def start(self) -> SshHosts:
        os.makedirs("/run/sshd", exist_ok=True)
        home = ensure_ssh_user(self.user)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", self.key], check=True)
        host_key = os.path.join(self.dir, "ssh_host_ed25519_key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host_key], check=True)
        ssh_dir = os.path.join(home, ".ssh")
        auth = os.path.join(ssh_dir, "authorized_keys")
        with open(self.key + ".pub") as pub:
            key_line = pub.read()
        with accounts_lock():
            os.makedirs(ssh_dir, exist_ok=True)
            existing = open(auth).read() if os.path.exists(auth) else ""  # noqa: SIM115
            with open(auth, "w") as handle:
                handle.write(existing + key_line)
            for path in (ssh_dir, auth):
                shutil.chown(path, self.user, self.user)
            os.chmod(ssh_dir, 0o700)
            os.chmod(auth, 0o600)
        self.key_line = key_line
        for attempt in range(PORT_ATTEMPTS):
            try:
                self._run_sshd()
                break
            except PortInUse:
                if attempt == PORT_ATTEMPTS - 1:
                    raise
                self.port = free_port(self.addresses[0], also=self.addresses[1:])
        self.write_inventory()
        return self

    def _run_sshd(self) -> None:
        host_key = os.path.join(self.dir, "ssh_host_ed25519_key")
        config = os.path.join(self.dir, "sshd_config")
        with open(config, "w") as handle:
            for address in self.addresses:
                handle.write("ListenAddress %s:%d\n" % (address, self.port))
            handle.write(
                "HostKey %s\nPidFile %s/sshd.pid\nUsePAM no\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin no\n"
                "AllowUsers %s\nSubsystem sftp internal-sftp\nMaxStartups 100:30:200\nMaxSessions 50\n"
                "LogLevel ERROR\n" % (host_key, self.dir, self.user)
            )
        if not port_is_free(self.port, self.addresses):
            raise PortInUse("sshd: port %d is held by %s" % (self.port, port_owner(self.port)))
        log = os.path.join(self.dir, "sshd.log")
        self.proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config],
                                     stdout=subprocess.DEVNULL, stderr=open(log, "w"))  # noqa: SIM115
        track(self.proc.pid, "sshd %s" % config)
        try:
            for address in self.addresses:
                wait_for_port(address, self.port, proc=self.proc)
        except RuntimeError as error:
            self._stop_sshd()
            if "Address already in use" in _tail(log, 20):
                raise PortInUse("sshd: port %d is held by %s" % (self.port, port_owner(self.port))) from error
            raise RuntimeError("%s; sshd log: %s" % (error, _tail(log))) from error
        # sshd binds every address before it accepts anyone, and keeps running when one of them
        # is taken (that address then answers for another server): each address must be its own.
        if "Address already in use" in _tail(log, 20):
            self._stop_sshd()
            raise PortInUse("sshd: port %d is held by %s" % (self.port, port_owner(self.port)))

    def _stop_sshd(self) -> None:
        if self.proc and self.proc.poll() is None:
            kill_pid(self.proc.pid)
        if self.proc:
            untrack(self.proc.pid)

    def ssh_args(self) -> str:
        return ("-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
                "-o ControlMaster=auto -o ControlPersist=30s -o ControlPath=%s/%%C" % self.control_dir)

    def host_vars(self, address: str) -> dict:
        return {
            "ansible_host": address,
            "ansible_port": self.port,
            "ansible_user": self.user,
            "ansible_ssh_private_key_file": self.key,
            "ansible_ssh_common_args": self.ssh_args(),
            "ansible_python_interpreter": "/usr/bin/python3",
            "ansible_become": True,
        }

    def write_inventory(self, extra_host_vars: dict | None = None, path: str | None = None) -> str:
        """Write a YAML inventory: localhost (controller) + the ssh hosts in `webservers`."""
        import json

        hosts = {}
        for name, address in zip(self.names, self.addresses):
            hosts[name] = dict(self.host_vars(address), **(extra_host_vars or {}).get(name, {}))
        inventory = {
            "all": {
                "hosts": {"localhost": {"ansible_connection": "local",
                                        "ansible_python_interpreter": "{{ ansible_playbook_python }}"}},
                "children": {"webservers": {"hosts": hosts}},
            }
        }
        path = path or self.inventory_path
        with open(path, "w") as handle:
            json.dump(inventory, handle, indent=1)  # JSON is valid YAML
        return path

    def run(self, name: str, command: str, become: bool = True) -> subprocess.CompletedProcess:
        """Run a shell command on one host over real SSH."""
        address = self.addresses[self.names.index(name)]
        remote = ("sudo -n sh -c %s" % _shell_quote(command)) if become else command
        return subprocess.run(
            ["ssh", "-i", self.key, "-p", str(self.port), *self.ssh_args().split(), "%s@%s" % (self.user, address), remote],
            capture_output=True, text=True, timeout=60,
        )

    def stop(self) -> None:
        for name in os.listdir(self.control_dir) if os.path.isdir(self.control_dir) else []:
            subprocess.run(["ssh", "-o", "ControlPath=%s/%s" % (self.control_dir, name), "-O", "exit", "x"],
                           capture_output=True, timeout=10)
        # Mux masters that ignored -O exit: end them by PID.
        out = subprocess.run(["pgrep", "-f", self.control_dir], capture_output=True, text=True).stdout
        for pid in out.split():
            kill_pid(int(pid))
        self._stop_sshd()
        shutil.rmtree(self.control_dir, ignore_errors=True)
        self._forget_key()

    def _forget_key(self) -> None:
        """Take this session's key out of the user's authorized_keys again (it grew by one line a run)."""
        line = getattr(self, "key_line", None)
        auth = os.path.join(pwd.getpwnam(self.user).pw_dir, ".ssh", "authorized_keys")
        if not line or not os.path.exists(auth):
            return
        with accounts_lock():
            with open(auth) as handle:
                kept = [x for x in handle.read().splitlines(keepends=True) if x.strip() != line.strip()]
            with open(auth, "w") as handle:
                handle.writelines(kept)


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


# --------------------------------------------------------------------------- SMTP
class Smtp:
    """A real SMTP server (aiosmtpd) with STARTTLS and AUTH; collects messages."""

    USER = "sitekeeper"
    PASSWORD = "smtp-test-password"  # noqa: S105  a test server's own login

    def __init__(self, pki: Pki, require_auth: bool = True, user: str | None = None, password: str | None = None):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.USER = user or self.USER
        self.PASSWORD = password or self.PASSWORD
        self.port = free_port()
        self.messages = []
        self.lock = threading.Lock()
        paths = pki.issue("localhost", ["localhost", "127.0.0.1"])
        self.ca_path = paths["ca"]
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(paths["chain"], paths["key"])
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802  aiosmtpd's hook name
                with outer.lock:
                    outer.messages.append({
                        "from": envelope.mail_from,
                        "to": list(envelope.rcpt_tos),
                        "data": envelope.original_content or envelope.content,
                        "authenticated": bool(session.authenticated),
                    })
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == self.USER and auth_data.password.decode() == self.PASSWORD
            return AuthResult(success=ok, handled=False)

        def controller(port):
            return Controller(
                Handler(), hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True,
                authenticator=authenticator, auth_required=require_auth, auth_require_tls=True,
                ready_timeout=60,  # aiosmtpd's 5 s is too short for a busy CI machine
            )

        self._controller = controller
        self.controller = controller(self.port)

    def start(self) -> Smtp:
        for attempt in range(PORT_ATTEMPTS):
            try:
                self.controller.start()
                return self
            except OSError as error:  # the free port was taken by another program meanwhile
                if isinstance(error, TimeoutError):
                    raise
                if attempt == PORT_ATTEMPTS - 1:
                    raise PortInUse("SMTP: port %d is held by %s" % (self.port, port_owner(self.port))) from error
            self.port = free_port()
            self.controller = self._controller(self.port)
        return self

    def stop(self) -> None:
        self.controller.stop()
