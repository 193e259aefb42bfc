#!/usr/bin/env python3
"""Benchmark: Sitekeeper's verified backup against plain tar, on a generated ~1 GB website.

Builds a test site (about 20,000 small files, large compressible files and large
incompressible files), then times, side by side in one run:

  tar -cf -          the I/O floor (also warms the page cache for everyone)
  tar -czf           what most hand-made backup scripts do
  tar -I 'zstd -T0'  the fast ceiling
  sitekeeper         the full backup: tar | zstd -T0 hashed while written, then
                     verification (sha256 + full listing), manifest, label
  restic             runs after changing 1% of the files: plain `restic backup` against
                     Sitekeeper's restic engine (backup + verification of what it wrote + manifest),
                     --restic-rounds rounds (default 3) in alternating order, medians reported
  database           optional (--db-mb > 0): a MariaDB database, dumped and restore-tested

Usage: .venv/bin/python benchmarks/backup.py [--size-mb 1000] [--small-files 20000] [--db-mb 200]
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "collections"))
sys.path.insert(0, REPO)

WORDS = ("pengadilan negeri putusan sidang perkara hakim panitera jadwal berita pengumuman mediasi "
         "gugatan banding kasasi eksekusi pidana perdata saksi terdakwa jaksa advokat informasi publik "
         "layanan pelayanan terpadu satu pintu e-court ecourt biaya panjar radius pemanggilan").split()


def generate_site(root, total_mb, small_files, seed=7):
    rng = random.Random(seed)
    site = os.path.join(root, "site")
    os.makedirs(site)
    written = 0
    # Small files: HTML-like pages in nested folders.
    for i in range(small_files):
        folder = os.path.join(site, "berita", "%03d" % (i % 200), "%02d" % (i % 17))
        os.makedirs(folder, exist_ok=True)
        n = rng.randint(100, 1800)
        text = "<html><body><h1>Berita %d</h1><p>%s</p></body></html>\n" % (
            i, " ".join(rng.choice(WORDS) for _ in range(n)))
        with open(os.path.join(folder, "p%05d.html" % i), "w") as handle:
            handle.write(text)
        written += len(text)
    remaining = max(total_mb * 1024 * 1024 - written, 0)
    incompressible = remaining * 45 // 100
    compressible = remaining - incompressible
    # Large compressible files: access-log-like text.
    os.makedirs(os.path.join(site, "arsip"), exist_ok=True)
    lines = ["127.0.0.%d - - [27/Nov/2026:10:%02d:%02d +0700] \"GET /berita/%d HTTP/1.1\" 200 %d \"-\" \"%s\"\n"
             % (rng.randint(1, 254), rng.randint(0, 59), rng.randint(0, 59), rng.randint(1, 20000),
                rng.randint(200, 90000), rng.choice(WORDS)) for _ in range(20000)]
    block = "".join(lines).encode()
    per_file = max(compressible // 4, 1)
    for k in range(4):
        with open(os.path.join(site, "arsip", "log-%d.txt" % k), "wb") as handle:
            left = per_file
            while left > 0:
                chunk = block[: min(left, len(block))]
                handle.write(chunk)
                left -= len(chunk)
    # Large incompressible files: photos, PDFs (random bytes).
    os.makedirs(os.path.join(site, "unggahan"), exist_ok=True)
    per_file = max(incompressible // 6, 1)
    for k in range(6):
        with open(os.path.join(site, "unggahan", "scan-%d.pdf" % k), "wb") as handle:
            left = per_file
            while left > 0:
                n = min(left, 8 << 20)
                handle.write(os.urandom(n))
                left -= n
    return site


def tree_bytes(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


class RssSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants."""

    def __init__(self, pid, interval=0.1):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.stop = threading.Event()

    def _tree(self):
        """The process and its descendants, from /proc/<pid>/task/<tid>/children (cheap: no /proc scan)."""
        todo, seen = [self.pid], []
        while todo:
            pid = todo.pop()
            seen.append(pid)
            try:
                for tid in os.listdir("/proc/%d/task" % pid):
                    with open("/proc/%d/task/%s/children" % (pid, tid)) as handle:
                        todo.extend(int(c) for c in handle.read().split())
            except OSError:
                continue
        return seen

    def run(self):
        while not self.stop.is_set():
            total = 0
            for pid in self._tree():
                try:
                    with open("/proc/%d/status" % pid) as handle:
                        for line in handle:
                            if line.startswith("VmRSS:"):
                                total += int(line.split()[1])
                except OSError:
                    pass
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(self.interval)


