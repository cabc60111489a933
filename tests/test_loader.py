from django.core.management import call_command

from samverkan.datasets import umearegionen
from samverkan.followup.models import Indicator
from samverkan.organisation.models import Body, Cooperation, Group, Municipality
from samverkan.strategy.models import (
    Commitment,
    Objective,
    PlanVersion,
    PriorityArea,
    PriorityCommitment,
    SubObjective,
)


def test_counts_match_the_source(umearegionen_data):
    # The six of the source, and Örnsköldsvik, which joined in 2013.
    assert Municipality.objects.count() == 7
    assert Municipality.objects.get(code="2284").member_from.isoformat() == "2013-01-01"
    assert sorted(Municipality.objects.members_in(2012).values_list("code", flat=True)) == [
        "2401",
        "2403",
        "2404",
        "2409",
        "2460",
        "2480",
    ]
    assert dict(Municipality.objects.values_list("name", "code")) == {
        "Örnsköldsvik": "2284",
        "Nordmaling": "2401",
        "Bjurholm": "2403",
        "Vindeln": "2404",
        "Robertsfors": "2409",
        "Vännäs": "2460",
        "Umeå": "2480",
    }
    assert Objective.objects.count() == 3
    version = PlanVersion.objects.get()
    assert version.decision_date.isoformat() == "2006-11-23"
    assert version.decided_by.kind == Body.Kind.COUNCIL
    assert SubObjective.objects.filter(plan_objective__version=version).count() == 4 + 3 + 2
    assert PriorityArea.objects.count() == 5
    assert PriorityCommitment.objects.count() == 10
    assert Commitment.objects.count() == 50
    codes = list(Commitment.objects.values_list("code", flat=True))
    assert codes[0] == "1.1" and codes[-1] == "10.5" and codes.index("10.1") > codes.index("9.5")
    coop = Cooperation.objects.get()
    assert coop.target_population == 250_000 and coop.target_year == 2050
    assert "kvarts miljon" in coop.vision


def test_prioritised_commitments_have_the_right_municipalities(umearegionen_data):
    expected = {
        "1.3": {"Robertsfors", "Vännäs", "Vindeln", "Umeå"},
        "7.3": {"Nordmaling", "Umeå"},
        "7.2": {"Vindeln"},
        "9.4": {"Nordmaling"},
        "6.2": {"Vindeln", "Vännäs", "Nordmaling", "Bjurholm"},
        "6.4": {"Vännäs"},
        "3.1": {"Vindeln", "Vännäs", "Nordmaling", "Umeå", "Bjurholm"},
        "4.3": {"Vännäs", "Nordmaling"},
        "10.1": {"Vännäs"},
        "8.1": {"Vindeln", "Bjurholm", "Robertsfors"},
    }
    actual = {
        pc.commitment.code: {m.name for m in pc.municipalities.all()}
        for pc in PriorityCommitment.objects.select_related("commitment")
    }
    assert actual == expected
    for pc in PriorityCommitment.objects.select_related("area"):
        assert pc.area.decision_date.isoformat() == "2009-12-16"


def test_every_chart_group_under_the_right_objectives(umearegionen_data):
    by_objective = {
        1: [
            "Näringsliv",
            "Kultur",
            "Turism",
            "Jämställdhet",
            "Bibliotek",
            "Flyktingmottagning",
            "Folkhälsa",
            "Infra/Kommunikation",
        ],
        2: [
            "Personal",
            "Webb",
            "Överförmyndare",
            "Inköp/Upphandling",
            "Socialchefer",
            "Flyktingmottagning",
            "IT/Telefoni",
        ],
        3: ["Kommunikation", "Medicinskt ansvarig sjuksköterskor", "Översiktsplanering"],
    }
    for number, names in by_objective.items():
        actual = set(Group.objects.filter(objectives__number=number).values_list("name", flat=True))
        assert actual == set(names), number
    assert Group.objects.get(name="Flyktingmottagning").objectives.count() == 2
    assert Group.objects.filter(kind=Group.Kind.WORKING_GROUP).count() == 17
    projects = Group.objects.filter(kind=Group.Kind.PROJECT)
    assert set(projects.values_list("name", flat=True)) == {
        "Kulturhuvudstad",
        "Familjepeppen",
        "URnära",
        "GreenCit",
        "Normstorm",
    }
    assert projects.get(name="Normstorm").start_year == 2011
    chiefs = Body.objects.get(kind=Body.Kind.CHIEF_EXECUTIVES)
    assert list(chiefs.objectives.values_list("number", flat=True)) == [2]
    assert chiefs.horizontal


def test_second_run_changes_nothing_and_says_so(db, capsys):
    call_command("load_umearegionen")
    first = capsys.readouterr().out
    assert "Umeåregionen loaded" in first
    before = (Group.objects.count(), PriorityCommitment.objects.count())
    call_command("load_umearegionen")
    second = capsys.readouterr().out
    assert "nothing changed" in second
    assert (Group.objects.count(), PriorityCommitment.objects.count()) == before
    assert not umearegionen.load().changed


def test_loader_restores_edited_source_data(umearegionen_data):
    Municipality.objects.filter(code="2480").update(name="Umea")
    tally = umearegionen.load()
    assert tally.changed
    assert Municipality.objects.get(code="2480").name == "Umeå"


def test_every_prioritised_commitment_has_an_indicator(umearegionen_data):
    for pc in PriorityCommitment.objects.select_related("commitment"):
        assert pc.indicators.exists(), pc.commitment.code
    assert Indicator.objects.get(kolada_kpi="N01951").rule == "sum"
    manual = Indicator.objects.get(slug="hallbara-resor")
    assert manual.source == "manual" and manual.source_name
