"""Read a filled-in Mall 1 (operational plan) or Mall 2 (annual report) Word file.

Pure: bytes in, a `Parsed` structure out, nothing read from or written to the database.
Real files are messy, so the reader does not trust styles: a section starts at a paragraph
whose text is one of the template's headings, whether it is a Word heading, a bold line or
plain text. The template's instructions ("(ersätt text) …" and its guidance) are skipped;
whatever is left that the reader does not understand is kept in `unparsed`, never dropped.
"""

import calendar
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

MAX_FILE_BYTES = 10 * 1024 * 1024
# What a .docx may unpack to: Word files of two pages are well under this.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class Refused(Exception):
    """The file is not something to import; the message says why, in Swedish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class PersonData:
    name: str
    municipality: str | None = None
    title: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass
class GoalData:
    number: str | None
    statement: str
    parent: str | None = None
    direction: str | None = None
    measure: str | None = None
    unit: str | None = None
    baseline: str | None = None
    baseline_date: str | None = None
    target: str | None = None
    deadline: str | None = None
    # Reports only.
    fulfilment: str | None = None
    value_reached: str | None = None
    comment: str | None = None
    reason: str | None = None
    source: str = ""
    uncertain: list[str] = field(default_factory=list)


@dataclass
class ActivityData:
    what: str
    how: str | None = None
    when: str | None = None
    when_text: str | None = None
    responsible: str | None = None
    goals: str | None = None
    done: str | None = None
    source: str = ""
    uncertain: list[str] = field(default_factory=list)


@dataclass
class ResultData:
    planned: str
    result: str | None = None
    text: str | None = None
    source: str = ""


@dataclass
class PriorityData:
    text: str
    area: str | None = None
    code: str | None = None
    what_was_done: str | None = None


@dataclass
class Parsed:
    kind: str  # "plan", "report" or "network_report"
    year: int
    group: str
    title: str
    contact: PersonData | None = None
    members: list[PersonData] = field(default_factory=list)
    field_of_work: str | None = None
    purpose: str | None = None
    objectives: list[str] | None = None
    goals: list[GoalData] = field(default_factory=list)
    activities: list[ActivityData] = field(default_factory=list)
    priorities: list[PriorityData] = field(default_factory=list)
    revision: str | None = None
    status_note: str | None = None
    # Reports.
    plan_note: str | None = None
    revisions: str | None = None
    summary: str | None = None
    results: list[ResultData] = field(default_factory=list)
    meetings: int | None = None
    network_activities: str | None = None
    municipalities: list[str] | None = None
    # What could not be placed, and which fields a person should look at.
    unparsed: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    made_by_samverkan: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def comparable(self) -> dict[str, Any]:
        """The structure without where each field came from: what a round trip compares."""
        data = self.to_json()
        for key in ("unparsed", "uncertain", "sources", "made_by_samverkan"):
            data.pop(key)
        for collection in ("goals", "activities", "results"):
            for item in data[collection]:
                item.pop("source", None)
                item.pop("uncertain", None)
        for activity in data["activities"]:
            activity.pop("when_text", None)
        return data


# --- text ---------------------------------------------------------------------------------

_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200b\t ]+")
DASH = "[-–—‑]"


def clean(text: str) -> str:
    """One line of text: non-breaking and odd spaces as plain ones, no soft hyphens."""
    text = text.replace("\u00ad", "").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _number(text: str) -> Decimal | None:
    text = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".").replace("−", "-")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


MONTHS = {
    name: i
    for i, names in enumerate(
        [
            (),
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
_MONTH_ONLY = re.compile(rf"^\s*(?:i\s+|under\s+)?({_MONTH_RE})\b", re.I)


def parse_date(text: str, year: int | None = None) -> date | None:
    """2013-10-31, 31 oktober 2013, oktober 2013 (its last day), or a month of `year`."""
    text = text or ""
    if m := _ISO.search(text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if m := _DAY_MONTH_YEAR.search(text):
        try:
            return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        except ValueError:
            return None
    if m := _MONTH_YEAR.search(text):
        y, month = int(m[2]), MONTHS[m[1].lower()]
        return date(y, month, calendar.monthrange(y, month)[1])
    if year and (m := _MONTH_ONLY.search(text)):
        month = MONTHS[m[1].lower()]
        return date(year, month, calendar.monthrange(year, month)[1])
    return None


# --- reading the file ---------------------------------------------------------------------


@dataclass
class Block:
    text: str
    heading: bool = False
    bullet: bool = False
    rows: list[list[str]] | None = None  # a table
    bold_rows: list[bool] = field(default_factory=list)  # rows whose every text is bold


def check_package(data: bytes, filename: str) -> None:
    """Refuse what must not be opened: too big, not a Word file, macros, a zip bomb."""
    lower = filename.lower()
    if len(data) > MAX_FILE_BYTES:
        raise Refused(
            _("The file is larger than %(mb)s MB and was not imported.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if lower.endswith((".docm", ".dotm")):
        raise Refused(_("Files with macros (.docm) are not imported. Save it as .docx first."))
    if lower.endswith(".doc"):
        raise Refused(
            _("Old Word files (.doc) cannot be read. Open the file in Word and save it as .docx.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise Refused(
            _("The file is damaged or is not a Word file (.docx) and could not be read.")
        ) from error
    if any("vbaproject" in info.filename.lower() for info in names):
        raise Refused(_("Files with macros (.docm) are not imported. Save it as .docx first."))
    if sum(info.file_size for info in names) > MAX_UNPACKED_BYTES:
        raise Refused(_("The file unpacks to far more than a Word document can hold."))
    if "word/document.xml" not in {info.filename for info in names}:
        raise Refused(_("The file is damaged or is not a Word file (.docx) and could not be read."))


def _is_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _style_name(paragraph) -> str:
    try:
        return (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return ""


def _without_instructions(text: str) -> str:
    """A cell of the template's activity table may still hold its guidance: drop it. A line
    beginning "(ersätt text)" is the template's instruction whatever follows the mark."""
    lines = [line for line in text.split("\n") if not REPLACE_MARK.match(line)]
    return "\n".join(line for line in lines if line and not INSTRUCTIONS.match(line))


