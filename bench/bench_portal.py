"""The public portal under load: gunicorn (configured as in production) driven by wrk.

Builds a large federation in a SQLite file (50 municipalities, 1,000 groups with approved
plans, 10,000 people, indicator values for every municipality over 20 years), serves it
with the repository's gunicorn.conf.py, and drives each page from a second process with wrk
for a fixed time. The floor is /halsa/, the health check: a Django view that returns "ok"
through the same middleware, server and workers, in the same run. Run twice: with the
public cache (as deployed) and without it (every request rendered).

    .venv/bin/python bench/bench_portal.py [seconds per page, default 10]
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import date
from decimal import Decimal
from pathlib import Path

import harness

DB_PATH = harness.setup_django("portal")

import federation
from django.db import connection

from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator
from samverkan.followup.services import values_upsert
from samverkan.organisation.models import Group, Municipality
from samverkan.planning.models import (
    Activity,
    Goal,
    OperationalPlan,
    PlanningYear,
    PlanVersion,
    Status,
)

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
CONNECTIONS = 16
# A request slower than this counts as an error (wrk's own default is 2 s).
TIMEOUT = 5
PAGES = [
    ("floor: health check", "/halsa/"),
    ("start page", "/"),
    ("group page", "/organisation/grupper/grupp-500/"),
    ("indicator page", "/uppfoljning/indikatorer/nystartade-foretag/"),
    ("API list (100 groups)", "/api/v1/groups?page_size=100"),
]


def build() -> None:
    federation.build(municipalities=50, groups=1000, people=10000)
    year, _ = PlanningYear.objects.get_or_create(
        year=2026, defaults={"plans_due": date(2025, 12, 15), "reports_due": date(2027, 2, 15)}
    )
    groups = list(Group.objects.all())
    plans = OperationalPlan.objects.bulk_create(OperationalPlan(group=g, year=year) for g in groups)
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=p,
            number=1,
            status=Status.APPROVED,
            field_of_work="Samverkan inom kollektivtrafik, bibliotek och folkhälsa.",
            purpose="Genom gemensamma tjänster bidrar vi till att utveckla regionen.",
        )
        for p in plans
    )
    Goal.objects.bulk_create(
        Goal(version=v, order=i, statement=f"Öka antalet resor med {i + 5} %.", unit="antal")
        for v in versions
        for i in range(3)
    )
    Activity.objects.bulk_create(
        Activity(version=v, order=i, what=f"Aktivitet {i}") for v in versions for i in range(4)
    )
    areas = list(Municipality.objects.values_list("code", flat=True))
    for indicator in Indicator.objects.all():
        rows = [
            Row(indicator.kolada_kpi, area, y, "T", Decimal(1000 + n * 7 + y % 13), "")
            for n, area in enumerate(areas)
            for y in range(2005, 2025)
        ]
        values_upsert(indicator=indicator, rows=rows, origin="import")


def serve(cache_seconds: int) -> subprocess.Popen:
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{DB_PATH}",
        DEBUG="0",
        SAMVERKAN_DEMO="0",
        ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        PUBLIC_CACHE_SECONDS=str(cache_seconds),
        GUNICORN_CMD_ARGS="--access-logfile /dev/null",
        LOG_LEVEL="WARNING",
    )
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "samverkan.wsgi"],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/halsa/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def load(path: str) -> dict[str, float]:
    url = f"http://127.0.0.1:{PORT}{path}"
    for _ in range(20):  # every worker renders (and may cache) the page once first
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200, (path, response.status)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            f"--timeout={TIMEOUT}s",
            "-s",
            str(ROOT / "bench/latency.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fields = dict(re.findall(r"(\w+)=(\d+)", output.split("RESULT", 1)[1]))
    seconds = int(fields["duration_us"]) / 1e6
    return {
        "rps": int(fields["requests"]) / seconds,
        "p50": int(fields["p50_us"]) / 1000,
        "p95": int(fields["p95_us"]) / 1000,
        "errors": int(fields["errors"]),
    }


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: `make bench` installs Debian's wrk.")
    build()

    connection.close()
    workers = os.environ.get("GUNICORN_WORKERS", str(os.cpu_count() * 2 + 1))
    print(f"gunicorn, {workers} workers; wrk, 2 threads, {CONNECTIONS} connections, {SECONDS} s")
    print()
    print("| cache | page | requests/s | p50 ms | p95 ms | errors | throughput vs floor |")
    print("|---|---|---:|---:|---:|---:|---:|")
    failed = False
    for label, cache_seconds in (("on", 3600), ("off", 0)):
        server = serve(cache_seconds)
        try:
            floor = None
            for name, path in PAGES:
                r = load(path)
                floor = floor or r["rps"]
                failed |= r["errors"] > 0
                print(
                    f"| {label} | {name} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
                    f"| {r['errors']} | {r['rps'] / floor:.2f} |",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait()
    if failed:
        raise SystemExit("errors under load")


if __name__ == "__main__":
    main()
