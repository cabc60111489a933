"""Headless Chromium for browser tests: Debian's package, driven by Playwright."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import axe_playwright_python
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import sync_playwright

from samverkan.accounts.permissions import must_use_second_factor
from tests.second_factor import current_code, totp_device

SCREENSHOTS = (
    Path(
        os.environ.get(
            "SAMVERKAN_SCREENSHOTS", Path(__file__).resolve().parent.parent / "test-artifacts"
        )
    )
    / "screenshots"
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextmanager
def chromium_page(locale: str = "sv-SE", *, bypass_csp: bool = False):
    """`bypass_csp` for a test that injects a script of its own (axe-core): the pages'
    Content-Security-Policy would refuse it, and is then not checked either."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium.")

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # while one runs. The tests only touch the ORM between browser steps, so allow it here
    # and only here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        context = browser.new_context(
            locale=locale, viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp
        )
        page = context.new_page()
        # The Content-Security-Policy forbids inline scripts: any page that tried one fails.
        violations: list[str] = []
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        try:
            yield page
            assert not violations, f"Content-Security-Policy violations: {violations}"
        finally:
            context.close()
            browser.close()
            if previous is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def sign_in(
    page, base_url: str, username: str, password: str, next_path: str = "/", *, code: bool = True
) -> None:
    """Sign in through the form. The secretariat and administrators then type their app's
    code (a device is made for them first, tests/second_factor.py) unless `code` is False."""
    page.context.clear_cookies()
    user = get_user_model().objects.filter(username=username).first()
    device = totp_device(user) if code and user and must_use_second_factor(user) else None
    page.goto(f"{base_url}/konto/logga-in/?next={next_path}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    if device is not None and "/konto/tvastegs/verifiera/" in page.url:
        page.get_by_label("Kod").fill(current_code(device))
        page.get_by_role("button", name="Fortsätt").click()
        page.wait_for_load_state()


AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page. Injecting axe is an inline
    script: open the page with chromium_page(bypass_csp=True)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