def _table_rows(table) -> tuple[list[list[str]], list[bool]]:
    rows, bold = [], []
    for row in table.rows:
        seen, cells, all_bold = set(), [], True
        for cell in row.cells:
            # A horizontally merged cell comes back once per column it spans: keep it once.
            key = id(cell._tc)
            cells.append("" if key in seen else _without_instructions(clean(cell.text)))
            if key not in seen:
                texts = [para for para in cell.paragraphs if para.text.strip()]
                all_bold = all_bold and all(_is_bold(para) for para in texts)
            seen.add(key)
        if any(cells):
            rows.append(cells)
            bold.append(all_bold)
    return rows, bold


def read_blocks(data: bytes) -> tuple[list[Block], str, list[str]]:
    """The body as paragraphs and tables in order, the title property, and header texts."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise Refused(
            _("The file is damaged or is not a Word file (.docx) and could not be read.")
        ) from error
    except Exception as error:  # lxml's XMLSyntaxError and friends: a broken file
        raise Refused(
            _("The file is damaged or is not a Word file (.docx) and could not be read.")
        ) from error
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            boxes = child.findall(".//" + qn("w:txbxContent"))
            if boxes:
                # A text box ("ruta") holds paragraphs of its own.
                for box in boxes:
                    for inner in box.iterchildren(qn("w:p")):
                        para = Paragraph(inner, document._body)
                        text = clean(para.text)
                        if text:
                            blocks.append(Block(text, heading=_is_bold(para)))
                continue
            para = Paragraph(child, document._body)
            text = clean(para.text)
            if not text:
                continue
            style = _style_name(para).lower()
            heading = style.startswith(("heading", "rubrik", "title")) or _is_bold(para)
            bullet = (
                "list" in style or "lista" in style or child.find(".//" + qn("w:numPr")) is not None
            )
            blocks.append(Block(text, heading=heading, bullet=bullet))
        elif child.tag == qn("w:tbl"):
            rows, bold_rows = _table_rows(Table(child, document._body))
            if rows and max(len([c for c in r if c]) for r in rows) == 1 and len(rows[0]) == 1:
                # A one-cell table is a box of text, as the template draws its fields.
                blocks.extend(Block(line) for row in rows for line in row[0].split("\n"))
            elif rows:
                blocks.append(Block("", rows=rows, bold_rows=bold_rows))
    headers = []
    for section in document.sections:
        for part in (section.header, section.footer):
            try:
                text = clean("\n".join(p.text for p in part.paragraphs))
            except (KeyError, ValueError):
                text = ""
            if text:
                headers.append(text)
    return blocks, clean(document.core_properties.title or ""), headers


# --- the template's words -----------------------------------------------------------------

TITLE = re.compile(
    rf"^(?:Mall\s*[12]\s*{DASH}?\s*)?(Verksamhetsplan|Verksamhetsberättelse|Nätverksrapport)"
    r"\s+(\d{4})\s+för\s+(.+?)\s*$",
    re.I,
)

SECTIONS = [
    ("field_of_work", re.compile(r"^Verksamhetsområde\b:?", re.I)),
    ("purpose", re.compile(r"^(Avsikt\s*/\s*Syfte|Avsikt\s+och\s+syfte|Syfte|Avsikt)\b:?", re.I)),
    ("fulfilment", re.compile(r"^Måluppfyllelse\b", re.I)),
    ("goals", re.compile(r"^(Mål\s+(för\s+)?\d{4}|Mål|Årets mål)\s*:?$", re.I)),
    (
        "activities",
        re.compile(r"^(Aktivitetsplan\b|Aktiviteter(\s+(under\s+)?\d{4})?\s*:?$)", re.I),
    ),
    ("report_priorities", re.compile(r"^Arbetet inom de prioriterade områdena\b", re.I)),
    ("priorities", re.compile(r"^Prioriterade (samarbets)?områden\b", re.I)),
    ("revisions", re.compile(r"^Revideringar\b", re.I)),
    ("summary", re.compile(r"^Sammanfattning\s*:?$", re.I)),
    ("results", re.compile(r"^Resultat av aktiviteter", re.I)),
    ("meetings", re.compile(r"^Antal (träffar|möten)\b", re.I)),
    ("network_activities", re.compile(r"^Vad nätverket gör\b", re.I)),
    ("municipalities", re.compile(r"^Medlemmarnas kommuner\b", re.I)),
]

# The template's guidance, which files often still carry.
INSTRUCTIONS = re.compile(
    r"^(\(ersätt text\)\s*)?("
    r"Inom vilket område verkar ni|På vilket sätt verkar er arbetsgrupp|Vart vill ni ha nått"
    r"|Vad vill ni ha uppnått|Vem gör vad när och hur|I denna ruta|Därefter beskriver|Slutligen"
    r"|Kom ihåg att utse|Ex: Genom xx|Er arbetsgrupp på ett eller flera|Försök utforma"
    r"|Ett SMART mål|Specifikt \(|Mätbart \(|Accepterat \(|Realistiskt \(|Tidsatt \("
    r"|[-–]\s*(VAD|HUR|NÄR|VEM)\b|Sammanfatta om|Mål och aktiviteter kan ha reviderats"
    r"|Vissa mål är långsiktiga|Beskriv på vilket sätt arbetet|Om mål och aktiviteter inte"
    r"|Om målen och/eller aktivitetsplan|Den verksamhetsplan ni lämnar|Den verksamhetsberättelse"
    r"|Eventuellt mer detaljerade|Samtliga arbetsgruppers|Planen som lämnas till kansliet"
    r"|Berättelsen som lämnas till kanslichefen|måste veta procent|minskning etc"
    r"|era aktiviteter och|noterar datum här|vara genomförd\?|ansvarig för|\(del\)aktiviteterna"
    r"|gjort\?|tillväga för att|aktiviteter tänker ni|Namn, kommun, titel"
    r"|Skriv (?:arbetsgruppens|gruppens|nätverkets) medlemmar|Skriv (?:in )?(?:text )?här\b"
    r")",
    re.I,
)
REPLACE_MARK = re.compile(r"^\(ersätt text\)\s*", re.I)

CONTACT = re.compile(
    r"^Kontaktperson(?: för (?:arbetsgruppen|gruppen|nätverket))?\s*:\s*(.*)$", re.I
)
MEMBERS = re.compile(
    r"^(?:Arbetsgruppens|Gruppens|Nätverkets)\s+medlemmar\s*:\s*(.*)$|^Medlemmar\s*:\s*(.*)$",
    re.I,
)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.U)
PHONE = re.compile(r"^\+?[\d][\d\s\-–()]{4,}\d$")


def parse_person(text: str) -> PersonData | None:
    text = clean(text).strip(" ;,")
    if not text or INSTRUCTIONS.match(text) or text.lower() in {"–", "-", "ingen kontaktperson"}:
        return None
    parts = [p.strip() for p in re.split(r"\s*,\s*", text) if p.strip()]
    email = next((p for p in parts if EMAIL.fullmatch(p)), None)
    phone = next((p for p in parts if PHONE.match(p)), None)
    rest = [p for p in parts if p not in (email, phone)]
    if not rest:
        return None
    return PersonData(
        name=rest[0],
        municipality=rest[1] if len(rest) > 1 else None,
        title=", ".join(rest[2:]) or None,
        phone=phone,
        email=email,
    )


def _people_from_table(rows: list[list[str]]) -> list[tuple[PersonData, bool]] | None:
    header = [c.lower() for c in rows[0]]
    if not any("namn" in h for h in header) or not any(
        w in h for h in header for w in ("e-post", "epost", "mejl", "mail", "kommun")
    ):
        return None

    def col(*words: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(w in h for w in words)), None)

    columns = {
        "name": col("namn"),
        "municipality": col("kommun"),
        "title": col("titel", "befattning"),
        "phone": col("telefon", "tel"),
        "email": col("e-post", "epost", "mejl", "mail"),
    }
    role = col("roll")
    people = []
    for row in rows[1:]:
        values = {k: (row[i] if i is not None and i < len(row) else "") for k, i in columns.items()}
        if not values["name"]:
            continue
        person = PersonData(**{k: (v or None) for k, v in values.items()})  # type: ignore[arg-type]
        is_contact = role is not None and "kontakt" in row[role].lower()
        people.append((person, is_contact))
    return people


# --- goals --------------------------------------------------------------------------------

DIRECTIONS = [
    ("increase", re.compile(r"\b(öka|ökar|höja|höj|fler|utöka)\w*", re.I)),
    ("decrease", re.compile(r"\b(minska|sänka|halvera|färre|korta)\w*", re.I)),
    ("introduce", re.compile(r"\b(införa|inför|ta fram|starta|skapa|bilda|genomföra)\w*", re.I)),
    ("keep", re.compile(r"\b(behålla|bibehålla|upprätthålla)\w*", re.I)),
]
_NUM = r"(\d[\d\s\u00a0]*(?:[.,]\d+)?)"
FROM_TO = re.compile(
    rf"\bfrån\s+{_NUM}\s*(%|procent|[^\d\s.,;]+(?:\s+[^\d\s.,;]+)?)?\s+till\s+{_NUM}\s*(%|procent|[^\d\s.,;]+)?",
    re.I,
)
# The unit runs from the target figure to a deadline word or the end of the clause:
# "30 deltagare senast oktober", "4,5 per 1 000 invånare.", "80 %".
UNIT_AFTER = re.compile(
    r"\s*(.*?)(?=\s*\b(?:senast|innan|före|till och med|t\.o\.m|under|jämfört|inom|i)\b"
    r"|\s*[.;,](?:\s|$)|\s*[.;,]?$)",
    re.I,
)
TO_ONLY = re.compile(rf"\btill\s+{_NUM}\s*(%|procent|[^\d\s.,;]+)?", re.I)
BY_PERCENT = re.compile(rf"\bmed\s+{_NUM}\s*(%|procent)", re.I)
_WHEN = (
    rf"(?:\d{{1,2}}\s+)?(?:{_MONTH_RE})\.?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{_MONTH_RE})|\d{{4}}"
)
DEADLINE = re.compile(rf"\b(?:senast|innan|före|till och med|t\.o\.m\.?|under)\s+({_WHEN})", re.I)
GOAL_START = re.compile(r"^(?:(?:Mål|Delmål)\s*)?(\d+(?:\.\d+)*)\s*[.):]?\s+(?=\S)(.*)$", re.I)
_SENTENCES = re.compile(r"(?<=[.!;])\s+(?=[A-ZÅÄÖÁČĐŊŠŦŽ])")


def _mine_goal(goal: GoalData, year: int | None) -> None:
    """Direction, baseline, target, unit and deadline from a sentence such as
    "öka från 12 till 30 deltagare senast oktober 2013"."""
    text = goal.statement
    for name, pattern in DIRECTIONS:
        if pattern.search(text):
            goal.direction = name
            break
    if m := FROM_TO.search(text):
        goal.baseline = _plain(_number(m[1]))
        goal.target = _plain(_number(m[3]))
        tail = UNIT_AFTER.match(text[m.end(3) :])
        unit = ((tail[1] if tail else "") or m[2] or "").strip()
        goal.unit = "%" if unit.lower() in {"%", "procent"} else (unit or None)
    elif m := BY_PERCENT.search(text):
        goal.target = _plain(_number(m[1]))
        goal.unit = "%"
        goal.uncertain.append("target")
    elif m := TO_ONLY.search(text):
        goal.target = _plain(_number(m[1]))
        unit = (m[2] or "").strip()
        goal.unit = "%" if unit.lower() in {"%", "procent"} else (unit or None)
        goal.uncertain.append("target")
    if m := DEADLINE.search(text):
        when = parse_date(m[1], year)
        if when is None and re.fullmatch(r"\d{4}", m[1]):
            when = date(int(m[1]), 12, 31)
        goal.deadline = when.isoformat() if when else None
    if goal.target is None:
        goal.uncertain.append("target")
    if goal.deadline is None:
        goal.uncertain.append("deadline")


_DETAIL_PART = re.compile(r"^(nuläge|utgångsläge|mål|senast)\s+(.*)$", re.I)


def _is_detail(text: str) -> bool:
    return " · " in text or bool(_DETAIL_PART.match(text) and "·" not in text and len(text) < 80)


def _apply_detail(goal: GoalData, text: str) -> bool:
    """The export's line under a goal: "measure (unit) · nuläge 12 (2025-12-31) · mål 30 ·
    senast 2026-12-01". False if the text is not such a line."""
    parts = [p.strip() for p in text.split(" · ")]
    understood = False
    for i, part in enumerate(parts):
        m = _DETAIL_PART.match(part)
        if m is None:
            if i == 0:
                unit = re.search(r"\(([^()]*)\)\s*$", part)
                goal.measure = part[: unit.start()].strip() if unit else part
                goal.unit = unit[1] if unit else None
                understood = True
                continue
            return understood
        word, value = m[1].lower(), m[2]
        if word in ("nuläge", "utgångsläge"):
            when = re.search(r"\((\d{4}-\d{2}-\d{2})\)\s*$", value)
            goal.baseline_date = when[1] if when else None
            number = value[: when.start()] if when else value
            goal.baseline = _plain(
                _number(
                    number.split(" ")[0]
                    if " " not in number.strip()
                    else re.sub(r"[^\d,.\-\s\u00a0]", "", number).strip()
                )
            )
        elif word == "mål":
            goal.target = _plain(_number(re.sub(r"[^\d,.\-\s\u00a0]", "", value).strip()))
        elif word == "senast":
            deadline = parse_date(value)
            goal.deadline = deadline.isoformat() if deadline else None
        understood = True
    return understood


