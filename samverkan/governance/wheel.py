"""The yearly wheel drawn as SVG on the server: the twelve months as a ring, each date of the
year as a numbered mark at its day. The page shows the same dates as a numbered table beside
it; the drawing only helps the eye (and carries a text alternative of its own).
"""

import calendar
import math
from datetime import date

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from samverkan.governance.selectors import WheelDate

SIZE = 560
CENTRE = SIZE / 2
OUTER, INNER = 250, 196
# Each kind of date has its own ring inside the months, so that the eye tells them apart
# without their colour: the cycle's deadlines outermost, the council, the members' boards.
RINGS = {
    "plans_due": 170,
    "anchoring_due": 170,
    "approval": 170,
    "reports_due": 170,
    "interim_due": 170,
    "plan_review": 170,
    "council": 130,
    "board": 90,
}
# Each at least 4.5:1 against the white numerals written on them.
COLOURS = {
    "plans_due": "#0b4f7c",
    "anchoring_due": "#0b4f7c",
    "approval": "#6b4e9b",
    "reports_due": "#0b4f7c",
    "interim_due": "#0b4f7c",
    "plan_review": "#6b4e9b",
    "council": "#9b1c1c",
    "board": "#2f6b36",
}
MARK_RADIUS = 11


def _angle(day: date) -> float:
    """Radians clockwise from twelve o'clock, the year's start."""
    days = 366 if calendar.isleap(day.year) else 365
    return 2 * math.pi * (day.timetuple().tm_yday - 1) / days


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTRE + radius * math.sin(angle), CENTRE - radius * math.cos(angle)


def _sector(start: float, end: float) -> str:
    x1, y1 = _point(start, OUTER)
    x2, y2 = _point(end, OUTER)
    x3, y3 = _point(end, INNER)
    x4, y4 = _point(start, INNER)
    return (
        f"M{x1:.1f},{y1:.1f} A{OUTER},{OUTER} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{INNER},{INNER} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def wheel_svg(year: int, dates: list[WheelDate], *, today: date | None = None) -> str:
    """The SVG of `year` with `dates` numbered 1… in their order (as the table beside it)."""
    title = _("The yearly wheel %(year)s") % {"year": year}
    description = _(
        "%(n)s dates around the year; the table beside the wheel lists them with their numbers."
    ) % {"n": len(dates)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'class="wheel" role="img" aria-labelledby="wheel-title wheel-desc">',
        f'<title id="wheel-title">{escape(title)}</title>',
        f'<desc id="wheel-desc">{escape(description)}</desc>',
    ]
    for month in range(1, 13):
        start = _angle(date(year, month, 1))
        end = _angle(date(year, month + 1, 1)) if month < 12 else 2 * math.pi
        fill = "#e8eef4" if month % 2 else "#d3dfea"
        parts.append(f'<path d="{_sector(start, end)}" fill="{fill}" stroke="#ffffff"/>')
        x, y = _point((start + end) / 2, (OUTER + INNER) / 2)
        name = date_format(date(year, month, 1), "M")
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="middle" '
            f'font-size="15" fill="#1b2a38">{escape(name)}</text>'
        )
    parts.extend(
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{radius}" fill="none" '
        f'stroke="#9aa9b7" stroke-dasharray="2 4"/>'
        for radius in sorted(set(RINGS.values()))
    )
    if today is not None and today.year == year:
        x, y = _point(_angle(today), OUTER + 4)
        parts.append(
            f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}" stroke="#1b2a38" '
            f'stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{CENTRE}" y="{CENTRE + 4}" text-anchor="middle" font-size="14" '
            f'fill="#1b2a38">{escape(_("Today"))} {today.isoformat()}</text>'
        )
    else:
        parts.append(
            f'<text x="{CENTRE}" y="{CENTRE + 8}" text-anchor="middle" font-size="28" '
            f'font-weight="bold" fill="#1b2a38">{year}</text>'
        )
    # Marks on the same ring and day would hide each other: each further one steps inwards.
    taken: dict[tuple[int, int], int] = {}
    for number, item in enumerate(dates, start=1):
        radius = RINGS[item.kind]
        angle = _angle(item.day)
        slot = (radius, round(angle * 60))
        step = taken.get(slot, 0)
        taken[slot] = step + 1
        x, y = _point(angle, radius - step * (2 * MARK_RADIUS + 1))
        label = f"{number}. {item.day.isoformat()} {item.label}"
        parts.append(
            f"<g><title>{escape(label)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARK_RADIUS}" fill="{COLOURS[item.kind]}"/>'
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="central" '
            f'font-size="11" font-weight="bold" fill="#ffffff">{number}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
