"""Operational plans: rendering one plan to PDF, and the year overview for many groups.

Reports the median time to render a full plan (Mall 1) to PDF and DOCX, beside a floor in
the same run (a one-paragraph PDF through the same ReportLab and font), and the overview's
SQL queries at 100 and 1,000 groups, which must be equal.

    .venv/bin/python bench/bench_planning.py
"""

import statistics
import time

import harness

harness.setup_django("planning")

from datetime import date
from decimal import Decimal

import federation
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samverkan.datasets import umearegionen
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Group,
    Membership,
    Municipality,
    Person,
)
from samverkan.planning.documents import plans as exports
from samverkan.planning.documents.plans import PlanDocument, pdf_from_document
from samverkan.planning.models import (
    Activity,
    Goal,
    OperationalPlan,
    PlanningYear,
    PlanVersion,
    Status,
)
from samverkan.planning.selectors import plans as selectors


def _time(fn, runs: int = 9) -> float:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _plans_for_all_groups(year: PlanningYear) -> None:
    groups = Group.objects.exclude(plans__year=year)
    plans = OperationalPlan.objects.bulk_create(OperationalPlan(group=g, year=year) for g in groups)
    PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=p,
            number=1,
            status=Status.APPROVED if i % 2 else Status.DRAFT,
            field_of_work="Verksamhet",
            purpose="Syfte",
        )
        for i, p in enumerate(plans)
    )


def _full_plan(year: PlanningYear) -> PlanVersion:
    group = Group.objects.filter(slug__startswith="grupp-").first()
    plan = (
        OperationalPlan.objects.create(group=group, year=year)
        if not group.plans.filter(year=year).exists()
        else group.plans.get(year=year)
    )
    version = plan.versions.first() or PlanVersion.objects.create(plan=plan, number=1)
    version.field_of_work = "Folkbiblioteken i regionen. " * 10
    version.purpose = "Genom gemensamma tjänster bidrar vi till att utveckla regionen. " * 4
    version.save()
    person = Membership.objects.filter(group=group).first().person
    for i in range(4):
        goal = Goal.objects.create(
            version=version,
            order=i,
            statement=f"Öka antalet lån med {i + 5} % före oktober.",
            direction="increase",
            measure="lån",
            unit="antal",
            baseline_value=Decimal(1000),
            target_value=Decimal(1100),
            deadline=date(year.year, 10, 1),
        )
        for j in range(2):
            a = Activity.objects.create(
                version=version,
                order=i * 2 + j,
                what=f"Aktivitet {i}.{j}",
                how="Tillsammans med Máret Đuolja",
                responsible=person,
                when=date(year.year, 3 + j, 1),
            )
            a.goals.set([goal])
    return selectors.version_detail(plan, version.number)


def _secretariat_user():
    umearegionen.load()
    user = get_user_model().objects.create_user("kansli", password="bench-only-password")
    person = Person.objects.create(
        first_name="Kansli",
        last_name="Chef",
        user=user,
        municipality=Municipality.objects.get(code="2480"),
    )
    BodyMembership.objects.create(
        body=Body.objects.get(kind=Body.Kind.SECRETARIAT),
        person=person,
        role=BodyMembership.Role.HEAD,
        start=date(2020, 1, 1),
    )
    return user


def main() -> None:
    client = Client()
    secretariat = Client()
    harness.sign_in(secretariat, _secretariat_user())
    year = PlanningYear.objects.create(
        year=2027, plans_due=date(2026, 12, 15), reports_due=date(2028, 2, 15)
    )
    overview = reverse("planning:year", args=[2027])
    rows = []
    for groups in (100, 1_000):
        federation.build(municipalities=50, groups=groups, people=groups * 10, seed=groups)
        _plans_for_all_groups(year)
        queries, ms = harness.measure(client, overview)
        rows.append((groups, "plans overview (visitor)", queries, ms))
        queries, ms = harness.measure(secretariat, overview)
        rows.append((groups, "plans overview (secretariat)", queries, ms))
    _floor_q, floor_ms = harness.measure(client, reverse("accounts:login"))
    print("| groups | page | queries | median ms | floor ms | ratio |")
    print("|---:|---|---:|---:|---:|---:|")
    for groups, label, queries, ms in rows:
        print(
            f"| {groups} | {label} | {queries} | {ms:.1f} | {floor_ms:.1f} | {ms / floor_ms:.1f}× |"
        )
    for label in {row[1] for row in rows}:
        if len({row[2] for row in rows if row[1] == label}) > 1:
            raise SystemExit(f"{label}: the query count grew with the number of groups")

    version = _full_plan(year)
    pdf_ms = _time(lambda: exports.render_pdf(version))
    docx_ms = _time(lambda: exports.render_docx(version))

    tiny = PlanDocument("Floor", 2027, "", "", [], "x", "", [], [], [], [], "")
    floor = _time(lambda: pdf_from_document(tiny))
    pages = exports.page_count(exports.render_pdf(version))
    print()
    print("| render | median ms | floor ms | ratio | pages |")
    print("|---|---:|---:|---:|---:|")
    print(f"| one plan to PDF | {pdf_ms:.1f} | {floor:.1f} | {pdf_ms / floor:.1f}× | {pages} |")
    print(f"| one plan to DOCX | {docx_ms:.1f} | {floor:.1f} | {docx_ms / floor:.1f}× | – |")


if __name__ == "__main__":
    main()
