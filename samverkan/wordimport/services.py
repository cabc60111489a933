"""Writes of the Word import: upload, read (a batch, with progress), confirm, discard.

A confirmed file becomes a historical approved plan or accepted report in its year, in one
transaction: all of it or nothing. It is marked "imported from Word" by the ImportedDocument
beside it, and the audit log names the file and its content hash.
"""

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts import permissions
from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.organisation.models import Group, Municipality, Person
from samverkan.planning.models import (
    Activity,
    ActivityResult,
    AnnualReport,
    Goal,
    OperationalPlan,
    PlanEvent,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportEvent,
    ReportGoal,
    ReportPriority,
    ReportStatus,
    Status,
)
from samverkan.strategy.models import Objective, PriorityCommitment
from samverkan.wordimport import selectors
from samverkan.wordimport.archive import entries_of
from samverkan.wordimport.models import ImportBatch, ImportedDocument
from samverkan.wordimport.parser import Refused, parse_docx

Progress = Callable[[int, int], None]


def _check(actor: AnyUser) -> None:
    if not permissions.can_import_word(actor):
        raise PermissionDenied


def batch_create(*, filename: str, data: bytes | IO[bytes], actor: AnyUser) -> ImportBatch:
    """Store an upload's files to be read; a zip that is unsafe is refused whole. `data`:
    the bytes, or the (temporary) file the upload was streamed to, read one member at a
    time."""
    _check(actor)
    try:
        entries = entries_of(filename, data)
    except Refused as refusal:
        raise ValidationError({"file": refusal.message}) from refusal
    if not entries:
        raise ValidationError({"file": _("The zip file holds no Word files.")})
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            filename=filename[:255], created_by=_user(actor), total=len(entries)
        )
        for i, entry in enumerate(entries):
            refused = entry.refused
            try:
                content = entry.data or b""
            except Refused as refusal:
                content, refused = b"", refusal.message
            ImportedDocument.objects.create(
                batch=batch,
                order=i,
                filename=entry.name[:255],
                content=content,
                content_hash=hashlib.sha256(content).hexdigest(),
                state=(
                    ImportedDocument.State.REFUSED if refused else ImportedDocument.State.WAITING
                ),
                message=refused or "",
            )
        audit_log(
            action="samverkan.wordimport.uploaded",
            actor=actor,
            obj=batch,
            changes={"file": filename, "files": len(entries)},
        )
    return batch


def match_group(name: str) -> Group | None:
    """The group a title names: by name, by short name, or by the start of the name."""
    name = (name or "").strip()
    if not name:
        return None
    for lookup in ({"name__iexact": name}, {"slug__iexact": name}):
        if group := Group.objects.filter(**lookup).first():
            return group
    candidates = list(Group.objects.filter(name__istartswith=name.split()[0])[:2])
    return candidates[0] if len(candidates) == 1 else None


def _read_one(document: ImportedDocument) -> None:
    duplicate = (
        ImportedDocument.objects.filter(
            content_hash=document.content_hash, state=ImportedDocument.State.IMPORTED
        )
        .exclude(pk=document.pk)
        .first()
    )
    if duplicate is not None:
        document.state = ImportedDocument.State.DUPLICATE
        document.message = _(
            "This file was already imported on %(date)s (as %(file)s); it was not read again."
        ) % {
            "date": duplicate.imported_at.date().isoformat() if duplicate.imported_at else "–",
            "file": duplicate.filename,
        }
        document.content = b""
        return
    try:
        parsed = parse_docx(bytes(document.content), document.filename, own=selectors.own_words())
    except Refused as refusal:
        document.state = ImportedDocument.State.REFUSED
        document.message = refusal.message
        document.content = b""
        return
    document.parsed = parsed.to_json()
    document.group = match_group(parsed.group)
    document.state = ImportedDocument.State.TO_REVIEW
    # What was read is kept; the file itself is not needed again (its hash stays).
    document.content = b""


