"""Every public page passes axe-core with no serious or critical violations, in Swedish and in
English, on a desktop and a phone-sized screen."""

from pathlib import Path

import axe_playwright_python
import pytest

from samverkan.datasets import demo, demo_plans, demo_values, umearegionen
from tests.browser import chromium_page
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
PAGES = [
    "/",
    "/organisation/",
    "/organisation/grupper/",
    "/organisation/grupper/bibliotek/",
    "/organisation/organ/council/",
    "/strategisk-plan/",
    "/prioriterade-omraden/",
    "/ramverk/aalborg/",
    "/verksamhetsplaner/",
    "/verksamhetsplaner/2026/",
    "/verksamhetsplaner/2026/bibliotek/v2/",
    "/verksamhetsplaner/2025/bibliotek/berattelse/",
    "/beslut/",
    "/uppfoljning/",
    "/uppfoljning/indikatorer/invanare/",
    "/uppfoljning/vision/",
    "/konto/logga-in/",
    "/konto/aterstall/",
    "/konto/inbjudan/ingen-sadan-lank/",
    "/sok/?q=kollektivtrafik",
    "/sok/?q=x",
    "/oppna-data/",
    "/tillganglighet/",
    "/verksamhetsplaner/2026/infra-kommunikation/v1/",
    "/verksamhetsplaner/2025/infra-kommunikation/berattelse/",
    "/uppfoljning/indikatorer/hallbara-resor/",
    "/organisation/grupper/infra-kommunikation/",
    "/verksamhetsplaner/2025/",
    "/strategisk-plan/2006/",
    "/strategisk-plan/jamfor/",
    "/organisation/organ/chief_executives/",
    "/organisation/organ/secretariat/",
    "/organisation/kommuner/",
    "/organisation/kommuner/2403/",
    "/arshjul/2027/?kommun=2460",
    "/beslut-i-kommunerna/",
    "/folj/decision/1/",
]
# Drawn by Swagger UI, English only, and without our layout: axe alone applies.
API_DOCS = "/api/v1/docs"


def _data():
    demo.load_people()
    demo.load_networks()
    demo.ensure_accounts()
    demo_plans.load_plans()
    demo_plans.load_reports()
    demo_plans.load_governance()
    demo_values.load_values()


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: every page", _data)
    return live_server.url


def _violations(page, *, layout: bool = True) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    problems = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    if layout:
        # axe rates these "moderate", but the issue asks for them on every page.
        if page.locator("h1").count() != 1:
            problems.append(f"{page.locator('h1').count()} h1 elements")
        problems.extend(
            f"no {landmark} landmark"
            for landmark in ("header", "main", "footer")
            if page.locator(f"body > {landmark}, body > * > {landmark}").count() < 1
        )
        if page.locator("a.skip-link, a[href='#main']").count() < 1:
            problems.append("no skip link")
    return problems


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_pass_axe(site, width):
    found = {}
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        page.set_viewport_size({"width": width, "height": 900})
        for path in PAGES:
            page.goto(site + path)
            problems = _violations(page)
            if problems:
                found[path] = problems
        page.goto(site + API_DOCS)
        page.wait_for_selector(".opblock")  # Swagger UI has drawn the operations
        if problems := _violations(page, layout=False):
            found[API_DOCS] = problems
        page.goto(site + "/")
        page.get_by_role("button", name="In English").click()
        page.wait_for_load_state()
        for path in PAGES:
            page.goto(site + path)
            assert page.locator("html").get_attribute("lang") == "en"
            problems = _violations(page)
            if problems:
                found[f"en {path}"] = problems
    assert not found, found
