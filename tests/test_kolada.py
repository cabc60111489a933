"""The Kolada client and sync against recorded responses in the real format; no network."""

import json
from pathlib import Path

import httpx
import pytest
import respx
from django.core.management import call_command
from django.core.management.base import CommandError

from samverkan.followup import services
from samverkan.followup.kolada import KoladaClient, KoladaError
from samverkan.followup.kolada_files import split_unit
from samverkan.followup.models import Indicator, SyncRun, Value

FIXTURES = Path(__file__).parent / "fixtures" / "kolada"
BASE = "https://api.kolada.se/v3"
AREAS = "2284,2401,2403,2404,2409,2460,2480,0024,0000"
FIRST = f"{BASE}/data/kpi/N01951/municipality/{AREAS}"


def page(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def population(umearegionen_data):
    # The default indicator set ships the population indicator; the tests sync into it.
    return Indicator.objects.get(kolada_kpi="N01951")


def paged(*pages):
    """A route handler answering ?page=N with the N-th recorded page."""

    def answer(request):
        number = int(request.url.params.get("page", "1"))
        return pages[number - 1]

    return answer


def client(sleeps=None) -> KoladaClient:
    return KoladaClient(BASE, sleep=sleeps if sleeps is not None else Sleeps())


@respx.mock
def test_follows_pages_and_keeps_missing_values(population):
    respx.get(url__startswith=FIRST).mock(
        side_effect=paged(
            httpx.Response(200, json=page("N01951_page1.json")),
            httpx.Response(200, json=page("N01951_page2.json")),
        )
    )
    run = services.kolada_sync(indicator=population, client=client())
    assert run.values_seen == 5 and run.values_changed == 5
    umea = Value.objects.get(indicator=population, area="2480", year=2023, gender="T")
    assert umea.value == 130997 and umea.origin == "kolada"
    assert Value.objects.get(area="2480", gender="K").value == 65011
    missing = Value.objects.get(area="2404")
    assert missing.value is None and missing.status == "Missing"


@respx.mock
def test_running_twice_adds_nothing(population):
    respx.get(url__startswith=FIRST).mock(
        side_effect=paged(
            httpx.Response(200, json=page("N01951_page1.json")),
            httpx.Response(200, json=page("N01951_page2.json")),
        )
    )
    services.kolada_sync(indicator=population, client=client())
    second = services.kolada_sync(indicator=population, client=client())
    assert second.values_changed == 0
    assert Value.objects.count() == 5


@respx.mock
def test_retries_a_500_then_succeeds(population):
    last = {**page("N01951_page1.json"), "next_url": None}
    route = respx.get(url__startswith=FIRST).mock(
        side_effect=[httpx.Response(500), httpx.Response(200, json=last)]
    )
    sleeps = Sleeps()
    services.kolada_sync(indicator=population, client=client(sleeps))
    assert route.call_count == 2
    assert 1 in sleeps  # back-off before the second try
    assert Value.objects.count() == 4


@respx.mock
def test_honours_retry_after_on_429(population):
    last = {**page("N01951_page1.json"), "next_url": None}
    respx.get(url__startswith=FIRST).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, json=last),
        ]
    )
    sleeps = Sleeps()
    services.kolada_sync(indicator=population, client=client(sleeps))
    assert 7.0 in sleeps


@respx.mock
def test_malformed_body_imports_nothing_and_says_why(population):
    respx.get(url__startswith=FIRST).mock(
        side_effect=paged(
            httpx.Response(200, json=page("N01951_page1.json")),
            httpx.Response(200, json={"values": [{"kpi": "N01951", "period": 2023}]}),
        )
    )
    with pytest.raises(KoladaError, match="malformed"):
        services.kolada_sync(indicator=population, client=client())
    assert not Value.objects.exists()  # the good first page is not half-imported
    assert SyncRun.objects.get().error


@respx.mock
def test_not_json_is_a_clear_error(population):
    respx.get(url__startswith=FIRST).mock(
        return_value=httpx.Response(200, text="<html>oops</html>")
    )
    with pytest.raises(KoladaError, match="not JSON"):
        services.kolada_sync(indicator=population, client=client())


@respx.mock
def test_gives_up_after_retries(population):
    respx.get(url__startswith=FIRST).mock(return_value=httpx.Response(503))
    with pytest.raises(KoladaError, match="503"):
        services.kolada_sync(indicator=population, client=client())
    assert not Value.objects.exists()


@respx.mock
def test_batches_ids_and_passes_from_date():
    empty = {"values": [], "count": 0, "next_url": None}
    route = respx.get(url__startswith=f"{BASE}/data/kpi/N00401/municipality/").mock(
        return_value=httpx.Response(200, json=empty)
    )
    areas = [f"{2400 + i:04d}" for i in range(30)]
    client().values("N00401", areas, from_date="2026-01-01")
    assert route.call_count == 2  # 25 + 5
    first = route.calls[0].request.url
    assert first.params["from_date"] == "2026-01-01" and first.params["per_page"] == "5000"
    assert len(first.path.rsplit("/", 1)[1].split(",")) == 25


