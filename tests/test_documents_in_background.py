"""Compilations and the council's follow-up are made in the background: the request returns
at once with a progress page (polled with HTMX), the file is kept and reused until something is
published, a failure says so in Swedish with a retry, and only the right roles see any of it."""

from datetime import timedelta

import django_rq
import pytest
import redis
from django.urls import reverse
from django.utils import timezone
from django_tasks_rq.backend import Job as RQJob
from rq import SimpleWorker

from samverkan.core import cache
from samverkan.core.models import GeneratedDocument
from samverkan.council import jobs
from samverkan.datasets import demo, demo_plans
from samverkan.planning.models import PlanningYear
from tests import pdf_checks
from tests.snapshots import load_once

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RQ = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

READERS = ["secretariat", "chief_executive", "council_member", "administrator"]
REFUSED = ["visitor", "signed_in_visitor", "group_member", "contact_person"]


def _networks_plans_reports():
    demo.load_networks()
    demo_plans.load_plans()
    demo_plans.load_reports()


@pytest.fixture
def years(demo_data):
    load_once("networks+plans+reports", _networks_plans_reports)
    return {y.year: y for y in PlanningYear.objects.all()}


def _download(year=2026, kind="planer", fmt="pdf"):
    return reverse("desk:compilation_download", args=[year, kind, fmt])


