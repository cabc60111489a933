import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from samverkan.datasets import demo_plans
from samverkan.governance.models import Adoption, Assignment
from samverkan.organisation.models import Group, Membership, Person, current_q
from samverkan.planning.models import PlanVersion


def test_every_working_group_has_exactly_one_current_contact_person(demo_data):
    for group in Group.objects.filter(kind=Group.Kind.WORKING_GROUP):
        contacts = Membership.objects.filter(current_q(), group=group, role="contact_person")
        assert contacts.count() == 1, group


def test_demo_people_include_sami_letters(demo_data):
    names = " ".join(str(p) for p in Person.objects.all())
    for letter in "đŋŧčšž":
        assert letter in names.lower()


def test_demo_command_is_idempotent_and_prints_accounts(umearegionen_data, capsys):
    call_command("demo")
    count = Person.objects.count()
    call_command("demo")
    out = capsys.readouterr().out
    assert Person.objects.count() == count
    assert "kansli" in out and "samverkan-demo" in out


@override_settings(DEMO=False)
def test_demo_command_refuses_outside_demo_mode(db):
    with pytest.raises(CommandError):
        call_command("demo")


def test_demo_plans_cover_every_state_and_a_revision(demo_data):
    assert demo_plans.load_plans() > 0
    assert demo_plans.load_plans() == 0  # a second run adds nothing
    states = set(PlanVersion.objects.filter(plan__year__year=2026).values_list("status", flat=True))
    assert {"draft", "anchoring", "submitted", "approved"} <= states
    bibliotek = PlanVersion.objects.filter(plan__group__slug="bibliotek", plan__year__year=2026)
    assert list(bibliotek.values_list("number", "status")) == [(1, "approved"), (2, "approved")]
    assert bibliotek.get(number=2).revision_why


def test_demo_governance_is_loaded_once(demo_data):
    assert demo_plans.load_governance() == 1
    assert demo_plans.load_governance() == 0
    # Vännäs has the decision on its agenda: the demo's "record an adoption" is left for it.
    # Örnsköldsvik, a member since 2013, is among those that have not decided yet.
    assert Adoption.objects.filter(status="pending").count() == 5
    assert Assignment.objects.count() == 2
