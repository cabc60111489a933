# ruff: noqa: E501 -- the fixtures are Word text, one paragraph a line
"""Filled-in Mall 1 and Mall 2 files as people really write them, built with python-docx.

Each fixture is (file name, bytes, expected): `expected` lists the fields the reader must get
right, as dotted paths into the parsed JSON, so the tests and bench/bench_wordimport.py count
the same things.
"""

import io
from collections.abc import Callable

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

NBSP = "\u00a0"


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bold(document, text: str):
    document.add_paragraph().add_run(text).bold = True


def _heading(document, text: str, *, style: bool):
    if style:
        document.add_heading(text, level=2)
    else:
        _bold(document, text)


def plan_heading_styles() -> tuple[bytes, dict]:
    d = Document()
    d.add_heading("Verksamhetsplan 2013 för Umeåregionens Kultur-arbetsgrupp", level=1)
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Anna Berg, Umeå, kulturchef, 090-16 10 00, "
        "anna.berg@umea.se"
    )
    d.add_paragraph(
        "Arbetsgruppens medlemmar: Per Lind, Vännäs, kultursekreterare, 0935-140 00, "
        "per.lind@vannas.se; Sara Öberg, Robertsfors, fritidschef, 0934-140 00, "
        "sara.oberg@robertsfors.se"
    )
    d.add_heading("Verksamhetsområde", level=2)
    d.add_paragraph("Kultur och fritid i de sex kommunerna.")
    d.add_heading("Avsikt/Syfte", level=2)
    d.add_paragraph("Genom gemensamma arrangemang bidrar vi till att utveckla regionen.")
    d.add_heading("Mål 2013", level=2)
    d.add_paragraph(
        "1. Öka antalet deltagare i kulturskolan från 12 till 30 deltagare senast oktober 2013."
    )
    d.add_heading("Aktivitetsplan 2013", level=2)
    t = d.add_table(rows=1, cols=4)
    for cell, text in zip(
        t.rows[0].cells, ["Aktivitet", "När", "Ansvarig", "Genomfört"], strict=True
    ):
        cell.text = text
    for row in [
        ["Gemensam kulturvecka", "2013-05-15", "Anna Berg", "Ja"],
        ["Utbildningsdag för ledare", "september 2013", "Per Lind", ""],
    ]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    d.add_heading("Prioriterade områden", level=2)
    d.add_paragraph("Kultur och fritid: 3.2", style="List Bullet")
    expected = {
        "kind": "plan",
        "year": 2013,
        "group": "Kultur",
        "contact.name": "Anna Berg",
        "contact.email": "anna.berg@umea.se",
        "contact.phone": "090-16 10 00",
        "members.1.name": "Sara Öberg",
        "members.1.municipality": "Robertsfors",
        "field_of_work": "Kultur och fritid i de sex kommunerna.",
        "goals.0.baseline": "12",
        "goals.0.target": "30",
        "goals.0.unit": "deltagare",
        "goals.0.deadline": "2013-10-31",
        "goals.0.direction": "increase",
        "activities.0.what": "Gemensam kulturvecka",
        "activities.0.when": "2013-05-15",
        "activities.0.responsible": "Anna Berg",
        "activities.0.done": "done",
        "activities.1.when": "2013-09-30",
        "priorities.0.code": "3.2",
    }
    return _save(d), expected


