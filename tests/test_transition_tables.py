"""Every transition table, walked status × action × role through the one engine.

For each kind of document, each of its statuses, each action its table knows and each demo
role, the test puts a document in that status and tries the action as that role. The
expected outcome comes from the table and from who holds which role (ROLES, written out
here, not asked of the code under test): no row from this status is a ValidationError, a
row the role may not take is PermissionDenied, both leaving the status and the audit log as
they were; otherwise the document moves to the row's target and the audit log names the
actor.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverkan.accounts.permissions import Role
from samverkan.core import workflow as core_workflow
from samverkan.core.models import AuditEntry
from samverkan.governance import workflow as governance_tables
from samverkan.governance.models import Adoption, Assignment, Decision, Matter, Meeting
from samverkan.organisation.models import Body, Group, Municipality
from samverkan.planning import workflow as planning_tables
from samverkan.planning.models import (
    AnnualReport,
    InterimReport,
    InterimRound,
    InterimStatus,
    PlanVersion,
    ReportPriority,
    ReportStatus,
    Status,
)
from samverkan.planning.services import interim as interim_services
from samverkan.planning.services import reports as report_services
from samverkan.strategy.models import PriorityCommitment
from tests.planning_helpers import anchor_all, complete_plan, open_year, user
from tests.test_permissions import EXPECTED_ROLES

# Who holds which role in the demo, written out (Bibliotek's member and contact person).
ROLES = EXPECTED_ROLES
PEOPLE = list(ROLES)


def _rows(table, status, action, kind=""):
    return [
        t
        for t in table
        if t.action == action and status in t.sources and (not t.applies_to or kind in t.applies_to)
    ]


def _attempt(document, action, username, *, expected, may, comment="Motivering.", **changes):
    """Try the action and check the outcome, the document's status and the audit log."""
    model = type(document)
    before = model.objects.get(pk=document.pk).status
    audits = AuditEntry.objects.count()
    actor = user(username)
    workflow = core_workflow.workflow_of(document)
    if not expected:
        with pytest.raises(ValidationError):
            core_workflow.transition(
                document, action, actor=actor, comment=comment, changes=changes
            )
    elif not may:
        with pytest.raises(PermissionDenied):
            core_workflow.transition(
                document, action, actor=actor, comment=comment, changes=changes
            )
    else:
        core_workflow.transition(document, action, actor=actor, comment=comment, changes=changes)
        assert model.objects.get(pk=document.pk).status == expected[0].target
        entry = AuditEntry.objects.latest("pk")
        assert entry.action == f"samverkan.{workflow.name}.{workflow.audit_suffix(expected[0])}"
        assert entry.actor == actor and entry.object_id == str(document.pk)
        return
    assert model.objects.get(pk=document.pk).status == before
    assert AuditEntry.objects.count() == audits


# --- Plans -----------------------------------------------------------------------------


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", sorted({t.action for t in planning_tables.TRANSITIONS}))
@pytest.mark.parametrize("kind", [planning_tables.FIRST, planning_tables.REVISION])
@pytest.mark.parametrize("status", Status.values)
def test_plan_table(demo_data, status, kind, action, username):
    version = complete_plan()
    fields = {"status": status}
    if kind == planning_tables.REVISION:
        fields.update(
            number=2,
            revision_when=date(2027, 6, 1),
            revision_how="Fler aktiviteter.",
            revision_why="Nya medel.",
        )
    PlanVersion.objects.filter(pk=version.pk).update(**fields)
    version.refresh_from_db()
    if status == Status.ANCHORING and action == "submit":
        anchor_all(version)
    expected = _rows(planning_tables.TRANSITIONS, status, action, kind)
    may = bool(expected) and expected[0].role in ROLES[username]
    _attempt(version, action, username, expected=expected, may=may)


# --- Annual reports ----------------------------------------------------------------------


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", sorted({t.action for t in planning_tables.REPORT_TRANSITIONS}))
@pytest.mark.parametrize("status", ReportStatus.values)
def test_report_table(demo_data, status, action, username):
    report = report_services.report_create(
        group=Group.objects.get(slug="bibliotek"), year=open_year(2027), actor=user("medlem")
    )
    AnnualReport.objects.filter(pk=report.pk).update(
        status=status, summary="Ett år med Đuolja-samlingen."
    )
    ReportPriority.objects.create(
        report=report,
        priority_commitment=PriorityCommitment.objects.first(),
        touched=True,
        what_was_done="Kampanj i alla kommuner.",
    )
    report.refresh_from_db()
    expected = _rows(planning_tables.REPORT_TRANSITIONS, status, action)
    may = bool(expected) and expected[0].role in ROLES[username]
    _attempt(report, action, username, expected=expected, may=may)


# --- Matters -----------------------------------------------------------------------------


