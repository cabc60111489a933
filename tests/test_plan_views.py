"""The plan pages for each role, and bad input answered at the field in Swedish."""

import pytest
from django.urls import reverse

from samverkan.organisation.models import Group, Person
from samverkan.planning.models import Goal, PlanVersion, Status
from samverkan.planning.services import plans as services
from tests.planning_helpers import approved_plan, complete_plan, open_year, user


def _url(version, name="planning:version", *extra):
    return reverse(
        name, args=[version.plan.year.year, version.plan.group.slug, version.number, *extra]
    )


@pytest.fixture
def draft(demo_data):
    return complete_plan()


ALL_ROLES = [
    "visitor",
    "signed_in_visitor",
    "group_member",
    "contact_person",
    "secretariat",
    "chief_executive",
    "council_member",
    "administrator",
]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_sees_a_draft(draft, persona, role):
    response = persona(role).get(_url(draft))
    allowed = {
        "group_member",
        "contact_person",
        "secretariat",
        "chief_executive",
        "council_member",
        "administrator",
    }
    assert response.status_code == (200 if role in allowed else 404)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_edits_a_draft(draft, persona, role):
    response = persona(role).post(
        _url(draft, "planning:edit"),
        {"lock_version": draft.lock_version, "field_of_work": "Ändrat", "purpose": "x"},
    )
    draft.refresh_from_db()
    if role in {"group_member", "contact_person"}:
        assert response.status_code == 302
        assert draft.field_of_work == "Ändrat"
    else:
        assert response.status_code in {302, 403, 404}
        if response.status_code == 302:
            assert "/konto/logga-in/" in response["Location"]
        assert draft.field_of_work != "Ändrat"