def plan_bold_headings_with_instructions() -> tuple[bytes, dict]:
    d = Document()
    _bold(d, f"Mall 1 – Verksamhetsplan{NBSP}2014 för Umeåregionens Miljö-arbetsgrupp")
    d.add_paragraph("Kontaktperson för arbetsgruppen: Namn, kommun, titel, telefon, e-post")
    d.add_paragraph(
        f"Kontaktperson för arbetsgruppen: Jon{NBSP}Åhrén, Vindeln, miljöchef, 0933-140{NBSP}00, "
        "jon.ahren@vindeln.se"
    )
    _bold(d, "Verksamhetsområde")
    d.add_paragraph("Inom vilket område verkar ni? Vad är er specialitet och ert kompetensområde?")
    d.add_paragraph("(ersätt text) I denna ruta skriver vad ert verksamhetsområde är.")
    d.add_paragraph("Miljö och hälsoskydd – tillsyn och klimatarbete.")
    _bold(d, "Avsikt/Syfte")
    d.add_paragraph("(ersätt text) I denna ruta skriver varför er arbetsgrupp finns")
    d.add_paragraph("Vi samordnar tillsynen så att kommunerna slipper köpa konsulter.")
    _bold(d, "Mål 2014")
    d.add_paragraph("Vart vill ni ha nått under året?")
    d.add_paragraph(
        "Minska antalet klagomål från 40 till 25 senast december 2014. "
        "Öka andelen inspekterade verksamheter från 60 % till 80 % senast 2014-11-30."
    )
    _bold(d, "Aktivitetsplan 2014")
    d.add_paragraph("Vem gör vad när och hur?")
    d.add_paragraph(
        "Gemensam tillsynskampanj – samma checklista i alla kommuner, när: mars 2014, ansvarig: Jon Åhrén",
        style="List Bullet",
    )
    d.add_paragraph(
        "Seminarium om klimatanpassning, 2014-10-02, ansvarig: Lisa Mäkelä", style="List Bullet"
    )
    expected = {
        "kind": "plan",
        "year": 2014,
        "group": "Miljö",
        "contact.name": "Jon Åhrén",
        "contact.phone": "0933-140 00",
        "field_of_work": "Miljö och hälsoskydd – tillsyn och klimatarbete.",
        "purpose": "Vi samordnar tillsynen så att kommunerna slipper köpa konsulter.",
        "goals.0.direction": "decrease",
        "goals.0.baseline": "40",
        "goals.0.target": "25",
        "goals.0.deadline": "2014-12-31",
        "goals.1.baseline": "60",
        "goals.1.target": "80",
        "goals.1.unit": "%",
        "goals.1.deadline": "2014-11-30",
        "activities.0.what": "Gemensam tillsynskampanj",
        "activities.0.how": "samma checklista i alla kommuner",
        "activities.0.when": "2014-03-31",
        "activities.0.responsible": "Jon Åhrén",
        "activities.1.when": "2014-10-02",
        "activities.1.responsible": "Lisa Mäkelä",
    }
    return _save(d), expected


def plan_members_table_merged_cells() -> tuple[bytes, dict]:
    d = Document()
    d.add_heading("Verksamhetsplan 2015 för Umeåregionens IT-arbetsgrupp", level=1)
    t = d.add_table(rows=1, cols=5)
    for cell, text in zip(
        t.rows[0].cells, ["Namn", "Kommun", "Titel", "Telefon", "E-post"], strict=True
    ):
        cell.text = text
    for row in [
        ["Mikael Sjöberg", "Umeå", "IT-chef", "090-16 20 00", "mikael.sjoberg@umea.se"],
        ["", "", "", "", ""],
        ["Áile Niia", "Vindeln", "systemförvaltare", "0933-141 00", "aile.niia@vindeln.se"],
    ]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    d.add_heading("Mål 2015", level=2)
    d.add_paragraph("1. Införa gemensam e-tjänsteplattform senast juni 2015.")
    d.add_heading("Aktivitetsplan 2015", level=2)
    t = d.add_table(rows=1, cols=4)
    for cell, text in zip(t.rows[0].cells, ["Aktivitet", "Hur", "När", "Ansvarig"], strict=True):
        cell.text = text
    rows = [
        ["Upphandling", "Gemensam förfrågan", "2015-03-01", "Mikael Sjöberg"],
        ["Införande", "Pilot i två kommuner", "2015-06-01", "Mikael Sjöberg"],
        ["Uppföljningsmöte i alla kommuner", "", "", ""],
    ]
    for row in rows:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    # The last row's activity spans all four columns (merged cells).
    last = t.rows[3]
    merged = last.cells[0].merge(last.cells[3])
    merged.text = "Uppföljningsmöte i alla kommuner"
    # An empty row at the end, as Word leaves them.
    t.add_row()
    expected = {
        "kind": "plan",
        "year": 2015,
        "group": "IT",
        "members.0.name": "Mikael Sjöberg",
        "members.0.email": "mikael.sjoberg@umea.se",
        "members.1.name": "Áile Niia",
        "members.1.municipality": "Vindeln",
        "goals.0.direction": "introduce",
        "goals.0.deadline": "2015-06-30",
        "activities.0.how": "Gemensam förfrågan",
        "activities.1.when": "2015-06-01",
        "activities.2.what": "Uppföljningsmöte i alla kommuner",
        "activities.2.when": None,
        "activities.length": 3,
    }
    return _save(d), expected