@respx.mock
def test_rate_is_held_to_about_five_a_second():
    empty = {"values": [], "next_url": None}
    respx.get(url__startswith=f"{BASE}/data/").mock(return_value=httpx.Response(200, json=empty))
    sleeps = Sleeps()
    c = client(sleeps)
    for _ in range(3):
        c.values("N00401", ["2480"])
    assert len(sleeps) >= 2 and all(0 < s <= 0.2 for s in sleeps)


def test_from_file_command_loads_a_folder(population, capsys, tmp_path):
    for name in ("N01951_page1.json", "N01951_page2.json"):
        (tmp_path / name).write_text((FIXTURES / name).read_text("utf-8"), "utf-8")
    call_command("kolada_sync", "--from-file", str(tmp_path))
    assert "N01951: 5 values, 5 new or changed" in capsys.readouterr().out
    call_command("kolada_sync", "--from-file", str(tmp_path / "N01951_page1.json"))
    assert "N01951: 4 values, 0 new or changed" in capsys.readouterr().out


def test_from_file_with_a_broken_file_writes_nothing(population, tmp_path):
    (tmp_path / "a.json").write_text((FIXTURES / "N01951_page1.json").read_text("utf-8"))
    (tmp_path / "b.json").write_text("{not json")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("kolada_sync", "--from-file", str(tmp_path))
    assert not Value.objects.exists()


# A folder as a user saves it: what Kolada answered for GET /v3/kpi/N01951,N00401 beside
# what it answered for the data, each page of a paged answer in a file of its own.
SAVED = FIXTURES / "saved"


def saved_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "kolada"
    folder.mkdir()
    for file in [*SAVED.glob("*.json"), *FIXTURES.glob("N01951_page*.json")]:
        (folder / file.name).write_bytes(file.read_bytes())
    return folder


def test_from_file_reads_metadata_beside_data(population, capsys, tmp_path):
    emissions = Indicator.objects.get(kolada_kpi="N00401")
    call_command("kolada_sync", "--from-file", str(saved_folder(tmp_path)))
    out = capsys.readouterr().out
    assert "N01951: 5 values, 5 new or changed" in out
    assert "N00401: 4 values, 4 new or changed" in out

    population.refresh_from_db()
    emissions.refresh_from_db()
    # Kolada's title names the unit after its last comma; the flag says K and M exist.
    assert (population.title, population.unit) == ("Invånare totalt", "antal")
    assert population.divided_by_gender is True
    assert emissions.title == "Utsläpp till luft av växthusgaser totalt"
    assert emissions.unit == "ton CO2-ekv/inv" and emissions.divided_by_gender is False

    # Both pages are read, and a period given as a string is a year like any other.
    stored = Value.objects.filter(indicator=emissions).values_list("area", "year", "value")
    assert {(a, y, float(v)) for a, y, v in stored} == {
        ("2480", 2021, 3.1),
        ("2480", 2022, 2.9),
        ("0024", 2022, 4.6),
        ("0000", 2022, 4.3),
    }
    assert Value.objects.get(indicator=population, area="2403").year == 2023
    runs = SyncRun.objects.filter(source=str(tmp_path / "kolada"))
    assert sorted(runs.values_list("kpi", "values_seen", "error")) == [
        ("N00401", 4, ""),
        ("N01951", 5, ""),
    ]


@pytest.mark.parametrize(
    "name, body",
    [
        # A saved municipality answer: rows with id and title, but no KPI's gender flag.
        ("municipality_2480.json", (FIXTURES / "municipality_2480.json").read_text("utf-8")),
        ("kolada_error.json", "<html><body>502 Bad Gateway</body></html>"),
        (
            "period_word.json",
            json.dumps(
                {"values": [{**page("N01951_page2.json")["values"][0], "period": "last year"}]}
            ),
        ),
    ],
)
def test_from_file_refuses_a_foreign_file_by_name_and_writes_nothing(
    population, tmp_path, name, body
):
    folder = saved_folder(tmp_path)
    (folder / name).write_text(body, "utf-8")
    indicators = Indicator.objects.filter(kolada_kpi__in=["N01951", "N00401"]).order_by("pk")
    before = list(indicators.values_list("title", "unit", "divided_by_gender"))
    with pytest.raises(CommandError, match=f"nothing was written: {name}"):
        call_command("kolada_sync", "--from-file", str(folder))
    assert list(indicators.values_list("title", "unit", "divided_by_gender")) == before
    assert not Value.objects.exists()
    assert not SyncRun.objects.exists()


@pytest.mark.parametrize(
    "title, split",
    [
        ("Invånare totalt, antal", ("Invånare totalt", "antal")),
        ("Invånare 65+ år, andel (%)", ("Invånare 65+ år", "%")),
        (
            "Valdeltagande i senaste kommunalvalet, (%)",
            ("Valdeltagande i senaste kommunalvalet", "%"),
        ),
        ("Anmälda våldsbrott, antal/100 000 inv", ("Anmälda våldsbrott", "antal/100 000 inv")),
        ("Sjukpenningtal, dagar/försäkrad", ("Sjukpenningtal", "dagar/försäkrad")),
        # No unit we know after the last comma: the title is kept whole, the unit left be.
        ("Elever i åk 9, kommunala skolor", ("Elever i åk 9, kommunala skolor", None)),
        ("Sjukpenningtal", ("Sjukpenningtal", None)),
    ],
)
def test_unit_is_read_from_the_end_of_koladas_title(title, split):
    assert split_unit(title) == split
