"""The public portal: nothing unpublished leaks, pages are cached until publication,
search finds what is public, and the data can be downloaded."""

import csv
import io
import json
import re
from decimal import Decimal
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator
from samverkan.followup.selectors import indicator_view
from samverkan.followup.services import values_upsert
from samverkan.planning.models import PlanVersion
from samverkan.planning.services import plans as plan_services
from tests.planning_helpers import anchor_all, complete_plan, user
from tests.transparency_helpers import (
    SECRETS,
    contact_details,
    load_portal,
    plant_secrets,
    secret_addresses,
)

SKIP = ("/admin/", "/konto/", "/static/", "/i18n/", "/api/v1/docs", "/mina-sidor/", "/kansli/")
TEXT_TYPES = ("text/html", "application/json", "text/csv")
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _text(response) -> str | None:
    """What a reader of the answer sees: the page, the data, or the text of a PDF or Word file."""
    kind = response.get("Content-Type", "")
    if kind.startswith(TEXT_TYPES):
        return response.content.decode("utf-8-sig")
    if kind.startswith(PDF):
        reader = PdfReader(io.BytesIO(response.content))
        # Without spaces: a line break inside a word must not hide a leak.
        return "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    if kind.startswith(DOCX):
        document = Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return None


@pytest.fixture
def portal(demo_data):
    load_portal()


def crawl(client: Client, starts: list[str], limit: int = 1500) -> dict[str, str]:
    """Every page and API answer reachable from the starts by links, as a visitor sees them."""
    queue, seen, bodies = list(starts), set(), {}
    while queue and len(seen) < limit:
        path = queue.pop()
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        assert response.status_code in (200, 404), (path, response.status_code)
        kind = response.get("Content-Type", "")
        body = _text(response) if response.status_code == 200 else None
        if body is None:
            continue
        bodies[path] = body
        if kind.startswith("text/html"):
            links = re.findall(r'href="([^"#]+)', body)
        elif kind.startswith("application/json"):
            links = re.findall(r'"(?:url|next|html_url|values_url|csv_url)": "([^"]+)"', body)
        else:
            links = []
        for link in links:
            link = link.replace("&amp;", "&")
            absolute = urlparse(urljoin("http://testserver" + path, link))
            if absolute.netloc == "testserver":
                queue.append(absolute.path + (f"?{absolute.query}" if absolute.query else ""))
    assert len(seen) < limit, "the crawl did not finish"
    return bodies


def test_no_draft_comment_or_contact_detail_on_any_public_page_or_api_answer(portal):
    plant_secrets()
    hidden = set(SECRETS.values()) | contact_details()
    starts = ["/", "/oppna-data/", "/api/v1/openapi.json"] + [
        f"/api/v1/{name}?page_size=1000"
        for name in [
            "municipalities",
            "groups",
            "strategic-plans",
            "priority-areas",
            "commitments",
            "plans",
            "reports",
            "decisions",
            "indicators",
        ]
    ]
    starts += ["/api/v1/adoptions", "/beslut-i-kommunerna/"]
    starts += [f"/sok/?q={word}" for word in SECRETS.values()] + ["/sok/?q=hemlig"]
    for client in (Client(), _english()):
        bodies = crawl(client, starts)
        assert len(bodies) > 80, sorted(bodies)  # the crawl really went through the portal
        assert any(p.startswith("/verksamhetsplaner/2026/") for p in bodies)
        assert any(p.endswith(".csv") for p in bodies)
        assert any(p.endswith("export.pdf") for p in bodies)  # exports are read too
        assert any(p.endswith("export.docx") for p in bodies)
        for word in SECRETS.values():
            # The search page repeats what was asked; what it must not do is find it.
            page = bodies.pop(f"/sok/?q={word}")
            assert "Inget publicerat matchar" in page or "Nothing public matches" in page
        leaks = {(p, h) for p, body in bodies.items() for h in hidden if h in body}
        assert not leaks, sorted(leaks)[:10]


