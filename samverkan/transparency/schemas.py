"""The open API's shapes. Stable identifiers: municipality code, group slug, plan year, etc.

No schema here has a field for a phone number, an e-mail address, a workflow comment or an
event: what is not in the schema cannot be serialised, whatever a queryset carries.
"""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Field, Schema

from samverkan.transparency.downloads import source_of


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _absolute(context, path: str) -> str:
    request = context["request"] if context else None
    return request.build_absolute_uri(path) if request is not None else path


class Error(Schema):
    message: str = Field(description="What went wrong, in the interface language (Swedish).")
    errors: list[dict[str, str]] = Field(
        default_factory=list,
        description="One entry per bad parameter: parameter, and a message saying what is "
        "expected or where the valid values are listed.",
    )


class Index(Schema):
    title: str
    licence: str
    licence_url: str
    documentation: str = Field(description="Browsable documentation of every operation.")
    openapi: str = Field(description="The OpenAPI schema.")
    collections: dict[str, str] = Field(description="Each list in the API and its address.")


class Municipality(Schema):
    code: str = Field(description="The four-digit municipality code (SCB), as in Kolada.")
    name: str
    is_member: bool = Field(description="Is or has been a member of the cooperation.")
    member_from: date | None = Field(description="Null for a founding member.")
    member_until: date | None = Field(description="Null while a member.")
    voting: bool = Field(description="False for a co-opted (adjungerad) member without a vote.")


class Person(Schema):
    """A member of a group: name and municipality only; contact details are never public."""

    name: str
    municipality: str
    role: str

    @staticmethod
    def resolve_name(obj) -> str:
        return f"{obj.person.first_name} {obj.person.last_name}"

    @staticmethod
    def resolve_municipality(obj) -> str:
        return obj.person.municipality.name

    @staticmethod
    def resolve_role(obj) -> str:
        return obj.role


class Group(Schema):
    slug: str
    name: str
    kind: str = Field(description="working_group, network or project.")
    status: str = Field(description="active, wound_down or converted.")
    field_of_work: str
    objectives: list[int] = Field(description="Numbers of the strategic objectives it serves.")
    start_year: int | None
    end_year: int | None
    converted_into: str | None = Field(description="Slug of the network it became, if any.")
    members: list[Person]
    url: str
    html_url: str

    @staticmethod
    def resolve_objectives(obj) -> list[int]:
        return sorted(o.number for o in obj.objectives.all())

    @staticmethod
    def resolve_converted_into(obj) -> str | None:
        return obj.converted_into.slug if obj.converted_into_id else None

    @staticmethod
    def resolve_members(obj):
        return getattr(obj, "current_members", [])

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("api-1:group", args=[obj.slug]))

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class SubObjective(Schema):
    text: str


class StrategicObjective(Schema):
    number: int
    title: str
    sub_objectives: list[SubObjective]

    @staticmethod
    def resolve_number(obj) -> int:
        return obj.objective.number

    @staticmethod
    def resolve_sub_objectives(obj):
        return obj.sub_objectives.all()


class StrategicPlan(Schema):
    year: int
    title: str
    decision_date: date
    decided_by: str | None
    valid_from: date | None
    preamble: str
    objectives: list[StrategicObjective]
    url: str
    html_url: str

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.name if obj.decided_by_id else None

    @staticmethod
    def resolve_objectives(obj):
        return obj.objectives.all()

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("api-1:strategic_plan", args=[obj.year]))

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class Commitment(Schema):
    code: str = Field(description="The Aalborg Commitment's number, such as 3.2.")
    theme: str
    text: str

    @staticmethod
    def resolve_theme(obj) -> str:
        return obj.theme.title


class PriorityCommitment(Schema):
    id: int
    area: str
    commitment: str = Field(description="The Aalborg Commitment's code.")
    wording: str
    municipalities: list[str] = Field(description="Codes of the municipalities prioritising it.")

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.name

    @staticmethod
    def resolve_commitment(obj) -> str:
        return obj.commitment.code

    @staticmethod
    def resolve_municipalities(obj) -> list[str]:
        return [m.code for m in obj.municipalities.all()]


class PriorityArea(Schema):
    id: int
    name: str
    decision_date: date
    decided_by: str | None
    commitments: list[PriorityCommitment]

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.name if obj.decided_by_id else None

    @staticmethod
    def resolve_commitments(obj):
        return obj.commitments.all()


class PlanGoal(Schema):
    id: int
    parent: int | None
    statement: str
    direction: str
    measure: str
    unit: str
    baseline_value: float | None
    baseline_date: date | None
    target_value: float | None
    deadline: date | None
    long_term: bool
    indicator: str | None = Field(description="Slug of the indicator that measures it, if any.")

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_baseline_value(obj):
        return _number(obj.baseline_value)

    @staticmethod
    def resolve_target_value(obj):
        return _number(obj.target_value)

    @staticmethod
    def resolve_long_term(obj) -> bool:
        return obj.is_long_term

    @staticmethod
    def resolve_indicator(obj) -> str | None:
        return obj.indicator.slug if obj.indicator_id else None


