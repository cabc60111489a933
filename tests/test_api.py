"""The open data API: shapes, filters, pagination, errors, CORS and conditional requests."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import values_upsert
from samverkan.governance.models import Decision, Meeting
from samverkan.organisation.models import Body
from samverkan.planning.models import AnnualReport, PlanVersion, Status
from samverkan.strategy.models import PlanVersion as StrategicPlanVersion
from tests.planning_helpers import approved_plan
from tests.transparency_helpers import SECRETS, load_portal, plant_secrets

LISTS = [
    "/api/v1/municipalities",
    "/api/v1/groups",
    "/api/v1/strategic-plans",
    "/api/v1/priority-areas",
    "/api/v1/commitments",
    "/api/v1/plans",
    "/api/v1/reports",
    "/api/v1/decisions",
    "/api/v1/indicators",
    "/api/v1/values",
]


@pytest.fixture
def portal(demo_data):
    load_portal()


def get(path: str, client: Client | None = None, **headers):
    response = (client or Client()).get(path, headers=headers)
    return response, (json.loads(response.content) if response.content else None)


def english() -> Client:
    """The messages checked in English: the Swedish comes from the catalogue."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_a_page_of_json(portal, path):
    response, body = get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert body["count"] == len(body["items"]) or body["next"]
    assert body["count"] > 0, f"the demo has data for {path}"
    assert body["page"] == 1 and body["previous"] is None


def test_pages_link_to_each_other_and_cover_everything_once(portal):
    _, first = get("/api/v1/groups?page_size=5")
    seen, body = [g["slug"] for g in first["items"]], first
    while body["next"]:
        assert body["next"].startswith("http://testserver/api/v1/groups?")
        _, body = get(body["next"].removeprefix("http://testserver"))
        seen += [g["slug"] for g in body["items"]]
    assert len(seen) == first["count"] == len(set(seen))
    assert body["previous"] is not None


def test_details_by_stable_identifiers(portal):
    assert get("/api/v1/municipalities/2403")[1]["name"] == "Bjurholm"
    group = get("/api/v1/groups/infra-kommunikation")[1]
    assert group["name"] == "Infra/Kommunikation" and group["members"]
    assert set(group["members"][0]) == {"name", "municipality", "role"}
    plan = get("/api/v1/plans/2026/infra-kommunikation")[1]
    assert plan["id"] == "2026/infra-kommunikation/v1" and plan["current"] is True
    assert "kollektivtrafik" in plan["field_of_work"].lower()
    assert get(plan["url"].removeprefix("http://testserver"))[1] == plan
    report = get("/api/v1/reports/2025/infra-kommunikation")[1]
    assert report["goals"] and report["goals"][0]["fulfilment"] in {"fully", "partly", "not_at_all"}
    assert get("/api/v1/strategic-plans/2006")[1]["objectives"][0]["number"] == 1
    decision_id = get("/api/v1/decisions")[1]["items"][0]["id"]
    decision = get(f"/api/v1/decisions/{decision_id}")[1]
    assert {a["municipality"] for a in decision["adoptions"]} >= {"2403", "2480"}
    indicator = get("/api/v1/indicators/hallbara-resor")[1]
    assert indicator["commitments"] == ["6.2"] and indicator["csv_url"].endswith(".csv")


def test_revised_plan_lists_both_approved_versions_and_marks_the_current(portal):
    body = get("/api/v1/plans?group=bibliotek&year=2026")[1]
    assert [(p["version"], p["current"]) for p in body["items"]] == [(2, True), (1, False)]
    current = get("/api/v1/plans?group=bibliotek&year=2026&current=true")[1]
    assert [p["version"] for p in current["items"]] == [2]


def test_only_approved_plans_and_accepted_reports(portal):
    plans = get("/api/v1/plans?page_size=1000")[1]["items"]
    assert plans and all(p["approved_at"] for p in plans)
    assert "kultur" not in {p["group"] for p in plans}  # a draft in the demo
    assert "turism" not in {p["group"] for p in plans if p["year"] == 2026}  # anchoring
    reports = get("/api/v1/reports?page_size=1000")[1]["items"]
    assert reports and all(r["accepted_at"] for r in reports)
    assert get("/api/v1/plans/2026/kultur")[0].status_code == 404


