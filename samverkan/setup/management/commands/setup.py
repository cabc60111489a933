from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.setup import services
from samverkan.setup.reader import SetupFileError


class Command(BaseCommand):
    help = (
        "Create or update the cooperation a set-up file (YAML) declares. The whole file is "
        "checked first: if anything is wrong, every error is listed with its line and nothing "
        "is saved. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", help="the set-up file, e.g. samverkan/datasets/cooperations/umearegionen.yaml"
        )
        parser.add_argument(
            "--check", action="store_true", help="only check the file; save nothing"
        )

    def handle(self, *args, path: str, check: bool, **options) -> None:
        try:
            spec = services.check_file(path)
            if check:
                self.stdout.write(self.style.SUCCESS(f"{path}: OK ({spec.cooperation.name})"))
                return
            tally = services.setup_apply(spec, source=path)
        except SetupFileError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{path}: {problem}")
            n = len(exc.problems)
            raise CommandError(
                ngettext(
                    "%(path)s: %(n)s error; nothing was saved.",
                    "%(path)s: %(n)s errors; nothing was saved.",
                    n,
                )
                % {"path": path, "n": n}
            ) from exc
        name = spec.cooperation.name
        if not tally.changed:
            self.stdout.write(_("%(name)s is up to date; nothing changed.") % {"name": name})
            return
        for verb, bucket in ((_("created"), tally.created), (_("updated"), tally.updated)):
            for what, count in sorted(bucket.items()):
                self.stdout.write(f"{verb}: {count} {what}")
        self.stdout.write(self.style.SUCCESS(_("%(name)s is set up.") % {"name": name}))
