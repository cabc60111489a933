"""Umeåregionen as its strategic plan and governance model describe it.

Everything here is stated in the source document (the strategic plan of 2006-11-23, the
organisation chart, the priority areas of 2009-12-16); nothing is invented. The invented
people of the demo live in `demo.py`.
"""

import csv
from datetime import date
from importlib import resources
from typing import Any

from django.db import transaction

from samverkan.datasets import indicators
from samverkan.datasets.upsert import Tally
from samverkan.organisation.models import Body, Cooperation, Group, Municipality
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

MUNICIPALITIES = {
    "2401": "Nordmaling",
    "2403": "Bjurholm",
    "2404": "Vindeln",
    "2409": "Robertsfors",
    "2460": "Vännäs",
    "2480": "Umeå",
}

OBJECTIVES = [
    (1, "Utveckla regionen", "Develop the region"),
    (2, "Effektivisera kommunal förvaltning", "Make municipal administration more efficient"),
    (3, "Demokratiskt förankrad samverkan", "Democratically anchored cooperation"),
]

PLAN_2006: dict[str, Any] = {
    "year": 2006,
    "title": "Umeåregionens strategiska plan",
    "decision_date": date(2006, 11, 23),
    "valid_from": date(2006, 11, 23),
    "preamble": (
        "Umeåregionens utveckling skall stärkas av, och är beroende av en öppenhet mellan "
        "kommunerna där man tillsammans skapar och drar nytta av utveckling genom samverkan."
    ),
    "objectives": {
        1: (
            "Utveckla regionen",
            [
                "Tydliggöra och marknadsföra Umeåregionens profil",
                "En öppen och stödjande miljö för företagsutveckling och etablering",
                "Aktivt värdskap för att välkomna och etablera nya innevånare i regionen",
                "Gemensamt engagemang för Umeå2014",
            ],
        ),
        2: (
            "Effektivisera den kommunala förvaltningen",
            [
                "Nyttja, skapa och utveckla nationella och internationella nätverk",
                "Gemensamt arbete gällande regionala utvecklingsfrågor genom gemensam "
                "planering, profilering och finansiering av EU-projekt",
                "Helhetssyn på regionens utbud av kommunala tjänster och fördjupa den "
                "kommunala samverkan därom",
            ],
        ),
        3: (
            "Samverkan ska vara demokratiskt förankrad",
            [
                "Transparens i samverkan och beslut i regionen",
                "Aktiv dialog som skapar gemensam identitet och målbild för regionens "
                "politiker, tjänstemän, näringsliv och ideella sektor",
            ],
        ),
    },
}

# The organisation chart, column by column. Flyktingmottagning stands under two objectives.
WORKING_GROUPS = [
    ("Näringsliv", "naringsliv", [1]),
    ("Kultur", "kultur", [1]),
    ("Turism", "turism", [1]),
    ("Jämställdhet", "jamstalldhet", [1]),
    ("Bibliotek", "bibliotek", [1]),
    ("Flyktingmottagning", "flyktingmottagning", [1, 2]),
    ("Folkhälsa", "folkhalsa", [1]),
    ("Infra/Kommunikation", "infra-kommunikation", [1]),
    ("Personal", "personal", [2]),
    ("Webb", "webb", [2]),
    ("Överförmyndare", "overformyndare", [2]),
    ("Inköp/Upphandling", "inkop-upphandling", [2]),
    ("Socialchefer", "socialchefer", [2]),
    ("IT/Telefoni", "it-telefoni", [2]),
    ("Kommunikation", "kommunikation", [3]),
    ("Medicinskt ansvarig sjuksköterskor", "medicinskt-ansvarig-sjukskoterskor", [3]),
    ("Översiktsplanering", "oversiktsplanering", [3]),
]

PROJECTS = [
    ("Kulturhuvudstad", "kulturhuvudstad", None),
    ("Familjepeppen", "familjepeppen", None),
    ("URnära", "urnara", None),
    ("GreenCit", "greencit", None),
    ("Normstorm", "normstorm", 2011),
]

