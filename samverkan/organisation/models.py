"""The organisation of a regional cooperation: municipalities, bodies, groups, people.

One deployment serves one cooperation; its vision lives on the single `Cooperation` row.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.validators import municipality_code_validator, phone_validator

DEFAULT_PAGE_LIMIT = 2

# The product's own words for the kinds of group, where a cooperation has not named them.
_KIND_PLURALS = {
    "working_group": _("Working groups"),
    "network": _("Networks"),
    "project": _("Projects"),
}


def default_kind_name(kind: str, *, plural: bool = False) -> str:
    if plural:
        return str(_KIND_PLURALS.get(kind, kind))
    return str(dict(Group.Kind.choices).get(kind, kind))


class Cooperation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("As the cooperation calls itself in headings and charts; empty: the name."),
    )
    # The area shown beside the cooperation's own values for comparison (a county, in Kolada's
    # ids); Sweden as a whole is always shown.
    county_code = models.CharField(
        _("county code"),
        max_length=4,
        blank=True,
        validators=[municipality_code_validator],
        help_text=_("Kolada's four-digit code of the county to compare with, such as 0001."),
    )
    county_name = models.CharField(_("county name"), max_length=100, blank=True)
    # More areas to compare with, beyond the county and Sweden: a neighbouring county that a
    # member lies in, or any other of Kolada's areas. One per line: code, then name.
    other_comparison_areas = models.TextField(
        _("other areas to compare with"),
        blank=True,
        help_text=_(
            "One per line: Kolada's four-digit code, then the name, such as "
            "“0022 Västernorrlands län”."
        ),
    )
    vision = models.TextField(_("vision"))
    vision_decided = models.DateField(_("vision decided"), null=True, blank=True)
    target_population = models.PositiveIntegerField(_("target population"))
    target_year = models.PositiveIntegerField(_("target year"))
    description = models.TextField(_("description"), blank=True)
    horizontal_principles = models.TextField(
        _("horizontal objectives and principles"),
        blank=True,
        help_text=_("One per line, drawn as their own column in the organisation chart."),
    )
    secretariat_activities = models.TextField(
        _("secretariat's own activities"),
        blank=True,
        help_text=_("One per line, such as seminars, fairs and exhibitions."),
    )
    # How long a plan or an annual report may be, in pages of its PDF.
    page_limit = models.PositiveSmallIntegerField(
        _("page limit of plans and reports"),
        default=DEFAULT_PAGE_LIMIT,
        validators=[MinValueValidator(1)],
        help_text=_("How many pages a plan or an annual report may have at most."),
    )
    # What the cooperation calls each kind of group; empty: the product's own word.
    working_group_name = models.CharField(
        _("name of a working group"),
        max_length=60,
        blank=True,
        help_text=_("As the cooperation calls one, such as “arbetsgrupp”; empty: the default."),
    )
    working_group_name_plural = models.CharField(
        _("name of working groups"), max_length=60, blank=True
    )
    network_name = models.CharField(
        _("name of a network"),
        max_length=60,
        blank=True,
        help_text=_("As the cooperation calls one, such as “nätverk”; empty: the default."),
    )
    network_name_plural = models.CharField(_("name of networks"), max_length=60, blank=True)
    project_name = models.CharField(
        _("name of a project"),
        max_length=60,
        blank=True,
        help_text=_("As the cooperation calls one, such as “projekt”; empty: the default."),
    )
    project_name_plural = models.CharField(_("name of projects"), max_length=60, blank=True)
    # Set by `samverkan demo`, cleared by `samverkan demo --clear`: the banner that says the
    # people and values are invented follows this, not DEBUG (SAMVERKAN_DEMO can force it).
    demo_data = models.BooleanField(
        _("demo data loaded"),
        default=False,
        help_text=_("The demo's invented people and indicator values are loaded here."),
    )
    # The logo lives in the database so that no media files need serving or backing up;
    # organisation.services checks it (PNG, or an SVG without scripts) before it is stored.
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=True)
    logo_type = models.CharField(_("logo type"), max_length=20, blank=True)
    logo_updated_at = models.DateTimeField(_("logo updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def own_kind_name(self, kind: str, *, plural: bool = False) -> str:
        """What the cooperation calls a group of `kind` ("working_group", "network",
        "project"), if it has said. Its words are Swedish, as its data is: an English page
        keeps the product's English words."""
        if not (get_language() or "sv").startswith("sv"):
            return ""
        return str(getattr(self, f"{kind}_name{'_plural' if plural else ''}", ""))

    def kind_name(self, kind: str, *, plural: bool = False) -> str:
        """The cooperation's own word for `kind`, or the product's where it has not said."""
        return self.own_kind_name(kind, plural=plural) or default_kind_name(kind, plural=plural)

    def other_comparison_area_list(self) -> list[tuple[str, str]]:
        """The extra comparison areas as (code, name), in the order given."""
        areas = []
        for line in self.other_comparison_areas.splitlines():
            code, _sep, name = line.strip().partition(" ")
            if code:
                areas.append((code, name.strip() or code))
        return areas

    def clean(self) -> None:
        super().clean()
        for line in self.other_comparison_areas.splitlines():
            code = line.strip().partition(" ")[0]
            if code and not (len(code) == 4 and code.isdigit()):
                raise ValidationError(
                    {
                        "other_comparison_areas": _(
                            "Begin each line with Kolada's four-digit code, such as 0022: "
                            "“%(line)s” does not."
                        )
                        % {"line": line.strip()}
                    }
                )

    @property
    def logo_version(self) -> str:
        """Changes with the logo, so its URL can be cached for long."""
        return str(int(self.logo_updated_at.timestamp())) if self.logo_updated_at else ""

    def horizontal_principle_list(self) -> list[str]:
        return [line.strip() for line in self.horizontal_principles.splitlines() if line.strip()]

    def secretariat_activity_list(self) -> list[str]:
        return [line.strip() for line in self.secretariat_activities.splitlines() if line.strip()]


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def members_in(self, year: int) -> "MunicipalityQuerySet":
        """The members whose membership overlaps `year`: those whose values make that
        year's regional value and whose names a document of that year lists."""
        return self.filter(is_member=True).filter(
            Q(member_from__isnull=True) | Q(member_from__lte=date(year, 12, 31)),
            Q(member_until__isnull=True) | Q(member_until__gte=date(year, 1, 1)),
        )

    def members_on(self, day: date) -> "MunicipalityQuerySet":
        return self.filter(is_member=True).filter(
            Q(member_from__isnull=True) | Q(member_from__lte=day),
            Q(member_until__isnull=True) | Q(member_until__gte=day),
        )


