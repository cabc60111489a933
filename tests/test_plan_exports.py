"""The plan's PDF and DOCX open in ordinary readers and carry the plan's text."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from samverkan.core.exports import registry
from samverkan.planning.documents import plans as exports
from samverkan.planning.selectors import plans as selectors
from tests.planning_helpers import approved_plan


@pytest.fixture
def version(demo_data):
    approved = approved_plan()
    return selectors.version_detail(approved.plan, approved.number)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_has_the_mall_1_headings_and_the_plan(version):
    result = registry.get("plan_pdf").render(version, public=False)
    assert result.content_type == "application/pdf"
    assert result.filename == "verksamhetsplan-2027-bibliotek-v1.pdf"
    text = _pdf_text(result.content)
    for expected in (
        "Verksamhetsplan 2027 för Umeåregionens Bibliotek-arbetsgrupp",
        "Verksamhetsområde",
        "Avsikt/Syfte",
        "Mål 2027",
        "Aktivitetsplan 2027",
        "Öka antalet e-boklån",
        "Kampanj för e-boken",
        "Đuolja",
    ):
        assert expected in text, expected
    assert exports.page_count(result.content) <= 2


def test_docx_opens_and_holds_the_same_plan(version):
    result = registry.get("plan_docx").render(version, public=False)
    document = Document(io.BytesIO(result.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Verksamhetsplan 2027 för Umeåregionens Bibliotek-arbetsgrupp" in text
    assert "Öka antalet e-boklån" in text and "Đuolja" in text
    assert "Kampanj för e-boken" in cells


def test_public_exports_leave_out_phone_and_email(version):
    contact, _members = selectors.people_of(version)
    for identifier in ("plan_pdf", "plan_docx"):
        private = registry.get(identifier).render(version, public=False).content
        public = registry.get(identifier).render(version, public=True).content
        if identifier == "plan_pdf":
            private_text, public_text = _pdf_text(private), _pdf_text(public)
        else:
            private_text = "\n".join(p.text for p in Document(io.BytesIO(private)).paragraphs)
            public_text = "\n".join(p.text for p in Document(io.BytesIO(public)).paragraphs)
        assert contact.email in private_text.replace("\n", "")
        assert contact.email not in public_text.replace("\n", "")
        assert "@" not in public_text
