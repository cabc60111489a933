from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samverkan.datasets import demo, demo_plans, demo_values, umearegionen
from samverkan.organisation.models import Cooperation


class Command(BaseCommand):
    help = (
        "Prepare the demo: load Umeåregionen if the database is empty, add invented people, "
        "and create one account per role; every page then says the people and values are "
        "invented. Not in production mode unless SAMVERKAN_DEMO=1."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--clear",
            action="store_true",
            help="real people and values have replaced the demo's: take the banner away "
            "(loads nothing)",
        )

    def handle(self, *args, clear: bool = False, **options) -> None:
        if clear:
            demo.mark_loaded(False)
            self.stdout.write("The site no longer says its people and values are invented.")
            return
        if settings.DEMO is False or (settings.DEMO is None and settings.PRODUCTION):
            raise CommandError(
                "Demo accounts share a known password: they are not created in production "
                "mode unless SAMVERKAN_DEMO=1, nor ever with SAMVERKAN_DEMO=0."
            )
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
        demo.mark_loaded(True)
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
