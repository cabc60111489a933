"""Writing a cooperation from a checked set-up file: all or nothing, and again without doubles.

Every row is found by its natural key (a municipality by code, a group by slug, a priority
area by name …) and created or brought up to date, so running the same file twice changes
nothing and an edited file changes just what was edited. Rows the file no longer names are
left alone: a group with plans is not deleted because a line went missing.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.core.upsert import Tally
from samverkan.followup.models import Indicator
from samverkan.organisation.models import Body, Cooperation, Group, Municipality
from samverkan.organisation.services import cooperation_logo_set
from samverkan.planning.models import InterimRound, TemplateWording
from samverkan.setup import reader
from samverkan.setup.schema import SetupFile
from samverkan.strategy.models import (
    Commitment,
    Framework,
    Objective,
    PlanObjective,
    PlanVersion,
    PriorityArea,
    PriorityCommitment,
    SubObjective,
    Theme,
)


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("samverkan.strategy").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def aalborg_codes() -> set[str]:
    """The codes of the fifty Aalborg Commitments, which a file's priority areas choose from."""
    return {row["code"] for row in _read_csv("aalborg_commitments.csv")}


def check_file(path: Path | str) -> SetupFile:
    """Read and check a set-up file without writing; raises reader.SetupFileError."""
    return reader.read(path, aalborg_codes())


def setup_from_file(path: Path | str, *, actor: AnyUser = None) -> Tally:
    return setup_apply(check_file(path), actor=actor, source=Path(path).name)


def setup_from_text(text: str, *, actor: AnyUser = None, source: str = "") -> Tally:
    return setup_apply(reader.parse(text, aalborg_codes()), actor=actor, source=source)


def logo_left_out(text: str) -> str:
    """The logo file a set-up text names, which text alone cannot carry (it is uploaded in
    the administration instead); empty when it names none."""
    return reader.parse(text, aalborg_codes()).cooperation.logo or ""


def load_aalborg(tally: Tally) -> Framework:
    framework: Framework = tally.upsert(
        Framework,
        {"slug": "aalborg"},
        {"name": "Aalborgåtagandena", "name_en": "The Aalborg Commitments", "year": 2004},
    )
    themes = {}
    for row in _read_csv("aalborg_themes.csv"):
        themes[row["theme_number"]] = tally.upsert(
            Theme,
            {"framework": framework, "number": int(row["theme_number"])},
            {
                "title": row["title_sv"],
                "title_en": row["title_en"],
                "aim": row["aim_sv"],
                "aim_en": row["aim_en"],
            },
        )
    for row in _read_csv("aalborg_commitments.csv"):
        tally.upsert(
            Commitment,
            {"theme": themes[row["theme_number"]], "code": row["code"]},
            {"text": row["text_sv"], "text_en": row["text_en"]},
        )
    return framework


