"""A cooperation compares itself with more areas than its county and Sweden when it says so:
the set-up file's comparison_areas, fetched from Kolada, shown beside the region and
downloadable."""

import csv
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from samverkan.followup import selectors
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import comparison_areas, sync_areas
from samverkan.organisation.models import Cooperation
from samverkan.setup import services as setup_services

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "samverkan"
    / "datasets"
    / "cooperations"
    / "exempelforbundet.yaml"
)


@pytest.fixture
def federation(db):
    setup_services.setup_apply(setup_services.check_file(str(EXAMPLE)), source=EXAMPLE.name)
    return Cooperation.objects.get()


def test_the_files_comparison_areas_are_fetched_and_offered(federation):
    assert federation.other_comparison_area_list() == [("0022", "Västernorrlands län")]
    assert list(comparison_areas()) == ["0023", "0022", "0000"]
    assert sync_areas()[-3:] == ["0023", "0022", "0000"]


def test_an_area_with_values_gets_its_column_and_its_csv_rows(federation):
    indicator = Indicator.objects.get(slug="invanare")
    Value.objects.bulk_create(
        Value(indicator=indicator, area=area, year=2024, gender="T", value=v, origin="kolada")
        for area, v in [("2380", 65000), ("0022", 243000), ("0023", 132000)]
    )
    view = selectors.indicator_view("invanare")
    assert view.others == [("0022", "Västernorrlands län")]
    assert [other.value for other in view.table[0]["others"]] == [243000]
    html = Client().get("/uppfoljning/indikatorer/invanare/").content.decode()
    assert '<th scope="col">Västernorrlands län</th>' in html
    text = Client().get("/oppna-data/indikatorer/invanare.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert any(row["område"] == "0022" for row in rows), rows[:3]


def test_an_area_without_values_gets_no_empty_column(federation):
    assert selectors.indicator_view("invanare").others == []


def test_a_line_that_does_not_begin_with_a_code_is_refused(federation):
    federation.other_comparison_areas = "Västernorrlands län"
    with pytest.raises(ValidationError) as exc:
        federation.full_clean()
    assert "fyrsiffriga" in str(exc.value.message_dict["other_comparison_areas"])