BODIES = {
    Body.Kind.COUNCIL: (
        "Regionrådet",
        "Regionrådet står för den politiska och strategiska ledningen. Ordförande för "
        "Regionrådet väljs för mandatperioden. I Regionrådet ingår kommunalråden och vice "
        "ordförande i kommunstyrelserna från samtliga kommuner. Beslut som rör kommunerna "
        "fattas alltid i respektive kommun.",
        4,
    ),
    Body.Kind.CHIEF_EXECUTIVES: (
        "Kommunchefsgruppen",
        "Umeåregionens kommunchefsgrupp är den högsta operativa ledningen för samarbetet. "
        "Den tar initiativ till nya samverkans- och utvecklingsområden, ansvarar för den "
        "strategiska utvecklingen och den övergripande uppföljningen, fördelar uppgifter "
        "till kanslichefen och arbetsgrupperna och godkänner arbetsgruppernas "
        "verksamhetsplaner efter att deltagarna förankrat dem med närmaste chefer.",
        None,
    ),
    Body.Kind.SECRETARIAT: (
        "Umeåregionens kansli",
        "Kanslichefen formerar arbetsgrupper för de områden som Regionrådet prioriterat, är "
        "pådrivande och följer upp arbetsgruppernas arbete, sammanställer verksamhetsplaner "
        "och resultat, och avvecklar arbetsgrupper som fullföljt sin uppgift eller ersätter "
        "dem med informella nätverk.",
        None,
    ),
}

PRIORITY_DECISION = date(2009, 12, 16)

