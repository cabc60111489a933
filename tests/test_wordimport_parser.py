"""Reading filled-in Mall 1 and Mall 2 Word files: fixtures as people write them, refusals,
the JSON command, and the round trip through the project's own DOCX export."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from docx import Document
from docx.oxml.ns import qn

from samverkan.core.exports import registry
from samverkan.datasets import demo, demo_plans
from samverkan.planning.models import AnnualReport, PlanVersion
from samverkan.wordimport import structure
from samverkan.wordimport.archive import entries_of
from samverkan.wordimport.parser import (
    INSTRUCTIONS,
    REPLACE_MARK,
    TITLE,
    Refused,
    _section_of,
    clean,
    parse_docx,
)
from tests.snapshots import load_once
from tests.wordimport_fixtures import FIXTURES, lookup, matches, protocol


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_each_fixture_is_read_field_by_field(name):
    data, expected = FIXTURES[name]()
    parsed = parse_docx(data, name).to_json()
    wrong = {
        path: (wanted, lookup(parsed, path))
        for path, wanted in expected.items()
        if not matches(parsed, path, wanted)
    }
    assert wrong == {}


def test_at_least_ten_varied_fixtures():
    assert len(FIXTURES) >= 10


def test_instructions_are_skipped_and_unknown_text_kept():
    parsed = parse_docx(FIXTURES["plan-fetstil-instruktioner.docx"]()[0]).to_json()
    text = json.dumps(parsed, ensure_ascii=False)
    assert "ersätt text" not in text
    assert "I denna ruta" not in text
    parsed = parse_docx(FIXTURES["plan-rutor.docx"]()[0]).to_json()
    assert "En rad som inte hör till mallen." in parsed["unparsed"]


def test_several_goals_in_one_paragraph_become_several_goals():
    parsed = parse_docx(FIXTURES["plan-fetstil-instruktioner.docx"]()[0])
    assert [g.direction for g in parsed.goals] == ["decrease", "increase"]
    assert all(g.source.startswith("Minska antalet klagomål") for g in parsed.goals)


def test_a_goal_without_target_is_flagged_uncertain():
    parsed = parse_docx(FIXTURES["plan-sidhuvud-samiska.docx"]()[0])
    assert "target" in parsed.goals[1].uncertain


def _docx(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_meeting_minutes_are_refused():
    with pytest.raises(Refused, match="Mall 1"):
        parse_docx(protocol(), "protokoll.docx")


def test_a_broken_file_is_refused():
    with pytest.raises(Refused, match="skadad"):
        parse_docx(b"PK\x03\x04 this is not a zip at all", "trasig.docx")
    with pytest.raises(Refused, match="skadad"):
        parse_docx(b"just text", "text.docx")


def test_macros_are_refused_by_name_and_by_content():
    data = FIXTURES["plan-rubrikformat.docx"]()[0]
    with pytest.raises(Refused, match="makron"):
        parse_docx(data, "plan.docm")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(Refused, match="makron"):
        parse_docx(buffer.getvalue(), "plan.docx")


def test_an_oversized_file_is_refused(settings):
    with pytest.raises(Refused, match="MB"):
        parse_docx(b"0" * (11 * 1024 * 1024), "stor.docx")


def test_the_empty_template_is_refused():
    d = Document()
    d.add_paragraph("Mall 1 - Verksamhetsplan 2013 för Umeåregionens XX-arbetsgrupp")
    with pytest.raises(Refused, match="XX"):
        parse_docx(_docx(d), "mall.docx")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_slip_is_refused_whole():
    data = _zip({"ok.docx": b"x", "../../etc/passwd.docx": b"x"})
    with pytest.raises(Refused, match="utanför"):
        entries_of("gamla.zip", data)


def test_a_zip_bomb_is_refused():
    data = _zip({"bomb.docx": b"\0" * (50 * 1024 * 1024)})
    with pytest.raises(Refused, match="zip-bomb"):
        entries_of("bomb.zip", data)


def test_a_zip_lists_its_word_files_and_skips_lock_files():
    data = _zip({"a/plan.docx": b"1", "~$plan.docx": b"2", "__MACOSX/._plan.docx": b"3"})
    assert [e.name for e in entries_of("x.zip", data)] == ["plan.docx"]


def test_the_command_prints_json_and_saves_nothing(tmp_path, capsys, db):
    (tmp_path / "plan.docx").write_bytes(FIXTURES["plan-rubrikformat.docx"]()[0])
    (tmp_path / "protokoll.docx").write_bytes(protocol())
    (tmp_path / "trasig.docx").write_bytes(b"nonsense")
    call_command(
        "import_word",
        str(tmp_path / "plan.docx"),
        str(tmp_path / "protokoll.docx"),
        str(tmp_path / "trasig.docx"),
        "--dry-run",
        "--json",
    )
    out = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in out] == ["plan.docx", "protokoll.docx", "trasig.docx"]
    plan, minutes, broken = out
    assert plan["refused"] is None
    assert plan["kind"] == "plan" and plan["year"] == 2013 and plan["group"] == "Kultur"
    assert plan["objectives"] is None  # the document says nothing: null
    assert plan["goals"][0]["target"] == "30"
    assert "Mall 1" in minutes["refused"]
    assert "skadad" in broken["refused"]
    assert not PlanVersion.objects.exists()


# --- the round trip ------------------------------------------------------------------------


def _difference(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        return [
            d
            for k in sorted(set(a) | set(b))
            for d in _difference(a.get(k), b.get(k), f"{path}.{k}")
        ]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _difference(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [(path, a, b)]


def _networks_plans_reports():
    demo.load_networks()
    demo_plans.load_plans()
    demo_plans.load_reports()


def test_every_demo_plan_and_report_survives_its_own_docx_export(demo_data):
    load_once("networks+plans+reports", _networks_plans_reports)
    versions = list(PlanVersion.objects.select_related("plan__group", "plan__year"))
    reports = list(AnnualReport.objects.select_related("group", "year"))
    assert versions and reports
    assert any(r.is_light for r in reports)
    differences = {}
    for version in versions:
        result = registry.get("plan_docx").render(version)
        parsed = parse_docx(result.content, result.filename)
        found = _difference(structure.comparable_parse(parsed), structure.of_version(version))
        if found:
            differences[str(version)] = found
    for report in reports:
        result = registry.get("report_docx").render(report)
        parsed = parse_docx(result.content, result.filename)
        found = _difference(structure.comparable_parse(parsed), structure.of_report(report))
        if found:
            differences[str(report)] = found
    assert differences == {}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _texts_of(data: bytes) -> list[tuple[str, bool]]:
    """Every non-empty line of every paragraph (text boxes included) and every table cell,
    read independently of the parser; True for a cell of a table's header row."""
    document = Document(io.BytesIO(data))
    body = document.element.body
    texts: list[tuple[str, bool]] = []
    for paragraph in body.iter(qn("w:p")):
        if paragraph.getparent().tag == qn("w:tc"):
            continue
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        texts.extend((line, False) for line in clean(text).split("\n") if line)
    for table in document.tables:
        first = [cell.text for cell in table.rows[0].cells]
        for row in table.rows:
            header = [cell.text for cell in row.cells] == first  # also when repeated
            for cell in row.cells:
                texts.extend((line, header) for line in clean(cell.text).split("\n") if line)
    return texts


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_nothing_is_dropped_silently(name):
    """Safety net: each text of the file lands in a field (or the source it was read from)
    or in the text that was not understood, unless it is the title, a heading alone on its
    line, a column header or the template's own guidance."""
    data, _expected = FIXTURES[name]()
    parsed = parse_docx(data, name)
    strings = _strings(parsed.to_json())
    dropped = []
    for text, header_cell in _texts_of(data):
        if any(text in s for s in strings):
            continue
        if REPLACE_MARK.match(text) or INSTRUCTIONS.match(text):
            continue
        _label, colon, rest = text.partition(":")
        if colon and INSTRUCTIONS.match(rest.strip()):
            continue  # "Kontaktperson för arbetsgruppen: Namn, kommun, titel, …" as in the template
        if TITLE.match(text) or (":" not in text.rstrip(":") and _section_of(text)):
            continue
        if header_cell and len(text) < 40:
            continue
        dropped.append(text)
    assert dropped == []


