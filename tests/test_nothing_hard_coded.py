"""Nothing cooperation-specific in the application code: names and codes come from data.

A second cooperation must be able to use samverkan without editing it, so no cooperation's
name and no municipality or county code of the shipped set-up files may appear in the code,
templates or document templates. The data sets (samverkan/datasets), migrations and the
translation catalogue are data and are not searched.
"""

import re
from pathlib import Path

import polib
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent / "samverkan"
COOPERATIONS = ROOT / "datasets" / "cooperations"
SEARCHED = {".py", ".html", ".typ", ".js", ".css", ".txt"}
SKIPPED = {"datasets", "migrations", "locale", "static/vendor"}


def _forbidden() -> list[str]:
    words: set[str] = set()
    for path in COOPERATIONS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        coop = data["cooperation"]
        words |= {coop["name"], coop.get("short_name") or coop["name"]}
        if coop.get("county"):
            words.add(coop["county"]["code"])
            words.add(coop["county"]["name"])
        words |= {m["code"] for m in data["municipalities"]}
    return sorted(w for w in words if w)


def _files():
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT).as_posix()
        if path.suffix in SEARCHED and not any(
            relative == s or relative.startswith(f"{s}/") or f"/{s}/" in f"/{relative}"
            for s in SKIPPED
        ):
            yield path


def test_the_shipped_cooperations_are_found():
    forbidden = _forbidden()
    assert {"Umeåregionen", "2480", "0024", "Exempelförbundet", "0023"} <= set(forbidden)


@pytest.mark.parametrize("word", _forbidden())
def test_no_cooperation_name_or_code_in_the_application(word):
    # A code is found as a whole number, not inside a longer one (a year, a port, a colour).
    pattern = re.compile(rf"(?<![\w#]){re.escape(word)}(?!\w)")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not found, "\n".join(found)


# The Swedish catalogue is data for every cooperation alike: a translation that names one
# cooperation's body ("Regionrådet", "Kommunchefsgruppen") is wrong for all the others, whose
# pages then name a council they do not have. Pages take the names from data instead
# (context: council_name, council_genitive; %(council)s and %(chiefs)s in labels).


def _body_names() -> set[str]:
    names: set[str] = set()
    for path in COOPERATIONS.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names |= {body["name"].lower() for body in data.get("bodies", [])}
        coop = data["cooperation"]
        names |= {coop["name"].lower(), (coop.get("short_name") or coop["name"]).lower()}
    return names


def test_no_new_translation_names_a_cooperations_body():
    names = _body_names()
    assert {"regionrådet", "förbundsfullmäktige", "styrgruppen"} <= names
    catalogue = polib.pofile(str(ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
    naming = {
        entry.msgid[:60]
        for entry in catalogue
        if not entry.obsolete
        and any(
            name in " ".join([entry.msgstr, *entry.msgstr_plural.values()]).lower()
            for name in names
        )
    }
    assert not naming, "name the body from data instead"
