"""Organisation page, group page and municipality pages on a small and a large federation.

Reports SQL queries per request (must not grow with the number of groups) and the median
render time, beside a floor measured in the same run: the bare sign-in page, which renders
a template through the same middleware with no data to fetch.

    .venv/bin/python bench/bench_organisation.py
"""

import harness

harness.setup_django("organisation")

import federation
from django.test import Client
from django.urls import reverse

from samverkan.organisation.models import Group, Municipality, Person

SIZES = [(10, 100, 1_000), (50, 1_000, 10_000)]


def main() -> None:
    client = Client()
    rows = []
    for municipalities, groups, people in SIZES:
        federation.build(municipalities=municipalities, groups=groups, people=people, seed=groups)
        counts = (Municipality.objects.count(), Group.objects.count(), Person.objects.count())
        busiest = Group.objects.filter(slug__startswith="grupp-").order_by("pk").first()
        member = Municipality.objects.filter(is_member=True).order_by("pk").first()
        _floor_q, floor_ms = harness.measure(client, reverse("accounts:login"))
        for label, url in (
            ("organisation page", reverse("organisation:chart")),
            ("group page", busiest.get_absolute_url()),
            ("all groups list", reverse("organisation:groups")),
            ("municipality page", member.get_absolute_url()),
            ("municipality list", reverse("organisation:municipalities")),
        ):
            queries, ms = harness.measure(client, url)
            rows.append((counts, label, queries, ms, floor_ms))
    print("| municipalities / groups / people | page | queries | median ms | floor ms | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for (m, g, p), label, queries, ms, floor_ms in rows:
        print(
            f"| {m} / {g} / {p} | {label} | {queries} | {ms:.1f} | {floor_ms:.1f} "
            f"| {ms / floor_ms:.1f}× |"
        )
    by_label: dict[str, set[int]] = {}
    for _counts, label, queries, _ms, _floor in rows:
        by_label.setdefault(label, set()).add(queries)
    grown = [label for label, counts in by_label.items() if len(counts) > 1]
    if grown:
        raise SystemExit(f"query count grew with the data: {grown}")
    print("\nquery counts are the same at every size")


if __name__ == "__main__":
    main()