FULFILMENT = [
    (
        "not_at_all",
        re.compile(r"\b(inte alls|inte uppfyllt|ej uppfyllt|ej uppnått|inte uppnått)\b", re.I),
    ),
    ("partly", re.compile(r"\bdelvis\b", re.I)),
    ("fully", re.compile(r"\b(helt|uppfyllt|uppnått|uppfylld)\b", re.I)),
]
FULFILLED_LINE = re.compile(r"^(Uppfyllt|Måluppfyllelse|Uppfyllelse)\s*:\s*(.*)$", re.I)
FULFILMENT_WORDS = re.compile(
    r"^\s*(?:målet\s+(?:är\s+|var\s+|blev\s+)?)?"
    r"(?:inte alls|inte uppfyllt|ej uppfyllt|ej uppnått|inte uppnått|delvis|helt)"
    r"(?:\s+(?:uppfyllt|uppfylld|uppfyllda|uppnått))?\s*[.,;:–-]*\s*",
    re.I,
)
REASON_LINE = re.compile(r"^(Varför|Orsak|Anledning|Skäl)\s*:\s*(.*)$", re.I)
REACHED = re.compile(rf"\buppnått\s+{_NUM}", re.I)


def _fulfilment(text: str) -> str | None:
    if re.search(r"\binte redovisat\b", text, re.I):
        return None
    for name, pattern in FULFILMENT:
        if pattern.search(text):
            return name
    return None


