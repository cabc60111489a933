"""Data sets loaded once per test session, written back into each test's database.

Loading the Umeåregionen data set and the demo through their loaders costs seconds (every
row is validated with full_clean and looked up by its natural key first); the suite asks
for it hundreds of times. `load_once(name, build)` runs `build` the first time, notes which
rows it inserted, changed or deleted, and afterwards writes exactly those rows back with a
few multi-row INSERTs: the test sees the same rows, with the same primary keys and the same
stored timestamps, as if the loaders had run.

A step is known by the steps loaded before it in the same test (`load_once("portal", ...)`
after the demo is another step than after the data set alone), and by the language and the
date it is loaded in, so a fixture may stack on another as before. Each test starts from the
empty database (plain tests roll back, transactional ones flush). Once the test has written
anything of its own, a step would land on rows it was not noted on: from then on
`load_once` just runs its loader. Before a step that changes existing rows is written back,
one query checks that those rows are there as when it was noted (a transactional test's
flush also removes the rows the migrations wrote); where they are not, the loaders run and
the step is noted again for that starting point. The first write-back of each step is compared with
what the loaders wrote, so a snapshot that would differ fails loudly instead of testing
something else.
"""

import copy
import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone, translation


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    pk: int  # index of the primary key in columns


def _tables() -> list[_Table]:
    seen, tables = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        columns = tuple(f.column for f in meta.local_concrete_fields)
        tables.append(_Table(meta.db_table, columns, columns.index(meta.pk.column)))
    return tables


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _dump(tables: list[_Table]) -> dict[str, list[tuple]]:
    """Every row of every table, in the order the database returns them (its physical order,
    which an unordered query on PostgreSQL follows: the write-back keeps it)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT {', '.join(_q(c) for c in table.columns)} FROM {_q(table.name)}"
            )
            rows[table.name] = [tuple(map(_bindable, row)) for row in cursor.fetchall()]
    return rows


def _bindable(value: Any) -> Any:
    # SQLite reads a TIME column back as datetime.time, which its driver cannot bind again.
    return connection.ops.adapt_timefield_value(value) if isinstance(value, dt.time) else value


@dataclass
class _Change:
    table: _Table
    inserted: list[tuple] = field(default_factory=list)
    updated: list[tuple] = field(default_factory=list)
    deleted: list[Any] = field(default_factory=list)

    def statements(self):
        """(sql, params) to write the change: one statement per chunk of rows, per update."""
        table, name = self.table, _q(self.table.name)
        pk = _q(table.columns[table.pk])
        if self.deleted:
            marks = ", ".join(["%s"] * len(self.deleted))
            yield f"DELETE FROM {name} WHERE {pk} IN ({marks})", list(self.deleted)
        others = [i for i in range(len(table.columns)) if i != table.pk]
        sets = ", ".join(f"{_q(table.columns[i])} = %s" for i in others)
        for row in self.updated:
            yield (
                f"UPDATE {name} SET {sets} WHERE {pk} = %s",
                [
                    *(row[i] for i in others),
                    row[table.pk],
                ],
            )
        width = len(table.columns)
        limit = getattr(connection.features, "max_query_params", None) or 999
        per_statement = max(1, min(500, limit // width))
        columns = ", ".join(_q(c) for c in table.columns)
        one = "(" + ", ".join(["%s"] * width) + ")"
        for start in range(0, len(self.inserted), per_statement):
            chunk = self.inserted[start : start + per_statement]
            yield (
                f"INSERT INTO {name} ({columns}) VALUES {', '.join([one] * len(chunk))}",
                [value for row in chunk for value in row],
            )


def _changes(tables, before, after) -> list[_Change]:
    changes = []
    for table in tables:
        old = {row[table.pk]: row for row in before[table.name]}
        new = after[table.name]
        new_pks = {row[table.pk] for row in new}
        change = _Change(
            table,
            inserted=[row for row in new if row[table.pk] not in old],
            updated=[row for row in new if row[table.pk] in old and old[row[table.pk]] != row],
            deleted=[pk for pk in old if pk not in new_pks],
        )
        if change.inserted or change.updated or change.deleted:
            changes.append(change)
    return changes


def _same(rows: list[tuple]) -> list[str]:
    return sorted(repr(row) for row in rows)


@dataclass
class _Step:
    changes: list[_Change]
    result: Any
    expected: dict[str, list[str]] | None  # the touched tables as the loaders left them
    found: tuple  # what `fits` reads on the database the loaders ran on
    script: str | None = None  # PostgreSQL: every statement with its values, one round trip

    def _altering(self) -> list[_Change]:
        return [change for change in self.changes if change.updated or change.deleted]

    def _probe(self) -> tuple[str, list]:
        """One query: for each table where the step changes or deletes rows, how many rows it
        holds and how many of those rows are there. (Rows the step inserts would clash.)"""
        parts, params = [], []
        for change in self._altering():
            table = change.table
            old = [row[table.pk] for row in change.updated] + list(change.deleted)
            marks = ", ".join(["%s"] * len(old))
            parts += [
                f"(SELECT COUNT(*) FROM {_q(table.name)})",
                f"(SELECT COUNT(*) FROM {_q(table.name)} "
                f"WHERE {_q(table.columns[table.pk])} IN ({marks}))",
            ]
            params += old
        return f"SELECT {', '.join(parts)}", params

    def fits(self) -> bool:
        """Are the rows the step changes there, as when the loaders ran? A transactional test's
        flush also removes what the migrations wrote, so a step noted in a plain test may not
        fit it."""
        if not self._altering():
            return True
        with connection.cursor() as cursor:
            cursor.execute(*self._probe())
            return tuple(cursor.fetchone()) == self.found

    def write(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if self.script is not None:
                cursor.execute(self.script)
                return
            for change in self.changes:
                for sql, params in change.statements():
                    cursor.execute(sql, params)

    def prepare(self) -> None:
        if connection.vendor != "postgresql":
            return  # SQLite runs in the process: a statement costs no round trip
        with connection.cursor() as cursor:
            # Django's psycopg cursors bind on the client: mogrify gives the statement it sends.
            self.script = ";\n".join(
                cursor.cursor.mogrify(sql, params)
                for change in self.changes
                for sql, params in change.statements()
            )


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE")


class Snapshots:
    def __init__(self) -> None:
        # Per key, one step per starting point it was found to need (see _Step.fits).
        self._steps: dict[tuple, list[_Step]] = {}
        self._chain: tuple | None = ()
        self._tables: list[_Table] | None = None
        self._quiet = False  # a build or a write-back in progress: its writes are the step's
        self._dirty = False  # the test wrote something since its last step

    @contextmanager
    def watching(self):
        """Around each test: start from the empty database, and notice the test's own writes."""
        self._chain, self._dirty = (), False
        with connection.execute_wrapper(self._watch):
            yield

    def _watch(self, execute, sql, params, many, context):
        if not self._quiet and sql.lstrip()[:8].upper().startswith(_WRITES):
            self._dirty = True
        return execute(sql, params, many, context)

    def load_once(self, name: str, build: Callable[[], Any]) -> Any:
        if self._quiet:
            return build()  # a step within a step is part of it
        if self._dirty or self._chain is None:
            # The test has written rows of its own: what the step would write on top of them
            # is not what was noted. Run it for real, and so every step after it.
            self._chain = None
            return build()
        # Loaders write translated text and today's date: both are part of the step.
        key = (*self._chain, (name, translation.get_language(), timezone.localdate()))
        self._chain = key
        self._quiet = True
        try:
            step = next((s for s in self._steps.get(key, []) if s.fits()), None)
            if step is None:
                return self._build(key, build)
            step.write()
            if step.expected is not None:
                self._check(key, step)
        finally:
            self._quiet = False
        return copy.deepcopy(step.result)

    def _build(self, key, build):
        if self._tables is None:
            self._tables = _tables()
        before = _dump(self._tables)
        result = build()
        after = _dump(self._tables)
        changes = _changes(self._tables, before, after)
        expected = {c.table.name: _same(after[c.table.name]) for c in changes}
        step = _Step(changes, copy.deepcopy(result), expected, found=())
        # What the probe reads now, after the build, tells nothing: count from the dump before.
        step.found = tuple(
            count
            for change in step._altering()
            for count in (
                len(before[change.table.name]),
                len(change.updated) + len(change.deleted),
            )
        )
        step.prepare()
        self._steps.setdefault(key, []).append(step)
        return result

    def _check(self, key, step: _Step) -> None:
        tables = [change.table for change in step.changes]
        now = _dump(tables)
        names = " + ".join(name for name, _language, _day in key)
        for table in tables:
            assert _same(now[table.name]) == step.expected[table.name], (
                f"the snapshot of {names} wrote {table.name} otherwise than its loader did"
            )
        step.expected = None  # checked once; from now on it is trusted


snapshots = Snapshots()
load_once = snapshots.load_once
