"""How fast the wall and the feed answer, under gunicorn, compared with a bare Django view.

Run from the project root: .venv/bin/python bench/feed.py   (`make bench`; needs Debian's `wrk`,
which scripts/ensure-wrk installs, and a Redis on 127.0.0.1)

It builds a throwaway site in var/bench/ (SQLite, or BENCH_DATABASE_URL: never DATABASE_URL, so a
developer's own database is not filled with 100,000 messages), migrates it, loads the demo content,
adds 10,000 and then 100,000 approved messages, and serves it with gunicorn (2 sync workers,
production settings, Redis db 5 by default, flushed first, RECOGNITION_VERSION_MEMO_SECONDS=1 as the
README recommends for several workers, or BENCH_VERSION_MEMO_SECONDS). For each size `wrk` drives, for
BENCH_SECONDS (10) each with 2 threads and 32 connections on 127.0.0.1, in BENCH_ROUNDS (3)
rounds that take each endpoint in turn (the median is reported):

  bare      /bench/bare/: a fixed byte string, the least a Django view does (bench/feed_urls.py)
  feed 304  a station screen's poll with the current ETag in If-None-Match
  feed 200  the same poll without it
  wall      the national wall page, as an anonymous visitor

and prints requests per second, p50 and p99 latency, each rate as a ratio of the bare view's in
the same run against its target, and the database queries of one 304 poll. It is a report: it
exits 0 when targets are missed, and non-zero only when something broke.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SIZES = (10_000, 100_000)
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS, CONNECTIONS, WORKERS = 2, 32, 2
TARGETS = {"feed 304": 0.9, "feed 200": 0.7, "wall": 0.7}
SCREEN_QUERY = "?force=hertfordshire&station=hatfield"


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad_responses: int


def bench_environment(port: int) -> dict[str, str]:
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    return {
        **{key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "bench.feed_settings",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        "VAR_DIR": str(BENCH_DIR),
        "LOG_LEVEL": "WARNING",
        # One client address makes every request here: a production limit would answer 429s.
        "FEED_THROTTLE_RATE": "100000000/m",
        # Production's recommended setting with several workers (see the README): `make bench`
        # measures it; BENCH_VERSION_MEMO_SECONDS=0 measures the strict one.
        "RECOGNITION_VERSION_MEMO_SECONDS": os.environ.get("BENCH_VERSION_MEMO_SECONDS", "1"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "PYTHONPATH": str(ROOT),
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fresh_site() -> None:
    """An empty database and cache, migrated, with the demo content and collected static files."""
    import redis
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).unlink(missing_ok=True)
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    step("migrate", lambda: call_command("migrate", "--no-input", verbosity=0))
    step("seed_demo", lambda: call_command("seed_demo", verbosity=0))
    step("collectstatic", lambda: call_command("collectstatic", "--no-input", verbosity=0))


def step(name: str, action) -> None:
    started = time.monotonic()
    action()
    print(f"  {name}: {time.monotonic() - started:.1f} s", flush=True)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "cms.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - 127.0.0.1 only
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def run_wrk(url: str, headers: dict[str, str] | None = None) -> Result:
    command = ["wrk", "--latency", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{SECONDS}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Result:
    def latency(percentile: str) -> float:
        value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        bad_responses=int(bad.group(1)) if bad else 0 + (sum(map(int, errors.groups())) if errors else 0),
    )


def median_result(results: list[Result]) -> Result:
    return Result(
        requests_per_second=statistics.median(r.requests_per_second for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        bad_responses=sum(r.bad_responses for r in results),
    )


def add_messages(count: int) -> None:
    """`count` more approved messages over the seeded forces and stations, published over a year."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from recognition.api.public import public_forces
    from recognition.models import Message, MessageStatus
    from recognition.versioning import bump_wall_version

    rng = random.Random(count)  # noqa: S311 - made-up data, the same every run
    places = [(force, station) for force in public_forces() for station in [None, *force.stations.all()]]
    now = timezone.now()
    batch = []
    for n in range(count):
        force, station = rng.choice(places)
        published = now - timedelta(seconds=rng.randrange(365 * 24 * 3600))
        batch.append(
            Message(
                force=force,
                station=station,
                recipient=f"PC {rng.randrange(1000, 9999)} and the response team",
                body=f"Thank you for staying with us until help came. You were so kind. ({n})",
                from_name=rng.choice(["Sam", "A grateful neighbour", ""]),
                status=MessageStatus.APPROVED,
                decided_at=published,
                published_at=published,
            )
        )
        if len(batch) == 5000:
            Message.objects.bulk_create(batch)
            batch = []
    Message.objects.bulk_create(batch)
    bump_wall_version()


