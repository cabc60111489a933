"""CSV downloads of public figures: one indicator's values, and one year's figures.

Semicolon-separated with a decimal comma and a byte-order mark, so that Excel with Swedish
settings opens them as columns of numbers; every row says where its value comes from.
"""

import csv
import io

from django.http import HttpResponse

from samverkan.followup.models import Indicator, Value
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
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = '<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"'
    response["X-Licence"] = LICENCE_NAME
    return response


VALUE_HEADER = [
    "indikator",
    "indikatornamn",
    "enhet",
    "omrade",
    "omradesnamn",
    "ar",
    "kon",
    "varde",
    "status",
    "kalla",
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
        ]


def area_names() -> dict[str, str]:
    from samverkan.organisation.models import Municipality

    names = dict(Municipality.objects.values_list("code", "name"))
    names.setdefault("0024", "Västerbottens län")
    names.setdefault("0000", "Riket")
    return names


def values_csv(filename: str, values) -> HttpResponse:
    return _response(filename, VALUE_HEADER, value_rows(values.iterator(), area_names()))


YEAR_HEADER = [
    "grupp",
    "gruppnamn",
    "typ",
    "verksamhetsplan_godkand",
    "planversion",
    "mal",
    "aktiviteter",
    "arsberattelse_godkand",
    "mal_helt_uppfyllda",
    "mal_delvis_uppfyllda",
    "mal_inte_uppfyllda",
    "aktiviteter_genomforda",
    "aktiviteter_inte_genomforda",
    "moten",
]


def year_csv(year: int, rows) -> HttpResponse:
    return _response(f"samverkan-{year}-grupper.csv", YEAR_HEADER, rows)
