"""Security headers on every page: CSP without inline scripts, Referrer- and Permissions-Policy."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "samverkan" / "templates"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/konto/logga-in/",
        "/organisation/",
        "/api/v1/docs",
        "/finns-inte/",
    ],
)
def test_every_page_has_the_policies(demo_data, client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives.get("script-src", "")
    assert directives["frame-ancestors"] == "'none'"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_too(persona):
    response = persona("secretariat").get(reverse("desk:my_page"))
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_handler():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if inline.search(path.read_text()) or handler.search(path.read_text())
    ]
    assert offenders == []
