"""Advice on whether a goal is SMART, letter by letter, in the words of Mall 1.

The check reads the goal's structured parts first and falls back on its text, so that a
goal written only as a sentence ("Öka antalet lån med 10 % från 2 000 till 2 200 före
oktober 2027") still gets fair advice. It is advice: it never blocks a draft.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samverkan.core.formats import figure

DIRECTION_WORDS = re.compile(
    r"\b(öka\w*|minska\w*|höja\w*|sänka\w*|halvera\w*|fördubbla\w*|förbättra\w*|"
    r"förkorta\w*|införa\w*|inför|införs|ta fram|starta\w*|etablera\w*|behålla\w*|"
    r"bibehålla\w*|upprätthålla\w*|increase\w*|decrease\w*|reduce\w*|introduce\w*|keep)\b",
    re.IGNORECASE,
)
NUMBER_WITH_UNIT = re.compile(
    r"\d[\d\s]*(?:[.,]\d+)?\s*(%|procent|st\b|stycken|antal|timmar|tim\b|dagar|veckor|"
    r"minuter|kr\b|kronor|deltagare|besök|lån|personer|träffar|ton)",
    re.IGNORECASE,
)
FROM_TO = re.compile(r"från\s+\d[\d\s]*(?:[.,]\d+)?.*?till\s+\d", re.IGNORECASE)
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
DATE_WORDS = re.compile(
    rf"(\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b(senast|före|innan|till|by|before)\s+(\d|{MONTHS})|"
    rf"\b({MONTHS})\s+\d{{4}}\b|\bunder\s+\d{{4}}\b|\bvecka\s+\d+)",
    re.IGNORECASE,
)

# Beyond these, a target is flagged as worth a second look: most yearly goals of a working
# group move a measure by tens of percent, not by multiples.
MAX_PLAUSIBLE_RATIO = Decimal("2")
MIN_PLAUSIBLE_RATIO = Decimal("0.5")


@dataclass(frozen=True)
class Letter:
    letter: str
    name: str
    met: bool
    reason: str


def check(goal, *, anchored: bool = False, year: int | None = None) -> list[Letter]:
    """Advice for `goal` (saved or not): S, M, A, R and T with met or not, and why."""
    text = goal.statement or ""
    return [
        _specific(goal, text),
        _measurable(goal, text),
        _accepted(anchored),
        _realistic(goal, text),
        _time_bound(goal, text, year),
    ]


def summary(letters: list[Letter]) -> str:
    missing = [letter.letter for letter in letters if not letter.met]
    if not missing:
        return _("SMART: all five parts are met.")
    return _("SMART: %(missing)s still to work on.") % {"missing": ", ".join(missing)}


def _specific(goal, text: str) -> Letter:
    name = _("Specific")
    if goal.direction:
        return Letter(
            "S",
            name,
            True,
            _("The goal says which way it goes: %(direction)s.")
            % {"direction": goal.get_direction_display().lower()},
        )
    if direction := DIRECTION_WORDS.search(text):
        return Letter(
            "S",
            name,
            True,
            _("The text names a direction (%(word)s).") % {"word": direction.group(0).lower()},
        )
    return Letter(
        "S",
        name,
        False,
        _("Say which way the goal goes: increase, decrease, introduce or keep something."),
    )


def _measurable(goal, text: str) -> Letter:
    name = _("Measurable")
    structured = [goal.measure, goal.unit, goal.baseline_value, goal.target_value]
    if any(part not in (None, "") for part in structured):
        missing = []
        if not goal.measure:
            missing.append(_("what is measured"))
        if not goal.unit:
            missing.append(_("a unit"))
        if goal.baseline_value is None:
            missing.append(_("today's value"))
        if goal.target_value is None:
            missing.append(_("a target value"))
        if missing:
            return Letter(
                "M",
                name,
                False,
                _("Add %(missing)s, so that change can be measured.")
                % {"missing": ", ".join(str(m) for m in missing)},
            )
        return Letter(
            "M",
            name,
            True,
            _("Measured as %(measure)s in %(unit)s, from %(base)s to %(target)s.")
            % {
                "measure": goal.measure,
                "unit": goal.unit,
                "base": figure(goal.baseline_value),
                "target": figure(goal.target_value),
            },
        )
    if FROM_TO.search(text) and NUMBER_WITH_UNIT.search(text):
        return Letter("M", name, True, _("The text gives today's value and the target."))
    if NUMBER_WITH_UNIT.search(text):
        return Letter(
            "M",
            name,
            False,
            _(
                "The text has a number, but not today's value: write “from X to Y” or fill in "
                "today's value, so that the change can be measured."
            ),
        )
    return Letter(
        "M",
        name,
        False,
        _("Give a number to measure by (%, number of, time) with today's value and the target."),
    )


def _accepted(anchored: bool) -> Letter:
    name = _("Accepted")
    if anchored:
        return Letter("A", name, True, _("Every member has anchored the plan with their manager."))
    return Letter(
        "A",
        name,
        False,
        _(
            "Not yet anchored: the goal counts as accepted when every member has anchored the plan "
            "with their nearest manager."
        ),
    )


def _realistic(goal, text: str) -> Letter:
    name = _("Realistic")
    base, target = goal.baseline_value, goal.target_value
    if base is None or target is None:
        if FROM_TO.search(text):
            return Letter(
                "R",
                name,
                True,
                _(
                    "Today's value and the target are in the text; check that the step is "
                    "realistic."
                ),
            )
        return Letter(
            "R",
            name,
            False,
            _("Today's value is missing, so nobody can judge whether the target is realistic."),
        )
    direction = goal.direction
    if direction == "increase" and target <= base:
        return Letter(
            "R",
            name,
            False,
            _("The goal is to increase, but the target is not above today's value."),
        )
    if direction == "decrease" and target >= base:
        return Letter(
            "R",
            name,
            False,
            _("The goal is to decrease, but the target is not below today's value."),
        )
    if (goal.unit or "").strip() in {"%", "procent"} and not 0 <= target <= 100:
        return Letter("R", name, False, _("A share cannot be below 0 % or above 100 %."))
    if base > 0:
        ratio = target / base
        if ratio > MAX_PLAUSIBLE_RATIO or ratio < MIN_PLAUSIBLE_RATIO:
            return Letter(
                "R",
                name,
                False,
                _(
                    "The target is %(ratio)s times today's value in one step. Is that realistic, "
                    "or should it be split into sub-goals?"
                )
                % {"ratio": figure(ratio.quantize(Decimal("0.1")))},
            )
    return Letter("R", name, True, _("The step from today's value to the target looks reasonable."))


def _time_bound(goal, text: str, year: int | None) -> Letter:
    name = _("Time-bound")
    if goal.deadline:
        if year and goal.deadline.year != year and not (goal.deadline_reason or "").strip():
            return Letter(
                "T",
                name,
                False,
                _("The deadline %(date)s is outside %(year)s; say why, or move it into the year.")
                % {"date": goal.deadline.isoformat(), "year": year},
            )
        return Letter(
            "T", name, True, _("To be reached by %(date)s.") % {"date": goal.deadline.isoformat()}
        )
    if DATE_WORDS.search(text):
        return Letter("T", name, True, _("The text says when the goal is to be reached."))
    return Letter("T", name, False, _("Set a date by which the goal is to be reached."))
