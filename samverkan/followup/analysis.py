"""Arithmetic of the follow-up: the region's value, the traffic light and the vision tracker.

Pure functions over plain numbers, so that the rules written on the pages are exactly the
ones tested here.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

POPULATION_KPI = "N01951"


def regional_value(
    values: dict[str, Decimal | None], *, rule: str, weights: dict[str, Decimal | None]
) -> Decimal | None:
    """The cooperation's value from its members' values; None unless every member has one.

    rule "sum" adds the members (counts); "weighted_mean" weighs each member's value by its
    population (rates and shares). A region missing a member would understate the sum and
    skew the mean, so a missing member gives no regional value rather than a wrong one.
    """
    if not values or any(v is None for v in values.values()):
        return None
    present = cast(dict[str, Decimal], values)  # no None left: checked just above
    if rule == "sum":
        return sum(present.values(), Decimal(0))
    total_weight = Decimal(0)
    weighted = Decimal(0)
    for area, value in present.items():
        weight = weights.get(area)
        if weight is None:
            return None
        weighted += value * weight
        total_weight += weight
    return (weighted / total_weight) if total_weight else None


ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN = "on_track", "at_risk", "off_track", "unknown"


def traffic_light(
    *, series: list[tuple[int, Decimal]], target: Decimal, target_year: int, higher_is_better: bool
) -> str:
    """On track when the trend of the latest five years reaches the target by its year; at
    risk when it moves the right way but too slowly; off track when it moves the wrong way or
    stands still. Needs at least two years.
    """
    points = sorted(series)[-5:]
    if len(points) < 2:
        return UNKNOWN
    (first_year, first), (last_year, last) = points[0], points[-1]
    if last_year == first_year:
        return UNKNOWN
    slope = (last - first) / (last_year - first_year)
    projected = last + slope * (target_year - last_year)
    sign = 1 if higher_is_better else -1
    if sign * (projected - target) >= 0:
        return ON_TRACK
    if sign * slope > 0:
        return AT_RISK
    return OFF_TRACK


@dataclass
class VisionTrack:
    latest_year: int
    latest: int
    target: int
    target_year: int
    needed_per_year: Decimal  # growth in inhabitants per year from now on
    needed_rate: Decimal  # compound growth per year, in percent
    trend_per_year: Decimal  # mean yearly growth over the last ten years
    trend_by_target_year: int
    # Where the figures came from (kolada, snapshot, demo, manual): a page built on invented
    # figures must say so.
    origins: frozenset[str] = frozenset()


def vision_track(
    population: list[tuple[int, int]], *, target: int, target_year: int
) -> VisionTrack | None:
    """Where the region stands against the vision's population target."""
    points = sorted(population)
    if len(points) < 2:
        return None
    latest_year, latest = points[-1]
    years_left = target_year - latest_year
    window = [p for p in points if p[0] >= latest_year - 10]
    start_year, start = window[0]
    trend = Decimal(latest - start) / Decimal(latest_year - start_year)
    if years_left <= 0:
        needed, rate = Decimal(0), Decimal(0)
    else:
        needed = Decimal(target - latest) / years_left
        rate = (Decimal(target / latest) ** (Decimal(1) / years_left) - 1) * 100
    return VisionTrack(
        latest_year=latest_year,
        latest=latest,
        target=target,
        target_year=target_year,
        needed_per_year=needed.quantize(Decimal("1")),
        needed_rate=rate.quantize(Decimal("0.01")),
        trend_per_year=trend.quantize(Decimal("1")),
        trend_by_target_year=int(latest + trend * years_left),
    )
