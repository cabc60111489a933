"""Umeåregionen as its strategic plan and governance model describe it: the set-up file
cooperations/umearegionen.yaml, loaded like any other cooperation's."""

from importlib import resources

from samverkan.core.upsert import Tally
from samverkan.setup import services

PATH = resources.files("samverkan.datasets").joinpath("cooperations", "umearegionen.yaml")


def load(tally: Tally | None = None) -> Tally:
    """Load or bring up to date the Umeåregionen data set; all or nothing."""
    return services.setup_apply(services.check_file(str(PATH)), source=PATH.name, tally=tally)
