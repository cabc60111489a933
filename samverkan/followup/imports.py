"""Values entered or imported by hand: one file, every row checked, all or nothing.

The columns are those of the downloadable template: indikator (the indicator's short name),
kommunkod (a member's four digits, the county's code or 0000 for the country), år, kön
(T, K or M; T when empty) and värde (a number, with a decimal comma or point).
"""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook

from samverkan.accounts import permissions
from samverkan.core.audit import audit_log
from samverkan.core.spreadsheets import ImportRefused, RowError, csv_row, read_table, xlsx_append
from samverkan.core.types import AnyUser
from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import comparison_areas, values_upsert
from samverkan.organisation.models import Municipality

COLUMNS = ["indikator", "kommunkod", "år", "kön", "värde"]


def check_rows(table: list[list[str]]) -> dict[Indicator, list[Row]]:
    """Every row checked; ImportRefused with the list of bad rows if any is wrong."""
    if not table or [c.strip().lower() for c in table[0][:5]] != COLUMNS:
        raise ImportRefused(
            [
                RowError(
                    1,
                    _("The first row must be the template's column names: %(columns)s.")
                    % {"columns": ", ".join(COLUMNS)},
                )
            ]
        )
    indicators = {i.slug: i for i in Indicator.objects.all()}
    areas = set(Municipality.objects.filter(is_member=True).values_list("code", flat=True))
    areas |= set(comparison_areas())
    errors, rows = [], {}
    seen = set()
    for number, raw in enumerate(table[1:], start=2):
        cells = [c.strip() for c in raw] + [""] * 5
        if not any(cells[:5]):
            continue
        slug, area, year, gender, value = cells[:5]
        problems = []
        indicator = indicators.get(slug)
        if indicator is None:
            problems.append(_("unknown indicator “%(slug)s”") % {"slug": slug})
        if area not in areas:
            problems.append(
                _("“%(code)s” is not a member municipality or one of %(areas)s")
                % {"code": area, "areas": ", ".join(comparison_areas())}
            )
        if not (year.isdigit() and 1950 <= int(year) <= 2100):
            problems.append(_("“%(year)s” is not a year") % {"year": year})
        gender = gender.upper() or "T"
        if gender not in {"T", "K", "M"}:
            problems.append(_("the gender must be T, K or M"))
        try:
            number_value = Decimal(value.replace(" ", "").replace("\u00a0", "").replace(",", "."))
            if not number_value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            problems.append(_("“%(value)s” is not a number") % {"value": value})
            number_value = None
        key = (slug, area, year, gender)
        if not problems and key in seen:
            problems.append(_("the same value is given twice"))
        seen.add(key)
        if problems:
            errors.append(RowError(number, "; ".join(problems)))
            continue
        rows.setdefault(indicator, []).append(
            Row(indicator.kolada_kpi or slug, area, int(year), gender, number_value, "")
        )
    if errors:
        raise ImportRefused(errors)
    return rows


def values_import(*, name: str, content: bytes, actor: AnyUser) -> int:
    """Import a file of values; nothing is saved unless every row is right. Each indicator's
    share is logged with the file's name and who imported it."""
    if not permissions.can_manage_indicators(actor):
        raise PermissionDenied
    by_indicator = check_rows(read_table(name, content))
    changed = 0
    with transaction.atomic():
        for indicator, rows in by_indicator.items():
            written = values_upsert(indicator=indicator, rows=rows, origin=Value.Origin.IMPORT)
            changed += written
            audit_log(
                action="samverkan.indicator.values_imported",
                actor=actor,
                obj=indicator,
                changes={"file": name, "rows": len(rows), "changed": written},
            )
    return changed


def _example() -> tuple[str, str]:
    """A real indicator and member of this cooperation for the template's example row."""
    slug = Indicator.objects.order_by("slug").values_list("slug", flat=True).first()
    code = (
        Municipality.objects.filter(is_member=True)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    return slug or "indikator", code or "0000"


def template_csv() -> bytes:
    slug, code = _example()
    example = [slug, code, "2025", "T", "42,5"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(csv_row(COLUMNS))
    writer.writerow(csv_row(example))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Värden"
    xlsx_append(sheet, COLUMNS)
    slug, code = _example()
    xlsx_append(sheet, [slug, code, 2025, "T", 42.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
