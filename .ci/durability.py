#!/usr/bin/env python3
"""Durability under SIGKILL: nothing acknowledged is ever lost.

Each trial starts `boardplan serve` on a database made from the sample plan, has several
clients post progress updates through the JSON API as fast as they can (each reads the
action's ETag, then posts with If-Match), kills the server with SIGKILL at a random moment,
starts it again, and checks that every update the server had acknowledged with 201 is there
as it was sent. After the trials, `boardplan audit verify` must pass: the change log's chain
is whole. Exits non-zero at the first loss.

    python3 .ci/durability.py --bin target/debug/boardplan --trials 5
    python3 .ci/durability.py --bin … --trials 100 --postgres postgres://user:pw@127.0.0.1:5432/test

With --postgres, a database of its own is made on that server (the role needs CREATEDB) and
dropped at the end. The seed is printed, and --seed replays the same kill moments.
"""

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

SAMPLE = "tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt"
EMAIL = "durability@boardplan.test"
CLIENTS = 4


def run(bin_, db, *args, stdin=None):
    out = subprocess.run(
        [bin_, "--db", db, "--actor", "durability", *args],
        input=stdin, capture_output=True, text=True, timeout=120,
    )
    if out.returncode != 0:
        sys.exit(f"FAIL: boardplan {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout.strip()


def start(bin_, db):
    """The server on a free port, and its base URL once it says it is listening."""
    proc = subprocess.Popen(
        [bin_, "--db", db, "serve", "--addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = proc.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not found:
        proc.kill()
        sys.exit(f"FAIL: boardplan serve did not start: {line!r}")
    # Keep draining its output so that it never blocks on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, found.group(0)


def call(base, token, method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, method=method, data=body)
    req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def client(base, token, slug, actions, rng, acked, failures, stop, name):
    n = 0
    while not stop.is_set():
        action = rng.choice(actions)
        # Ids can hold characters a URL reserves (the sample has two 4.2s: "4.2#2").
        path = f"/api/v1/partnerships/{slug}/actions/{urllib.parse.quote(action, safe='')}"
        try:
            status, headers, _ = call(base, token, "GET", path)
            if status != 200:
                continue
            etag = headers.get("ETag") or headers.get("etag")
            n += 1
            narrative = f"durability {name} #{n}: posted while the server may be killed"
            body = json.dumps({"rag": rng.choice(["red", "amber", "green"]),
                               "percent": rng.randrange(0, 100), "narrative": narrative})
            status, _, answer = call(base, token, "POST", path + "/updates", body.encode(),
                                     {"If-Match": etag, "Content-Type": "application/json"})
        except (OSError, urllib.error.URLError):
            return  # the server is gone: what it acknowledged is in `acked`
        if status == 201:
            acked.append((action, json.loads(answer)["id"], narrative))
        elif status != 412:  # 412: another client changed the action first, nothing written
            failures.append(f"posting an update answered {status}: {answer[:300]!r}")
            stop.set()
            return


def trial(bin_, db, token, slug, actions, rng, number):
    proc, base = start(bin_, db)
    acked, failures, stop = [], [], threading.Event()
    threads = [threading.Thread(target=client, daemon=True,
                                args=(base, token, slug, actions, random.Random(rng.random()),
                                      acked, failures, stop, f"trial {number} client {c}"))
               for c in range(CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(rng.uniform(0.2, 2.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stop.set()
    for t in threads:
        t.join(timeout=15)
    if failures:
        sys.exit(f"FAIL: trial {number}: {failures[0]}")
    proc, base = start(bin_, db)
    try:
        for action, update, narrative in acked:
            path = (f"/api/v1/partnerships/{slug}/actions/"
                    f"{urllib.parse.quote(action, safe='')}/updates/{update}")
            status, _, body = call(base, token, "GET", path)
            if status != 200 or json.loads(body)["narrative"] != narrative:
                sys.exit(f"FAIL: trial {number}: update {update} of action {action} was "
                         f"acknowledged, but after SIGKILL it reads {status}: {body[:200]!r}")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    return len(acked)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the boardplan binary")
    ap.add_argument("--trials", type=int, default=5)
    ap.add_argument("--postgres", help="an admin URL: run on PostgreSQL instead of SQLite")
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"durability on {backend}: {args.trials} trials, seed {seed}", flush=True)

    work = tempfile.mkdtemp(prefix="boardplan-durability-")
    dropdb = None
    if args.postgres:
        name = f"bp_durability_{os.getpid()}"
        subprocess.run(["psql", args.postgres, "-qc", f"CREATE DATABASE {name}"], check=True)
        db = urllib.parse.urlsplit(args.postgres)._replace(path="/" + name).geturl()
        dropdb = ["psql", args.postgres, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"]
    else:
        db = os.path.join(work, "durability.db")
    try:
        run(args.bin, db, "import", SAMPLE)
        run(args.bin, db, "user", "add", EMAIL, "--role", "business_manager", "--name",
            "Durability", "--password-stdin", stdin=f"not typed by anyone {seed}")
        token = run(args.bin, db, "token", "create", EMAIL, "--name", "durability").split()[-1]
        proc, base = start(args.bin, db)
        try:
            _, _, body = call(base, token, "GET", "/api/v1/partnerships")
            slug = json.loads(body)["items"][0]["slug"]
            _, _, body = call(base, token, "GET",
                              f"/api/v1/partnerships/{slug}/actions?per_page=100")
            actions = [a["id"] for a in json.loads(body)["items"]]
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
        total = 0
        for number in range(1, args.trials + 1):
            total += trial(args.bin, db, token, slug, actions, rng, number)
        verify = subprocess.run([args.bin, "--db", db, "audit", "verify"],
                                capture_output=True, text=True, timeout=300)
        if verify.returncode != 0:
            sys.exit(f"FAIL: audit verify after {args.trials} kills: {verify.stdout}{verify.stderr}")
        print(f"durability on {backend}: {args.trials} SIGKILLs, {total} acknowledged updates, "
              f"none lost; audit verify passed")
    finally:
        if dropdb:
            subprocess.run(dropdb, check=False)


if __name__ == "__main__":
    main()
