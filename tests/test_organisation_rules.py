"""Bad input gets a clear Swedish message at the field, and nothing is half-saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from samverkan.core.models import AuditEntry
from samverkan.organisation.models import Group, Membership, Municipality, Person
from samverkan.organisation.services import contact_person_change, membership_create
from tests.factories import GroupFactory, MembershipFactory, MunicipalityFactory, PersonFactory


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict


@pytest.mark.django_db
def test_person_from_a_municipality_outside_the_cooperation_is_refused():
    outside = MunicipalityFactory(code="2482", name="Skellefteå", is_member=False)
    person = PersonFactory(municipality=outside)
    group = GroupFactory()
    with pytest.raises(ValidationError) as exc:
        membership_create(group=group, person=person, role="member", start=date(2026, 1, 1))
    assert "som inte är medlem i samarbetet" in _errors(exc.value)["person"][0]
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_second_current_contact_person_is_refused():
    first = MembershipFactory(role=Membership.Role.CONTACT_PERSON, start=date(2025, 1, 1))
    other = PersonFactory(municipality=first.person.municipality)
    with pytest.raises(ValidationError) as exc:
        membership_create(
            group=first.group, person=other, role="contact_person", start=date(2026, 1, 1)
        )
    message = _errors(exc.value)["role"][0]
    assert "redan" in message and str(first.person) in message
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_database_backs_the_contact_person_rule():
    first = MembershipFactory(role=Membership.Role.CONTACT_PERSON)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=first.group,
            person=PersonFactory(),
            role=Membership.Role.CONTACT_PERSON,
        )


@pytest.mark.django_db
def test_contact_person_change_hands_over_without_overlap():
    first = MembershipFactory(role=Membership.Role.CONTACT_PERSON, start=date(2024, 1, 1))
    successor = MembershipFactory(group=first.group, start=date(2024, 1, 1))
    contact_person_change(group=first.group, person=successor.person, on=date(2026, 3, 1))
    current = Membership.objects.filter(group=first.group, end__isnull=True)
    assert current.get(role="contact_person").person == successor.person
    assert current.get(role="member").person == first.person
    first.refresh_from_db()
    assert first.end == date(2026, 2, 28)
    assert AuditEntry.objects.filter(action="samverkan.membership.created").exists()


@pytest.mark.django_db
def test_end_before_start_is_refused():
    person = PersonFactory()
    with pytest.raises(ValidationError) as exc:
        membership_create(
            group=GroupFactory(),
            person=person,
            role="member",
            start=date(2026, 5, 1),
            end=date(2026, 4, 1),
        )
    assert _errors(exc.value)["end"] == ["Slutdatumet kan inte vara tidigare än startdatumet."]
    assert not Membership.objects.exists()


@pytest.mark.django_db
def test_duplicate_municipality_code_is_refused():
    MunicipalityFactory(code="2480", name="Umeå")
    duplicate = Municipality(code="2480", name="Umeå igen")
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert _errors(exc.value)["code"] == ["Det finns redan en kommun med den här kommunkoden."]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["248", "24800", "24a0", ""])
def test_malformed_municipality_code_is_refused(code):
    with pytest.raises(ValidationError) as exc:
        Municipality(code=code, name="X").full_clean()
    assert "code" in _errors(exc.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("email", "anna.umea.se", "e-postadress"),
        ("email", "anna@", "e-postadress"),
        ("phone", "12345", "telefonnummer"),
        ("phone", "090-16 10 00 ring mig", "telefonnummer"),
        ("phone", "+1 555 0100", "telefonnummer"),
    ],
)
def test_malformed_contact_details_are_refused(field, value, fragment):
    person = PersonFactory.build(municipality=MunicipalityFactory(), **{field: value})
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert fragment in _errors(exc.value)[field][0]
    assert not Person.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "phone", ["090-16 10 00", "070-123 45 67", "+46 90 16 10 00", "0935-141 00"]
)
def test_ordinary_swedish_numbers_are_accepted(phone):
    PersonFactory.build(municipality=MunicipalityFactory(), phone=phone).full_clean()


@pytest.mark.django_db
def test_wound_down_group_needs_date_and_reason():
    group = GroupFactory(status=Group.Status.WOUND_DOWN)
    with pytest.raises(ValidationError) as exc:
        group.full_clean()
    assert set(_errors(exc.value)) >= {"wound_down_on", "wound_down_reason"}


@pytest.mark.django_db
def test_group_can_only_be_converted_into_a_network():
    other = GroupFactory(kind=Group.Kind.WORKING_GROUP)
    group = GroupFactory(status=Group.Status.CONVERTED, converted_into=other)
    with pytest.raises(ValidationError) as exc:
        group.full_clean()
    assert "nätverk" in _errors(exc.value)["converted_into"][0]
    network = GroupFactory(kind=Group.Kind.NETWORK)
    group.converted_into = network
    group.full_clean()
