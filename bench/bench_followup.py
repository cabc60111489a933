"""The follow-up: ingesting 500,000 values from responses in Kolada's format, beside a bare
executemany insert into the same table in the same run; and the indicator page with
20 years × 300 municipalities.

    .venv/bin/python bench/bench_followup.py
"""

import time

import harness

harness.setup_django("followup")

from decimal import Decimal

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from samverkan.datasets import umearegionen
from samverkan.followup.kolada import parse_values
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import values_upsert
from samverkan.organisation.models import Municipality

AREAS, YEARS, KPIS = 500, 20, 25  # 500 × 20 × 25 × 2 genders = 500,000 values


def payload(kpi: str) -> dict:
    return {
        "values": [
            {
                "kpi": kpi,
                "municipality": f"{1000 + a:04d}",
                "period": 2005 + y,
                "values": [
                    {"gender": "T", "value": a * 1.5 + y, "status": ""},
                    {"gender": "K", "value": a * 0.7 + y, "status": ""},
                ],
            }
            for a in range(AREAS)
            for y in range(YEARS)
        ],
        "next_url": None,
    }


def main() -> None:
    umearegionen.load()
    indicators = [
        Indicator.objects.create(
            slug=f"kpi-{k}", title=f"KPI {k}", unit="antal", kolada_kpi=f"B{k:05d}"
        )
        for k in range(KPIS)
    ]
    payloads = [payload(i.kolada_kpi) for i in indicators]

    started = time.perf_counter()
    total = 0
    for indicator, body in zip(indicators, payloads, strict=True):
        rows = parse_values(body)
        with transaction.atomic():
            values_upsert(indicator=indicator, rows=rows, origin="kolada")
        total += len(rows)
    ours = time.perf_counter() - started

    table = Value._meta.db_table
    Value.objects.all().delete()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for indicator, body in zip(indicators, payloads, strict=True):
            params = [
                (
                    indicator.pk,
                    item["municipality"],
                    int(item["period"]),
                    v["gender"],
                    Decimal(str(v["value"])),
                    "",
                    "kolada",
                )
                for item in body["values"]
                for v in item["values"]
            ]
            cursor.executemany(
                f"INSERT INTO {table} (indicator_id, area, year, gender, value, status, origin) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                params,
            )
    floor = time.perf_counter() - started
    print("| ingest | values | seconds | values/s | ratio to floor |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| parse + upsert (kolada_sync's path) | {total} | {ours:.1f} | {total / ours:,.0f} "
        f"| {ours / floor:.1f}× |"
    )
    print(f"| bare executemany (floor) | {total} | {floor:.1f} | {total / floor:,.0f} | 1.0× |")

    # The indicator page: 300 member municipalities, 20 years of values.
    Municipality.objects.bulk_create(
        Municipality(code=f"{5000 + i:04d}", name=f"Kommun {i}", is_member=True) for i in range(294)
    )
    indicator = Indicator.objects.get(kolada_kpi="N00999")
    codes = list(Municipality.objects.filter(is_member=True).values_list("code", flat=True))
    Value.objects.bulk_create(
        Value(
            indicator=indicator,
            area=c,
            year=2005 + y,
            gender="T",
            value=Decimal(y + 1),
            origin="import",
        )
        for c in codes
        for y in range(YEARS)
    )
    client = Client()
    url = reverse("followup:indicator", args=[indicator.slug])
    queries, ms = harness.measure(client, url, runs=5)
    _floor_q, floor_ms = harness.measure(client, reverse("accounts:login"))
    print()
    print("| page | municipalities × years | queries | median ms | floor ms |")
    print("|---|---|---:|---:|---:|")
    print(f"| indicator page | {len(codes)} × {YEARS} | {queries} | {ms:.0f} | {floor_ms:.1f} |")


if __name__ == "__main__":
    main()
