"""Who may do what, for every role — the refused ones included."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse

from samverkan.accounts.permissions import Role, roles_of
from samverkan.core.models import AuditEntry
from samverkan.datasets import demo_plans
from samverkan.organisation.models import Group, Membership, Municipality
from tests.factories import PersonFactory

EXPECTED_ROLES = {
    "besokare": {Role.VISITOR},
    "medlem": {Role.GROUP_MEMBER},
    "kontaktperson": {Role.GROUP_MEMBER, Role.CONTACT_PERSON},
    "kansli": {Role.SECRETARIAT},
    "kommunchef": {Role.CHIEF_EXECUTIVE},
    "regionrad": {Role.COUNCIL_MEMBER},
    "admin": {Role.ADMINISTRATOR},
}


def test_demo_accounts_hold_their_roles(demo_data, django_user_model):
    for username, expected in EXPECTED_ROLES.items():
        user = django_user_model.objects.get(username=username)
        assert roles_of(user) == expected, username


def test_roles_end_with_the_membership(demo_data, django_user_model):
    user = django_user_model.objects.get(username="medlem")
    membership = user.person.memberships.get()
    membership.end = date.today() - timedelta(days=1)
    membership.save()
    user = django_user_model.objects.get(username="medlem")
    assert roles_of(user) == {Role.VISITOR}


ALLOWED_ADMIN = {"secretariat", "administrator"}
REFUSED_ADMIN = {
    "visitor",
    "signed_in_visitor",
    "group_member",
    "contact_person",
    "chief_executive",
    "council_member",
}


@pytest.mark.parametrize("role", sorted(ALLOWED_ADMIN | REFUSED_ADMIN))
def test_only_secretariat_and_administrators_edit_the_organisation(persona, role):
    client = persona(role)
    response = client.get(reverse("admin:organisation_group_changelist"))
    if role in ALLOWED_ADMIN:
        assert response.status_code == 200
    else:
        # Django's admin sends everyone it refuses to its sign-in page.
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", sorted(REFUSED_ADMIN))
def test_refused_roles_cannot_post_changes(persona, role):
    group = Group.objects.get(slug="bibliotek")
    response = persona(role).post(
        reverse("admin:organisation_group_change", args=[group.pk]),
        {"name": "Hackad", "slug": "bibliotek", "kind": "working_group", "status": "active"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Bibliotek"


def test_secretariat_edit_in_admin_is_audited(persona):
    client = persona("secretariat")
    municipality = Municipality.objects.get(code="2404")
    response = client.post(
        reverse("admin:organisation_municipality_change", args=[municipality.pk]),
        {"code": "2404", "name": "Vindelns kommun", "is_member": "on", "voting": "on"},
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.name == "Vindelns kommun"
    entry = AuditEntry.objects.get(action="samverkan.municipality.changed")
    assert entry.actor.username == "kansli"
    assert entry.changes == {"name": "Vindelns kommun"}


def test_admin_shows_duplicate_code_at_the_field_in_swedish(persona):
    client = persona("secretariat")
    response = client.post(
        reverse("admin:organisation_municipality_add"),
        {"code": "2480", "name": "Umeå igen", "is_member": "on"},
    )
    assert response.status_code == 200
    assert "Det finns redan en kommun med den här kommunkoden." in response.content.decode()
    assert Municipality.objects.filter(code="2480").count() == 1


def test_secretariat_may_not_manage_accounts(persona):
    assert persona("secretariat").get(reverse("admin:auth_user_changelist")).status_code == 403
    assert persona("administrator").get(reverse("admin:auth_user_changelist")).status_code == 200


def test_audit_log_is_read_only_even_for_administrators(persona):
    client = persona("administrator")
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403


def test_my_page_needs_sign_in_and_lists_roles(persona):
    response = persona("visitor").get(reverse("desk:my_page"))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    html = persona("contact_person").get(reverse("desk:my_page")).content.decode()
    assert "Kontaktperson" in html and "Bibliotek" in html


def test_sign_in_and_out(demo_data, client):
    response = client.post(
        reverse("accounts:login"), {"username": "kansli", "password": "fel"}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    client.post(reverse("accounts:login"), {"username": "kansli", "password": "samverkan-demo"})
    assert "_auth_user_id" in client.session
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_my_page_lists_what_waits(persona):
    demo_plans.load_plans()
    member = persona("group_member").get(reverse("desk:my_page")).content.decode()
    assert "Bibliotek har ingen plan för 2027 än" in member
    chief = persona("chief_executive").get(reverse("desk:my_page")).content.decode()
    assert "Väntar på ditt beslut: Verksamhetsplan 2026 för Folkhälsa." in chief
    desk = persona("secretariat").get(reverse("desk:my_page")).content.decode()
    assert "/kansli/" in desk


def _as_post(form, data: dict) -> None:
    """What the browser would send back for an unchanged admin form."""
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if callable(value):
            value = value()
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple | QuerySet):
            data[key] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[key] = getattr(value, "pk", value)


def test_memberships_saved_through_the_group_admin_are_audited(persona):
    """A membership added or removed in the group's inline goes to the audit log with the
    secretariat member who did it (the inline saved without a trace before)."""
    client = persona("secretariat")
    group = Group.objects.get(slug="bibliotek")
    url = reverse("admin:organisation_group_change", args=[group.pk])
    page = client.get(url)
    data: dict = {}
    _as_post(page.context["adminform"].form, data)
    (inline,) = page.context["inline_admin_formsets"]
    formset = inline.formset
    for key, value in formset.management_form.initial.items():
        data[formset.management_form.add_prefix(key)] = value
    for form in formset.forms:
        _as_post(form, data)
    leaving = formset.forms[0].instance
    data[formset.forms[0].add_prefix("DELETE")] = "on"
    newcomer = PersonFactory(municipality=Municipality.objects.get(code="2460"))
    new = formset.empty_form.prefix.replace("__prefix__", str(len(formset.forms)))
    data[formset.management_form.add_prefix("TOTAL_FORMS")] = len(formset.forms) + 1
    data.update(
        {f"{new}-person": newcomer.pk, f"{new}-role": "member", f"{new}-start": "2026-12-01"}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert not Membership.objects.filter(pk=leaving.pk).exists()
    assert Membership.objects.filter(group=group, person=newcomer).exists()
    kansli = User.objects.get(username="kansli")
    assert (
        AuditEntry.objects.get(
            action="samverkan.membership.deleted", object_id=str(leaving.pk)
        ).actor
        == kansli
    )
    created = AuditEntry.objects.get(action="samverkan.membership.created")
    assert created.actor == kansli and created.changes["person"] == str(newcomer)
