"""The line chart names its lines readably, however many areas there are."""

import itertools
import re

from samverkan.core import charts


def _names(svg: str) -> list[str]:
    # Text is written as <text> elements (svg.fonttype "none"), so the names can be read back.
    return re.findall(r"<text[^>]*>([^<]+)</text>", svg)


def _series(count: int) -> dict[str, list[tuple[int, float]]]:
    return {
        f"Kommun {n}": [(year, 100.0 + n + year % 3) for year in range(2015, 2025)]
        for n in range(count)
    }


def test_a_few_areas_are_all_named_at_their_line_ends():
    series = {**_series(5), "Umeåregionen": [(2015, 101.0), (2024, 104.0)]}
    svg = charts.line_svg(series, title="Test", unit="antal")

    names = _names(svg)
    for label in series:
        assert label in names
    assert 'role="img" aria-label="Test"' in svg


def test_with_fifty_areas_only_the_emphasised_lines_are_named():
    series = {**_series(50), "Umeåregionen": [(2015, 120.0), (2024, 125.0)]}
    svg = charts.line_svg(series, title="Test", emphasised={"Kommun 7"}, region="Umeåregionen")

    names = _names(svg)
    assert "Kommun 7" in names and "Umeåregionen" in names
    assert not [n for n in names if n.startswith("Kommun ") and n != "Kommun 7"]


def test_names_of_lines_that_end_together_are_pushed_apart():
    placed = charts._spread([10.0, 10.0, 10.1, 15.0], gap=0.5)

    assert placed == [10.0, 10.5, 11.0, 15.0]
    assert all(b - a >= 0.5 for a, b in itertools.pairwise(placed))