def process_batch(batch_id: int, progress: Progress | None = None) -> ImportBatch:
    """Read every waiting file of a batch, one transaction each, recording done/total.

    Plain so that a background task can run it: `progress(done, total)` is called after each
    file, and the batch row carries the same numbers for the progress bar.
    """
    batch = ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    done = batch.documents.exclude(state=ImportedDocument.State.WAITING).count()
    try:
        for document in batch.documents.filter(state=ImportedDocument.State.WAITING):
            with transaction.atomic():
                _read_one(document)
                document.save()
                done += 1
                ImportBatch.objects.filter(pk=batch.pk).update(done=done)
            if progress is not None:
                progress(done, batch.total)
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED,
            message=_("Reading stopped on an unexpected error; the files read are kept."),
        )
        raise
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.FINISHED, done=done)
    batch.refresh_from_db()
    return batch


def document_discard(*, document: ImportedDocument, actor: AnyUser) -> ImportedDocument:
    _check(actor)
    with transaction.atomic():
        document = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if document.state == ImportedDocument.State.IMPORTED:
            raise ValidationError(_("An imported file cannot be discarded."))
        document.state = ImportedDocument.State.DISCARDED
        document.content = b""
        document.save()
        audit_log(action="samverkan.wordimport.discarded", actor=actor, obj=document)
    return document


# --- confirming -----------------------------------------------------------------------------


def _decimal(value: Any, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError({field: _("Write a number, such as 12 or 4,5.")}) from error


def _date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValidationError({field: _("Write the date as YYYY-MM-DD.")}) from error


def _year(number: int, actor: AnyUser) -> PlanningYear:
    year = PlanningYear.objects.filter(year=number).first()
    if year is not None:
        return year
    year = PlanningYear(
        year=number,
        plans_due=date(number - 1, 12, 15),
        reports_due=date(number + 1, 2, 15),
        # A year that lies in the past comes in closed: it is history, not a cycle to run.
        closed_at=timezone.now() if number < timezone.localdate().year else None,
    )
    year.full_clean()
    year.save()
    audit_log(
        action="samverkan.planning_year.opened",
        actor=actor,
        obj=year,
        comment=_("Opened for a plan or report imported from Word."),
    )
    return year


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


def _name_key(person: dict[str, Any]) -> str:
    return f"{person['name'].strip()}|{(person.get('municipality') or '').strip()}".casefold()


def _people(
    data: dict[str, Any], actor: AnyUser
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], dict[str, Person]]:
    """Match each named person by e-mail, else create them; frozen lines for the document."""
    by_name: dict[str, Person] = {}

    def line(person: dict[str, Any] | None) -> dict[str, Any] | None:
        if not person or not person.get("name"):
            return None
        found = None
        email = (person.get("email") or "").strip()
        if email:
            found = Person.objects.filter(email__iexact=email).first()
        if found is None and person.get("person_id"):
            found = Person.objects.filter(pk=person["person_id"]).first()
        if found is None and not email and not person.get("new"):
            # No e-mail: the same name in the same municipality is taken to be the same
            # person (one named earlier in this file, or by an earlier import). The review
            # page flags it as uncertain and lets the secretariat choose a new person.
            found = by_name.get(_name_key(person)) or selectors.person_by_name(
                person["name"], person.get("municipality")
            )
        if found is None:
            municipality = Municipality.objects.filter(
                name__iexact=(person.get("municipality") or "").strip()
            ).first()
            if municipality is not None:
                first, last = _split_name(person["name"])
                found = Person(
                    first_name=first,
                    last_name=last,
                    municipality=municipality,
                    title=(person.get("title") or "")[:200],
                    phone=(person.get("phone") or "")[:20],
                    email=email,
                )
                try:
                    found.full_clean()
                except ValidationError:
                    # A phone number the register refuses is still kept on the document.
                    found.phone = ""
                    found.full_clean()
                found.save()
                audit_log(
                    action="samverkan.person.created",
                    actor=actor,
                    obj=found,
                    comment=_("Named in a file imported from Word."),
                )
        if found is not None:
            by_name[_name_key(person)] = found
            by_name[person["name"].casefold()] = found
            by_name[str(found).casefold()] = found
        return {
            "name": person["name"],
            "municipality": person.get("municipality") or "",
            "title": person.get("title") or "",
            "phone": person.get("phone") or "",
            "email": email,
            "person_id": found.pk if found else None,
        }

    contact = line(data.get("contact"))
    members = [m for m in (line(p) for p in data.get("members") or []) if m]
    return contact, members, by_name


