"""Invented people and accounts for trying samverkan out.

The source names no people, so every person here is made up (the interface says so).
A few Sámi names are among them on purpose: Umeå is in Sápmi, and every page and export
must draw đ, ŋ, ŧ, č, š, ž.
"""

import unicodedata
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from samverkan.core.audit import audit_log
from samverkan.core.upsert import Tally
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    Person,
)
from samverkan.strategy.models import Objective, PlanObjective, PlanVersion, SubObjective

DEMO_PASSWORD = "samverkan-demo"

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Elin",
    "Per",
    "Sara",
    "Anders",
    "Lena",
    "Mikael",
    "Ingrid",
    "Jonas",
    "Eva",
    "Nils",
    "Sofia",
    "Olof",
    "Hanna",
    "Magnus",
    "Áile",
    "Ánde",
    "Máret",
    "Niillas",
    "Sunná",
    "Risten",
    "Jovnna",
    "Elle",
]
LAST_NAMES = [
    "Lindqvist",
    "Öberg",
    "Nyström",
    "Sandberg",
    "Holmgren",
    "Burman",
    "Lundmark",
    "Westerlund",
    "Hedlund",
    "Forsgren",
    "Marklund",
    "Åström",
    "Granström",
    "Byström",
    "Đuolja",
    "Ŋuvttas",
    "Čiekča",
    "Šiŋŋá",
    "Žuvri",
    "Ŧuollá",
]
MUNICIPALITY_ORDER = ["Umeå", "Vännäs", "Vindeln", "Robertsfors", "Nordmaling", "Bjurholm"]
# Members that joined after the working groups were formed: they sit in the council and the
# chief executives' group, and are added after everyone else so that the people above keep
# their invented names whatever joins.
JOINED_LATER = ["Örnsköldsvik"]
AREA_CODES = {
    "Umeå": "090",
    "Vännäs": "0935",
    "Vindeln": "0933",
    "Robertsfors": "0934",
    "Nordmaling": "0930",
    "Bjurholm": "0932",
    "Örnsköldsvik": "0660",
}
TITLES = {
    "bibliotek": "bibliotekschef",
    "naringsliv": "näringslivsutvecklare",
    "kultur": "kulturchef",
    "turism": "turismutvecklare",
    "jamstalldhet": "jämställdhetsstrateg",
    "flyktingmottagning": "integrationssamordnare",
    "folkhalsa": "folkhälsostrateg",
    "infra-kommunikation": "trafikplanerare",
    "personal": "HR-chef",
    "webb": "webbredaktör",
    "overformyndare": "överförmyndarhandläggare",
    "inkop-upphandling": "upphandlare",
    "socialchefer": "socialchef",
    "it-telefoni": "IT-chef",
    "kommunikation": "kommunikationschef",
    "medicinskt-ansvarig-sjukskoterskor": "medicinskt ansvarig sjuksköterska",
    "oversiktsplanering": "översiktsplanerare",
}

PROPOSAL_YEAR = 2027
MANDATE_START, MANDATE_END = date(2023, 1, 1), date(2026, 12, 31)
NEXT_MANDATE = date(2027, 1, 1)


