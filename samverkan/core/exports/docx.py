"""The house style of samverkan's Word documents, shared by every DOCX export: DejaVu Sans
(it draws Sámi letters), headings in the brand colour with Word's own heading styles (so the
navigation pane and screen readers find them), the document's language and title, table
header rows repeated on every page, and pictures with alternative text.

Only the look is set here; what a document says, and in which order, is its exporter's.
"""

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Row

FONT = "DejaVu Sans"
BRAND = RGBColor(0x0B, 0x4F, 0x7C)
HEADING_SIZES = {"Title": 20, "Heading 1": 14, "Heading 2": 11.5, "Heading 3": 10}


def _set_language(document: DocxDocument, lang: str) -> None:
    """The proofing language of all text (w:lang in the document defaults)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), lang)
    language.set(qn("w:bidi"), lang)


def new_document(
    title: str, *, lang: str = "sv-SE", author: str = "", logo_png: bytes | None = None
) -> DocxDocument:
    """An empty document in the house style, with its title and language set, and the
    cooperation's logo (PNG) at the right of its header, described by `author`."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    for name, size in HEADING_SIZES.items():
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BRAND if name != "Title" else RGBColor(0, 0, 0)
    properties = document.core_properties
    properties.title = title
    properties.language = lang
    properties.author = author
    _set_language(document, lang)
    if logo_png:
        paragraph = document.sections[0].header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run().add_picture(io.BytesIO(logo_png), height=Mm(10))
        # Word reads a picture's alternative text from its drawing's docPr description.
        for doc_pr in paragraph._p.iter(qn("wp:docPr")):
            doc_pr.set("descr", author)
    return document


def header_row(row: _Row) -> None:
    """Mark a table's first row as its header: repeated on every page, read as headers."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        trpr.append(header)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def table(document: DocxDocument, rows: list[list]) -> Table:
    """A grid table whose first row is the header."""
    result = document.add_table(rows=0, cols=len(rows[0]))
    result.style = "Table Grid"
    for row in rows:
        cells = result.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    header_row(result.rows[0])
    return result


def picture(document: DocxDocument, png: bytes, *, width, alt: str) -> None:
    """A chart as a picture with alternative text (Word's "Alt Text", docPr/@descr)."""
    shape = document.add_picture(io.BytesIO(png), width=width)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", alt)


def save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