def _commitments(items: list[dict[str, Any]]) -> tuple[list[PriorityCommitment], list[str]]:
    found, unknown = [], []
    for item in items:
        match = selectors.priority_commitment(item.get("code"), item.get("area"))
        if match is not None:
            found.append(match)
        else:
            unknown.append(
                item.get("text") or " ".join(filter(None, [item.get("area"), item.get("code")]))
            )
    return found, unknown


def _keep_unknown(data: dict[str, Any], label: str, texts: list[str]) -> None:
    """What the register does not know is kept as text on the imported document."""
    data["unparsed"] = [*(data.get("unparsed") or []), *(f"{label}: {t}" for t in texts if t)]


def document_confirm(
    *,
    document: ImportedDocument,
    data: dict[str, Any],
    group: Group,
    actor: AnyUser,
    from_command: bool = False,
) -> ImportedDocument:
    """Turn a reviewed file into an approved plan or accepted report of its year, or nothing.

    `from_command`: run by `samverkan import_word` at the server's shell, which needs no role.
    """
    if not from_command:
        _check(actor)
    kind = data.get("kind")
    try:
        number = int(data.get("year") or 0)
    except (TypeError, ValueError) as error:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")}) from error
    if not 2000 <= number <= 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    with transaction.atomic():
        document = ImportedDocument.objects.select_for_update().get(pk=document.pk)
        if document.state != ImportedDocument.State.TO_REVIEW:
            raise ValidationError(_("This file is not waiting for review."))
        if ImportedDocument.objects.filter(
            content_hash=document.content_hash, state=ImportedDocument.State.IMPORTED
        ).exists():
            raise ValidationError(_("This file has already been imported."))
        Group.objects.select_for_update().get(pk=group.pk)
        year = _year(number, actor)
        contact, members, people = _people(data, actor)
        note = _("Imported from Word: %(file)s") % {"file": document.filename}
        result: PlanVersion | AnnualReport
        if kind == "plan":
            if OperationalPlan.objects.filter(group=group, year=year).exists():
                raise ValidationError(
                    {"group": _("The group already has a plan for %(year)s.") % {"year": number}}
                )
            version = _make_plan(data, group, year, contact, members, people, actor, note)
            document.plan_version = result = version
        elif kind in ("report", "network_report"):
            if AnnualReport.objects.filter(group=group, year=year).exists():
                raise ValidationError(
                    {"group": _("The group already has a report for %(year)s.") % {"year": number}}
                )
            report = _make_report(data, group, year, contact, members, people, actor, note)
            document.report = result = report
        else:
            raise ValidationError({"kind": _("Choose whether the file is a plan or a report.")})
        document.parsed = data
        document.group = group
        document.state = ImportedDocument.State.IMPORTED
        document.imported_at = timezone.now()
        document.imported_by = _user(actor)
        document.content = b""
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError as error:
            raise ValidationError(_("This file has already been imported.")) from error
        audit_log(
            action="samverkan.wordimport.imported",
            actor=actor,
            obj=result,
            changes={
                "imported_from_word": True,
                "file": document.filename,
                "sha256": document.content_hash,
            },
            comment=note,
        )
    return document


