"""`samverkan personal_data`: accounts of people who left are closed, contact details erased."""

from datetime import date, timedelta
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from samverkan.accounts.models import Invitation
from samverkan.core.models import AuditEntry
from samverkan.governance.models import Adoption, AdoptionReminder, BoardMeeting
from samverkan.organisation.models import BodyMembership, Membership, Person
from samverkan.planning.models import AnnualReport, PlanningYear, PlanVersion, ReminderLog
from samverkan.wordimport.models import ImportBatch, ImportedDocument
from tests.factories import GroupFactory
from tests.transparency_helpers import load_portal


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


def _line(person, **extra) -> dict:
    return {
        "name": str(person),
        "municipality": person.municipality.name,
        "title": person.title,
        "phone": person.phone,
        "email": person.email,
        "person_id": person.pk,
        **extra,
    }


def test_erasure_reaches_every_copy_of_the_contact_details(demo_data):
    """The frozen people of plans and reports, what the Word import read, the addresses
    reminders went to and the audit log: phone and e-mail go, names stay."""
    load_portal()
    today = date.today()
    gone = _person_who_left(today - timedelta(days=800), "borta")
    gone.email = "Borta.Person@Kommun.se"
    gone.save()
    email, phone = "borta.person@kommun.se", "090-16 10 00"
    stays = Person.objects.exclude(pk=gone.pk).exclude(email="").exclude(phone="").first()
    version = PlanVersion.objects.order_by("pk").first()
    report = AnnualReport.objects.order_by("pk").first()
    for document in (version, report):
        type(document).objects.filter(pk=document.pk).update(
            frozen_contact=_line(gone),
            # A line from an older import: no person_id, the address written otherwise.
            frozen_members=[_line(stays), _line(gone, person_id=None, email=email.upper())],
        )
    batch = ImportBatch.objects.create(filename="planer.zip")
    imported = ImportedDocument.objects.create(
        batch=batch,
        filename="plan.docx",
        content_hash="0" * 64,
        state=ImportedDocument.State.IMPORTED,
        parsed={
            "contact": {"name": str(gone), "phone": "090 161000", "email": None},
            "members": [{"name": str(stays), "phone": stays.phone, "email": stays.email}],
            "notes": [f"Ring {phone} eller skriv till {email}."],
        },
    )
    year = PlanningYear.objects.order_by("pk").first()
    ReminderLog.objects.create(
        group=version.plan.group, year=year, stage="plan", recipient=email, subject="Påminnelse"
    )
    adoption = Adoption.objects.order_by("pk").first()
    board = BoardMeeting.objects.create(
        municipality=adoption.municipality, body="Kommunstyrelsen", date=today
    )
    AdoptionReminder.objects.create(adoption=adoption, board_meeting=board, recipient=email)
    created = AuditEntry.objects.create(
        action="samverkan.person.created",
        object_type="organisation.person",
        object_id=str(gone.pk),
        object_repr=str(gone),
        changes={"email": "tidigare@kommun.se", "municipality": "Umeå"},
    )
    invitation = Invitation.objects.create(
        person=gone, email=gone.email, token_hash="y" * 64, expires_at=timezone.now()
    )
    sent = AuditEntry.objects.create(
        action="samverkan.invitation.sent",
        object_type="accounts.invitation",
        object_id=str(invitation.pk),
        object_repr=str(invitation),
        changes={"email": gone.email, "group": "Bibliotek"},
    )
    elsewhere = AuditEntry.objects.create(
        action="samverkan.group.changed",
        object_type="organisation.group",
        object_id="1",
        object_repr="Bibliotek",
        changes={"contact": f"{gone} ({phone})"},
        comment=f"Kontakt: {email}",
    )

    call_command("personal_data", stdout=StringIO())

    for document in (version, report):
        document.refresh_from_db()
        assert document.frozen_contact == _line(gone, phone="", email="")
        assert document.frozen_members[0] == _line(stays)
        assert document.frozen_members[1]["name"] == str(gone)
        assert document.frozen_members[1]["email"] == document.frozen_members[1]["phone"] == ""
    imported.refresh_from_db()
    assert imported.parsed["contact"] == {"name": str(gone), "phone": "", "email": ""}
    assert imported.parsed["members"][0]["email"] == stays.email
    assert imported.parsed["notes"] == ["Ring [borttagen] eller skriv till [borttagen]."]
    assert not ReminderLog.objects.filter(recipient__iexact=email).exists()
    assert not AdoptionReminder.objects.filter(recipient__iexact=email).exists()
    for entry in (created, sent, elsewhere):
        entry.refresh_from_db()
    assert created.changes == {"email": "", "municipality": "Umeå"}
    assert (
        sent.changes == {"email": "", "group": "Bibliotek"}
        and email not in sent.object_repr.lower()
    )
    assert elsewhere.changes == {"contact": f"{gone} ([borttagen])"}
    assert elsewhere.comment == "Kontakt: [borttagen]"
    # Nothing anywhere in the log still holds the address or the number.
    for entry in AuditEntry.objects.all():
        text = f"{entry.changes} {entry.object_repr} {entry.comment}".lower()
        assert email not in text and "16 10 00" not in text, entry.action
    # Someone else's details are untouched.
    stays.refresh_from_db()
    assert stays.email and stays.phone


def test_an_older_address_the_account_held_is_erased_too(demo_data):
    """The account was made with the address as its user name; the person's register entry
    later got a new address. The deactivation's audit entry recorded the old one."""
    today = date.today()
    gone = _person_who_left(today - timedelta(days=800), "gammal.adress@kommun.se")
    gone.email = "ny.adress@kommun.se"
    gone.save()
    call_command("personal_data", stdout=StringIO())
    texts = " ".join(
        f"{e.changes} {e.comment} {e.object_repr}" for e in AuditEntry.objects.all()
    ).lower()
    assert "gammal.adress@kommun.se" not in texts
    assert "ny.adress@kommun.se" not in texts