def test_header_rows_are_never_activities_and_headings_never_content():
    d = Document()
    d.add_heading("Verksamhetsplan 2016 för Umeåregionens Turism-arbetsgrupp", level=1)
    d.add_heading("Verksamhetsområde", level=2)
    d.add_paragraph("Besöksnäring.")
    d.add_heading("Övrigt att tänka på", level=2)
    d.add_heading("Aktiviteter", level=2)
    t = d.add_table(rows=0, cols=3)
    for row in [
        ["Aktivitet", "När", "Ansvarig"],
        ["Mässa", "maj 2016", "Eva Holm"],
        ["Aktivitet", "När", "Ansvarig"],
        ["Vad", "Tidpunkt", "Vem"],
    ]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.paragraphs[0].add_run(text).bold = row[0] == "Vad"
    parsed = parse_docx(_docx(d))
    assert [a.what for a in parsed.activities] == ["Mässa"]
    assert parsed.field_of_work == "Besöksnäring."
    assert parsed.unparsed == ["Övrigt att tänka på"]


def test_the_templates_instructions_are_ignored_in_paragraphs_and_cells():
    d = Document()
    d.add_heading("Verksamhetsplan 2016 för Umeåregionens Turism-arbetsgrupp", level=1)
    d.add_paragraph("(ersätt text) Skriv arbetsgruppens medlemmar här")
    d.add_paragraph("Skriv arbetsgruppens medlemmar här")
    d.add_heading("Verksamhetsområde", level=2)
    box = d.add_table(rows=1, cols=1)
    box.rows[0].cells[0].text = "(ersätt text) Något som mallen säger"
    d.add_paragraph("Besöksnäring.")
    d.add_heading("Aktivitetsplan", level=2)
    t = d.add_table(rows=0, cols=2)
    for row in [
        ["Aktivitet", "Ansvarig"],
        ["Mässa", "(ersätt text) Skriv vem här"],
        ["(ersätt text) Skriv aktiviteten här", ""],
    ]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    parsed = parse_docx(_docx(d))
    assert parsed.unparsed == []
    assert parsed.field_of_work == "Besöksnäring."
    assert [(a.what, a.responsible) for a in parsed.activities] == [("Mässa", None)]
    assert "ersätt" not in json.dumps(parsed.to_json(), ensure_ascii=False)
