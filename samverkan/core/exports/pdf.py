"""Every PDF samverkan makes, through one engine: Typst, compiled in-process.

A document is built in Python as a list of blocks (headings, paragraphs, framed boxes, tables,
figures) and handed to one Typst template (typst/document.typ, in the house style of
typst/house.typ) as JSON data. User text is therefore never markup: a goal that says
`#import`, `]` or `*` prints as written. The output is tagged PDF/UA-1 with the document's
language and title, an outline from the headings, table header rows and figures with
alternative text. The bundled DejaVu fonts draw Sámi letters, and system fonts are ignored so
the output is the same on every machine.
"""

import io
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pypdf import PdfReader

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
TEMPLATE = TEMPLATE_DIR / "document.typ"

Block = dict[str, Any]


def heading(text: str, level: int = 2) -> Block:
    return {"kind": "heading", "level": level, "text": text or ""}


def para(text: str, style: str = "base") -> Block:
    """A paragraph of plain text in one of the house styles: base, small, muted, strong, lead."""
    return {"kind": "para", "style": style, "text": text or ""}


def labelled(label: str, text: str, *, small: bool = False) -> Block:
    """A paragraph that starts with a bold label ("Contact person for the group: …")."""
    return {"kind": "labelled", "label": label, "text": text or "", "small": small}


def box(blocks: list[Block]) -> Block:
    """A framed section, as the templates' text boxes; long content runs onto the next page."""
    return {"kind": "box", "blocks": blocks}


def indent(blocks: list[Block]) -> Block:
    return {"kind": "indent", "blocks": blocks}


def keep(blocks: list[Block]) -> Block:
    """Blocks kept on one page where they fit (a group's entry in a compilation)."""
    return {"kind": "keep", "blocks": blocks}


def table(header: list[str], rows: list[list[Any]], widths: list[float]) -> Block:
    """A table whose first row is a header row (TH), repeated on each page; widths are
    relative (they are shares of the line)."""
    return {
        "kind": "table",
        "header": [str(h) for h in header],
        "rows": [[str(c) if c is not None else "" for c in row] for row in rows],
        "widths": widths,
    }


def figure(svg: str, alt: str, *, width: float = 0.9) -> Block:
    """A chart (SVG) as a figure with alternative text; width is a share of the line."""
    return {"kind": "figure", "svg": svg, "alt": alt, "width": width}


def space(points: float = 4) -> Block:
    return {"kind": "space", "size": points}


def pagebreak() -> Block:
    return {"kind": "pagebreak"}


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    lang: str = ""
    author: str = ""  # the cooperation, as its data names it
    # The cooperation's logo as SVG text (core.exports.logo.logo_svg), top right on page one.
    logo_svg: str = ""

    def data(self) -> dict[str, Any]:
        lang = (self.lang or get_language() or "sv").split("-")[0]
        return {
            "title": self.title,
            "author": self.author,
            "logo_svg": self.logo_svg,
            "lang": lang,
            "region": "SE" if lang == "sv" else "GB",
            "page_label": _("Page"),
            "blocks": self.blocks,
        }


_compiler: typst.Compiler | None = None
_lock = threading.Lock()
# A fixed creation date: the same document gives the same bytes, which tests and caches like.
_TIMESTAMP = datetime(2000, 1, 1, tzinfo=UTC)


def _get_compiler() -> typst.Compiler:
    global _compiler
    if _compiler is None:
        _compiler = typst.Compiler(
            root=str(TEMPLATE_DIR), font_paths=[str(FONT_DIR)], ignore_system_fonts=True
        )
    return _compiler


def render(document: Document) -> bytes:
    """The document as tagged PDF/UA-1."""
    inputs = {"data": json.dumps(document.data(), ensure_ascii=False)}
    with _lock:
        result = _get_compiler().compile(
            input=str(TEMPLATE),
            format="pdf",
            sys_inputs=inputs,
            pdf_standards=["ua-1"],
            timestamp=_TIMESTAMP,
        )
    assert isinstance(result, bytes)
    return result


def page_count(pdf_bytes: bytes) -> int:
    """The number of pages Typst laid out."""
    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)
