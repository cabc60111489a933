"""Invented operational plans for the demo, in the states a real year shows.

2026 is the year under way: some plans approved (Bibliotek also revised), others still on
their way. 2027 is open for planning, so a group can write next year's plan from scratch.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samverkan.governance.models import (
    Adoption,
    Assignment,
    BoardMeeting,
    Decision,
    Matter,
    Meeting,
)
from samverkan.organisation.models import Body, Group, Membership, Municipality, current_q
from samverkan.planning.models import (
    Activity,
    Anchoring,
    AnnualReport,
    Goal,
    OperationalPlan,
    PlanEvent,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportEvent,
    ReportGoal,
    ReportPriority,
    ReportStatus,
    Status,
)
from samverkan.planning.selectors import plans as selectors
from samverkan.strategy.models import Objective, PriorityCommitment

YEARS = [
    (2026, date(2025, 12, 15), date(2027, 2, 15)),
    (2027, date(2026, 12, 15), date(2028, 2, 15)),
]
# The rest of each year's wheel: anchoring done, the chief executives' approval meeting and
# the yearly review of the strategic plan.
WHEEL = {
    2026: (date(2026, 1, 20), date(2026, 2, 5), date(2026, 9, 24)),
    2027: (date(2027, 1, 20), date(2027, 2, 4), date(2027, 9, 23)),
}

# slug -> (final status, field of work, purpose, objective numbers, commitment codes,
#          goals [(statement, direction, measure, unit, base, target, deadline)],
#          activities [(what, how, when, goal index)])
PLANS_2026 = {
    "bibliotek": (
        Status.APPROVED,
        "Folkbiblioteken i de sex kommunerna: gemensamt lånekort, transporter mellan "
        "biblioteken, digitala tjänster och läsfrämjande arbete.",
        "Genom ett gemensamt bibliotekssystem och samordnade transporter bidrar vi till att "
        "utveckla regionen, och genom gemensam upphandling och kompetensutveckling bidrar vi "
        "till att effektivisera den kommunala förvaltningen.",
        [1, 2],
        ["1.3"],
        [
            (
                "Öka antalet lån av e-böcker i regionen med 15 % före oktober 2026.",
                "increase",
                "lån av e-böcker per år",
                "antal",
                "41200",
                "47400",
                date(2026, 10, 1),
            ),
            (
                "Minska väntetiden för fjärrlån mellan kommunerna från 6 till 3 dagar.",
                "decrease",
                "genomsnittlig väntetid för fjärrlån",
                "dagar",
                "6",
                "3",
                date(2026, 12, 1),
            ),
        ],
        [
            (
                "Gemensam kampanj för e-boken",
                "Affischer och sociala medier i alla sex kommunerna, med läsombud",
                date(2026, 3, 15),
                0,
            ),
            (
                "Samordnad transportslinga",
                "Två turer i veckan Umeå–Vännäs–Vindeln–Bjurholm, "
                "en tur Robertsfors och Nordmaling",
                date(2026, 5, 31),
                1,
            ),
            (
                "Lässatsning för nyanlända",
                "Tillsammans med flyktingmottagningen, lättlästa böcker på tio språk",
                date(2026, 9, 30),
                0,
            ),
        ],
    ),
    "naringsliv": (
        Status.APPROVED,
        "Näringslivsutveckling och företagsetablering i regionen.",
        "Genom gemensamma satsningar för att öka företagsetableringar bidrar vi som "
        "arbetsgrupp till att utveckla Umeåregionen.",
        [1],
        ["8.1"],
        [
            (
                "Öka antalet nystartade företag per 1 000 invånare i regionen från 4,1 till 4,5.",
                "increase",
                "nystartade företag per 1 000 invånare",
                "antal",
                "4.1",
                "4.5",
                date(2026, 12, 31),
            ),
        ],
        [
            (
                "Gemensam etableringsguide",
                "En webbsida på svenska och engelska",
                date(2026, 4, 30),
                0,
            ),
            (
                "Företagarfrukost i varje kommun",
                "Två gånger per termin, med regionens rådgivare",
                date(2026, 11, 30),
                0,
            ),
        ],
    ),
    "folkhalsa": (
        Status.SUBMITTED,
        "Folkhälsoarbete och minskade skillnader i hälsa.",
        "Genom gemensamma folkhälsoprogram bidrar vi till att utveckla regionen.",
        [1],
        ["7.3", "7.2"],
        [
            (
                "Införa en gemensam folkhälsoenkät för årskurs 8 i alla sex kommunerna under 2026.",
                "introduce",
                "kommuner som genomfört enkäten",
                "antal",
                "2",
                "6",
                date(2026, 11, 30),
            ),
        ],
        [
            ("Ta fram enkäten", "Utgå från Umeås befintliga enkät", date(2026, 3, 1), 0),
        ],
    ),
    "turism": (
        Status.ANCHORING,
        "Besöksnäring och gemensam marknadsföring av regionen.",
        "Genom gemensam marknadsföring bidrar vi till att tydliggöra Umeåregionens profil.",
        [1],
        ["6.2"],
        [
            (
                "Öka antalet gästnätter i regionen med 5 % jämfört med 2025.",
                "increase",
                "gästnätter",
                "antal",
                "512000",
                "537600",
                date(2026, 12, 31),
            ),
        ],
        [
            (
                "Gemensam besökskarta",
                "Tryckt och digital, med kollektivtrafik och cykelleder",
                date(2026, 5, 1),
                0,
            ),
        ],
    ),
    "kultur": (
        Status.DRAFT,
        "Kulturverksamhet i de sex kommunerna.",
        "",
        [1],
        [],
        [("Fler ungdomar ska delta i kulturskolan.", "", "", "", None, None, None)],
        [],
    ),
    "infra-kommunikation": (
        Status.APPROVED,
        "Kollektivtrafik, vägar, järnväg och bredband mellan de sex kommunerna: regionbussar, "
        "pendeltåg Umeå–Vännäs, pendlarparkeringar och gemensamma trafikfrågor mot staten.",
        "Genom samordnad kollektivtrafik och infrastruktur bidrar vi till att utveckla regionen "
        "som en gemensam arbetsmarknad, och genom fler resor med buss, tåg och cykel till att "
        "minska utsläppen från transporter.",
        [1, 3],
        ["6.2", "6.4"],
        [
            (
                "Öka antalet resor med regionbuss mellan kommunerna med 8 % jämfört med 2025.",
                "increase",
                "påstigande på regionbusslinjerna",
                "antal",
                "1250000",
                "1350000",
                date(2026, 12, 31),
            ),
            (
                "Öka antalet pendlarparkeringar med laddplats vid hållplatser från 12 till 30.",
                "increase",
                "pendlarparkeringar med laddplats",
                "antal",
                "12",
                "30",
                date(2026, 11, 30),
            ),
        ],
        [
            (
                "Gemensam tidtabellsöversyn för regionbussarna",
                "Med Länstrafiken och kommunernas trafikplanerare, inför tidtabellsskiftet",
                date(2026, 4, 30),
                0,
            ),
            (
                "Plan för pendlarparkeringar",
                "Inventera hållplatser i Vännäs, Vindeln, Nordmaling, Bjurholm och Robertsfors",
                date(2026, 6, 15),
                1,
            ),
        ],
    ),
    "webb": (
        Status.APPROVED,
        "Kommunernas webbplatser, e-tjänster och digital tillgänglighet.",
        "Genom gemensam kompetensutveckling och erfarenhetsutbyte kan vi stödja varandra och "
        "slipper ta in externa konsulter, vilket bidrar till att effektivisera våra kommuner.",
        [2, 3],
        ["1.3"],
        [
            (
                "Öka andelen webbsidor utan allvarliga tillgänglighetsbrister från 70 % till 90 %.",
                "increase",
                "andel granskade sidor utan allvarliga brister",
                "%",
                "70",
                "90",
                date(2026, 10, 31),
            ),
        ],
        [
            (
                "Gemensam granskning av tillgänglighet",
                "Automatisk granskning varje månad och "
                "manuell granskning av de 20 mest besökta sidorna",
                date(2026, 6, 30),
                0,
            ),
        ],
    ),
}


def _members(group: Group) -> list[Membership]:
    return list(
        Membership.objects.filter(current_q(), group=group)
        .select_related("person__municipality", "person__user")
        .order_by("role", "pk")
    )


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _event(version, old, new, actor, day, comment=""):
    event = PlanEvent.objects.create(
        version=version, from_status=old, to_status=new, actor=actor, comment=comment
    )
    PlanEvent.objects.filter(pk=event.pk).update(at=_at(day))


def _fill(version, spec, members, commitments):
    _status, field, purpose, objectives, codes, goals, activities = spec
    version.field_of_work, version.purpose = field, purpose
    version.save()
    version.objectives.set(Objective.objects.filter(number__in=objectives))
    version.priority_commitments.set([commitments[c] for c in codes])
    made = []
    for order, (statement, direction, measure, unit, base, target, deadline) in enumerate(
        goals, start=1
    ):
        made.append(
            Goal.objects.create(
                version=version,
                order=order,
                statement=statement,
                direction=direction,
                measure=measure,
                unit=unit,
                baseline_value=Decimal(base) if base else None,
                baseline_date=date(2025, 12, 31) if base else None,
                target_value=Decimal(target) if target else None,
                deadline=deadline,
            )
        )
    for order, (what, how, when, goal_index) in enumerate(activities, start=1):
        responsible = members[order % len(members)].person
        activity = Activity.objects.create(
            version=version, order=order, what=what, how=how, when=when, responsible=responsible
        )
        activity.goals.set([made[goal_index]])


@transaction.atomic
def load_plans() -> int:
    years = {}
    for year, plans_due, reports_due in YEARS:
        anchoring_due, approval_meeting_on, plan_review_on = WHEEL[year]
        years[year], _ = PlanningYear.objects.get_or_create(
            year=year,
            defaults={
                "plans_due": plans_due,
                "reports_due": reports_due,
                "anchoring_due": anchoring_due,
                "approval_meeting_on": approval_meeting_on,
                "plan_review_on": plan_review_on,
            },
        )
    commitments = {
        pc.commitment.code: pc for pc in PriorityCommitment.objects.select_related("commitment")
    }

    users = {u.username: u for u in get_user_model().objects.all()}
    chief, secretariat = users.get("kommunchef"), users.get("kansli")
    created = 0
    for slug, spec in PLANS_2026.items():
        group = Group.objects.filter(slug=slug).first()
        if group is None or OperationalPlan.objects.filter(group=group, year=years[2026]).exists():
            continue
        members = _members(group)
        contact = members[0].person.user if members and members[0].person.user else None
        plan = OperationalPlan.objects.create(group=group, year=years[2026])
        version = PlanVersion.objects.create(plan=plan, number=1)
        _fill(version, spec, members, commitments)
        created += 1
        target = spec[0]
        _event(version, "", Status.DRAFT, contact, date(2025, 10, 20))
        if target == Status.DRAFT:
            continue
        version.status = Status.ANCHORING
        _event(version, Status.DRAFT, Status.ANCHORING, contact, date(2025, 11, 10))
        anchored = members if target != Status.ANCHORING else members[:2]
        for m in anchored:
            Anchoring.objects.create(
                version=version,
                person=m.person,
                manager=f"förvaltningschef, {m.person.municipality.name}",
            )
        if target == Status.ANCHORING:
            version.save()
            continue
        frozen_contact, frozen_members = selectors.snapshot(members)
        version.frozen_contact, version.frozen_members = frozen_contact, frozen_members
        version.status, version.submitted_at = Status.SUBMITTED, _at(date(2025, 12, 10))
        _event(version, Status.ANCHORING, Status.SUBMITTED, contact, date(2025, 12, 10))
        if target == Status.APPROVED:
            version.status, version.approved_at = Status.APPROVED, _at(date(2026, 1, 22))
            _event(
                version,
                Status.SUBMITTED,
                Status.APPROVED,
                chief,
                date(2026, 1, 22),
                "Godkänd vid kommunchefsgruppens möte.",
            )
        version.save()
        if slug == "bibliotek":
            _revise_bibliotek(plan, version, contact, chief, secretariat)
    return created


def _revise_bibliotek(plan, approved, contact, chief, secretariat) -> None:
    """Bibliotek moved its e-book goal in the spring: an approved revision, version 2."""
    version = PlanVersion.objects.create(
        plan=plan,
        number=2,
        field_of_work=approved.field_of_work,
        purpose=approved.purpose,
        revision_when=date(2026, 4, 1),
        revision_how="Målet för e-boksutlån sänks från 15 % till 10 % ökning, och kampanjen "
        "flyttas till hösten.",
        revision_why="Leverantören av e-boksplattformen bytte licensmodell i februari, vilket "
        "halverade utbudet under våren.",
    )
    version.objectives.set(approved.objectives.all())
    version.priority_commitments.set(approved.priority_commitments.all())
    copies = {}
    for goal in approved.goals.order_by("order"):
        old_pk = goal.pk
        goal.pk = goal.id = None
        goal.version = version
        if goal.measure.startswith("lån av e-böcker"):
            goal.statement = "Öka antalet lån av e-böcker i regionen med 10 % före december 2026."
            goal.target_value = Decimal("45300")
            goal.deadline = date(2026, 12, 1)
        goal.save()
        copies[old_pk] = goal
    for activity in approved.activities.prefetch_related("goals").order_by("order"):
        goal_ids = [g.pk for g in activity.goals.all()]
        activity.pk = activity.id = None
        activity.version = version
        if activity.what.startswith("Gemensam kampanj"):
            activity.when = date(2026, 9, 15)
        activity.save()
        activity.goals.set([copies[i] for i in goal_ids])
    version.frozen_contact, version.frozen_members = (
        approved.frozen_contact,
        approved.frozen_members,
    )
    version.status = Status.APPROVED
    version.submitted_at, version.approved_at = _at(date(2026, 3, 20)), _at(date(2026, 4, 9))
    version.save()
    _event(version, "", Status.DRAFT, contact, date(2026, 3, 12), "Revision av version 1")
    _event(version, Status.DRAFT, Status.SUBMITTED, contact, date(2026, 3, 20))
    _event(
        version,
        Status.SUBMITTED,
        Status.FORWARDED,
        secretariat,
        date(2026, 3, 24),
        "Rimlig justering, förs vidare.",
    )
    _event(version, Status.FORWARDED, Status.APPROVED, chief, date(2026, 4, 9))


# --- 2025: approved plans and accepted reports, a realistic mix of outcomes ----------------

PLANS_2025 = ["bibliotek", "naringsliv", "webb", "folkhalsa", "turism", "infra-kommunikation"]

OUTCOMES = [
    # (fulfilment, share of the planned change reached, comment, reason)
    ("fully", Decimal("1.1"), "Målet nåddes redan i september.", ""),
    (
        "partly",
        Decimal("0.6"),
        "Ökningen kom igång först under hösten.",
        "Upphandlingen av den nya plattformen drog ut på tiden.",
    ),
    (
        "not_at_all",
        Decimal("0"),
        "Mätningen visade ingen förändring.",
        "Två av kommunerna hade vakanser under större delen av året.",
    ),
]

NETWORK_REPORTS = {
    "landsbygdsnatverket": (
        6,
        "Vi träffas varannan månad, växelvis i varje kommun, och delar erfarenheter om "
        "servicepunkter, bredband och lokala utvecklingsgrupper.",
    ),
    "arkivnatverket": (
        4,
        "Vi ses en gång per kvartal och arbetar med gemensamma rutiner för e-arkiv och gallring.",
    ),
}


def _shift(spec, year: int):
    """The 2026 plan text as it might have looked a year earlier."""
    status, field, purpose, objectives, codes, goals, activities = spec
    goals = [
        (s.replace("2026", str(year)), d, m, u, b, t, dl.replace(year=year) if dl else None)
        for s, d, m, u, b, t, dl in goals
    ]
    activities = [(w, h, when.replace(year=year), g) for w, h, when, g in activities]
    return (status, field, purpose, objectives, codes or ["1.3"], goals, activities)


@transaction.atomic
def load_reports() -> int:
    """2025 plans approved and reported on, and the networks' light reports."""

    year, _ = PlanningYear.objects.get_or_create(
        year=2025, defaults={"plans_due": date(2024, 12, 15), "reports_due": date(2026, 2, 15)}
    )
    commitments = {
        pc.commitment.code: pc for pc in PriorityCommitment.objects.select_related("commitment")
    }

    users = {u.username: u for u in get_user_model().objects.all()}
    chief, secretariat = users.get("kommunchef"), users.get("kansli")
    made = 0
    for n, slug in enumerate(PLANS_2025):
        group = Group.objects.filter(slug=slug).first()
        if group is None or AnnualReport.objects.filter(group=group, year=year).exists():
            continue
        members = _members(group)
        contact = members[0].person.user if members and members[0].person.user else None
        frozen_contact, frozen_members = selectors.snapshot(members)
        plan, _ = OperationalPlan.objects.get_or_create(group=group, year=year)
        version = plan.versions.first()
        if version is None:
            version = PlanVersion.objects.create(plan=plan, number=1)
            _fill(version, _shift(PLANS_2026[slug], 2025), members, commitments)
            version.status = Status.APPROVED
            version.frozen_contact, version.frozen_members = frozen_contact, frozen_members
            version.submitted_at, version.approved_at = (
                _at(date(2024, 12, 9)),
                _at(date(2025, 1, 23)),
            )
            version.save()
            _event(version, Status.SUBMITTED, Status.APPROVED, chief, date(2025, 1, 23))
        report = AnnualReport.objects.create(
            group=group,
            year=year,
            based_on=version,
            status=ReportStatus.ACCEPTED,
            frozen_contact=frozen_contact,
            frozen_members=frozen_members,
            submitted_at=_at(date(2026, 2, 10)),
            accepted_at=_at(date(2026, 2, 20)),
            summary=f"Året präglades av ett gott samarbete mellan kommunerna i gruppen "
            f"{group.name}. Vi nådde en del av målen och lärde oss mycket av det vi inte nådde.",
            revisions="",
        )
        for i, goal in enumerate(version.goals.order_by("order")):
            fulfilment, share, comment, reason = OUTCOMES[(n + i) % len(OUTCOMES)]
            reached = None
            if goal.is_measurable and goal.baseline_value is not None:
                assert goal.target_value is not None  # is_measurable says so
                reached = (
                    goal.baseline_value + (goal.target_value - goal.baseline_value) * share
                ).quantize(Decimal("0.1"))
            ReportGoal.objects.create(
                report=report,
                source=goal,
                order=i,
                statement=goal.statement,
                measure=goal.measure,
                unit=goal.unit,
                baseline_value=goal.baseline_value,
                target_value=goal.target_value,
                deadline=goal.deadline,
                is_measurable=goal.is_measurable,
                value_reached=reached,
                fulfilment=fulfilment,
                comment=comment,
                reason=reason,
            )
        for i, activity in enumerate(version.activities.order_by("order")):
            done = (n + i) % 3 != 2
            ReportActivity.objects.create(
                report=report,
                source=activity,
                order=i,
                planned=activity.what,
                result="done" if done else "not_done",
                result_text="Genomfört enligt plan." if done else "",
                reason="" if done else "Flyttades till nästa år på grund av resursbrist.",
            )
        for pc in version.priority_commitments.all():
            ReportPriority.objects.create(
                report=report,
                priority_commitment=pc,
                touched=True,
                what_was_done="Aktiviteterna under året bidrog till åtagandet, bland annat "
                "genom samarbete med andra arbetsgrupper.",
            )
        ReportEvent.objects.create(report=report, to_status=ReportStatus.SUBMITTED, actor=contact)
        ReportEvent.objects.create(
            report=report,
            from_status=ReportStatus.SUBMITTED,
            to_status=ReportStatus.ACCEPTED,
            actor=secretariat,
        )
        made += 1
    for slug, (meetings, what) in NETWORK_REPORTS.items():
        group = Group.objects.filter(slug=slug).first()
        if group is None or AnnualReport.objects.filter(group=group, year=year).exists():
            continue
        members = _members(group)
        frozen_contact, frozen_members = selectors.snapshot(members)
        report = AnnualReport.objects.create(
            group=group,
            year=year,
            kind=AnnualReport.Kind.LIGHT,
            status=ReportStatus.ACCEPTED,
            meetings=meetings,
            network_activities=what,
            frozen_contact=frozen_contact,
            frozen_members=frozen_members,
            accepted_at=_at(date(2026, 2, 20)),
        )
        report.municipalities.set({m.person.municipality for m in members})
        ReportEvent.objects.create(
            report=report,
            from_status=ReportStatus.SUBMITTED,
            to_status=ReportStatus.ACCEPTED,
            actor=secretariat,
        )
        made += 1
    return made


