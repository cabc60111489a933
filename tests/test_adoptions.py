"""Each council decision followed into each member's minutes: the track per municipality,
who may record it, the reminders before the member's board meeting, and the public matrix
on the portal, in the API and as CSV."""

import csv
import io
import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from samverkan.core import events
from samverkan.core.models import AuditEntry
from samverkan.governance import services
from samverkan.governance.models import Adoption, AdoptionReminder, BoardMeeting, Decision
from samverkan.organisation.models import Municipality
from tests.planning_helpers import user
from tests.transparency_helpers import load_portal

VANNAS = "2460"
UMEA = "2480"


@pytest.fixture
def decision(demo_data):
    load_portal()
    return Decision.objects.get(reference="RR 2026/7")


def _adoption(decision, code) -> Adoption:
    return decision.adoptions.select_related("municipality").get(municipality__code=code)


DECIDED = {
    "sent_on": "2026-09-28",
    "agenda_on": "2026-10-20",
    "agenda_body": "Kommunstyrelsen",
    "status": "adopted",
    "decided_on": "2026-10-20",
    "reference": "KS 2026/118",
    "paragraph": "§ 142",
    "minutes_url": "https://www.vannas.se/protokoll/ks-2026-10-20.pdf",
    "changes_made": "",
}


def test_the_secretariat_records_vannas_decision_and_the_matrix_changes(decision, persona):
    vannas = _adoption(decision, VANNAS)
    before = Client().get("/beslut-i-kommunerna/").content.decode()
    assert "KS 2026/118" not in before
    client = persona("secretariat")
    url = reverse("governance:adoption_update", args=[vannas.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, DECIDED)
    assert response.status_code == 302
    vannas.refresh_from_db()
    assert vannas.status == "adopted" and vannas.paragraph == "142"  # the § is not doubled
    assert vannas.reference == "KS 2026/118" and vannas.stage == "decided"
    track = AuditEntry.objects.get(action="samverkan.adoption.track_changed")
    assert track.actor.username == "kansli" and track.changes["paragraph"] == ["", "142"]
    assert AuditEntry.objects.filter(action="samverkan.adoption.recorded").exists()
    after = Client().get("/beslut-i-kommunerna/").content.decode()
    assert "KS 2026/118" in after and "§ 142" in after
    assert "https://www.vannas.se/protokoll/ks-2026-10-20.pdf" in after


def test_a_decided_track_needs_case_number_and_paragraph_in_swedish(decision, persona):
    vannas = _adoption(decision, VANNAS)
    url = reverse("governance:adoption_update", args=[vannas.pk])
    response = persona("secretariat").post(
        url,
        {
            **DECIDED,
            "status": "adopted_with_changes",
            "reference": "",
            "paragraph": "",
            "decided_on": "20/10",
            "minutes_url": "protokoll",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "ÅÅÅÅ-MM-DD" in errors["decided_on"][0]
    assert "webbadress" in errors["minutes_url"][0]
    response = persona("secretariat").post(
        url, {**DECIDED, "status": "adopted_with_changes", "reference": "", "paragraph": ""}
    )
    errors = response.context["form"].errors
    assert "diarienummer" in errors["reference"][0]
    assert "paragraf" in errors["paragraph"][0]
    assert "ändrade" in errors["changes_made"][0]
    assert 'value="Kommunstyrelsen"' in response.content.decode()  # nothing typed is lost
    vannas.refresh_from_db()
    assert vannas.status == "pending"


def test_the_representative_records_their_own_municipality_only(decision, persona):
    # The demo's chief executive is Umeå's.
    umea, vannas = _adoption(decision, UMEA), _adoption(decision, VANNAS)
    client = persona("chief_executive")
    assert client.get(reverse("governance:adoption_update", args=[umea.pk])).status_code == 200
    assert client.get(reverse("governance:adoption_update", args=[vannas.pk])).status_code == 403
    assert (
        client.post(reverse("governance:adoption_update", args=[vannas.pk]), DECIDED).status_code
        == 403
    )
    response = client.post(
        reverse("governance:adoption_update", args=[umea.pk]),
        {**DECIDED, "decided_on": "2026-10-21", "reference": "KS 2026/1", "paragraph": "9"},
    )
    assert response.status_code == 302
    umea.refresh_from_db()
    assert umea.decided_on == date(2026, 10, 21)
    assert (
        AuditEntry.objects.filter(action="samverkan.adoption.track_changed").get().actor.username
        == "kommunchef"
    )
    # The decisions page offers the representative their own row only.
    html = client.get(reverse("governance:decisions")).content.decode()
    assert reverse("governance:adoption_update", args=[umea.pk]) in html
    assert reverse("governance:adoption_update", args=[vannas.pk]) not in html


@pytest.mark.parametrize(
    "role", ["signed_in_visitor", "group_member", "contact_person", "council_member"]
)
def test_others_may_not_record_an_adoption(decision, persona, role):
    vannas = _adoption(decision, VANNAS)
    url = reverse("governance:adoption_update", args=[vannas.pk])
    assert persona(role).get(url).status_code == 403
    assert persona(role).post(url, DECIDED).status_code == 403
    vannas.refresh_from_db()
    assert vannas.status == "pending"
    with pytest.raises(PermissionDenied):
        services.adoption_record(adoption=vannas, status="pending", actor=user("medlem"))


def test_a_visitor_is_sent_to_sign_in(decision, persona):
    url = reverse("governance:adoption_update", args=[_adoption(decision, VANNAS).pk])
    assert persona("visitor").get(url).status_code == 302


def test_the_track_cannot_begin_before_the_council_met(decision):
    with pytest.raises(ValidationError) as exc:
        services.adoption_record(
            adoption=_adoption(decision, VANNAS),
            status="pending",
            actor=user("kansli"),
            sent_on=date(2026, 9, 1),
            agenda_on=date(2026, 9, 2),
            agenda_body="",
        )
    assert {"sent_on", "agenda_on", "agenda_body"} <= set(exc.value.message_dict)


def test_a_member_deciding_is_announced(decision):
    heard = []

    def listener(sender, adoption, **kwargs):
        heard.append(adoption.municipality.code)

    events.member_decided.connect(listener)
    try:
        vannas = _adoption(decision, VANNAS)
        services.adoption_record(
            adoption=vannas, status="pending", actor=user("kansli"), sent_on=date(2026, 9, 28)
        )
        assert heard == []  # the track moved, nothing was decided
        services.adoption_record(
            adoption=vannas,
            status="rejected",
            actor=user("kansli"),
            decided_on=date(2026, 11, 3),
            reference="KS 2026/2",
            paragraph="12",
        )
    finally:
        events.member_decided.disconnect(listener)
    assert heard == [VANNAS]


# --- Reminders before the member's board meeting ------------------------------------------


def test_the_representative_is_reminded_before_the_next_board_meeting(
    decision, django_capture_on_commit_callbacks
):
    BoardMeeting.objects.all().delete()
    umea = Municipality.objects.get(code=UMEA)
    board = BoardMeeting.objects.create(
        municipality=umea, body="Kommunstyrelsen", date=date(2026, 12, 8)
    )
    # Umeå adopted in the demo: make it pending again.
    Adoption.objects.filter(decision=decision, municipality=umea).update(
        status="pending", decided_on=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.adoption_reminders_send(today=date(2026, 11, 20)) == []  # 18 days
        sent = services.adoption_reminders_send(
            today=date(2026, 11, 25), base_url="https://samverkan.example"
        )
        assert len(sent) == 1 and sent[0].board_meeting == board
        assert services.adoption_reminders_send(today=date(2026, 11, 26)) == []  # once
    message = mail.outbox[0]
    assert message.to == [user("kommunchef").email]
    assert "Gemensam upphandling av e-böcker" in message.subject
    assert "2026-12-08" in message.body
    assert f"https://samverkan.example/beslut/antagande/{sent[0].adoption.pk}/" in message.body
    assert AdoptionReminder.objects.count() == 1


# --- The public matrix: portal, API, CSV --------------------------------------------------


def test_the_matrix_in_the_api_and_as_csv(decision, persona):
    vannas = _adoption(decision, VANNAS)
    services.adoption_record(
        adoption=vannas,
        status="adopted",
        actor=user("kansli"),
        decided_on=date(2026, 11, 3),
        reference="=HYPERLINK(1)",
        paragraph="12",
    )
    response = Client().get("/api/v1/adoptions")
    assert response.status_code == 200
    body = json.loads(response.content)
    codes = [m["code"] for m in body["municipalities"]]
    row = next(r for r in body["rows"] if r["decision"] == decision.pk)
    cell = row["adoptions"][codes.index(VANNAS)]
    assert cell["status"] == "adopted" and cell["paragraph"] == "12"
    assert cell["stage"] == "decided" and cell["agenda_body"] == "Kommunstyrelsen"
    assert "@" not in response.content.decode()  # no e-mail address, no personal data
    download = Client().get("/oppna-data/beslut-i-kommunerna.csv")
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "regionrådets sammanträde"
    vannas_row = next(r for r in rows if r[3] == VANNAS)
    assert vannas_row[5] == "Antaget" and vannas_row[10] == "'=HYPERLINK(1)"
    assert len(rows) == 1 + Adoption.objects.count()


def test_the_matrix_page_is_public_and_keyboard_readable(decision):
    html = Client().get("/beslut-i-kommunerna/").content.decode()
    assert '<caption id="matrix-caption">' in html and 'tabindex="0"' in html
    for name in Municipality.objects.filter(is_member=True).values_list("name", flat=True):
        assert f'<th scope="col" role="columnheader">{name}</th>' in html


def test_my_pages_list_what_waits_for_the_representatives_municipality(decision, persona):
    umea = _adoption(decision, UMEA)
    Adoption.objects.filter(pk=umea.pk).update(status="pending", decided_on=None)
    html = persona("chief_executive").get(reverse("desk:my_page")).content.decode()
    assert reverse("governance:adoption_update", args=[umea.pk]) in html
    assert "Registrera Umeå beslut" in html
    other = persona("group_member").get(reverse("desk:my_page")).content.decode()
    assert reverse("governance:adoption_update", args=[umea.pk]) not in other
