"""Invented indicator values for the demo, so that its charts and downloads have something
to show on a machine without internet.

They are NOT Kolada's figures: every value is stored with origin "demo", and the indicator
pages, the CSV files and the API say so beside them. Real values come from kolada_sync. The
starting levels are round, plausible magnitudes; the years after follow a seeded random walk
with a gentle trend, so the same demo always shows the same numbers.
"""

import random
from decimal import Decimal

from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import values_upsert

YEARS = range(2015, 2026)
# Years before the first: walked backwards from it with a random stream of their own, so that
# the values from 2015 on stay the same whatever is added here. They reach back past 2013,
# when Örnsköldsvik joined, so the demo shows a region that grew.
EARLIER_YEARS = range(2014, 2009, -1)

# Starting level per member municipality (Nordmaling, Bjurholm, Vindeln, Robertsfors, Vännäs,
# Umeå), and the yearly drift as a share of the level.
LEVELS = {
    "invanare": ((7100, 2450, 5400, 6700, 8600, 120000), 0.004, 0),
    "valdeltagande-kommunalval": ((82, 83, 82, 84, 85, 86), 0.0, 1),
    "sjukpenningtal": ((12, 11, 13, 12, 10, 9), -0.01, 1),
    "sjalvskattad-halsa": ((68, 66, 67, 69, 71, 74), 0.003, 1),
    "vald-brott": ((700, 500, 650, 600, 640, 980), -0.01, 0),
    "hallbara-resor": ((18, 12, 15, 16, 24, 42), 0.012, 1),
    "kollektivtrafiknara": ((55, 40, 48, 52, 70, 88), 0.006, 1),
    "fornybar-fjarrvarme": ((88, 90, 85, 87, 92, 95), 0.004, 1),
    "utslapp-per-invanare": ((6.5, 9.0, 7.5, 7.0, 5.5, 3.8), -0.03, 2),
    "utslapp-totalt": ((46000, 22000, 40000, 47000, 47000, 456000), -0.025, 0),
    "nystartade-foretag": ((3.5, 3.0, 3.2, 3.4, 3.8, 5.2), 0.01, 1),
}
AREAS = ["2401", "2403", "2404", "2409", "2460", "2480"]
# Örnsköldsvik, a member from 2013: its own levels, and a random stream of its own, so that
# the six above keep their values. Kolada has figures for every municipality in every year,
# members or not; which of them count in a year's regional value is the membership's affair.
LATER_LEVELS = {
    "2284": {
        "invanare": 55000,
        "valdeltagande-kommunalval": 86,
        "sjukpenningtal": 11,
        "sjalvskattad-halsa": 70,
        "vald-brott": 690,
        "hallbara-resor": 19,
        "kollektivtrafiknara": 62,
        "fornybar-fjarrvarme": 94,
        "utslapp-per-invanare": 6.0,
        "utslapp-totalt": 330000,
        "nystartade-foretag": 3.6,
    }
}


def load_values() -> int:
    """Add the invented values where an indicator has none yet; returns how many were written."""
    rng = random.Random(2050)
    earlier = random.Random(2013)
    written = 0
    for indicator in Indicator.objects.filter(slug__in=LEVELS):
        if Value.objects.filter(indicator=indicator).exclude(origin=Value.Origin.DEMO).exists():
            continue  # real values are there: never mix invented ones in
        levels, drift, decimals = LEVELS[indicator.slug]
        rows = []
        for area, level in zip(AREAS, levels, strict=True):
            rows += _walk(indicator.kolada_kpi, area, level, drift, decimals, rng, earlier)
        for area, later in LATER_LEVELS.items():
            own = random.Random(f"{area}-{indicator.slug}")
            rows += _walk(
                indicator.kolada_kpi, area, later[indicator.slug], drift, decimals, own, own
            )
        written += values_upsert(indicator=indicator, rows=rows, origin=Value.Origin.DEMO)
    return written


def _walk(
    kpi: str,
    area: str,
    level: float,
    drift: float,
    decimals: int,
    rng: random.Random,
    earlier: random.Random,
) -> list[Row]:
    """The area's values: from `level` in the first year forwards, and backwards before it."""
    rows = []
    value = float(level)
    for year in YEARS:
        rows.append(Row(kpi, area, year, "T", _round(value, decimals), ""))
        value *= 1 + drift + rng.uniform(-0.02, 0.02)
    value = float(level)
    for year in EARLIER_YEARS:
        value /= 1 + drift + earlier.uniform(-0.02, 0.02)
        rows.append(Row(kpi, area, year, "T", _round(value, decimals), ""))
    return rows


def _round(value: float, decimals: int) -> Decimal:
    return Decimal(str(round(value, decimals)))