class PlanActivity(Schema):
    what: str
    how: str
    when: date | None
    status: str


class Plan(Schema):
    id: str = Field(description="year/group/vN: stable for every approved version.")
    year: int
    group: str
    group_name: str
    version: int
    current: bool = Field(description="True for the latest approved version of the plan.")
    approved_at: datetime | None
    field_of_work: str
    purpose: str
    objectives: list[int]
    priority_commitments: list[PriorityCommitment]
    goals: list[PlanGoal]
    activities: list[PlanActivity]
    revision_when: date | None
    revision_how: str
    revision_why: str
    url: str
    html_url: str

    @staticmethod
    def resolve_id(obj) -> str:
        return f"{obj.plan.year.year}/{obj.plan.group.slug}/v{obj.number}"

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.plan.year.year

    @staticmethod
    def resolve_group(obj) -> str:
        return obj.plan.group.slug

    @staticmethod
    def resolve_group_name(obj) -> str:
        return obj.plan.group.name

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.number

    @staticmethod
    def resolve_current(obj) -> bool:
        return getattr(obj, "is_current", True)

    @staticmethod
    def resolve_objectives(obj) -> list[int]:
        return sorted(o.number for o in obj.objectives.all())

    @staticmethod
    def resolve_priority_commitments(obj):
        return obj.priority_commitments.all()

    @staticmethod
    def resolve_goals(obj):
        return obj.goals.all()

    @staticmethod
    def resolve_activities(obj):
        return obj.activities.all()

    @staticmethod
    def resolve_url(obj, context) -> str:
        args = [obj.plan.year.year, obj.plan.group.slug, obj.number]
        return _absolute(context, reverse("api-1:plan", args=args))

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class ReportGoal(Schema):
    id: int
    parent: int | None
    statement: str
    measure: str
    unit: str
    baseline_value: float | None
    target_value: float | None
    value_reached: float | None
    fulfilment: str = Field(description="fully, partly, not_at_all, or empty if not assessed.")
    comment: str
    reason: str = Field(description="Why the goal was not fully met.")

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_baseline_value(obj):
        return _number(obj.baseline_value)

    @staticmethod
    def resolve_target_value(obj):
        return _number(obj.target_value)

    @staticmethod
    def resolve_value_reached(obj):
        return _number(obj.value_reached)


class ReportActivity(Schema):
    planned: str
    result: str = Field(description="done, not_done, or empty.")
    result_text: str
    reason: str


class ReportPriority(Schema):
    area: str
    commitment: str
    touched: bool
    what_was_done: str

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.priority_commitment.area.name

    @staticmethod
    def resolve_commitment(obj) -> str:
        return obj.priority_commitment.commitment.code


class Report(Schema):
    id: str = Field(description="year/group.")
    year: int
    group: str
    group_name: str
    kind: str = Field(description="full (Mall 2) or light (a network's report).")
    accepted_at: datetime | None
    based_on_version: int | None
    summary: str
    revisions: str
    meetings: int | None
    network_activities: str
    municipalities: list[str]
    goals: list[ReportGoal]
    activities: list[ReportActivity]
    priorities: list[ReportPriority]
    url: str
    html_url: str

    @staticmethod
    def resolve_id(obj) -> str:
        return f"{obj.year.year}/{obj.group.slug}"

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.year.year

    @staticmethod
    def resolve_group(obj) -> str:
        return obj.group.slug

    @staticmethod
    def resolve_group_name(obj) -> str:
        return obj.group.name

    @staticmethod
    def resolve_based_on_version(obj) -> int | None:
        return obj.based_on.number if obj.based_on_id else None

    @staticmethod
    def resolve_municipalities(obj) -> list[str]:
        return [m.code for m in obj.municipalities.all()]

    @staticmethod
    def resolve_goals(obj):
        return obj.goals.all()

    @staticmethod
    def resolve_activities(obj):
        return obj.activities.all()

    @staticmethod
    def resolve_priorities(obj):
        return obj.priorities.all()

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("api-1:report", args=[obj.year.year, obj.group.slug]))

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return _absolute(context, obj.get_absolute_url())


class Adoption(Schema):
    municipality: str
    municipality_name: str
    status: str = Field(description="pending, adopted, adopted_with_changes or rejected.")
    stage: str = Field(description="not_sent, sent, agenda or decided.")
    sent_on: date | None
    agenda_on: date | None
    agenda_body: str = Field(description="The board whose agenda the matter is on.")
    decided_on: date | None
    reference: str = Field(description="The municipality's case number (diarienummer).")
    paragraph: str = Field(description="The paragraph (§) of the municipality's minutes.")
    minutes_url: str
    changes_made: str = Field(description="What the municipality changed, if it did.")

    @staticmethod
    def resolve_municipality(obj) -> str:
        return obj.municipality.code

    @staticmethod
    def resolve_municipality_name(obj) -> str:
        return obj.municipality.name


