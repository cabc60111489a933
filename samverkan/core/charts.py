"""Charts drawn on the server with matplotlib: SVG for pages, PNG for PDF and Word.

Every chart is shown with its numbers beside it in a table; the chart only helps the eye.
"""

import io
from collections.abc import Set

import matplotlib
from django.utils.html import escape
from django.utils.translation import gettext as _

from samverkan.core import formats

matplotlib.use("Agg")  # no display on a server
# Text as <text> elements, not glyph outlines: the browser draws it, a reader can select
# and search it, and the SVG is smaller and quicker to make.
matplotlib.rcParams["svg.fonttype"] = "none"

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402
from matplotlib.transforms import offset_copy  # noqa: E402

# Above this many lines, only the emphasised ones are named at their end.
LABEL_ALL_UP_TO = 8
# The least distance between two line-end names, as a share of the axis height (8 pt text).
LABEL_GAP = 0.045

# Each at least 4.5:1 against white, so a line is seen without its colour being guessed.
PALETTE = ["#0b4f7c", "#3a7d44", "#8a6a00", "#9b1c1c", "#6b4e9b"]


# Met fully, partly, not at all: green, amber, red, as a reader expects; the table beside
# the chart and the labels on the bars carry the meaning for those who cannot tell them apart.
FULFILMENT_COLOURS = ["#1e7b34", "#c98a00", "#b3261e"]


def _bar_figure(
    labels: list[str], values: list[int], *, horizontal: bool, colours: list[str] | None = None
) -> Figure:
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
    emphasised: Set[str] = frozenset(),
    target: tuple[int, float] | None = None,
    unit: str = "",
    region: str = "",
) -> str:
    """Lines over the years, one per area; emphasised areas and the `region` (the label of
    the cooperation's own line) drawn thick, the rest thin.

    Readable in print: no meaning carried by colour alone (labels at line ends), a white
    background and a star for the target.
    """
    figure, axes = plt.subplots(figsize=(7.2, 3.6), dpi=110)
    region = region if region in series else ""
    drawn = {label: sorted(points) for label, points in series.items() if points}
    strong = [label for label in drawn if label in emphasised or label == region]
    # With many areas, a name at every line end piles up into an unreadable block; the thin
    # grey lines then give the spread and the table below names every area.
    labelled = set(drawn) if len(drawn) <= LABEL_ALL_UP_TO else set(strong)
    thin = [drawn[label] for label in drawn if label not in strong]
    if thin:
        # One collection instead of a line object per area: fifty areas cost one draw call.
        axes.add_collection(LineCollection(thin, colors="#8a949e", linewidths=1.0))
    for i, label in enumerate(strong):
        years, values = zip(*drawn[label], strict=True)
        axes.plot(
            years, values, color=PALETTE[i % len(PALETTE)], linewidth=2.6, marker="o", markersize=3
        )
    axes.autoscale_view()
    # Bottom to top by where each line ends, so the spread keeps the names in their order.
    names = sorted(labelled, key=lambda label: drawn[label][-1][1])
    low, high = axes.get_ylim()
    heights = _spread([drawn[label][-1][1] for label in names], gap=(high - low) * LABEL_GAP)
    beside = offset_copy(axes.transData, fig=figure, x=4, y=0, units="points")
    for label, y in zip(names, heights, strict=True):
        axes.text(drawn[label][-1][0], y, label, fontsize=8, va="center", transform=beside)
    if target:
        axes.scatter([target[0]], [target[1]], marker="*", s=120, color="#b3261e", zorder=5)
        axes.annotate(_("target"), target, textcoords="offset points", xytext=(6, 4), fontsize=8)
    axes.set_ylabel(unit, fontsize=9)
    # The axis in the page's language, grouped as the table below it: 150 000, 2,5.
    axes.yaxis.set_major_formatter(FuncFormatter(_axis_number))
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


def _axis_number(value: float, _position) -> str:
    # Tick positions are sums of floats (0.30000000000000004); six places is more than an
    # axis ever shows.
    return formats.figure(round(float(value), 6))


def _spread(heights: list[float], *, gap: float) -> list[float]:
    """Push sorted label heights apart so that no two are closer than gap.

    Lines that end near each other would otherwise print their names on top of one another;
    the names move up just enough, in order, so each still sits by its own line.
    """
    placed: list[float] = []
    for height in heights:
        placed.append(max(height, placed[-1] + gap) if placed else height)
    return placed
