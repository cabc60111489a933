"""`samverkan personal_data`: accounts of people who left are closed, contact details erased."""

from datetime import date, timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from samverkan.accounts.models import Invitation
from samverkan.core.models import AuditEntry
from samverkan.organisation.models import BodyMembership, Membership, Person
from tests.factories import GroupFactory


def _person_who_left(ended: date, username: str) -> Person:
    user = get_user_model().objects.create_user(username, password="x", email=f"{username}@x.se")
    person = Person.objects.filter(user__isnull=True).exclude(email="").order_by("pk").first()
    Membership.objects.filter(person=person).delete()
    BodyMembership.objects.filter(person=person).delete()
    person.user, person.phone = user, "090-16 10 00"
    person.save()
    Membership.objects.create(
        group=GroupFactory(), person=person, start=ended - timedelta(days=400), end=ended
    )
    return person


def test_accounts_closed_and_contact_details_erased(demo_data):
    today = date.today()
    recent = _person_who_left(today - timedelta(days=10), "nyss")
    closed = _person_who_left(today - timedelta(days=200), "stangd")
    gone = _person_who_left(today - timedelta(days=800), "borta")
    Invitation.objects.create(
        person=gone, email=gone.email, token_hash="x" * 64, expires_at=timezone.now()
    )
    out = StringIO()
    call_command("personal_data", "--dry-run", stdout=out)
    assert (
        "2 accounts would be closed, 1 people's contact details would be erased" in out.getvalue()
    )
    assert get_user_model().objects.get(username="stangd").is_active

    call_command("personal_data", stdout=StringIO())
    for person in (recent, closed, gone):
        person.refresh_from_db()
    assert recent.user.is_active and recent.email
    assert not closed.user.is_active and closed.email and closed.phone
    assert gone.email == "" and gone.phone == "" and gone.first_name
    assert not gone.user.is_active and gone.user.email == ""
    assert not gone.user.has_usable_password()
    assert Invitation.objects.get(person=gone).email == ""
    actions = list(AuditEntry.objects.values_list("action", "object_id"))
    assert ("samverkan.account.deactivated", str(closed.pk)) in actions
    assert ("samverkan.person.contact_details_erased", str(gone.pk)) in actions
    # Running again changes nothing more.
    out = StringIO()
    call_command("personal_data", stdout=out)
    assert "0 accounts were closed, 0 people's contact details were erased" in out.getvalue()


def test_current_members_and_administrators_are_kept(demo_data):
    call_command(
        "personal_data",
        "--deactivate-after-days",
        "0",
        "--erase-after-months",
        "0",
        stdout=StringIO(),
    )
    users = get_user_model().objects
    for name in ("medlem", "kontaktperson", "kansli", "kommunchef", "regionrad", "admin"):
        assert users.get(username=name).is_active, name
