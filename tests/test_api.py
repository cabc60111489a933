"""The open data API: shapes, filters, pagination, errors, CORS and conditional requests."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Value
from samverkan.followup.services import values_upsert
from samverkan.planning.models import Status
from tests.planning_helpers import approved_plan
from tests.transparency_helpers import load_portal

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
    assert get("/api/v1/values?from_year=2024&to_year=2020")[1]["count"] == 0


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
    }
    demo = get("/api/v1/values?indicator=invanare&page_size=1")[1]["items"][0]
    assert demo["origin"] == "demo" and "inte Kolada" in demo["source"]


@pytest.mark.parametrize(
    "query, parameter, message",
    [
        ("/api/v1/values?year=tjugo", "year", "Ange ett heltal."),
        ("/api/v1/values?page=0", "page", "Ange minst 1."),
        ("/api/v1/values?page_size=5000", "page_size", "Ange högst 1000."),
        ("/api/v1/values?municipality=Bjurholm", "municipality", "Värdet har inte väntad form."),
        ("/api/v1/values?gender=X", "gender", "Värdet har inte väntad form."),
        ("/api/v1/groups?kommun=2403", "kommun", "Okänd parameter."),
        ("/api/v1/groups/bibliotek?x=1", "x", "Okänd parameter."),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(portal, query, parameter, message):
    response, body = get(query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert body["message"]
    assert {"parameter": parameter, "message": message} in body["errors"]


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
        from django.core.cache import cache

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


def test_the_api_is_the_same_signed_in(persona, portal):
    anonymous = get("/api/v1/plans?page_size=1000")[1]
    for name in ["secretariat", "chief_executive", "group_member"]:
        assert get("/api/v1/plans?page_size=1000", persona(name))[1] == anonymous


def test_plan_drafts_never_in_the_api_even_for_the_secretariat(persona, portal):
    version = approved_plan(2027)
    assert version.status == Status.APPROVED
    body = get("/api/v1/plans?year=2027", persona("secretariat"))[1]
    assert [p["version"] for p in body["items"]] == [version.number]
