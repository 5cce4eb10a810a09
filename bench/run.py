#!/usr/bin/env python3
"""Commentdesk load benchmark (see README, "Benchmarks"). Called by bench/run after the build.

For each workload: start the release binary on a fresh temporary database (SQLite by default; with
--db postgres://... a fresh schema of its own on that server, dropped afterwards), seed it through
the JSON API with the sample article's 200 published, threaded comments, drive it with wrk on
127.0.0.1 for a bounded time, read the server's peak RSS (VmHWM), stop it. Then print a table and
write the figures as JSON. --compare-backends runs the workloads on SQLite and then on PostgreSQL
in one go and prints both side by side.
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
import urllib.parse

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
{db_line}
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


DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/test"


def is_postgres(url):
    return bool(url) and url.startswith(("postgres://", "postgresql://"))


def redact(url):
    """The URL without user and password, for the figures file."""
    u = urllib.parse.urlsplit(url)
    return u._replace(netloc=(u.hostname or "") + (f":{u.port}" if u.port else "")).geturl()


def psql(url, sql):
    """Runs one statement with psql (unaligned, tuples only) and returns its output lines."""
    r = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", url, "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"psql: {r.stderr.strip()}")
    return [line for line in r.stdout.splitlines() if line]


class PgSchema:
    """A fresh schema of its own on the PostgreSQL server for one workload (as the tests'
    `fresh_schema_url` in src/store/postgres/mod.rs), and the URL that points a server at it."""

    def __init__(self, base_url, name):
        self.base = base_url
        self.name = f"bench_{name}_{os.getpid()}_{random.randrange(16 ** 8):08x}"
        psql(base_url, f"CREATE SCHEMA {self.name}")
        sep = "&" if "?" in base_url else "?"
        self.url = f"{base_url}{sep}options=-c%20search_path%3D{self.name}"

    def drop(self):
        psql(self.base, f"DROP SCHEMA IF EXISTS {self.name} CASCADE")


class Store:
    """Where a workload's comments live: an SQLite file, or a PostgreSQL schema (URL)."""

    def __init__(self, workdir, db_url, name):
        self.schema = PgSchema(db_url, name) if is_postgres(db_url) else None
        self.path = None if self.schema else os.path.join(workdir, "bench.db")

    def config_line(self):
        if self.schema:
            return f'url = "{self.schema.url}"'
        return f'path = "{self.path}"'

    def query(self, sql):
        """Rows of one query, as lists of strings (PostgreSQL) or values (SQLite)."""
        if self.schema:
            return [line.split("|") for line in psql(self.schema.url, sql)]
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return [list(r) for r in conn.execute(sql)]
        finally:
            conn.close()

    def drop(self):
        if self.schema:
            self.schema.drop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, workdir, store):
        os.makedirs(workdir, exist_ok=True)
        self.port = free_port()
        cfg = os.path.join(workdir, "bench.toml")
        with open(cfg, "w") as f:
            f.write(CONFIG.format(port=self.port, db_line=store.config_line()))
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


def check_stored(store, ids_files):
    """Compares the acknowledged ids with the rows the benchmark's clients wrote, read from the
    database itself (SQLite file, or PostgreSQL through psql)."""
    acked = set()
    for ids_file in ids_files if isinstance(ids_files, list) else [ids_files]:
        with open(ids_file) as f:
            acked |= {int(x) for x in f.read().split()}
    stored = {int(r[0]) for r in store.query("SELECT id FROM comments WHERE author_name LIKE 'bench %'")}
    published = int(store.query(
        "SELECT count(*) FROM comments WHERE author_name LIKE 'bench %' AND status = 'published'")[0][0])
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


def follow_reads(ports, rate_file, stop):
    """Keeps (d)'s write rate at WRITE_SHARE of all requests while it runs: every FOLLOW_EVERY_S
    it reads how many page GETs the server answered, smooths the rate over about a second, and
    writes the write rate that goes with it to `rate_file`, which the writers read (post.lua).
    The read rate varies by a quarter from run to run on this shared machine (and falls as the
    page grows), so no rate fixed beforehand lands on 5%."""
    ports = ports if isinstance(ports, list) else [ports]
    last_n, last_t, smooth = sum(page_reads(p) for p in ports), time.monotonic(), None
    while not stop.wait(FOLLOW_EVERY_S):
        n, t = sum(page_reads(p) for p in ports), time.monotonic()
        rate = (n - last_n) / max(t - last_t, 1e-3)
        last_n, last_t = n, t
        smooth = rate if smooth is None else 0.7 * smooth + 0.3 * rate
        tmp = rate_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{max(smooth * WRITE_SHARE / (1 - WRITE_SHARE), 1.0):.1f}\n")
        os.replace(tmp, rate_file)