def timed_pipe(first, second, out_path):
    """Time `first | second > out_path` without a shell."""
    start = time.monotonic()
    with open(out_path, "wb") as out:
        one = subprocess.Popen(first, stdout=subprocess.PIPE)
        two = subprocess.Popen(second, stdin=one.stdout, stdout=out)
        one.stdout.close()
        if two.wait() or one.wait():
            raise SystemExit("%s | %s failed" % (first[0], second[0]))
    return time.monotonic() - start


def timed(cmd, **kw):
    start = time.monotonic()
    subprocess.run(cmd, check=True, **kw)
    return time.monotonic() - start


def run_sitekeeper(params):
    """Run one backup in a child Python (as the module would) and sample its memory."""
    code = (
        "import json, sys; sys.path.insert(0, %r)\n"
        "from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup\n"
        "r = run_backup(json.loads(sys.argv[1]))\n"
        "print(json.dumps({'status': r['status'], 'problems': r['problems'], 'set': r['set'], 'path': r['path'],"
        " 'manifest': r['manifest']}))\n" % os.path.join(REPO, "collections")
    )
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code, json.dumps(params)], stdout=subprocess.PIPE, text=True)
    sampler = RssSampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    elapsed = time.monotonic() - start
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit("sitekeeper backup crashed")
    result = json.loads(out.strip().splitlines()[-1])
    if result["status"] not in ("ok",):
        raise SystemExit("sitekeeper backup not ok: %s" % result["problems"])
    return elapsed, result, sampler.peak_kb / 1024.0


