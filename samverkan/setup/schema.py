"""What a set-up file may say: one cooperation, declared once, in YAML.

The models below are the file's grammar. Unknown keys are refused (a misspelt key would
otherwise be silently ignored), and every cross-reference — an objective's number, a
municipality's name, a commitment's code — is checked before anything is written.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from samverkan.planning.models.wording import SECTIONS, Document, section_keys, unknown_placeholders

CODE = re.compile(r"^\d{4}$")


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class County(Spec):
    code: str = Field(description="Kolada's four-digit code of the county, such as 0001.")
    name: str

    @field_validator("code")
    @classmethod
    def _four_digits(cls, value: str) -> str:
        if not CODE.match(value):
            raise ValueError(_("a county code has four digits, such as '0001' (in quotes)"))
        return value


class KindName(Spec):
    singular: str = Field(min_length=1, max_length=60)
    plural: str = Field(min_length=1, max_length=60)


class GroupNames(Spec):
    """What the cooperation calls each kind of group; a kind left out keeps the default."""

    working_group: KindName | None = None
    network: KindName | None = None
    project: KindName | None = None


class CooperationSpec(Spec):
    name: str = Field(min_length=1, max_length=200)
    short_name: str = Field("", max_length=100)
    vision: str = Field(min_length=1)
    vision_decided: date | None = None
    target_population: int = Field(gt=0)
    target_year: int = Field(ge=2000, le=2200)
    county: County | None = None
    # Further areas to compare with (Kolada's ids), shown beside the county and Sweden.
    comparison_areas: list[County] = []
    description: str = ""
    horizontal_principles: list[str] = []
    secretariat_activities: list[str] = []
    page_limit: int = Field(2, ge=1, le=50, description="Pages a plan or report may have.")
    group_names: GroupNames = GroupNames()
    logo: str = Field("", description="A PNG or SVG file, its path relative to this file's folder.")
    # The logo file's bytes, read and checked by the reader beside the file that names it.
    _logo_data: bytes | None = PrivateAttr(None)


class MunicipalitySpec(Spec):
    code: str
    name: str = Field(min_length=1, max_length=100)
    member_from: date | None = None
    member_until: date | None = None
    voting: bool = True

    @field_validator("code")
    @classmethod
    def _four_digits(cls, value: str) -> str:
        if not CODE.match(value):
            raise ValueError(_("a municipality code has four digits, such as '0180' (in quotes)"))
        return value

    @model_validator(mode="after")
    def _in_order(self) -> MunicipalitySpec:
        if self.member_from and self.member_until and self.member_until < self.member_from:
            raise ValueError(_("the membership cannot end before it begins"))
        return self


class ObjectiveSpec(Spec):
    number: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=200)
    title_en: str = ""


BodyKind = Literal["council", "chief_executives", "secretariat"]


class BodySpec(Spec):
    kind: BodyKind
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    meetings_per_year: int | None = Field(None, ge=0)
    horizontal: bool = False
    objectives: list[int] = []


class PlanObjectiveSpec(Spec):
    objective: int
    title: str = Field(min_length=1, max_length=300)
    sub_objectives: list[str] = []


class StrategicPlanSpec(Spec):
    year: int = Field(ge=1900, le=2200)
    title: str = Field(min_length=1, max_length=200)
    decided_by: BodyKind
    decision_date: date | None = None
    valid_from: date | None = None
    preamble: str = ""
    objectives: list[PlanObjectiveSpec] = []


class GroupSpec(Spec):
    name: str = Field(min_length=1, max_length=200)
    slug: str = Field(max_length=200, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    kind: Literal["working_group", "network", "project"]
    objectives: list[int] = []
    start_year: int | None = None
    end_year: int | None = None


class ChosenCommitment(Spec):
    code: str
    wording: str = Field(min_length=1)
    municipalities: list[str] = []


class PriorityAreaSpec(Spec):
    name: str = Field(min_length=1, max_length=200)
    name_en: str = ""
    decided_by: BodyKind
    decision_date: date
    commitments: list[ChosenCommitment] = []


class IndicatorSpec(Spec):
    slug: str = Field(max_length=50, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: str = Field(min_length=1, max_length=300)
    unit: str = Field(min_length=1, max_length=50)
    direction: Literal["higher", "lower"]
    rule: Literal["sum", "weighted_mean"]
    kolada: str = Field("", max_length=20)
    source: str = Field("", max_length=200)
    commitments: list[str] = []


class SectionWording(Spec):
    """A section's heading and the guidance shown above its field; {year} is the year and
    {group} the group's name. Without a heading the section keeps the product's."""

    heading: str = Field("", max_length=200)
    guidance: str = ""
    heading_en: str = Field("", max_length=200)
    guidance_en: str = ""

    @field_validator("heading", "guidance", "heading_en", "guidance_en")
    @classmethod
    def _only_the_year(cls, value: str) -> str:
        if found := unknown_placeholders(value):
            raise ValueError(
                _("only {year} and {group} can be filled in, not %(found)s")
                % {"found": ", ".join(found)}
            )
        return value


DUE_DAY = re.compile(r"^(\d{2})-(\d{2})$")


class InterimRoundSpec(Spec):
    """An extra follow-up within the year, due on the same day every year."""

    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=100)
    due: str = Field(description="Month and day, such as '08-31'.")
    group_kinds: list[Literal["working_group", "network", "project"]] = []

    @field_validator("due")
    @classmethod
    def _month_and_day(cls, value: str) -> str:
        found = DUE_DAY.match(value)
        try:
            if found is None:
                raise ValueError
            # 2001 has no 29 February: the round must fall on a day every year has.
            date(2001, int(found[1]), int(found[2]))
        except ValueError:
            raise ValueError(
                _("write the month and day as MM-DD, such as '08-31', on a day every year has")
            ) from None
        return value

    @property
    def month_and_day(self) -> tuple[int, int]:
        month, day = self.due.split("-")
        return int(month), int(day)


class SetupFile(Spec):
    cooperation: CooperationSpec
    municipalities: list[MunicipalitySpec] = Field(min_length=1)
    objectives: list[ObjectiveSpec] = Field(min_length=1)
    bodies: list[BodySpec] = []
    strategic_plans: list[StrategicPlanSpec] = []
    groups: list[GroupSpec] = []
    framework: Literal["aalborg"] | None = "aalborg"
    priority_areas: list[PriorityAreaSpec] = []
    indicators: list[IndicatorSpec] = []
    # The templates' wording: document (plan, report, network_report) → section → its words.
    wording: dict[str, dict[str, SectionWording]] = {}

    interim_followups: list[InterimRoundSpec] = []


def cross_references(spec: SetupFile, commitment_codes: set[str]) -> list[tuple[tuple, str]]:
    """Every reference the grammar cannot check alone, as (location in the file, message)."""
    errors: list[tuple[tuple, str]] = []

    def unique(items, key: str, where: str) -> None:
        seen: set = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                errors.append(
                    ((where, i, key), _("'%(value)s' is already in the list") % {"value": value})
                )
            seen.add(value)

    unique(spec.municipalities, "code", "municipalities")
    unique(spec.municipalities, "name", "municipalities")
    unique(spec.objectives, "number", "objectives")
    unique(spec.bodies, "kind", "bodies")
    unique(spec.groups, "slug", "groups")
    unique(spec.groups, "name", "groups")
    unique(spec.priority_areas, "name", "priority_areas")
    unique(spec.indicators, "slug", "indicators")
    unique(spec.strategic_plans, "year", "strategic_plans")
    unique(spec.interim_followups, "name", "interim_followups")
    # Reminders are sent per group and due day: two rounds on one day would be one reminder.
    unique(spec.interim_followups, "due", "interim_followups")

    numbers = {o.number for o in spec.objectives}
    kinds = {b.kind for b in spec.bodies}
    towns = {m.name for m in spec.municipalities} | {m.code for m in spec.municipalities}

    def objective_refs(refs: list[int], where: tuple) -> None:
        for j, number in enumerate(refs):
            if number not in numbers:
                errors.append(((*where, j), _("no objective has the number %(n)s") % {"n": number}))

    for i, body in enumerate(spec.bodies):
        objective_refs(body.objectives, ("bodies", i, "objectives"))
    for i, group in enumerate(spec.groups):
        objective_refs(group.objectives, ("groups", i, "objectives"))
    for i, plan in enumerate(spec.strategic_plans):
        if plan.decided_by not in kinds:
            errors.append(((("strategic_plans", i, "decided_by")), _no_body(plan.decided_by)))
        for j, po in enumerate(plan.objectives):
            objective_refs([po.objective], ("strategic_plans", i, "objectives", j, "objective"))
    chosen: set[str] = set()
    for i, area in enumerate(spec.priority_areas):
        if area.decided_by not in kinds:
            errors.append(((("priority_areas", i, "decided_by")), _no_body(area.decided_by)))
        for j, choice in enumerate(area.commitments):
            where = ("priority_areas", i, "commitments", j)
            if spec.framework and choice.code not in commitment_codes:
                errors.append(
                    (
                        (*where, "code"),
                        _("there is no Aalborg commitment %(code)s") % {"code": choice.code},
                    )
                )
            chosen.add(choice.code)
            for k, town in enumerate(choice.municipalities):
                if town not in towns:
                    errors.append(
                        (
                            (*where, "municipalities", k),
                            _("'%(name)s' is not a municipality of the file") % {"name": town},
                        )
                    )
    for i, indicator in enumerate(spec.indicators):
        for j, code in enumerate(indicator.commitments):
            if code not in chosen:
                errors.append(
                    (
                        ("indicators", i, "commitments", j),
                        _("the commitment %(code)s is not chosen in any priority area")
                        % {"code": code},
                    )
                )
    for document, sections in spec.wording.items():
        if document not in SECTIONS:
            errors.append(
                (
                    ("wording", document),
                    _("there is no document '%(name)s'; choose one of %(allowed)s")
                    % {"name": document, "allowed": ", ".join(SECTIONS)},
                )
            )
            continue
        allowed = section_keys(document)
        label = Document(document).label.lower()
        errors.extend(
            (
                ("wording", document, key),
                _(
                    "the section '%(name)s' is not one of the %(document)s's; "
                    "choose one of %(allowed)s"
                )
                % {"document": label, "name": key, "allowed": ", ".join(allowed)},
            )
            for key in sections
            if key not in allowed
        )
    return errors


def _no_body(kind: str) -> str:
    return _("the body '%(kind)s' is not declared under bodies") % {"kind": kind}