def test_visitor_sees_approved_plan_without_contact_details(demo_data, persona):
    version = approved_plan()
    response = persona("visitor").get(_url(version))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Öka antalet e-boklån" in html
    assert "@" not in html.split("<main")[1]
    assert "Historik" not in html  # workflow comments stay internal
    pdf = persona("visitor").get(_url(version, "planning:export", "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_visitor_year_overview_lists_only_approved(demo_data, persona):
    approved_plan()
    html = persona("visitor").get(reverse("planning:year", args=[2027])).content.decode()
    assert "Godkänd" in html and "Utkast" not in html


def test_transition_buttons_follow_the_role(draft, persona):
    html = persona("contact_person").get(_url(draft)).content.decode()
    assert "Skicka för förankring" in html
    html = persona("group_member").get(_url(draft)).content.decode()
    assert "Skicka för förankring" not in html


def test_refused_transition_by_post_is_403(draft, persona):
    response = persona("group_member").post(_url(draft, "planning:transition", "start_anchoring"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_transition_error_is_shown_in_swedish(demo_data, persona):
    plan = services.plan_create(
        group=Group.objects.get(slug="bibliotek"), year=open_year(), actor=user("medlem")
    )
    version = plan.versions.get()
    response = persona("contact_person").post(
        _url(version, "planning:transition", "start_anchoring"), follow=True
    )
    html = response.content.decode()
    assert "Skriv minst ett mål för året." in html


def test_a_step_that_would_be_refused_is_shown_disabled_with_the_reason(demo_data, persona):
    plan = services.plan_create(
        group=Group.objects.get(slug="bibliotek"), year=open_year(), actor=user("medlem")
    )
    html = persona("contact_person").get(_url(plan.versions.get())).content.decode()
    assert 'disabled aria-describedby="held-start_anchoring"' in html
    assert "Fyll först i det som fortfarande saknas (listat ovan)." in html


def test_submit_waits_for_the_anchoring_and_says_so(draft, persona):
    contact = persona("contact_person")
    contact.post(_url(draft, "planning:transition", "start_anchoring"))
    draft.refresh_from_db()
    assert draft.status == Status.ANCHORING
    html = contact.get(_url(draft)).content.decode()
    assert 'disabled aria-describedby="held-submit"' in html
    assert "Alla medlemmar måste förankra planen först." in html
    # Reopening is never held back.
    assert 'aria-describedby="held-reopen"' not in html


def test_a_complete_draft_may_be_sent_for_anchoring(draft, persona):
    html = persona("contact_person").get(_url(draft)).content.decode()
    assert "Skicka för förankring" in html
    assert "held-start_anchoring" not in html


def _goal_data(draft, **overrides):
    data = {
        "lock_version": draft.lock_version,
        "statement": "Öka antalet besök",
        "direction": "increase",
        "measure": "besök",
        "unit": "antal",
        "baseline_value": "100",
        "target_value": "120",
        "deadline": "2027-10-01",
    }
    data.update(overrides)
    return data


def test_target_that_is_not_a_number_is_refused_at_the_field(draft, persona):
    response = persona("group_member").post(
        _url(draft, "planning:goal_add"), _goal_data(draft, target_value="många")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ange ett tal, till exempel 25 eller 12,5." in html
    assert 'id="field-target_value"' in html
    assert "Öka antalet besök" in html  # what was typed is kept
    assert not Goal.objects.filter(statement="Öka antalet besök").exists()


def test_swedish_decimal_comma_is_accepted(draft, persona):
    response = persona("group_member").post(
        _url(draft, "planning:goal_add"),
        _goal_data(draft, target_value="12,5", baseline_value="10"),
    )
    assert response.status_code == 302
    assert str(Goal.objects.get(statement="Öka antalet besök").target_value) == "12.50"


def test_deadline_outside_the_year_needs_a_reason(draft, persona):
    client = persona("group_member")
    response = client.post(
        _url(draft, "planning:goal_add"), _goal_data(draft, deadline="2028-03-01")
    )
    assert response.status_code == 200
    assert "Datumet ligger utanför 2027" in response.content.decode()
    draft.refresh_from_db()
    response = client.post(
        _url(draft, "planning:goal_add"),
        _goal_data(draft, deadline="2028-03-01", deadline_reason="Mätningen görs i februari."),
    )
    assert response.status_code == 302


def test_responsible_must_be_a_member(draft, persona):
    outsider = Person.objects.exclude(memberships__group=draft.plan.group).first()
    response = persona("group_member").post(
        _url(draft, "planning:activity_add"),
        {
            "lock_version": draft.lock_version,
            "what": "Möte",
            "responsible": outsider.pk,
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "Välj en medlem i gruppen." in response.content.decode()


def test_second_save_is_told_and_keeps_the_text(draft, persona):
    first, second = persona("group_member"), persona("contact_person")
    stale = draft.lock_version
    first.post(
        _url(draft, "planning:edit"),
        {"lock_version": stale, "field_of_work": "Första", "purpose": "A"},
    )
    response = second.post(
        _url(draft, "planning:edit"),
        {"lock_version": stale, "field_of_work": "Andras text", "purpose": "B"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "medan du redigerade" in html and "Andras text" in html
    draft.refresh_from_db()
    assert draft.field_of_work == "Första"
    # Saving again, now knowingly, goes through.
    response = second.post(
        _url(draft, "planning:edit"),
        {"lock_version": draft.lock_version, "field_of_work": "Andras text", "purpose": "B"},
    )
    assert response.status_code == 302


def test_smart_check_fragment(draft, persona):
    response = persona("group_member").post(
        _url(draft, "planning:smart_check"), {"statement": "Vi ska jobba bra."}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Ange en riktning" in html


def test_secretariat_opens_a_year_and_others_may_not(demo_data, persona):
    data = {"year": "2028", "plans_due": "2027-12-15", "reports_due": "2029-02-15"}
    assert persona("group_member").post(reverse("planning:years"), data).status_code == 403
    response = persona("secretariat").post(reverse("planning:years"), data)
    assert response.status_code == 302
    response = persona("secretariat").post(reverse("planning:years"), data)
    assert "Det planeringsåret är redan öppnat." in response.content.decode()
    bad = persona("secretariat").post(
        reverse("planning:years"),
        {"year": "2029", "plans_due": "2030-01-01", "reports_due": "2029-02-01"},
    )
    html = bad.content.decode()
    assert "före eller under året" in html and "efter att året har tagit slut" in html


def test_member_starts_next_years_plan_from_the_year_page(demo_data, persona):
    open_year(2027)
    client = persona("group_member")
    html = client.get(reverse("planning:year", args=[2027])).content.decode()
    assert "Påbörja planen för Bibliotek" in html
    response = client.post(reverse("planning:create", args=[2027, "bibliotek"]))
    assert response.status_code == 302
    assert PlanVersion.objects.filter(plan__group__slug="bibliotek", plan__year__year=2027).exists()
    assert (
        persona("secretariat").post(reverse("planning:create", args=[2027, "kultur"])).status_code
        == 403
    )


def test_submission_summarises_the_smart_check(draft, persona):
    response = persona("contact_person").post(
        _url(draft, "planning:transition", "start_anchoring"), follow=True
    )
    html = response.content.decode()
    assert "SMART-kontroll: 0 av 1 mål uppfyller alla fem delar." in html
    assert "Återstår: A." in html


def test_all_goal_problems_show_in_one_round(draft, persona):
    response = persona("group_member").post(
        _url(draft, "planning:goal_add"),
        _goal_data(draft, target_value="många", deadline="2028-03-01"),
    )
    html = response.content.decode()
    assert "Ange ett tal" in html and "Datumet ligger utanför 2027" in html


@pytest.mark.parametrize("value", ["1e5", "NaN", "12,5,5"])
def test_odd_numbers_are_refused(draft, persona, value):
    response = persona("group_member").post(
        _url(draft, "planning:goal_add"), _goal_data(draft, target_value=value)
    )
    assert "Ange ett tal" in response.content.decode()


def test_thousands_written_with_a_space_are_accepted(draft, persona):
    response = persona("group_member").post(
        _url(draft, "planning:goal_add"),
        _goal_data(draft, baseline_value="41 200", target_value="45\u00a0300"),
    )
    assert response.status_code == 302
    assert str(Goal.objects.get(statement="Öka antalet besök").target_value) == "45300.00"


def test_visitors_see_no_approved_plan_rather_than_no_plan(draft, persona):
    html = persona("visitor").get(reverse("planning:year", args=[2027])).content.decode()
    assert "Ingen godkänd plan" in html
