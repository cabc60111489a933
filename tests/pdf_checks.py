"""Reading a PDF back as an assistive technology would: tags, language, title, outline."""

import io
import shutil
import subprocess
from dataclasses import dataclass, field

import pikepdf
from pypdf import PdfReader


@dataclass
class Reading:
    marked: bool
    lang: str
    title: str
    pdfua: bool
    tags: list[str] = field(default_factory=list)
    figure_alts: list[str] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)
    pages: int = 0


def _walk(node, reading: Reading) -> None:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _walk(kid, reading)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    tag = node.get("/S")
    if tag is not None:
        reading.tags.append(str(tag)[1:])
        if str(tag) == "/Figure":
            reading.figure_alts.append(str(node.get("/Alt", "")))
    kids = node.get("/K")
    if kids is not None:
        _walk(kids, reading)


def _outline(items, titles: list[str]) -> None:
    for item in items:
        titles.append(item.title)
        _outline(item.children, titles)


def read(content: bytes) -> Reading:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        mark = root.get("/MarkInfo")
        metadata = pdf.open_metadata()
        reading = Reading(
            marked=bool(mark is not None and mark.get("/Marked")),
            lang=str(root.get("/Lang", "")),
            title=str(pdf.docinfo.get("/Title", "")),
            pdfua=str(metadata.get("pdfuaid:part", "")) == "1",
            pages=len(pdf.pages),
        )
        if "/StructTreeRoot" in root:
            _walk(root.StructTreeRoot, reading)
        with pdf.open_outline() as outline:
            _outline(outline.root, reading.outline)
    return reading


def text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdfinfo_tagged(content: bytes, tmp_path) -> bool | None:
    """What poppler's pdfinfo says about tagging (None where pdfinfo is missing)."""
    if shutil.which("pdfinfo") is None:
        return None
    path = tmp_path / "check.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    return "Tagged:          yes" in out.stdout


def assert_accessible(content: bytes, *, title: str, tmp_path, lang: str = "sv") -> Reading:
    reading = read(content)
    assert reading.marked, "not /MarkInfo /Marked true"
    assert reading.lang.split("-")[0] == lang, reading.lang
    assert reading.title == title
    assert reading.pdfua, "no PDF/UA-1 identification"
    assert "H1" in reading.tags and "H2" in reading.tags
    assert all(reading.figure_alts), "a figure without alternative text"
    assert title in reading.outline
    assert pdfinfo_tagged(content, tmp_path) in {True, None}
    return reading