def plan_headers_footers_sami() -> tuple[bytes, dict]:
    d = Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Umeåregionen – verksamhetsplan"
    section.footer.paragraphs[0].text = "Sida 1 av 2"
    d.add_paragraph("Verksamhetsplan 2016 för Umeåregionens Samiska-arbetsgrupp", style="Title")
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Máret Đuođaš, Umeå, samordnare, 090-16 30 00, "
        "maret.duodas@umea.se"
    )
    d.add_paragraph("Arbetsgruppens medlemmar:")
    d.add_paragraph("Ŋuvvos Čoavddáš, Vindeln, språkkonsulent, 0933-142 00, nuvvos@vindeln.se")
    d.add_paragraph("Ŧomas Žuvri, Umeå, pedagog, 090-16 31 00, tomas.zuvri@umea.se")
    _heading(d, "Verksamhetsområde", style=True)
    d.add_paragraph("Samiskt språk och kultur i förvaltningsområdet.")
    _heading(d, "Mål 2016", style=True)
    d.add_paragraph(
        "1. Öka antalet barn i samisk språkundervisning från 20 till 35 senast 2016-12-31."
    )
    d.add_paragraph("2. Ta fram en gemensam ordlista för förvaltningen.")
    expected = {
        "kind": "plan",
        "year": 2016,
        "group": "Samiska",
        "contact.name": "Máret Đuođaš",
        "contact.email": "maret.duodas@umea.se",
        "members.0.name": "Ŋuvvos Čoavddáš",
        "members.1.name": "Ŧomas Žuvri",
        "members.length": 2,
        "field_of_work": "Samiskt språk och kultur i förvaltningsområdet.",
        "goals.0.baseline": "20",
        "goals.0.target": "35",
        "goals.0.deadline": "2016-12-31",
        "goals.1.direction": "introduce",
        "goals.1.target": None,
    }
    return _save(d), expected


def plan_text_box_and_one_cell_tables() -> tuple[bytes, dict]:
    d = Document()
    d.add_heading("Verksamhetsplan 2017 för Umeåregionens Turism-arbetsgrupp", level=1)
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Lars Holm, Bjurholm, turistchef, 0932-140 00, lars.holm@bjurholm.se"
    )
    d.add_heading("Verksamhetsområde", level=2)
    box = d.add_table(rows=1, cols=1)
    box.rows[0].cells[0].text = "(ersätt text) I denna ruta skriver vad ert verksamhetsområde är."
    box.rows[0].cells[0].add_paragraph("Besöksnäring och destinationsutveckling.")
    d.add_heading("Mål 2017", level=2)
    box = d.add_table(rows=1, cols=1)
    box.rows[0].cells[0].text = "Öka antalet gästnätter med 5 % senast december 2017."
    d.add_heading("Något annat", level=2)
    d.add_paragraph("En rad som inte hör till mallen.")
    expected = {
        "kind": "plan",
        "year": 2017,
        "group": "Turism",
        "contact.name": "Lars Holm",
        "field_of_work": "Besöksnäring och destinationsutveckling.",
        "goals.0.target": "5",
        "goals.0.unit": "%",
        "goals.0.deadline": "2017-12-31",
        "unparsed.contains": "En rad som inte hör till mallen.",
    }
    return _save(d), expected


def plan_en_dash_and_objectives() -> tuple[bytes, dict]:
    d = Document()
    _bold(d, "Verksamhetsplan 2018 för Umeåregionens Skola–arbetsgrupp")
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Eva Nilsson, Nordmaling, skolchef, 0930-140 00, eva.nilsson@nordmaling.se"
    )
    _bold(d, "Avsikt/Syfte")
    d.add_paragraph(
        "Genom gemensam kompetensutveckling bidrar vi till att effektivisera kommunerna."
    )
    d.add_paragraph("Målsättningar: Utveckla regionen, Effektivisera förvaltningen")
    _bold(d, "Mål 2018:")
    d.add_paragraph(
        f"1. Minska andelen elever utan behörighet från 14 % till 10{NBSP}% senast juni 2018."
    )
    _bold(d, "Aktivitetsplan 2018")
    t = d.add_table(rows=1, cols=5)
    header = ["Aktivitet", "Hur", "När", "Ansvarig", "Genomfört"]
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell.text = text
    for row in [
        ["Läxhjälp", "Studiecoacher", "2018-02-01", "Eva Nilsson", "Ej genomförd"],
        header,  # the header repeated on the next page
        ["Lärarträff", "Nätverksdag", "2018-04-20", "Eva Nilsson", "Pågår"],
    ]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    expected = {
        "kind": "plan",
        "year": 2018,
        "group": "Skola",
        "objectives.0": "Utveckla regionen",
        "objectives.1": "Effektivisera förvaltningen",
        "goals.0.baseline": "14",
        "goals.0.target": "10",
        "goals.0.unit": "%",
        "goals.0.deadline": "2018-06-30",
        "activities.0.done": "not_done",
        "activities.1.done": "under_way",
        "activities.length": 2,
    }
    return _save(d), expected


