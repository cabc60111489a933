"""Writes for the follow-up: bringing Kolada's values in, all or nothing per KPI."""

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from samverkan.accounts import permissions
from samverkan.core import cache
from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.followup.kolada import KoladaClient, KoladaError, Row
from samverkan.followup.kolada_files import KpiMeta, read_saved_responses
from samverkan.followup.models import Indicator, SyncRun, Value
from samverkan.organisation.models import Municipality
from samverkan.organisation.selectors import cooperation

COUNTRY = "0000"  # Kolada's id for Sweden as a whole, shown beside every cooperation


def county() -> tuple[str, str] | None:
    """The county the cooperation compares itself with, as (Kolada code, name), if any."""
    coop = cooperation()
    if coop is None or not coop.county_code:
        return None
    return coop.county_code, coop.county_name or coop.county_code


def other_comparison_areas() -> list[tuple[str, str]]:
    """The cooperation's further areas to compare with, beyond its county and Sweden."""
    coop = cooperation()
    return coop.other_comparison_area_list() if coop else []


def comparison_areas() -> dict[str, str]:
    """The areas shown beside the members for comparison: the county, if any, the
    cooperation's other comparison areas, and Sweden."""
    found = county()
    return {
        **({found[0]: found[1]} if found else {}),
        **dict(other_comparison_areas()),
        COUNTRY: "Riket",
    }


def sync_areas() -> list[str]:
    members = list(
        Municipality.objects.filter(is_member=True).order_by("code").values_list("code", flat=True)
    )
    return [*members, *comparison_areas()]


def values_upsert(*, indicator: Indicator, rows: list[Row], origin: str) -> int:
    """Insert or update the rows; returns how many were new or different.

    One INSERT ... ON CONFLICT DO UPDATE per batch, which SQLite and PostgreSQL both speak:
    building a model instance per value made a sync of half a million values nine times
    slower than the database needs. Call inside a transaction.
    """
    existing = {
        (area, year, gender): (value, status)
        for area, year, gender, value, status in Value.objects.filter(
            indicator=indicator
        ).values_list("area", "year", "gender", "value", "status")
    }
    changed = [
        row
        for row in rows
        if existing.get((row.area, row.year, row.gender)) != (_q(row.value), row.status)
    ]
    if not changed:
        return 0
    now = timezone.now()
    table = connection.ops.quote_name(Value._meta.db_table)
    sql = (
        f"INSERT INTO {table} (indicator_id, area, year, gender, value, status, origin, "
        "fetched_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (indicator_id, area, year, gender) DO UPDATE SET "
        "value = excluded.value, status = excluded.status, origin = excluded.origin, "
        "fetched_at = excluded.fetched_at"
    )
    value_field = Value._meta.get_field("value")
    with connection.cursor() as cursor:
        for start in range(0, len(changed), 5000):
            cursor.executemany(
                sql,
                [
                    (
                        indicator.pk,
                        r.area,
                        r.year,
                        r.gender,
                        connection.ops.adapt_decimalfield_value(
                            r.value, value_field.max_digits, value_field.decimal_places
                        ),
                        r.status,
                        origin,
                        now,
                    )
                    for r in changed[start : start + 5000]
                ],
            )
    # Raw SQL sends no signals: tell the public cache itself that values changed.
    cache.bump()
    return len(changed)


def value_enter(*, indicator: Indicator, row: Row, actor: AnyUser) -> int:
    """The secretariat enters one value by hand: saved and logged with who entered it."""
    if not permissions.can_manage_indicators(actor):
        raise PermissionDenied
    with transaction.atomic():
        changed = values_upsert(indicator=indicator, rows=[row], origin=Value.Origin.MANUAL)
        audit_log(
            action="samverkan.indicator.value_entered",
            actor=actor,
            obj=indicator,
            changes={
                "area": row.area,
                "year": row.year,
                "gender": row.gender,
                "value": None if row.value is None else str(row.value),
            },
        )
    return changed


def _q(value: Decimal | None) -> Decimal | None:
    # Stored with four decimals: compare like with like so an unchanged value is not "new".
    return None if value is None else value.quantize(Decimal("0.0001"))


def kolada_sync(
    *, indicator: Indicator, client: KoladaClient, from_date: str | None = None
) -> SyncRun:
    """Fetch every page first, then write in one transaction: an error leaves nothing half
    imported, and the run is recorded either way."""
    run = SyncRun(kpi=indicator.kolada_kpi, source=client.base_url)
    try:
        rows = client.values(indicator.kolada_kpi, sync_areas(), from_date=from_date)
        rows = [r for r in rows if r.kpi == indicator.kolada_kpi]
        with transaction.atomic():
            run.values_seen = len(rows)
            run.values_changed = values_upsert(indicator=indicator, rows=rows, origin="kolada")
    except KoladaError as exc:
        run.error = str(exc)
        run.save()
        raise
    run.save()
    return run


def indicator_metadata_update(*, indicator: Indicator, meta: KpiMeta) -> bool:
    """Kolada's title, unit (when its title names one) and gender flag; True if changed."""
    wanted = {"title": meta.title, "divided_by_gender": meta.divided_by_gender}
    if meta.unit:
        wanted["unit"] = meta.unit
    changed = [name for name, value in wanted.items() if getattr(indicator, name) != value]
    for name in changed:
        setattr(indicator, name, wanted[name])
    if changed:
        indicator.save(update_fields=changed)
    return bool(changed)


def kolada_sync_from_file(*, path: Path, origin: str = "kolada") -> list[SyncRun]:
    """Load saved responses, metadata and data alike: every file is read and checked before
    anything is written, then all is written in one transaction, a run recorded per KPI."""
    saved = read_saved_responses(path)
    runs = []
    with transaction.atomic():
        for indicator in Indicator.objects.filter(kolada_kpi__in=saved.kpis):
            if meta := saved.metadata.get(indicator.kolada_kpi):
                indicator_metadata_update(indicator=indicator, meta=meta)
            rows = saved.rows.get(indicator.kolada_kpi, [])
            run = SyncRun(kpi=indicator.kolada_kpi, source=str(path), values_seen=len(rows))
            run.values_changed = values_upsert(indicator=indicator, rows=rows, origin=origin)
            run.save()
            runs.append(run)
    return runs
