"""A client for Kolada's open API (v3): key figures for Swedish municipalities and regions.

Polite by design: about five requests a second at most, ids batched 25 at a time, pages
followed to the end, 5xx and 429 retried with back-off (honouring Retry-After). Responses
are parsed strictly; a malformed body is an error, never half a result.
"""

import email.utils
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

import httpx
from django.conf import settings

BATCH = 25
PER_PAGE = 5000
GENDERS = {"T", "K", "M"}


class KoladaError(Exception):
    """Kolada answered with something we cannot use, or not at all after retries."""


@dataclass(frozen=True)
class Row:
    kpi: str
    area: str
    year: int
    gender: str
    value: Decimal | None
    status: str


def _batches(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def parse_values(payload: object) -> list[Row]:
    """Rows from one response body (`{"values": [...]}`), or KoladaError if malformed."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaError("the response has no list of values")
    rows = []
    for item in payload["values"]:
        try:
            kpi = str(item["kpi"])
            area = str(item["municipality"])
            year = int(item["period"])
            for entry in item["values"]:
                gender = entry.get("gender", "T")
                if gender not in GENDERS:
                    raise KoladaError(f"unknown gender {gender!r} for {kpi} {area} {year}")
                raw = entry.get("value")
                value = None if raw is None else Decimal(str(raw))
                rows.append(Row(kpi, area, year, gender, value, entry.get("status") or ""))
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise KoladaError(f"a malformed value row: {item!r:.200}") from exc
    return rows


def _next_page(payload: dict) -> str | None:
    # v3 names it next_url; older responses next_page. Follow whichever is present.
    return payload.get("next_url") or payload.get("next_page") or None


class KoladaClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        http: httpx.Client | None = None,
        max_retries: int = 4,
        min_interval: float = 0.2,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = (base_url or settings.KOLADA_BASE_URL).rstrip("/")
        self.http = http or httpx.Client(timeout=timeout, headers={"User-Agent": "samverkan"})
        self.max_retries = max_retries
        self.min_interval = min_interval
        self.sleep = sleep
        self._last_request = 0.0

    def _wait_turn(self) -> None:
        pause = self.min_interval - (time.monotonic() - self._last_request)
        if pause > 0:
            self.sleep(pause)
        self._last_request = time.monotonic()

    def get_json(self, url: str, params: dict | None = None) -> dict:
        for attempt in range(self.max_retries + 1):
            self._wait_turn()
            try:
                response = self.http.get(url, params=params)
            except httpx.TransportError as exc:
                if attempt == self.max_retries:
                    raise KoladaError(f"Kolada could not be reached: {exc}") from exc
                self.sleep(2**attempt)
                continue
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == self.max_retries:
                    raise KoladaError(f"Kolada answered {response.status_code} for {url}")
                self.sleep(_retry_after(response) or 2**attempt)
                continue
            if response.status_code != 200:
                raise KoladaError(f"Kolada answered {response.status_code} for {url}")
            try:
                return response.json()
            except ValueError as exc:
                raise KoladaError(f"Kolada sent a body that is not JSON for {url}") from exc
        raise AssertionError("unreachable")

    def pages(self, path: str, params: dict | None = None) -> Iterator[dict]:
        url: str | None = f"{self.base_url}/{path.lstrip('/')}"
        while url:
            payload = self.get_json(url, params)
            params = None  # the next page's address carries them
            yield payload
            url = _next_page(payload)

    def kpis(self, ids: list[str]) -> list[dict]:
        found = []
        for batch in _batches(ids):
            for payload in self.pages(f"kpi/{','.join(batch)}"):
                if not isinstance(payload.get("values"), list):
                    raise KoladaError("the KPI response has no list of values")
                found.extend(payload["values"])
        return found

    def values(self, kpi: str, areas: list[str], *, from_date: str | None = None) -> list[Row]:
        """Every value of one KPI for the given areas, all pages, all years."""
        rows: list[Row] = []
        params = {"per_page": PER_PAGE}
        if from_date:
            params["from_date"] = from_date
        for batch in _batches(areas):
            for payload in self.pages(f"data/kpi/{kpi}/municipality/{','.join(batch)}", params):
                rows.extend(parse_values(payload))
        return rows


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("Retry-After")
    if not raw:
        return None
    if raw.strip().isdigit():
        return float(raw.strip())
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
