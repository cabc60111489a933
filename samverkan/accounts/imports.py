"""A list of people to invite, from CSV or XLSX: namn, kommun, titel, e-post, grupp."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samverkan.accounts.services import NewPerson, invitation_create
from samverkan.core.spreadsheets import ImportRefused, RowError
from samverkan.organisation.models import Group, Municipality

COLUMNS = ["namn", "kommun", "titel", "e-post", "grupp"]


def check_rows(table: list[list[str]]) -> list[NewPerson]:
    """Every row checked; ImportRefused listing the bad rows if any is wrong."""
    if not table or [c.strip().lower() for c in table[0][:5]] != COLUMNS:
        raise ImportRefused(
            [
                RowError(
                    1,
                    _("The first row must be the column names: %(columns)s.")
                    % {"columns": ", ".join(COLUMNS)},
                )
            ]
        )
    errors, people, seen = [], [], set()
    for number, raw in enumerate(table[1:], start=2):
        cells = [c.strip() for c in raw] + [""] * 5
        name, town, title, email, group_name = cells[:5]
        if not any(cells[:5]):
            continue
        first, _sep, last = name.rpartition(" ")
        if not first or not last:
            errors.append(RowError(number, _("Write the name as first name and last name.")))
            continue
        municipality = Municipality.objects.filter(
            Q(name__iexact=town) | Q(code=town), is_member=True
        ).first()
        if municipality is None:
            errors.append(
                RowError(number, _("%(town)s is not a member municipality.") % {"town": town})
            )
            continue
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                RowError(number, _("%(email)s is not an e-mail address.") % {"email": email})
            )
            continue
        if email.lower() in seen:
            errors.append(RowError(number, _("%(email)s is twice in the list.") % {"email": email}))
            continue
        seen.add(email.lower())
        group = None
        if group_name:
            group = Group.objects.filter(Q(name__iexact=group_name) | Q(slug=group_name)).first()
            if group is None:
                errors.append(
                    RowError(number, _("There is no group %(group)s.") % {"group": group_name})
                )
                continue
        people.append(NewPerson(first, last, municipality, title, email, group))
    if errors:
        raise ImportRefused(errors)
    return people


def invite_all(*, people: list[NewPerson], base_url: str, actor) -> int:
    """Invite everyone on the list, or no one if any of them cannot be invited."""
    errors = []
    with transaction.atomic():
        for number, data in enumerate(people, start=2):
            try:
                with transaction.atomic():
                    invitation_create(data=data, base_url=base_url, actor=actor)
            except ValidationError as exc:
                errors.append(RowError(number, " ".join(exc.messages)))
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(errors)
    return len(people)
