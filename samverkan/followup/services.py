"""Writes for the follow-up: bringing Kolada's values in, all or nothing per KPI."""

import json
from collections import defaultdict
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from samverkan.followup.kolada import KoladaClient, KoladaError, Row, parse_values
from samverkan.followup.models import Indicator, SyncRun, Value
from samverkan.organisation.models import Municipality

COUNTY = "0024"  # Region Västerbotten, shown beside the cooperation for comparison
COUNTRY = "0000"


def sync_areas() -> list[str]:
    members = list(
        Municipality.objects.filter(is_member=True).order_by("code").values_list("code", flat=True)
    )
    return [*members, COUNTY, COUNTRY]


def values_upsert(*, indicator: Indicator, rows: list[Row], origin: str) -> int:
    """Insert or update the rows; returns how many were new or different. One transaction."""
    existing = {
        (v.area, v.year, v.gender): (v.value, v.status)
        for v in Value.objects.filter(indicator=indicator)
    }
    now = timezone.now()
    changed = [
        row
        for row in rows
        if existing.get((row.area, row.year, row.gender)) != (_q(row.value), row.status)
    ]
    if changed:
        Value.objects.bulk_create(
            [
                Value(
                    indicator=indicator,
                    area=r.area,
                    year=r.year,
                    gender=r.gender,
                    value=r.value,
                    status=r.status,
                    origin=origin,
                    fetched_at=now,
                )
                for r in changed
            ],
            update_conflicts=True,
            unique_fields=["indicator", "area", "year", "gender"],
            update_fields=["value", "status", "origin", "fetched_at"],
            batch_size=2000,
        )
    return len(changed)


def _q(value):
    # Stored with four decimals: compare like with like so an unchanged value is not "new".
    from decimal import Decimal

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


def load_saved_responses(path: Path) -> dict[str, list[Row]]:
    """Rows by KPI from one saved API response or a folder of them (*.json)."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise KoladaError(f"no JSON files in {path}")
    by_kpi: dict[str, list[Row]] = defaultdict(list)
    for file in files:
        try:
            payload = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise KoladaError(f"{file}: not a readable JSON file ({exc})") from exc
        for row in parse_values(payload):
            by_kpi[row.kpi].append(row)
    return by_kpi


def kolada_sync_from_file(*, path: Path, origin: str = "kolada") -> list[SyncRun]:
    """Load saved responses: all files are parsed before anything is written."""
    by_kpi = load_saved_responses(path)
    runs = []
    with transaction.atomic():
        for indicator in Indicator.objects.filter(kolada_kpi__in=by_kpi.keys()):
            rows = by_kpi[indicator.kolada_kpi]
            run = SyncRun(kpi=indicator.kolada_kpi, source=str(path), values_seen=len(rows))
            run.values_changed = values_upsert(indicator=indicator, rows=rows, origin=origin)
            run.save()
            runs.append(run)
    return runs
