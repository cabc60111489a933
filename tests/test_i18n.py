"""The Swedish catalogue is complete, compiled, and matches the code's strings."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "samverkan"
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_every_message_has_a_swedish_translation():
    po = polib.pofile(str(PO))
    missing = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_compiled_catalogue_matches_the_source_catalogue():
    po = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.pofile(str(PO))}
    mo = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in polib.mofile(str(MO))}
    assert po == mo, "run `make messages` to recompile django.mo"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogue_has_every_string_in_the_code(tmp_path):
    """Extract the strings afresh; a string that is in the code but not the catalogue fails."""
    copy = tmp_path / "samverkan"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "samverkan",
            "makemessages",
            "-l",
            "sv",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {_key(e) for e in polib.pofile(str(copy / PO.relative_to(PACKAGE)))}
    committed = {_key(e) for e in polib.pofile(str(PO))}
    assert fresh - committed == set(), "new strings: run `make messages` and translate them"
    assert committed - fresh == set(), "stale strings: run `make messages`"


def test_translations_keep_every_placeholder():
    pattern = re.compile(r"%\(\w+\)s")
    for entry in polib.pofile(str(PO)):
        wanted = set(pattern.findall(entry.msgid))
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert set(pattern.findall(text)) == wanted, entry.msgid
