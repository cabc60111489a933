"""Assignments, matters, the council's decisions, municipal adoption, the yearly review of the
strategic plan, and the groups' lifecycle."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverkan.core.models import AuditEntry
from samverkan.governance import services
from samverkan.governance.models import Adoption, Assignment, Decision, Matter, Meeting
from samverkan.organisation.models import Body, Group, Membership, current_q
from samverkan.planning.models import PlanningYear
from samverkan.strategy.selectors import current_plan_version
from tests.planning_helpers import user


@pytest.fixture
def council_meeting(demo_data):
    return Meeting.objects.create(
        body=Body.objects.get(kind=Body.Kind.COUNCIL), date=date(2026, 11, 20), place="Vännäs"
    )


def test_chief_executives_give_assignments_others_may_not(demo_data):
    group = Group.objects.get(slug="bibliotek")
    fields = dict(
        title="Kartlägg e-boksutbudet", group=group, given_on=date(2026, 3, 1), due=date(2026, 9, 1)
    )
    for username in ("kansli", "medlem", "regionrad"):
        with pytest.raises(PermissionDenied):
            services.assignment_give(actor=user(username), **fields)
    assignment = services.assignment_give(actor=user("kommunchef"), **fields)
    assert AuditEntry.objects.filter(action="samverkan.assignment.given").exists()
    with pytest.raises(ValidationError) as exc:
        services.assignment_update(
            assignment=assignment, status="done", outcome="", actor=user("medlem")
        )
    assert "outcome" in exc.value.message_dict
    services.assignment_update(
        assignment=assignment, status="done", outcome="Klart.", actor=user("medlem")
    )
    with pytest.raises(PermissionDenied):
        services.assignment_update(
            assignment=assignment, status="open", outcome="", actor=user("regionrad")
        )


def test_assignment_due_before_given_is_refused_in_swedish(demo_data, persona):
    response = persona("chief_executive").post(
        reverse("governance:assignments"),
        {
            "title": "Utred",
            "to_secretariat": "on",
            "given_on": "2026-05-01",
            "due": "2026-04-01",
        },
    )
    assert response.status_code == 200
    assert "Ett uppdrag kan inte ha sista dag före den dag det gavs." in response.content.decode()
    assert not Assignment.objects.exists()


def test_assignment_shown_on_group_page_and_desk(demo_data, persona):
    services.assignment_give(
        actor=user("kommunchef"),
        title="Kartlägg e-boksutbudet",
        group=Group.objects.get(slug="bibliotek"),
        given_on=date(2026, 3, 1),
        due=date(2026, 9, 1),
    )
    page = persona("group_member").get(reverse("organisation:group", args=["bibliotek"]))
    assert "Kartlägg e-boksutbudet" in page.content.decode()

    PlanningYear.objects.create(
        year=2026, plans_due=date(2025, 12, 15), reports_due=date(2027, 2, 15)
    )
    desk = persona("secretariat").get(reverse("desk:year", args=[2026]))
    assert "Kartlägg e-boksutbudet" in desk.content.decode()


def test_matter_goes_through_the_head_of_secretariat(demo_data):
    group = Group.objects.get(slug="bibliotek")
    matter = services.matter_raise(
        group=group,
        kind=Matter.Kind.COOPERATION,
        title="Gemensam e-boksupphandling",
        description="Förslag",
        actor=user("medlem"),
    )
    with pytest.raises(ValidationError):
        services.matter_decide(
            matter=matter, decision="Ja", decided_on=date.today(), actor=user("kommunchef")
        )
    with pytest.raises(PermissionDenied):
        services.matter_forward(matter=matter, actor=user("medlem"))
    services.matter_forward(matter=matter, actor=user("kansli"))
    with pytest.raises(PermissionDenied):
        services.matter_decide(
            matter=matter, decision="Ja", decided_on=date.today(), actor=user("kansli")
        )
    services.matter_decide(
        matter=matter,
        decision="Uppdras åt kansliet att utreda.",
        decided_on=date.today(),
        actor=user("kommunchef"),
    )
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DECIDED and matter.decision
    with pytest.raises(PermissionDenied):
        services.matter_raise(
            group=Group.objects.get(slug="kultur"),
            kind="improvement",
            title="x",
            description="y",
            actor=user("medlem"),
        )
    with pytest.raises(PermissionDenied):
        services.matter_raise(
            group=group, kind="summons", title="x", description="y", actor=user("medlem")
        )


def test_decision_tracks_each_municipality(council_meeting):
    decision = services.decision_record(
        meeting=council_meeting,
        actor=user("kansli"),
        kind=Decision.Kind.PRIORITY_AREAS,
        title="Prioriterade områden 2027",
        text="Regionrådet beslutar ...",
        concerns_municipalities=True,
    )
    # Every member on the meeting day: the six founders and Örnsköldsvik.
    assert decision.adoptions.count() == 7
    assert set(decision.adoptions.values_list("status", flat=True)) == {"pending"}
    umea = decision.adoptions.get(municipality__code="2480")
    with pytest.raises(ValidationError) as exc:
        services.adoption_record(
            adoption=umea,
            status="adopted",
            decided_on=date(2026, 11, 1),
            reference="KS 2026/12",
            actor=user("kansli"),
        )
    assert "före sammanträdet den 2026-11-20" in exc.value.message_dict["decided_on"][0]
    services.adoption_record(
        adoption=umea,
        status="adopted",
        decided_on=date(2026, 12, 8),
        reference="KS 2026/12",
        paragraph="45",
        actor=user("kansli"),
    )
    # The chief executive of Umeå represents Umeå, not the other members.
    vannas = decision.adoptions.get(municipality__code="2460")
    with pytest.raises(PermissionDenied):
        services.adoption_record(
            adoption=vannas,
            status="rejected",
            decided_on=date(2026, 12, 8),
            reference="KS 2026/1",
            paragraph="1",
            actor=user("kommunchef"),
        )
    assert decision.adoptions.filter(status=Adoption.Status.PENDING).count() == 6


def test_yearly_review_drafts_and_adopts_the_plan(council_meeting):
    with pytest.raises(PermissionDenied):
        services.plan_version_draft(year=2027, actor=user("medlem"))
    proposal = services.plan_version_draft(year=2028, actor=user("kansli"))
    assert proposal.decision_date is None
    assert proposal.objectives.count() == 3
    assert current_plan_version().year == 2006
    services.decision_record(
        meeting=council_meeting,
        actor=user("kansli"),
        kind=Decision.Kind.ADOPT_PLAN,
        title="Reviderad strategisk plan",
        text="Regionrådet antar planen.",
        plan_version=proposal,
        concerns_municipalities=True,
        valid_from=date(2026, 11, 21),
    )
    proposal.refresh_from_db()
    assert proposal.decision_date == date(2026, 11, 20)
    assert current_plan_version().year == 2028


def test_adopt_plan_decision_needs_a_version(council_meeting):
    with pytest.raises(ValidationError) as exc:
        services.decision_record(
            meeting=council_meeting,
            actor=user("kansli"),
            kind=Decision.Kind.ADOPT_PLAN,
            title="x",
            text="y",
        )
    assert "plan_version" in exc.value.message_dict


def test_decisions_page_is_public_and_shows_pending(council_meeting, persona):
    services.decision_record(
        meeting=council_meeting,
        actor=user("kansli"),
        kind=Decision.Kind.COMMISSION,
        title="Uppdrag om kollektivtrafik",
        text="Text",
    )
    html = persona("visitor").get(reverse("governance:decisions")).content.decode()
    assert "Uppdrag om kollektivtrafik" in html and "Inte beslutat än" in html
    assert 'name="status"' not in html  # no forms for visitors


def test_only_the_secretariat_records_decisions(council_meeting, persona):
    for role in ("chief_executive", "council_member", "group_member"):
        response = persona(role).post(
            reverse("governance:decision_add", args=[council_meeting.pk]), {}
        )
        assert response.status_code == 403, role


def test_convert_working_group_into_network_carries_members(demo_data):
    group = Group.objects.get(slug="turism")
    members = set(
        Membership.objects.filter(current_q(), group=group).values_list("person_id", flat=True)
    )
    with pytest.raises(PermissionDenied):
        services.group_convert_to_network(
            group=group, name="Turismnätverket", on=date.today(), actor=user("kommunchef")
        )
    network = services.group_convert_to_network(
        group=group, name="Turismnätverket", on=date.today(), actor=user("kansli")
    )
    group.refresh_from_db()
    assert group.status == Group.Status.CONVERTED and group.converted_into == network
    assert (
        set(
            Membership.objects.filter(current_q(), group=network).values_list(
                "person_id", flat=True
            )
        )
        == members
    )
    assert not Membership.objects.filter(current_q(), group=group).exists()
    assert network.memberships.filter(role="contact_person").count() == 1


def test_wind_down_and_form(demo_data, persona):
    group = Group.objects.get(slug="webb")
    services.group_wind_down(
        group=group, on=date.today(), reason="Uppdraget är slutfört.", actor=user("kansli")
    )
    group.refresh_from_db()
    assert group.status == Group.Status.WOUND_DOWN
    page = persona("visitor").get(reverse("organisation:group", args=["webb"])).content.decode()
    assert "Uppdraget är slutfört." in page
    response = persona("secretariat").post(
        reverse("governance:groups"),
        {"name": "Kollektivtrafik", "kind": "working_group", "field_of_work": "Resor"},
    )
    assert response.status_code == 302
    assert Group.objects.filter(slug="kollektivtrafik").exists()
    assert persona("group_member").get(reverse("governance:groups")).status_code == 403


def test_secretariat_records_the_plan_adoption_through_the_page(council_meeting, persona):
    proposal = services.plan_version_draft(year=2028, actor=user("kansli"))
    client = persona("secretariat")
    url = reverse("governance:decision_add", args=[council_meeting.pk])
    response = client.post(
        url,
        {
            "decision-kind": "adopt_plan",
            "decision-title": "Strategisk plan 2028",
            "decision-text": "Regionrådet antar planen.",
            "decision-reference": "RR 2026/9",
            "decision-concerns_municipalities": "on",
        },
    )
    assert response.status_code == 200
    assert "Välj den version av den strategiska planen som antas." in response.content.decode()
    response = client.post(
        url,
        {
            "decision-kind": "adopt_plan",
            "decision-title": "Strategisk plan 2028",
            "decision-text": "Regionrådet antar planen.",
            "decision-reference": "RR 2026/9",
            "decision-concerns_municipalities": "on",
            "decision-plan_version": proposal.pk,
        },
    )
    assert response.status_code == 302
    assert current_plan_version().year == 2028
    adoption = Adoption.objects.get(municipality__code="2403")
    response = client.post(
        reverse("governance:adoption_update", args=[adoption.pk]),
        {
            "status": "adopted",
            "decided_on": "2026-12-01",
            "reference": "KF 2026/3",
            "paragraph": "3",
        },
    )
    adoption.refresh_from_db()
    assert adoption.status == "adopted" and adoption.reference == "KF 2026/3"


def test_council_meetings_are_added_by_the_secretariat_and_audited(demo_data, persona):
    url = reverse("governance:meeting_add")
    data = {"meeting-date": "2027-02-10", "meeting-place": "Bjurholm"}
    for role in ("group_member", "chief_executive", "council_member"):
        assert persona(role).post(url, data).status_code == 403, role
    assert not Meeting.objects.filter(place="Bjurholm").exists()
    assert persona("secretariat").post(url, data).status_code == 302
    meeting = Meeting.objects.get(place="Bjurholm")
    assert meeting.body.kind == Body.Kind.COUNCIL and meeting.date == date(2027, 2, 10)
    entry = AuditEntry.objects.get(action="samverkan.meeting.added", object_id=str(meeting.pk))
    assert entry.actor == user("kansli")
    bad = persona("secretariat").post(url, {"meeting-date": "10/2", "meeting-place": "Umeå"})
    assert bad.status_code == 302
    assert not Meeting.objects.filter(place="Umeå").exists()


def test_winding_down_audits_each_ended_membership(demo_data):
    group = Group.objects.get(slug="webb")
    current = set(Membership.objects.filter(current_q(), group=group).values_list("pk", flat=True))
    assert current
    services.group_wind_down(group=group, on=date.today(), reason="Klart.", actor=user("kansli"))
    ended = AuditEntry.objects.filter(action="samverkan.membership.ended", actor=user("kansli"))
    assert {int(e.object_id) for e in ended} == current
    assert AuditEntry.objects.filter(action="samverkan.group.wound_down").exists()


def test_assignment_status_is_updated_from_its_page(demo_data, persona):
    assignment = services.assignment_give(
        actor=user("kommunchef"),
        title="Kartlägg e-boksutbudet",
        group=Group.objects.get(slug="bibliotek"),
        given_on=date(2026, 3, 1),
        due=date(2026, 9, 1),
    )
    url = reverse("governance:assignment_update", args=[assignment.pk])
    done = {"status": "done", "outcome": "Kartlagt i alla sex kommuner."}
    for role in ("council_member", "signed_in_visitor"):
        assert persona(role).post(url, done).status_code == 403, role
    client = persona("group_member")
    refused = client.post(url, {"status": "done", "outcome": ""}, follow=True)
    assert "Beskriv resultatet" in refused.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.OPEN
    assert client.post(url, done).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.DONE and assignment.outcome.startswith("Kart")
    entry = AuditEntry.objects.get(action="samverkan.assignment.updated")
    assert entry.actor == user("medlem") and entry.changes == {"status": ["open", "done"]}
