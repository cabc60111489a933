"""The council's compilations for a large federation: 1,000 groups with approved plans and
accepted reports, compiled and rendered to PDF and DOCX.

Reports wall time and peak memory (resident set of this process) per step, and the desk
page's query count at 100 and 1,000 groups, which must be equal.

    .venv/bin/python bench/bench_compilation.py
"""

import resource
import time
import tracemalloc

import harness

harness.setup_django("compilation")

from datetime import date

import federation
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samverkan.council import compilations
from samverkan.council import documents as compilation_exports
from samverkan.organisation.models import Group
from samverkan.planning.models import (
    PlanningYear,
)


def _measure(label: str, fn):
    tracemalloc.start()
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {label} | {seconds:.1f} | {peak / 2**20:.0f} | {rss_mib:.0f} |")
    return result


def main() -> None:
    year = PlanningYear.objects.create(
        year=2027, plans_due=date(2026, 12, 15), reports_due=date(2028, 2, 15)
    )

    admin = get_user_model().objects.create_superuser("admin", password="bench-only-password")
    client = Client()
    harness.sign_in(client, admin)
    desk_url = reverse("desk:year", args=[2027])
    counts = []
    for groups in (100, 1_000):
        federation.build(municipalities=50, groups=groups, people=groups * 10, seed=groups)
        federation.approve_all(year)
        queries, ms = harness.measure(client, desk_url, runs=5)
        counts.append((groups, queries, ms))
    print("| groups | desk queries | desk median ms |")
    print("|---:|---:|---:|")
    for groups, queries, ms in counts:
        print(f"| {groups} | {queries} | {ms:.0f} |")
    if counts[0][1] != counts[1][1]:
        raise SystemExit("the desk's query count grew with the number of groups")
    print()
    print(f"{Group.objects.count()} groups, all with an approved plan and an accepted report")
    print()
    print("| step | seconds | Python peak MiB | process max RSS MiB |")
    print("|---|---:|---:|---:|")
    plans = _measure(
        "compile plans (queries and figures)", lambda: compilations.compile_plans(year)
    )
    _measure("plans → PDF", lambda: compilation_exports.render_pdf(plans))
    _measure("plans → DOCX", lambda: compilation_exports.render_docx(plans))
    reports = _measure("compile reports", lambda: compilations.compile_reports(year))
    _measure("reports → PDF", lambda: compilation_exports.render_pdf(reports))
    _measure("reports → DOCX", lambda: compilation_exports.render_docx(reports))
    _measure("reports → XLSX", lambda: compilation_exports.render_xlsx(reports))


if __name__ == "__main__":
    main()
