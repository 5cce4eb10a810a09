#!/usr/bin/env python3
"""Commentdesk load benchmark (see README, "Benchmarks"). Called by bench/run after the build.

For each workload: start the release binary on a fresh temporary database, seed it through the
JSON API with the sample article's 200 published, threaded comments, drive it with wrk on
127.0.0.1 for a bounded time, read the server's peak RSS (VmHWM), stop it. Then print a table and
write the figures as JSON.
"""
import argparse
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SLUG = "russian-ambassador-assassinated-us-embassy-incident"
SEED_COMMENTS = 200
SEED_ROOTS = 40
WRITE_SHARE = 0.05  # of all requests in (d)
# How often (d)'s writers are told the readers' rate (see `follow_reads`).
FOLLOW_EVERY_S = 0.25

CONFIG = """\
# Written by bench/run.py. Everything else is the default configuration.
[server]
bind = "127.0.0.1:{port}"
# wrk and the seeder send X-Forwarded-For from 127.0.0.1: every POST is a distinct client, so the
# per-client limiter is checked on every comment but never refuses one.
trusted_proxies = ["127.0.0.1/32"]

[database]
path = "{db}"
synchronous = "full"

[limits]
# The per-article cap (default 120 a minute) would otherwise stop the flood after two minutes'
# worth of comments; this benchmark measures the server, not that policy.
article_comments_per_minute = 100000000
"""

SEED_WORDS = (
    "the embassy story report ambassador gallery city morning police officials statement "
    "investigation question answer evening street security guards crowd news coverage reporters "
    "details timeline witnesses people families travel advice closed consulate Istanbul Ankara "
    "Turkey Russia diplomats government careful calm worried hopeful informed sensible clear early "
    "later today tomorrow interesting important strange surprising likely unlikely think wonder "
    "believe hope expect agree disagree read watched heard learned noticed remember explain "
    "understand follow update and but because while after before with about around across from "
    "into over between during until since maybe perhaps really quite very still again already soon"
).split()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, workdir):
        self.port = free_port()
        self.db = os.path.join(workdir, "bench.db")
        cfg = os.path.join(workdir, "bench.toml")
        with open(cfg, "w") as f:
            f.write(CONFIG.format(port=self.port, db=self.db))
        self.log = open(os.path.join(workdir, "server.log"), "w")
        env = dict(os.environ)
        env.pop("COMMENTDESK_CONFIG", None)
        # A temporary directory with no articles, so only the built-in sample article is served.
        content = os.path.join(workdir, "content")
        os.makedirs(content, exist_ok=True)
        self.proc = subprocess.Popen(
            [binary, "--config", cfg, "serve", "--content", content],
            stdout=self.log, stderr=self.log, env=env, cwd=workdir,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"server exited early; see {self.log.name}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        sys.exit("server did not become healthy in 30 s")

    def status(self, key):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])  # kB
        return 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def seed(port):
    """200 published comments through the JSON API: 40 threads, replies up to five deep."""
    rng = random.Random(20161219)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    ids = []
    for i in range(SEED_COMMENTS):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            words = [rng.choice(SEED_WORDS) for _ in range(rng.randint(8, 18))]
            sentences.append(" ".join(words).capitalize() + ".")
        body = " ".join(sentences)
        if i % 7 == 3:
            body += "\n\n> " + " ".join(rng.choice(SEED_WORDS) for _ in range(8))
        if i % 5 == 1:
            body += " *" + rng.choice(SEED_WORDS) + "*"
        payload = {"body": body, "author": f"Reader {i + 1}"}
        if i >= SEED_ROOTS:
            payload["parent_id"] = rng.choice(ids)
        conn.request(
            "POST", f"/api/articles/{SLUG}/comments", body=json.dumps(payload),
            headers={"Content-Type": "application/json", "X-Forwarded-For": f"192.0.2.{i % 250 + 1}"
                     if i < 250 else "198.51.100.1"},
        )
        r = conn.getresponse()
        data = r.read()
        if r.status != 201:
            sys.exit(f"seeding comment {i + 1}: HTTP {r.status}: {data[:300]!r}")
        ids.append(json.loads(data)["id"])
    conn.close()
    return ids


def wrk(args, script, url, connections, duration, env_extra, out):
    env = dict(os.environ, BENCH_DIR=HERE, BENCH_OUT=out, BENCH_SLUG=SLUG, **env_extra)
    cmd = ["wrk", "-t", str(args.threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
           "-s", os.path.join(HERE, "wrk", script), url]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)


def read_json(path):
    with open(path) as f:
        return json.load(f)