def test_unpublished_documents_are_refused_at_their_own_addresses(portal):
    # The crawl follows links; a visitor can also type or guess an address.
    plant_secrets()
    addresses = secret_addresses()
    assert len(addresses) > 10
    hidden = set(SECRETS.values()) | contact_details()
    for client in (Client(), _english()):
        for address in addresses:
            response = client.get(address)
            # Sent to sign in, or told there is nothing here; never shown the document.
            assert response.status_code in (302, 403, 404), (address, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/konto/"), address
            body = _text(response) or response.content.decode(errors="replace")
            assert not {h for h in hidden if h in body}, address


def _english() -> Client:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_the_secrets_are_there_for_those_who_may_see_them(persona, portal):
    # The leak test would pass trivially if the secrets were never shown to anyone.
    plant_secrets()
    draft = PlanVersion.objects.get(plan__year__year=2027, plan__group__slug="bibliotek")
    html = persona("group_member").get(draft.get_absolute_url()).content.decode()
    assert SECRETS["draft"] in html
    assert any(
        value in persona("secretariat").get("/organisation/grupper/bibliotek/").content.decode()
        for value in contact_details()
    )
    approved = PlanVersion.objects.filter(anchorings__manager=SECRETS["anchoring_manager"])[0]
    html = persona("secretariat").get(approved.get_absolute_url()).content.decode()
    assert SECRETS["anchoring_manager"] in html


def test_public_pages_are_cached_for_visitors_and_cleared_by_publishing(
    portal, django_assert_num_queries
):
    visitor = Client()
    first = visitor.get("/verksamhetsplaner/2027/")
    with django_assert_num_queries(1):  # the publication mark only
        again = visitor.get("/verksamhetsplaner/2027/")
    assert again.content == first.content

    version = complete_plan(2027)  # a draft changes nothing the public sees
    with django_assert_num_queries(1):
        assert visitor.get("/verksamhetsplaner/2027/").content == first.content

    _approve(version)
    fresh = visitor.get("/verksamhetsplaner/2027/").content.decode()
    assert fresh != first.content.decode()
    assert version.plan.get_absolute_url() in fresh


def test_an_approved_plans_activity_status_refreshes_the_public_page_and_api(portal):
    visitor = Client()
    version = PlanVersion.objects.filter(
        status="approved", activities__isnull=False, plan__group__slug="bibliotek"
    ).latest("number")
    activity = version.activities.first()
    assert activity.status != "done"
    api = f"/api/v1/plans?year={version.plan.year.year}"
    before_api = visitor.get(api)
    before_page = visitor.get(version.get_absolute_url()).content
    plan_services.activity_status_update(
        activity=activity, status="done", actor=user("kontaktperson")
    )
    after_api = visitor.get(api, headers={"If-None-Match": before_api["ETag"]})
    assert after_api.status_code == 200 and after_api["ETag"] != before_api["ETag"]
    assert visitor.get(version.get_absolute_url()).content != before_page


def _approve(version):
    plan_services.plan_start_anchoring(version=version, actor=user("kontaktperson"))
    anchor_all(version)
    plan_services.plan_submit(version=version, actor=user("kontaktperson"))
    plan_services.plan_approve(version=version, actor=user("kommunchef"))
    version.refresh_from_db()
    return version


def test_signed_in_users_never_get_a_visitors_cached_page(persona, portal):
    Client().get("/organisation/grupper/bibliotek/")
    member = persona("group_member").get("/organisation/grupper/bibliotek/").content.decode()
    assert "Logga ut" in member and any(value in member for value in contact_details())


def test_a_page_with_a_message_for_one_visitor_is_not_cached(portal):
    client = Client()
    client.get("/")
    response = client.get("/", headers={"Cookie": "messages=x"})
    assert response.status_code == 200
    assert not response.cookies.get("csrftoken")  # no per-visitor secret in public pages


def test_kolada_values_bump_the_publication_and_refresh_the_indicator_page(portal):
    visitor = Client()
    before = visitor.get("/uppfoljning/indikatorer/sjukpenningtal/").content.decode()
    values_upsert(
        indicator=Indicator.objects.get(slug="sjukpenningtal"),
        rows=[Row("N00967", "2403", 2026, "T", Decimal("9.9"), "")],
        origin="kolada",
    )
    after = visitor.get("/uppfoljning/indikatorer/sjukpenningtal/").content.decode()
    assert before != after and "2026" in after


def test_search_finds_public_transport_groups_plans_and_reports(portal):
    html = Client().get("/sok/", {"q": "Kollektivtrafik"}).content.decode()
    assert "Godkända verksamhetsplaner" in html and "Godtagna verksamhetsberättelser" in html
    assert "/verksamhetsplaner/2026/infra-kommunikation/" in html
    assert "/verksamhetsplaner/2025/infra-kommunikation/berattelse/" in html
    assert "/uppfoljning/indikatorer/hallbara-resor/" in html


def test_search_folds_swedish_letters_and_skips_what_is_not_public(portal):
    plant_secrets()
    upper = Client().get("/sok/", {"q": "ÖKA ANTALET LÅN"}).content.decode()
    assert "Bibliotek 2026" in upper
    hidden = Client().get("/sok/", {"q": SECRETS["draft"]}).content.decode()
    assert "Inget publicerat matchar" in hidden
    short = Client().get("/sok/", {"q": "a"}).content.decode()
    assert "Skriv minst 2 tecken." in short and 'aria-invalid="true"' in short


def test_search_queries_do_not_grow_with_matches(portal, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert Client().get("/sok/", {"q": "e" * 2}).status_code == 200


def test_indicator_csv_opens_in_swedish_excel(portal):
    indicator = Indicator.objects.get(slug="sjukpenningtal")
    values_upsert(
        indicator=indicator,
        rows=[Row("N00967", "0024", 2024, "T", Decimal("10.25"), "")],
        origin="kolada",
    )
    response = Client().get("/oppna-data/indikatorer/sjukpenningtal.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="sjukpenningtal.csv"' in response["Content-Disposition"]
    cors = Client().get("/oppna-data/2025/grupper.csv", headers={"Origin": "https://x.se"})
    assert cors["Access-Control-Allow-Origin"] == "*"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    county = next(r for r in rows if r["område"] == "0024")
    assert county["områdesnamn"] == "Västerbottens län"
    assert county["värde"] == "10,25" and county["källa"] == "Källa: Kolada"
    demo = next(r for r in rows if r["område"] == "2403")
    assert demo["områdesnamn"] == "Bjurholm" and "inte Kolada" in demo["källa"]
    # The region's computed value, as on the page, marked as computed from invented values.
    region = {r["år"]: r for r in rows if r["område"] == "region"}
    page = indicator_view("sjukpenningtal")
    shown = {str(line["year"]): line["region"] for line in page.table if line["region"]}
    assert set(region) == set(shown) and len(region) >= 10
    last = max(region)
    assert region[last]["områdesnamn"] == "Umeåregionen"
    assert Decimal(region[last]["värde"].replace(",", ".")) == shown[last].quantize(Decimal("0.01"))
    assert region[last]["källa"].startswith("Beräknat ur påhittade demovärden, inte Kolada")
    assert Client().get("/oppna-data/indikatorer/finns-inte.csv").status_code == 404


def test_year_csvs(portal):
    groups = Client().get("/oppna-data/2025/grupper.csv").content.decode("utf-8-sig")
    rows = {r["grupp"]: r for r in csv.DictReader(io.StringIO(groups), delimiter=";")}
    infra = rows["infra-kommunikation"]
    assert infra["verksamhetsplan_godkänd"] == "ja" and infra["mål"] == "2"
    assert infra["verksamhetsberättelse_godtagen"] == "ja"
    met = sum(
        int(infra[k]) for k in ["mål_helt_uppfyllda", "mål_delvis_uppfyllda", "mål_inte_uppfyllda"]
    )
    assert met == 2
    assert rows["arkivnatverket"]["möten"] == "4"
    assert "kultur" not in rows  # neither an approved plan nor an accepted report in 2025
    values = Client().get("/oppna-data/2024/indikatorer.csv").content.decode("utf-8-sig")
    years = {r["år"] for r in csv.DictReader(io.StringIO(values), delimiter=";")}
    assert years == {"2024"}
    assert Client().get("/oppna-data/1999/grupper.csv").status_code == 404
    assert Client().get("/oppna-data/1999/indikatorer.csv").status_code == 404
    # Download managers and link checkers ask HEAD first.
    head = Client().head("/oppna-data/2024/indikatorer.csv")
    assert head.status_code == 200 and head["Content-Type"].startswith("text/csv")
    assert head.content == b""


def test_open_data_offers_a_years_value_file_only_when_it_has_values(portal):
    html = Client().get("/oppna-data/").content.decode()
    assert 'href="/oppna-data/2024/indikatorer.csv"' in html
    assert 'href="/oppna-data/2027/indikatorer.csv"' not in html
    # Likewise a year's group file: 2027 is being planned and has nothing approved yet.
    assert 'href="/oppna-data/2025/grupper.csv"' in html
    assert 'href="/oppna-data/2027/grupper.csv"' not in html
    empty = Client().get("/oppna-data/2027/grupper.csv").content.decode("utf-8-sig")
    assert len(empty.strip().splitlines()) == 1  # the header alone: nothing to offer


def test_open_data_and_accessibility_pages(portal):
    html = Client().get("/oppna-data/").content.decode()
    assert "CC0 1.0" in html and "Källa: Kolada" in html
    assert "/api/v1/docs" in html and "/api/v1/openapi.json" in html
    statement = Client().get("/tillganglighet/").content.decode()
    assert "<h1>Tillgänglighetsredogörelse</h1>" in statement
    assert "Digg" in statement and "WCAG 2.1" in statement
    footer = Client().get("/").content.decode()
    assert 'href="/tillganglighet/"' in footer and 'href="/oppna-data/"' in footer
    decisions = Client().get("/beslut/").content.decode()
    assert 'href="/api/v1/decisions"' in decisions and "Besluten i det öppna API:t" in decisions


def test_health_check_is_plain_and_touches_no_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/halsa/")
    assert response.content == b"ok"
    assert client.post("/halsa/").status_code == 405


def test_api_answer_json_is_valid_utf8(portal):
    body = Client().get("/api/v1/municipalities").content.decode()
    assert "Vännäs" in body  # not \\u escapes
    json.loads(body)


def test_a_group_page_links_to_its_published_plans_and_reports_only(portal):
    plant_secrets()
    infra = Client().get("/organisation/grupper/infra-kommunikation/").content.decode()
    plan = '<a href="/verksamhetsplaner/2026/infra-kommunikation/">Verksamhetsplan 2026</a>'
    assert plan in infra
    assert (
        '<a href="/verksamhetsplaner/2025/infra-kommunikation/berattelse/">'
        "Verksamhetsberättelse 2025</a>" in infra
    )
    # Returned plan (folkhälsa 2026) and a submitted report (kultur 2025) are not linked.
    folkhalsa = Client().get("/organisation/grupper/folkhalsa/").content.decode()
    assert "/verksamhetsplaner/2026/folkhalsa/" not in folkhalsa
    kultur = Client().get("/organisation/grupper/kultur/").content.decode()
    assert "/verksamhetsplaner/2025/kultur/berattelse/" not in kultur


def test_a_group_without_a_described_field_of_work_shows_what_its_approved_plan_says(portal):
    html = Client().get("/organisation/grupper/infra-kommunikation/").content.decode()
    assert "Kollektivtrafik" in html and "enligt verksamhetsplanen 2026" in html
    assert "Inte beskrivet än" not in html


def test_search_shows_a_revised_plan_once(portal):
    html = Client().get("/sok/", {"q": "Bibliotek"}).content.decode()
    assert html.count('href="/verksamhetsplaner/2026/bibliotek/"') == 1
    assert "/verksamhetsplaner/2026/bibliotek/v1/" not in html


def test_search_leads_to_the_revised_away_version_that_says_what_was_searched_for(portal):
    first = PlanVersion.objects.get(plan__group__slug="bibliotek", plan__year__year=2026, number=1)
    goal = first.goals.order_by("order").first()
    goal.statement = "Ett mål om zyxkvistläsning som revisionen strök."
    goal.save()
    html = Client().get("/sok/", {"q": "zyxkvist"}).content.decode()
    # Version 1 matches; version 2, in force, does not: the hit leads to version 1 and says so.
    assert f'href="{first.get_absolute_url()}"' in html
    assert 'href="/verksamhetsplaner/2026/bibliotek/"' not in html
    assert "version 1, sedan reviderad" in html and "zyxkvistläsning" in html


def test_search_marks_only_the_cooperations_own_text_as_swedish(portal):
    client = _english()
    html = client.get("/sok/", {"q": "Bjurholm"}).content.decode()
    municipality = re.search(r'<a href="/organisation/kommuner/2403/"[^>]*>.*?</li>', html, re.S)
    assert municipality, html[:2000]
    # The excerpt is the interface's own English sentence, not Swedish content.
    assert "<p>Representatives" in municipality.group(0)
    html = client.get("/sok/", {"q": "Bibliotek"}).content.decode()
    plan = re.search(r'<a href="/verksamhetsplaner/2026/bibliotek/" lang="sv">', html)
    assert plan, "a plan's Swedish title is marked lang=sv on an English page"