LIVE_STREAMS = 10_000


def live_streams(server, n):
    """(g): n live article streams (SSE) held open at once against one server; its RSS with all of
    them open, and how long one new comment takes to reach every one of them."""
    import asyncio
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n + 1024
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want if hard == resource.RLIM_INFINITY else min(want, hard), hard))
    port = server.port
    request = (f"GET /articles/{SLUG}/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Accept: text/event-stream\r\n\r\n").encode()

    def post_comment():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("POST", f"/api/articles/{SLUG}/comments",
                  body=json.dumps({"body": "A comment every open live page is told of.", "author": "Bench"}),
                  headers={"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.7"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status

    async def main():
        streams, refused, failed = [], 0, 0
        gate = asyncio.Semaphore(256)

        async def open_one():
            nonlocal refused, failed
            async with gate:
                try:
                    r, w = await asyncio.open_connection("127.0.0.1", port)
                    w.write(request)
                    await w.drain()
                    head = await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), 30)
                    if b" 200 " in head.split(b"\r\n", 1)[0]:
                        streams.append((r, w))
                    else:
                        refused += 1
                        w.close()
                except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
                    failed += 1

        started = time.time()
        await asyncio.gather(*[open_one() for _ in range(n)])
        open_s = time.time() - started
        await asyncio.sleep(2)
        rss = server.status("VmRSS")

        async def first_event(r):
            buf = b""
            while b"data: " not in buf:
                chunk = await r.read(4096)
                if not chunk:
                    return None
                buf += chunk
            return time.time()

        waiting = [asyncio.ensure_future(first_event(r)) for r, _ in streams]
        await asyncio.sleep(0.5)
        posted = time.time()
        status = await asyncio.get_running_loop().run_in_executor(None, post_comment)
        try:
            arrived = await asyncio.wait_for(asyncio.gather(*waiting), 120)
        except asyncio.TimeoutError:
            arrived = [w.result() if w.done() else None for w in waiting]
        got = sorted(t - posted for t in arrived if t is not None)
        for _, w in streams:
            w.close()
        return {
            "streams_asked": n, "streams_open": len(streams), "refused": refused, "failed": failed,
            "open_s": round(open_s, 2), "rss_mib_all_open": round(rss / 1024, 1), "post_status": status,
            "told": len(got),
            "fanout_p50_ms": round(got[len(got) // 2] * 1000, 1) if got else None,
            "fanout_all_ms": round(got[-1] * 1000, 1) if got else None,
        }

    return asyncio.run(main())


def run_workload(args, name, workdir, run_name=None):
    wd = os.path.join(workdir, run_name or name)
    os.makedirs(wd)
    store = Store(wd, args.db, name.split("_")[0])
    try:
        server = Server(args.binary, os.path.join(wd, "node1"), store)
    except BaseException:
        store.drop()
        raise
    servers = [server]
    try:
        seed_ids = seed(server.port)
        base = f"http://127.0.0.1:{server.port}"
        page = f"{base}/articles/{SLUG}"
        api = f"{base}/api/articles/{SLUG}/comments"
        # A short warm-up so the first measured request does not pay for a cold cache.
        if name != "g_live":  # (g) reads no page
            warm = wrk(args, "get.lua", page, 4, 1, {"BENCH_ACCEPT_ENCODING": args.accept_encoding},
                       os.path.join(wd, "warm.json"))
            warm.wait()
        out = os.path.join(wd, "wrk.json")
        result = {"connections": args.connections, "duration_s": args.duration}
        if name == "g_live":
            result = live_streams(server, args.live_streams)
        elif name == "a_page":
            wrk(args, "get.lua", page, args.connections, args.duration,
                {"BENCH_ACCEPT_ENCODING": args.accept_encoding}, out).wait()
            result.update(summarize(read_json(out)))
        elif name == "f_react":
            # As (d), with reactions for comments: readers measure the page on their own while
            # paced reactors send 5% of all requests (see follow_reads).
            rout = os.path.join(wd, "wrk-reactions.json")
            rate_file = os.path.join(wd, "react-rate")
            with open(rate_file, "w") as f:
                f.write(f"{args.mix_write_rps:.1f}\n")
            stop = threading.Event()
            follower = threading.Thread(target=follow_reads, args=(server.port, rate_file, stop), daemon=True)
            readers = wrk(args, "get.lua", page, args.connections, args.duration,
                          {"BENCH_ACCEPT_ENCODING": args.accept_encoding}, out)
            reactors = wrk(args, "react.lua", page, args.react_connections, args.duration,
                           {"BENCH_RATE_FILE": rate_file, "BENCH_THREADS": str(args.threads),
                            "BENCH_MAX_PARENT": str(max(seed_ids))}, rout)
            follower.start()
            readers.wait()
            reactors.wait()
            stop.set()
            follower.join()
            r = summarize(read_json(out))
            rraw = read_json(rout)
            w = summarize(rraw)
            result.update(r)
            result["reads"] = r
            result["reacts"] = w
            result["reactions"] = rraw.get("reactions", 0)
            result["react_connections"] = args.react_connections
            result["reaction_share"] = round(w["requests"] / max(r["requests"] + w["requests"], 1), 4)
            result["errors"] = r["errors"] + w["errors"]
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
            result["check"] = check_stored(store, ids)
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
            result["check"] = check_stored(store, ids)
        elif name == "e_two_nodes":
            # Two nodes (server processes) on the same schema: the seeded node and a second one
            # started now. Each gets half of (a)'s readers and half of the writers; the writers
            # flood (as in (c)) or, with --two-node-writes paced, send 5% of all requests (as in
            # (d)), split between the nodes.
            node2 = Server(args.binary, os.path.join(wd, "node2"), store)
            servers.append(node2)
            nodes = [server, node2]
            for i, n in enumerate(nodes):
                wrk(args, "get.lua", f"http://127.0.0.1:{n.port}/articles/{SLUG}", 4, 1,
                    {"BENCH_ACCEPT_ENCODING": args.accept_encoding}, os.path.join(wd, f"warm{i + 1}.json")).wait()
            paced = args.two_node_writes == "paced"
            rate_file = os.path.join(wd, "write-rate")
            with open(rate_file, "w") as f:
                f.write(f"{args.mix_write_rps:.1f}\n")
            readers, writers, ids_files = [], [], []
            for i, n in enumerate(nodes):
                ids = os.path.join(wd, f"ids{i + 1}.txt")
                ids_files.append(ids)
                wenv = {"BENCH_IDS": ids, "BENCH_MAX_PARENT": str(max(seed_ids)), "BENCH_NODE": str(i + 1)}
                if paced:
                    # Both writer processes read the same total rate; each sends half of it.
                    wenv.update({"BENCH_RATE_FILE": rate_file, "BENCH_THREADS": str(args.threads * len(nodes))})
                readers.append(wrk(args, "get.lua", f"http://127.0.0.1:{n.port}/articles/{SLUG}",
                                   args.connections // 2, args.duration,
                                   {"BENCH_ACCEPT_ENCODING": args.accept_encoding}, os.path.join(wd, f"wrk-reads{i + 1}.json")))
                writers.append(wrk(args, "post.lua", f"http://127.0.0.1:{n.port}/api/articles/{SLUG}/comments",
                                   max(args.mix_writers // 2, 1), args.duration, wenv,
                                   os.path.join(wd, f"wrk-writes{i + 1}.json")))
            stop = threading.Event()
            follower = None
            if paced:
                follower = threading.Thread(target=follow_reads, args=([n.port for n in nodes], rate_file, stop),
                                            daemon=True)
                follower.start()
            for proc in readers + writers:
                proc.wait()
            stop.set()
            if follower:
                follower.join()
            result["write_mode"] = args.two_node_writes
            result["write_connections"] = max(args.mix_writers // 2, 1) * len(nodes)
            result["nodes"] = []
            refused = 0
            for i in range(len(nodes)):
                r = summarize(read_json(os.path.join(wd, f"wrk-reads{i + 1}.json")))
                wraw = read_json(os.path.join(wd, f"wrk-writes{i + 1}.json"))
                w = summarize(wraw)
                refused += wraw["refused"]
                result["nodes"].append({"reads": r, "writes": w,
                                        "peak_rss_mib": round(nodes[i].status("VmHWM") / 1024, 1)})
            node_reads = [n["reads"] for n in result["nodes"]]
            node_writes = [n["writes"] for n in result["nodes"]]
            # The page over both nodes: the rates add up; the p99 is the worse node's.
            result["reads"] = {"rps": round(sum(r["rps"] for r in node_reads), 1),
                               "requests": sum(r["requests"] for r in node_reads),
                               "p50_ms": max(r["p50_ms"] for r in node_reads),
                               "p99_ms": max(r["p99_ms"] for r in node_reads),
                               "errors": sum(r["errors"] for r in node_reads)}
            result["writes"] = {"rps": round(sum(w["rps"] for w in node_writes), 1),
                                "requests": sum(w["requests"] for w in node_writes),
                                "p50_ms": max(w["p50_ms"] for w in node_writes),
                                "p99_ms": max(w["p99_ms"] for w in node_writes),
                                "errors": sum(w["errors"] for w in node_writes)}
            result.update({k: result["reads"][k] for k in ("rps", "p50_ms", "p99_ms")})
            result["errors"] = result["reads"]["errors"] + result["writes"]["errors"]
            result["refused"] = refused
            total = result["reads"]["requests"] + result["writes"]["requests"]
            result["write_share"] = round(result["writes"]["requests"] / max(total, 1), 4)
            time.sleep(0.2)
            result["check"] = check_stored(store, ids_files)
            result["check"]["ok"] = (result["check"]["acknowledged_missing"] == 0 and result["errors"] == 0
                                     and refused == 0)
        result["peak_rss_mib"] = round(max(n.status("VmHWM") for n in servers) / 1024, 1)
        return result
    finally:
        for n in servers:
            n.stop()
        store.drop()


LABELS = {"g_live": "(g) live streams", "a_page": "(a) article page HTML", "b_json": "(b) JSON comment list",
          "c_post": "(c) POST comments", "f_react": "(f) page, 5% reactions: reads", "d_mix": "(d) mix: reads", "e_two_nodes": "(e) 2 nodes: reads"}
NAMES = {"a": "a_page", "b": "b_json", "c": "c_post", "d": "d_mix", "e": "e_two_nodes", "f": "f_react",
         "g": "g_live"}


def run_backend(args, db, chosen, workdir, tag):
    """Runs the chosen workloads on one backend ('' = SQLite, else a PostgreSQL URL)."""
    args.db = db
    results = {}
    args.mix_read_rps = 10_000.0
    for name in chosen:
        if name == "e_two_nodes" and not is_postgres(db):
            print("skipping e_two_nodes: two nodes need --db postgres://...", file=sys.stderr)
            continue
        # (d)'s writers start at WRITE_SHARE of (a)'s rate and then follow the readers.
        args.mix_write_rps = max(args.mix_read_rps * WRITE_SHARE / (1 - WRITE_SHARE), 1.0)
        print(f"running {name} on {tag} ...", file=sys.stderr, flush=True)
        results[name] = run_workload(args, name, workdir, run_name=f"{tag}-{name}")
        if name == "a_page":
            args.mix_read_rps = results[name]["rps"]
    return results


def rows(results):
    """(label, row, rss) lines of the printed table."""
    out = []
    for name, r in results.items():
        if name == "g_live":
            continue
        if name == "e_two_nodes":
            for i, n in enumerate(r["nodes"]):
                out.append((f"(e) node {i + 1}: reads", n["reads"], n["peak_rss_mib"]))
            for i, n in enumerate(r["nodes"]):
                out.append((f"(e) node {i + 1}: writes", n["writes"], None))
            out.append(("(e) both: reads", r["reads"], None))
            out.append((f"(e) both: writes ({r['write_share'] * 100:.1f}%)", r["writes"], None))
            continue
        row = r["reads"] if name in ("d_mix", "f_react") else r
        out.append((LABELS[name], row, r["peak_rss_mib"]))
        if name == "d_mix":
            out.append((f"(d) mix: writes ({r['write_share'] * 100:.1f}%)", r["writes"], None))
        if name == "f_react":
            out.append((f"(f) page, 5% reactions: reactions ({r['reaction_share'] * 100:.1f}%)", r["reacts"], None))
    return out


def print_table(results_by_backend):
    backends = list(results_by_backend)
    tables = {b: {label: (row, rss) for label, row, rss in rows(res)} for b, res in results_by_backend.items()}
    labels = []
    for b in backends:
        for label, _, _ in rows(results_by_backend[b]):
            key = label.split(" (")[0] if ("writes (" in label or "reactions (" in label) else label
            if key not in labels:
                labels.append(key)
    print()
    head = f"{'workload':<26}"
    for b in backends:
        head += f" | {b:<8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} {'RSS MiB':>7}"
    print(head)
    for key in labels:
        line = f"{key:<26}"
        for b in backends:
            hit = next(((row, rss) for label, (row, rss) in tables[b].items()
                        if label == key or label.startswith(key + " (")), None)
            if hit is None:
                line += f" | {'':<8} {'-':>8} {'-':>7} {'-':>7} {'-':>4} {'':>7}"
            else:
                row, rss = hit
                rss_s = f"{rss:.1f}" if rss is not None else ""
                line += (f" | {'':<8} {row['rps']:>8.0f} {row['p50_ms']:>7.2f} {row['p99_ms']:>7.2f} "
                         f"{row['errors']:>4} {rss_s:>7}")
        print(line)
    for b, results in results_by_backend.items():
        if "g_live" in results:
            g = results["g_live"]
            print(f"{b} g_live: {g['streams_open']} of {g['streams_asked']} live streams open at once "
                  f"(refused {g['refused']}, failed {g['failed']}, opened in {g['open_s']} s), server RSS "
                  f"{g['rss_mib_all_open']} MiB (peak {g['peak_rss_mib']} MiB); one new comment reached "
                  f"{g['told']} of them, half within {g['fanout_p50_ms']} ms, all within {g['fanout_all_ms']} ms")
        for name in ("d_mix", "e_two_nodes"):
            if name in results:
                print(f"{b} {name}: write share {results[name]['write_share'] * 100:.1f}% of requests")
        for name in ("c_post", "d_mix", "e_two_nodes"):
            if name in results:
                c = results[name]["check"]
                print(f"{b} {name}: acknowledged {c['acknowledged']}, stored {c['stored']} "
                      f"({c['stored_published']} published), acknowledged but missing {c['acknowledged_missing']}, "
                      f"stored but unacknowledged (in flight at the stop) {c['stored_unacknowledged']}")


def targets(results_by_backend):
    """Issue 11's performance targets, where the figures to judge them were run."""
    out = {}
    sq, pg = results_by_backend.get("sqlite", {}), results_by_backend.get("postgres", {})
    if "a_page" in sq and "a_page" in pg:
        ratio = pg["a_page"]["rps"] / sq["a_page"]["rps"]
        out["page_pg_within_10pct_of_sqlite"] = {"ratio": round(ratio, 3), "met": ratio >= 0.9}
    if "c_post" in pg:
        c = pg["c_post"]
        out["pg_durable_comments_3000_per_s"] = {"rps": c["rps"], "missing": c["check"]["acknowledged_missing"],
                                                 "met": c["rps"] >= 3000 and c["check"]["ok"]}
    for b, res in results_by_backend.items():
        if "g_live" in res:
            g = res["g_live"]
            out[f"{b}_10000_live_streams_within_128_mib"] = {
                "streams_open": g["streams_open"], "rss_mib": g["rss_mib_all_open"],
                "met": g["streams_open"] >= LIVE_STREAMS and g["rss_mib_all_open"] <= 128}
        if "f_react" in res and "a_page" in res:
            f, a = res["f_react"], res["a_page"]
            ratio = f["p99_ms"] / max(a["p99_ms"], 1e-3)
            out[f"{b}_page_with_reactions_p99_within_2x"] = {
                "p99_ms": f["p99_ms"], "page_alone_p99_ms": a["p99_ms"], "ratio": round(ratio, 2),
                "reaction_share": f["reaction_share"], "met": ratio <= 2.0 and f["errors"] == 0}
    if "e_two_nodes" in pg:
        e = pg["e_two_nodes"]
        t = {"missing": e["check"]["acknowledged_missing"], "p99_ms": e["reads"]["p99_ms"]}
        for base in ("a_page", "d_mix"):
            if base in pg:
                t[f"p99_vs_one_node_{base}"] = round(e["reads"]["p99_ms"] / max(pg[base]["p99_ms"], 1e-3), 2)
        # "One node's" page under the same load: (d), one node with 5% writes (run (e) with the
        # default --two-node-writes paced for the same load split over two nodes).
        ref = t.get("p99_vs_one_node_d_mix")
        t["met"] = e["check"]["ok"] and ref is not None and ref <= 2.0
        out["pg_two_nodes"] = t
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "commentdesk"))
    p.add_argument("--db", default="",
                   help="database: empty for a temporary SQLite file per workload, or a PostgreSQL URL "
                        "(postgres://user@host:port/db): each workload gets a fresh schema there, dropped afterwards")
    p.add_argument("--compare-backends", action="store_true",
                   help=f"run the workloads on SQLite, then on PostgreSQL (--db, default {DEFAULT_PG_URL}), "
                        "and print both side by side")
    p.add_argument("--duration", type=int, default=10, help="seconds per workload")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2, help="wrk threads")
    p.add_argument("--mix-writers", type=int, default=16,
                   help="writer connections in (d) and (e) (8 cannot send 5%% at their latency)")
    p.add_argument("--react-connections", type=int, default=64,
                   help="reactor connections in (f): readers who react are many; 16 cannot send 5%% at "
                        "PostgreSQL's reaction latency under this load")
    p.add_argument("--two-node-writes", choices=("flood", "paced"), default="paced",
                   help="(e)'s writers: paced to 5%% of all requests as in (d) (the default: the same load as (d), split over two nodes), or flood as in (c)")
    p.add_argument("--accept-encoding", default="gzip, deflate, br",
                   help="Accept-Encoding sent with the HTML page requests (as browsers do); '' for none")
    p.add_argument("--only", default=None,
                   help="comma-separated subset of a,b,c,d,e,f,g (default a,b,c,d,f,g, and e on PostgreSQL)")
    p.add_argument("--live-streams", type=int, default=LIVE_STREAMS,
                   help="streams (g) holds open at once")
    p.add_argument("--out", default=os.path.join(HERE, "results", "latest.json"))
    args = p.parse_args()

    if args.compare_backends:
        backends = [("sqlite", ""), ("postgres", args.db if is_postgres(args.db) else DEFAULT_PG_URL)]
    elif is_postgres(args.db):
        backends = [("postgres", args.db)]
    elif args.db:
        sys.exit("--db takes a postgres:// URL (SQLite, the default, uses a temporary file per workload)")
    else:
        backends = [("sqlite", "")]
    only = args.only or ("a,b,c,d,e,f,g" if any(is_postgres(u) for _, u in backends) else "a,b,c,d,f,g")
    chosen = [NAMES[k.strip()] for k in only.split(",") if k.strip()]
    results_by_backend = {}
    with tempfile.TemporaryDirectory(prefix="commentdesk-bench-") as workdir:
        for tag, db in backends:
            results_by_backend[tag] = run_backend(args, db, chosen, workdir, tag)

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
        "command": " ".join(["bench/run"] + sys.argv[1:]),
        "backends": {tag: redact(db) if db else "sqlite" for tag, db in backends},
    }
    if len(backends) == 1:
        # The single-backend layout as before.
        report["workloads"] = results_by_backend[backends[0][0]]
    else:
        report["workloads_by_backend"] = results_by_backend
    report["targets"] = targets(results_by_backend)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")

    print_table(results_by_backend)
    for k, v in report["targets"].items():
        print(f"target {k}: {'met' if v['met'] else 'NOT met'} {json.dumps({x: y for x, y in v.items() if x != 'met'})}")
    print(f"\nfigures written to {os.path.relpath(args.out)}")
    bad = [f"{b}:{n}" for b, res in results_by_backend.items() for n in ("c_post", "d_mix", "e_two_nodes")
           if n in res and res[n]["check"]["acknowledged_missing"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