# --- activities ---------------------------------------------------------------------------

ACTIVITY_COLUMNS = [
    ("what", ("aktivitet", "vad", "åtgärd")),
    ("how", ("hur", "genomförande")),
    ("when", ("när", "datum", "tid", "klart")),
    ("responsible", ("ansvarig", "vem")),
    ("goals", ("mål",)),
    ("done", ("genomfört", "status", "klar", "utfört", "resultat")),
]
# Words of a table's header row besides the activity columns.
HEADER_WORDS = ("resultat", "planera", "kommentar", "nr", "kommun", "namn", "roll", "det här")


def _is_header_row(row: list[str]) -> bool:
    """ "Aktivitet | När | Resultat": every cell a column name, not an activity."""
    cells = [c.lower() for c in row if c]
    words = [w for _name, ws in ACTIVITY_COLUMNS for w in ws] + list(HEADER_WORDS)
    return bool(cells) and all(
        len(c) <= 40 and any(re.match(rf"{w}", c) for w in words) for c in cells
    )


def _done(text: str) -> str | None:
    t = text.strip().lower()
    if not t:
        return None
    if re.search(r"\b(ej|inte)\s+genomför", t) or t in {"nej", "ej"}:
        return "not_done"
    if re.search(r"pågår|påbörjad|under arbete", t):
        return "under_way"
    if re.search(r"genomför|klar|utfört|^ja$|^x$|✓|✔", t):
        return "done"
    if re.search(r"planerad", t):
        return "planned"
    return None


