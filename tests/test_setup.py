"""`samverkan setup PATH`: a cooperation from one declarative file, checked whole first.

Both shipped files are exercised: Umeåregionen's (the data set the demo runs on) and an
invented federation shaped differently (networks only, eight members, one that joined later,
one co-opted), set up on an empty database to show that no code change is needed.
"""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from samverkan.core.models import AuditEntry
from samverkan.followup.models import Indicator
from samverkan.organisation import selectors
from samverkan.organisation.models import Body, Cooperation, Group, Municipality
from samverkan.planning.models import InterimRound
from samverkan.setup import services
from samverkan.setup.reader import SetupFileError
from samverkan.strategy.models import PriorityCommitment

COOPERATIONS = Path(__file__).resolve().parent.parent / "samverkan" / "datasets" / "cooperations"
UMEAREGIONEN = COOPERATIONS / "umearegionen.yaml"
EXAMPLE = COOPERATIONS / "exempelforbundet.yaml"


def run(path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("setup", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_the_invented_example_sets_up_a_working_site_on_an_empty_database():
    assert not Cooperation.objects.exists()
    out, _err = run(EXAMPLE)
    assert "Exempelförbundet Jämtland (påhittat exempel) är uppsatt." in out
    assert "uppdaterad:" not in out  # a first run creates; relations set then are no update
    coop = Cooperation.objects.get()
    assert coop.display_name == "Exempelförbundet" and coop.county_code == "0023"
    assert Municipality.objects.filter(is_member=True).count() == 8
    assert set(Group.objects.values_list("kind", flat=True)) == {"network"}
    assert Body.objects.get(kind="council").name == "Förbundsfullmäktige"
    berg = Municipality.objects.get(code="2326")
    assert (berg.is_member_in(2014), berg.is_member_in(2015)) == (False, True)
    assert not Municipality.objects.get(code="2361").voting
    assert Indicator.objects.get(slug="nystartade-foretag").commitments.get().commitment.code == (
        "8.1"
    )
    # The public site names the cooperation from its data, in the header and the pages.
    client = Client()
    home = client.get("/").content.decode()
    assert "Exempelförbundet" in home and "Umeåregionen" not in home
    chart = client.get("/organisation/").content.decode()
    for name in ("Förbundsfullmäktige", "Styrgruppen", "Nätverket för e-tjänster"):
        assert name in chart
    assert "Umeåregionen" not in chart
    municipalities = json.loads(client.get("/api/v1/municipalities?page_size=50").content)
    assert {m["code"] for m in municipalities["items"]} >= {"2326", "2361", "2380"}
    # The audit log says who set it up from which file.
    entry = AuditEntry.objects.get(action="samverkan.cooperation.set_up")
    assert entry.comment.endswith("exempelforbundet.yaml")


@pytest.mark.django_db
def test_running_a_file_again_changes_nothing_and_an_edit_changes_just_that(tmp_path):
    run(UMEAREGIONEN)
    counts = (Municipality.objects.count(), Group.objects.count(), Indicator.objects.count())
    out, _err = run(UMEAREGIONEN)
    assert "är aktuell; inget ändrades." in out
    assert (Municipality.objects.count(), Group.objects.count(), Indicator.objects.count()) == (
        counts
    )
    # Örnsköldsvik is a member from 2013; a municipality joining in 2027 is one line more, and
    # nothing is doubled.
    assert Municipality.objects.get(code="2284").member_from.year == 2013
    edited = UMEAREGIONEN.read_text(encoding="utf-8").replace(
        "municipalities:\n",
        "municipalities:\n- code: '2418'\n  name: Malå\n  member_from: 2027-01-01\n",
        1,
    )
    path = tmp_path / "umearegionen.yaml"
    path.write_text(edited, encoding="utf-8")
    out, _err = run(path)
    assert Municipality.objects.count() == counts[0] + 1
    assert Group.objects.count() == counts[1]
    assert Municipality.objects.get(code="2418").member_from.year == 2027


BROKEN = """\
cooperation:
  name: Trasig samverkan
  vision: ""
  target_population: många
  target_year: 2050
municipalities:
- code: 2480
  name: Umeå
  memberfrom: 2013-01-01
objectives:
- number: 1
  title: Ett mål
groups:
- name: A
  slug: Fel Slug
  kind: team
"""


@pytest.mark.django_db
def test_a_broken_file_is_refused_with_every_error_by_line_and_nothing_is_saved(tmp_path):
    path = tmp_path / "trasig.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run(path)
    assert "6 fel; inget sparades." in str(exc.value)
    with pytest.raises(SetupFileError) as problems:
        services.check_file(path)
    found = {(p.line, p.where) for p in problems.value.problems}
    assert found == {
        (3, "cooperation.vision"),
        (4, "cooperation.target_population"),
        (7, "municipalities[0].code"),
        (9, "municipalities[0].memberfrom"),
        (15, "groups[0].slug"),
        (16, "groups[0].kind"),
    }
    messages = {p.where: p.message for p in problems.value.problems}
    assert "citattecken" in messages["municipalities[0].code"]
    assert "stavningen" in messages["municipalities[0].memberfrom"]
    assert not Cooperation.objects.exists() and not Municipality.objects.exists()


CROSSED = """\
cooperation:
  name: Korsad samverkan
  vision: En vision
  target_population: 1000
  target_year: 2050
municipalities:
- code: '2480'
  name: Umeå
- code: '2480'
  name: Umeå igen
objectives:
- number: 1
  title: Ett mål
bodies:
- kind: council
  name: Rådet
groups:
- name: A
  slug: a
  kind: network
  objectives: [1, 5]
priority_areas:
- name: Ett område
  decided_by: chief_executives
  decision_date: 2020-01-01
  commitments:
  - code: '11.1'
    wording: Finns inte
    municipalities: [Umeå, Luleå]
indicators:
- slug: x
  title: X
  unit: antal
  direction: higher
  rule: sum
  commitments: ['3.1']
"""


@pytest.mark.django_db
def test_references_inside_the_file_are_checked_with_their_lines(tmp_path):
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(CROSSED)
    found = {(p.line, p.where) for p in problems.value.problems}
    assert found == {
        (9, "municipalities[1].code"),
        (21, "groups[0].objectives[1]"),
        (24, "priority_areas[0].decided_by"),
        (27, "priority_areas[0].commitments[0].code"),
        (29, "priority_areas[0].commitments[0].municipalities[1]"),
        (36, "indicators[0].commitments[0]"),
    }
    assert not Cooperation.objects.exists()


@pytest.mark.django_db
def test_an_impossible_date_is_refused_at_its_line(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "vision_decided: 2019-03-14", "vision_decided: 2019-13-45"
    )
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(text)
    [problem] = problems.value.problems
    assert problem.where == "cooperation.vision_decided" and problem.line == 15
    assert "ÅÅÅÅ-MM-DD" in problem.message


@pytest.mark.django_db
def test_a_file_for_another_cooperation_is_refused_on_a_set_up_installation():
    run(EXAMPLE)
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_file(UMEAREGIONEN)
    [problem] = problems.value.problems
    assert "Exempelförbundet Jämtland" in problem.message and "tom databas" in problem.message
    assert Cooperation.objects.get().display_name == "Exempelförbundet"
    assert not Municipality.objects.filter(code="2480").exists()


@pytest.mark.django_db
def test_yaml_that_does_not_parse_is_refused_with_its_line():
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text("cooperation:\n  name: [oavslutad\n")
    [problem] = problems.value.problems
    assert problem.line is not None and "YAML" in problem.message


@pytest.mark.django_db
def test_umearegionen_from_its_file_matches_the_source(umearegionen_data):
    assert Cooperation.objects.get().display_name == "Umeåregionen"
    assert PriorityCommitment.objects.count() == 10
    assert Group.objects.filter(kind="working_group").count() == 17


def _admin_client() -> Client:
    admin = User.objects.create_superuser("installerare", password="x", email="")
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_an_administrator_on_an_empty_installation_sets_up_through_the_web():
    home = Client().get("/").content.decode()
    assert "/installation/" in home  # an empty installation says how to begin
    client = _admin_client()
    page = client.get("/installation/")
    assert page.status_code == 200 and "har ingen samverkan" in page.content.decode()
    # An uploaded file has no folder beside it: it is set up, and the page says to upload
    # the logo it names in the administration.
    with EXAMPLE.open("rb") as handle:
        response = client.post("/installation/", {"file": handle})
    assert response.status_code == 302 and response["Location"] == "/"
    assert Cooperation.objects.get().display_name == "Exempelförbundet"
    assert not Cooperation.objects.get().logo
    shown = client.get("/").content.decode()
    assert "exempelforbundet-logo.svg" in shown and "i administrationen" in shown
    entry = AuditEntry.objects.get(action="samverkan.cooperation.set_up")
    assert entry.actor.username == "installerare" and entry.comment == "exempelforbundet.yaml"

    def without_logo() -> io.BytesIO:
        upload = io.BytesIO(
            EXAMPLE.read_bytes().replace(b"  logo: exempelforbundet-logo.svg\n", b"")
        )
        upload.name = EXAMPLE.name
        return upload

    # Again: nothing changes, and the page says so.
    again = client.post("/installation/", {"file": without_logo()}, follow=True)
    assert "inget ändrades" in again.content.decode()


@pytest.mark.django_db
def test_a_broken_file_in_the_web_form_lists_its_errors_by_line_and_saves_nothing():
    response = _admin_client().post("/installation/", {"content": BROKEN})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Filen har 6 fel; inget sparades." in html
    assert "Rad 7" in html and "municipalities[0].code" in html
    assert not Cooperation.objects.exists()


@pytest.mark.django_db
def test_the_web_form_wants_a_file_or_content():
    html = _admin_client().post("/installation/", {}).content.decode()
    assert "Välj en fil eller klistra in innehållet." in html


@pytest.mark.parametrize(
    "role",
    [
        "signed_in_visitor",
        "group_member",
        "contact_person",
        "secretariat",
        "chief_executive",
        "council_member",
    ],
)
def test_only_administrators_may_set_up(persona, role):
    client = persona(role)
    assert client.get("/installation/").status_code == 403
    assert client.post("/installation/", {"content": BROKEN}).status_code == 403


def test_visitors_are_sent_to_sign_in(persona):
    response = persona("visitor").get("/installation/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_the_administrator_persona_may_set_up(persona):
    assert persona("administrator").get("/installation/").status_code == 200


NAMED = """\
cooperation:
  name: Namngiven samverkan
  vision: En vision
  target_population: 1000
  target_year: 2050
  page_limit: 0
  group_names:
    network: {singular: nätverk}
    committee: {singular: kommitté, plural: kommittéer}
"""


@pytest.mark.django_db
def test_the_page_limit_and_the_names_of_group_kinds_come_from_the_file():
    run(EXAMPLE)
    coop = Cooperation.objects.get()
    assert coop.page_limit == 3
    assert (coop.network_name, coop.network_name_plural) == ("förbundsnätverk", "förbundsnätverk")
    # A kind the file does not name keeps the product's word.
    assert coop.kind_name("working_group") == "Arbetsgrupp"
    assert selectors.page_limit() == 3
    client = Client()
    groups = client.get("/organisation/grupper/").content.decode()
    assert "Förbundsnätverk" in groups and "<td>Nätverk</td>" not in groups
    page = client.get("/organisation/grupper/e-tjanster/").content.decode()
    assert '<p class="eyebrow">Förbundsnätverk</p>' in page
    # The administrator sets both in the admin.
    admin = User.objects.create_superuser("admin", password="pw-samverkan-1")
    client.force_login(admin)
    form = client.get(f"/admin/organisation/cooperation/{coop.pk}/change/").content.decode()
    assert "Sidgräns för planer och berättelser" in form and 'value="förbundsnätverk"' in form


@pytest.mark.django_db
def test_umearegionens_file_keeps_two_pages_and_its_own_words():
    run(UMEAREGIONEN)
    coop = Cooperation.objects.get()
    assert (coop.page_limit, coop.working_group_name) == (2, "arbetsgrupp")


@pytest.mark.django_db
def test_a_bad_page_limit_or_kind_name_is_refused_by_line():
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(NAMED)
    found = {(p.line, p.where) for p in problems.value.problems}
    assert found >= {
        (6, "cooperation.page_limit"),
        (8, "cooperation.group_names.network.plural"),
        (9, "cooperation.group_names.committee"),
    }
    assert not Cooperation.objects.exists()


# A few hundred bytes that PyYAML would grow to 10**9 strings ("billion laughs").
LAUGHS = "cooperation:\n  name: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  k{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10)
)


@pytest.mark.django_db
def test_yaml_references_are_refused_before_they_grow(tmp_path):
    path = tmp_path / "skratt.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("setup", str(path), stdout=io.StringIO(), stderr=err)
    assert "1 fel; inget sparades." in str(exc.value) and "inte tillåtna" in err.getvalue()
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(LAUGHS)
    [problem] = problems.value.problems
    assert problem.line == 3 and "&namn" in problem.message
    assert not Cooperation.objects.exists()


@pytest.mark.django_db
def test_the_web_form_refuses_references_depth_and_size_with_a_clear_message():
    client = _admin_client()
    html = client.post("/installation/", {"content": LAUGHS}).content.decode()
    assert "Rad 3" in html and "hänvisningar" in html
    deep = "cooperation:\n  name: " + "[" * 5000 + "]" * 5000 + "\n"
    html = client.post("/installation/", {"content": deep}).content.decode()
    assert "nivåer djupt" in html
    big = "cooperation:\n" + "".join(f"  k{n}: {'x' * 90}\n" for n in range(12_000))
    response = client.post(
        "/installation/", {"file": io.BytesIO(big.encode()), "content": ""}, format="multipart"
    )
    assert response.status_code == 200
    html = client.post("/installation/", {"content": big}).content.decode()
    assert "större än 1 MB" in html
    assert not Cooperation.objects.exists()


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"#" * 1_000_001)
    with pytest.raises(SetupFileError) as problems:
        services.check_file(path)
    assert "större än 1 MB" in problems.value.problems[0].message


# --- Interim follow-ups ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_interim_follow_ups_come_from_the_file_and_a_rerun_doubles_nothing(tmp_path):
    run(EXAMPLE)
    (round_,) = InterimRound.objects.all()
    assert (round_.name, round_.name_en, round_.due_month, round_.due_day) == (
        "Delårsuppföljning",
        "Interim follow-up",
        8,
        31,
    )
    assert round_.group_kinds == [] and round_.applies_to(Group.objects.get(slug="e-tjanster"))
    out, _err = run(EXAMPLE)
    assert "inget ändrades" in out and InterimRound.objects.count() == 1
    # An edited day and kinds change that round; a second round is added beside it.
    edited = (
        EXAMPLE.read_text(encoding="utf-8").replace(
            "due: '08-31'", "due: '09-15'\n  group_kinds: [network]"
        )
        + "- name: Tertialuppföljning\n  due: '04-30'\n"
    )
    path = tmp_path / "exempel.yaml"
    path.write_text(edited, encoding="utf-8")
    logo = EXAMPLE.with_name("exempelforbundet-logo.svg")
    (tmp_path / logo.name).write_bytes(logo.read_bytes())
    run(path)
    assert list(
        InterimRound.objects.values_list("name", "due_month", "due_day", "group_kinds")
    ) == [
        ("Tertialuppföljning", 4, 30, []),
        ("Delårsuppföljning", 9, 15, ["network"]),
    ]


@pytest.mark.django_db
def test_umearegionen_has_no_interim_follow_up():
    run(UMEAREGIONEN)
    assert not InterimRound.objects.exists()


INTERIM = """\
cooperation:
  name: Samverkan med delår
  vision: En vision
  target_population: 1000
  target_year: 2050
municipalities:
- code: '2480'
  name: Umeå
objectives:
- number: 1
  title: Ett mål
interim_followups:
- name: Delår
  due: '02-29'
- name: Delår
  due: 8-31
  group_kinds: [committee]
- due: '08-31'
"""


@pytest.mark.django_db
def test_a_bad_interim_follow_up_is_refused_in_swedish_by_line():
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(INTERIM)
    found = {(p.line, p.where): p.message for p in problems.value.problems}
    assert "en dag som alla år har" in found[(14, "interim_followups[0].due")]
    assert "MM-DD" in found[(16, "interim_followups[1].due")]
    assert "välj en av" in found[(17, "interim_followups[1].group_kinds[0]")]
    assert found[(18, "interim_followups[2].name")] == "måste anges"
    assert not Cooperation.objects.exists()


@pytest.mark.django_db
def test_two_interim_follow_ups_of_one_name_are_refused_at_the_second():
    text = INTERIM.split("interim_followups:")[0] + (
        "interim_followups:\n- name: Delår\n  due: '08-31'\n- name: Delår\n  due: '12-15'\n"
    )
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(text)
    [problem] = problems.value.problems
    assert (problem.line, problem.where) == (15, "interim_followups[1].name")
    assert "redan i listan" in problem.message


@pytest.mark.django_db
def test_two_interim_follow_ups_on_one_day_are_refused():
    text = INTERIM.split("interim_followups:")[0] + (
        "interim_followups:\n- name: Delår\n  due: '08-31'\n- name: Tertial\n  due: '08-31'\n"
    )
    with pytest.raises(SetupFileError) as problems:
        services.setup_from_text(text)
    found = {p.where: p.message for p in problems.value.problems}
    assert "redan i listan" in found["interim_followups[1].due"]
