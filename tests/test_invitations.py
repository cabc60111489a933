"""Invitations, accepting them, the own-account page and password reset."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.models import Invitation
from samverkan.core.models import AuditEntry
from samverkan.organisation.models import Group, Membership, Municipality, Person
from samverkan.organisation.selectors import cooperation_name

LINK = re.compile(r"http://testserver(/konto/inbjudan/[^/\s]+/)")


def _invite(client, email="ny.person@umea.se", **extra):
    town = Municipality.objects.filter(is_member=True).order_by("code").first()
    data = {
        "first_name": "Ny",
        "last_name": "Persson",
        "municipality": town.pk,
        "title": "Bibliotekarie",
        "email": email,
        "group": Group.objects.get(slug="bibliotek").pk,
        **extra,
    }
    with_mail_sent = client.post(reverse("accounts:invite"), data)
    return with_mail_sent


def _link(message) -> str:
    return LINK.search(message.body).group(1)


@pytest.mark.django_db(transaction=False)
def test_secretariat_invites_and_the_person_accepts(persona, django_capture_on_commit_callbacks):
    kansli = persona("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(kansli)
    assert response.status_code == 302
    person = Person.objects.get(email="ny.person@umea.se")
    assert Membership.objects.filter(person=person, group__slug="bibliotek").exists()
    invitation = Invitation.objects.get(person=person)
    assert AuditEntry.objects.filter(
        action="samverkan.invitation.sent", object_id=str(invitation.pk)
    ).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ny.person@umea.se"]
    assert "Bibliotek" in mail.outbox[0].body
    link = _link(mail.outbox[0])
    assert invitation.token_hash not in mail.outbox[0].body

    newcomer = Client()
    page = newcomer.get(link)
    assert page.status_code == 200 and "ny.person@umea.se" in page.content.decode()
    mismatch = newcomer.post(link, {"password1": "Lång-hemlighet-42", "password2": "annat"})
    assert "Lösenorden är inte likadana." in mismatch.content.decode()
    response = newcomer.post(
        link, {"password1": "Lång-hemlighet-42", "password2": "Lång-hemlighet-42"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("desk:my_page")
    person.refresh_from_db()
    assert person.user is not None and person.user.username == "ny.person@umea.se"
    my_page = newcomer.get(reverse("desk:my_page")).content.decode()
    assert "Bibliotek" in my_page and "Gruppmedlem" in my_page
    assert AuditEntry.objects.filter(action="samverkan.invitation.accepted").exists()
    # The link works once.
    assert Client().get(link).status_code == 410


def test_the_form_lists_groups_by_kind_then_name_and_the_mail_names_the_cooperation(
    persona, django_capture_on_commit_callbacks
):
    kansli = persona("secretariat")
    html = kansli.get(reverse("accounts:invite")).content.decode()
    select = html[html.index('name="group"') :]
    select = select[: select.index("</select>")]
    shown = [int(pk) for pk in re.findall(r'<option value="(\d+)"', select)]
    expected = list(
        Group.objects.filter(status=Group.Status.ACTIVE)
        .order_by("kind", "name")
        .values_list("pk", flat=True)
    )
    assert len(expected) > 2 and shown == expected
    assert '<optgroup label="Arbetsgrupp">' in select
    # A group chosen under its heading is accepted as before (the full round trip below).

    name = cooperation_name()
    assert name
    with django_capture_on_commit_callbacks(execute=True):
        _invite(kansli)
    sent = mail.outbox[0]
    assert f"där grupperna i {name} planerar" in sent.body
    assert "samverkans grupper" not in sent.body
    assert name in sent.subject


def test_resend_replaces_the_link_and_revoke_ends_it(persona, django_capture_on_commit_callbacks):
    kansli = persona("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(kansli)
    first = _link(mail.outbox[0])
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        kansli.post(reverse("accounts:resend", args=[invitation.pk]))
    second = _link(mail.outbox[1])
    assert first != second
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200
    kansli.post(reverse("accounts:revoke", args=[invitation.pk]))
    gone = Client().get(second)
    assert gone.status_code == 410 and "kansliet" in gone.content.decode()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"samverkan.invitation.resent", "samverkan.invitation.revoked"} <= actions


def test_an_expired_link_says_whom_to_ask(persona, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(persona("secretariat"))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().get(_link(mail.outbox[0]))
    assert response.status_code == 410
    assert "Be kansliet skicka en ny" in response.content.decode()


def test_invalid_e_mail_is_refused_at_the_field(persona):
    response = _invite(persona("secretariat"), email="inte-en-adress")
    assert response.status_code == 200
    assert "Ange en e-postadress, till exempel namn@kommun.se." in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "name", ["group_member", "contact_person", "chief_executive", "council_member"]
)
def test_only_the_secretariat_invites(persona, name):
    client = persona(name)
    assert client.get(reverse("accounts:invitations")).status_code == 403
    assert _invite(client).status_code == 403
    assert not Invitation.objects.exists()


def test_visitors_are_sent_to_sign_in(persona):
    response = persona("visitor").get(reverse("accounts:invite"))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_import_a_list(persona, django_capture_on_commit_callbacks):
    town = Municipality.objects.filter(is_member=True).order_by("code").first()
    good = (
        "namn;kommun;titel;e-post;grupp\n"
        f"Áilu Niillas;{town.name};Bibliotekarie;ailu@example.se;Bibliotek\n"
        f"Eva Ek;{town.code};;eva@example.se;\n"
    )
    bad = good + "Utan Kommun;Oslo;;x@example.se;\n"
    kansli = persona("secretariat")
    refused = kansli.post(
        reverse("accounts:invite_import"),
        {"file": SimpleUploadedFile("lista.csv", bad.encode())},
    )
    html = refused.content.decode()
    assert "Rad 4" in html and "Oslo" in html
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        kansli.post(
            reverse("accounts:invite_import"),
            {"file": SimpleUploadedFile("lista.csv", good.encode())},
        )
    assert Invitation.objects.count() == 2 and len(mail.outbox) == 2
    assert Membership.objects.filter(person__email="ailu@example.se", group__slug="bibliotek")


def test_own_details_with_the_admins_validation(persona):
    client = persona("group_member")
    url = reverse("accounts:own_account")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"title": "Samordnare", "phone": "123", "email": "ny@umea.se"})
    assert "Ange ett svenskt telefonnummer" in bad.content.decode()
    ok = client.post(url, {"title": "Samordnare", "phone": "090-16 10 00", "email": "ny@umea.se"})
    assert ok.status_code == 302
    person = Person.objects.get(user__username="medlem")
    assert (person.title, person.phone, person.email) == (
        "Samordnare",
        "090-16 10 00",
        "ny@umea.se",
    )
    assert AuditEntry.objects.filter(action="samverkan.person.own_details").exists()


def test_password_reset_by_mail(demo_data, client):
    user = get_user_model().objects.get(username="medlem")
    user.email = "medlem@example.se"
    user.save()
    client.post(reverse("accounts:password_reset"), {"email": "medlem@example.se"})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "nytt lösenord" in mail.outbox[0].subject.lower() or "lösenord" in body
    link = re.search(r"http://testserver(/konto/aterstall/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Helt-nytt-42-lösen", "new_password2": "Helt-nytt-42-lösen"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Helt-nytt-42-lösen")


def test_password_change(persona):
    client = persona("group_member")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "samverkan-demo",
            "new_password1": "Helt-nytt-42-lösen",
            "new_password2": "Helt-nytt-42-lösen",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username="medlem").check_password("Helt-nytt-42-lösen")


def _invited(persona, django_capture_on_commit_callbacks, email="ny.person@umea.se"):
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(persona("secretariat"), email=email).status_code == 302
    return Invitation.objects.get(email=email), _link(mail.outbox[-1])


def test_the_link_never_sets_the_password_of_an_account_the_address_already_has(
    persona, django_capture_on_commit_callbacks
):
    invitation, link = _invited(persona, django_capture_on_commit_callbacks)
    # After the mail went out, the person signed in with the municipality's account.
    owner = get_user_model().objects.create_user("ny.person@umea.se", "ny.person@umea.se", "Egen-1")
    person = invitation.person
    person.user = owner
    person.save()

    holder = Client()
    page = holder.get(link)
    assert page.status_code == 200
    assert "tillhör redan ett konto" in page.content.decode()
    assert 'name="password1"' not in page.content.decode()
    response = holder.post(
        link, {"password1": "Kapad-hemlighet-42", "password2": "Kapad-hemlighet-42"}, follow=True
    )
    assert "inget lösenord kan väljas här" in response.content.decode()
    assert "_auth_user_id" not in holder.session
    owner.refresh_from_db()
    assert owner.check_password("Egen-1") and not owner.check_password("Kapad-hemlighet-42")
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    refused = AuditEntry.objects.get(action="samverkan.invitation.password_refused")
    assert refused.object_id == str(invitation.pk)
    assert refused.changes["account"] == "ny.person@umea.se"
    assert not AuditEntry.objects.filter(action="samverkan.invitation.accepted").exists()


def test_an_existing_account_signs_in_and_then_accepts(persona, django_capture_on_commit_callbacks):
    invitation, link = _invited(persona, django_capture_on_commit_callbacks)
    # An account with the address as its user name, not yet linked to the person.
    owner = get_user_model().objects.create_user("Ny.Person@umea.se", "Ny.Person@umea.se", "Egen-1")

    page = Client().get(link).content.decode()
    assert reverse("accounts:login") + "?next=" + link.replace("/", "%2F") in page

    signed_in = Client()
    signed_in.force_login(owner)
    assert "Godkänn inbjudan" in signed_in.get(link).content.decode()
    response = signed_in.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("desk:my_page")
    invitation.refresh_from_db()
    person = invitation.person
    person.refresh_from_db()
    owner.refresh_from_db()
    assert invitation.accepted_at is not None and person.user == owner
    assert owner.check_password("Egen-1")
    assert Membership.objects.filter(person=person, group__slug="bibliotek").exists()
    entry = AuditEntry.objects.get(action="samverkan.invitation.accepted")
    assert entry.actor == owner and entry.changes == {"existing_account": "Ny.Person@umea.se"}


def test_another_signed_in_account_cannot_take_the_invitation(
    persona, django_capture_on_commit_callbacks
):
    invitation, link = _invited(persona, django_capture_on_commit_callbacks)
    get_user_model().objects.create_user("ny.person@umea.se", "ny.person@umea.se", "Egen-1")
    intruder = persona("group_member")
    response = intruder.post(link, follow=True)
    assert "tillhör redan ett konto" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.person.user is None


def test_an_address_merely_written_in_anothers_details_neither_blocks_nor_takes_it(
    persona, django_capture_on_commit_callbacks
):
    """Anyone may write any address as their e-mail in "my details": that must not make the
    invitation theirs, nor stop the invited person from choosing a password."""
    squatter = get_user_model().objects.get(username="medlem")
    squatter.email = "ny.person@umea.se"
    squatter.save()
    invitation, link = _invited(persona, django_capture_on_commit_callbacks)
    page = Client().get(link).content.decode()
    assert "tillhör redan ett konto" not in page and 'name="password1"' in page
    response = persona("group_member").post(link, follow=True)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.person.user is None
    assert response.status_code == 200