def _activity_columns(header: list[str]) -> dict[str, int] | None:
    lowered = [h.lower() for h in header]
    columns: dict[str, int] = {}
    for i, h in enumerate(lowered):
        for name, words in ACTIVITY_COLUMNS:
            if name in columns:
                continue
            if any(re.search(rf"\b{w}", h) for w in words):
                columns[name] = i
                break
    return columns if "what" in columns else None


def _result(text: str) -> tuple[str | None, str | None]:
    """ "Genomförd – Tre träffar hölls" -> ("done", "Tre träffar hölls")."""
    head, _sep, rest = text.partition(" – ")
    result = _done(head)
    if result is None and re.match(r"^\s*inte redovisat", head, re.I):
        return None, rest.strip() or None
    if result in ("done", "not_done"):
        return result, rest.strip() or None
    result = _done(text.split(".")[0]) if text else None
    return (result if result in ("done", "not_done") else None), text or None


# --- the parse ----------------------------------------------------------------------------


def _looks_like_heading(text: str) -> bool:
    return len(text) <= 60 and ":" not in text and not text.rstrip().endswith((".", "!", "?"))


@dataclass(frozen=True)
class OwnWords:
    """A cooperation's own wording of its templates, read as well as Mall 1's and Mall 2's:
    by kind of document, (the reader's section, the heading with {year} for any year), and
    the guidance sentences, skipped like the template's."""

    headings: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    guidance: frozenset[str] = frozenset()
    # By kind of document, its own title: "Nätverksplan {year} för {group}".
    titles: dict[str, str] = field(default_factory=dict)

    def title_of(self, text: str) -> tuple[str, int, str] | None:
        """(kind, year, group) of a title in the cooperation's own words, or None."""
        for kind, title in self.titles.items():
            pattern = (
                re.escape(clean(title))
                .replace(re.escape("{year}"), r"(?P<year>\d{4})", 1)
                .replace(re.escape("{group}"), r"(?P<group>.+?)", 1)
            )
            complete = "(?P<year>" in pattern and "(?P<group>" in pattern
            if complete and (m := re.fullmatch(pattern, text.strip(), re.I)):
                return kind, int(m["year"]), m["group"].strip(" -–")
        return None

    def section_of(self, kind: str, text: str) -> str | None:
        short = text.rstrip(":").strip()
        for name, heading in self.headings.get(kind, []):
            pattern = re.escape(clean(heading)).replace(re.escape("{year}"), r"\d{4}")
            if re.fullmatch(pattern, short, re.I):
                return name
        return None

    def is_guidance(self, text: str) -> bool:
        return text in self.guidance


def _section_of(text: str) -> str | None:
    short = text.rstrip(":").strip()
    if len(short) > 80:
        return None
    for name, pattern in SECTIONS:
        if pattern.match(short):
            return name
    return None


def parse_docx(data: bytes, filename: str = "", *, own: OwnWords | None = None) -> Parsed:
    check_package(data, filename or "fil.docx")
    blocks, title_property, headers = read_blocks(data)
    return parse_blocks(blocks, title_property=title_property, headers=headers, own=own)