class Decision(Schema):
    id: int
    meeting_date: date
    reference: str
    kind: str
    title: str
    text: str
    strategic_plan_year: int | None
    concerns_municipalities: bool
    adoptions: list[Adoption]
    url: str

    @staticmethod
    def resolve_meeting_date(obj) -> date:
        return obj.meeting.date

    @staticmethod
    def resolve_strategic_plan_year(obj) -> int | None:
        return obj.plan_version.year if obj.plan_version_id else None

    @staticmethod
    def resolve_adoptions(obj):
        return obj.adoptions.all()

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("api-1:decision", args=[obj.pk]))


class MatrixMunicipality(Schema):
    code: str
    name: str


class MatrixRow(Schema):
    decision: int
    meeting_date: date
    reference: str
    title: str
    url: str
    adoptions: list[Adoption | None] = Field(
        description="One per municipality of the matrix, in its order; null where none is due."
    )

    @staticmethod
    def resolve_decision(obj) -> int:
        return obj.decision.pk

    @staticmethod
    def resolve_meeting_date(obj) -> date:
        return obj.decision.meeting.date

    @staticmethod
    def resolve_reference(obj) -> str:
        return obj.decision.reference

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.decision.title

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("api-1:decision", args=[obj.decision.pk]))

    @staticmethod
    def resolve_adoptions(obj):
        return obj.cells


class AdoptionMatrix(Schema):
    municipalities: list[MatrixMunicipality]
    rows: list[MatrixRow]


class Target(Schema):
    municipality: str | None = Field(description="Municipality code; null for the region.")
    year: int
    value: float

    @staticmethod
    def resolve_municipality(obj) -> str | None:
        return obj.municipality.code if obj.municipality_id else None

    @staticmethod
    def resolve_value(obj) -> float:
        return float(obj.value)


class Indicator(Schema):
    slug: str
    title: str
    description: str
    unit: str
    direction: str = Field(description="higher or lower: which way is better.")
    source: str = Field(description="kolada or manual.")
    source_name: str = Field(description="Where the values come from, to cite with them.")
    kolada_kpi: str
    regional_rule: str = Field(description="How the region's value is formed: sum or weighted.")
    commitments: list[str] = Field(description="Codes of the Aalborg Commitments it follows.")
    targets: list[Target]
    values_url: str
    csv_url: str
    html_url: str

    @staticmethod
    def resolve_source_name(obj) -> str:
        return obj.source_name or ("Kolada" if obj.source == "kolada" else "")

    @staticmethod
    def resolve_regional_rule(obj) -> str:
        return obj.rule

    @staticmethod
    def resolve_commitments(obj) -> list[str]:
        return sorted({pc.commitment.code for pc in obj.commitments.all()})

    @staticmethod
    def resolve_targets(obj):
        return obj.targets.all()

    @staticmethod
    def resolve_values_url(obj, context) -> str:
        return _absolute(context, reverse("api-1:values") + f"?indicator={obj.slug}")

    @staticmethod
    def resolve_csv_url(obj, context) -> str:
        return _absolute(context, reverse("transparency:indicator_csv", args=[obj.slug]))

    @staticmethod
    def resolve_html_url(obj, context) -> str:
        return _absolute(context, reverse("followup:indicator", args=[obj.slug]))


# The origin of the cooperation's own values, computed from its members' by the indicator's rule.
COMPUTED = "computed"


class Value(Schema):
    indicator: str
    area: str = Field(
        description="Municipality code, the county's code, 0000 (Sweden) or region (the "
        "cooperation's own value, computed; only with municipality=region)."
    )
    year: int
    gender: str = Field(description="T total, K women, M men.")
    value: float | None = Field(description="Null when the source has no value; see status.")
    status: str
    origin: str = Field(description="kolada, manual, import, snapshot, demo or computed.")
    source: str = Field(description="Cite this with the value, e.g. 'Källa: Kolada'.")
    members: list[str] | None = Field(
        None,
        description="For the cooperation's own value (area region): the codes of the members "
        "of that year whose values it is computed from. Null for other values.",
    )

    @staticmethod
    def resolve_indicator(obj) -> str:
        return obj.indicator.slug

    @staticmethod
    def resolve_members(obj) -> list[str] | None:
        return getattr(obj, "members", None)

    @staticmethod
    def resolve_value(obj):
        return _number(obj.value)

    @staticmethod
    def resolve_source(obj) -> str:

        # A computed value carries its own note of how, as in the CSV download.
        return obj.source if obj.origin == COMPUTED else source_of(obj)
