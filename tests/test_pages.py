from django.urls import reverse

from samverkan.organisation.models import Group, Person

PAGES = [
    ("transparency:home", []),
    ("organisation:chart", []),
    ("organisation:groups", []),
    ("organisation:group", ["bibliotek"]),
    ("organisation:body", ["council"]),
    ("organisation:body", ["chief_executives"]),
    ("organisation:body", ["secretariat"]),
    ("strategy:plan", []),
    ("strategy:version", [2006]),
    ("strategy:compare", []),
    ("strategy:priority_areas", []),
    ("strategy:framework", ["aalborg"]),
    ("accounts:login", []),
    ("planning:years", []),
    ("governance:decisions", []),
    ("council:overview", []),
    ("followup:vision", []),
    ("transparency:search", []),
    ("transparency:open_data", []),
    ("transparency:accessibility", []),
]


def test_every_public_page_renders_in_swedish(demo_data, client):
    for name, args in PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="sv">' in html
        assert html.count("<h1") == 1, name
        assert 'href="#main"' in html


def test_every_public_page_renders_in_english(demo_data, client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    for name, args in PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="en">' in html, name
    html = client.get(reverse("organisation:chart")).content.decode()
    assert "Develop the region" in html and "Projects and time-limited efforts" in html


def test_start_page_shows_vision_and_objectives(demo_data, client):
    html = client.get("/").content.decode()
    assert "Världens bästa livsmiljö för en kvarts miljon människor 2050" in html
    for title in ("Utveckla regionen", "Effektivisera kommunal förvaltning", "Demokratiskt"):
        assert title in html
    assert "påhittad" in html  # the demo banner says the people are invented


def test_chart_links_every_active_group(demo_data, client):
    html = client.get(reverse("organisation:chart")).content.decode()
    for group in Group.objects.filter(status="active"):
        assert f'href="{group.get_absolute_url()}"' in html, group
    assert html.count('href="/organisation/grupper/flyktingmottagning/"') == 2
    assert "Normstorm" in html and "start 2011" in html
    assert "Seminarier, mässor, utställningar" in html


def test_group_page_hides_contact_details_from_visitors(demo_data, persona):
    contact = Person.objects.filter(memberships__group__slug="bibliotek").first()
    html = persona("visitor").get(reverse("organisation:group", args=["bibliotek"])).content
    html = html.decode()
    assert str(contact) in html
    assert contact.email not in html and contact.phone not in html
    assert "Logga in för att se" in html


def test_group_page_shows_contact_details_when_signed_in(demo_data, persona):
    contact = Person.objects.filter(memberships__group__slug="bibliotek").first()
    for role in ("signed_in_visitor", "group_member", "council_member"):
        html = persona(role).get(reverse("organisation:group", args=["bibliotek"])).content
        assert contact.email in html.decode(), role


def test_council_page_hides_contact_details_from_visitors(demo_data, client):
    html = client.get(reverse("organisation:body", args=["council"])).content.decode()
    assert "Ordförande" in html and "2023–2026" in html
    assert "@" not in html.split("<main")[1]


def test_unknown_group_is_404(demo_data, client):
    assert client.get("/organisation/grupper/finns-inte/").status_code == 404
    assert client.get("/strategisk-plan/1999/").status_code == 404


def test_compare_shows_what_changed(persona):
    client = persona("secretariat")
    response = client.get(reverse("strategy:compare"), {"from": 2006, "to": 2027})
    html = response.content.decode()
    assert "Europas kulturhuvudstad" in html and "<ins>" in html and "<del>" in html
    assert "Tillagt:" in html and "Borttaget:" in html


def test_compare_with_bad_input_is_400(persona):
    response = persona("secretariat").get(reverse("strategy:compare"), {"from": "x", "to": 2027})
    assert response.status_code == 400


def test_proposals_are_hidden_from_visitors_and_groups(persona):
    for role in ("visitor", "signed_in_visitor", "group_member", "contact_person"):
        client = persona(role)
        assert client.get(reverse("strategy:version", args=[2027])).status_code == 404, role
        response = client.get(reverse("strategy:compare"), {"from": 2006, "to": 2027})
        assert response.status_code == 404, role
        assert "2027" not in client.get(reverse("strategy:plan")).content.decode(), role


def test_proposals_are_shown_to_those_who_decide(persona):
    for role in ("secretariat", "chief_executive", "council_member", "administrator"):
        response = persona(role).get(reverse("strategy:version", args=[2027]))
        assert response.status_code == 200, role
        assert "Förslag" in response.content.decode()


def test_the_plan_in_force_is_the_decided_one(persona):
    html = persona("secretariat").get(reverse("transparency:home")).content.decode()
    assert "Europas kulturhuvudstad" not in html
    assert "2006-11-23" in html


def test_priority_matrix_marks_the_prioritising_municipalities(demo_data, client):
    response = client.get(reverse("strategy:priority_areas"))
    rows = response.context["rows"]
    municipalities = [m.name for m in response.context["municipalities"]]
    row = next(r for r in rows if r.priority.commitment.code == "6.2")
    chosen = {name for name, mark in zip(municipalities, row.prioritised_by, strict=True) if mark}
    assert chosen == {"Vindeln", "Vännäs", "Nordmaling", "Bjurholm"}
    assert len(rows) == 10


def test_not_found_page_is_the_sites_own_and_offers_sign_in(demo_data, client, settings):
    settings.DEBUG = False
    response = client.get("/verksamhetsplaner/2099/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="sv">' in html and "Sidan kunde inte hittas" in html
    assert "/konto/logga-in/?next=" in html


def test_forbidden_page_is_the_sites_own(persona, settings):
    settings.DEBUG = False
    response = persona("group_member").get("/kansli/2026/")
    assert response.status_code == 403
    assert "Du får inte göra det här" in response.content.decode()


def test_swedish_by_default_whatever_the_browser_says(demo_data, client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()