@transaction.atomic
def load_governance() -> int:
    """An invented council meeting with a decision the municipalities are adopting, an
    assignment and a matter, so the desk and the decisions page have something to show."""

    council = Body.objects.filter(kind=Body.Kind.COUNCIL).first()
    if council is None or Meeting.objects.exists():
        return 0
    meeting = Meeting.objects.create(
        body=council,
        date=date(2026, 9, 24),
        starts_at=time(13, 0),
        ends_at=time(16, 0),
        place="Vindeln",
    )
    decision = Decision.objects.create(
        meeting=meeting,
        reference="RR 2026/7",
        kind=Decision.Kind.COMMISSION,
        title="Gemensam upphandling av e-böcker",
        text="Regionrådet ger kansliet i uppdrag att tillsammans med biblioteksgruppen utreda "
        "en gemensam upphandling av e-böcker, och föreslår att kommunerna ställer sig bakom.",
    )
    for municipality in Municipality.objects.filter(is_member=True):
        adopted = municipality.name in {"Umeå", "Vindeln"}
        Adoption.objects.create(
            decision=decision,
            municipality=municipality,
            status=Adoption.Status.ADOPTED if adopted else Adoption.Status.PENDING,
            sent_on=date(2026, 9, 28),
            agenda_on=date(2026, 10, 20) if adopted or municipality.name == "Vännäs" else None,
            agenda_body="Kommunstyrelsen" if adopted or municipality.name == "Vännäs" else "",
            decided_on=date(2026, 10, 20) if adopted else None,
            reference=f"KS 2026/{40 + municipality.pk}" if adopted else "",
            paragraph=str(100 + municipality.pk) if adopted else "",
        )
    # The council's meetings of the coming year, and each member's executive board meeting
    # once a month but July, where the council's decisions are taken again.
    for day, place in [(date(2027, 3, 18), "Umeå"), (date(2027, 9, 23), "Nordmaling")]:
        Meeting.objects.create(body=council, date=day, place=place)
    BoardMeeting.objects.bulk_create(
        BoardMeeting(
            municipality=municipality,
            body="Kommunstyrelsen",
            date=date(2027, month, 8 + municipality.pk % 10),
        )
        for municipality in Municipality.objects.filter(is_member=True)
        for month in range(1, 13)
        if month != 7
    )
    bibliotek = Group.objects.filter(slug="bibliotek").first()
    if bibliotek:
        Assignment.objects.create(
            title="Utred gemensam upphandling av e-böcker",
            group=bibliotek,
            given_on=date(2026, 10, 1),
            due=date(2027, 3, 31),
            status=Assignment.Status.UNDER_WAY,
        )
        Matter.objects.create(
            kind=Matter.Kind.COOPERATION,
            group=bibliotek,
            title="Gemensamt lånekort för hela regionen",
            description="Biblioteksgruppen föreslår ett gemensamt lånekort för de sex kommunerna.",
        )
    Assignment.objects.create(
        title="Sammanställ erfarenheterna av nätverken",
        to_secretariat=True,
        given_on=date(2026, 9, 1),
        due=date(2026, 11, 15),
        status=Assignment.Status.OPEN,
    )
    return 1
