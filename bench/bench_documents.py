"""The document engine: the 1,000-group compilations of plans and of reports to PDF with
Typst (tagged PDF/UA-1), and one plan to PDF. (The comparison with the ReportLab code the
project used before is in docs/benchmarks.md; that code was removed after it was measured:
`git log -- bench/legacy_reportlab.py`.)

Each rendering runs in a forked child process, so that its peak resident set (max RSS, from
wait4) is its own; the baseline is the parent's RSS with the federation compiled in memory.

    .venv/bin/python bench/bench_documents.py
"""

import os
import pickle
import resource
import statistics
import time

import harness

harness.setup_django("documents")

from datetime import date

import federation
from django.db import connection
from django.utils import translation

from samverkan.council import compilations
from samverkan.council import documents as compilation_exports
from samverkan.organisation.models import Group
from samverkan.planning.documents import plans as plan_exports
from samverkan.planning.models import PlanningYear, PlanVersion
from samverkan.planning.selectors import plans as selectors


def _in_child(fn, runs: int) -> tuple[float, float, int]:
    """(median seconds, max RSS MiB, pages) of fn() run `runs` times in a forked child."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        timings, pages = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            content = fn()
            timings.append(time.perf_counter() - started)
            pages = plan_exports.page_count(content)
        with os.fdopen(write, "wb") as out:
            pickle.dump((statistics.median(timings), pages), out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        median, pages = pickle.load(source)
    _pid, _status, usage = os.wait4(pid, 0)
    return median, usage.ru_maxrss / 1024, pages


def _count_queries(fn):
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = fn()
    return result, len(executed)


def _median_ms(fn, runs: int) -> float:
    fn()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    translation.activate("sv")
    year = PlanningYear.objects.create(
        year=2027, plans_due=date(2026, 12, 15), reports_due=date(2028, 2, 15)
    )
    federation.build(municipalities=50, groups=1_000, people=10_000, seed=1_000)
    federation.approve_all(year)
    plans, plan_queries = _count_queries(lambda: compilations.compile_plans(year))
    reports, report_queries = _count_queries(lambda: compilations.compile_reports(year))
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{Group.objects.count()} groups; compiling read {plan_queries} queries (plans) and "
        f"{report_queries} (reports); parent's RSS with both in memory {baseline:.0f} MiB"
    )
    print()
    print("| document | engine | runs | median s | max RSS MiB | pages |")
    print("|---|---|---:|---:|---:|---:|")
    for label, compilation in (("plans", plans), ("reports", reports)):
        typst_s, typst_rss, typst_pages = _in_child(
            lambda c=compilation: compilation_exports.render_pdf(c), runs=3
        )
        print(
            f"| compilation of {label}, 1,000 groups | Typst (PDF/UA-1) | 3 | {typst_s:.2f} | "
            f"{typst_rss:.0f} | {typst_pages} |"
        )

    version = (
        PlanVersion.objects.filter(plan__group__name="Bibliotek").first()
        or PlanVersion.objects.first()
    )
    assert version is not None
    version = selectors.loaded_version(version)
    document = plan_exports.build_document(version, public=True)
    typst_ms = _median_ms(lambda: plan_exports.pdf_from_document(document), runs=50)
    full_ms = _median_ms(
        lambda: plan_exports.render_pdf(PlanVersion.objects.get(pk=version.pk), public=True),
        runs=50,
    )
    _doc, plan_doc_queries = _count_queries(
        lambda: plan_exports.build_document(PlanVersion.objects.get(pk=version.pk), public=True)
    )
    print()
    print("| one plan to PDF | median ms |")
    print("|---|---:|")
    print(f"| Typst, from the document model | {typst_ms:.1f} |")
    print(f"| Typst, with reading the plan ({plan_doc_queries} queries) | {full_ms:.1f} |")


if __name__ == "__main__":
    main()
