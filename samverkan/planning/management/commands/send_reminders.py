from django.core.management.base import BaseCommand, CommandError

from samverkan.planning.models import PlanningYear
from samverkan.planning.services import cycle


class Command(BaseCommand):
    help = (
        "E-mail the contact persons of groups whose operational plan or annual report is "
        "missing or late, 14, 7 and 1 days before and after the due dates of the year's "
        "wheel. Safe to run daily from cron: each step is sent once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address, for the link in the e-mail (e.g. https://samverkan.example).",
        )
        parser.add_argument(
            "--year", type=int, help="Only this planning year (default: every open year)."
        )

    def handle(self, *args, **options) -> None:
        year = None
        if options["year"] is not None:
            year = PlanningYear.objects.filter(year=options["year"]).first()
            if year is None:
                raise CommandError(f"There is no planning year {options['year']}.")
        sent = cycle.reminders_send(year=year, base_url=options["base_url"])
        for log in sent:
            self.stdout.write(f"sent: {log.recipient} – {log.subject}")
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