def test_filters(portal):
    assert {p["year"] for p in get("/api/v1/plans?year=2025")[1]["items"]} == {2025}
    transport = get("/api/v1/plans?commitment=6.4")[1]["items"]
    assert {p["group"] for p in transport} == {"infra-kommunikation"}
    networks = get("/api/v1/groups?kind=network")[1]["items"]
    assert networks and {g["kind"] for g in networks} == {"network"}
    values = get("/api/v1/values?municipality=2403&from_year=2020&to_year=2022&page_size=1000")[1]
    assert values["count"] == 11 * 3  # every demo indicator, three years, Bjurholm
    assert {(v["area"], 2020 <= v["year"] <= 2022) for v in values["items"]} == {("2403", True)}
    one = get("/api/v1/values?indicator=invanare&municipality=2480&year=2024")[1]["items"]
    assert len(one) == 1 and one[0]["value"] > 100000
    by_commitment = get("/api/v1/values?commitment=6.2&year=2024&page_size=1000")[1]["items"]
    assert {v["indicator"] for v in by_commitment} == {"hallbara-resor", "kollektivtrafiknara"}
    assert get("/api/v1/indicators?commitment=10.1")[1]["items"][0]["slug"] == "utslapp-totalt"


def test_the_municipality_filter_of_decisions_keeps_pending_adoptions_too(portal):
    # As documented: the decisions sent to the municipality, whether it has decided yet.
    items = get("/api/v1/decisions?municipality=2403")[1]["items"]
    stances = {a["status"] for d in items for a in d["adoptions"] if a["municipality"] == "2403"}
    assert stances == {"pending"}  # Bjurholm has not decided on the demo's decision
    assert get("/api/v1/decisions?municipality=2480")[1]["count"] == len(items)


def test_the_region_values_are_those_of_the_indicator_download(portal):
    _, body = get("/api/v1/values?municipality=region&indicator=invanare&page_size=1000")
    items = body["items"]
    assert items and {(v["area"], v["gender"], v["origin"]) for v in items} == {
        ("region", "T", "computed")
    }
    download = Client().get("/oppna-data/indikatorer/invanare.csv").content.decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(download), delimiter=";") if r[3] == "region"]
    assert [(v["year"], v["value"], v["source"]) for v in items] == [
        (int(r[5]), float(r[7].replace(",", ".")), r[9]) for r in rows
    ]
    assert "Beräknat" in items[0]["source"]
    # Every indicator, whatever its rule (sums, means, population-weighted means).
    everything = get("/api/v1/values?municipality=region&page_size=1000")[1]["items"]
    for slug in {v["indicator"] for v in everything}:
        csv_text = Client().get(f"/oppna-data/indikatorer/{slug}.csv").content.decode("utf-8-sig")
        expected = [
            (int(r[5]), float(r[7].replace(",", ".")), r[9])
            for r in csv.reader(io.StringIO(csv_text), delimiter=";")
            if r[3] == "region"
        ]
        got = [(v["year"], v["value"], v["source"]) for v in everything if v["indicator"] == slug]
        assert got == expected, slug
    assert len({v["indicator"] for v in everything}) >= 5
    # The other filters apply to them as to the stored values.
    one = get("/api/v1/values?municipality=region&indicator=invanare&year=2020")[1]["items"]
    assert [v["year"] for v in one] == [2020]
    assert get("/api/v1/values?municipality=region&gender=K")[1]["count"] == 0
    by_commitment = get("/api/v1/values?municipality=region&commitment=6.2&page_size=1000")[1]
    assert {v["indicator"] for v in by_commitment["items"]} == {
        "hallbara-resor",
        "kollektivtrafiknara",
    }
    # Never mixed into the stored values.
    assert "region" not in {v["area"] for v in get("/api/v1/values?page_size=1000")[1]["items"]}


def test_the_region_list_takes_the_same_queries_however_many_indicators(
    portal, settings, django_assert_max_num_queries
):
    settings.PUBLIC_CACHE_SECONDS = 0
    with django_assert_max_num_queries(8):
        assert get("/api/v1/values?municipality=region&page_size=1000")[1]["count"]
    for i in range(20):
        Indicator.objects.create(slug=f"extra-{i}", title=f"Extra {i}", unit="antal")
    with django_assert_max_num_queries(8):
        get("/api/v1/values?municipality=region&page_size=1000")