def summarize(raw):
    secs = raw["duration_us"] / 1e6
    errors = sum(raw["errors"].values())
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / secs, 1),
        "p50_ms": raw["latency_us"]["p50"] / 1000,
        "p99_ms": raw["latency_us"]["p99"] / 1000,
        "max_ms": raw["latency_us"]["max"] / 1000,
        "errors": errors,
        "error_detail": raw["errors"],
        "mb_per_s": round(raw["bytes"] / secs / 1e6, 1),
    }


def check_stored(db, ids_files):
    """Compares the acknowledged ids with the rows the benchmark's clients wrote."""
    acked = set()
    for ids_file in ids_files if isinstance(ids_files, list) else [ids_files]:
        with open(ids_file) as f:
            acked |= {int(x) for x in f.read().split()}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    stored = {r[0] for r in conn.execute("SELECT id FROM comments WHERE author_name LIKE 'bench %'")}
    published = conn.execute(
        "SELECT count(*) FROM comments WHERE author_name LIKE 'bench %' AND status = 'published'").fetchone()[0]
    conn.close()
    return {
        "acknowledged": len(acked),
        "stored": len(stored),
        "stored_published": published,
        "acknowledged_missing": len(acked - stored),
        # Written but never acknowledged: requests in flight when wrk stopped (at most one a connection).
        "stored_unacknowledged": len(stored - acked),
    }


