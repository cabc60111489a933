"""Following a decision, a group or a priority area: by e-mail (confirmed first, an
unsubscribe link in every mail) or by an Atom feed; told when a plan is approved, a report
accepted or a member decides. The services announce; the follow app listens."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samverkan.follow.models import Notice, Subscription
from samverkan.governance import services as governance
from samverkan.governance.models import Decision
from samverkan.organisation.models import Group
from samverkan.planning.models import AnnualReport, PlanVersion, ReportStatus, Status
from samverkan.planning.services import plans as plan_services
from samverkan.planning.services import reports as report_services
from samverkan.strategy.models import PriorityArea
from tests.planning_helpers import user
from tests.transparency_helpers import load_portal

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def portal(demo_data):
    load_portal()


def _link(text: str, name: str) -> str:
    return re.search(rf"https?://[^\s]+/folj/{name}/[^\s]+/", text).group(0)


def _follow(target: str, target_id: int, email: str, captured) -> str:
    """Ask to follow, confirm from the mail; the confirmation link's path."""
    with captured(execute=True):
        response = Client().post(
            reverse("follow:follow", args=[target, target_id]), {"email": email}
        )
    assert response.status_code == 302
    confirm = _link(mail.outbox[-1].body, "bekrafta")
    path = confirm.split("://", 1)[1].split("/", 1)[1]
    return "/" + path


def _vannas_decides(decision):
    adoption = decision.adoptions.get(municipality__code="2460")
    return governance.adoption_record(
        adoption=adoption,
        status="adopted",
        actor=user("kansli"),
        decided_on=date(2026, 11, 3),
        reference="KS 2026/118",
        paragraph="142",
    )


def test_follow_a_decision_by_email_confirmed_first(portal, django_capture_on_commit_callbacks):
    decision = Decision.objects.get(reference="RR 2026/7")
    confirm_path = _follow(
        "decision", decision.pk, "Anna@Example.se", django_capture_on_commit_callbacks
    )
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["anna@example.se"]
    assert "Gemensam upphandling av e-böcker" in confirmation.subject
    assert "/folj/avsluta/" in confirmation.body
    # Unconfirmed: told nothing.
    with django_capture_on_commit_callbacks(execute=True):
        _vannas_decides(decision)
    assert len(mail.outbox) == 1
    # Opening the link shows a button; only pressing it confirms.
    assert Client().get(confirm_path).status_code == 200
    assert not Subscription.objects.get().is_confirmed
    assert Client().post(confirm_path).status_code == 302
    assert Subscription.objects.get().is_confirmed
    # Vindeln decides next: now the follower is told, with a way out.
    vindeln = decision.adoptions.get(municipality__name="Vindeln")
    with django_capture_on_commit_callbacks(execute=True):
        governance.adoption_record(
            adoption=vindeln,
            status="pending",
            actor=user("kansli"),
            decided_on=None,
            reference="",
            paragraph="",
        )
        governance.adoption_record(
            adoption=vindeln,
            status="rejected",
            actor=user("kansli"),
            decided_on=date(2026, 11, 4),
            reference="KS 2026/9",
            paragraph="7",
        )
    notice = mail.outbox[-1]
    assert "Vindeln" in notice.subject and "Avslaget" in notice.subject
    unsubscribe = _link(notice.body, "avsluta")
    assert notice.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    path = "/" + unsubscribe.split("://", 1)[1].split("/", 1)[1]
    assert Client().post(path).status_code == 200
    assert not Subscription.objects.exists()
    assert Client().get(path).status_code == 404


def test_asking_again_resends_and_reveals_nothing(portal, django_capture_on_commit_callbacks):
    group = Group.objects.get(slug="bibliotek")
    _follow("group", group.pk, "b@example.se", django_capture_on_commit_callbacks)
    _follow("group", group.pk, "b@example.se", django_capture_on_commit_callbacks)
    assert Subscription.objects.count() == 1 and len(mail.outbox) == 2


def test_a_bad_address_is_refused_in_swedish(portal):
    group = Group.objects.get(slug="bibliotek")
    response = Client().post(reverse("follow:follow", args=["group", group.pk]), {"email": "x"})
    assert response.status_code == 400
    assert "Ange en e-postadress" in response.context["form"].errors["email"][0]
    assert not Subscription.objects.exists() and not mail.outbox


def test_unknown_things_cannot_be_followed(portal):
    assert Client().get("/folj/decision/999999/").status_code == 404
    assert Client().get("/folj/nagot/1/").status_code == 404
    assert Client().get("/folj/group/999999/atom.xml").status_code == 404


