"""Reads for the follow-up pages: series per area and the region, in a fixed number of
queries whatever the number of years or municipalities."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.utils.translation import gettext as _

from samverkan.followup import analysis
from samverkan.followup.models import Indicator, Target, Value
from samverkan.followup.services import COUNTRY, county, other_comparison_areas
from samverkan.organisation.models import Municipality
from samverkan.organisation.selectors import cooperation
from samverkan.strategy.models import PriorityArea
from samverkan.strategy.selectors import priority_areas


@dataclass
class IndicatorView:
    indicator: Indicator
    municipalities: list[Municipality]
    years: list[int]
    # One row per year: {"year", "cells": [(value, member that year)…], "members", "region",
    # "county", "country"}.
    table: list[dict[str, Any]]
    series: dict[str, list[tuple[int, float]]]
    emphasised: set[str]
    target: Target | None
    light: str
    gender_rows: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]]
    region_label: str = ""  # the cooperation's name, as its own line is labelled
    county_name: str = ""
    # The cooperation's further comparison areas that have values, as (code, name); each
    # row's "others" holds their values in this order.
    others: list[tuple[str, str]] = field(default_factory=list)
    latest_region: Decimal | None = None
    latest_year: int | None = None
    origins: set[str] = field(default_factory=set)
    fetched_at: object = None
    # The years the region changed: (year, names that joined, names that left), so that a jump
    # in the region's line is read as what it is.
    membership_changes: list[tuple[int, list[str], list[str]]] = field(default_factory=list)

    # A column of dashes tells a reader nothing: the county and Sweden are shown when there.
    @property
    def has_county(self) -> bool:
        return any(row["county"] is not None for row in self.table)

    @property
    def shows_non_members(self) -> bool:
        """Whether a municipality's value is shown for a year it was not a member."""
        return any(not member for row in self.table for _cell, member in row["cells"])

    @property
    def has_country(self) -> bool:
        return any(row["country"] is not None for row in self.table)


def members_in(municipalities: Iterable[Municipality], year: int) -> list[str]:
    """The codes of those of `municipalities` that were members in `year`."""
    return [m.code for m in municipalities if m.is_member_in(year)]


def population_indicator() -> Indicator | None:
    return Indicator.objects.filter(kolada_kpi=analysis.POPULATION_KPI).first()


def _population_weights() -> dict[tuple[str, int], Decimal | None]:
    return {
        (v.area, v.year): v.value
        for v in Value.objects.filter(
            indicator__kolada_kpi=analysis.POPULATION_KPI, gender="T"
        ).only("area", "year", "value")
    }


@dataclass
class RegionPoint:
    indicator: Indicator
    year: int
    value: Decimal
    origins: set[str]  # of the members' values it was computed from
    members: list[str]  # the codes of that year's members, whose values it covers


def region_points(indicators: Iterable[Indicator]) -> list[RegionPoint]:
    """The cooperation's own value per indicator and year, for many indicators at once.

    Computed as indicator_view() computes it for one indicator (the same rule, the same
    population weights), in three queries however many indicators there are.
    """
    indicators = list(indicators)
    municipalities = list(Municipality.objects.filter(is_member=True).order_by("code"))
    codes = [m.code for m in municipalities]
    members: dict[tuple[int, int], dict[str, Value]] = defaultdict(dict)
    for v in Value.objects.filter(indicator__in=indicators, area__in=codes, gender="T").only(
        "indicator_id", "area", "year", "value", "origin"
    ):
        members[(v.indicator_id, v.year)][v.area] = v
    weighted = any(i.rule == Indicator.Rule.WEIGHTED_MEAN for i in indicators)
    weights = _population_weights() if weighted else {}
    points = []
    for indicator in indicators:
        years = sorted(year for (pk, year) in members if pk == indicator.pk)
        for year in years:
            cells = members[(indicator.pk, year)]
            in_year = members_in(municipalities, year)
            value = analysis.regional_value(
                {c: getattr(cells.get(c), "value", None) for c in in_year},
                rule=indicator.rule,
                weights={c: weights.get((c, year)) for c in in_year},
            )
            if value is not None:
                origins = {cells[c].origin for c in in_year if c in cells}
                points.append(RegionPoint(indicator, year, value, origins, in_year))
    return points


