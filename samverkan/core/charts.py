"""Charts drawn on the server with matplotlib: SVG for pages, PNG for PDF and Word.

Every chart is shown with its numbers beside it in a table; the chart only helps the eye.
"""

import io

import matplotlib
from django.utils.html import escape

matplotlib.use("Agg")  # no display on a server

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

PALETTE = ["#0b4f7c", "#3a7d44", "#c9a227", "#9b1c1c", "#6b4e9b"]


# Met fully, partly, not at all: green, amber, red, as a reader expects; the table beside
# the chart and the labels on the bars carry the meaning for those who cannot tell them apart.
FULFILMENT_COLOURS = ["#1e7b34", "#c98a00", "#b3261e"]


def _bar_figure(
    labels: list[str], values: list[int], *, horizontal: bool, colours: list[str] | None = None
) -> Figure:
    from matplotlib.ticker import MaxNLocator

    height = max(2.2, 0.38 * len(labels) + 0.8) if horizontal else 2.8
    figure, axes = plt.subplots(figsize=(6.4, height), dpi=110)
    colours = colours or [PALETTE[0]] * len(labels)
    if horizontal:
        bars = axes.barh(labels, values, color=colours)
        axes.invert_yaxis()
        axes.bar_label(bars, padding=3, fontsize=9)
        axes.set_xlim(0, max([*values, 1]) * 1.2)
    else:
        bars = axes.bar(labels, values, color=colours)
        axes.bar_label(bars, padding=3, fontsize=9)
        axes.set_ylim(0, max([*values, 1]) * 1.25)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=9)
    (axes.xaxis if horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    return figure


def bar_svg(
    labels: list[str],
    values: list[int],
    *,
    title: str,
    horizontal: bool = False,
    colours: list[str] | None = None,
) -> str:
    figure = _bar_figure(labels, values, horizontal=horizontal, colours=colours)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title})
    plt.close(figure)
    svg = buffer.getvalue()
    # Give the drawing an accessible name; the table beside it carries the numbers.
    start = svg.index("<svg")
    end = svg.index(">", start)
    return svg[start:end] + f' role="img" aria-label="{escape(title)}"' + svg[end:]


def bar_png(
    labels: list[str],
    values: list[int],
    *,
    horizontal: bool = False,
    colours: list[str] | None = None,
) -> bytes:
    figure = _bar_figure(labels, values, horizontal=horizontal, colours=colours)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150)
    plt.close(figure)
    return buffer.getvalue()


def line_svg(
    series: dict[str, list[tuple[int, float]]],
    *,
    title: str,
    emphasised: set[str] = frozenset(),
    target: tuple[int, float] | None = None,
    unit: str = "",
) -> str:
    """Lines over the years, one per area; emphasised areas drawn thick, the rest thin.

    Readable in print: no meaning carried by colour alone (labels at line ends), a white
    background and a dashed target marker.
    """
    figure, axes = plt.subplots(figsize=(7.2, 3.6), dpi=110)
    for i, (label, points) in enumerate(series.items()):
        if not points:
            continue
        years, values = zip(*sorted(points), strict=True)
        strong = label in emphasised or label == series_region_label(series)
        axes.plot(
            years,
            values,
            color=PALETTE[i % len(PALETTE)] if strong else "#8a949e",
            linewidth=2.6 if strong else 1.0,
            marker="o" if strong else None,
            markersize=3,
        )
        axes.annotate(
            label,
            (years[-1], values[-1]),
            textcoords="offset points",
            xytext=(4, 0),
            fontsize=8,
            va="center",
        )
    if target:
        axes.scatter([target[0]], [target[1]], marker="*", s=120, color="#b3261e", zorder=5)
        axes.annotate("mål", target, textcoords="offset points", xytext=(6, 4), fontsize=8)
    axes.set_ylabel(unit, fontsize=9)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title})
    plt.close(figure)
    svg = buffer.getvalue()
    start = svg.index("<svg")
    end = svg.index(">", start)
    return svg[start:end] + f' role="img" aria-label="{escape(title)}"' + svg[end:]


REGION_LABEL = "Umeåregionen"


def series_region_label(series: dict) -> str:
    return REGION_LABEL if REGION_LABEL in series else ""
