"""The `samverkan` console script: manage.py with the project's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    # Imported once the settings module is chosen, as manage.py does.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(["samverkan", *sys.argv[1:]])


if __name__ == "__main__":
    main()
