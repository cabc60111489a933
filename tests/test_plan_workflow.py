"""The plan workflow: every allowed edge, the refused ones, and what each records."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverkan.core import workflow as core_workflow
from samverkan.core.models import AuditEntry
from samverkan.organisation.models import Group, Membership, Person
from samverkan.planning import workflow
from samverkan.planning.models import PlanEvent, PlanVersion, Status
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.services import plans as services
from tests.factories import PersonFactory
from tests.planning_helpers import (
    anchor_all,
    approved_plan,
    bibliotek_members,
    complete_plan,
    open_year,
    user,
)


@pytest.fixture
def version(demo_data):
    return complete_plan()


def test_every_transition_in_the_table_targets_a_real_status():
    for transition in workflow.TRANSITIONS:
        assert transition.target in Status.values
        assert transition.sources <= set(Status.values)


def test_full_path_records_history_and_audit(version):
    contact, chief = user("kontaktperson"), user("kommunchef")
    services.plan_start_anchoring(version=version, actor=contact)
    anchor_all(version)
    services.plan_submit(version=version, actor=contact)
    services.plan_approve(version=version, actor=chief, comment="Bra plan.")
    version.refresh_from_db()
    assert version.status == Status.APPROVED and version.approved_at
    steps = list(version.events.values_list("from_status", "to_status"))
    assert steps == [
        ("", "draft"),
        ("draft", "anchoring"),
        ("anchoring", "submitted"),
        ("submitted", "approved"),
    ]
    approval = version.events.get(to_status="approved")
    assert approval.actor == chief and approval.comment == "Bra plan."
    assert AuditEntry.objects.filter(action="samverkan.plan.approved", actor=chief).exists()


def test_submission_freezes_the_members(version):
    contact = user("kontaktperson")
    services.plan_start_anchoring(version=version, actor=contact)
    anchor_all(version)
    services.plan_submit(version=version, actor=contact)
    version.refresh_from_db()
    names = {m["name"] for m in version.frozen_members}
    newcomer = PersonFactory(municipality=Person.objects.first().municipality)
    Membership.objects.create(group=version.plan.group, person=newcomer)
    version.refresh_from_db()
    assert {m["name"] for m in version.frozen_members} == names
    assert str(newcomer) not in names


def test_submit_refused_until_everyone_has_anchored(version):
    contact = user("kontaktperson")
    services.plan_start_anchoring(version=version, actor=contact)
    with pytest.raises(ValidationError) as exc:
        services.plan_submit(version=version, actor=contact)
    assert "Väntar fortfarande på" in exc.value.messages[0]
    version.refresh_from_db()
    assert version.status == Status.ANCHORING


def test_incomplete_plan_cannot_go_to_anchoring(demo_data):
    plan = services.plan_create(
        group=Group.objects.get(slug="bibliotek"), year=open_year(), actor=user("medlem")
    )
    version = plan.versions.get()
    with pytest.raises(ValidationError) as exc:
        services.plan_start_anchoring(version=version, actor=user("kontaktperson"))
    errors = exc.value.message_dict
    assert errors["purpose"] and errors["goals"] and errors["activities"]
    assert "prioriterat område" in errors["priority_commitments"][0]
    version.refresh_from_db()
    assert version.status == Status.DRAFT


def test_over_two_pages_is_refused_with_the_count(version):
    services.plan_update(
        version=version,
        fields={"field_of_work": "Mycket lång text om verksamheten. " * 400},
        objectives=version.objectives.all(),
        priority_commitments=version.priority_commitments.all(),
        expected_lock=None,
        actor=user("medlem"),
    )
    with pytest.raises(ValidationError) as exc:
        services.plan_start_anchoring(version=version, actor=user("kontaktperson"))
    message = exc.value.message_dict["__all__"][0]
    assert "högst 2" in message and "verksamhetsområdet" in message
    assert services.pages_of(version) > 2


@pytest.mark.parametrize(
    ("action", "username"),
    [
        ("start_anchoring", "medlem"),  # a member, but not the contact person
        ("start_anchoring", "kansli"),
        ("start_anchoring", "kommunchef"),
    ],
)
def test_only_the_contact_person_sends_for_anchoring(version, action, username):
    with pytest.raises(PermissionDenied):
        core_workflow.transition(version, action, actor=user(username))
    version.refresh_from_db()
    assert version.status == Status.DRAFT


@pytest.mark.parametrize("username", ["kontaktperson", "medlem", "kansli", "regionrad", "admin"])
def test_only_chief_executives_approve(version, username):
    contact = user("kontaktperson")
    services.plan_start_anchoring(version=version, actor=contact)
    anchor_all(version)
    services.plan_submit(version=version, actor=contact)
    with pytest.raises(PermissionDenied):
        services.plan_approve(version=version, actor=user(username))
    version.refresh_from_db()
    assert version.status == Status.SUBMITTED


def test_return_needs_a_comment_and_reopens_editing(version):
    contact, chief = user("kontaktperson"), user("kommunchef")
    services.plan_start_anchoring(version=version, actor=contact)
    anchor_all(version)
    services.plan_submit(version=version, actor=contact)
    with pytest.raises(ValidationError) as exc:
        services.plan_return(version=version, actor=chief, comment=" ")
    assert "varför" in exc.value.message_dict["comment"][0]
    services.plan_return(version=version, actor=chief, comment="Målen behöver nuläge.")
    version.refresh_from_db()
    assert version.status == Status.RETURNED and version.is_editable
    assert version.events.last().comment == "Målen behöver nuläge."


def test_reopening_clears_anchoring(version):
    contact = user("kontaktperson")
    services.plan_start_anchoring(version=version, actor=contact)
    anchor_all(version)
    services.plan_reopen(version=version, actor=contact)
    assert not version.anchorings.exists()


def test_forbidden_edges_are_refused(version):
    with pytest.raises(ValidationError) as exc:
        services.plan_approve(version=version, actor=user("kommunchef"))
    assert "Utkast" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        services.plan_forward(version=version, actor=user("kansli"))
    with pytest.raises(ValidationError):
        services.plan_submit(version=version, actor=user("kontaktperson"))


def test_every_edge_of_the_table_from_every_status(version):
    """Each action is possible from exactly the statuses the table lists, per kind."""
    for status in Status.values:
        for kind_version_number in (1, 2):
            probe = PlanVersion(plan=version.plan, number=kind_version_number, status=status)
            for action in {t.action for t in workflow.TRANSITIONS}:
                found = services.PLANS.find(action, probe)
                expected = [
                    t
                    for t in workflow.TRANSITIONS
                    if t.action == action
                    and status in t.sources
                    and workflow.kind_of(probe) in t.applies_to
                ]
                assert (found is None) == (not expected), (status, kind_version_number, action)


def test_approved_version_cannot_be_edited(demo_data):
    version = approved_plan()
    with pytest.raises(PermissionDenied):
        services.plan_update(
            version=version,
            fields={"purpose": "Nytt"},
            objectives=[],
            priority_commitments=[],
            expected_lock=None,
            actor=user("medlem"),
        )
    version.refresh_from_db()
    assert version.purpose.startswith("Genom gemensamma")


def test_revision_goes_through_the_secretariat_and_becomes_current(demo_data):
    approved = approved_plan()
    revision = services.plan_revision_start(plan=approved.plan, actor=user("medlem"))
    assert revision.number == 2 and revision.status == Status.DRAFT
    assert revision.goals.count() == approved.goals.count()
    assert revision.activities.get().goals.get().version == revision
    with pytest.raises(ValidationError) as exc:
        services.plan_submit(version=revision, actor=user("kontaktperson"))
    assert {"revision_when", "revision_how", "revision_why"} <= set(exc.value.message_dict)

    services.plan_update(
        version=revision,
        fields={
            "revision_when": date(2027, 4, 1),
            "revision_how": "Målet sänks.",
            "revision_why": "Licensen ändrades.",
        },
        objectives=revision.objectives.all(),
        priority_commitments=revision.priority_commitments.all(),
        expected_lock=None,
        actor=user("medlem"),
    )
    services.plan_submit(version=revision, actor=user("kontaktperson"))
    with pytest.raises(PermissionDenied):
        services.plan_forward(version=revision, actor=user("kommunchef"))
    services.plan_forward(version=revision, actor=user("kansli"))
    services.plan_approve(version=revision, actor=user("kommunchef"))
    revision.refresh_from_db()
    approved.refresh_from_db()
    assert revision.status == approved.status == Status.APPROVED

    assert selectors.current_approved(approved.plan) == revision
    assert AuditEntry.objects.filter(action="samverkan.plan.forwarded").exists()


def test_one_revision_at_a_time(demo_data):
    approved = approved_plan()
    services.plan_revision_start(plan=approved.plan, actor=user("medlem"))
    with pytest.raises(ValidationError):
        services.plan_revision_start(plan=approved.plan, actor=user("medlem"))


def test_stale_save_is_refused_and_nothing_is_overwritten(version):
    stale = version.lock_version
    services.plan_update(
        version=version,
        fields={"purpose": "Först sparat."},
        objectives=version.objectives.all(),
        priority_commitments=version.priority_commitments.all(),
        expected_lock=stale,
        actor=user("medlem"),
    )
    with pytest.raises(services.ConcurrentEditError) as exc:
        services.plan_update(
            version=version,
            fields={"purpose": "Andra personens text."},
            objectives=version.objectives.all(),
            priority_commitments=version.priority_commitments.all(),
            expected_lock=stale,
            actor=user("kontaktperson"),
        )
    assert "medan du redigerade" in exc.value.messages[0]
    version.refresh_from_db()
    assert version.purpose == "Först sparat."


def test_non_member_cannot_create_or_edit(version):
    for username in ("kansli", "kommunchef", "regionrad", "besokare"):
        with pytest.raises(PermissionDenied):
            services.plan_create(
                group=Group.objects.get(slug="kultur"), year=open_year(), actor=user(username)
            )
        with pytest.raises(PermissionDenied):
            services.plan_update(
                version=version,
                fields={"purpose": "x"},
                objectives=[],
                priority_commitments=[],
                expected_lock=None,
                actor=user(username),
            )


def test_one_plan_per_group_and_year(version):
    with pytest.raises(ValidationError):
        services.plan_create(group=version.plan.group, year=version.plan.year, actor=user("medlem"))


def test_activity_status_kept_up_on_an_approved_plan(demo_data):
    approved = approved_plan()
    activity = approved.activities.get()
    services.activity_status_update(activity=activity, status="done", actor=user("medlem"))
    activity.refresh_from_db()
    assert activity.status == "done"
    assert AuditEntry.objects.filter(action="samverkan.activity.status_changed").exists()
    with pytest.raises(PermissionDenied):
        services.activity_status_update(activity=activity, status="planned", actor=user("kansli"))


def test_a_new_plan_starts_with_one_draft_event(version):
    assert list(PlanEvent.objects.filter(version=version).values_list("to_status", flat=True)) == [
        "draft"
    ]


def test_contact_person_records_a_members_anchoring(version):
    contact = user("kontaktperson")
    services.plan_start_anchoring(version=version, actor=contact)
    other = next(p for p in bibliotek_members() if p.user_id is None)
    anchoring = services.plan_anchor(
        version=version, actor=contact, person=other, manager="enhetschef"
    )
    assert anchoring.person == other and anchoring.recorded_by == contact
    with pytest.raises(PermissionDenied):
        services.plan_anchor(
            version=version,
            actor=user("medlem"),
            person=next(p for p in bibliotek_members() if p.user_id is None and p != other),
        )
    outsider = PersonFactory(municipality=other.municipality)
    with pytest.raises(ValidationError):
        services.plan_anchor(version=version, actor=contact, person=outsider)


def test_a_returned_plan_is_anchored_again_before_it_is_submitted(version):
    contact, chief = user("kontaktperson"), user("kommunchef")
    services.plan_start_anchoring(version=version, actor=contact)
    anchor_all(version)
    services.plan_submit(version=version, actor=contact)
    services.plan_return(version=version, actor=chief, comment="Målen behöver nuläge.")
    services.plan_start_anchoring(version=version, actor=contact)
    assert not version.anchorings.exists()
    with pytest.raises(ValidationError) as exc:
        services.plan_submit(version=version, actor=contact)
    assert "förankra" in exc.value.messages[0]
    version.refresh_from_db()
    assert version.status == Status.ANCHORING
