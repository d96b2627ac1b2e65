"""Serial pairs of reading an action (its ETag) and posting an update with it, on one kept
HTTP/1.1 connection, as an API client or integration does: each request's time from the
client, without a new process and TCP connection each time (curl's figure in post_pairs.sh
carries both). Standard library only.

    python3 benches/post_kept.py BASE_URL TOKEN ACTION_PATH N

prints the medians and writes nothing; exits non-zero if a post is not answered 201.
"""

import http.client
import json
import statistics
import sys
import time
from urllib.parse import urlsplit


def main() -> None:
    base, token, action, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port)
    path = f"{url.path}/actions/{action}"
    auth = {"Authorization": f"Bearer {token}"}
    body = json.dumps(
        {"rag": "amber", "percent": 40, "narrative": "Benchmark update: half the sessions delivered."}
    ).encode()
    reads, posts = [], []
    for _ in range(n):
        start = time.perf_counter()
        conn.request("GET", path, headers=auth)
        res = conn.getresponse()
        res.read()
        reads.append(time.perf_counter() - start)
        etag = res.getheader("ETag")
        headers = dict(auth, **{"If-Match": etag, "Content-Type": "application/json"})
        start = time.perf_counter()
        conn.request("POST", f"{path}/updates", body=body, headers=headers)
        res = conn.getresponse()
        res.read()
        posts.append(time.perf_counter() - start)
        if res.status != 201:
            sys.exit(f"FAIL: a post answered {res.status}")
    ms = lambda xs: f"{statistics.median(xs) * 1000:.2f}"
    print(f"kept connection: read {ms(reads)} ms, post {ms(posts)} ms (medians of {n})")


if __name__ == "__main__":
    main()
