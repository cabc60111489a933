"""A plan version or report already in the database, in the parser's terms.

The round trip compares what the parser reads from the project's own DOCX export with this:
the same fields, said the way the export says them (the export writes a sub-goal without
its figures and a report's goals without their plan figures, so those are empty here too).
"""

from typing import Any

from django.utils import translation

from samverkan.core.formats import figure
from samverkan.planning.models import AnnualReport, PlanVersion
from samverkan.planning.selectors import plans as selectors
from samverkan.wordimport.parser import (
    ActivityData,
    GoalData,
    Parsed,
    PersonData,
    PriorityData,
    ResultData,
    _number,
    _plain,
)


def _people(contact, members) -> tuple[PersonData | None, list[PersonData]]:
    def one(line) -> PersonData:
        return PersonData(
            name=line.name,
            municipality=line.municipality or None,
            title=line.title or None,
            phone=line.phone or None,
            email=line.email or None,
        )

    return (one(contact) if contact else None), [one(m) for m in members]


def _value(value) -> str | None:
    # Through the Swedish figure and back, as the export writes it.
    return None if value is None else _plain(_number(figure(value)))


def _title_group(group) -> str:
    return group.name


def of_version(version: PlanVersion) -> dict[str, Any]:
    with translation.override("sv"):
        version = selectors.loaded_version(version)
        plan = version.plan
        contact, members = selectors.people_of(version)
        parsed = Parsed(
            kind="plan",
            year=plan.year.year,
            group=_title_group(plan.group),
            title="",
        )
        parsed.contact, parsed.members = _people(contact, members)
        parsed.field_of_work = version.field_of_work or None
        parsed.purpose = version.purpose or None
        parsed.objectives = [o.short_title for o in version.objectives.all()]
        numbering = {}
        for i, goal in enumerate(version.top_goals, start=1):
            numbering[goal.pk] = str(i)
            parsed.goals.append(
                GoalData(
                    number=str(i),
                    statement=goal.statement,
                    measure=goal.measure or None,
                    unit=(goal.unit or None) if goal.measure else None,
                    baseline=_value(goal.baseline_value),
                    baseline_date=(
                        goal.baseline_date.isoformat()
                        if goal.baseline_date and goal.baseline_value is not None
                        else None
                    ),
                    target=_value(goal.target_value),
                    deadline=goal.deadline.isoformat() if goal.deadline else None,
                )
            )
            for j, sub in enumerate(goal.sub_goals.all(), start=1):
                numbering[sub.pk] = f"{i}.{j}"
                parsed.goals.append(
                    GoalData(number=f"{i}.{j}", statement=sub.statement, parent=str(i))
                )
        status_map = {"planned": "planned", "under_way": "under_way", "done": "done"}
        for a in version.activities.all():
            parsed.activities.append(
                ActivityData(
                    what=a.what,
                    how=a.how or None,
                    when=a.when.isoformat() if a.when else None,
                    responsible=str(a.responsible) if a.responsible else None,
                    goals=", ".join(numbering.get(g.pk, "") for g in a.goals.all()) or None,
                    done=status_map.get(a.status, "not_done"),
                )
            )
        parsed.priorities = [
            PriorityData(
                text=f"{pc.area.name}: {pc.commitment.code} {pc.wording}",
                area=pc.area.name,
                code=pc.commitment.code,
            )
            for pc in version.priority_commitments.all()
        ]
        return _without_title(parsed)


def of_report(report: AnnualReport) -> dict[str, Any]:
    with translation.override("sv"):
        report = selectors.loaded_report(report)
        contact, members = selectors.report_people(report)
        parsed = Parsed(
            kind="network_report" if report.is_light else "report",
            year=report.year.year,
            group=_title_group(report.group),
            title="",
        )
        parsed.contact, parsed.members = _people(contact, members)
        if report.is_light:
            parsed.meetings = report.meetings
            parsed.network_activities = report.network_activities or None
            names = [m.name for m in report.municipalities.all()]
            parsed.municipalities = names or None
            return _without_title(parsed)
        for i, goal in enumerate(report.top_goals, start=1):
            for number, g, parent in [
                (str(i), goal, None),
                *[(f"{i}.{j}", s, str(i)) for j, s in enumerate(goal.sub_goals.all(), start=1)],
            ]:
                parsed.goals.append(
                    GoalData(
                        number=number,
                        statement=g.statement,
                        parent=parent,
                        fulfilment=g.fulfilment or None,
                        value_reached=_value(g.value_reached) if g.fulfilment else None,
                        comment=g.comment or None,
                        reason=g.reason or None,
                    )
                )
        parsed.revisions = report.revisions or None
        parsed.summary = report.summary or None
        for a in report.activities.all():
            text = " ".join(part for part in (a.result_text, a.reason) if part) or None
            parsed.results.append(ResultData(a.planned, a.result or None, text))
        parsed.priorities = [
            PriorityData(
                text=(
                    f"{p.priority_commitment.area.name}: {p.priority_commitment.commitment.code} "
                    f"{p.priority_commitment.wording}"
                ),
                area=p.priority_commitment.area.name,
                code=p.priority_commitment.commitment.code,
                what_was_done=p.what_was_done or None,
            )
            for p in report.priorities.all()
            if p.touched
        ]
        return _without_title(parsed)


def _without_title(parsed: Parsed) -> dict[str, Any]:
    data = parsed.comparable()
    data.pop("title")
    for key in ("status_note", "plan_note", "revision"):
        data.pop(key)
    return data


def comparable_parse(parsed: Parsed) -> dict[str, Any]:
    data = parsed.comparable()
    data.pop("title")
    for key in ("status_note", "plan_note", "revision"):
        data.pop(key)
    return data