def test_a_queued_compilation_shows_progress_then_the_file(years, persona, settings):
    settings.TASKS = DUMMY  # queued, not run: the request must not wait for the work
    client = persona("secretariat")
    response = client.get(_download())
    job = GeneratedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("council:document", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Sammanställning av verksamhetsplaner 2026 (PDF)" in page
    assert "<progress" in page and 'aria-live="polite"' in page
    assert "hx-get" in page and "htmx.min.js" in page
    assert "Väntar på att arbetet ska börja" in page
    assert "kanske inte är igång" not in page
    # Still queued after a minute: the worker may not be running, and the page says so.
    GeneratedDocument.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    part = client.get(reverse("council:document_status", args=[job.pk])).content.decode()
    assert "bakgrundsprocessen kanske inte är igång" in part

    # The worker starts: the polled part says how far it has come, in words too.
    jobs.jobs.start(job.pk, 10)
    jobs.jobs.advance(job.pk, 4)
    part = client.get(reverse("council:document_status", args=[job.pk])).content.decode()
    assert 'max="10" value="4"' in part and "4 av 10 grupper klara (40 %)" in part
    assert "hx-trigger" in part
    jobs.jobs.advance(job.pk, 10)
    part = client.get(reverse("council:document_status", args=[job.pk])).content.decode()
    assert "dokumentet sätts ihop" in part

    jobs.make_document.call(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.done == job.total and job.file
    part = client.get(reverse("council:document_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in part  # polling stops
    assert reverse("council:document_file", args=[job.pk]) in part
    pdf = client.get(reverse("council:document_file", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="sammanstallning-verksamhetsplaner-2026.pdf"' in pdf["Content-Disposition"]
    reading = pdf_checks.read(pdf.content)
    assert reading.marked and reading.lang == "sv-SE"
    assert "Bibliotek" in reading.outline


def test_the_file_is_reused_until_something_is_published(years, persona):
    client = persona("secretariat")
    first = client.get(_download())
    assert first["Content-Type"] == "application/pdf"  # the immediate backend in tests
    assert client.get(_download()).content == first.content
    assert GeneratedDocument.objects.count() == 1
    old = GeneratedDocument.objects.get()
    old_path = old.file.name

    cache.bump()  # something was published
    client.get(_download())
    assert GeneratedDocument.objects.count() == 2
    old.refresh_from_db()
    assert not old.file and not old.file.storage.exists(old_path)


def test_formats_and_kinds_are_separate_documents(years, persona):
    client = persona("secretariat")
    for kind, year in (("planer", 2026), ("berattelser", 2025)):
        for fmt in ("pdf", "docx", "xlsx"):
            assert client.get(_download(year, kind, fmt)).status_code == 200
    assert GeneratedDocument.objects.filter(status="done").count() == 6


def test_a_failure_is_told_in_swedish_with_a_retry(years, persona, monkeypatch):
    def broken(job):
        raise RuntimeError("disk full")

    monkeypatch.setitem(jobs.BUILDERS, jobs.COMPILATION, broken)
    client = persona("secretariat")
    response = client.get(_download(), follow=True)
    job = GeneratedDocument.objects.get()
    assert job.status == "failed"
    html = response.content.decode()
    assert "Dokumentet kunde inte tas fram." in html and 'role="alert"' in html
    assert "Försök igen" in html and "disk full" not in html
    assert "hx-trigger" not in html

    monkeypatch.undo()
    retried = client.post(reverse("council:document_retry", args=[job.pk]))
    new = GeneratedDocument.objects.exclude(pk=job.pk).get()
    assert retried["Location"] == reverse("council:document", args=[new.pk])
    assert new.status == "done"


def test_an_empty_year_is_told_before_anything_is_queued(years, persona):
    response = persona("secretariat").get(_download(2027))
    assert response.status_code == 404
    assert "inget att sammanställa" in response.content.decode()
    assert not GeneratedDocument.objects.exists()


@pytest.mark.parametrize("role", READERS + REFUSED)
def test_who_may_compile_and_follow_a_compilation(years, persona, role, settings):
    settings.TASKS = DUMMY
    persona("secretariat").get(_download())
    job = GeneratedDocument.objects.get()
    jobs.make_document.call(job.pk)
    client = persona(role)
    urls = [
        _download(),
        reverse("council:document", args=[job.pk]),
        reverse("council:document_status", args=[job.pk]),
        reverse("council:document_file", args=[job.pk]),
    ]
    for url in urls:
        status = client.get(url).status_code
        assert (status in {200, 302}) if role in READERS else status == 403, (url, status)
    retry = client.post(reverse("council:document_retry", args=[job.pk]))
    assert retry.status_code == (302 if role in READERS else 403)


@pytest.mark.parametrize("role", ["visitor", "secretariat"])
def test_the_follow_up_is_made_in_the_background_for_everyone(years, persona, role, settings):
    settings.TASKS = DUMMY
    client = persona(role)
    response = client.get(reverse("council:followup_report", args=[2025, "pdf"]))
    job = GeneratedDocument.objects.get(kind="followup")
    assert response["Location"] == reverse("council:document", args=[job.pk])
    jobs.make_document.call(job.pk)
    pdf = client.get(reverse("council:followup_report", args=[2025, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf_checks.read(pdf.content).marked
    assert GeneratedDocument.objects.count() == 1


def test_the_database_backend_and_samverkan_worker(years, persona, settings, run_worker):
    settings.TASKS = DATABASE
    persona("secretariat").get(_download(2025, "berattelser", "pdf"))
    job = GeneratedDocument.objects.get()
    assert job.status == "queued"
    run_worker()
    job.refresh_from_db()
    assert job.status == "done"


def _redis_or_skip():
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")


def test_the_distributed_backend_runs_on_rq(years, persona, settings, monkeypatch):
    _redis_or_skip()
    settings.TASKS = RQ
    # A Redis database of the tests' own, so that nothing else's queue is touched.
    monkeypatch.setitem(django_rq.settings.QUEUES, "default", {"URL": "redis://127.0.0.1:6379/13"})
    queue = django_rq.get_queue("default")
    queue.empty()
    persona("secretariat").get(_download(2025, "berattelser", "xlsx"))
    job = GeneratedDocument.objects.get()
    assert job.status == "queued" and queue.count == 1
    # A worker in this process (as `samverkan worker` runs one per machine), without forking,
    # so that it sees the test's database.
    django_rq.get_worker("default", worker_class=SimpleWorker, job_class=RQJob).work(burst=True)
    job.refresh_from_db()
    assert job.status == "done", job.error