class Municipality(models.Model):
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        validators=[municipality_code_validator],
        error_messages={"unique": _("A municipality with this code already exists.")},
    )
    name = models.CharField(_("name"), max_length=100)
    is_member = models.BooleanField(
        _("member of the cooperation"),
        default=True,
        help_text=_("Only people from member municipalities can sit in the groups."),
    )
    # A cooperation grows and shrinks: a member counts in the years its membership overlaps.
    # Empty dates mean "since the start" and "still a member".
    member_from = models.DateField(
        _("member from"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a founding member."),
    )
    member_until = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the municipality is a member."),
    )
    voting = models.BooleanField(
        _("voting member"),
        default=True,
        help_text=_(
            "Untick for a non-voting (co-opted) member: it takes part but does not decide."
        ),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_until__isnull=True)
                | Q(member_from__isnull=True)
                | Q(member_until__gte=models.F("member_from")),
                name="membership_ends_after_it_begins",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # By code, as Kolada and the open API name it: a name can change, the code does not.
        return reverse("organisation:municipality", args=[self.code])

    def clean(self) -> None:
        if self.member_from and self.member_until and self.member_until < self.member_from:
            raise ValidationError({"member_until": _("A membership cannot end before it begins.")})

    def is_member_in(self, year: int) -> bool:
        return (
            self.is_member
            and (self.member_from is None or self.member_from.year <= year)
            and (self.member_until is None or self.member_until.year >= year)
        )


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        error_messages={"invalid": _("Enter an e-mail address such as namn@kommun.se.")},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)


