"""Clear the public cache when public data changes.

Plans and reports change many times as drafts, which the public never sees; only a save of
one that is public, or was public before the save (reopened, superseded), bumps the
publication. Bulk writes that bypass signals (Kolada upserts) call cache.bump().
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from samverkan.core import cache

# Models whose every saved row can appear on a public page or in the API.
ALWAYS_PUBLIC = [
    "organisation.Cooperation",
    "organisation.Municipality",
    "organisation.Body",
    "organisation.BodyMembership",
    "organisation.Group",
    "organisation.Person",
    "organisation.Membership",
    "strategy.Objective",
    "strategy.PlanVersion",
    "strategy.PlanObjective",
    "strategy.SubObjective",
    "strategy.Framework",
    "strategy.Theme",
    "strategy.Commitment",
    "strategy.PriorityArea",
    "strategy.PriorityCommitment",
    "governance.Meeting",
    "governance.Decision",
    "governance.Adoption",
    "governance.AgendaItem",
    "governance.BoardMeeting",
    "followup.Indicator",
    "followup.Value",
    "followup.Target",
    "planning.PlanningYear",
    "planning.TemplateWording",  # the headings of every public plan and report
    "planning.InterimRound",
]

# Documents with a workflow: public once approved, accepted or noted.
WORKFLOW = ["planning.PlanVersion", "planning.AnnualReport", "planning.InterimReport"]

# Parts of those documents, by the field that points to the document. Most are written
# only while a draft, but an approved plan's activity status changes all year round.
PARTS = {
    "planning.Goal": "version",
    "planning.Activity": "version",
    "planning.ReportGoal": "report",
    "planning.ReportActivity": "report",
    "planning.ReportPriority": "report",
    "planning.InterimActivity": "report",
}


def _bump(sender, **kwargs) -> None:
    cache.bump()


def _remember_status(sender, instance, **kwargs) -> None:
    instance._status_before = (
        sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if instance.pk
        else None
    )


PUBLIC_STATUSES = {"approved", "accepted", "noted"}


def _bump_if_public(sender, instance, **kwargs) -> None:
    before = getattr(instance, "_status_before", None)
    if before in PUBLIC_STATUSES or instance.status in PUBLIC_STATUSES:
        cache.bump()


def _bump_if_part_of_public(sender, instance, **kwargs) -> None:
    field = sender._meta.get_field(PARTS[sender._meta.label])
    document = field.related_model.objects.filter(pk=getattr(instance, field.attname))
    if document.filter(status__in=PUBLIC_STATUSES).exists():
        cache.bump()


def connect() -> None:
    for label in ALWAYS_PUBLIC:
        model = apps.get_model(label)
        post_save.connect(_bump, sender=model, dispatch_uid=f"public-save-{label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"public-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bump,
                sender=field.remote_field.through,
                dispatch_uid=f"public-m2m-{label}-{field.name}",
            )
    for label in WORKFLOW:
        model = apps.get_model(label)
        pre_save.connect(_remember_status, sender=model, dispatch_uid=f"public-pre-{label}")
        post_save.connect(_bump_if_public, sender=model, dispatch_uid=f"public-{label}")
        post_delete.connect(_bump_if_public, sender=model, dispatch_uid=f"public-delete-{label}")
    for label in PARTS:
        model = apps.get_model(label)
        post_save.connect(_bump_if_part_of_public, sender=model, dispatch_uid=f"public-{label}")
        post_delete.connect(
            _bump_if_part_of_public, sender=model, dispatch_uid=f"public-delete-{label}"
        )
