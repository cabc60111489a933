"""Kolada syncs as background tasks: started from the indicator management page (or with
`samverkan kolada_sync --background`) and run by `samverkan worker`, since fetching every
KPI for every area takes minutes. Each KPI's run is recorded as a SyncRun, errors included."""

import logging

from django_tasks import task

from samverkan.followup import services
from samverkan.followup.kolada import KoladaClient, KoladaError
from samverkan.followup.models import Indicator

log = logging.getLogger(__name__)


@task()
def kolada_sync_all(kpis: list[str] | None = None, from_date: str | None = None) -> int:
    """Sync every Kolada indicator (or those of `kpis`); returns how many KPIs were synced
    without error. A KPI that fails is recorded and the others go on."""
    client = KoladaClient(None)
    indicators = Indicator.objects.filter(source=Indicator.Source.KOLADA).exclude(kolada_kpi="")
    if kpis:
        indicators = indicators.filter(kolada_kpi__in=kpis)
    synced = 0
    for indicator in indicators:
        try:
            services.kolada_sync(indicator=indicator, client=client, from_date=from_date)
        except KoladaError:
            log.warning("Kolada sync of %s failed", indicator.kolada_kpi, exc_info=True)
            continue
        synced += 1
    return synced