def _make_plan(
    data: dict[str, Any],
    group: Group,
    year: PlanningYear,
    contact: dict[str, Any] | None,
    members: list[dict[str, Any]],
    people: dict[str, Person],
    actor: AnyUser,
    note: str,
) -> PlanVersion:
    plan = OperationalPlan.objects.create(group=group, year=year)
    version = PlanVersion(
        plan=plan,
        number=1,
        status=Status.APPROVED,
        field_of_work=data.get("field_of_work") or "",
        purpose=data.get("purpose") or "",
        frozen_contact=contact,
        frozen_members=members,
        updated_by=_user(actor),
    )
    version.full_clean(exclude=["updated_by"])
    version.save()
    names = [o.casefold() for o in data.get("objectives") or []]
    if names:
        objectives = [o for o in Objective.objects.all() if o.short_title.casefold() in names]
        version.objectives.set(objectives)
        known = {o.short_title.casefold() for o in objectives}
        _keep_unknown(
            data,
            _("Objective not found"),
            [o for o in data.get("objectives") or [] if o.casefold() not in known],
        )
    commitments, unknown = _commitments(data.get("priorities") or [])
    version.priority_commitments.set(commitments)
    _keep_unknown(data, _("Priority area not found"), unknown)
    made: dict[str, Goal] = {}
    for order, g in enumerate(data.get("goals") or [], start=1):
        prefix = f"goal-{order - 1}"
        parent = made.get(g.get("parent") or "")
        goal = Goal(
            version=version,
            parent=parent,
            order=order,
            statement=g.get("statement") or "",
            direction=g.get("direction") or "",
            measure=(g.get("measure") or "")[:300],
            unit=(g.get("unit") or "")[:50],
            baseline_value=_decimal(g.get("baseline"), f"{prefix}-baseline"),
            baseline_date=_date(g.get("baseline_date"), f"{prefix}-baseline_date"),
            target_value=_decimal(g.get("target"), f"{prefix}-target"),
            deadline=_date(g.get("deadline"), f"{prefix}-deadline"),
        )
        goal.full_clean()
        goal.save()
        made[g.get("number") or str(order)] = goal
    status = {
        "done": Activity.Status.DONE,
        "not_done": Activity.Status.NOT_DONE,
        "under_way": Activity.Status.UNDER_WAY,
    }
    for order, a in enumerate(data.get("activities") or [], start=1):
        responsible = people.get((a.get("responsible") or "").casefold())
        how = a.get("how") or ""
        if a.get("responsible") and responsible is None:
            how = " ".join(
                filter(None, [how, _("(responsible: %(name)s)") % {"name": a["responsible"]}])
            )
        activity = Activity(
            version=version,
            order=order,
            what=a.get("what") or "",
            how=how,
            when=_date(a.get("when"), f"activity-{order - 1}-when"),
            responsible=responsible,
            status=status.get(a.get("done") or "", Activity.Status.PLANNED),
        )
        activity.full_clean()
        activity.save()
        numbers = [n.strip() for n in (a.get("goals") or "").split(",") if n.strip()]
        activity.goals.set([made[n] for n in numbers if n in made])
    PlanEvent.objects.create(
        version=version, from_status="", to_status=Status.APPROVED, actor=_user(actor), comment=note
    )
    audit_log(action="samverkan.plan.created", actor=actor, obj=plan, comment=note)
    return version


