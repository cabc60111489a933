"""Umeåregionen's default indicators: at least one per prioritised commitment, and the
population for the vision.

KPI ids are those named in public sources for each area (see docs/kolada.md). Titles are our
own Swedish wording; the first kolada_sync confirms that each id returns values for the
member municipalities. The share of journeys on foot, by bicycle or public transport has no
Kolada KPI and is entered by hand from the regional travel survey.
"""

from samverkan.datasets.upsert import Tally
from samverkan.followup.models import Indicator
from samverkan.strategy.models import PriorityCommitment

H, L = Indicator.Direction.HIGHER, Indicator.Direction.LOWER
SUM, MEAN = Indicator.Rule.SUM, Indicator.Rule.WEIGHTED_MEAN

# slug, title, unit, direction, rule, kolada kpi or "", named source, commitment codes
INDICATORS = [
    ("invanare", "Invånare totalt", "antal", H, SUM, "N01951", "", []),
    (
        "valdeltagande-kommunalval",
        "Valdeltagande i kommunalval",
        "%",
        H,
        MEAN,
        "N05401",
        "",
        ["1.3"],
    ),
    ("sjukpenningtal", "Sjukpenningtal", "dagar per försäkrad", L, MEAN, "N00967", "", ["7.3"]),
    ("sjalvskattad-halsa", "Självskattat bra hälsotillstånd", "%", H, MEAN, "U01405", "", ["7.2"]),
    (
        "vald-brott",
        "Anmälda våldsbrott per 100 000 invånare",
        "antal per 100 000",
        L,
        MEAN,
        "N07403",
        "",
        ["9.4"],
    ),
    (
        "hallbara-resor",
        "Andel resor till fots, med cykel eller kollektivtrafik",
        "%",
        H,
        MEAN,
        "",
        "Regional resvaneundersökning",
        ["6.2"],
    ),
    (
        "kollektivtrafiknara",
        "Befolkning i kollektivtrafiknära läge",
        "%",
        H,
        MEAN,
        "N07418",
        "",
        ["6.4", "6.2"],
    ),
    (
        "fornybar-fjarrvarme",
        "Fjärrvärme från förnybara källor",
        "%",
        H,
        MEAN,
        "N45930",
        "",
        ["3.1"],
    ),
    (
        "utslapp-per-invanare",
        "Växthusgasutsläpp per invånare",
        "ton CO2-ekv per invånare",
        L,
        MEAN,
        "N00401",
        "",
        ["4.3", "3.1"],
    ),
    ("utslapp-totalt", "Växthusgasutsläpp totalt", "ton CO2-ekv", L, SUM, "N07702", "", ["10.1"]),
    (
        "nystartade-foretag",
        "Nystartade företag per 1 000 invånare 16–64 år",
        "antal per 1 000",
        H,
        MEAN,
        "N00999",
        "",
        ["8.1"],
    ),
]


def load(tally: Tally) -> None:
    commitments = {
        pc.commitment.code: pc for pc in PriorityCommitment.objects.select_related("commitment")
    }
    for slug, title, unit, direction, rule, kpi, named, codes in INDICATORS:
        indicator = tally.upsert(
            Indicator,
            {"slug": slug},
            {
                "title": title,
                "unit": unit,
                "direction": direction,
                "rule": rule,
                "kolada_kpi": kpi,
                "source": Indicator.Source.KOLADA if kpi else Indicator.Source.MANUAL,
                "source_name": named,
            },
        )
        tally.set_m2m(indicator, "commitments", [commitments[c] for c in codes])
