"""The plan form of each shipped cooperation in real Chromium: its own headings and guidance
above the fields, the guidance read out with the field (aria-describedby), and no axe findings.
"""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from samverkan.datasets import demo, umearegionen
from samverkan.organisation import services as organisation_services
from samverkan.organisation.models import Group, Membership, Municipality, Person
from samverkan.planning.services import plans as plan_services
from samverkan.setup import services as setup_services
from tests.browser import chromium_page, screenshot, sign_in
from tests.planning_helpers import complete_plan, open_year
from tests.snapshots import load_once
from tests.test_browser_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "samverkan"
    / "datasets"
    / "cooperations"
    / "exempelforbundet.yaml"
)
PASSWORD = "pw-samverkan-1"


def _described_by(page, field: str) -> str:
    """The text a screen reader reads as the field's description."""
    ids = page.locator(f"#{field}").get_attribute("aria-describedby") or ""
    return " ".join(page.locator(f"#{i}").inner_text() for i in ids.split())


def _check_form(page, *, heading: str, guidance: str) -> None:
    label = page.locator("label[for=id_field_of_work]")
    assert label.inner_text() == heading
    assert label.evaluate("l => l.parentElement.tagName") == "H2"
    assert guidance in _described_by(page, "id_field_of_work")
    assert not _violations(page)


def test_umearegionens_plan_form_has_mall_1s_words(live_server):
    load_once("umearegionen", umearegionen.load)

    def people() -> None:
        demo.load_people()
        demo.ensure_accounts()

    load_once("browser: people", people)
    version = complete_plan()
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        sign_in(page, live_server.url, "medlem", demo.DEMO_PASSWORD)
        page.goto(f"{live_server.url}{version.get_absolute_url()}redigera/")
        assert page.locator("h1").inner_text() == "Redigera planen"
        _check_form(
            page,
            heading="Verksamhetsområde",
            guidance="Inom vilket område verkar ni? Vad är er specialitet",
        )
        assert "Umeåregionens 3 övergripande målsättningar" in _described_by(page, "id_purpose")
        screenshot(page, "wording-plan-edit-umearegionen")


def _example_plan() -> str:
    setup_services.setup_from_file(EXAMPLE)
    group = Group.objects.get(slug="e-tjanster")
    person = Person.objects.create(
        first_name="Máret",
        last_name="Đuolja",
        municipality=Municipality.objects.get(code="2321"),
        title="utvecklare",
        email="maret@example.se",
    )
    person.user = get_user_model().objects.create_user(username="maret", password=PASSWORD)
    person.save(update_fields=["user"])
    organisation_services.membership_create(
        group=group, person=person, role=Membership.Role.CONTACT_PERSON, start=date(2026, 1, 1)
    )
    plan = plan_services.plan_create(group=group, year=open_year(2027), actor=person.user)
    return plan.versions.get().get_absolute_url()


def test_the_invented_federations_plan_form_has_its_own_words(live_server):
    url = load_once("browser: a network's plan in the example", _example_plan)
    with chromium_page(bypass_csp=True) as page:
        sign_in(page, live_server.url, "maret", PASSWORD)
        page.goto(f"{live_server.url}{url}redigera/")
        _check_form(
            page,
            heading="Nätverkets uppdrag",
            guidance="Vad arbetar nätverket med, och vilka yrkesgrupper möts i det?",
        )
        html = page.content()
        assert "Förbundets prioriteringar" in html and "Verksamhetsområde" not in html
        screenshot(page, "wording-plan-edit-exempelforbundet")
        page.goto(f"{live_server.url}{url}")
        assert page.locator("#goals").inner_text() == "Nätverksplanens mål för 2027"
        screenshot(page, "wording-plan-page-exempelforbundet")
