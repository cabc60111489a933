"""Importing Word files: upload, read with progress, review, confirm, refusals, roles."""

import hashlib
import io
import json
import os
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document

from samverkan.core.models import AuditEntry
from samverkan.organisation.models import Group, Person
from samverkan.planning.models import AnnualReport, PlanVersion, ReportStatus, Status
from samverkan.wordimport import archive, services
from samverkan.wordimport import views as wordimport_views
from samverkan.wordimport.forms import ReviewForm
from samverkan.wordimport.models import ImportBatch, ImportedDocument
from tests.factories import GroupFactory
from tests.wordimport_fixtures import FIXTURES, protocol


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _upload(client, name: str, data: bytes):
    return client.post(reverse("wordimport:upload"), {"file": _file(name, data)}, follow=False)


def _file(name: str, data: bytes):
    return SimpleUploadedFile(name, data)


def _post_data(document: ImportedDocument, **changes) -> dict:
    form = ReviewForm(document.parsed, document.group)
    data = {}
    for name, field in form.fields.items():
        value = field.initial
        data[name] = "" if value is None else value
    data.update(changes)
    return data


ZIP = {
    "gamla/plan-kultur-2013.docx": FIXTURES["plan-rubrikformat.docx"]()[0],
    "gamla/berattelse-kultur-2013.docx": FIXTURES["berattelse-maluppfyllelse.docx"]()[0],
    "gamla/protokoll.docx": protocol(),
    "gamla/trasig.docx": b"this is no word file",
}


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("visitor", 302),
        ("signed_in_visitor", 403),
        ("group_member", 403),
        ("contact_person", 403),
        ("secretariat", 200),
        ("chief_executive", 403),
        ("council_member", 403),
        ("administrator", 200),
    ],
)
def test_only_the_secretariat_and_administrators_may_import(persona, name, status):
    client = persona(name)
    assert client.get(reverse("wordimport:upload")).status_code == status
    response = _upload(client, "plan.docx", FIXTURES["plan-rubrikformat.docx"]()[0])
    assert response.status_code == (302 if status in (200, 302) else 403)
    assert ImportBatch.objects.exists() is (status == 200)


def test_services_refuse_other_roles(demo_data, django_user_model):
    member = django_user_model.objects.get(username="medlem")
    with pytest.raises(PermissionDenied):
        services.batch_create(filename="p.docx", data=b"x", actor=member)


