"""The tables that stack on a phone keep their header cells, and label every cell with its
column's header (data-label) for the narrow layout. The layout itself: test_browser_phone_tables."""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samverkan.datasets import demo_plans
from samverkan.governance.models import Adoption
from samverkan.organisation.models import Municipality
from samverkan.wordimport import services
from tests.snapshots import load_once
from tests.wordimport_fixtures import FIXTURES


def _cells(html: str, table_class: str) -> str:
    match = re.search(rf'<table class="[^"]*{table_class}[^"]*".*?</table>', html, re.S)
    assert match, table_class
    return match.group(0)


def test_the_adoption_matrix_labels_each_member_cell(demo_data):
    demo_plans.load_governance()
    table = _cells(
        Client().get(reverse("transparency:adoption_matrix")).content.decode(), "stack-narrow"
    )
    members = list(Municipality.objects.filter(is_member=True).order_by("name"))
    for m in members:
        assert f'<th scope="col" role="columnheader">{m.name}</th>' in table
        assert f'<td role="cell" data-label="{m.name}">' in table
    assert table.count('<th scope="row" role="rowheader">') == 1
    assert table.count("<td ") == len(members)


def test_the_import_batch_names_each_file_in_a_row_header(demo_data, persona):
    kansli = get_user_model().objects.get(username="kansli")
    batch = services.batch_create(
        filename="plan.docx", data=FIXTURES["plan-rubrikformat.docx"]()[0], actor=kansli
    )
    services.process_batch(batch.pk)
    html = persona("secretariat").get(reverse("wordimport:batch", args=[batch.pk])).content.decode()
    table = _cells(html, "stack-narrow")
    assert table.count('th scope="col"') == 4
    assert '<th scope="row" role="rowheader" class="file-name">plan.docx</th>' in table
    for label in ("Tolkad som", "Läge", "Nästa steg"):
        assert f'data-label="{label}"' in table


def test_the_desk_labels_each_cell_of_a_group(demo_data, persona):
    load_once("plans", demo_plans.load_plans)
    html = persona("secretariat").get(reverse("desk:year", args=[2026])).content.decode()
    table = _cells(html, "stack-narrow")
    rows = table.count('<th scope="row" role="rowheader">')
    assert rows > 10
    for label in ("Kontaktperson", "Plan", "Verksamhetsberättelse", "Väntar på"):
        assert table.count(f'data-label="{label}"') == rows
    # How many groups wait for whom reads as a count beside each, not as a run of words.
    assert re.search(r"Väntar på: gruppen \(\d+\) · ", html)


def test_the_decisions_page_labels_each_adoption_cell(demo_data, persona):
    demo_plans.load_governance()
    html = persona("secretariat").get(reverse("governance:decisions")).content.decode()
    table = _cells(html, "stack-narrow")
    # One row per member asked to adopt the demo's decision (all seven, Örnsköldsvik too).
    members = Adoption.objects.count()
    assert members == Municipality.objects.filter(is_member=True).count()
    assert table.count('<th scope="row" role="rowheader">') == members
    assert table.count('th scope="col" role="columnheader"') == 9  # with "Record"
    for label in ("Status", "Skickade", "Beslutsdatum", "Diarienummer", "Protokoll"):
        assert table.count(f'data-label="{label}"') == members, label
    assert "Sammanträde 2026-09-24 13:00, Vindeln" in html