@transaction.atomic
def setup_apply(
    spec: SetupFile, *, actor: AnyUser = None, source: str = "", tally: Tally | None = None
) -> Tally:
    """Create or bring up to date the cooperation `spec` declares; all or nothing."""
    tally = tally or Tally()
    coop = spec.cooperation
    # One deployment serves one cooperation. A file naming another would merge two
    # cooperations' municipalities and groups into one: refused, before anything is written.
    existing = Cooperation.objects.order_by("pk").first()
    if existing is not None and existing.name != coop.name:
        raise reader.SetupFileError(
            [
                reader.Problem(
                    None,
                    "cooperation.name",
                    _(
                        "this installation holds %(existing)s; the file declares %(other)s. "
                        "A cooperation of its own is set up on an empty database, and a new "
                        "name for %(existing)s is given in the administration."
                    )
                    % {"existing": existing.name, "other": coop.name},
                )
            ]
        )
    values = {
        "name": coop.name,
        "short_name": coop.short_name,
        "vision": coop.vision,
        "vision_decided": coop.vision_decided,
        "target_population": coop.target_population,
        "target_year": coop.target_year,
        "county_code": coop.county.code if coop.county else "",
        "county_name": coop.county.name if coop.county else "",
        "other_comparison_areas": "\n".join(f"{a.code} {a.name}" for a in coop.comparison_areas),
        "description": coop.description,
        "horizontal_principles": "\n".join(coop.horizontal_principles),
        "secretariat_activities": "\n".join(coop.secretariat_activities),
        "page_limit": coop.page_limit,
    }
    for kind in ("working_group", "network", "project"):
        own = getattr(coop.group_names, kind)
        values[f"{kind}_name"] = own.singular if own else ""
        values[f"{kind}_name_plural"] = own.plural if own else ""
    cooperation: Cooperation = tally.upsert(
        Cooperation, {"pk": existing.pk} if existing else {}, values
    )
    # A logo the file names replaces the one stored if it differs; a file naming none leaves
    # alone one uploaded in the administration.
    logo = coop._logo_data
    if logo is not None and bytes(Cooperation.objects.get(pk=cooperation.pk).logo or b"") != logo:
        cooperation_logo_set(cooperation=cooperation, data=logo, actor=actor)
        if (Cooperation, cooperation.pk) not in tally._new:
            label = str(Cooperation._meta.verbose_name_plural)
            tally.updated[label] = tally.updated.get(label, 0) + 1

    municipalities = {}
    for m in spec.municipalities:
        municipality = tally.upsert(
            Municipality,
            {"code": m.code},
            {
                "name": m.name,
                "is_member": True,
                "member_from": m.member_from,
                "member_until": m.member_until,
                "voting": m.voting,
            },
        )
        municipalities[m.name] = municipalities[m.code] = municipality

    objectives = {
        o.number: tally.upsert(
            Objective, {"number": o.number}, {"short_title": o.title, "short_title_en": o.title_en}
        )
        for o in spec.objectives
    }

    bodies = {}
    for b in spec.bodies:
        body = tally.upsert(
            Body,
            {"kind": b.kind},
            {
                "name": b.name,
                "description": b.description,
                "meetings_per_year": b.meetings_per_year,
                "horizontal": b.horizontal,
            },
        )
        tally.set_m2m(body, "objectives", [objectives[n] for n in b.objectives])
        bodies[b.kind] = body

    for plan in spec.strategic_plans:
        version = tally.upsert(
            PlanVersion,
            {"year": plan.year},
            {
                "title": plan.title,
                "decided_by": bodies[plan.decided_by],
                "decision_date": plan.decision_date,
                "valid_from": plan.valid_from,
                "preamble": plan.preamble,
            },
        )
        for po in plan.objectives:
            plan_objective = tally.upsert(
                PlanObjective,
                {"version": version, "objective": objectives[po.objective]},
                {"title": po.title},
            )
            for order, text in enumerate(po.sub_objectives, start=1):
                tally.upsert(
                    SubObjective, {"plan_objective": plan_objective, "order": order}, {"text": text}
                )

    # The chart orders each kind of group as the file lists them.
    orders: dict[str, int] = {}
    for g in spec.groups:
        orders[g.kind] = orders.get(g.kind, 0) + 1
        group = tally.upsert(
            Group,
            {"slug": g.slug},
            {
                "name": g.name,
                "kind": g.kind,
                "start_year": g.start_year,
                "end_year": g.end_year,
                "chart_order": orders[g.kind],
            },
        )
        tally.set_m2m(group, "objectives", [objectives[n] for n in g.objectives])

    chosen: dict[str, PriorityCommitment] = {}
    if spec.framework:
        framework = load_aalborg(tally)
        commitments = {c.code: c for c in Commitment.objects.filter(theme__framework=framework)}
        for area_order, a in enumerate(spec.priority_areas, start=1):
            area = tally.upsert(
                PriorityArea,
                {"name": a.name},
                {
                    "name_en": a.name_en,
                    "decided_by": bodies[a.decided_by],
                    "decision_date": a.decision_date,
                    "order": area_order,
                },
            )
            for order, choice in enumerate(a.commitments, start=1):
                priority = tally.upsert(
                    PriorityCommitment,
                    {"area": area, "commitment": commitments[choice.code]},
                    {"wording": choice.wording, "order": order},
                )
                tally.set_m2m(
                    priority, "municipalities", [municipalities[n] for n in choice.municipalities]
                )
                chosen[choice.code] = priority

    for i in spec.indicators:
        indicator = tally.upsert(
            Indicator,
            {"slug": i.slug},
            {
                "title": i.title,
                "unit": i.unit,
                "direction": i.direction,
                "rule": i.rule,
                "kolada_kpi": i.kolada,
                "source": Indicator.Source.KOLADA if i.kolada else Indicator.Source.MANUAL,
                "source_name": i.source,
            },
        )
        tally.set_m2m(indicator, "commitments", [chosen[c] for c in i.commitments])

    for document, sections in spec.wording.items():
        for key, words in sections.items():
            tally.upsert(
                TemplateWording,
                {"document": document, "section": key},
                {
                    "heading": words.heading,
                    "guidance": words.guidance,
                    "heading_en": words.heading_en,
                    "guidance_en": words.guidance_en,
                },
            )

    for order, r in enumerate(spec.interim_followups, start=1):
        month, day = r.month_and_day
        tally.upsert(
            InterimRound,
            {"name": r.name},
            {
                "name_en": r.name_en,
                "due_month": month,
                "due_day": day,
                "group_kinds": list(r.group_kinds),
                "order": order,
            },
        )

    if tally.changed:
        audit_log(
            action="samverkan.cooperation.set_up",
            actor=actor,
            obj=cooperation,
            changes={"created": tally.created, "updated": tally.updated},
            comment=source,
        )
    return tally
