"""Writes to the organisation that enforce rules beyond a plain save."""

import re
from datetime import date, timedelta

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import audit_log
from samverkan.core.exports.logo import PNG_MAGIC, png_size
from samverkan.core.types import AnyUser
from samverkan.organisation.models import Cooperation, Group, Membership, Person


def membership_create(
    *,
    group: Group,
    person: Person,
    role: str,
    start: date,
    end: date | None = None,
    actor: AnyUser = None,
) -> Membership:
    """Add a person to a group; at most one contact person at a time, members' towns only."""
    with transaction.atomic():
        # Lock the group so two secretaries cannot both add a contact person at once.
        Group.objects.select_for_update().get(pk=group.pk)
        membership = Membership(group=group, person=person, role=role, start=start, end=end)
        membership.full_clean()
        membership.save()
        audit_log(
            action="samverkan.membership.created",
            actor=actor,
            obj=membership,
            changes={"group": group.name, "person": str(person), "role": role},
        )
    return membership


def membership_end(*, membership: Membership, end: date, actor: AnyUser = None) -> Membership:
    """End a membership on `end`; the period must stay valid."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.end = end
        membership.full_clean()
        membership.save(update_fields=["end"])
        audit_log(
            action="samverkan.membership.ended",
            actor=actor,
            obj=membership,
            changes={"end": end.isoformat()},
        )
    return membership


def contact_person_change(
    *, group: Group, person: Person, on: date, actor: AnyUser = None
) -> Membership:
    """Hand the contact person role to `person` from `on`; the previous one steps back to member.

    Both changes happen together so the group never has two contact persons or none.
    """
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        open_memberships = Membership.objects.filter(group=group, end__isnull=True)
        previous = open_memberships.filter(role=Membership.Role.CONTACT_PERSON).first()
        own = open_memberships.filter(person=person, role=Membership.Role.MEMBER).first()
        for membership in (previous, own):
            if membership is None:
                continue
            if membership.start >= on:
                raise ValidationError(
                    {
                        "start": _("The change must be dated after %(date)s.")
                        % {"date": membership.start.isoformat()}
                    }
                )
            membership.end = on - timedelta(days=1)
            membership.save(update_fields=["end"])
        if previous is not None and previous.person_id != person.pk:
            Membership.objects.create(
                group=group, person=previous.person, role=Membership.Role.MEMBER, start=on
            )
        return membership_create(
            group=group, person=person, role=Membership.Role.CONTACT_PERSON, start=on, actor=actor
        )


# --- The cooperation's logo -------------------------------------------------------------

LOGO_MAX_BYTES = 512 * 1024
LOGO_PNG = "image/png"
LOGO_SVG = "image/svg+xml"
_SVG_NS = "http://www.w3.org/2000/svg"
# Elements that run code or pull in HTML: an SVG logo is a picture, nothing more.
_SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object"}
# url(...) in a style may point only within the file or to an embedded image.
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#|data:image/)([^)'\"]*)", re.IGNORECASE)


def _refuse_outside_link(target: str) -> None:
    raise ValidationError(
        _("The logo may only link to its own parts or embedded images, not to “%(target)s”.")
        % {"target": target.strip()[:80]}
    )


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _check_svg(data: bytes) -> None:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise ValidationError(
            _("The logo could not be read: upload a PNG image or an SVG file.")
        ) from None
    if root.tag not in (f"{{{_SVG_NS}}}svg", "svg"):
        raise ValidationError(_("The logo's SVG file must have <svg> as its outermost element."))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag) in _SVG_FORBIDDEN:
            raise ValidationError(
                _("The logo may not contain scripts or embedded HTML (<%(element)s>).")
                % {"element": _local(element.tag)}
            )
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            if name.startswith("on"):
                raise ValidationError(
                    _("The logo may not contain event handlers such as “%(attribute)s”.")
                    % {"attribute": name}
                )
            if name == "href":
                target = value.strip()
                if not (target.startswith("#") or target.lower().startswith("data:image/")):
                    _refuse_outside_link(target)
            if (found := _CSS_URL.search(value)) or "@import" in value.lower():
                _refuse_outside_link(found.group(1) if found else value)
        text = element.text or ""
        if (found := _CSS_URL.search(text)) or "@import" in text.lower():
            _refuse_outside_link(found.group(1) if found else text)


def logo_check(data: bytes) -> str:
    """The media type of a logo that may be stored; raises ValidationError otherwise."""
    if not data:
        raise ValidationError(_("The logo file is empty."))
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo may be at most %(limit)d KB; this file is %(size)d KB.")
            % {"limit": LOGO_MAX_BYTES // 1024, "size": (len(data) + 1023) // 1024}
        )
    if data.startswith(PNG_MAGIC):
        if png_size(data) is None:
            raise ValidationError(_("The logo's PNG image is damaged."))
        return LOGO_PNG
    _check_svg(data)
    return LOGO_SVG


def cooperation_logo_set(*, cooperation: Cooperation, data: bytes, actor: AnyUser = None) -> None:
    """Store a logo: a PNG image, or an SVG with no scripts, handlers or outside links."""
    logo_type = logo_check(data)
    with transaction.atomic():
        cooperation.logo = data
        cooperation.logo_type = logo_type
        cooperation.logo_updated_at = timezone.now()
        cooperation.save(update_fields=["logo", "logo_type", "logo_updated_at"])
        audit_log(
            action="samverkan.cooperation.logo_set",
            actor=actor,
            obj=cooperation,
            changes={"logo_type": logo_type, "bytes": len(data)},
        )


def cooperation_logo_clear(*, cooperation: Cooperation, actor: AnyUser = None) -> None:
    """Remove the logo; the header and documents show the name alone."""
    with transaction.atomic():
        cooperation.logo = None
        cooperation.logo_type = ""
        cooperation.logo_updated_at = timezone.now()
        cooperation.save(update_fields=["logo", "logo_type", "logo_updated_at"])
        audit_log(action="samverkan.cooperation.logo_cleared", actor=actor, obj=cooperation)
