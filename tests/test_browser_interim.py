"""The interim follow-up in real Chromium, on the invented federation whose file asks for one:
a member starts it from the group's page, fills it in and saves; the secretariat notes it and
the public reads it. Each page passes axe and is photographed."""

import pytest
from django.urls import reverse

from samverkan.organisation.models import Group
from samverkan.planning.models import InterimReport, InterimStatus
from tests.browser import chromium_page, screenshot, sign_in
from tests.snapshots import load_once
from tests.test_any_cooperation import YEAR, _build, approve_a_plan
from tests.test_browser_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-samverkan-1"  # tests/test_any_cooperation.py's accounts


def _example() -> int:
    pks = _build("exempelforbundet")
    approve_a_plan(Group.objects.get(pk=pks["plan_group"]))
    return pks["plan_group"]


@pytest.fixture
def site(live_server):
    group = Group.objects.get(pk=load_once("exempelforbundet with an approved plan", _example))
    return live_server.url, group


def test_a_member_fills_in_the_interim_report_and_the_secretariat_notes_it(site):
    base, group = site
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        sign_in(page, base, "grupp1", PASSWORD, next_path=group.get_absolute_url())
        page.goto(base + group.get_absolute_url())
        table = page.locator("table", has=page.get_by_text("Omgångarna under de öppna åren"))
        assert f"Delårsuppföljning {YEAR}" in table.inner_text()
        assert f"{YEAR}-08-31" in table.inner_text()
        assert not _violations(page)
        screenshot(page, "interim-group-page")

        page.get_by_role("button", name=f"Påbörja Delårsuppföljning {YEAR}").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Fyll i delårsrapporten"
        page.get_by_label("Läget").fill("Kampanjen är försenad men arbetet går framåt.")
        page.get_by_label("Försenad").check()
        page.get_by_label("Kommentar").fill("Tryckeriet var sent.")
        page.get_by_label("Vad som behöver uppmärksammas").fill("Trycket blev dyrare.")
        assert not _violations(page)
        screenshot(page, "interim-form")
        page.get_by_role("button", name="Spara").click()
        page.wait_for_load_state()
        assert "Sparat." in page.locator("main").inner_text()
        assert "Försenad" in page.locator("main").inner_text()

        sign_in(page, base, "grupp0", PASSWORD, next_path="/")
        report = InterimReport.objects.get(group=group)
        page.goto(base + report.get_absolute_url())
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.get_by_role("button", name="Lämna in till kansliet").click()
        page.wait_for_load_state()

        desk = reverse("desk:year", args=[YEAR])
        sign_in(page, base, "kansli", PASSWORD, next_path=desk)
        page.goto(base + desk)
        section = page.locator(
            "section", has=page.get_by_role("heading", name="Delårsuppföljningar")
        )
        assert group.name in section.inner_text()
        assert not _violations(page)
        screenshot(page, "interim-desk")
        section.get_by_role("link", name=f"{group.name}: Delårsuppföljning").click()
        page.wait_for_load_state()
        assert not _violations(page)
        screenshot(page, "interim-submitted")
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.get_by_role("button", name="Notera delårsrapporten").click()
        page.wait_for_load_state()
        report.refresh_from_db()
        assert report.status == InterimStatus.NOTED

        page.context.clear_cookies()
        page.goto(base + report.get_absolute_url())
        text = page.locator("main").inner_text()
        assert "Tryckeriet var sent." in text and "@" not in text
        assert not _violations(page)
        screenshot(page, "interim-public")