def test_the_atom_feed_of_a_decision(portal):
    decision = Decision.objects.get(reference="RR 2026/7")
    _vannas_decides(decision)
    response = Client().get(f"/folj/decision/{decision.pk}/atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    title = entries[0].find(f"{ATOM}title").text
    assert "Vännäs" in title and "Antaget" in title
    assert (
        entries[0].find(f"{ATOM}id") is not None and entries[0].find(f"{ATOM}updated") is not None
    )
    assert "@" not in response.content.decode().replace("@example", "")  # no addresses


def test_an_accepted_report_is_told_to_the_groups_followers(
    portal, django_capture_on_commit_callbacks
):
    # A report of the demo, sent back to the secretariat for the test.
    report = AnnualReport.objects.select_related("group")[0]
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    _follow("group", report.group_id, "c@example.se", django_capture_on_commit_callbacks)
    Client().post(
        _follow("group", report.group_id, "c@example.se", django_capture_on_commit_callbacks)
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_accept(report=report, actor=user("kansli"))
    assert Notice.objects.filter(target="group", target_id=report.group_id).exists()
    assert "godtagen" in mail.outbox[-1].subject.lower()


def test_a_priority_area_page_links_to_following(portal):
    area = PriorityArea.objects.first()
    html = Client().get(reverse("strategy:priority_areas")).content.decode()
    assert reverse("follow:follow", args=["area", area.pk]) in html
    assert Client().get(reverse("follow:follow", args=["area", area.pk])).status_code == 200


def test_an_approved_plan_is_told_to_its_group_and_priority_areas(portal):
    version = PlanVersion.objects.get(plan__group__slug="folkhalsa", plan__year__year=2026)
    assert version.status == Status.SUBMITTED
    plan_services.plan_approve(version=version, actor=user("kommunchef"))
    group_notice = Notice.objects.get(target="group", target_id=version.plan.group_id)
    assert "godkänd" in group_notice.title and group_notice.url == version.get_absolute_url()
    areas = set(
        PriorityArea.objects.filter(commitments__planversion=version).values_list("pk", flat=True)
    )
    assert set(Notice.objects.filter(target="area").values_list("target_id", flat=True)) == areas


def _ask(target, target_id, email, captured, **headers):
    with captured(execute=True):
        return Client().post(
            reverse("follow:follow", args=[target, target_id]), {"email": email}, **headers
        )


def _answer(response) -> tuple:
    """What the asker sees: the redirect and the message on the page it leads to."""
    messages = [str(m) for m in response.wsgi_request._messages]
    return response.status_code, response["Location"], messages


def test_confirmation_mails_to_one_address_are_limited_and_the_answer_is_the_same(
    portal, django_capture_on_commit_callbacks, settings
):
    settings.FOLLOW_MAILS_PER_ADDRESS = 3
    group = Group.objects.get(slug="bibliotek")
    area = PriorityArea.objects.first()
    answers = [
        _answer(_ask(kind, pk, "offer@example.se", django_capture_on_commit_callbacks))
        for kind, pk in [("group", group.pk), ("area", area.pk), ("group", group.pk)] * 2
    ]
    # Three mails, then nothing more to that address, whatever is followed ...
    assert len(mail.outbox) == 3 and {m.to[0] for m in mail.outbox} == {"offer@example.se"}
    # ... and the page says the same whether a mail went out or not.
    assert answers[3] == answers[0] and answers[5] == answers[2]
    assert "på väg" in answers[0][2][0]
    # Another address is not held back.
    _ask("group", group.pk, "annan@example.se", django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["annan@example.se"]


def test_one_client_cannot_walk_through_many_inboxes(
    portal, django_capture_on_commit_callbacks, settings
):
    settings.FOLLOW_REQUESTS_PER_CLIENT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    group = Group.objects.get(slug="bibliotek")
    answers = [
        _answer(
            _ask(
                "group",
                group.pk,
                f"nr{n}@example.se",
                django_capture_on_commit_callbacks,
                # A new made-up address each time on the left: only the proxy's entry counts.
                HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7",
            )
        )
        for n in range(4)
    ]
    assert [m.to for m in mail.outbox] == [["nr0@example.se"], ["nr1@example.se"]]
    assert set(Subscription.objects.values_list("email", flat=True)) == {
        "nr0@example.se",
        "nr1@example.se",
    }
    assert answers[2][:2] == answers[0][:2] and len(answers[2][2]) == 1
    # Someone else, behind another address, is not held back.
    _ask(
        "group",
        group.pk,
        "nr9@example.se",
        django_capture_on_commit_callbacks,
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert mail.outbox[-1].to == ["nr9@example.se"]
