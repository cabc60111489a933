"""One registry for every export: an identifier, a name, and render() -> ExportResult.

Exports are rendered in Swedish and in Stockholm time whatever the request's language,
because they are the cooperation's documents, filed and sent on as they are.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation


@dataclass(frozen=True)
class ExportResult:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Exporter:
    identifier: str
    name: Any
    extension: str
    content_type: str
    build: Callable[..., bytes]
    filename: Callable[[Any], str]

    def render(self, obj, **options) -> ExportResult:
        with translation.override("sv"), timezone.override("Europe/Stockholm"):
            content = self.build(obj, **options)
            return ExportResult(
                f"{self.filename(obj)}.{self.extension}", self.content_type, content
            )


_REGISTRY: dict[str, Exporter] = {}

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def register(exporter: Exporter) -> Exporter:
    if exporter.identifier in _REGISTRY:
        raise ValueError(f"exporter {exporter.identifier!r} is registered twice")
    _REGISTRY[exporter.identifier] = exporter
    return exporter


def get(identifier: str) -> Exporter:
    return _REGISTRY[identifier]


def all_exporters() -> list[Exporter]:
    return list(_REGISTRY.values())