def report_with_fulfilment() -> tuple[bytes, dict]:
    d = Document()
    d.add_heading("Verksamhetsberättelse 2013 för Umeåregionens Kultur-arbetsgrupp", level=1)
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Anna Berg, Umeå, kulturchef, 090-16 10 00, anna.berg@umea.se"
    )
    d.add_heading("Måluppfyllelse 2013", level=2)
    d.add_paragraph("(ersätt text) I denna ruta klistrar ni först in det mål ni satte upp")
    d.add_paragraph(
        "1. Öka antalet deltagare i kulturskolan från 12 till 30 deltagare senast oktober 2013."
    )
    d.add_paragraph("Uppfyllt: delvis – uppnått 24")
    d.add_paragraph("Varför: Två kommuner startade först i september.")
    d.add_paragraph("2. Genomföra en gemensam kulturvecka.")
    d.add_paragraph("Målet är helt uppfyllt.")
    d.add_heading("Revideringar under året", level=2)
    d.add_paragraph("Inga revideringar.")
    d.add_heading("Resultat av aktiviteter/delmål 2013", level=2)
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "Det här planerade vi att genomföra"
    t.rows[0].cells[1].text = "Resultat – Genomfört/Ej genomfört"
    for row in [
        ["Gemensam kulturvecka", "Genomfört – 400 besökare"],
        ["Utbildningsdag för ledare", "Ej genomfört – flyttad till 2014"],
    ]:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = row
    expected = {
        "kind": "report",
        "year": 2013,
        "group": "Kultur",
        "goals.0.fulfilment": "partly",
        "goals.0.value_reached": "24",
        "goals.0.reason": "Två kommuner startade först i september.",
        "goals.1.fulfilment": "fully",
        "revisions": None,
        "results.0.result": "done",
        "results.0.text": "400 besökare",
        "results.1.result": "not_done",
        "results.1.planned": "Utbildningsdag för ledare",
    }
    return _save(d), expected


def report_bold_inte_alls() -> tuple[bytes, dict]:
    d = Document()
    _bold(d, "Mall 2 - Verksamhetsberättelse 2014 för Umeåregionens Miljö-arbetsgrupp")
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Jon Åhrén, Vindeln, miljöchef, 0933-140 00, jon.ahren@vindeln.se"
    )
    _bold(d, "Måluppfyllelse 2014")
    d.add_paragraph("Sammanfatta om målet/målen är uppfyllda (helt, delvis eller inte alls)")
    d.add_paragraph("Mål 1: Minska antalet klagomål från 40 till 25.")
    d.add_paragraph("Uppfyllt: inte alls")
    d.add_paragraph("Orsak: Nya regler gav fler ärenden.")
    _bold(d, "Revideringar under året")
    d.add_paragraph("Målet om inspektioner sänktes i juni efter beslut i kommunchefsgruppen.")
    _bold(d, "Resultat av aktiviteter/delmål 2014")
    d.add_paragraph("Gemensam tillsynskampanj – Genomförd")
    expected = {
        "kind": "report",
        "year": 2014,
        "group": "Miljö",
        "goals.0.statement": "Minska antalet klagomål från 40 till 25.",
        "goals.0.fulfilment": "not_at_all",
        "goals.0.reason": "Nya regler gav fler ärenden.",
        "revisions": "Målet om inspektioner sänktes i juni efter beslut i kommunchefsgruppen.",
        "results.0.planned": "Gemensam tillsynskampanj",
        "results.0.result": "done",
    }
    return _save(d), expected