def test_a_zip_is_read_reviewed_corrected_and_confirmed(persona, demo_today):
    client = persona("secretariat")
    response = _upload(client, "gamla.zip", _zip(ZIP))
    batch = ImportBatch.objects.get()
    assert response.url == reverse("wordimport:batch", args=[batch.pk])
    assert (batch.done, batch.total, batch.status) == (4, 4, "finished")
    states = dict(batch.documents.values_list("filename", "state"))
    assert states == {
        "plan-kultur-2013.docx": "to_review",
        "berattelse-kultur-2013.docx": "to_review",
        "protokoll.docx": "refused",
        "trasig.docx": "refused",
    }
    page = client.get(reverse("wordimport:batch", args=[batch.pk])).content.decode()
    assert "Det här ser inte ut som en verksamhetsplan" in page
    assert "skadad" in page

    plan_doc = batch.documents.get(filename="plan-kultur-2013.docx")
    assert plan_doc.group.slug == "kultur"
    review = client.get(reverse("wordimport:review", args=[plan_doc.pk]))
    assert review.status_code == 200
    text = review.content.decode()
    assert "Öka antalet deltagare i kulturskolan från 12 till 30" in text  # the source text
    assert "läggs till som en ny person" in text  # nobody in the register has that e-mail
    # Correct the target and confirm.
    data = _post_data(plan_doc, **{"goal-0-target": "32"})
    response = client.post(reverse("wordimport:review", args=[plan_doc.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan_doc.refresh_from_db()
    version = plan_doc.plan_version
    assert version.status == Status.APPROVED
    assert version.plan.year.year == 2013 and version.plan.group.slug == "kultur"
    goal = version.goals.get()
    assert goal.target_value == 32 and goal.baseline_value == 12
    assert goal.deadline.isoformat() == "2013-10-31"
    assert version.activities.count() == 2
    assert version.frozen_contact["name"] == "Anna Berg"
    assert Person.objects.filter(email="anna.berg@umea.se").exists()  # a new person
    entry = AuditEntry.objects.get(action="samverkan.wordimport.imported")
    assert entry.changes["file"] == "plan-kultur-2013.docx"
    assert entry.changes["imported_from_word"] is True
    # A priority area the register does not know is kept as text, not dropped.
    if not version.priority_commitments.exists():
        assert any("3.2" in line for line in plan_doc.parsed["unparsed"])
    # The plan's page says where it came from.
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Importerad från Word" in page and "plan-kultur-2013.docx" in page
    # The report builds on the plan just imported.
    report_doc = batch.documents.get(filename="berattelse-kultur-2013.docx")
    response = client.post(
        reverse("wordimport:review", args=[report_doc.pk]), _post_data(report_doc)
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get(group__slug="kultur", year__year=2013)
    assert report.status == ReportStatus.ACCEPTED
    assert report.based_on == version
    assert list(report.goals.values_list("fulfilment", flat=True)) == ["partly", "fully"]
    assert list(report.activities.values_list("result", flat=True)) == ["done", "not_done"]
    # Found by year on the group's page and in the year's compilation.
    assert "2013" in client.get(reverse("organisation:group", args=["kultur"])).content.decode()
    for kind in ("planer", "berattelser"):
        compilation = client.get(reverse("desk:compilation", args=[2013, kind]))
        assert compilation.status_code == 200
        assert "Kultur" in compilation.content.decode()


def test_the_same_file_twice_is_recognised(persona):
    client = persona("secretariat")
    data = FIXTURES["plan-delmal-aalborg.docx"]()[0]
    _upload(client, "plan.docx", data)
    document = ImportedDocument.objects.get()
    assert document.group.slug == "naringsliv"
    client.post(reverse("wordimport:review", args=[document.pk]), _post_data(document))
    assert PlanVersion.objects.filter(plan__year__year=2019).count() == 1
    _upload(client, "kopia.docx", data)
    again = ImportedDocument.objects.exclude(pk=document.pk).get()
    assert again.state == "duplicate"
    assert "redan importerad" in again.message
    assert PlanVersion.objects.filter(plan__year__year=2019).count() == 1


def test_a_file_is_all_or_nothing(persona):
    client = persona("secretariat")
    _upload(client, "plan.docx", FIXTURES["plan-rubrikformat.docx"]()[0])
    document = ImportedDocument.objects.get()
    data = _post_data(document, **{"activity-1-when": "sent i höst"})
    response = client.post(reverse("wordimport:review", args=[document.pk]), data)
    assert response.status_code == 200
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()
    assert not PlanVersion.objects.filter(plan__year__year=2013).exists()
    assert not AuditEntry.objects.filter(action="samverkan.wordimport.imported").exists()
    document.refresh_from_db()
    assert document.state == "to_review"


def test_a_zip_slip_is_refused_with_nothing_saved(persona):
    client = persona("secretariat")
    response = _upload(client, "elak.zip", _zip({"../utanfor.docx": b"x"}))
    assert response.status_code == 200
    assert "utanför" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_process_batch_reports_progress(demo_data, django_user_model):
    kansli = django_user_model.objects.get(username="kansli")
    files = {f"{i}-{name}": build()[0] for i, (name, build) in enumerate(FIXTURES.items())}
    batch = services.batch_create(filename="alla.zip", data=_zip(files), actor=kansli)
    seen = []
    services.process_batch(batch.pk, progress=lambda done, total: seen.append((done, total)))
    total = len(FIXTURES)
    assert seen == [(i, total) for i in range(1, total + 1)]
    batch.refresh_from_db()
    assert (batch.done, batch.total, batch.status) == (total, total, "finished")
    response_page = batch.documents.filter(state="to_review").count()
    assert response_page == total


def test_progress_partial_polls_while_running(persona, django_user_model):
    client = persona("secretariat")
    kansli = django_user_model.objects.get(username="kansli")
    batch = services.batch_create(
        filename="a.docx", data=FIXTURES["natverksrapport.docx"]()[0], actor=kansli
    )
    html = client.get(reverse("wordimport:progress", args=[batch.pk])).content.decode()
    assert "hx-trigger" in html and "0 av 1" in html
    services.process_batch(batch.pk)
    html = client.get(reverse("wordimport:progress", args=[batch.pk])).content.decode()
    assert "hx-trigger" not in html and "1 av 1" in html


def test_a_network_report_is_imported_as_a_light_report(persona):
    client = persona("secretariat")
    group = GroupFactory(
        name="Kommunikatörsnätverket", slug="kommunikatorsnatverket", kind=Group.Kind.NETWORK
    )
    _upload(client, "natverk.docx", FIXTURES["natverksrapport.docx"]()[0])
    document = ImportedDocument.objects.get()
    assert document.group == group  # found by the name in the title
    data = _post_data(document, group=str(group.pk))
    response = client.post(reverse("wordimport:review", args=[document.pk]), data)
    assert response.status_code == 302
    report = AnnualReport.objects.get(group=group, year__year=2015)
    assert report.is_light and report.meetings == 6
    assert sorted(report.municipalities.values_list("name", flat=True)) == [
        "Bjurholm",
        "Umeå",
        "Vännäs",
    ]


def test_the_command_imports_what_needs_no_review(demo_data, tmp_path, capsys):
    path = tmp_path / "turism.docx"
    path.write_bytes(FIXTURES["plan-rubrikformat.docx"]()[0])
    call_command("import_word", str(path))
    out = capsys.readouterr().out
    assert "plan 2013 Kultur" in out
    assert PlanVersion.objects.filter(plan__group__slug="kultur", plan__year__year=2013).exists()


@pytest.mark.parametrize(
    "name",
    [
        "signed_in_visitor",
        "group_member",
        "contact_person",
        "chief_executive",
        "council_member",
    ],
)
def test_other_roles_are_refused_every_page_and_action(persona, django_user_model, name):
    kansli = django_user_model.objects.get(username="kansli")
    batch = services.batch_create(
        filename="p.docx", data=FIXTURES["plan-rubrikformat.docx"]()[0], actor=kansli
    )
    services.process_batch(batch.pk)
    document = batch.documents.get()
    client = persona(name)
    for url in (
        reverse("wordimport:batch", args=[batch.pk]),
        reverse("wordimport:progress", args=[batch.pk]),
        reverse("wordimport:review", args=[document.pk]),
    ):
        assert client.get(url).status_code == 403, url
    for url in (
        reverse("wordimport:review", args=[document.pk]),
        reverse("wordimport:discard", args=[document.pk]),
        reverse("wordimport:read", args=[batch.pk]),
    ):
        assert client.post(url, _post_data(document)).status_code == 403, url
    document.refresh_from_db()
    assert document.state == "to_review"
    assert not PlanVersion.objects.filter(plan__year__year=2013).exists()
    # A visitor is sent to sign in.
    assert persona("visitor").get(reverse("wordimport:batch", args=[batch.pk])).status_code == 302


def test_discarding_saves_nothing(persona):
    client = persona("secretariat")
    _upload(client, "plan.docx", FIXTURES["plan-rubrikformat.docx"]()[0])
    document = ImportedDocument.objects.get()
    response = client.post(reverse("wordimport:discard", args=[document.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == "discarded" and bytes(document.content) == b""
    assert not PlanVersion.objects.filter(plan__year__year=2013).exists()
    assert AuditEntry.objects.filter(action="samverkan.wordimport.discarded").exists()


def test_text_not_understood_is_kept_and_shown_only_to_signed_in_users(persona):
    client = persona("secretariat")
    _upload(client, "turism.docx", FIXTURES["plan-rutor.docx"]()[0])
    document = ImportedDocument.objects.get()
    assert document.group.slug == "turism"
    client.post(reverse("wordimport:review", args=[document.pk]), _post_data(document))
    version = PlanVersion.objects.get(plan__group__slug="turism", plan__year__year=2017)
    url = version.get_absolute_url()
    signed_in = persona("group_member").get(url).content.decode()
    assert "Importerad från Word" in signed_in
    assert "En rad som inte hör till mallen." in signed_in
    public = persona("visitor").get(url).content.decode()
    assert "Importerad från Word" in public
    assert "En rad som inte hör till mallen." not in public


def test_a_zip_of_fifty_files_is_read_with_its_progress(persona):
    client = persona("secretariat")
    names = sorted(FIXTURES)
    files = {
        f"arkiv/{i:02d}-{names[i % len(names)]}": FIXTURES[names[i % len(names)]]()[0]
        for i in range(50)
    }
    response = _upload(client, "femtio.zip", _zip(files))
    batch = ImportBatch.objects.get()
    assert response.url == reverse("wordimport:batch", args=[batch.pk])
    assert (batch.done, batch.total, batch.status) == (50, 50, "finished")
    assert batch.documents.filter(state="to_review").count() == 50
    html = client.get(reverse("wordimport:progress", args=[batch.pk])).content.decode()
    assert "50 av 50 filer lästa" in html


def test_the_command_refuses_an_unsafe_zip_in_json(demo_data, tmp_path, capsys):
    path = tmp_path / "elak.zip"
    path.write_bytes(_zip({"../../utanfor.docx": b"x"}))
    call_command("import_word", str(path), "--dry-run", "--json")
    (result,) = json.loads(capsys.readouterr().out)
    assert result["file"] == "elak.zip" and "utanför" in result["refused"]
    assert not ImportBatch.objects.exists()


def test_a_zip_is_read_by_the_worker_not_in_the_request(demo_data, persona, settings, run_worker):
    """The upload returns at once with the files waiting; `samverkan worker` reads them and
    the batch's progress follows."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    names = list(FIXTURES)[:5]
    data = _zip({f"{name}.docx": FIXTURES[name]()[0] for name in names})
    response = _upload(persona("secretariat"), "historik.zip", data)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.done, batch.total) == (0, len(names))
    assert set(batch.documents.values_list("state", flat=True)) == {ImportedDocument.State.WAITING}
    run_worker()
    batch.refresh_from_db()
    assert (batch.done, batch.total, batch.status) == (
        len(names),
        len(names),
        ImportBatch.Status.FINISHED,
    )
    assert not batch.documents.filter(state=ImportedDocument.State.WAITING).exists()


def _plan_with_members(year: int, members: str) -> bytes:
    d = Document()
    d.add_heading(f"Verksamhetsplan {year} för Umeåregionens Kultur-arbetsgrupp", level=1)
    d.add_paragraph(f"Arbetsgruppens medlemmar: {members}")
    d.add_heading("Mål", level=2)
    d.add_paragraph(f"1. Öka antalet besökare från 10 till 20 senast oktober {year}.")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def test_people_without_e_mail_are_matched_by_name_and_municipality(persona):
    client = persona("secretariat")
    before = Person.objects.filter(first_name="Nils", last_name="Ström").count()
    assert before == 0
    members = "Nils Ström, Vännäs, kultursekreterare; Nils Ström, Vännäs"
    files = {f"plan-{year}.docx": _plan_with_members(year, members) for year in (2010, 2011)}
    files["plan-2012.docx"] = _plan_with_members(2012, "Nils Ström, Vännäs; Nils Ström, Umeå")
    _upload(client, "tre.zip", _zip(files))
    documents = ImportedDocument.objects.order_by("filename")
    first = documents[0]
    # Nobody by that name yet: a new person, once, even though the file names him twice.
    response = client.post(reverse("wordimport:review", args=[first.pk]), _post_data(first))
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Nils", last_name="Ström").count() == 1
    nils = Person.objects.get(first_name="Nils", last_name="Ström")
    # The next file: matched by name and municipality, flagged as uncertain, and changeable.
    second = documents[1]
    page = client.get(reverse("wordimport:review", args=[second.pk])).content.decode()
    assert "Osäkert" in page and "samma person" in page
    assert 'name="member-0-person"' in page
    response = client.post(reverse("wordimport:review", args=[second.pk]), _post_data(second))
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Nils", last_name="Ström").count() == 1
    second.refresh_from_db()
    assert {m["person_id"] for m in second.plan_version.frozen_members} == {nils.pk}
    # The third: the one in Vännäs is him; the one in Umeå someone else, and the secretariat
    # may also say the one in Vännäs is a new person.
    third = documents[2]
    data = _post_data(third, **{"member-0-person": "new"})
    response = client.post(reverse("wordimport:review", args=[third.pk]), data)
    assert response.status_code == 302
    assert Person.objects.filter(first_name="Nils", last_name="Ström").count() == 3


def test_a_plan_already_there_is_said_on_the_review_page_before_confirming(persona):
    client = persona("secretariat")
    _upload(client, "plan.docx", _plan_with_members(2013, "Nils Ström, Vännäs"))
    first = ImportedDocument.objects.get()
    client.post(reverse("wordimport:review", args=[first.pk]), _post_data(first))
    assert PlanVersion.objects.filter(plan__year__year=2013, plan__group__slug="kultur").exists()
    _upload(client, "igen.docx", _plan_with_members(2013, "Karin Vik, Bjurholm"))
    again = ImportedDocument.objects.exclude(pk=first.pk).get()
    page = client.get(reverse("wordimport:review", args=[again.pk])).content.decode()
    assert "Gruppen har redan en plan för 2013" in page
    assert 'disabled aria-describedby="blocked-reason"' in page
    # The service still refuses a confirm posted anyway.
    response = client.post(reverse("wordimport:review", args=[again.pk]), _post_data(again))
    assert response.status_code == 200
    kultur = PlanVersion.objects.filter(plan__group__slug="kultur")
    assert kultur.filter(plan__year__year=2013).count() == 1
    # Another year, checked again: the way is clear.
    data = _post_data(again, year="2014", recheck="1")
    page = client.post(reverse("wordimport:review", args=[again.pk]), data).content.decode()
    assert "Gruppen har redan en plan" not in page and "blocked-reason" not in page
    assert not kultur.filter(plan__year__year=2014).exists()


@pytest.fixture
def stored_upload_bytes(monkeypatch):
    """How many bytes of uploads were kept, in memory or in temporary files."""
    stored = []

    def counting(original):
        def receive(self, raw_data, start):
            kept = original(self, raw_data, start)
            if kept is None:  # this handler kept the chunk; none after it sees it
                stored.append(len(raw_data))
            return kept

        return receive

    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        monkeypatch.setattr(handler, "receive_data_chunk", counting(handler.receive_data_chunk))
    return stored


def test_an_upload_past_the_cap_is_not_stored_and_says_why(
    persona, monkeypatch, stored_upload_bytes
):
    cap = 200_000
    monkeypatch.setattr(wordimport_views, "MAX_ZIP_BYTES", cap, raising=False)
    monkeypatch.setattr(archive, "MAX_ZIP_BYTES", cap)
    big = _zip({f"{n}.docx": os.urandom(100_000) for n in range(20)})  # 2 MB, incompressible
    response = _upload(persona("secretariat"), "stor.zip", big)
    assert response.status_code == 200
    assert "Zip-filen är för stor för att importeras." in response.content.decode()
    assert not ImportBatch.objects.exists()
    # Stopped at the cap (plus at most one chunk): the rest was never kept.
    assert sum(stored_upload_bytes) <= cap + 64 * 1024


def test_an_upload_is_streamed_to_a_temporary_file_and_read_from_there(
    persona, monkeypatch, stored_upload_bytes
):
    given = []
    batch_create = services.batch_create

    def spy(**kwargs):
        given.append(kwargs["data"])
        return batch_create(**kwargs)

    monkeypatch.setattr(services, "batch_create", spy)
    docx = FIXTURES["natverksrapport.docx"]()[0]
    response = _upload(persona("secretariat"), "alla.zip", _zip({"a.docx": docx, "b.docx": docx}))
    assert response.status_code == 302
    # Even a small upload: on disk, not in memory.
    [upload] = given
    assert isinstance(upload, TemporaryUploadedFile) and sum(stored_upload_bytes) > 0
    documents = ImportBatch.objects.get().documents.all()
    assert [d.content_hash for d in documents] == [hashlib.sha256(docx).hexdigest()] * 2


def test_the_upload_still_checks_the_csrf_token(demo_data, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(username="kansli"))
    response = client.post(
        reverse("wordimport:upload"), {"file": _file("a.docx", b"x")}, follow=False
    )
    assert response.status_code == 403 and not ImportBatch.objects.exists()