def indicator_view(slug: str) -> IndicatorView:
    indicator = Indicator.objects.prefetch_related(
        "commitments__municipalities", "commitments__commitment"
    ).get(slug=slug)
    municipalities = list(Municipality.objects.filter(is_member=True).order_by("name"))
    codes = [m.code for m in municipalities]
    values = list(Value.objects.filter(indicator=indicator))
    by_key = {(v.area, v.year, v.gender): v for v in values}
    years = sorted({v.year for v in values})
    weights = _population_weights() if indicator.rule == Indicator.Rule.WEIGHTED_MEAN else {}
    coop = cooperation()
    region_label = coop.display_name if coop else str(_("The cooperation"))
    county_code, county_name = county() or ("", "")
    others = [
        (code, name)
        for code, name in other_comparison_areas()
        if any((code, year, "T") in by_key for year in years)
    ]
    region_by_year = {}
    members_by_year = {year: members_in(municipalities, year) for year in years}
    for year in years:
        in_year = members_by_year[year]
        member_values = {c: getattr(by_key.get((c, year, "T")), "value", None) for c in in_year}
        region_by_year[year] = analysis.regional_value(
            member_values,
            rule=indicator.rule,
            weights={c: weights.get((c, year)) for c in in_year},
        )
    table = [
        {
            "year": year,
            # A value of a year the municipality was not a member is shown, marked, and left
            # out of the regional value.
            "cells": [(by_key.get((c, year, "T")), c in members_by_year[year]) for c in codes],
            "members": members_by_year[year],
            "region": region_by_year[year],
            "county": by_key.get((county_code, year, "T")) if county_code else None,
            "others": [by_key.get((code, year, "T")) for code, _name in others],
            "country": by_key.get((COUNTRY, year, "T")),
        }
        for year in years
    ]
    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for m in municipalities:
        for year in years:
            v = by_key.get((m.code, year, "T"))
            if v is not None and v.value is not None:
                series[m.name].append((year, float(v.value)))
    for year, value in region_by_year.items():
        if value is not None:
            series[region_label].append((year, float(value)))
    emphasised = {m.name for pc in indicator.commitments.all() for m in pc.municipalities.all()}
    target = (
        Target.objects.filter(indicator=indicator, municipality__isnull=True)
        .order_by("year")
        .last()
    )
    region_points = [(y, v) for y, v in region_by_year.items() if v is not None]
    changes = _membership_changes(municipalities, members_by_year)
    light = analysis.UNKNOWN
    if target and region_points:
        # The trend is read over the years of today's membership only: a member joining is
        # not the region developing.
        since = changes[-1][0] if changes else None
        light = analysis.traffic_light(
            series=[(y, v) for y, v in region_points if since is None or y >= since],
            target=target.value,
            target_year=target.year,
            higher_is_better=indicator.direction == Indicator.Direction.HIGHER,
        )
    latest_year = region_points[-1][0] if region_points else (years[-1] if years else None)
    gender_rows: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]] = []
    if latest_year and any(g != "T" for (_a, _y, g) in by_key):
        for m in municipalities:
            total, women, men = (
                getattr(by_key.get((m.code, latest_year, g)), "value", None)
                for g in ("T", "K", "M")
            )
            gender_rows.append((m.name, total, women, men))
    return IndicatorView(
        indicator=indicator,
        municipalities=municipalities,
        years=years,
        table=table,
        series=dict(series),
        emphasised=emphasised,
        target=target,
        light=light,
        gender_rows=gender_rows,
        region_label=region_label,
        county_name=county_name,
        others=others,
        latest_region=region_points[-1][1] if region_points else None,
        latest_year=latest_year,
        origins={v.origin for v in values},
        fetched_at=max((v.fetched_at for v in values if v.fetched_at), default=None),
        membership_changes=changes,
    )


def _membership_changes(
    municipalities: list[Municipality], members_by_year: dict[int, list[str]]
) -> list[tuple[int, list[str], list[str]]]:
    names = {m.code: m.name for m in municipalities}
    changes = []
    years = sorted(members_by_year)
    for before, year in pairwise(years):
        was, now = set(members_by_year[before]), set(members_by_year[year])
        if was != now:
            joined = sorted(names[c] for c in now - was)
            left = sorted(names[c] for c in was - now)
            changes.append((year, joined, left))
    return changes


def indicators_by_area() -> list[PriorityArea]:
    areas = list(priority_areas().prefetch_related("commitments__indicators"))
    return areas


def vision() -> analysis.VisionTrack | None:
    coop = cooperation()
    if coop is None:
        return None
    municipalities = list(Municipality.objects.filter(is_member=True))
    codes = [m.code for m in municipalities]
    totals: dict[int, Decimal] = defaultdict(Decimal)
    counts: dict[int, int] = defaultdict(int)
    origins: set[str] = set()
    for v in Value.objects.filter(
        indicator__kolada_kpi=analysis.POPULATION_KPI,
        gender="T",
        area__in=codes,
        value__isnull=False,
    ):
        assert v.value is not None  # value__isnull=False above
        if v.area not in members_in(municipalities, v.year):
            continue
        totals[v.year] += v.value
        counts[v.year] += 1
        origins.add(v.origin)
    # Only years where every member of the year has a value: a partial sum would understate
    # the region.
    points = [
        (y, int(t)) for y, t in totals.items() if counts[y] == len(members_in(municipalities, y))
    ]
    # The trend is read over today's membership: a municipality joining is not growth.
    members_by_year = {y: members_in(municipalities, y) for y, _t in points}
    changes = _membership_changes(municipalities, members_by_year)
    if changes:
        points = [(y, t) for y, t in points if y >= changes[-1][0]]
    track = analysis.vision_track(
        points, target=coop.target_population, target_year=coop.target_year
    )
    return replace(track, origins=frozenset(origins)) if track else None


def latest_regional_value(indicator: Indicator) -> tuple[int, Decimal] | None:
    """The latest year with a regional value, for a goal's baseline."""
    view = indicator_view(indicator.slug)
    region = view.series.get(view.region_label)
    if not region:
        return None
    year, value = region[-1]
    return year, Decimal(str(value))