def network_report() -> tuple[bytes, dict]:
    d = Document()
    d.add_heading("Nätverksrapport 2015 för Kommunikatörsnätverket", level=1)
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Ida Lund, Umeå, kommunikatör, 090-16 40 00, ida.lund@umea.se"
    )
    d.add_heading("Antal träffar", level=2)
    d.add_paragraph("6")
    d.add_heading("Vad nätverket gör", level=2)
    d.add_paragraph("Erfarenhetsutbyte om kriskommunikation.")
    d.add_heading("Medlemmarnas kommuner", level=2)
    d.add_paragraph("Umeå, Vännäs, Bjurholm")
    expected = {
        "kind": "network_report",
        "year": 2015,
        "group": "Kommunikatörsnätverket",
        "meetings": 6,
        "network_activities": "Erfarenhetsutbyte om kriskommunikation.",
        "municipalities.2": "Bjurholm",
        "contact.name": "Ida Lund",
    }
    return _save(d), expected


def plan_numbered_subgoals_and_priorities() -> tuple[bytes, dict]:
    d = Document()
    d.add_heading("Verksamhetsplan 2019 för Umeåregionens Näringsliv-arbetsgrupp", level=1)
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Olof Ek, Robertsfors, näringslivschef, 0934-141 00, olof.ek@robertsfors.se"
    )
    d.add_heading("Mål 2019", level=2)
    d.add_paragraph(
        "1 Öka antalet nystartade företag från 4,1 till 4,5 per 1000 invånare senast 31 december 2019"
    )
    d.add_paragraph("1.1 Starta en gemensam företagslots senast mars 2019")
    d.add_heading("Prioriterade områden", level=2)
    d.add_paragraph("Aalborgåtagande 8.1")
    d.add_paragraph("Lokal ekonomi: 8.2 Stärka det lokala näringslivet")
    expected = {
        "kind": "plan",
        "year": 2019,
        "group": "Näringsliv",
        "goals.0.baseline": "4.1",
        "goals.0.target": "4.5",
        "goals.0.unit": "per 1000 invånare",
        "goals.0.deadline": "2019-12-31",
        "goals.1.number": "1.1",
        "goals.1.parent": "1",
        "goals.1.deadline": "2019-03-31",
        "priorities.0.code": "8.1",
        "priorities.1.code": "8.2",
        "priorities.1.area": "Lokal ekonomi",
    }
    return _save(d), expected


def text_box_plan() -> tuple[bytes, dict]:
    """The template's fields drawn as text boxes (w:txbxContent) inside paragraphs."""
    d = Document()
    d.add_heading("Verksamhetsplan 2020 för Umeåregionens Vatten-arbetsgrupp", level=1)
    d.add_heading("Verksamhetsområde", level=2)
    para = d.add_paragraph()
    run = para.add_run()._r
    box = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "Dricksvatten och avlopp."
    r.append(t)
    inner.append(r)
    box.append(inner)
    pict = OxmlElement("w:pict")
    pict.append(box)
    run.append(pict)
    assert para._p.findall(".//" + qn("w:txbxContent"))
    expected = {
        "kind": "plan",
        "year": 2020,
        "group": "Vatten",
        "field_of_work": "Dricksvatten och avlopp.",
        "contact": None,
    }
    return _save(d), expected


def plan_template_table_with_guidance() -> tuple[bytes, dict]:
    """The template's own activity table (Aktivitet | Genomfört | Ansvarig) with its guidance
    still in the first row, the real activities below, and the placeholder people line."""
    d = Document()
    d.add_paragraph("Mall 1 - Verksamhetsplan 2021 för Umeåregionens Folkhälsa-arbetsgrupp")
    d.add_paragraph("Kontaktperson för arbetsgruppen: Namn, kommun, titel, telefon, e-post")
    d.add_paragraph("Arbetsgruppens medlemmar: Namn, kommun, titel, telefon, e-post")
    _bold(d, "Aktivitetsplan 2021")
    d.add_paragraph("Vem gör vad när och hur?")
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ["Aktivitet", "Genomfört", "Ansvarig"], strict=True):
        cell.text = text
    guidance = t.add_row().cells
    guidance[
        0
    ].text = "(ersätt text)\nDärefter beskriver här kortfattat hur ni tänker gå\ntillväga för att uppnå målet"
    guidance[2].text = "(ersätt text)\nKom ihåg att utse\nansvarig för\n(del)aktiviteterna!"
    for row in [["Hälsoveckan i alla kommuner", "x", "Maja Lindqvist"], ["", "", ""]]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    expected = {
        "kind": "plan",
        "year": 2021,
        "group": "Folkhälsa",
        "contact": None,
        "members.length": 0,
        "activities.length": 1,
        "activities.0.what": "Hälsoveckan i alla kommuner",
        "activities.0.done": "done",
        "activities.0.responsible": "Maja Lindqvist",
    }
    return _save(d), expected


