"""The follow-up pages, read by everyone, signed in or not."""

import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from pypdf import PdfReader

from samverkan.council.followup_report import _figure
from samverkan.datasets import demo, demo_values
from samverkan.followup import selectors
from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Target, Value
from samverkan.followup.services import values_upsert
from samverkan.planning.models import Goal, PlanningYear
from samverkan.planning.services import plans as plan_services
from tests.planning_helpers import complete_plan, user

MEMBERS = {
    "2284": 55000,
    "2401": 7000,
    "2403": 2400,
    "2404": 5400,
    "2409": 6700,
    "2460": 8700,
    "2480": 130000,
}
# Each year Umeå grows by 100 and every other member by 5.
GROWTH = sum(100 if code == "2480" else 5 for code in MEMBERS)


@pytest.fixture
def population(umearegionen_data):
    indicator = Indicator.objects.get(kolada_kpi="N01951")
    rows = [
        Row(
            "N01951",
            code,
            year,
            "T",
            Decimal(n + (year - 2015) * (100 if code == "2480" else 5)),
            "",
        )
        for code, n in MEMBERS.items()
        for year in range(2015, 2025)
    ]
    values_upsert(indicator=indicator, rows=rows, origin="kolada")
    return indicator


def test_indicator_page_has_chart_table_and_light(population, client):
    Target.objects.create(indicator=population, year=2030, value=Decimal(230000))
    response = client.get(reverse("followup:indicator", args=["invanare"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html
    # The region is the sum of the seven members: 215 200 + 9 × 130 in 2024.
    region_2024 = sum(MEMBERS.values()) + 9 * GROWTH
    assert f"{region_2024}" in html.replace("\u00a0", "").replace(" ", "")
    # Growing 130 a year cannot reach 230 000 by 2030: the right way, too slowly.
    assert "Källa: Kolada" in html and "Risk att inte nå målet" in html


def test_table_matches_the_chart_data(population):
    view = selectors.indicator_view("invanare")
    region = dict(view.series["Umeåregionen"])
    for row in view.table:
        assert float(row["region"]) == region[row["year"]]
        for municipality, (cell, member) in zip(view.municipalities, row["cells"], strict=True):
            assert member  # the demo's members have been members all along
            assert dict(view.series[municipality.name])[row["year"]] == float(cell.value)


def test_vision_tracker_page(population, client):
    html = client.get(reverse("followup:vision")).content.decode()
    # Swedish digit grouping with a no-break space, so "250 000" never breaks over two lines.
    assert "<dd>250\u00a0000</dd>" in html and "Inv\u00e5nare 2024" in html
    assert 'href="/uppfoljning/indikatorer/invanare/"' in html


def test_vision_page_says_when_the_population_is_invented(population, client):
    url = reverse("followup:vision")
    assert "Påhittade värden" not in client.get(url).content.decode()
    Value.objects.filter(indicator=population, area="2403").update(origin=Value.Origin.DEMO)
    cache.clear()  # update() passes by the signals that clear the public pages' cache
    assert "Påhittade värden" in client.get(url).content.decode()


def test_indicator_page_groups_thousands_in_table_and_axis(population, client):
    html = client.get(reverse("followup:indicator", args=["invanare"])).content.decode()
    # Umeå's 2024 value in the table, and the axis ticks, read as Swedish writes them.
    assert "<td>130\u00a0900</td>" in html
    assert "130900<" not in html
    assert re.search(r">1[0-9]0\u00a0000<", html), "the y axis is not grouped"


def test_indicator_without_commitments_has_no_dangling_separator(population, client):
    population.commitments.clear()
    html = client.get(reverse("followup:indicator", args=["invanare"])).content.decode()
    subtitle = re.search(r"</h1>\s*<p>(.*?)</p>", html, re.S).group(1)
    assert not subtitle.rstrip().endswith("·"), subtitle
    assert "prioriterat åtagandet" not in html


def test_indicator_without_values_explains_how_to_get_them(umearegionen_data, client):
    html = client.get(reverse("followup:indicator", args=["hallbara-resor"])).content.decode()
    assert "Regional resvaneundersökning" in html
    html = client.get(reverse("followup:indicator", args=["vald-brott"])).content.decode()
    assert "kolada_sync" in html


def test_overview_lists_areas_and_indicators(umearegionen_data, client):
    html = client.get(reverse("council:overview")).content.decode()
    assert "Tillgängligt och jämställt transportsystem" in html and "N07418" in html


def test_missing_value_shows_its_status(population, client):
    Value.objects.filter(indicator=population, area="2404", year=2024).update(
        value=None, status="Missing"
    )
    html = client.get(reverse("followup:indicator", args=["invanare"])).content.decode()
    assert 'title="Missing"' in html


def test_a_goal_linked_to_an_indicator_gets_its_baseline(population):
    demo.load_people()
    demo.ensure_accounts()
    version = complete_plan()
    goal = plan_services.goal_save(
        goal=Goal(
            version=version,
            statement="Öka befolkningen",
            direction="increase",
            indicator=population,
            target_value=Decimal(170000),
        ),
        expected_lock=None,
        actor=user("medlem"),
    )
    assert goal.baseline_value == sum(MEMBERS.values()) + 9 * GROWTH
    assert goal.baseline_date.isoformat() == "2024-12-31"
    assert goal.unit == "antal" and goal.measure == "Invånare totalt"


def test_council_follow_up_downloads(population, client):
    PlanningYear.objects.create(year=2025, plans_due="2024-12-15", reports_due="2026-02-15")
    pdf = client.get(reverse("council:followup_report", args=[2025, "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Uppföljning av de prioriterade områdena 2025" in text
    assert "Medskapande och demokrati" in text
    docx = client.get(reverse("council:followup_report", args=[2025, "docx"]))
    assert Document(io.BytesIO(docx.content)).paragraphs[0].text.startswith("Uppföljning")


def test_council_follow_up_formats_figures_and_says_where_they_come_from(umearegionen_data, client):
    demo_values.load_values()
    PlanningYear.objects.create(year=2025, plans_due="2024-12-15", reports_due="2026-02-15")
    pdf = client.get(reverse("council:followup_report", args=[2025, "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = text.replace("\n", " ")
    # Read out of context, the report must itself say the figures are invented.
    assert "påhittade" in flat and "inte Koladas siffror" in flat
    # Swedish numbers with their unit, as the council quotes them: "85,5 % år 2015".
    assert re.search(r"\d+,\d %", flat), flat[:800]
    assert not re.search(r"\d\.\d{3,}", flat)  # no raw "85.4719"
    assert "Källa" in flat


def test_indicator_table_leaves_out_county_and_sweden_when_there_are_none(population, client):
    html = client.get(reverse("followup:indicator", args=["invanare"])).content.decode()
    assert "Länet" not in html and "Riket" not in html
    values_upsert(
        indicator=population,
        rows=[Row("N01951", "0024", 2024, "T", Decimal(274000), "")],
        origin="kolada",
    )
    html = client.get(reverse("followup:indicator", args=["invanare"])).content.decode()
    assert '<th scope="col">Västerbottens län</th>' in html and "Riket" not in html


def test_overview_offers_the_council_follow_up_only_for_years_that_have_begun(
    umearegionen_data, client
):
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        PlanningYear.objects.create(
            year=year, plans_due=f"{year - 1}-12-15", reports_due=f"{year + 1}-02-15"
        )
    html = client.get(reverse("council:overview")).content.decode()
    assert reverse("council:followup_report", args=[this_year, "pdf"]) in html
    assert reverse("council:followup_report", args=[this_year + 1, "pdf"]) not in html
    # Nor is it served at its address: it would carry this year's figures under next year's.
    assert (
        client.get(reverse("council:followup_report", args=[this_year + 1, "pdf"])).status_code
        == 404
    )
    assert (
        client.get(reverse("council:followup_report", args=[this_year, "pdf"])).status_code == 200
    )


def test_council_follow_up_rounds_half_up_as_the_indicator_page_does():
    mean = SimpleNamespace(rule="weighted_mean", unit="%")
    total = SimpleNamespace(rule="sum", unit="invånare")
    with translation.override("sv"):
        # number_format alone cuts 40,95 to 40,9; the page and the CSV say 41,0.
        assert _figure(Decimal("40.95"), mean) == "41,0 %"
        assert _figure(40.95, mean) == "41,0 %"
        assert _figure(Decimal("153151.5"), total) == "153\u00a0152 invånare"
