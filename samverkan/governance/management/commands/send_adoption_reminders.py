from django.core.management.base import BaseCommand

from samverkan.governance import services


class Command(BaseCommand):
    help = (
        "Remind each member's representative of the council decisions still waiting for the "
        "member, before its next board meeting in the yearly wheel. Safe to run daily from "
        "cron: each decision is reminded of once per board meeting."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address, for the link in the e-mail (e.g. https://samverkan.example).",
        )

    def handle(self, *args, **options) -> None:
        sent = services.adoption_reminders_send(base_url=options["base_url"])
        for reminder in sent:
            self.stdout.write(f"sent: {reminder.recipient} – {reminder.adoption}")
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
