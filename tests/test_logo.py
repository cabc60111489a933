"""The cooperation's logo: checked when stored, served with a strict policy, shown in the
header, the documents and the back office."""

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from samverkan.core.exports import registry
from samverkan.core.exports.logo import png_size
from samverkan.core.models import AuditEntry
from samverkan.organisation import selectors
from samverkan.organisation.models import Cooperation
from samverkan.organisation.services import (
    cooperation_logo_clear,
    cooperation_logo_set,
)
from samverkan.planning.documents import plans
from samverkan.planning.selectors import plans as plan_selectors
from samverkan.setup import services as setup_services
from samverkan.setup.reader import SetupFileError
from tests import pdf_checks
from tests.planning_helpers import approved_plan

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
    b'<circle cx="20" cy="20" r="18" fill="#1d5c4d"/></svg>'
)


def png(width: int = 3, height: int = 2) -> bytes:
    """A real, tiny PNG: white pixels, written by hand."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def coop(demo_data):
    coop = Cooperation.objects.order_by("pk").first()
    yield coop
    # The demo's rows are kept between tests: leave the cooperation without a logo.
    Cooperation.objects.filter(pk=coop.pk).update(logo=None, logo_type="", logo_updated_at=None)


def _refused(coop, data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        cooperation_logo_set(cooperation=coop, data=data)
    return " ".join(error.value.messages)


def test_a_png_and_an_svg_are_accepted_and_audited(coop, persona):
    cooperation_logo_set(cooperation=coop, data=png(), actor=None)
    coop.refresh_from_db()
    assert (bytes(coop.logo), coop.logo_type) == (png(), "image/png")
    assert png_size(png(3, 2)) == (3, 2)
    cooperation_logo_set(cooperation=coop, data=SVG)
    coop.refresh_from_db()
    assert coop.logo_type == "image/svg+xml" and coop.logo_updated_at
    entry = AuditEntry.objects.filter(action="samverkan.cooperation.logo_set").latest("pk")
    assert entry.changes["logo_type"] == "image/svg+xml"
    cooperation_logo_clear(cooperation=coop)
    coop.refresh_from_db()
    assert not coop.logo and coop.logo_type == ""
    assert AuditEntry.objects.filter(action="samverkan.cooperation.logo_cleared").exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "skript",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
            "skript",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="https://example.org/x.png"/></svg>',
            "https://example.org/x.png",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x.se/a)"/></svg>',
            "http://x.se/a",
        ),
        (b"<html><body/></html>", "<svg>"),
        (b"GIF89a garbage", "kunde inte läsas"),
        (b"\x89PNG\r\n\x1a\nbroken", "skadad"),
        (b"", "tom"),
        (b"<svg>" + b" " * 600_000 + b"</svg>", "512 kB"),
    ],
)
def test_unsafe_or_broken_logos_are_refused_in_swedish(coop, data, words):
    assert words in _refused(coop, data)
    coop.refresh_from_db()
    assert not coop.logo


def test_an_svg_may_link_within_itself_and_embed_an_image(coop):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<defs><circle id="c" r="4"/></defs><use xlink:href="#c"/>'
        b'<image href="data:image/png;base64,AAAA" width="1" height="1"/></svg>'
    )
    cooperation_logo_set(cooperation=coop, data=svg)


def test_the_logo_is_served_with_a_strict_policy(coop, client):
    url = reverse("transparency:logo")
    assert client.get(url).status_code == 404
    cooperation_logo_set(cooperation=coop, data=SVG)
    response = client.get(url + "?v=1")
    assert response.status_code == 200
    assert response.content == SVG
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    assert "immutable" in response["Cache-Control"]
    assert response["Last-Modified"]
    again = client.get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_the_header_shows_the_logo_before_the_name(coop, client):
    page = client.get("/").content.decode()
    assert "brand-logo" not in page
    cooperation_logo_set(cooperation=coop, data=png())
    coop.refresh_from_db()
    page = client.get("/").content.decode()
    version = int(coop.logo_updated_at.timestamp())
    assert f'<img class="brand-logo" src="/logotyp/?v={version}" alt="" height="32">' in page
    assert page.index("brand-logo") < page.index(coop.display_name, page.index("brand-logo"))


def test_the_header_does_not_read_the_logos_bytes(coop):
    cooperation_logo_set(cooperation=coop, data=png())
    with CaptureQueriesContext(connection) as ctx:
        found = selectors.cooperation()
    assert found is not None and '"logo"' not in ctx.captured_queries[0]["sql"].split("FROM")[0]


def test_document_brand_reads_name_and_logo_at_once(coop):
    cooperation_logo_set(cooperation=coop, data=SVG)
    with CaptureQueriesContext(connection) as ctx:
        name, logo = selectors.document_brand()
    assert len(ctx.captured_queries) == 1
    assert (name, logo) == (coop.display_name, SVG)


def _change_url(coop) -> str:
    return f"/admin/organisation/cooperation/{coop.pk}/change/"


def _admin_post(client: Client, coop, **extra) -> object:
    form = {
        field: getattr(coop, field) or ""
        for field in (
            "name",
            "short_name",
            "county_code",
            "county_name",
            "vision",
            "target_population",
            "target_year",
            "description",
            "horizontal_principles",
            "secretariat_activities",
            "page_limit",
        )
    }
    if coop.demo_data:
        form["demo_data"] = "on"
    form.update(extra)
    return client.post(_change_url(coop), form)


def test_an_administrator_uploads_and_removes_the_logo(coop, persona):
    client = persona("administrator")
    page = client.get(_change_url(coop)).content.decode()
    assert 'type="file"' in page and "Ta bort logotypen" not in page  # nothing to remove
    response = _admin_post(client, coop, logo_file=SimpleUploadedFile("logo.svg", SVG))
    assert response.status_code == 302, response.content.decode()[:2000]
    coop.refresh_from_db()
    assert coop.logo_type == "image/svg+xml"
    entry = AuditEntry.objects.filter(action="samverkan.cooperation.logo_set").latest("pk")
    assert entry.actor.username == "admin"
    assert "Ta bort logotypen" in client.get(_change_url(coop)).content.decode()

    bad = b'<svg xmlns="http://www.w3.org/2000/svg" onclick="x()"/>'
    response = _admin_post(client, coop, logo_file=SimpleUploadedFile("logo.svg", bad))
    assert response.status_code == 200
    assert "händelsehanterare" in response.content.decode()
    coop.refresh_from_db()
    assert bytes(coop.logo) == SVG

    response = _admin_post(client, coop, logo_remove="on")
    assert response.status_code == 302
    coop.refresh_from_db()
    assert not coop.logo and coop.logo_type == ""


@pytest.mark.parametrize("role", ["visitor", "group_member", "chief_executive"])
def test_others_may_not_upload_a_logo(coop, persona, role):
    client = persona(role)
    response = _admin_post(client, coop, logo_file=SimpleUploadedFile("logo.svg", SVG))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    coop.refresh_from_db()
    assert not coop.logo


# --- The set-up file -------------------------------------------------------------------

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "samverkan"
    / "datasets"
    / "cooperations"
    / "exempelforbundet.yaml"
)


def _setup(path) -> str:
    out = io.StringIO()
    call_command("setup", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_set_up_file_names_a_logo_beside_it_and_a_second_run_changes_nothing():
    _setup(EXAMPLE)
    coop = Cooperation.objects.get()
    assert coop.logo_type == "image/svg+xml"
    assert bytes(coop.logo) == EXAMPLE.with_name("exempelforbundet-logo.svg").read_bytes()
    changed_at = coop.logo_updated_at
    assert "är aktuell; inget ändrades." in _setup(EXAMPLE)
    coop.refresh_from_db()
    assert coop.logo_updated_at == changed_at
    assert AuditEntry.objects.filter(action="samverkan.cooperation.logo_set").count() == 1


@pytest.mark.django_db
def test_a_bad_logo_in_the_set_up_file_is_refused_at_its_line(tmp_path):
    (tmp_path / "logo.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')
    text = EXAMPLE.read_text("utf-8").replace("exempelforbundet-logo.svg", "logo.svg")
    (tmp_path / "coop.yaml").write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "logo: logo.svg" in row)
    with pytest.raises(SetupFileError) as error:
        setup_services.check_file(tmp_path / "coop.yaml")
    (problem,) = error.value.problems
    assert (problem.line, problem.where) == (line, "cooperation.logo")
    assert "händelsehanterare" in problem.message
    (tmp_path / "coop.yaml").write_text(text.replace("logo.svg", "saknas.svg"), "utf-8")
    with pytest.raises(SetupFileError) as error:
        setup_services.check_file(tmp_path / "coop.yaml")
    assert "kan inte läsas" in str(error.value)
    assert not Cooperation.objects.exists()


@pytest.mark.django_db
def test_pasted_text_naming_a_logo_file_sets_up_the_rest_and_says_so():
    text = EXAMPLE.read_text("utf-8")
    setup_services.setup_from_text(text)
    assert Cooperation.objects.get().logo is None
    assert setup_services.logo_left_out(text) == "exempelforbundet-logo.svg"


# --- The documents ----------------------------------------------------------------------


def _page_one_images(content: bytes) -> list:
    """The image XObjects drawn on page one, within forms too (an SVG becomes a form)."""
    found = []

    def walk(resources) -> None:
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Image":
                found.append(xobject)
            elif xobject.get("/Resources") is not None:
                walk(xobject.Resources)

    with pikepdf.open(io.BytesIO(content)) as document:
        walk(document.pages[0].Resources)
        return [(int(x.Width), int(x.Height)) for x in found]


@pytest.fixture
def version(demo_data):
    approved = approved_plan()
    return plan_selectors.version_detail(approved.plan, approved.number)


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_a_plans_pdf_shows_the_logo_and_stays_pdf_ua(coop, version, kind):
    without = registry.get("plan_pdf").render(version, public=True).content
    data = (
        png(40, 20)
        if kind == "png"
        else EXAMPLE.with_name("exempelforbundet-logo.svg").read_bytes()
    )
    cooperation_logo_set(cooperation=coop, data=data)
    content = registry.get("plan_pdf").render(version, public=True).content
    reading = pdf_checks.read(content)
    assert reading.marked and reading.pdfua and reading.lang.startswith("sv")
    assert reading.title == pdf_checks.read(without).title
    if kind == "png":
        assert (40, 20) in _page_one_images(content)
        assert (40, 20) not in _page_one_images(without)
    else:
        # Drawn as vectors: the page grows by the logo's shapes.
        assert content != without and len(content) > len(without)
    assert plans.page_count(content) == plans.page_count(without)


def test_the_docx_header_holds_the_logo_with_the_cooperations_name(coop, version):
    cooperation_logo_set(
        cooperation=coop, data=EXAMPLE.with_name("exempelforbundet-logo.svg").read_bytes()
    )
    content = registry.get("plan_docx").render(version, public=True).content
    header = Document(io.BytesIO(content)).sections[0].header
    pictures = header._element.xpath(".//pic:pic")
    assert len(pictures) == 1
    (described,) = header._element.xpath(".//wp:docPr/@descr")
    assert described == coop.display_name
