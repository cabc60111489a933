"""What the follow app does when the services below announce something (core/events.py):
it records a notice for each thing followed and mails its confirmed subscribers, after the
commit."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.core import events
from samverkan.follow.models import Notice, Subscription, Target
from samverkan.governance.models import Adoption
from samverkan.planning.models import AnnualReport, PlanVersion
from samverkan.strategy.models import PriorityArea


def _notify(targets: list[tuple[str, int]], title: str, text: str, url: str) -> None:
    now = timezone.now()
    Notice.objects.bulk_create(
        Notice(target=kind, target_id=pk, title=title, text=text, url=url, happened_at=now)
        for kind, pk in targets
    )
    # One mail per address, however many of the things it follows this concerns.
    recipients: dict[str, Subscription] = {}
    for kind, pk in targets:
        for subscription in Subscription.objects.filter(
            target=kind, target_id=pk, confirmed_at__isnull=False
        ):
            recipients.setdefault(subscription.email, subscription)
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    for subscription in recipients.values():
        unsubscribe = base + reverse("follow:unsubscribe", args=[subscription.token])
        with translation.override("sv"):
            body = render_to_string(
                "follow/email/notice.txt",
                {"title": title, "text": text, "url": base + url, "unsubscribe": unsubscribe},
            )
        message = EmailMessage(
            title,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [subscription.email],
            headers={"List-Unsubscribe": f"<{unsubscribe}>"},
        )
        transaction.on_commit(message.send)


def _areas_of(version: PlanVersion) -> list[tuple[str, int]]:
    ids = PriorityArea.objects.filter(commitments__planversion=version).values_list("pk", flat=True)
    return [(Target.AREA, pk) for pk in sorted(set(ids))]


def on_plan_approved(sender, plan_version: PlanVersion, **kwargs) -> None:
    group = plan_version.plan.group
    with translation.override("sv"):
        title = _("%(group)s's operational plan %(year)s is approved") % {
            "group": group.name,
            "year": plan_version.plan.year.year,
        }
    _notify(
        [(Target.GROUP, group.pk), *_areas_of(plan_version)],
        title,
        plan_version.purpose[:500],
        plan_version.get_absolute_url(),
    )


def on_report_accepted(sender, report: AnnualReport, **kwargs) -> None:
    with translation.override("sv"):
        title = _("%(group)s's annual report %(year)s is accepted") % {
            "group": report.group.name,
            "year": report.year.year,
        }
    _notify([(Target.GROUP, report.group_id)], title, "", report.get_absolute_url())


def on_member_decided(sender, adoption: Adoption, **kwargs) -> None:
    with translation.override("sv"):
        title = _("%(municipality)s has decided on “%(decision)s”: %(status)s") % {
            "municipality": adoption.municipality.name,
            "decision": adoption.decision.title,
            "status": adoption.get_status_display(),
        }
        parts = [adoption.reference, f"§ {adoption.paragraph}" if adoption.paragraph else ""]
    _notify(
        [(Target.DECISION, adoption.decision_id)],
        title,
        " ".join(p for p in parts if p),
        reverse("transparency:adoption_matrix"),
    )


def connect() -> None:
    events.plan_approved.connect(on_plan_approved, dispatch_uid="follow-plan-approved")
    events.report_accepted.connect(on_report_accepted, dispatch_uid="follow-report-accepted")
    events.member_decided.connect(on_member_decided, dispatch_uid="follow-member-decided")
