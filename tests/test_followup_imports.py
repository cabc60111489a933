"""Values entered and imported by hand: every row checked, all or nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from samverkan.core.models import AuditEntry
from samverkan.followup.models import Indicator, Value

GOOD = (
    "indikator;kommunkod;år;kön;värde\n"
    "hallbara-resor;2480;2025;T;42,5\n"
    "hallbara-resor;0024;2025;;40\n"
)


def upload(client, name, content):
    return client.post(
        reverse("followup:manage"), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_csv_import(demo_data, persona):
    response = upload(persona("secretariat"), "varden.csv", GOOD.encode("utf-8"))
    assert "2 värden nya eller ändrade" in response.content.decode()
    assert Value.objects.get(area="2480").value == 42.5
    assert Value.objects.get(area="0024").origin == "import"
    entry = AuditEntry.objects.get(action="samverkan.indicator.values_imported")
    assert entry.actor.username == "kansli"
    assert entry.changes == {"file": "varden.csv", "rows": 2, "changed": 2}


def test_bad_rows_refuse_the_whole_file(demo_data, persona):
    bad = (
        GOOD + "okand;2480;2025;T;1\nhallbara-resor;2482;2025;T;1\nhallbara-resor;2480;tjugo;T;x\n"
    )
    html = upload(persona("secretariat"), "varden.csv", bad.encode("utf-8")).content.decode()
    assert "3 rader behöver rättas" in html
    assert "Rad 4:" in html and "okänd indikator" in html
    assert "Rad 5:" in html
    assert "”2482” är varken en medlemskommun eller något av 0024, 0000" in html
    assert "Rad 6:" in html and "inte ett år" in html and "inte ett tal" in html
    assert not Value.objects.exists()  # the two good rows were not saved either
    assert not AuditEntry.objects.filter(action__startswith="samverkan.indicator.").exists()


def test_xlsx_import_and_templates(demo_data, persona):
    client = persona("secretariat")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indikator", "kommunkod", "år", "kön", "värde"])
    sheet.append(["hallbara-resor", "2403", 2024, "K", 37.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(client, "varden.xlsx", buffer.getvalue())
    assert Value.objects.get(area="2403", gender="K").value == 37
    csv_template = client.get(reverse("followup:template", args=["csv"]))
    assert csv_template.content.decode("utf-8-sig").startswith("indikator;kommunkod;år;kön;värde")
    assert client.get(reverse("followup:template", args=["xlsx"])).status_code == 200


def test_manual_value_is_saved_and_audited_with_who_entered_it(demo_data, persona):
    indicator = Indicator.objects.get(slug="hallbara-resor")
    data = {"indicator": indicator.pk, "area": "2480", "year": "2025", "gender": "T"}
    response = persona("secretariat").post(reverse("followup:manage"), data | {"value": "41,5"})
    assert response.status_code == 302
    value = Value.objects.get(indicator=indicator, area="2480", year=2025)
    assert value.value == Decimal("41.5") and value.origin == "manual"
    entry = AuditEntry.objects.get(action="samverkan.indicator.value_entered")
    assert entry.actor.username == "kansli" and entry.object_id == str(indicator.pk)
    assert entry.changes == {"area": "2480", "year": 2025, "gender": "T", "value": "41.5"}


def test_manual_value_with_a_bad_number_is_refused_at_the_field(demo_data, persona):
    indicator = Indicator.objects.get(slug="hallbara-resor")
    response = persona("secretariat").post(
        reverse("followup:manage"),
        {
            "indicator": indicator.pk,
            "area": "2480",
            "year": "2025",
            "gender": "T",
            "value": "fyrtio",
        },
    )
    assert "Ange ett tal" in response.content.decode()
    assert not Value.objects.exists()


@pytest.mark.parametrize("role", ["visitor", "group_member", "chief_executive", "council_member"])
def test_only_the_secretariat_manages_values(demo_data, persona, role):
    assert persona(role).get(reverse("followup:manage")).status_code == 403
    assert upload(persona(role), "varden.csv", GOOD.encode()).status_code == 403
    assert not Value.objects.exists()
    assert persona(role).get(reverse("council:overview")).status_code == 200