def report_reviewer_fulfilment_lines() -> tuple[bytes, dict]:
    """A Mall 2 report as a reviewer filled it in: "Måluppfyllelse:" lines under each goal,
    an activity table with its header row under the heading "Aktiviteter", members without
    e-mail and the template's instruction for the members left in."""
    d = Document()
    d.add_heading("Verksamhetsberättelse 2013 för Umeåregionens Turism-arbetsgrupp", level=1)
    d.add_paragraph(
        "Kontaktperson för arbetsgruppen: Eva Holm, Umeå, turismchef, 090-16 20 00, eva.holm@umea.se"
    )
    d.add_paragraph("Arbetsgruppens medlemmar: Nils Ström, Vännäs; Karin Vik, Bjurholm")
    d.add_paragraph("(ersätt text) Skriv arbetsgruppens medlemmar här")
    d.add_heading("Måluppfyllelse 2013", level=2)
    d.add_paragraph(
        "1. Öka antalet deltagare på guidekursen från 10 till 30 deltagare senast oktober 2013."
    )
    d.add_paragraph("Måluppfyllelse: delvis. 24 deltagare kom, målet var 30.")
    d.add_paragraph("2. Ta fram en gemensam besökskarta.")
    d.add_paragraph("Måluppfyllelse: helt.")
    d.add_heading("Aktiviteter", level=2)
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ["Aktivitet", "När", "Resultat"], strict=True):
        cell.text = text
    for row in [
        ["Guidekurs", "oktober 2013", "Genomförd"],
        ["Besökskarta", "juni 2013", "Genomförd"],
    ]:
        for cell, text in zip(t.add_row().cells, row, strict=True):
            cell.text = text
    expected = {
        "kind": "report",
        "year": 2013,
        "group": "Turism",
        "goals.length": 2,
        "goals.0.fulfilment": "partly",
        "goals.0.comment": "24 deltagare kom, målet var 30.",
        "goals.1.fulfilment": "fully",
        "members.length": 2,
        "members.0.name": "Nils Ström",
        "members.0.municipality": "Vännäs",
        "summary": None,
        "activities.length": 0,
        "results.length": 2,
        "results.0.planned": "Guidekurs",
        "results.0.result": "done",
        "results.1.planned": "Besökskarta",
        "unparsed.length": 0,
    }
    return _save(d), expected


FIXTURES: dict[str, Callable[[], tuple[bytes, dict]]] = {
    "plan-mallens-tabell-med-instruktioner.docx": plan_template_table_with_guidance,
    "plan-rubrikformat.docx": plan_heading_styles,
    "plan-fetstil-instruktioner.docx": plan_bold_headings_with_instructions,
    "plan-medlemstabell-sammanfogade-celler.docx": plan_members_table_merged_cells,
    "plan-sidhuvud-samiska.docx": plan_headers_footers_sami,
    "plan-rutor.docx": plan_text_box_and_one_cell_tables,
    "plan-tankstreck-malsattningar.docx": plan_en_dash_and_objectives,
    "plan-delmal-aalborg.docx": plan_numbered_subgoals_and_priorities,
    "plan-textruta.docx": text_box_plan,
    "berattelse-maluppfyllelse.docx": report_with_fulfilment,
    "berattelse-fetstil-inte-alls.docx": report_bold_inte_alls,
    "natverksrapport.docx": network_report,
    "berattelse-granskarens-maluppfyllelse.docx": report_reviewer_fulfilment_lines,
}


def protocol() -> bytes:
    d = Document()
    d.add_heading("Protokoll från kommunchefsgruppens möte 2013-05-12", level=1)
    d.add_paragraph("§ 1 Mötets öppnande")
    return _save(d)


def lookup(data, path: str):
    """The value at a dotted path ("goals.0.target", "members.length")."""
    if path.endswith(".contains"):
        return lookup(data, path[: -len(".contains")])
    for part in path.split("."):
        if part == "length":
            return len(data)
        if data is None:
            return None
        data = data[int(part)] if isinstance(data, list) else data.get(part)
    return data


def matches(data, path: str, wanted) -> bool:
    if path.endswith(".contains"):
        return wanted in (lookup(data, path) or [])
    try:
        return lookup(data, path) == wanted
    except (IndexError, KeyError, TypeError):
        return False