def _may_step(expected, username) -> bool:
    """Governance rows: the row's role, or an administrator. (The adoptions tried here are
    Vännäs's, whose representative is none of the demo's people.)"""
    return bool(expected) and bool(ROLES[username] & {expected[0].role, Role.ADMINISTRATOR})


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", ["forward", "decide"])
@pytest.mark.parametrize("status", Matter.Status.values)
def test_matter_table(demo_data, status, action, username):
    matter = Matter.objects.create(
        group=Group.objects.get(slug="bibliotek"),
        kind=Matter.Kind.COOPERATION,
        title="Gemensam e-boksupphandling",
        status=status,
    )
    expected = _rows(governance_tables.MATTER_TRANSITIONS, status, action)
    changes = {"decision": "Ja.", "decided_on": date.today()} if action == "decide" else {}
    _attempt(
        matter, action, username, expected=expected, may=_may_step(expected, username), **changes
    )


# --- Assignments -------------------------------------------------------------------------


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", Assignment.Status.values)
@pytest.mark.parametrize("status", Assignment.Status.values)
def test_assignment_table(demo_data, status, action, username):
    assignment = Assignment.objects.create(
        title="Kartlägg e-boksutbudet",
        group=Group.objects.get(slug="bibliotek"),
        given_on=date(2026, 3, 1),
        due=date(2026, 9, 1),
        status=status,
    )
    expected = _rows(governance_tables.ASSIGNMENT_TRANSITIONS, status, action)
    # Whoever reports on it: its group, the secretariat, the chief executives, an administrator.
    reporters = {Role.GROUP_MEMBER, Role.SECRETARIAT, Role.CHIEF_EXECUTIVE, Role.ADMINISTRATOR}
    may = bool(expected) and bool(ROLES[username] & reporters)
    _attempt(assignment, action, username, expected=expected, may=may, outcome="Klart.")


# --- Municipalities' adoption --------------------------------------------------------------


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", Adoption.Status.values)
@pytest.mark.parametrize("status", Adoption.Status.values)
def test_adoption_table(demo_data, status, action, username):
    meeting = Meeting.objects.create(
        body=Body.objects.get(kind=Body.Kind.COUNCIL), date=date(2026, 11, 20), place="Vännäs"
    )
    decision = Decision.objects.create(
        meeting=meeting, kind=Decision.Kind.OTHER, title="Samverkan", concerns_municipalities=True
    )
    adoption = Adoption.objects.create(
        decision=decision,
        municipality=Municipality.objects.get(code="2460"),
        status=status,
        decided_on=None if status == Adoption.Status.PENDING else date(2026, 12, 8),
    )
    expected = _rows(governance_tables.ADOPTION_TRANSITIONS, status, action)
    decided_on = None if action == Adoption.Status.PENDING else date(2026, 12, 8)
    _attempt(
        adoption,
        action,
        username,
        expected=expected,
        may=_may_step(expected, username),
        decided_on=decided_on,
        reference="KS 2026/12",
        paragraph="12",
        changes_made="Ändrat tidsplanen.",
    )


# --- Groups' lifecycle ---------------------------------------------------------------------


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", ["wind_down", "convert"])
@pytest.mark.parametrize("kind", [Group.Kind.WORKING_GROUP, Group.Kind.NETWORK])
@pytest.mark.parametrize("status", Group.Status.values)
def test_group_table(demo_data, status, kind, action, username):
    group = Group.objects.create(name="Prövogruppen", slug="provogruppen", kind=kind)
    Group.objects.filter(pk=group.pk).update(status=status)
    group.refresh_from_db()
    expected = _rows(governance_tables.GROUP_TRANSITIONS, status, action, kind)
    changes = {"_on": date.today()}
    if action == "convert":
        changes["_network_name"] = "Prövonätverket"
    _attempt(
        group, action, username, expected=expected, may=_may_step(expected, username), **changes
    )


# --- Interim follow-ups ------------------------------------------------------------------


@pytest.mark.parametrize("username", PEOPLE)
@pytest.mark.parametrize("action", sorted({t.action for t in planning_tables.INTERIM_TRANSITIONS}))
@pytest.mark.parametrize("status", InterimStatus.values)
def test_interim_table(demo_data, status, action, username):
    round = InterimRound.objects.create(name="Delårsuppföljning", due_month=8, due_day=31)
    report = interim_services.interim_report_create(
        group=Group.objects.get(slug="bibliotek"),
        year=open_year(2027),
        round=round,
        actor=user("medlem"),
    )
    InterimReport.objects.filter(pk=report.pk).update(
        status=status, situation="Arbetet med Đuolja-samlingen går enligt plan."
    )
    report.refresh_from_db()
    expected = _rows(planning_tables.INTERIM_TRANSITIONS, status, action)
    may = bool(expected) and expected[0].role in ROLES[username]
    _attempt(report, action, username, expected=expected, may=may)
