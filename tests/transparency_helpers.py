"""A public portal with something in every drawer, and secrets that must never leak."""

from datetime import date

from samverkan.datasets import demo, demo_plans, demo_values
from samverkan.governance import services as governance
from samverkan.governance.models import Assignment, Matter
from samverkan.organisation.models import Group, Person
from samverkan.planning.models import (
    Anchoring,
    AnnualReport,
    PlanEvent,
    PlanningYear,
    PlanVersion,
    ReportEvent,
    Status,
)
from samverkan.planning.services import plans as plan_services
from tests.planning_helpers import complete_plan, user

# Each must stay out of every public page, download and API answer.
SECRETS = {
    "draft": "HEMLIGTUTKAST",
    "returned": "HEMLIGRETUR",
    "return_comment": "HEMLIGKOMMENTAR",
    "approval_comment": "HEMLIGHANDELSE",
    "unaccepted_report": "HEMLIGBERATTELSE",
    "proposal": "HEMLIGTFORSLAG",
    "assignment": "HEMLIGTUPPDRAG",
    "matter": "HEMLIGTARENDE",
    "anchoring_manager": "HEMLIGCHEF",
    "report_comment": "HEMLIGGRANSKNING",
    "returned_report": "HEMLIGRETURBERATTELSE",
    "revision_draft": "HEMLIGREVIDERING",
}


def load_portal() -> None:
    demo.load_networks()
    demo_plans.load_plans()
    demo_plans.load_reports()
    demo_plans.load_governance()
    demo_values.load_values()


def plant_secrets() -> None:
    # A draft plan for next year.
    draft = complete_plan(2027)
    draft.purpose = f"Utkastets syfte {SECRETS['draft']}"
    draft.save()
    # A submitted plan returned with a comment.
    folkhalsa = PlanVersion.objects.get(plan__group__slug="folkhalsa", plan__year__year=2026)
    assert folkhalsa.status == Status.SUBMITTED
    folkhalsa.field_of_work = f"Returnerad plan {SECRETS['returned']}"
    folkhalsa.save()
    plan_services.plan_return(
        version=folkhalsa, actor=user("kommunchef"), comment=f"Gör om {SECRETS['return_comment']}"
    )
    # A comment in the workflow of an approved plan.
    approved = PlanVersion.objects.filter(status=Status.APPROVED).first()
    PlanEvent.objects.filter(version=approved).update(comment=SECRETS["approval_comment"])
    # Who anchored an approved plan, and with which manager: the group's own process.
    assert Anchoring.objects.filter(version=approved).update(manager=SECRETS["anchoring_manager"])
    # A draft revision of an approved plan: the approved version stays the public one.
    in_force = PlanVersion.objects.filter(
        plan__group__slug="bibliotek", plan__year__year=2026, status=Status.APPROVED
    ).latest("number")
    revision = plan_services.plan_revision_start(plan=in_force.plan, actor=user("kontaktperson"))
    revision.purpose = f"Revideringens syfte {SECRETS['revision_draft']}"
    revision.save()
    # The secretariat's comment when it accepted a report.
    accepted = AnnualReport.objects.filter(status="accepted").first()
    assert ReportEvent.objects.filter(report=accepted).update(comment=SECRETS["report_comment"])
    # A report returned for more work.
    AnnualReport.objects.create(
        group=Group.objects.exclude(
            pk__in=AnnualReport.objects.filter(year__year=2025).values("group")
        ).exclude(slug="kultur")[0],
        year=PlanningYear.objects.get(year=2025),
        status="returned",
        summary=f"Returnerad berättelse {SECRETS['returned_report']}",
    )
    # A report still on its way.
    AnnualReport.objects.create(
        group=Group.objects.get(slug="kultur"),
        year=PlanningYear.objects.get(year=2025),
        status="submitted",
        summary=f"Inskickad men inte godtagen {SECRETS['unaccepted_report']}",
    )
    # A proposed strategic plan, an assignment and a matter under preparation.
    proposal = governance.plan_version_draft(year=2031, actor=user("kansli"))
    proposal.preamble = SECRETS["proposal"]
    proposal.save()
    Assignment.objects.create(
        title=SECRETS["assignment"],
        group=Group.objects.get(slug="bibliotek"),
        given_on=date(2026, 5, 1),
        due=date(2026, 12, 1),
    )
    Matter.objects.create(
        kind=Matter.Kind.IMPROVEMENT,
        group=Group.objects.get(slug="bibliotek"),
        title=SECRETS["matter"],
        description=SECRETS["matter"],
    )


def secret_addresses() -> list[str]:
    """Where the unpublished documents live, with their exports: a visitor may guess these."""
    addresses = ["/strategisk-plan/2031/"]
    for version in PlanVersion.objects.exclude(status=Status.APPROVED).select_related(
        "plan__year", "plan__group"
    ):
        url = version.get_absolute_url()
        addresses += [url, url + "export.pdf", url + "export.docx"]
    for report in AnnualReport.objects.exclude(status="accepted").select_related("year", "group"):
        url = report.get_absolute_url()
        addresses += [url, url + "export.pdf", url + "export.docx"]
    return addresses


def contact_details() -> set[str]:
    """Every official's phone number and e-mail address in the database."""
    found = set()
    for phone, email in Person.objects.values_list("phone", "email"):
        found |= {value for value in (phone, email) if value}
    assert found, "the demo should have contact details to hide"
    return found