def test_values_say_where_they_come_from(portal):
    indicator = Indicator.objects.get(slug="sjukpenningtal")
    Value.objects.filter(indicator=indicator).delete()
    values_upsert(
        indicator=indicator,
        rows=[Row("N00967", "2403", 2024, "T", Decimal("11.2"), "")],
        origin="kolada",
    )
    value = get("/api/v1/values?indicator=sjukpenningtal")[1]["items"][0]
    assert value == {
        "indicator": "sjukpenningtal",
        "area": "2403",
        "year": 2024,
        "gender": "T",
        "value": 11.2,
        "status": "",
        "origin": "kolada",
        "source": "Källa: Kolada",
        "members": None,
    }
    demo = get("/api/v1/values?indicator=invanare&page_size=1")[1]["items"][0]
    assert demo["origin"] == "demo" and "inte Kolada" in demo["source"]


@pytest.mark.parametrize(
    "query, parameter, message",
    [
        ("/api/v1/values?year=tjugo", "year", "Give a whole number."),
        ("/api/v1/values?page=0", "page", "Give at least 1."),
        ("/api/v1/values?page_size=5000", "page_size", "Give at most 1000."),
        (
            "/api/v1/values?municipality=Bjurholm",
            "municipality",
            "Give a municipality code of four digits (e.g. 0180), the county's code, 0000 for "
            "Sweden or region for the cooperation.",
        ),
        (
            "/api/v1/decisions?municipality=abc",
            "municipality",
            "Give the municipality code as four digits, e.g. 0180.",
        ),
        ("/api/v1/values?gender=X", "gender", "Give T, K or M."),
        ("/api/v1/values?commitment=1", "commitment", "Give the commitment as e.g. 3.2."),
        ("/api/v1/plans?group=a b", "group", "Give a slug: letters, digits, - and _ only."),
        ("/api/v1/groups?kind=team", "kind", "Give working_group, network or project."),
        ("/api/v1/groups?kommun=2403", "kommun", "Unknown parameter."),
        ("/api/v1/groups/bibliotek?x=1", "x", "Unknown parameter."),
        ("/api/v1/values?year=2024&year=2025", "year", "Give this parameter once."),
        ("/api/v1/groups?page=1&page=2", "page", "Give this parameter once."),
        (
            "/api/v1/values?from_year=2024&to_year=2020",
            "from_year",
            "Give a from_year no later than to_year.",
        ),
    ],
)
def test_bad_parameters_are_a_400_saying_what_is_expected(portal, query, parameter, message):
    response, body = get(query, english())
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert body["message"]
    assert {"parameter": parameter, "message": message} in body["errors"]


def test_bad_parameters_are_told_in_swedish_by_default(portal):
    response, body = get("/api/v1/values?year=tjugo")
    assert response.status_code == 400
    assert body["errors"] == [{"parameter": "year", "message": "Ange ett heltal."}]


@pytest.mark.parametrize(
    "query, parameter, listing",
    [
        ("/api/v1/values?indicator=nope", "indicator", "/api/v1/indicators"),
        ("/api/v1/values?municipality=9999", "municipality", "/api/v1/municipalities"),
        ("/api/v1/values?commitment=99.9", "commitment", "/api/v1/commitments"),
        ("/api/v1/indicators?commitment=99.9", "commitment", "/api/v1/commitments"),
        ("/api/v1/plans?commitment=99.9", "commitment", "/api/v1/commitments"),
        ("/api/v1/plans?group=finns-inte", "group", "/api/v1/groups"),
        ("/api/v1/reports?group=finns-inte", "group", "/api/v1/groups"),
        ("/api/v1/decisions?municipality=0024", "municipality", "/api/v1/municipalities"),
    ],
)
def test_a_filter_naming_nothing_is_a_404_saying_where_the_values_are(
    portal, query, parameter, listing
):
    response, body = get(query, english())
    assert response.status_code == 404
    assert body["message"] == f"Unknown value for the parameter {parameter}."
    [error] = body["errors"]
    assert error["parameter"] == parameter
    assert f"http://testserver{listing}" in error["message"]
    objective = get("/api/v1/groups?objective=42", english())
    assert objective[0].status_code == 404
    assert objective[1]["errors"][0]["message"].endswith("Choose one of: 1, 2, 3.")


