"""CSV downloads of public figures: one indicator's values, and one year's figures.

Semicolon-separated with a decimal comma and a byte-order mark, so that Excel with Swedish
settings opens them as columns of numbers; every row says where its value comes from.
"""

import csv
import io
import itertools
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation

from samverkan.core.spreadsheets import csv_row
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import comparison_areas
from samverkan.organisation.models import Municipality
from samverkan.transparency.licence import KOLADA_CITATION, LICENCE_NAME

DEMO_SOURCE = "Påhittat demovärde – inte Kolada"


def source_of(value: Value) -> str:
    """What to cite with a value."""
    if value.origin in (Value.Origin.KOLADA, Value.Origin.SNAPSHOT):
        return KOLADA_CITATION
    if value.origin == Value.Origin.DEMO:
        return DEMO_SOURCE
    name = value.indicator.source_name or (
        "Kolada" if value.indicator.source == Indicator.Source.KOLADA else ""
    )
    return f"Källa: {name}" if name else ""


def _decimal(value) -> str:
    return "" if value is None else format(value.normalize(), "f").replace(".", ",")


def _response(filename: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_row(header))
    writer.writerows(csv_row(row) for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = '<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"'
    response["X-Licence"] = LICENCE_NAME
    return response


# Swedish column names, spelt as the import template spells the columns they share (år,
# kön, värde); a download has more columns (area names, source) and is meant for reading,
# not for importing back. The BOM keeps å, ä and ö intact in Excel.
VALUE_HEADER = [
    "indikator",
    "indikatornamn",
    "enhet",
    "område",
    "områdesnamn",
    "år",
    "kön",
    "värde",
    "status",
    "källa",
    # For the cooperation's own value: the members of the year it is computed from.
    "omfattar_kommuner",
]


def value_rows(values, area_names: dict[str, str]):
    for v in values:
        yield [
            v.indicator.slug,
            v.indicator.title,
            v.indicator.unit,
            v.area,
            area_names.get(v.area, ""),
            v.year,
            v.gender,
            _decimal(v.value),
            v.status,
            source_of(v),
            "",
        ]


def area_names() -> dict[str, str]:
    names = dict(Municipality.objects.values_list("code", "name"))
    for code, name in comparison_areas().items():
        names.setdefault(code, name)
    return names


REGION_AREA = "region"
TWO_DECIMALS = Decimal("0.01")


def region_source(indicator: Indicator, origins: set[str]) -> str:
    """What to cite with the cooperation's own value: it is not a Kolada figure but derived
    from the members' values by the indicator's rule, from invented ones where any is a demo
    value."""
    with translation.override("sv"):
        rule = str(indicator.get_rule_display()).lower()
    if Value.Origin.DEMO in origins:
        return f"Beräknat ur påhittade demovärden, inte Kolada: {rule}"
    if origins <= {Value.Origin.KOLADA, Value.Origin.SNAPSHOT}:
        return f"Beräknat av samverkan ur Koladas värden: {rule}. {KOLADA_CITATION}"
    return f"Beräknat av samverkan ur medlemskommunernas värden: {rule}"


def region_figure(value: Decimal) -> Decimal:
    # A mean is given to two decimals, as the members' values are; a sum exactly.
    return value.quantize(TWO_DECIMALS)


def region_rows(view) -> list[list]:
    """The cooperation's own value per year, as the indicator page shows it, marked as computed."""
    rows = []
    for line in view.table:
        if line["region"] is None:
            continue
        origins = {cell.origin for cell, member in line["cells"] if cell is not None and member}
        rows.append(
            [
                view.indicator.slug,
                view.indicator.title,
                view.indicator.unit,
                REGION_AREA,
                view.region_label,
                line["year"],
                "T",
                _decimal(region_figure(line["region"])),
                "",
                region_source(view.indicator, origins),
                " ".join(line["members"]),
            ]
        )
    return rows


def values_csv(filename: str, values, extra_rows=()) -> HttpResponse:
    rows = itertools.chain(value_rows(values.iterator(), area_names()), extra_rows)
    return _response(filename, VALUE_HEADER, rows)


YEAR_HEADER = [
    "grupp",
    "gruppnamn",
    "typ",
    "verksamhetsplan_godkänd",
    "planversion",
    "mål",
    "aktiviteter",
    "verksamhetsberättelse_godtagen",
    "mål_helt_uppfyllda",
    "mål_delvis_uppfyllda",
    "mål_inte_uppfyllda",
    "aktiviteter_genomförda",
    "aktiviteter_inte_genomförda",
    "möten",
]


def year_csv(year: int, rows) -> HttpResponse:
    return _response(f"samverkan-{year}-grupper.csv", YEAR_HEADER, rows)


ADOPTION_HEADER = [
    "regionrådets sammanträde",
    "beslutets beteckning",
    "beslut",
    "kommunkod",
    "kommun",
    "läge",
    "skickat",
    "på dagordningen",
    "organ",
    "beslutsdatum",
    "diarienummer",
    "paragraf",
    "protokoll",
    "ändringar",
]


def adoption_csv(matrix) -> HttpResponse:
    """The matrix of decisions × municipalities, one row per cell (a table to filter, not a
    picture to look at). Text typed by people goes through csv_row: never a formula."""
    rows = []
    with translation.override("sv"):
        for row in matrix.rows:
            decision = row.decision
            for municipality, adoption in zip(matrix.municipalities, row.cells, strict=True):
                if adoption is None:
                    continue
                rows.append(
                    [
                        decision.meeting.date.isoformat(),
                        decision.reference,
                        decision.title,
                        municipality.code,
                        municipality.name,
                        str(adoption.get_status_display()),
                        _day(adoption.sent_on),
                        _day(adoption.agenda_on),
                        adoption.agenda_body,
                        _day(adoption.decided_on),
                        adoption.reference,
                        adoption.paragraph,
                        adoption.minutes_url,
                        adoption.changes_made,
                    ]
                )
    return _response("beslut-i-kommunerna.csv", ADOPTION_HEADER, rows)


def _day(value) -> str:
    return value.isoformat() if value else ""
