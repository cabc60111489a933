"""Thin views over the planning services: GET renders, POST calls a service and redirects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core import workflow as core_workflow
from samverkan.core.cache import public_page
from samverkan.core.exports import registry
from samverkan.core.forms import attach_errors
from samverkan.core.http import missing_is_404
from samverkan.organisation.models import Group, Person
from samverkan.organisation.selectors import page_limit
from samverkan.planning import smart
from samverkan.planning.documents import plans as exports
from samverkan.planning.forms import (
    ActivityForm,
    AnchorForm,
    GoalForm,
    PlanForm,
    PlanningYearForm,
    TransitionForm,
)
from samverkan.planning.models import (
    Activity,
    Document,
    Goal,
    OperationalPlan,
    PlanningYear,
    PlanVersion,
    Status,
)
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.selectors.wording import wording_for
from samverkan.planning.services import plans as services
from samverkan.planning.views.transitions import take_transition


def _version_for_view(request, slug: str, year: int, number: int):
    """Fetch and authorise: 404 for a version the user may not even know exists."""
    try:
        version = selectors.version_detail(selectors.plan_for(slug, year), number)
    except (OperationalPlan.DoesNotExist, PlanVersion.DoesNotExist):
        raise Http404 from None
    if not permissions.can_view_plan_version(request.user, version):
        raise Http404
    return version


def _version_for_edit(request, slug: str, year: int, number: int):
    version = _version_for_view(request, slug, year, number)
    if not permissions.can_edit_plan_version(request.user, version):
        raise PermissionDenied
    return version


@public_page
def year_list(request):
    form = None
    if permissions.can_manage_planning_years(request.user):
        form = PlanningYearForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.planning_year_open(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The planning year is open."))
                return redirect("planning:year", form.cleaned_data["year"])
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request, "planning/year_list.html", {"years": selectors.planning_years(), "form": form}
    )


@public_page
def year_detail(request, year: int):
    planning_year = get_object_or_404(PlanningYear, year=year)
    unapproved = permissions.can_read_unapproved_plans(request.user)
    rows = selectors.year_overview(planning_year, include_unapproved=unapproved)
    my_groups = permissions.member_group_ids(request.user)
    if my_groups and not unapproved:
        # Members also see their own group's plan while it is being written.
        mine = selectors.year_overview(planning_year, include_unapproved=True)
        by_group = {row.group.pk: row for row in mine}
        rows = [by_group[row.group.pk] if row.group.pk in my_groups else row for row in rows]
    reports = selectors.report_overview(planning_year, include_unaccepted=True)
    for row in rows:
        report = reports.get(row.group.pk)
        visible = report is not None and (
            unapproved or row.group.pk in my_groups or report.is_accepted
        )
        row.report = report if visible else None
    return render(
        request,
        "planning/year_detail.html",
        {
            "year": planning_year,
            "rows": rows,
            "my_groups": my_groups,
            "Status": Status,
            "show_unapproved": unapproved,
        },
    )


@require_POST
@login_required
def plan_create(request, year: int, slug: str):
    planning_year = get_object_or_404(PlanningYear, year=year)
    group = get_object_or_404(Group, slug=slug)
    try:
        services.plan_create(group=group, year=planning_year, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:year", year)
    messages.success(request, _("The plan is created as a draft. Start with the field of work."))
    return redirect("planning:edit", year, slug, 1)


@missing_is_404
def plan_detail(request, year: int, slug: str):
    plan = selectors.plan_for(slug, year)
    versions = selectors.versions_of(plan)
    visible = [v for v in versions if permissions.can_view_plan_version(request.user, v)]
    if not visible:
        raise Http404
    return redirect("planning:version", year, slug, visible[-1].number)


@public_page
def version_detail(request, year: int, slug: str, number: int):
    version = _version_for_view(request, slug, year, number)
    plan = version.plan
    user = request.user
    public = not permissions.can_see_contact_details(user)
    document = exports.build_document(version, public=public)
    actions = core_workflow.available(version, user)
    all_versions = [
        v for v in selectors.versions_of(plan) if permissions.can_view_plan_version(user, v)
    ]
    context = {
        "version": version,
        "plan": plan,
        "document": document,
        "actions": actions,
        "transition_form": TransitionForm(),
        "anchor_form": AnchorForm(),
        "anchoring": selectors.anchoring_state(version),
        "can_edit": permissions.can_edit_plan_version(user, version),
        "can_anchor": permissions.can_anchor(user, version)
        and not any(a.person.user_id == user.pk for a in version.anchorings.all()),
        "records_for_others": version.status == Status.ANCHORING
        and permissions.is_contact_person(user, plan.group),
        "can_revise": (
            version.status == Status.APPROVED
            and version.number == all_versions[-1].number
            and permissions.can_propose_revision(user, plan)
        ),
        "can_update_status": (
            version.status == Status.APPROVED and permissions.can_update_activity_status(user, plan)
        ),
        "activity_statuses": Activity.Status.choices,
        "versions": all_versions,
        "show_internal": permissions.is_group_member(user, plan.group)
        or permissions.can_read_unapproved_plans(user),
        "Status": Status,
    }
    if context["show_internal"]:
        context["pages"] = services.pages_of(version)
        context["max_pages"] = page_limit()
        context["page_error"] = services.page_limit_error(version, context["pages"])
        context["missing"] = (
            services.completeness_errors(version)
            if version.is_editable or (version.status == Status.ANCHORING)
            else {}
        )
        context["smart"] = services.smart_summary(version)
    context["steps"] = [(t, _held_because(t, context)) for t in actions]
    return render(request, "planning/version_detail.html", context)


def _held_because(transition, context) -> str:
    """Why a step the user may take cannot be taken yet, or "" if it can.

    The service refuses these anyway; saying so beside a disabled button spares the contact
    person a round trip to an error. Only cheap facts the page has already worked out.
    """
    if transition.action not in {"start_anchoring", "submit"}:
        return ""
    if context.get("missing"):
        return _("Fill in what is still missing (listed above) first.")
    if context.get("page_error"):
        return _("Shorten the plan to at most %(max)s pages first.") % {"max": context["max_pages"]}
    version = context["version"]
    if transition.action == "submit" and not version.is_revision and context["anchoring"].waiting:
        return _("Every member must anchor the plan first.")
    return ""


@login_required
def plan_edit(request, year: int, slug: str, number: int):
    version = _version_for_edit(request, slug, year, number)
    wording = wording_for(Document.PLAN, year=version.plan.year.year)
    form = PlanForm(
        request.POST or None,
        instance=version,
        initial={"lock_version": version.lock_version},
        wording=wording,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lock = data.pop("lock_version")
        objectives = data.pop("objectives")
        commitments = data.pop("priority_commitments")
        try:
            services.plan_update(
                version=version,
                fields=data,
                objectives=objectives,
                priority_commitments=commitments,
                expected_lock=lock,
                actor=request.user,
            )
        except services.ConcurrentEditError as exc:
            _conflict(form, exc, version)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(version.get_absolute_url())
    return render(
        request,
        "planning/plan_edit.html",
        {
            "version": version,
            "form": form,
            "wording": wording,
            "pages": services.pages_of(version),
            "max_pages": page_limit(),
        },
    )


def _conflict(form, exc, version) -> None:
    """Keep what the user typed, tell them, and let the next save go against the new state."""
    form.add_error(None, exc)
    version.refresh_from_db()
    data = form.data.copy()
    data["lock_version"] = str(version.lock_version)
    form.data = data


@login_required
def goal_edit(request, year: int, slug: str, number: int, goal_id: int | None = None):
    version = _version_for_edit(request, slug, year, number)
    goal = (
        get_object_or_404(Goal, pk=goal_id, version=version)
        if goal_id
        else Goal(version=version, order=version.goals.count() + 1)
    )
    form = GoalForm(
        request.POST or None,
        instance=goal,
        version=version,
        initial={"lock_version": version.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        lock = form.cleaned_data["lock_version"]
        try:
            services.goal_save(goal=form.save(commit=False), expected_lock=lock, actor=request.user)
        except services.ConcurrentEditError as exc:
            _conflict(form, exc, version)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect(version.get_absolute_url() + "#goals")
    preview = form.instance if form.is_bound else goal
    letters = smart.check(preview, anchored=False, year=version.plan.year.year)
    return render(
        request,
        "planning/goal_edit.html",
        {
            "version": version,
            "form": form,
            "goal": goal,
            "letters": letters,
            "section": wording_for(Document.PLAN, year=version.plan.year.year)["goals"],
        },
    )


@require_POST
@login_required
def smart_check(request, year: int, slug: str, number: int):
    """The SMART advice for a goal as typed so far; HTMX swaps it in beside the form."""
    version = _version_for_edit(request, slug, year, number)
    form = GoalForm(request.POST, instance=Goal(version=version), version=version)
    form.is_valid()  # fills cleaned_data for what is valid; advice works on partial input
    goal = Goal(version=version)
    for name, value in form.cleaned_data.items():
        if hasattr(goal, name) and name != "parent":
            setattr(goal, name, value)
    letters = smart.check(goal, anchored=False, year=version.plan.year.year)
    return render(request, "planning/_smart.html", {"letters": letters})


@require_POST
@login_required
def goal_delete(request, year: int, slug: str, number: int, goal_id: int):
    version = _version_for_edit(request, slug, year, number)
    goal = get_object_or_404(Goal, pk=goal_id, version=version)
    try:
        services.goal_delete(goal=goal, expected_lock=_lock(request), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The goal is removed."))
    return redirect(version.get_absolute_url() + "#goals")


def _lock(request) -> int | None:
    raw = request.POST.get("lock_version", "")
    return int(raw) if raw.isdigit() else None


@login_required
def activity_edit(request, year: int, slug: str, number: int, activity_id: int | None = None):
    version = _version_for_edit(request, slug, year, number)
    activity = (
        get_object_or_404(Activity, pk=activity_id, version=version)
        if activity_id
        else Activity(version=version, order=version.activities.count() + 1)
    )
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        version=version,
        initial={"lock_version": version.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(
                activity=form.save(commit=False),
                goals=form.cleaned_data["goals"],
                expected_lock=form.cleaned_data["lock_version"],
                actor=request.user,
            )
        except services.ConcurrentEditError as exc:
            _conflict(form, exc, version)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(version.get_absolute_url() + "#activities")
    return render(
        request,
        "planning/activity_edit.html",
        {
            "version": version,
            "form": form,
            "activity": activity,
            "section": wording_for(Document.PLAN, year=version.plan.year.year)["activities"],
        },
    )


@require_POST
@login_required
def activity_delete(request, year: int, slug: str, number: int, activity_id: int):
    version = _version_for_edit(request, slug, year, number)
    activity = get_object_or_404(Activity, pk=activity_id, version=version)
    try:
        services.activity_delete(
            activity=activity, expected_lock=_lock(request), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The activity is removed."))
    return redirect(version.get_absolute_url() + "#activities")


@require_POST
@login_required
def activity_status(request, year: int, slug: str, number: int, activity_id: int):
    version = _version_for_view(request, slug, year, number)
    activity = get_object_or_404(Activity, pk=activity_id, version=version)
    if version.status != Status.APPROVED:
        raise PermissionDenied
    try:
        services.activity_status_update(
            activity=activity, status=request.POST.get("status", ""), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The activity's status is updated."))
    return redirect(version.get_absolute_url() + "#activities")


@require_POST
@login_required
def transition(request, year: int, slug: str, number: int, action: str):
    version = _version_for_view(request, slug, year, number)
    updated = take_transition(request, services.PLANS, version, action)
    if updated is not None:
        messages.success(
            request,
            _("Done: the plan is now “%(status)s”.") % {"status": updated.get_status_display()},
        )
        if action in {"start_anchoring", "submit"}:
            messages.info(request, _smart_summary(updated))
    return redirect(version.get_absolute_url())


def _smart_summary(version) -> str:
    """One line for the submitter: how many goals meet all five SMART parts, and what is open."""
    results = services.smart_summary(version)
    complete = sum(1 for _goal, letters in results if all(x.met for x in letters))
    open_letters = sorted(
        {x.letter for _goal, letters in results for x in letters if not x.met}, key="SMART".index
    )
    text = _("SMART check: %(complete)s of %(total)s goals meet all five parts.") % {
        "complete": complete,
        "total": len(results),
    }
    if open_letters:
        text += " " + _("Still open: %(letters)s.") % {"letters": ", ".join(open_letters)}
    return text


@require_POST
@login_required
def anchor(request, year: int, slug: str, number: int):
    version = _version_for_view(request, slug, year, number)
    form = AnchorForm(request.POST)
    form.is_valid()
    person = None
    if request.POST.get("person", "").isdigit():
        person = get_object_or_404(Person, pk=int(request.POST["person"]))
    try:
        anchoring = services.plan_anchor(
            version=version,
            actor=request.user,
            person=person,
            manager=form.cleaned_data.get("manager", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if anchoring.recorded_by_id:
            messages.success(
                request, _("%(name)s's anchoring is recorded.") % {"name": anchoring.person}
            )
        else:
            messages.success(request, _("Thank you: your anchoring is recorded."))
    return redirect(version.get_absolute_url())


@require_POST
@login_required
@missing_is_404
def revise(request, year: int, slug: str):
    plan = selectors.plan_for(slug, year)
    try:
        version = services.plan_revision_start(plan=plan, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:plan", year, slug)
    messages.success(
        request,
        _(
            "A revision is started as a copy of the approved plan. Change "
            "goals or activities, and say when, how and why."
        ),
    )
    return redirect("planning:edit", year, slug, version.number)


@public_page
def export(request, year: int, slug: str, number: int, fmt: str):
    version = _version_for_view(request, slug, year, number)
    identifier = {"pdf": "plan_pdf", "docx": "plan_docx"}.get(fmt)
    if identifier is None:
        raise Http404
    result = registry.get(identifier).render(
        version, public=not permissions.can_see_contact_details(request.user)
    )
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
