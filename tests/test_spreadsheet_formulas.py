"""No CSV or XLSX the project writes carries a formula: text typed by people that begins
like one (=, +, -, @, a tab or a carriage return) is written so that Excel and LibreOffice
show it as text, and numbers stay numbers (OWASP's rule against CSV injection)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.core.spreadsheets import FORMULA_START, csv_cell
from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import values_upsert
from samverkan.organisation.models import Group, Municipality
from samverkan.planning.models import Goal
from tests.transparency_helpers import load_portal

FORMULA = '=HYPERLINK("http://x","y")'


def plant_formulas(group_slug: str) -> int:
    """A group whose name, and its plans' goals if it has any, begin like a formula."""
    assert Group.objects.filter(slug=group_slug).update(name=FORMULA)
    return Goal.objects.filter(version__plan__group__slug=group_slug).update(statement=FORMULA)


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def starts_like_a_formula(cell: str) -> bool:
    # A negative number with a decimal comma is a number, not a formula.
    return cell.startswith(FORMULA_START) and not re.fullmatch(r"-\d+(,\d+)?", cell)


@pytest.fixture
def portal(demo_data):
    load_portal()


def test_group_and_value_csvs_write_formula_like_text_as_text(portal):
    assert plant_formulas("infra-kommunikation")
    Indicator.objects.filter(slug="sjukpenningtal").update(title=FORMULA, unit="+/- dagar")
    indicator = Indicator.objects.get(slug="sjukpenningtal")
    values_upsert(
        indicator=indicator,
        rows=[Row("N00967", "0024", 2024, "T", Decimal("-3.5"), "")],
        origin="kolada",
    )

    groups = read_csv(Client().get("/oppna-data/2025/grupper.csv"))
    infra = next(row for row in groups if row[0] == "infra-kommunikation")
    assert infra[1] == "'" + FORMULA
    assert infra[5] == "2"  # the number of goals is a number still

    for address in (
        "/oppna-data/2024/indikatorer.csv",
        "/oppna-data/indikatorer/sjukpenningtal.csv",
    ):
        rows = read_csv(Client().get(address))
        county = next(
            r for r in rows if r[0] == "sjukpenningtal" and r[3] == "0024" and r[5] == "2024"
        )
        assert county[1] == "'" + FORMULA and county[2] == "'+/- dagar"
        assert county[7] == "-3,5"  # a negative number is not text
        for row in rows + groups:
            assert not any(starts_like_a_formula(cell) for cell in row), row


def test_compilation_xlsx_stores_formula_like_text_as_text(portal, persona):
    plant_formulas("arkivnatverket")  # a network: named in the compilation's network sheet
    url = reverse("desk:compilation_download", args=[2025, "berattelser", "xlsx"])
    response = persona("secretariat").get(url)
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    named = [c for c in cells if c.value == FORMULA]
    assert named and all(c.data_type == "s" and c.quotePrefix for c in named)
    meetings = workbook["Nätverk"]
    network = next(row for row in meetings.iter_rows() if row[0].value == FORMULA)
    assert network[1].value == 4 and network[1].data_type == "n"  # numbers stay numbers


def test_the_import_templates_carry_no_formula_and_read_back(demo_data, persona):
    client = persona("secretariat")
    for kind in ("csv", "xlsx"):
        template = client.get(reverse("followup:template", args=[kind])).content
        if kind == "xlsx":
            sheet = load_workbook(io.BytesIO(template)).active
            assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        Value.objects.all().delete()
        client.post(
            reverse("followup:manage"),
            {"file": SimpleUploadedFile(f"mall.{kind}", template)},
        )
        # The example row names this cooperation's first indicator and first member.
        first = Municipality.objects.filter(is_member=True).order_by("code").first()
        assert Value.objects.get(area=first.code, year=2025).value == Decimal("42.5"), kind


@pytest.mark.parametrize(
    "cell, written",
    [
        (FORMULA, "'" + FORMULA),
        ("+46 90 16 10 00", "'+46 90 16 10 00"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Bibliotek", "Bibliotek"),
        ("-3,5", "-3,5"),  # a number with a decimal comma, as the downloads write them
        ("-12", "-12"),
        (-3.5, -3.5),
        (Decimal("-3.5"), Decimal("-3.5")),
        (2025, 2025),
        ("", ""),
    ],
)
def test_only_text_that_begins_like_a_formula_is_quoted(cell, written):
    assert csv_cell(cell) == written
