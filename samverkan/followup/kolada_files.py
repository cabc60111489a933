"""Saved Kolada responses, read from a file or a folder, for `kolada_sync --from-file`.

A folder may hold what Kolada answered for `GET /v3/kpi/{ids}` (KPI metadata) beside what
it answered for `GET /v3/data/kpi/{kpi}/municipality/{ids}` (values), each page of a paged
answer in a file of its own. Each file is recognised by the shape of its rows, never by its
name. Every file is read and checked before anything is written: one file of neither shape
(or not JSON) refuses the whole folder, naming that file.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.followup.kolada import KoladaError, Row, parse_values

METADATA_KEYS = {"id", "title", "is_divided_by_gender"}
DATA_KEYS = {"kpi", "municipality", "period", "values"}
TITLE_MAX = 300  # Indicator.title
UNIT_MAX = 50  # Indicator.unit

# Kolada has no unit field: its titles end with the unit after the last comma, as in
# "Invånare totalt, antal", "Växthusgasutsläpp till luft, ton CO2-ekv/inv" or
# "Invånare 65+ år, andel (%)". A last part is taken as a unit only when it begins with
# one of these words; otherwise the title is kept whole and the unit is left as it is.
_PERCENT = re.compile(r"(andel\s*)?\(?\s*%\s*\)?", re.IGNORECASE)
_UNIT_START = re.compile(
    r"(antal|andel|kr|kronor|tkr|mkr|ton|kg|kWh|MWh|GWh|dagar|timmar|minuter|år|"
    r"procent|poäng|index|km|m2)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class KpiMeta:
    kpi: str
    title: str
    unit: str | None  # None when Kolada's title names no unit we recognise
    divided_by_gender: bool


@dataclass
class SavedResponses:
    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    metadata: dict[str, KpiMeta] = field(default_factory=dict)

    @property
    def kpis(self) -> set[str]:
        return set(self.rows) | set(self.metadata)


def split_unit(title: str) -> tuple[str, str | None]:
    """("Invånare totalt", "antal") from "Invånare totalt, antal"; (title, None) if no unit."""
    head, sep, tail = title.rpartition(",")
    head, tail = head.strip(), tail.strip()
    if not sep or not head or not tail:
        return title, None
    if _PERCENT.fullmatch(tail):
        return head, "%"
    if _UNIT_START.match(tail) and len(tail) <= UNIT_MAX:
        return head, tail
    return title, None


def _flag(raw: object) -> bool:
    # v3 sends true/false; older responses sent 1/0.
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    raise ValueError(raw)


def parse_kpis(payload: dict) -> list[KpiMeta]:
    """KPI metadata from one `GET /kpi/{ids}` body, or KoladaError if a row is malformed."""
    found = []
    for item in payload["values"]:
        try:
            kpi, raw_title = item["id"], item["title"]
            if not isinstance(kpi, str) or not kpi or not isinstance(raw_title, str):
                raise ValueError(item)
            title, unit = split_unit(raw_title.strip())
            if not title or len(title) > TITLE_MAX:
                raise ValueError(item)
            found.append(KpiMeta(kpi, title, unit, _flag(item["is_divided_by_gender"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise KoladaError(f"a malformed KPI row: {item!r:.200}") from exc
    return found


def shape(payload: object) -> str | None:
    """The kind of response: metadata, data, empty (a page without rows), or None."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        return None
    rows = payload["values"]
    if not rows:
        return "empty"
    if not all(isinstance(r, dict) for r in rows):
        return None
    if all(r.keys() >= METADATA_KEYS for r in rows):
        return "metadata"
    if all(r.keys() >= DATA_KEYS for r in rows):
        return "data"
    return None


def read_saved_responses(path: Path) -> SavedResponses:
    """Every *.json file of a folder (or the one file), parsed and checked; nothing written."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise KoladaError(f"no JSON files in {path}")
    saved = SavedResponses()
    for file in files:
        try:
            payload = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise KoladaError(f"{file.name}: not a readable JSON file ({exc})") from exc
        kind = shape(payload)
        try:
            if kind == "data":
                for row in parse_values(payload):
                    saved.rows[row.kpi].append(row)
            elif kind == "metadata":
                for meta in parse_kpis(payload):
                    saved.metadata[meta.kpi] = meta
            elif kind is None:
                raise KoladaError(
                    "neither Kolada KPI metadata (rows with id, title, is_divided_by_gender) "
                    "nor Kolada data (rows with kpi, municipality, period, values)"
                )
        except KoladaError as exc:
            raise KoladaError(f"{file.name}: {exc}") from exc
    return saved
