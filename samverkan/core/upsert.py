"""Idempotent writes for data sets: create or update by a natural key, and count changes.

A loader built on these can run any number of times and says truthfully what it changed.
"""

from dataclasses import dataclass, field

from django.db import models


@dataclass
class Tally:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    # Rows created in this run: setting their relations is part of creating them, not an update.
    _new: set[tuple[type, object]] = field(default_factory=set)

    def _bump(self, bucket: dict[str, int], model: type[models.Model]) -> None:
        name = str(model._meta.verbose_name_plural)
        bucket[name] = bucket.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        values = values or {}
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self._bump(self.created, model)
            self._new.add((model, obj.pk))
            return obj
        dirty = [name for name, value in values.items() if getattr(obj, name) != value]
        if dirty:
            for name in dirty:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save()
            self._bump(self.updated, model)
        return obj

    def set_m2m(self, obj: models.Model, name: str, targets: list[models.Model]) -> None:
        manager = getattr(obj, name)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)
            if (type(obj), obj.pk) not in self._new:
                self._bump(self.updated, type(obj))
