"""Run the background tasks: `samverkan worker` (beside the web server; `make run` starts it).

With the database backend (the default) it is django-tasks-db's db_worker; with
TASKS_BACKEND=rq it is an RQ worker on REDIS_URL, one or more on each machine.
"""

import django_rq
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_rq.backend import Job as RQJob
from django_tasks_rq.backend import RQBackend


class Command(BaseCommand):
    help = "Run the background tasks (compilations, the council's follow-up)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")

    def handle(self, *args, batch: bool = False, **options):
        backend = task_backends["default"]
        if isinstance(backend, RQBackend):
            worker = django_rq.get_worker("default", job_class=RQJob)
            worker.work(burst=batch, with_scheduler=False)
        elif isinstance(backend, DatabaseBackend):
            extra = ["--batch", "--no-startup-delay"] if batch else []
            call_command("db_worker", "--queue-name", "default", *extra)
        else:
            self.stdout.write(f"{type(backend).__name__} runs tasks itself; no worker is needed.")
