from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from samverkan.accounts import retention


class Command(BaseCommand):
    help = (
        "Close the accounts of people who have held no membership for a while, and erase "
        "the e-mail address and phone number of people gone longer (default 24 months). "
        "Every change goes to the audit log. Meant for cron, daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--deactivate-after-days",
            type=int,
            default=settings.PERSONAL_DATA_DEACTIVATE_AFTER_DAYS,
            help="Close the account this many days after the last membership ended.",
        )
        parser.add_argument(
            "--erase-after-months",
            type=int,
            default=settings.PERSONAL_DATA_ERASE_AFTER_MONTHS,
            help="Erase contact details this many months after the last membership ended.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list what would change.")

    def handle(self, *args, **options) -> None:
        outcome = retention.apply(
            today=timezone.localdate(),
            deactivate_after_days=options["deactivate_after_days"],
            erase_after_months=options["erase_after_months"],
            dry_run=options["dry_run"],
        )
        verb = "would be" if options["dry_run"] else "were"
        for person in outcome.deactivated:
            self.stdout.write(f"account closed: {person} ({person.pk})")
        for person in outcome.erased:
            self.stdout.write(f"contact details erased: {person} ({person.pk})")
        self.stdout.write(
            f"{len(outcome.deactivated)} accounts {verb} closed, "
            f"{len(outcome.erased)} people's contact details {verb} erased."
        )