# (area, English name, [(Aalborg code, wording, [municipalities])]) as in appendix 1.
PRIORITY_AREAS = [
    (
        "Medskapande och demokrati",
        "Co-creation and democracy",
        [
            (
                "1.3",
                "Vi ska inbjuda alla delar av lokalsamhället att delta på ett effektivt sätt i "
                "beslutsfattande",
                ["Robertsfors", "Vännäs", "Vindeln", "Umeå"],
            )
        ],
    ),
    (
        "God hälsa på lika villkor",
        "Good health on equal terms",
        [
            (
                "7.3",
                "Vi ska minska ojämlikheten i hälsa och angripa fattigdom, vilket kommer att "
                "kräva en regelbunden rapportering om framsteg med att minska klyftorna",
                ["Nordmaling", "Umeå"],
            ),
            (
                "7.2",
                "Vi ska främja en planering för att utveckla folkhälsan i regionen, vilket ger "
                "oss verktyg för att bygga upp och upprätthålla strategiska partnerskap för "
                "folkhälsa",
                ["Vindeln"],
            ),
            (
                "9.4",
                "Vi ska förbättra trygghet och säkerhet i lokalsamhället",
                ["Nordmaling"],
            ),
        ],
    ),
    (
        "Tillgängligt och jämställt transportsystem",
        "An accessible and equal transport system",
        [
            (
                "6.2",
                "Vi ska öka andelen resor som sker med kollektivtrafik, till fots eller med cykel",
                ["Vindeln", "Vännäs", "Nordmaling", "Bjurholm"],
            ),
            (
                "6.4",
                "Vi ska utveckla en integrerad och hållbar plan för framkomlighet i regionen",
                ["Vännäs"],
            ),
        ],
    ),
    (
        "Effektiv och förnybar energianvändning",
        "Efficient and renewable use of energy",
        [
            (
                "3.1",
                "Vi ska minska konsumtionen av primärenergi och öka andelen förnybara energikällor",
                ["Vindeln", "Vännäs", "Nordmaling", "Umeå", "Bjurholm"],
            ),
            (
                "4.3",
                "Vi ska undvika onödig energikonsumtion och förbättra energieffektiviteten hos "
                "slutanvändaren",
                ["Vännäs", "Nordmaling"],
            ),
            (
                "10.1",
                "Vi ska utveckla och tillämpa ett strategiskt och integrerat arbetssätt för att "
                "begränsa klimatförändringen, och verka för en hållbar utsläppsnivå av "
                "växthusgaser",
                ["Vännäs"],
            ),
        ],
    ),
    (
        "Livskraftig och hållbar lokalekonomi",
        "A vital and sustainable local economy",
        [
            (
                "8.1",
                "Vi ska vidta åtgärder som stimulerar och stödjer jobb och nyföretagande lokalt",
                ["Vindeln", "Bjurholm", "Robertsfors"],
            )
        ],
    ),
]


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("samverkan.strategy").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def load_aalborg(tally: Tally) -> Framework:
    framework = tally.upsert(
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
def load(tally: Tally | None = None) -> Tally:
    """Load or bring up to date the Umeåregionen data set; all or nothing."""
    tally = tally or Tally()
    municipalities = {
        name: tally.upsert(Municipality, {"code": code}, {"name": name, "is_member": True})
        for code, name in MUNICIPALITIES.items()
    }
    objectives = {
        number: tally.upsert(
            Objective, {"number": number}, {"short_title": sv, "short_title_en": en}
        )
        for number, sv, en in OBJECTIVES
    }
    tally.upsert(
        Cooperation,
        {"name": "Umeåregionen"},
        {
            "short_name": "Umeåregionen",
            "county_code": "0024",
            "county_name": "Västerbottens län",
            "vision": "Världens bästa livsmiljö för en kvarts miljon människor 2050",
            "vision_decided": PRIORITY_DECISION,
            "target_population": 250_000,
            "target_year": 2050,
            "description": PLAN_2006["preamble"],
            "horizontal_principles": "Alla arbetsgrupper\nUmeåregionens styrmodell",
            "secretariat_activities": "Seminarier, mässor, utställningar",
        },
    )
    bodies = {}
    for kind, (name, description, meetings) in BODIES.items():
        bodies[kind] = tally.upsert(
            Body,
            {"kind": kind},
            {
                "name": name,
                "description": description,
                "meetings_per_year": meetings,
                "horizontal": kind == Body.Kind.CHIEF_EXECUTIVES,
            },
        )
    # The chart draws Kommunchefsgruppen in the column for efficient administration too.
    tally.set_m2m(bodies[Body.Kind.CHIEF_EXECUTIVES], "objectives", [objectives[2]])

    version = tally.upsert(
        PlanVersion,
        {"year": PLAN_2006["year"]},
        {
            "title": PLAN_2006["title"],
            "decided_by": bodies[Body.Kind.COUNCIL],
            "decision_date": PLAN_2006["decision_date"],
            "valid_from": PLAN_2006["valid_from"],
            "preamble": PLAN_2006["preamble"],
        },
    )
    for number, (title, subs) in PLAN_2006["objectives"].items():
        plan_objective = tally.upsert(
            PlanObjective, {"version": version, "objective": objectives[number]}, {"title": title}
        )
        for order, text in enumerate(subs, start=1):
            tally.upsert(
                SubObjective, {"plan_objective": plan_objective, "order": order}, {"text": text}
            )

    for order, (name, slug, numbers) in enumerate(WORKING_GROUPS, start=1):
        group = tally.upsert(
            Group,
            {"slug": slug},
            {"name": name, "kind": Group.Kind.WORKING_GROUP, "chart_order": order},
        )
        tally.set_m2m(group, "objectives", [objectives[n] for n in numbers])
    for order, (name, slug, start_year) in enumerate(PROJECTS, start=1):
        tally.upsert(
            Group,
            {"slug": slug},
            {
                "name": name,
                "kind": Group.Kind.PROJECT,
                "start_year": start_year,
                "chart_order": order,
            },
        )

    framework = load_aalborg(tally)
    commitments = {c.code: c for c in Commitment.objects.filter(theme__framework=framework)}
    for area_order, (area_name, area_en, items) in enumerate(PRIORITY_AREAS, start=1):
        area = tally.upsert(
            PriorityArea,
            {"name": area_name},
            {
                "name_en": area_en,
                "decided_by": bodies[Body.Kind.COUNCIL],
                "decision_date": PRIORITY_DECISION,
                "order": area_order,
            },
        )
        for order, (code, wording, names) in enumerate(items, start=1):
            priority = tally.upsert(
                PriorityCommitment,
                {"area": area, "commitment": commitments[code]},
                {"wording": wording, "order": order},
            )
            tally.set_m2m(priority, "municipalities", [municipalities[n] for n in names])
    indicators.load(tally)
    return tally