def queries_of(path: str, headers: dict[str, str]) -> tuple[int, int]:
    """Status and number of database queries of one request, made in this process against the
    same database and cache as the server."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, headers={"Host": "127.0.0.1", **headers})
    return response.status_code, len(queries)


def measure(base: str) -> tuple[dict[str, Result], int]:
    feed = f"{base}/api/v1/messages/{SCREEN_QUERY}"
    status, headers = fetch(feed)
    etag = headers["ETag"]
    checks = {
        "bare": fetch(f"{base}/bench/bare/")[0],
        "feed 304": fetch(feed, {"If-None-Match": etag})[0],
        "feed 200": status,
        "wall": fetch(f"{base}/thanks/")[0],
    }
    if checks != {"bare": 200, "feed 304": 304, "feed 200": 200, "wall": 200}:
        raise SystemExit(f"unexpected answers before measuring: {checks}")
    status_304, queries_304 = queries_of(f"/api/v1/messages/{SCREEN_QUERY}", {"If-None-Match": etag})
    if status_304 != 304:
        raise SystemExit(f"the in-process 304 check answered {status_304}")
    targets = {
        "bare": (f"{base}/bench/bare/", None),
        "feed 304": (feed, {"If-None-Match": etag}),
        "feed 200": (feed, None),
        "wall": (f"{base}/thanks/", None),
    }
    # Rounds, each endpoint in turn: whatever else the machine is doing falls on all of them alike.
    rounds = {name: [] for name in targets}
    for _round in range(ROUNDS):
        for name, (url, headers) in targets.items():
            rounds[name].append(run_wrk(url, headers))
    results = {name: median_result(measured) for name, measured in rounds.items()}
    return results, queries_304


def report(size: int, results: dict[str, Result], queries_304: int) -> None:
    bare = results["bare"].requests_per_second
    print(
        f"\n{size:,} approved messages ({WORKERS} gunicorn workers; wrk {THREADS} threads, {CONNECTIONS} "
        f"connections, {SECONDS} s per endpoint per round; median of {ROUNDS} rounds; "
        f"version memo {os.environ['RECOGNITION_VERSION_MEMO_SECONDS']} s)"
    )
    print(f"  {'endpoint':<10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'ratio':>8}{'target':>8}  verdict")
    for name, result in results.items():
        ratio = result.requests_per_second / bare
        target = TARGETS.get(name)
        verdict = "" if target is None else ("PASS" if ratio >= target else "FAIL")
        if result.bad_responses:
            verdict += f" ({result.bad_responses} bad responses)"
        print(
            f"  {name:<10}{result.requests_per_second:>10.0f}{result.p50_ms:>9.2f}{result.p99_ms:>9.2f}"
            f"{ratio:>8.2f}{'' if target is None else f'≥ {target}':>8}  {verdict}"
        )
    print(f"  queries on one 304 poll: {queries_304} ({'PASS' if queries_304 == 0 else 'FAIL'})")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run scripts/ensure-wrk (or `make bench`).")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = bench_environment(port)
    setup_django(env)
    print("Preparing a throwaway site in var/bench/", flush=True)
    fresh_site()
    server = start_server(env, port)
    try:
        added = 0
        for size in SIZES:
            step(f"add {size - added:,} messages", lambda size=size, added=added: add_messages(size - added))
            added = size
            report(size, *measure(f"http://127.0.0.1:{port}"))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