class Period(models.Model):
    """A from/to span shared by memberships of groups and of bodies."""

    start = models.DateField(_("from"), default=date.today)
    end = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean_period(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date cannot be before the start date.")})

    def is_current_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    @property
    def is_current(self) -> bool:
        return self.is_current_on(timezone.localdate())


def current_q(day: date | None = None, prefix: str = "") -> Q:
    """Filter for periods that are running on `day` (today by default)."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def _check_member_municipality(person: Person | None) -> None:
    if person is not None and not person.municipality.is_member:
        raise ValidationError(
            {
                "person": _(
                    "%(name)s works in %(municipality)s, which is not a member of the cooperation."
                )
                % {"name": person, "municipality": person.municipality}
            }
        )


class Body(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Political leadership (council)")
        CHIEF_EXECUTIVES = "chief_executives", _("Chief executives (approve the plans)")
        SECRETARIAT = "secretariat", _("Secretariat")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year"), null=True, blank=True
    )
    objectives = models.ManyToManyField(
        "strategy.Objective",
        verbose_name=_("drawn under objectives"),
        blank=True,
        help_text=_("Where the organisation chart also draws this body, as the source does."),
    )
    horizontal = models.BooleanField(_("horizontal"), default=False)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:body", args=[self.kind])


class BodyMembership(Period):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        HEAD = "head", _("Head of secretariat")
        MEMBER = "member", pgettext_lazy("member of a body", "Member")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="body_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    mandate = models.CharField(
        _("mandate period"), max_length=20, blank=True, help_text=_("For example 2023–2026.")
    )

    class Meta:
        verbose_name = _("body membership")
        verbose_name_plural = _("body memberships")
        ordering = ["body", "role", "person__last_name"]

    def __str__(self) -> str:
        return f"{self.person} – {self.body} ({self.get_role_display()})"

    def clean(self) -> None:
        self.clean_period()
        if self.person_id:
            _check_member_municipality(self.person)


class Group(models.Model):
    class Kind(models.TextChoices):
        WORKING_GROUP = "working_group", _("Working group")
        NETWORK = "network", _("Network")
        PROJECT = "project", _("Project")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WOUND_DOWN = "wound_down", _("Wound down")
        CONVERTED = "converted", _("Converted into a network")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKING_GROUP
    )
    field_of_work = models.TextField(_("field of work"), blank=True)
    objectives = models.ManyToManyField(
        "strategy.Objective", verbose_name=_("objectives"), blank=True, related_name="groups"
    )
    ordinary_operations = models.BooleanField(
        _("ordinary operations"),
        default=False,
        help_text=_("The group's work is part of the municipalities' ordinary operations."),
    )
    horizontal = models.BooleanField(
        _("horizontal"), default=False, help_text=_("Serves all objectives as a principle.")
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    wound_down_on = models.DateField(_("wound down on"), null=True, blank=True)
    wound_down_reason = models.TextField(_("reason for winding down"), blank=True)
    converted_into = models.ForeignKey(
        "self",
        verbose_name=_("converted into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="converted_from",
    )
    chart_order = models.PositiveSmallIntegerField(_("order in the chart"), default=0)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["chart_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation:group", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("The end year cannot be before the start year.")
        if self.status == self.Status.WOUND_DOWN:
            if not self.wound_down_on:
                errors["wound_down_on"] = _("Give the date the group was wound down.")
            if not self.wound_down_reason.strip():
                errors["wound_down_reason"] = _("Give the reason the group was wound down.")
        if self.status == self.Status.CONVERTED:
            if not self.converted_into_id:
                errors["converted_into"] = _("Choose the network the group became.")
            elif self.converted_into_id == self.pk:
                errors["converted_into"] = _("A group cannot be converted into itself.")
            elif self.converted_into is not None and self.converted_into.kind != self.Kind.NETWORK:
                errors["converted_into"] = _("A group can only be converted into a network.")
        elif self.converted_into_id:
            errors["converted_into"] = _("Only a converted group links to a network.")
        if errors:
            raise ValidationError(errors)


class Membership(Period):
    class Role(models.TextChoices):
        CONTACT_PERSON = "contact_person", _("Contact person")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "role", "person__last_name"]
        constraints = [
            # The database backs the rule for open-ended contact persons; overlapping
            # dated periods are caught in clean(), which the database cannot express portably.
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="contact_person", end__isnull=True),
                name="one_open_contact_person_per_group",
                violation_error_message=_("The group already has a current contact person."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.group} ({self.get_role_display()})"

    def clean(self) -> None:
        self.clean_period()
        if self.person_id:
            _check_member_municipality(self.person)
        if self.role == self.Role.CONTACT_PERSON and self.group_id and self.start:
            overlapping = Membership.objects.filter(
                group_id=self.group_id, role=self.Role.CONTACT_PERSON
            ).exclude(pk=self.pk)
            # Two periods overlap when each starts before the other ends.
            overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            other = overlapping.select_related("person").first()
            if other:
                raise ValidationError(
                    {
                        "role": _(
                            "%(group)s already has %(name)s as contact person for this "
                            "period. End that membership first."
                        )
                        % {"group": self.group, "name": other.person}
                    }
                )
        if self.person_id and self.group_id and self.start:
            same = Membership.objects.filter(
                group_id=self.group_id, person_id=self.person_id
            ).exclude(pk=self.pk)
            same = same.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if self.end:
                same = same.filter(start__lte=self.end)
            if same.exists():
                raise ValidationError(
                    {"person": _("This person is already a member of the group for this period.")}
                )
