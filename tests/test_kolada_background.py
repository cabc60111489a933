"""A Kolada sync runs in the background: started by the secretariat from the management page
(or `kolada_sync --background`), every Kolada indicator synced, a failing KPI recorded while
the others go on."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverkan.followup import services, tasks
from samverkan.followup.kolada import KoladaError
from samverkan.followup.models import Indicator

MANAGERS = ["secretariat", "administrator"]
REFUSED = [
    "visitor",
    "signed_in_visitor",
    "group_member",
    "contact_person",
    "chief_executive",
    "council_member",
]


@pytest.fixture
def synced(monkeypatch):
    calls: list[str] = []

    def fake_sync(*, indicator, client, from_date=None):
        calls.append(indicator.kolada_kpi)
        if len(calls) == 1:
            raise KoladaError("Kolada answered 503")

    monkeypatch.setattr(services, "kolada_sync", fake_sync)
    return calls


def _kolada_kpis() -> set[str]:
    return set(
        Indicator.objects.filter(source=Indicator.Source.KOLADA)
        .exclude(kolada_kpi="")
        .values_list("kolada_kpi", flat=True)
    )


@pytest.mark.parametrize("role", MANAGERS + REFUSED)
def test_who_starts_a_kolada_sync(demo_data, persona, synced, role):
    response = persona(role).post(reverse("followup:kolada_sync"))
    if role in MANAGERS:
        assert response.status_code == 302
        assert set(synced) == _kolada_kpis() and len(synced) > 1  # one failed, the rest went on
        page = persona(role).get(reverse("followup:manage")).content.decode()
        assert "Hämta från Kolada nu" in page
    else:
        assert response.status_code == 403
        assert synced == []


def test_a_get_starts_nothing(demo_data, persona, synced):
    assert persona("secretariat").get(reverse("followup:kolada_sync")).status_code == 405
    assert synced == []


def test_the_command_queues_it(demo_data, synced):
    call_command("kolada_sync", "--background")
    assert set(synced) == _kolada_kpis()


def test_the_task_counts_what_went_well(demo_data, synced):
    result = tasks.kolada_sync_all.enqueue()
    assert result.return_value == len(_kolada_kpis()) - 1
