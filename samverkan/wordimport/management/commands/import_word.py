"""`samverkan import_word PATH… [--dry-run] [--json]`: read Mall 1 and Mall 2 Word files."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from samverkan.wordimport import selectors, services
from samverkan.wordimport.archive import entries_of
from samverkan.wordimport.parser import Refused, parse_docx


class Command(BaseCommand):
    help = (
        "Read filled-in operational plans (Mall 1) and annual reports (Mall 2) from Word files "
        "or zips of them. --dry-run saves nothing; without it, files that need no review are "
        "imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--json", action="store_true", help="print the structure as JSON")
        parser.add_argument("--user", default="", help="the user the import is recorded for")

    def handle(self, *args, **options):
        results = []
        own = selectors.own_words()
        for path in options["paths"]:
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"No such file: {path}")
            try:
                entries = entries_of(file.name, file.open("rb"))
            except Refused as refusal:
                results.append({"file": file.name, "refused": refusal.message})
                continue
            for entry in entries:
                result = {"file": entry.name, "refused": entry.refused}
                if entry.reader is not None:
                    try:
                        data = entry.data
                        result.update(parse_docx(data, entry.name, own=own).to_json())
                        result["refused"] = None
                    except Refused as refusal:
                        result["refused"] = refusal.message
                results.append((result, entry) if not options["dry_run"] else result)
        if not options["dry_run"]:
            actor = None
            if options["user"]:
                actor = get_user_model().objects.get(username=options["user"])
            done = []
            for item in results:
                result, entry = item if isinstance(item, tuple) else (item, None)
                if entry is not None and not result["refused"]:
                    result["imported"] = services.import_unreviewed(
                        filename=entry.name, data=entry.data, actor=actor
                    )
                done.append(result)
            results = done
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for result in results:
            if result.get("refused"):
                self.stdout.write(f"{result['file']}: refused – {result['refused']}")
            else:
                line = f"{result['file']}: {result['kind']} {result['year']} {result['group']}"
                if "imported" in result:
                    line += f" – {result['imported']}"
                self.stdout.write(line)
