from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samverkan.datasets import demo, demo_plans, demo_values, umearegionen
from samverkan.organisation.models import Cooperation


class Command(BaseCommand):
    help = (
        "Prepare the demo: load Umeåregionen if the database is empty, add invented people, "
        "and create one account per role. Only in demo/DEBUG mode."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEMO:
            raise CommandError("Demo accounts are only created when DEBUG or SAMVERKAN_DEMO is on.")
        if not Cooperation.objects.exists():
            umearegionen.load()
            self.stdout.write("Loaded the Umeåregionen data set into the empty database.")
        demo.load_people()
        demo.load_networks()
        demo.load_plan_revision()
        accounts = demo.ensure_accounts()
        demo_plans.load_plans()
        demo_plans.load_reports()
        demo_plans.load_governance()
        demo_values.load_values()
        self.stdout.write("")
        self.stdout.write("Demo accounts (the people behind them are invented):")
        for username, label in accounts:
            self.stdout.write(f"  {username:<15} {label}")
        self.stdout.write(f"Password for all of them: {demo.DEMO_PASSWORD}")
        self.stdout.write(
            "kansli and admin set up two-factor sign-in (an authenticator app) at their first "
            "sign-in. Mail (invitations, password reset) is printed here by the console backend."
        )
        self.stdout.write("")