def change_one_percent(site, seed=11):
    rng = random.Random(seed)
    files = []
    for root, _dirs, names in os.walk(site):
        files.extend(os.path.join(root, n) for n in names)
    files.sort()
    picked = rng.sample(files, max(1, len(files) // 100))
    for path in picked:
        with open(path, "ab") as handle:
            handle.write(b"\n<!-- diubah %d -->\n" % rng.randint(0, 10**9))
    return len(picked), len(files)


def restic_env(repo, password_file, cache):
    env = dict(os.environ)
    env.update({"RESTIC_REPOSITORY": repo, "RESTIC_PASSWORD_FILE": password_file, "RESTIC_CACHE_DIR": cache})
    return env


def bench_database(work, db_mb, site_params):
    from tests.harness import services

    directory = tempfile.mkdtemp(prefix="sk-bench-mariadb-", dir="/tmp")
    server = services.MariaDB(directory).start()
    try:
        rows = max(1, db_mb * 1024 * 1024 // 1100)
        sql = (  # noqa: S608  the only value is an integer
            "CREATE DATABASE bench; USE bench;"
            "CREATE TABLE pages (id INT PRIMARY KEY AUTO_INCREMENT, title VARCHAR(200), body TEXT, at DATETIME)"
            " ENGINE=InnoDB;"
            "INSERT INTO pages (title, body, at) SELECT CONCAT('Berita ', seq), CONCAT(REPEAT(MD5(seq), 30), "
            "RAND()), NOW() FROM seq_1_to_"
        ) + str(int(rows)) + ";"
        server.execute(sql)
        db = {"engine": "mariadb", "name": "bench", "user": "root", "socket": server.socket}
        params = dict(site_params, destination=os.path.join(work, "sk-db"))
        params["sites"] = [dict(params["sites"][0], databases=[db])]
        elapsed, result, peak = run_sitekeeper(params)
        item = [c for c in result["manifest"]["contents"] if c["kind"] == "database"][0]
        dump_ref = timed_pipe(["mariadb-dump", "--no-defaults", "-S", server.socket, "-uroot", "--single-transaction",
                               "bench"], ["zstd", "-T0", "-q", "-c"], os.path.join(work, "ref.sql.zst"))
        return {"db_rows": rows, "db_dump_bytes": item["bytes"], "sitekeeper_with_db_s": round(elapsed, 2),
                "db_dump_zstd_ref_s": round(dump_ref, 2), "db_restore_test": item["restore_test"],
                "peak_rss_with_db_mb": round(peak, 1)}
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=1000)
    parser.add_argument("--small-files", type=int, default=20000)
    parser.add_argument("--db-mb", type=int, default=0, help="also benchmark a MariaDB database of this size")
    parser.add_argument("--dir", default=None, help="work folder (default a new one under /tmp)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--restic-rounds", type=int, default=3,
                        help="incremental restic rounds (1%% of the files changed each); medians are reported")
    args = parser.parse_args()
    work = args.dir or tempfile.mkdtemp(prefix="sk-bench-backup-", dir="/tmp")
    os.makedirs(work, exist_ok=True)
    figures = {}
    try:
        t0 = time.monotonic()
        site = generate_site(work, args.size_mb, args.small_files)
        size = tree_bytes(site)
        nfiles = sum(len(f) for _r, _d, f in os.walk(site))
        print("test site: %d files, %.1f MB (made in %.1f s)" % (nfiles, size / 1e6, time.monotonic() - t0))
        out = os.path.join(work, "out")
        os.makedirs(out)
        floor = (["tar", "-cf", "-", "-C", site, "."], ["cat"], os.devnull)
        tar_s = min(timed_pipe(*floor), timed_pipe(*floor))
        tar_gz_s = timed(["tar", "-czf", os.path.join(out, "a.tar.gz"), "-C", site, "."])
        tar_zstd_s = timed(["tar", "-I", "zstd -T0", "-cf", os.path.join(out, "a.tar.zst"), "-C", site, "."])
        params = {"host": "bench", "destination": os.path.join(work, "sk"),
                  "sites": [{"name": "bench", "url": "http://127.0.0.1/", "docroot": site}]}
        sk_s, result, peak = run_sitekeeper(params)
        sk_bytes = result["manifest"]["total_bytes"]
        gz_bytes = os.path.getsize(os.path.join(out, "a.tar.gz"))
        zst_bytes = os.path.getsize(os.path.join(out, "a.tar.zst"))
        shutil.rmtree(out)
        print("\n%-34s %9s %9s %11s %7s" % ("files part", "seconds", "MB/s", "archive MB", "ratio"))
        for label, secs, nbytes in (
            ("tar -cf - (I/O floor)", tar_s, None),
            ("tar -czf", tar_gz_s, gz_bytes),
            ("tar -I 'zstd -T0' -cf", tar_zstd_s, zst_bytes),
            ("sitekeeper (incl. sha256+verify)", sk_s, sk_bytes),
        ):
            print("%-34s %9.2f %9.1f %11s %7s" % (
                label, secs, size / 1e6 / secs, "-" if nbytes is None else "%.1f" % (nbytes / 1e6),
                "-" if nbytes is None else "%.2f" % (size / nbytes)))
        figures.update({
            "bytes": size, "files": nfiles, "tar_s": round(tar_s, 2), "tar_gz_s": round(tar_gz_s, 2),
            "tar_zstd_s": round(tar_zstd_s, 2), "sitekeeper_s": round(sk_s, 2),
            "vs_tar_gz": round(tar_gz_s / sk_s, 2), "vs_tar_zstd": round(sk_s / tar_zstd_s, 2),
            "sitekeeper_archive_bytes": sk_bytes, "tar_gz_bytes": gz_bytes, "tar_zstd_bytes": zst_bytes,
            "sitekeeper_mb_s": round(size / 1e6 / sk_s, 1), "peak_rss_mb": round(peak, 1),
        })
        print("sitekeeper is %.1fx faster than tar -czf (target >= 5) and takes %.2fx the time of tar|zstd -T0 "
              "(target <= 2.5); peak memory %.0f MB (target < 300)" % (figures["vs_tar_gz"], figures["vs_tar_zstd"],
                                                                         peak))
        shutil.rmtree(os.path.join(work, "sk"))

        # restic: first backups (plain and sitekeeper, separate repositories), change 1%, second backups.
        pw = os.path.join(work, "restic-pw")
        password = secrets.token_hex(16)
        with open(pw, "w") as handle:
            handle.write(password)
        os.chmod(pw, 0o600)
        cache = os.path.join(work, "restic-cache")
        plain_env = restic_env(os.path.join(work, "repo-plain"), pw, cache)
        subprocess.run(["restic", "init"], env=plain_env, check=True, capture_output=True)
        first_plain = timed(["restic", "backup", "--host", "bench", "--tag", "sitekeeper", site],
                            env=plain_env, capture_output=True)
        rparams = dict(params, destination=os.path.join(work, "sk-restic"), engine="restic",
                       restic_repository=os.path.join(work, "repo-sk"), restic_password=password,
                       restic_cache_dir=cache)
        first_sk, _r, _p = run_sitekeeper(rparams)
        # Several rounds (each changes another 1% of the files), the order alternating, medians reported:
        # one pair of runs on a shared machine is mostly noise.
        plain_times, sk_times, peak_r = [], [], 0.0
        for rnd in range(args.restic_rounds):
            changed, total = change_one_percent(site, seed=11 + rnd)
            order = ("plain", "sk") if rnd % 2 == 0 else ("sk", "plain")
            for which in order:
                if which == "plain":
                    plain_times.append(timed(["restic", "backup", "--host", "bench", "--tag", "sitekeeper", site],
                                             env=plain_env, capture_output=True))
                else:
                    secs, result, peak = run_sitekeeper(rparams)
                    sk_times.append(secs)
                    peak_r = max(peak_r, peak)
                    item = result["manifest"]["contents"][0]
                    if item.get("files_changed") != changed:
                        raise SystemExit("sitekeeper saw %s changed files, %d were changed"
                                         % (item.get("files_changed"), changed))
        restic_incr = statistics.median(plain_times)
        sk_incr = statistics.median(sk_times)
        print("\nrestic, %d rounds each changing %d of %d files: plain restic backup %s s (median %.2f), "
              "sitekeeper restic engine %s s (median %.2f): %.2fx (target <= 1.3); first runs %.2f s / %.2f s"
              % (args.restic_rounds, changed, total, " ".join("%.2f" % t for t in plain_times), restic_incr,
                 " ".join("%.2f" % t for t in sk_times), sk_incr, sk_incr / restic_incr, first_plain, first_sk))
        figures.update({
            "restic_first_s": round(first_plain, 2), "sitekeeper_restic_first_s": round(first_sk, 2),
            "restic_incr_s": round(restic_incr, 2), "sitekeeper_restic_incr_s": round(sk_incr, 2),
            "vs_restic_incr": round(sk_incr / restic_incr, 2), "changed_files": changed,
            "restic_incr_samples_s": [round(t, 2) for t in plain_times],
            "sitekeeper_restic_incr_samples_s": [round(t, 2) for t in sk_times],
            "peak_rss_restic_mb": round(peak_r, 1),
        })
        figures["peak_rss_mb"] = round(max(figures["peak_rss_mb"], peak_r), 1)

        if args.db_mb > 0:
            db = bench_database(work, args.db_mb, params)
            print("\ndatabase (%d rows): sitekeeper files+db backup with restore test %.2f s; dump %.1f MB; "
                  "plain mariadb-dump|zstd %.2f s; restore test %s"
                  % (db["db_rows"], db["sitekeeper_with_db_s"], db["db_dump_bytes"] / 1e6, db["db_dump_zstd_ref_s"],
                     db["db_restore_test"]))
            figures.update(db)
            figures["peak_rss_mb"] = round(max(figures["peak_rss_mb"], db["peak_rss_with_db_mb"]), 1)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
