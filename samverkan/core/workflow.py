"""The one workflow engine: a document's status moves only along a row of its kind's table.

Each kind of document (a plan version, an annual report, a matter, an assignment, a
municipality's adoption of a decision, a group's lifecycle) declares one `Workflow`: its
transition table, who may take each transition and what else happens when it is taken.
Services call `transition(document, action, actor=…, comment=…)`; views and templates ask
`available(document, user)` for the buttons to show. Neither repeats a rule of the table.

Core knows no roles: each workflow says through `allowed` whether a user may take a
transition, using the permissions module of the layer that declares it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser

_Document = TypeVar("_Document", bound=models.Model)


@dataclass(frozen=True)
class Transition:
    """One row of a table: `action` moves a document from any of `sources` to `target`.

    `role` names who may take it (the workflow's `allowed` decides what the name means);
    `applies_to` limits the row to some kinds of document (a plan's first version or a
    revision, a full or a light report); empty means every kind. A transition that
    `takes_comment` offers a comment field; one that `needs_comment` refuses to go without.
    """

    action: str
    label: Any
    sources: frozenset[str]
    target: str
    role: str
    applies_to: frozenset[str] = frozenset()
    needs_comment: bool = False
    takes_comment: bool = False

    @property
    def offers_comment(self) -> bool:
        return self.takes_comment or self.needs_comment


def row(
    action: str,
    label: Any,
    sources: Iterable[str],
    target: str,
    role: str,
    *,
    applies_to: Iterable[str] = (),
    needs_comment: bool = False,
    takes_comment: bool = False,
) -> Transition:
    """A table row, written with plain iterables."""
    return Transition(
        action,
        label,
        frozenset(sources),
        target,
        role,
        frozenset(applies_to),
        needs_comment,
        takes_comment,
    )


Hook = Callable[[Any, Transition, Any, str], None]


@dataclass
class Workflow:
    """The table of one kind of document, and what taking a transition involves.

    - `name` is the audit log's object name: taking a transition writes
      `samverkan.<name>.<audit_suffix(transition)>`.
    - `allowed(user, document, transition)` decides whether the user may take it.
    - `kind_of(document)` picks the rows that apply (see Transition.applies_to).
    - `before(document, transition, actor, comment)` runs on the locked document before its
      status changes: it checks preconditions (raising ValidationError) and sets fields.
    - `after(document, transition, actor, comment)` runs once the new status is saved, in the
      same transaction, with `document._old_status` set (events, snapshots, mail queued
      with transaction.on_commit).
    """

    name: str
    model: type[models.Model]
    transitions: list[Transition]
    allowed: Callable[[Any, Any, Transition], bool]
    kind_of: Callable[[Any], str] = lambda document: ""
    before: Hook | None = None
    after: Hook | None = None
    refused: Callable[[Any, str], str] | None = None
    comment_required: Any = None
    comment_field: str = "comment"
    lock_related: tuple[str, ...] = ()
    audit_suffix: Callable[[Transition], str] = lambda transition: transition.target
    status_field: str = "status"

    def status_of(self, document) -> str:
        return getattr(document, self.status_field)

    def _applies(self, transition: Transition, document) -> bool:
        if self.status_of(document) not in transition.sources:
            return False
        return not transition.applies_to or self.kind_of(document) in transition.applies_to

    def find(self, action: str, document) -> Transition | None:
        """The transition `action` would take from the document's present status, if any."""
        for transition in self.transitions:
            if transition.action == action and self._applies(transition, document):
                return transition
        return None

    def available(self, document, user=None) -> list[Transition]:
        """The transitions from the present status; with a user, only those they may take."""
        return [
            t
            for t in self.transitions
            if self._applies(t, document) and (user is None or self.allowed(user, document, t))
        ]

    def actions(self) -> set[str]:
        return {t.action for t in self.transitions}

    def take(
        self,
        document: Any,
        action: str,
        *,
        actor: AnyUser,
        comment: str = "",
        changes: dict[str, Any] | None = None,
    ) -> Any:
        """Take `action` on `document` as `actor`: lock, check, move, record, audit.

        `changes` are fields that come with the transition (a matter's decision and its
        date): set on the locked document before the checks, so `before` can judge them.
        """
        with transaction.atomic():
            queryset = self.model._default_manager.select_for_update()
            if self.lock_related:
                queryset = queryset.select_related(*self.lock_related)
            document = queryset.get(pk=document.pk)
            for name, value in (changes or {}).items():
                setattr(document, name, value)
            found = self.find(action, document)
            if found is None:
                message = (
                    self.refused(document, action)
                    if self.refused
                    else _("This cannot be done in the present status.")
                )
                raise ValidationError(message)
            if not self.allowed(actor, document, found):
                raise PermissionDenied
            if found.needs_comment and not comment.strip():
                raise ValidationError(
                    {self.comment_field: self.comment_required or _("Give a comment.")}
                )
            if self.before:
                self.before(document, found, actor, comment)
            old = self.status_of(document)
            setattr(document, self.status_field, found.target)
            document.save()
            document._old_status = old
            if self.after:
                self.after(document, found, actor, comment)
            audit_log(
                action=f"samverkan.{self.name}.{self.audit_suffix(found)}",
                actor=actor,
                obj=document,
                changes={self.status_field: [old, found.target]},
                comment=comment,
            )
        return document


def old_status(document: Any) -> str:
    """The status `document` had before the transition being taken: for `after` hooks."""
    status: str = document._old_status
    return status


_WORKFLOWS: dict[type[models.Model], Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    """Declare the table of one model; its module is imported by the services that use it."""
    _WORKFLOWS[workflow.model] = workflow
    return workflow


def workflow_of(document: models.Model) -> Workflow:
    try:
        return _WORKFLOWS[type(document)]
    except KeyError:
        raise LookupError(f"No workflow is registered for {type(document).__name__}") from None


def transition(
    document: _Document,
    action: str,
    *,
    actor: AnyUser,
    comment: str = "",
    changes: dict[str, Any] | None = None,
) -> _Document:
    """Move `document` along its kind's table; the one way a status changes.

    Returns the document as locked and saved: a fresh instance of the same model.
    """
    moved: _Document = workflow_of(document).take(
        document, action, actor=actor, comment=comment, changes=changes
    )
    return moved


def available(document: models.Model, user: AnyUser = None) -> list[Transition]:
    """What may be done to `document` now, by `user` if given: views render this list."""
    return workflow_of(document).available(document, user)