def parse_blocks(
    blocks: list[Block],
    *,
    title_property: str = "",
    headers: list[str] | None = None,
    own: OwnWords | None = None,
) -> Parsed:
    own = own or OwnWords()
    title_match, start = None, 0
    own_title: tuple[str, int, str] | None = None
    for i, block in enumerate(blocks[:15]):
        if block.rows is None and (m := TITLE.match(block.text)):
            title_match, start = m, i + 1
            break
        if block.rows is None and (own_title := own.title_of(block.text)):
            start = i + 1
            break
    if title_match is None and own_title is None:
        for text in headers or []:
            for line in text.split("\n"):
                if m := TITLE.match(line):
                    title_match = m
                    break
    if own_title is not None:
        kind, year, group = own_title
        title = clean(blocks[start - 1].text)
        parsed = Parsed(kind=kind, year=year, group=group, title=title)
        parsed.made_by_samverkan = bool(title_property) and clean(title_property) == title
        parsed.sources["title"] = blocks[start - 1].text
        _Reader(parsed, blocks[start:], own).run()
        return parsed
    if title_match is None:
        raise Refused(
            _(
                "This does not look like an operational plan (Mall 1) or an annual report "
                "(Mall 2): the title “Verksamhetsplan 2013 för …” or “Verksamhetsberättelse "
                "2013 för …” is missing."
            )
        )
    word, year, rest = title_match[1].lower(), int(title_match[2]), title_match[3]
    kind = {"verksamhetsplan": "plan", "verksamhetsberättelse": "report"}.get(
        word, "network_report"
    )
    group = rest
    # "Umeåregionens Kultur-arbetsgrupp": the cooperation's name in the genitive, then the
    # group's. A network's title names it alone.
    if m := re.match(rf"^(?:\w+s\s+)?(.+?)\s*{DASH}?\s*arbetsgrupp(?:en)?$", rest, re.I):
        group = m[1]
    group = group.strip(" -–")
    if group.upper() == "XX":
        raise Refused(_("The file is the empty template: the group's name is still “XX”."))
    title = title_match[0].strip()
    title = re.sub(rf"^Mall\s*[12]\s*{DASH}?\s*", "", title, flags=re.I)
    parsed = Parsed(kind=kind, year=year, group=group, title=title)
    parsed.made_by_samverkan = bool(title_property) and clean(title_property) == title
    parsed.sources["title"] = title_match[0]
    _Reader(parsed, blocks[start:], own).run()
    return parsed


