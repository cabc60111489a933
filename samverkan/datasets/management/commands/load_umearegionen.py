from django.core.management.base import BaseCommand

from samverkan.datasets import umearegionen


class Command(BaseCommand):
    help = "Load Umeåregionen as its strategic plan describes it. Safe to run again."

    def handle(self, *args, **options) -> None:
        tally = umearegionen.load()
        if not tally.changed:
            self.stdout.write("Umeåregionen is already loaded; nothing changed.")
            return
        for verb, bucket in (("created", tally.created), ("updated", tally.updated)):
            for name, count in sorted(bucket.items()):
                self.stdout.write(f"{verb}: {count} {name}")
        self.stdout.write(self.style.SUCCESS("Umeåregionen loaded."))