class _Names:
    """Deterministic, varied invented names, never the same pair twice."""

    def __init__(self) -> None:
        self.i = 0
        self.used: set[tuple[str, str]] = set()

    def next(self) -> tuple[str, str]:
        while True:
            i = self.i
            self.i += 1
            # 5 and 3 share no factor with the list lengths, so every name comes round.
            first = FIRST_NAMES[(i * 5) % len(FIRST_NAMES)]
            last = LAST_NAMES[(i * 3 + i // len(LAST_NAMES)) % len(LAST_NAMES)]
            if (first, last) not in self.used:
                self.used.add((first, last))
                return first, last


def _email(first: str, last: str, municipality: str) -> str:
    def ascii_part(text: str) -> str:
        text = text.replace("đ", "d").replace("Đ", "D").replace("ŋ", "ng").replace("Ŋ", "Ng")
        text = text.replace("ŧ", "t").replace("Ŧ", "T")
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return text.lower().replace(" ", "")

    domain = ascii_part(municipality)
    return f"{ascii_part(first)}.{ascii_part(last)}@{domain}.se"


def _person(tally: Tally, names: _Names, municipality: Municipality, title: str, n: int) -> Person:
    first, last = names.next()
    return tally.upsert(
        Person,
        {"first_name": first, "last_name": last, "municipality": municipality},
        {
            "title": title,
            "phone": f"{AREA_CODES[municipality.name]}-{10 + n % 89} {10 + (n * 7) % 89} 00",
            "email": _email(first, last, municipality.name),
        },
    )


@transaction.atomic
def load_people(tally: Tally | None = None) -> Tally:
    tally = tally or Tally()
    names = _Names()
    municipalities = {m.name: m for m in Municipality.objects.filter(is_member=True)}
    order = [municipalities[name] for name in MUNICIPALITY_ORDER if name in municipalities]
    n = 0
    bodies = {b.kind: b for b in Body.objects.all()}

    # The council: a municipal commissioner and a vice chair from every municipality.
    for i, municipality in enumerate(order):
        for role_title in ("kommunalråd", "vice ordförande i kommunstyrelsen"):
            person = _person(tally, names, municipality, role_title, n)
            n += 1
            role = BodyMembership.Role.MEMBER
            if i == 0 and role_title == "kommunalråd":
                role = BodyMembership.Role.CHAIR
            elif i == 1 and role_title == "kommunalråd":
                role = BodyMembership.Role.VICE_CHAIR
            tally.upsert(
                BodyMembership,
                {"body": bodies[Body.Kind.COUNCIL], "person": person},
                {"role": role, "start": MANDATE_START, "mandate": "2023–2026"},
            )
    for municipality in order:
        person = _person(tally, names, municipality, "kommunchef", n)
        n += 1
        tally.upsert(
            BodyMembership,
            {"body": bodies[Body.Kind.CHIEF_EXECUTIVES], "person": person},
            {"role": BodyMembership.Role.MEMBER, "start": date(2020, 1, 1)},
        )
    umea = municipalities["Umeå"]
    for title, role in (
        ("kanslichef", BodyMembership.Role.HEAD),
        ("utvecklingsstrateg", BodyMembership.Role.MEMBER),
    ):
        person = _person(tally, names, umea, title, n)
        n += 1
        tally.upsert(
            BodyMembership,
            {"body": bodies[Body.Kind.SECRETARIAT], "person": person},
            {"role": role, "start": date(2019, 1, 1)},
        )

    # Working groups: one member per municipality, the first one is contact person.
    groups = Group.objects.filter(kind=Group.Kind.WORKING_GROUP).order_by("chart_order")
    for g, group in enumerate(groups):
        size = 4 + g % 3
        for k in range(size):
            municipality = order[(g + k) % len(order)]
            person = _person(tally, names, municipality, TITLES.get(group.slug, "handläggare"), n)
            n += 1
            group_role = Membership.Role.CONTACT_PERSON if k == 0 else Membership.Role.MEMBER
            tally.upsert(
                Membership,
                {"group": group, "person": person},
                {"role": group_role, "start": date(2022 + k % 3, 1, 1)},
            )

    for municipality in (municipalities[m] for m in JOINED_LATER if m in municipalities):
        for role_title in ("kommunalråd", "vice ordförande i kommunstyrelsen"):
            person = _person(tally, names, municipality, role_title, n)
            n += 1
            tally.upsert(
                BodyMembership,
                {"body": bodies[Body.Kind.COUNCIL], "person": person},
                {
                    "role": BodyMembership.Role.MEMBER,
                    "start": MANDATE_START,
                    "mandate": "2023–2026",
                },
            )
        person = _person(tally, names, municipality, "kommunchef", n)
        n += 1
        tally.upsert(
            BodyMembership,
            {"body": bodies[Body.Kind.CHIEF_EXECUTIVES], "person": person},
            {"role": BodyMembership.Role.MEMBER, "start": date(2020, 1, 1)},
        )
    return tally


@transaction.atomic
def load_plan_revision(tally: Tally | None = None) -> Tally:
    """An invented proposal for next year's plan, so the yearly review has something to compare.

    It stays a proposal (no decision date): invented text must never appear as decided.
    """
    tally = tally or Tally()
    original = PlanVersion.objects.filter(year=2006).first()
    if original is None:
        return tally
    version = tally.upsert(
        PlanVersion,
        {"year": PROPOSAL_YEAR},
        {
            "title": "Umeåregionens strategiska plan",
            "decided_by": original.decided_by,
            "decision_date": None,
            "valid_from": None,
            "preamble": original.preamble,
            "note": "Påhittat förslag i demodatat, för att visa jämförelsen mellan versioner.",
        },
    )
    changes = {
        1: [
            "Tydliggöra och marknadsföra Umeåregionens profil",
            "En öppen och stödjande miljö för företagsutveckling och etablering",
            "Aktivt värdskap för att välkomna och etablera nya innevånare i regionen",
            "Gemensamt engagemang för Umeå2014 – Europas kulturhuvudstad",
            "Arbeta mot visionen: världens bästa livsmiljö för en kvarts miljon människor 2050",
        ],
        2: [
            "Nyttja, skapa och utveckla nationella och internationella nätverk",
            "Gemensamt arbete gällande regionala utvecklingsfrågor genom gemensam planering, "
            "profilering och finansiering av EU-projekt",
            "Helhetssyn på regionens utbud av kommunala tjänster och fördjupa den kommunala "
            "samverkan därom",
        ],
        3: [
            "Transparens i samverkan och beslut i regionen",
            "Aktiv dialog som skapar gemensam identitet och målbild för regionens politiker, "
            "tjänstemän, näringsliv och ideella sektor",
            "Följa upp samhällsutvecklingen i de prioriterade områdena med indikatorer varje år",
        ],
    }
    titles = {
        po.objective.number: po.title for po in original.objectives.select_related("objective")
    }
    for objective in Objective.objects.all():
        plan_objective = tally.upsert(
            PlanObjective,
            {"version": version, "objective": objective},
            {"title": titles.get(objective.number, objective.short_title)},
        )
        for order, text in enumerate(changes.get(objective.number, []), start=1):
            tally.upsert(
                SubObjective, {"plan_objective": plan_objective, "order": order}, {"text": text}
            )
    return tally


# The source names no networks; these two are invented so the demo can show the light report.
NETWORKS = [
    (
        "Landsbygdsnätverket",
        "landsbygdsnatverket",
        "Påhittat nätverk i demodatat: landsbygdsutvecklare som delar erfarenheter.",
    ),
    (
        "Arkivnätverket",
        "arkivnatverket",
        "Påhittat nätverk i demodatat: kommunarkivarier och registratorer.",
    ),
]


@transaction.atomic
def load_networks(tally: Tally | None = None) -> Tally:
    tally = tally or Tally()
    names = _Names()
    names.i = 300  # past the names the council, chiefs and working groups use
    municipalities = {m.name: m for m in Municipality.objects.filter(is_member=True)}
    order = [municipalities[n] for n in MUNICIPALITY_ORDER if n in municipalities]
    for g, (name, slug, description) in enumerate(NETWORKS):
        group = tally.upsert(
            Group,
            {"slug": slug},
            {
                "name": name,
                "kind": Group.Kind.NETWORK,
                "field_of_work": description,
                "chart_order": 100 + g,
            },
        )
        for k in range(3 + g):
            person = _person(
                tally, names, order[(g * 2 + k) % len(order)], "utvecklare", 500 + g * 10 + k
            )
            role = Membership.Role.CONTACT_PERSON if k == 0 else Membership.Role.MEMBER
            tally.upsert(
                Membership,
                {"group": group, "person": person},
                {"role": role, "start": date(2023, 1, 1)},
            )
    return tally


@transaction.atomic
def mark_loaded(loaded: bool) -> None:
    """Record on the cooperation whether the demo's invented data is here: the banner on every
    page reads it (saved one by one, so that the public pages' cache is cleared)."""
    for cooperation in Cooperation.objects.exclude(demo_data=loaded):
        cooperation.demo_data = loaded
        cooperation.save(update_fields=["demo_data"])
        audit_log(
            action=f"samverkan.cooperation.demo_{'marked' if loaded else 'cleared'}",
            actor=None,
            obj=cooperation,
            changes={"demo_data": loaded},
        )


# username -> (role label, how to find the person behind it)
DEMO_ACCOUNTS = [
    ("besokare", "Besökare (inloggad utan uppdrag)", None),
    ("medlem", "Gruppmedlem (Bibliotek)", ("group", "bibliotek", Membership.Role.MEMBER)),
    ("kontaktperson", "Kontaktperson (Bibliotek)", ("group", "bibliotek", "contact_person")),
    (
        "natverk",
        "Kontaktperson (Landsbygdsnätverket)",
        ("group", "landsbygdsnatverket", "contact_person"),
    ),
    ("kansli", "Kansliet (kanslichef)", ("body", Body.Kind.SECRETARIAT, BodyMembership.Role.HEAD)),
    ("kommunchef", "Kommunchef", ("body", Body.Kind.CHIEF_EXECUTIVES, None)),
    ("regionrad", "Ledamot i Regionrådet", ("body", Body.Kind.COUNCIL, BodyMembership.Role.CHAIR)),
    ("admin", "Administratör", None),
]


@transaction.atomic
def ensure_accounts() -> list[tuple[str, str]]:
    """Create or reset one account per role, each tied to an invented person holding it."""
    User = get_user_model()
    created = []
    for username, label, source in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        user.is_superuser = user.is_staff = username == "admin"
        user.save()
        person: Membership | BodyMembership | None = None
        if source and source[0] == "group":
            qs = Membership.objects.filter(group__slug=source[1], role=source[2], end__isnull=True)
            person = qs.select_related("person").order_by("pk").first()
        elif source and source[0] == "body":
            seats = BodyMembership.objects.filter(body__kind=source[1], end__isnull=True)
            if source[2]:
                seats = seats.filter(role=source[2])
            person = seats.select_related("person").order_by("pk").first()
        if person is not None:
            Person.objects.filter(user=user).exclude(pk=person.person.pk).update(user=None)
            person.person.user = user
            person.person.save(update_fields=["user"])
            user.first_name, user.last_name = person.person.first_name, person.person.last_name
            user.email = person.person.email
            user.save()
        created.append((username, label))
    return created