def test_known_areas_and_values_are_accepted(portal):
    for area in ["2403", "0024", "0000", "region"]:
        assert get(f"/api/v1/values?municipality={area}&page_size=1")[0].status_code == 200
    # A year without values is a real answer: nothing was published for it (yet).
    assert get("/api/v1/values?year=1999")[1]["count"] == 0


def test_errors_are_json_never_html(portal):
    for path in ["/api/v1/finns-inte", "/api/v1/groups/finns-inte", "/api/v1/plans/2026/kultur"]:
        response, body = get(path)
        assert response.status_code == 404
        assert body == {"message": "Det finns inget offentligt på den här adressen.", "errors": []}
    response = Client().post("/api/v1/groups", {})
    assert response.status_code == 405
    assert json.loads(response.content)["message"] == "Det öppna API:t svarar bara på GET."
    response = Client().delete("/api/v1/groups/bibliotek")
    assert response.status_code == 405 and response["Content-Type"] == "application/json"
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}


def test_a_host_not_allowed_is_a_json_error_too(portal):
    # Refused by CommonMiddleware before the API's own middleware sees the request.
    response = Client().get("/api/v1/groups", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"message": "Frågan kunde inte besvaras.", "errors": []}
    page = Client().get("/beslut/", HTTP_HOST="elsewhere.example")
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/groups?kind=network", "/api/v1/plans/2026/infra-kommunikation"]
)
def test_head_is_get_without_the_body(portal, path):
    response, _ = get(path)
    head = Client().head(path)
    assert head.status_code == 200 and head.content == b""
    for header in ["Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control"]:
        assert head[header] == response[header], header
    cross = Client().head(path, headers={"Origin": "https://example.org"})
    assert cross["Access-Control-Allow-Origin"] == "*"
    missing = Client().head("/api/v1/groups/finns-inte")
    assert missing.status_code == 404 and missing["Content-Type"].startswith("application/json")


