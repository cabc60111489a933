"""The Word import: field-level accuracy over the test fixtures, and time per file.

Every fixture in tests/wordimport_fixtures.py lists the fields the reader must get right;
this counts how many it does (aim: at least 95 %). Then it times reading each file (median
of 15) and importing it whole: upload, read, confirm into an approved plan or accepted
report in a fresh database with the Umeåregionen data set.

    .venv/bin/python bench/bench_wordimport.py
"""

import statistics
import time

import harness

harness.setup_django("wordimport")

from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.text import slugify

from samverkan.datasets import umearegionen
from samverkan.organisation.models import Group
from samverkan.wordimport import services
from samverkan.wordimport.parser import parse_docx
from tests.wordimport_fixtures import FIXTURES, matches

RUNS = 15


def main() -> None:
    translation.activate("sv")
    umearegionen.load()
    admin = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    right = total = 0
    rows = []
    for name, build in FIXTURES.items():
        data, expected = build()
        parsed = parse_docx(data, name).to_json()
        ok = sum(matches(parsed, path, wanted) for path, wanted in expected.items())
        right += ok
        total += len(expected)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            parse_docx(data, name)
            times.append((time.perf_counter() - start) * 1000)
        group = services.match_group(parsed["group"])
        if group is None:
            kind = (
                Group.Kind.NETWORK
                if parsed["kind"] == "network_report"
                else Group.Kind.WORKING_GROUP
            )
            group = Group.objects.create(
                name=parsed["group"], slug=slugify(parsed["group"]), kind=kind
            )
        start = time.perf_counter()
        batch = services.batch_create(filename=name, data=data, actor=admin)
        services.process_batch(batch.pk)
        document = batch.documents.get()
        services.document_confirm(document=document, data=document.parsed, group=group, actor=admin)
        imported = (time.perf_counter() - start) * 1000
        rows.append((name, ok, len(expected), statistics.median(times), imported))
    print("| file | fields right | read ms (median) | import ms |")
    print("|---|---:|---:|---:|")
    for name, ok, n, read, imported in rows:
        print(f"| {name} | {ok}/{n} | {read:.1f} | {imported:.1f} |")
    print()
    print(f"Field-level accuracy: {right}/{total} = {100 * right / total:.1f} %")
    print(
        f"Median read per file: {statistics.median(r[3] for r in rows):.1f} ms; "
        f"median full import per file: {statistics.median(r[4] for r in rows):.1f} ms"
    )


if __name__ == "__main__":
    main()