def _make_report(
    data: dict[str, Any],
    group: Group,
    year: PlanningYear,
    contact: dict[str, Any] | None,
    members: list[dict[str, Any]],
    people: dict[str, Person],
    actor: AnyUser,
    note: str,
) -> AnnualReport:
    light = data.get("kind") == "network_report"
    plan = OperationalPlan.objects.filter(group=group, year=year).first()
    based_on = (
        plan.versions.filter(status=Status.APPROVED).order_by("-number").first() if plan else None
    )
    report = AnnualReport(
        group=group,
        year=year,
        kind=AnnualReport.Kind.LIGHT if light else AnnualReport.Kind.FULL,
        status=ReportStatus.ACCEPTED,
        based_on=None if light else based_on,
        summary=data.get("summary") or "",
        revisions=data.get("revisions") or "",
        meetings=data.get("meetings"),
        network_activities=data.get("network_activities") or "",
        frozen_contact=contact,
        frozen_members=members,
        updated_by=_user(actor),
    )
    report.full_clean(exclude=["updated_by"])
    report.save()
    names = [m.casefold() for m in data.get("municipalities") or []]
    if names:
        report.municipalities.set(
            [m for m in Municipality.objects.all() if m.name.casefold() in names]
        )
    made: dict[str, ReportGoal] = {}
    for order, g in enumerate(data.get("goals") or [], start=1):
        prefix = f"goal-{order - 1}"
        target = _decimal(g.get("target"), f"{prefix}-target")
        reached = _decimal(g.get("value_reached"), f"{prefix}-value_reached")
        goal = ReportGoal(
            report=report,
            parent=made.get(g.get("parent") or ""),
            order=order,
            statement=g.get("statement") or "",
            measure=(g.get("measure") or "")[:300],
            unit=(g.get("unit") or "")[:50],
            baseline_value=_decimal(g.get("baseline"), f"{prefix}-baseline"),
            target_value=target,
            deadline=_date(g.get("deadline"), f"{prefix}-deadline"),
            is_measurable=target is not None or reached is not None,
            value_reached=reached,
            fulfilment=g.get("fulfilment") or "",
            comment=g.get("comment") or "",
            reason=g.get("reason") or "",
        )
        goal.full_clean()
        goal.save()
        made[g.get("number") or str(order)] = goal
    results = {"done": ActivityResult.DONE, "not_done": ActivityResult.NOT_DONE}
    ReportActivity.objects.bulk_create(
        ReportActivity(
            report=report,
            order=i,
            planned=r.get("planned") or "",
            result=results.get(r.get("result") or "", ""),
            result_text=r.get("text") or "",
        )
        for i, r in enumerate(data.get("results") or [], start=1)
    )
    commitments, unknown = _commitments(data.get("priorities") or [])
    _keep_unknown(data, _("Priority area not found"), unknown)
    done = {
        (p.get("code"), (p.get("area") or "").casefold()): p.get("what_was_done") or ""
        for p in data.get("priorities") or []
    }
    ReportPriority.objects.bulk_create(
        ReportPriority(
            report=report,
            priority_commitment=pc,
            touched=True,
            what_was_done=done.get((pc.commitment.code, pc.area.name.casefold()), "")
            or done.get((pc.commitment.code, ""), ""),
        )
        for pc in dict.fromkeys(commitments)
    )
    ReportEvent.objects.create(
        report=report,
        from_status="",
        to_status=ReportStatus.ACCEPTED,
        actor=_user(actor),
        comment=note,
    )
    audit_log(action="samverkan.report.created", actor=actor, obj=report, comment=note)
    return report


def _user(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) else None


def needs_review(document: ImportedDocument) -> bool:
    """A file the command may import unseen: its group is known and nothing is uncertain."""
    data = document.parsed or {}
    if document.group is None or data.get("uncertain") or data.get("unparsed"):
        return True
    items = [*(data.get("goals") or []), *(data.get("activities") or [])]
    return any(item.get("uncertain") for item in items)


def import_unreviewed(*, filename: str, data: bytes, actor: AnyUser) -> str:
    """For the command: read one file and import it if it needs no review."""
    batch = ImportBatch.objects.create(filename=filename[:255], total=1)
    ImportedDocument.objects.create(
        batch=batch,
        filename=filename[:255],
        content=data,
        content_hash=hashlib.sha256(data).hexdigest(),
    )
    process_batch(batch.pk)
    document = batch.documents.get()
    if document.state != ImportedDocument.State.TO_REVIEW:
        return document.get_state_display() + (f": {document.message}" if document.message else "")
    if needs_review(document):
        return str(_("needs review in the web interface"))
    assert document.group is not None and document.parsed is not None
    try:
        document_confirm(
            document=document,
            data=document.parsed,
            group=document.group,
            actor=actor,
            from_command=True,
        )
    except ValidationError as error:
        return "; ".join(error.messages)
    return str(_("imported"))