def page_reads(port):
    """GETs of the article page answered so far, from the server's own counter."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    c.close()
    total = 0
    for line in text.splitlines():
        if line.startswith("commentdesk_http_requests_total{") and 'method="GET"' in line \
                and 'route="/articles/{slug}"' in line:
            total += int(float(line.rsplit(" ", 1)[1]))
    return total


def follow_reads(port, rate_file, stop):
    """Keeps (d)'s write rate at WRITE_SHARE of all requests while it runs: every FOLLOW_EVERY_S
    it reads how many page GETs the server answered, smooths the rate over about a second, and
    writes the write rate that goes with it to `rate_file`, which the writers read (post.lua).
    The read rate varies by a quarter from run to run on this shared machine (and falls as the
    page grows), so no rate fixed beforehand lands on 5%."""
    last_n, last_t, smooth = page_reads(port), time.monotonic(), None
    while not stop.wait(FOLLOW_EVERY_S):
        n, t = page_reads(port), time.monotonic()
        rate = (n - last_n) / max(t - last_t, 1e-3)
        last_n, last_t = n, t
        smooth = rate if smooth is None else 0.7 * smooth + 0.3 * rate
        tmp = rate_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{max(smooth * WRITE_SHARE / (1 - WRITE_SHARE), 1.0):.1f}\n")
        os.replace(tmp, rate_file)


def run_workload(args, name, workdir, run_name=None):
    wd = os.path.join(workdir, run_name or name)
    os.makedirs(wd)
    server = Server(args.binary, wd)
    try:
        seed_ids = seed(server.port)
        base = f"http://127.0.0.1:{server.port}"
        page = f"{base}/articles/{SLUG}"
        api = f"{base}/api/articles/{SLUG}/comments"
        # A short warm-up so the first measured request does not pay for a cold cache.
        warm = wrk(args, "get.lua", page, 4, 1, {"BENCH_ACCEPT_ENCODING": args.accept_encoding},
                   os.path.join(wd, "warm.json"))
        warm.wait()
        out = os.path.join(wd, "wrk.json")
        result = {"connections": args.connections, "duration_s": args.duration}
        if name == "a_page":
            wrk(args, "get.lua", page, args.connections, args.duration,
                {"BENCH_ACCEPT_ENCODING": args.accept_encoding}, out).wait()
            result.update(summarize(read_json(out)))
        elif name == "b_json":
            wrk(args, "get.lua", api, args.connections, args.duration, {}, out).wait()
            result.update(summarize(read_json(out)))
        elif name == "c_post":
            ids = os.path.join(wd, "ids.txt")
            wrk(args, "post.lua", api, args.connections, args.duration,
                {"BENCH_IDS": ids, "BENCH_MAX_PARENT": str(max(seed_ids))}, out).wait()
            raw = read_json(out)
            result.update(summarize(raw))
            result["refused"] = raw["refused"]
            time.sleep(0.2)
            result["check"] = check_stored(server.db, ids)
            result["check"]["ok"] = (result["check"]["acknowledged_missing"] == 0 and result["errors"] == 0
                                     and raw["refused"] == 0)
        elif name == "d_mix":
            # Readers and writers are separate wrk processes, so the readers' latency is measured on
            # its own. The writers are paced on a schedule that does not slow down with their
            # latency, at a rate that follows the readers' (see follow_reads).
            ids = os.path.join(wd, "ids.txt")
            wout = os.path.join(wd, "wrk-writers.json")
            rate_file = os.path.join(wd, "write-rate")
            with open(rate_file, "w") as f:
                f.write(f"{args.mix_write_rps:.1f}\n")
            stop = threading.Event()
            follower = threading.Thread(target=follow_reads, args=(server.port, rate_file, stop), daemon=True)
            readers = wrk(args, "get.lua", page, args.connections, args.duration,
                          {"BENCH_ACCEPT_ENCODING": args.accept_encoding}, out)
            writers = wrk(args, "post.lua", api, args.mix_writers, args.duration,
                          {"BENCH_IDS": ids, "BENCH_RATE_FILE": rate_file,
                           "BENCH_THREADS": str(args.threads), "BENCH_MAX_PARENT": str(max(seed_ids))}, wout)
            follower.start()
            readers.wait()
            writers.wait()
            stop.set()
            follower.join()
            r = summarize(read_json(out))
            w = summarize(read_json(wout))
            result.update(r)
            result["reads"] = r
            result["writes"] = w
            result["write_connections"] = args.mix_writers
            result["write_rps_first_asked"] = round(args.mix_write_rps, 1)
            result["write_share"] = round(w["requests"] / max(r["requests"] + w["requests"], 1), 4)
            result["errors"] = r["errors"] + w["errors"]
            time.sleep(0.2)
            result["check"] = check_stored(server.db, ids)
        result["peak_rss_mib"] = round(server.status("VmHWM") / 1024, 1)
        return result
    finally:
        server.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "commentdesk"))
    p.add_argument("--duration", type=int, default=10, help="seconds per workload")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--mix-writers", type=int, default=16,
                   help="writer connections in (d) (8 cannot send 5%% at their latency)")
    p.add_argument("--accept-encoding", default="gzip, deflate, br",
                   help="Accept-Encoding sent with the HTML page requests (as browsers do); '' for none")
    p.add_argument("--only", default="a,b,c,d", help="comma-separated subset of a,b,c,d")
    p.add_argument("--out", default=os.path.join(HERE, "results", "latest.json"))
    args = p.parse_args()

    names = {"a": "a_page", "b": "b_json", "c": "c_post", "d": "d_mix"}
    chosen = [names[k.strip()] for k in args.only.split(",") if k.strip()]
    results = {}
    with tempfile.TemporaryDirectory(prefix="commentdesk-bench-") as workdir:
        args.mix_read_rps = 10_000.0
        for name in chosen:
            # (d)'s writers start at WRITE_SHARE of (a)'s rate and then follow the readers.
            args.mix_write_rps = max(args.mix_read_rps * WRITE_SHARE / (1 - WRITE_SHARE), 1.0)
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results[name] = run_workload(args, name, workdir)
            if name == "a_page":
                args.mix_read_rps = results[name]["rps"]

    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip() != ""
    report = {
        "commit": rev.stdout.strip() + ("-dirty" if dirty else ""),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpus": os.cpu_count(),
        "wrk_threads": args.threads,
        "accept_encoding_html": args.accept_encoding,
        "seed_comments": SEED_COMMENTS,
        "workloads": results,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")

    print()
    print(f"{'workload':<28} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'peak RSS MiB':>13}")
    labels = {"a_page": "(a) article page HTML", "b_json": "(b) JSON comment list",
              "c_post": "(c) POST comments", "d_mix": "(d) mix: reads"}
    for name, r in results.items():
        row = r["reads"] if name == "d_mix" else r
        print(f"{labels[name]:<28} {row['rps']:>10.0f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
              f"{row['errors']:>7} {r['peak_rss_mib']:>13.1f}")
        if name == "d_mix":
            w = r["writes"]
            print(f"{'(d) mix: writes':<28} {w['rps']:>10.0f} {w['p50_ms']:>8.2f} {w['p99_ms']:>8.2f} "
                  f"{w['errors']:>7} {'':>13}  ({r['write_share'] * 100:.1f}% of requests)")
    for name in ("c_post", "d_mix"):
        if name in results:
            c = results[name]["check"]
            print(f"{name}: acknowledged {c['acknowledged']}, stored {c['stored']} "
                  f"({c['stored_published']} published), acknowledged but missing {c['acknowledged_missing']}, "
                  f"stored but unacknowledged (in flight at the stop) {c['stored_unacknowledged']}")
    print(f"\nfigures written to {os.path.relpath(args.out)}")
    bad = [n for n in ("c_post", "d_mix") if n in results and results[n]["check"]["acknowledged_missing"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
