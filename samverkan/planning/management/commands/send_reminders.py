from django.core.management.base import BaseCommand

from samverkan.planning.services import cycle


class Command(BaseCommand):
    help = (
        "E-mail the contact persons of groups whose operational plan or annual report is "
        "missing or late. Safe to run daily from cron: one reminder per group and stage per "
        "interval."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval-days",
            type=int,
            default=cycle.DEFAULT_INTERVAL_DAYS,
            help="Days before the same group is reminded again of the same stage.",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address, for the link in the e-mail (e.g. https://samverkan.example).",
        )

    def handle(self, *args, **options) -> None:
        sent = cycle.reminders_send(
            interval_days=options["interval_days"], base_url=options["base_url"]
        )
        for log in sent:
            self.stdout.write(f"sent: {log.recipient} – {log.subject}")
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