def test_cors_lets_any_page_read_but_not_write(portal):
    response = Client().get("/api/v1/municipalities", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = Client().options(
        "/api/v1/municipalities",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Credentials" not in preflight
    page = Client().get("/beslut/", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in page  # the portal's pages are not an API


def test_cross_origin_conditional_requests(portal):
    origin = "https://example.org"
    preflight = Client().options(
        "/api/v1/plans",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match, if-modified-since",
        },
    )
    allowed = set(preflight["Access-Control-Allow-Headers"].split(", "))
    assert {"if-none-match", "if-modified-since"} <= allowed
    response, _ = get("/api/v1/plans", Origin=origin)
    for conditional in [
        {"If-None-Match": response["ETag"]},
        {"If-Modified-Since": response["Last-Modified"]},
    ]:
        again = Client().get("/api/v1/plans", headers={"Origin": origin, **conditional})
        assert again.status_code == 304
        # Without it the browser would hide the 304 from the page that asked.
        assert again["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in again["Access-Control-Expose-Headers"]


def test_etag_and_last_modified_give_304_until_something_is_published(portal):
    response, _ = get("/api/v1/plans?year=2027")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert response["Cache-Control"] == "no-cache"
    again = Client().get("/api/v1/plans?year=2027", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    since = Client().get("/api/v1/plans?year=2027", headers={"If-Modified-Since": modified})
    assert since.status_code == 304

    version = approved_plan(2027)

    fresh, body = get("/api/v1/plans?year=2027")
    assert fresh.status_code == 200 and body["items"][0]["version"] == version.number
    assert fresh["ETag"] != etag
    changed = Client().get("/api/v1/plans?year=2027", headers={"If-None-Match": etag})
    assert changed.status_code == 200


def test_answers_are_cached_until_publication(portal, django_assert_num_queries):
    get("/api/v1/groups")
    with django_assert_num_queries(1):  # the publication mark; the answer is from the cache
        response, _ = get("/api/v1/groups")
    assert response.status_code == 200


def test_list_queries_do_not_grow_with_the_page(portal, django_assert_max_num_queries):
    for path in ["/api/v1/plans", "/api/v1/reports", "/api/v1/groups", "/api/v1/indicators"]:
        cache.clear()
        with django_assert_max_num_queries(14):
            assert get(f"{path}?page_size=1000")[0].status_code == 200


def test_openapi_schema_and_documentation(portal):
    response, schema = get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert schema["info"]["license"]["name"] == "CC0 1.0"
    paths = set(schema["paths"])
    assert {
        "/api/v1/groups",
        "/api/v1/plans",
        "/api/v1/values",
        "/api/v1/decisions",
        "/api/v1/indicators/{slug}",
    } <= paths
    values = schema["paths"]["/api/v1/values"]["get"]
    assert {"400", "200"} <= set(values["responses"])
    names = {p["name"] for p in values["parameters"]}
    assert {"municipality", "year", "commitment", "page", "page_size"} <= names
    text = json.dumps(schema)
    assert "email" not in text and "phone" not in text
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert '<html lang="en">' in html and 'href="/oppna-data/"' in html
    # Every operation says what it gives, grouped by subject.
    for operation in schema["paths"].values():
        assert operation["get"]["description"] and operation["get"]["tags"]


def test_the_root_lists_every_collection_and_the_documentation(portal):
    response, index = get("/api/v1/")
    assert response.status_code == 200
    assert index["documentation"] == "http://testserver/api/v1/docs"
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["licence"] == "CC0 1.0"
    for url in index["collections"].values():
        answer, body = get(url.removeprefix("http://testserver"))
        assert answer.status_code == 200 and "items" in body, url


def test_the_api_is_the_same_signed_in(persona, portal, settings):
    # Without the shared cache, or the first answer would be served to everyone after it.
    settings.PUBLIC_CACHE_SECONDS = 0
    plant_secrets()  # drafts and returned documents that a signed-in user may see elsewhere
    for path in LISTS:
        anonymous = get(f"{path}?page_size=1000")[1]
        for name in ["secretariat", "chief_executive", "group_member"]:
            assert get(f"{path}?page_size=1000", persona(name))[1] == anonymous, (path, name)


def _unpublished_decision() -> Decision:
    """A decision of the chief executives: prepared for the council, not the council's own."""
    meeting = Meeting.objects.create(
        body=Body.objects.get(kind=Body.Kind.CHIEF_EXECUTIVES), date=date(2026, 11, 5)
    )
    return Decision.objects.create(
        meeting=meeting,
        kind=Decision.Kind.OTHER,
        title="Förberett beslut HEMLIGTBESLUT",
        text="Inte regionrådets HEMLIGTBESLUT",
    )


def test_drafts_never_in_the_api_even_for_the_secretariat(persona, portal, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    plant_secrets()
    decision = _unpublished_decision()
    hidden = {*SECRETS.values(), "HEMLIGTBESLUT"}
    drafts = PlanVersion.objects.exclude(status=Status.APPROVED).select_related(
        "plan__year", "plan__group"
    )
    plan_ids = {f"{v.plan.year.year}/{v.plan.group.slug}/v{v.number}" for v in drafts}
    reports = AnnualReport.objects.exclude(status="accepted").select_related("year", "group")
    report_ids = {f"{r.year.year}/{r.group.slug}" for r in reports}
    proposals = set(
        StrategicPlanVersion.objects.filter(decision_date__isnull=True).values_list(
            "year", flat=True
        )
    )
    # Each kind is really there to leak: a draft, a returned plan, unaccepted reports...
    assert len(plan_ids) >= 3 and len(report_ids) >= 2 and 2031 in proposals
    for client in (Client(), persona("secretariat")):
        seen = {}
        for path in LISTS:
            response = client.get(f"{path}?page_size=1000")
            text = response.content.decode()
            assert not {h for h in hidden if h in text}, path
            seen[path] = json.loads(text)["items"]
        assert not plan_ids & {p["id"] for p in seen["/api/v1/plans"]}
        assert not report_ids & {r["id"] for r in seen["/api/v1/reports"]}
        assert decision.pk not in {d["id"] for d in seen["/api/v1/decisions"]}
        assert not proposals & {p["year"] for p in seen["/api/v1/strategic-plans"]}
        # Nor at their own addresses.
        for path in [
            *(f"/api/v1/plans/{i}" for i in plan_ids),
            *(f"/api/v1/reports/{i}" for i in report_ids),
            f"/api/v1/decisions/{decision.pk}",
            *(f"/api/v1/strategic-plans/{year}" for year in proposals),
        ]:
            assert client.get(path).status_code == 404, path
