from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverkan.followup import services, tasks
from samverkan.followup.kolada import KoladaClient, KoladaError
from samverkan.followup.models import Indicator


class Command(BaseCommand):
    help = (
        "Fetch Kolada's values for the indicators that name a Kolada KPI, for the member "
        "municipalities, the county and the country. Running it twice adds nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--kpi", action="append", help="Only this KPI id (repeatable).")
        parser.add_argument("--from-date", help="Only values changed since YYYY-MM-DD.")
        parser.add_argument("--base-url", help="Kolada's API address (default from settings).")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the sync for the background worker (samverkan worker) and return.",
        )
        parser.add_argument(
            "--from-file",
            type=Path,
            help=(
                "Load saved API responses instead: a JSON file or a folder of them, KPI "
                "metadata (GET /kpi/...) and data (GET /data/kpi/...) alike, one page a file."
            ),
        )

    def handle(self, *args, **options) -> None:
        if options["background"]:
            tasks.kolada_sync_all.enqueue(options["kpi"], options["from_date"])
            self.stdout.write("Queued; `samverkan worker` runs it.")
            return
        try:
            if options["from_file"]:
                runs = services.kolada_sync_from_file(path=options["from_file"])
            else:
                client = KoladaClient(options["base_url"])
                indicators = Indicator.objects.filter(source=Indicator.Source.KOLADA).exclude(
                    kolada_kpi=""
                )
                if options["kpi"]:
                    indicators = indicators.filter(kolada_kpi__in=options["kpi"])
                runs = [
                    services.kolada_sync(indicator=i, client=client, from_date=options["from_date"])
                    for i in indicators
                ]
        except KoladaError as exc:
            if options["from_file"]:
                raise CommandError(f"Kolada import failed, nothing was written: {exc}") from exc
            raise CommandError(
                f"Kolada sync failed, nothing was written for that KPI: {exc}"
            ) from exc
        for run in runs:
            self.stdout.write(
                f"{run.kpi}: {run.values_seen} values, {run.values_changed} new or changed"
            )
        if not runs:
            self.stdout.write("No indicator matched.")
