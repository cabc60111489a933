"""Shared benchmark plumbing: a throw-away SQLite database, query counting, medians."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(db_name: str) -> Path:
    """Point Django at a fresh database file of its own and migrate it."""
    folder = Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    path = folder / f"{db_name}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SAMVERKAN_DEMO"] = "0"
    # These benchmarks measure rendering: a public page served from the cache would measure
    # the cache instead (bench_portal.py measures both, with gunicorn).
    os.environ["PUBLIC_CACHE_SECONDS"] = "0"

    django.setup()

    settings.ALLOWED_HOSTS = ["testserver"]
    # Keep one connection for the whole run, as the test client does, so that queries can be
    # counted across requests (Django would otherwise close it after every request).

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    return path


def measure(client, url: str, runs: int = 15) -> tuple[int, float]:
    """(queries per request, median milliseconds) for GET url, after one warm-up."""

    assert client.get(url).status_code == 200, url
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return len(executed), statistics.median(timings)


def sign_in(client, user) -> None:
    """Sign `user` in; the secretariat and administrators also pass their second factor, as
    they would after typing the code (the benchmark measures the pages, not the sign-in)."""
    # Imported here: Django must be set up (setup_django) before django_otp's models load.
    from tests.second_factor import second_factor_done  # noqa: PLC0415

    client.force_login(user)
    second_factor_done(client, user)
