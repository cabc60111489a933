"""A council meeting: its agenda, its decisions linked to what they answer, and its minutes,
public only once approved (justerade)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from samverkan.core.models import AuditEntry
from samverkan.governance import services
from samverkan.governance.models import AgendaItem, Assignment, Decision, Matter, Meeting
from tests.planning_helpers import user
from tests.transparency_helpers import load_portal


@pytest.fixture
def meeting(demo_data):
    load_portal()
    return Meeting.objects.get(date=date(2026, 9, 24))


def _url(meeting):
    return reverse("governance:meeting", args=[meeting.pk])


def test_the_secretariat_builds_the_agenda(meeting, persona):
    client = persona("secretariat")
    matter = Matter.objects.get(title="Gemensamt lånekort för hela regionen")
    response = client.post(_url(meeting), {"form": "agenda", "agenda-title": ""})
    assert response.status_code == 400
    assert response.context["agenda_form"].errors["title"] == ["Ge punkten en rubrik."]
    for title in ("Mötets öppnande", "Gemensamt lånekort"):
        response = client.post(
            _url(meeting), {"form": "agenda", "agenda-title": title, "agenda-matter": matter.pk}
        )
        assert response.status_code == 302
    assert list(meeting.agenda.values_list("number", "title")) == [
        (1, "Mötets öppnande"),
        (2, "Gemensamt lånekort"),
    ]
    assert AuditEntry.objects.filter(action="samverkan.agenda_item.added").count() == 2
    # The agenda is public, the matter behind it is not.
    public = Client().get(_url(meeting)).content.decode()
    assert "Gemensamt lånekort" in public and "Gemensamt lånekort för hela regionen" not in public
    signed_in = persona("group_member").get(_url(meeting)).content.decode()
    assert "Gemensamt lånekort för hela regionen" in signed_in


def test_minutes_are_public_only_once_approved_and_then_locked(meeting, persona):
    client = persona("secretariat")
    response = client.post(
        _url(meeting), {"form": "minutes", "minutes-minutes": "§ 1 Utkast HEMLIGTUTKASTPROTOKOLL"}
    )
    assert response.status_code == 302
    assert "HEMLIGTUTKASTPROTOKOLL" not in Client().get(_url(meeting)).content.decode()
    response = client.post(
        _url(meeting),
        {
            "form": "minutes",
            "minutes-minutes": "§ 1 Justerat protokoll",
            "minutes-minutes_approved_on": "2026-09-01",
        },
    )
    assert response.status_code == 400
    errors = response.context["minutes_form"].errors
    assert "före sammanträdet" in errors["minutes_approved_on"][0]
    assert errors["minutes_approved_by"]
    response = client.post(
        _url(meeting),
        {
            "form": "minutes",
            "minutes-minutes": "§ 1 Justerat protokoll",
            "minutes-minutes_approved_on": "2026-10-01",
            "minutes-minutes_approved_by": "Anna Andersson",
        },
    )
    assert response.status_code == 302
    public = Client().get(_url(meeting)).content.decode()
    assert "§ 1 Justerat protokoll" in public and "Anna Andersson" in public
    assert AuditEntry.objects.filter(action="samverkan.meeting.minutes_approved").exists()
    with pytest.raises(ValidationError):
        services.minutes_save(meeting=meeting, minutes="Ändrat", actor=user("kansli"))
    assert "minutes_form" not in client.get(_url(meeting)).context or (
        client.get(_url(meeting)).context["minutes_form"] is None
    )


@pytest.mark.parametrize(
    "role",
    ["visitor", "signed_in_visitor", "group_member", "contact_person", "chief_executive"],
)
def test_only_the_secretariat_writes_agenda_and_minutes(meeting, persona, role):
    client = persona(role)
    assert client.get(_url(meeting)).status_code == 200
    response = client.post(_url(meeting), {"form": "agenda", "agenda-title": "Intrång"})
    assert response.status_code == 403
    response = client.post(_url(meeting), {"form": "minutes", "minutes-minutes": "Intrång"})
    assert response.status_code == 403
    assert not AgendaItem.objects.exists()
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""
    with pytest.raises(PermissionDenied):
        services.agenda_item_add(meeting=meeting, title="x", actor=user("kommunchef"))


def test_a_decision_names_the_matters_and_assignments_it_answers(meeting, persona):
    matter = Matter.objects.get(title="Gemensamt lånekort för hela regionen")
    assignment = Assignment.objects.get(title="Utred gemensam upphandling av e-böcker")
    response = persona("secretariat").post(
        reverse("governance:decision_add", args=[meeting.pk]),
        {
            "decision-kind": "other",
            "decision-title": "Lånekort",
            "decision-text": "Regionrådet ställer sig bakom ett gemensamt lånekort.",
            "decision-matters": [matter.pk],
            "decision-assignments": [assignment.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(title="Lånekort")
    assert list(decision.matters.all()) == [matter]
    assert list(decision.assignments.all()) == [assignment]
    html = persona("group_member").get(_url(meeting)).content.decode()
    assert "Svarar på:" in html and matter.title in html
    assert matter.title not in Client().get(_url(meeting)).content.decode()


def test_a_meeting_of_another_body_is_not_found_here(meeting):
    assert Client().get(reverse("governance:meeting", args=[999999])).status_code == 404
