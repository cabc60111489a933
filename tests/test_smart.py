"""The SMART advice on a table of good and bad goals."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from samverkan.core.formats import figure as _number
from samverkan.planning import smart
from samverkan.planning.models import Goal


def letters(goal: Goal, **kwargs) -> dict[str, bool]:
    return {letter.letter: letter.met for letter in smart.check(goal, **kwargs)}


TEXT_ONLY = [
    # (goal text, expected S, M, R, T)
    ("Öka antalet lån med 10 % från 2 000 till 2 200 före oktober 2027.", True, True, True, True),
    ("Minska väntetiden från 6 till 3 dagar senast 2027-06-30.", True, True, True, True),
    ("Vi ska jobba bra tillsammans.", False, False, False, False),
    ("Öka samarbetet mellan biblioteken.", True, False, False, False),
    ("Fler ungdomar ska delta i kulturskolan.", False, False, False, False),
    ("Öka antalet deltagare till 300 under 2027.", True, False, False, True),
    ("Införa gemensam e-tjänst för bygglov före december 2027.", True, False, False, True),
]


@pytest.mark.parametrize(("text", "s", "m", "r", "t"), TEXT_ONLY)
def test_advice_from_text_alone(text, s, m, r, t):
    result = letters(Goal(statement=text), year=2027)
    assert (result["S"], result["M"], result["R"], result["T"]) == (s, m, r, t)
    assert result["A"] is False  # nothing is accepted before it is anchored


def _structured(**overrides) -> Goal:
    values = dict(
        statement="Öka antalet e-boklån",
        direction="increase",
        measure="e-boklån per år",
        unit="antal",
        baseline_value=Decimal("1000"),
        target_value=Decimal("1150"),
        deadline=date(2027, 10, 1),
    )
    values.update(overrides)
    return Goal(**values)


def test_complete_structured_goal_meets_every_letter_once_anchored():
    assert letters(_structured(), anchored=True, year=2027) == {
        "S": True,
        "M": True,
        "A": True,
        "R": True,
        "T": True,
    }


@pytest.mark.parametrize(
    ("overrides", "letter", "fragment"),
    [
        ({"statement": "Bättre e-boklån", "direction": ""}, "S", "riktning"),
        ({"unit": ""}, "M", "en enhet"),
        ({"baseline_value": None}, "M", "dagens värde"),
        ({"baseline_value": None}, "R", "saknas"),
        ({"target_value": Decimal("900")}, "R", "öka"),
        ({"direction": "decrease", "target_value": Decimal("1200")}, "R", "minska"),
        ({"target_value": Decimal("5000")}, "R", "5 gånger"),
        (
            {"unit": "%", "baseline_value": Decimal("80"), "target_value": Decimal("120")},
            "R",
            "100 %",
        ),
        ({"deadline": None}, "T", "datum"),
        ({"deadline": date(2028, 3, 1)}, "T", "utanför 2027"),
    ],
)
def test_what_is_missing_is_named_in_swedish(overrides, letter, fragment):
    result = {x.letter: x for x in smart.check(_structured(**overrides), year=2027)}
    assert result[letter].met is False
    assert fragment in result[letter].reason


def test_deadline_outside_the_year_with_a_reason_is_fine():
    goal = _structured(deadline=date(2028, 3, 1), deadline_reason="Mätningen görs i februari.")
    assert letters(goal, year=2027)["T"] is True


def test_summary_names_the_open_letters():
    assert smart.summary(smart.check(_structured(), anchored=True, year=2027)).startswith(
        "SMART: alla"
    )
    assert "A" in smart.summary(smart.check(_structured(), anchored=False, year=2027))


def test_figures_are_written_as_the_reader_writes_them():
    with translation.override("sv"):
        assert _number(Decimal("1250000.00")) == "1\u00a0250\u00a0000"
        assert _number(Decimal("12.50")) == "12,5"  # stored with two places, written as given
        assert _number(Decimal("0.125")) == "0,125"  # no written decimal is cut off
    with translation.override("en"):
        assert _number(Decimal("1250000.5")) == "1,250,000.5"