class _Reader:
    def __init__(self, parsed: Parsed, blocks: list[Block], own: OwnWords):
        self.p = parsed
        self.blocks = blocks
        self.own = own
        self.section: str | None = "head"
        self.texts: dict[str, list[str]] = {}
        self.goal: GoalData | None = None
        self.people: list[tuple[PersonData, bool]] = []
        self.in_members = False

    def run(self) -> None:
        for block in self.blocks:
            if block.rows is not None:
                self.table(block.rows, block.bold_rows)
                continue
            text = block.text
            head, colon, rest = text.partition(":")
            if colon and rest.strip():
                # "Måluppfyllelse: delvis. 24 deltagare kom" is a line, not a heading; but
                # "Verksamhetsområde: Kultur" is the heading and its text on one line.
                section = None
                inline = self.section_of(head)
                if inline is not None and not FULFILLED_LINE.match(text) and inline != "goals":
                    self.section = inline
                    self.goal = None
                    self.in_members = False
                    text = rest.strip()
            else:
                section = self.section_of(text)
            if section is not None and not (
                section == "goals" and self.section in ("fulfilment", "goals") and not block.heading
            ):
                self.section = section
                self.goal = None
                self.in_members = False
                continue
            if REPLACE_MARK.match(text) or INSTRUCTIONS.match(text) or self.own.is_guidance(text):
                # The template's instruction, "(ersätt text) …" or a known guidance sentence.
                continue
            self.line(text, block)
        self.finish()

    def section_of(self, text: str) -> str | None:
        """The section a heading starts: the cooperation's own wording first, then Mall's."""
        return self.own.section_of(self.p.kind, text) or _section_of(text)

    def keep(self, text: str) -> None:
        self.p.unparsed.append(text)

    def line(self, text: str, block: Block) -> None:
        p = self.p
        if (
            block.heading
            and self.section not in ("head", "goals", "fulfilment")
            and _looks_like_heading(text)
        ):
            # A heading the reader does not know is never a field's content.
            self.keep(text)
            return
        if m := CONTACT.match(text):
            person = parse_person(m[1])
            p.contact = person
            p.sources["contact"] = text
            self.in_members = False
            return
        if m := MEMBERS.match(text):
            p.sources["members"] = text
            body = m[1] if m[1] is not None else m[2]
            for part in re.split(r"\s*;\s*", body or ""):
                if person := parse_person(part):
                    p.members.append(person)
            self.in_members = True
            return
        section = self.section
        if section == "head":
            if re.match(r"^Revision \d+ från", text):
                p.revision = text
                self.in_members = False
                return
            if (
                self.in_members
                and (person := parse_person(text))
                and (person.email or person.municipality)
            ):
                p.members.append(person)
                p.sources["members"] = p.sources.get("members", "") + "\n" + text
                return
            if re.match(r"^(Inte godkänd|Godkänd av|Inte godtagen|Godtagen av)", text):
                p.status_note = text
                return
            if re.match(r"^(Redovisas mot|Gruppen hade ingen godkänd)", text):
                p.plan_note = text
                return
            self.keep(text)
        elif section in ("field_of_work", "summary", "revisions", "network_activities"):
            self.texts.setdefault(section, []).append(text)
        elif section == "purpose":
            if m := re.match(
                r"^(Målsättningar|Övergripande målsättningar)\s*:\s*(.*)$", text, re.I
            ):
                items = [o.strip() for o in m[2].split(",") if o.strip() and o.strip() not in "–-"]
                p.objectives = items
                p.sources["objectives"] = text
            else:
                self.texts.setdefault("purpose", []).append(text)
        elif section == "goals":
            self.goal_line(text, block)
        elif section == "fulfilment":
            self.fulfilment_line(text, block)
        elif section == "activities":
            self.activity_line(text)
        elif section in ("priorities", "report_priorities"):
            self.priority_line(text, report=section == "report_priorities")
        elif section == "results":
            planned, _sep, result = text.partition(" – ")
            res, rest = _result(result) if result else (None, None)
            p.results.append(ResultData(planned, res, rest, source=text))
        elif section == "meetings":
            if m := re.search(r"\d+", text):
                p.meetings = int(m[0])
                p.sources["meetings"] = text
            elif text not in "–-":
                self.keep(text)
        elif section == "municipalities":
            if text not in "–-":
                p.municipalities = [m.strip() for m in re.split(r"[,;]", text) if m.strip()]
                p.sources["municipalities"] = text
        else:
            self.keep(text)

    # -- goals

    def goal_line(self, text: str, block: Block) -> None:
        p = self.p
        if self.goal is not None and (FULFILLED_LINE.match(text) or REASON_LINE.match(text)):
            self.fulfilment_line(text, block)
            return
        if self.goal is not None and _is_detail(text) and _apply_detail(self.goal, text):
            self.goal.source += "\n" + text
            self.goal.uncertain = []
            return
        if m := GOAL_START.match(text):
            number, statement = m[1], m[2].strip()
            parent = number.rsplit(".", 1)[0] if "." in number else None
            goal = GoalData(number=number, statement=statement, parent=parent, source=text)
            p.goals.append(goal)
            self.goal = goal
            if not p.made_by_samverkan:
                _mine_goal(goal, p.year)
            return
        # Free text: a paragraph may hold several goals, one per sentence.
        sentences = [s.strip() for s in _SENTENCES.split(text) if s.strip()]
        goalish = [
            s
            for s in sentences
            if any(pat.search(s) for _n, pat in DIRECTIONS) or re.search(r"\d", s)
        ]
        if not goalish and not block.bullet:
            self.keep(text)
            return
        for sentence in goalish or [text]:
            goal = GoalData(number=None, statement=sentence.rstrip(), source=text)
            p.goals.append(goal)
            self.goal = goal
            _mine_goal(goal, p.year)
        for sentence in sentences:
            if sentence not in goalish and goalish:
                self.keep(sentence)

    def fulfilment_line(self, text: str, block: Block) -> None:
        p = self.p
        if m := GOAL_START.match(text):
            number, statement = m[1], m[2].strip()
            parent = number.rsplit(".", 1)[0] if "." in number else None
            self.goal = GoalData(number=number, statement=statement, parent=parent, source=text)
            p.goals.append(self.goal)
            if " – " in statement or ":" in statement:
                # "1. Öka … – delvis uppfyllt"
                head, _sep, tail = statement.rpartition(" – ")
                if head and (f := _fulfilment(tail)):
                    self.goal.statement, self.goal.fulfilment = head.strip(), f
            return
        goal = self.goal
        if goal is None:
            # Prose before the first goal: it may still name a goal and its fulfilment.
            if (f := _fulfilment(text)) is not None and re.search(r"\bmål", text, re.I):
                goal = GoalData(number=None, statement=text, fulfilment=f, source=text)
                goal.uncertain.append("statement")
                p.goals.append(goal)
                self.goal = goal
                return
            if block.heading and _looks_like_heading(text):
                self.keep(text)
            else:
                self.texts.setdefault("summary", []).append(text)
            return
        if block.heading and _looks_like_heading(text) and not FULFILLED_LINE.match(text):
            self.keep(text)
            return
        goal.source += "\n" + text
        if m := FULFILLED_LINE.match(text):
            value = m[2]
            head, _sep, tail = value.partition(" – ")
            goal.fulfilment = _fulfilment(head)
            if goal.fulfilment is None and not re.search(r"inte redovisat", head, re.I):
                goal.uncertain.append("fulfilment")
            rest = value
            if r := REACHED.search(tail or ""):
                goal.value_reached = _plain(_number(r[1]))
                rest = head  # "uppnått 24 deltagare" is the value reached, with its unit
            if goal.fulfilment is not None:
                rest = FULFILMENT_WORDS.sub("", rest, count=1)
            else:
                rest = re.sub(r"^\s*inte redovisat\b", "", rest, flags=re.I)
            # "delvis. 24 deltagare kom, målet var 30.": what follows the word is the comment.
            rest = rest.strip(" .,;:–-") and rest.strip(" ,;:–-")
            if rest:
                goal.comment = "\n".join(filter(None, [goal.comment, rest]))
            return
        if m := REASON_LINE.match(text):
            goal.reason = m[2].strip()
            return
        if goal.fulfilment is None and (f := _fulfilment(text)) and len(text) < 200:
            goal.fulfilment = f
            goal.comment = "\n".join(filter(None, [goal.comment, text]))
            return
        goal.comment = "\n".join(filter(None, [goal.comment, text]))

    # -- activities

    def activity_line(self, text: str) -> None:
        p = self.p
        what = re.sub(r"^[-–•*]\s*", "", text)
        activity = ActivityData(what=what, source=text)
        if m := re.search(r"\bansvarig\s*:?\s*([^,;.()]+)", what, re.I):
            activity.responsible = m[1].strip()
            what = (what[: m.start()] + what[m.end() :]).strip(" ,;.–-")
        if m := re.search(
            rf"\b(?:när|datum|klart|senast)\s*:?\s*((?:\d{{1,2}}\s+)?(?:{_MONTH_RE})\.?(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})",
            what,
            re.I,
        ):
            activity.when_text = m[1]
            when = parse_date(m[1], p.year)
            activity.when = when.isoformat() if when else None
            what = (what[: m.start()] + what[m.end() :]).strip(" ,;.–-")
        elif m := _ISO.search(what):
            activity.when_text = m[0]
            activity.when = parse_date(m[0]).isoformat()  # type: ignore[union-attr]
            what = (what[: m.start()] + what[m.end() :]).strip(" ,;.–-")
        if " – " in what:
            activity.what, _sep, how = what.partition(" – ")
            activity.how = how.strip() or None
        else:
            activity.what = what
        if activity.when is None:
            activity.uncertain.append("when")
        if activity.responsible is None:
            activity.uncertain.append("responsible")
        p.activities.append(activity)

    def priority_line(self, text: str, *, report: bool) -> None:
        if text.strip() in {"–", "-"}:
            return
        item = PriorityData(text=text)
        body = text
        if report and " – " in text:
            body, _sep, done = text.rpartition(" – ")
            item.what_was_done = done.strip() or None
            item.text = body.strip()
        if m := re.match(r"^([^:]+):\s*(\d{1,2}\.\d{1,2})\b", body):
            item.area, item.code = m[1].strip(), m[2]
        elif m := re.search(r"\b(\d{1,2}\.\d{1,2})\b", body):
            item.code = m[1]
        else:
            item.area = body.split(":")[0].strip()
        self.p.priorities.append(item)

    # -- tables

    def table(self, rows: list[list[str]], bold_rows: list[bool] | None = None) -> None:
        p = self.p
        bold_rows = bold_rows or []

        def header(i: int, row: list[str]) -> bool:
            # Recognised by its words, by being all bold, or as the row naming the columns.
            return _is_header_row(row) or (i < len(bold_rows) and bold_rows[i] and i == 0)

        people = _people_from_table(rows)
        if people is not None:
            for person, is_contact in people:
                if is_contact and p.contact is None:
                    p.contact = person
                else:
                    p.members.append(person)
            p.sources["members"] = "\n".join(" | ".join(r) for r in rows)
            return
        columns = _activity_columns(rows[0])
        if columns is not None and p.kind != "plan" and "done" in columns:
            # A report's activity table: what was planned and how it went.
            self.section = "results"
            for i, row in enumerate(rows):
                if i == 0 or row == rows[0] or header(i, row):
                    continue  # the header row, or it repeated on the next page
                planned = row[columns["what"]] if columns["what"] < len(row) else ""
                result_text = row[columns["done"]] if columns["done"] < len(row) else ""
                if not planned:
                    self.keep(" | ".join(c for c in row if c))
                    continue
                res, rest = _result(result_text) if result_text else (None, None)
                p.results.append(ResultData(planned, res, rest, source=" | ".join(row)))
            return
        if columns is not None and self.section in ("activities", "head", "goals", None):
            self.section = "activities"
            for i, row in enumerate(rows[1:], start=1):
                if row == rows[0] or header(i, row):
                    continue  # a header row, or the header repeated on the next page

                def cell(name: str, row: list[str] = row) -> str | None:
                    i = columns.get(name)
                    return (row[i] or None) if i is not None and i < len(row) else None

                what = cell("what")
                if not what:
                    if any(row):
                        self.keep(" | ".join(c for c in row if c))
                    continue
                activity = ActivityData(
                    what=what,
                    how=cell("how"),
                    responsible=cell("responsible"),
                    goals=cell("goals"),
                    source=" | ".join(row),
                )
                when_text = cell("when")
                if when_text:
                    activity.when_text = when_text
                    when = parse_date(when_text, p.year)
                    activity.when = when.isoformat() if when else None
                    if when is None:
                        activity.uncertain.append("when")
                done_text = cell("done")
                activity.done = _done(done_text or "") if done_text else None
                if done_text and activity.done is None:
                    activity.uncertain.append("done")
                p.activities.append(activity)
            return
        if self.section in ("results", "fulfilment") or (
            len(rows[0]) >= 2 and re.search(r"planerade", rows[0][0], re.I)
        ):
            self.section = "results"
            for i, row in enumerate(rows):
                if re.search(r"planerade vi|^planerat", row[0], re.I) or header(i, row):
                    continue
                planned = row[0]
                result_text = " ".join(c for c in row[1:] if c)
                if not planned and not result_text:
                    continue
                res, rest = _result(result_text) if result_text else (None, None)
                p.results.append(ResultData(planned, res, rest, source=" | ".join(row)))
            return
        for row in rows:
            self.keep(" | ".join(c for c in row if c))

    def finish(self) -> None:
        p = self.p
        for name, lines in self.texts.items():
            text = "\n".join(line for line in lines if line not in {"–", "-"}) or None
            if name == "summary" and p.kind != "plan" and p.summary:
                text = "\n".join(filter(None, [p.summary, text]))
            if name == "revisions" and text == "Inga revideringar.":
                text = None
            setattr(p, name, text)
            if lines:
                # Also "Inga revideringar.": read, and meaning that the field is empty.
                p.sources[name] = "\n".join(lines)
        if p.kind == "plan":
            if not p.goals:
                p.uncertain.append("goals")
            if not p.activities:
                p.uncertain.append("activities")
        if p.contact is None:
            p.uncertain.append("contact")
        if p.kind == "report" and any(g.fulfilment is None for g in p.goals):
            p.uncertain.append("fulfilment")
