"""The secretariat's desk: thin views over the cycle's selectors and services."""

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.accounts.permissions import Role, roles_of
from samverkan.core import charts
from samverkan.council import compilations, coverage
from samverkan.council import documents as compilation_exports
from samverkan.council import jobs as council_jobs
from samverkan.council import views as council_views
from samverkan.governance import selectors as governance_selectors
from samverkan.organisation.models import BodyMembership, Membership, current_q
from samverkan.organisation.selectors import member_municipalities
from samverkan.planning.models import AnnualReport, InterimReport, OperationalPlan, PlanningYear
from samverkan.planning.selectors import cycle as desk
from samverkan.planning.selectors import interim as interim_selectors
from samverkan.planning.selectors.plans import todos_for
from samverkan.planning.services import cycle
from samverkan.strategy.models import Objective


class DeskFilter(forms.Form):
    objective = forms.TypedChoiceField(
        label=gettext_lazy("Objective"), required=False, coerce=int, empty_value=None
    )
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["objective"].choices = everything + [
            (o.number, str(o)) for o in Objective.objects.order_by("number")
        ]
        self.fields["municipality"].choices = everything + [
            (m.code, m.name) for m in member_municipalities()
        ]
        self.fields["status"].choices = everything + list(desk.STATUS_FILTERS.items())


def _require_desk(request) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not permissions.can_manage_cycle(request.user):
        raise PermissionDenied


def desk_index(request):
    _require_desk(request)
    # The year under way is the one the secretariat follows; else the latest there is.
    year = PlanningYear.objects.filter(year=timezone.localdate().year).first()
    year = year or PlanningYear.objects.order_by("-year").first()
    if year is None:
        return redirect("planning:years")
    return redirect("desk:year", year.year)


def desk_year(request, year: int):
    _require_desk(request)
    planning_year = get_object_or_404(PlanningYear, year=year)
    form = DeskFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = desk.desk_rows(
        planning_year,
        objective=filters.get("objective"),
        municipality=filters.get("municipality") or None,
        status=filters.get("status") or None,
    )
    return render(
        request,
        "desk/desk.html",
        {
            "year": planning_year,
            "years": PlanningYear.objects.order_by("-year"),
            "rows": rows,
            # The key figures are the year's, whatever the filter shows.
            "summary": desk.summarise(desk.desk_rows(planning_year) if filters else rows),
            "form": form,
            "reminders": desk.reminder_log(planning_year),
            "assignments": governance_selectors.open_assignments(),
            "filtered": any(filters.values()) if filters else False,
            "interim_rounds": interim_selectors.rounds(),
            "interim_to_note": interim_selectors.to_note(planning_year),
            "interim_overdue": interim_selectors.overdue(planning_year),
            "interim_closed": interim_selectors.of_closed_year(planning_year),
        },
    )


@require_POST
def year_close(request, year: int):
    _require_desk(request)
    planning_year = get_object_or_404(PlanningYear, year=year)
    try:
        cycle.year_close(year=planning_year, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(year)s is closed: its plans and reports are locked.") % {"year": year}
        )
    return redirect("desk:year", year)


@require_POST
def reopen(request, year: int, kind: str, pk: int):
    _require_desk(request)
    planning_year = get_object_or_404(PlanningYear, year=year)
    target: dict[str, Any] = {}  # plan= or report=, whichever is reopened
    if kind == "plan":
        target["plan"] = get_object_or_404(OperationalPlan, pk=pk, year=planning_year)
    elif kind == "report":
        target["report"] = get_object_or_404(AnnualReport, pk=pk, year=planning_year)
    elif kind == "interim":
        target["interim"] = get_object_or_404(InterimReport, pk=pk, year=planning_year)
    else:
        raise PermissionDenied
    try:
        cycle.document_reopen(
            year=planning_year, actor=request.user, reason=request.POST.get("reason", ""), **target
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Reopened: %(what)s.") % {"what": next(iter(target.values()))})
    return redirect("desk:year", year)


@require_POST
def send_reminders(request, year: int):
    _require_desk(request)
    planning_year = get_object_or_404(PlanningYear, year=year)
    sent = cycle.reminders_send(year=planning_year, base_url=request.build_absolute_uri("/"))
    if sent:
        messages.success(
            request,
            ngettext("%(n)s reminder sent.", "%(n)s reminders sent.", len(sent)) % {"n": len(sent)},
        )
    else:
        messages.info(
            request,
            _(
                "No reminders were due: every step of the schedule that has come has "
                "been sent, or nothing is missing."
            ),
        )
    return redirect("desk:year", year)


COMPILERS = {"planer": compilations.compile_plans, "berattelser": compilations.compile_reports}
COMPILATION_KINDS = {"planer": "plans", "berattelser": "reports"}


def _compilation(request, year: int, kind: str):
    if not permissions.can_read_compilations(request.user):
        raise PermissionDenied
    planning_year = get_object_or_404(PlanningYear, year=year)
    compiler = COMPILERS.get(kind)
    if compiler is None:
        raise Http404
    return planning_year, compiler(planning_year)


def compilation(request, year: int, kind: str):
    try:
        planning_year, result = _compilation(request, year, kind)
    except compilations.NothingToCompile as exc:
        return render(
            request, "desk/compilation_empty.html", {"year": year, "message": str(exc)}, status=404
        )
    chart_list = [
        {
            "title": heading,
            "svg": charts.bar_svg(
                labels, values, title=heading, horizontal=horizontal, colours=colours
            ),
            "rows": list(zip(labels, values, strict=True)),
        }
        for heading, labels, values, horizontal, colours in compilation_exports.chart_specs(result)
    ]
    return render(
        request,
        "desk/compilation.html",
        {"c": result, "year": planning_year, "kind": kind, "charts": chart_list},
    )


def compilation_download(request, year: int, kind: str, fmt: str):
    """The compilation as a file, made in the background: the file at once when it is ready
    (and nothing was published since), else the page that shows its progress."""
    if fmt not in council_jobs.COMPILATION_FORMATS or kind not in COMPILERS:
        raise Http404
    if not permissions.can_read_compilations(request.user):
        raise PermissionDenied
    planning_year = get_object_or_404(PlanningYear, year=year)
    try:
        job = council_jobs.request_compilation(
            planning_year, COMPILATION_KINDS[kind], fmt, user=request.user
        )
    except compilations.NothingToCompile as exc:
        return render(
            request, "desk/compilation_empty.html", {"year": year, "message": str(exc)}, status=404
        )
    return council_views.document_or_progress(job)


def coverage_view(request, year: int):
    if not permissions.can_read_compilations(request.user):
        raise PermissionDenied
    planning_year = get_object_or_404(PlanningYear, year=year)
    return render(
        request,
        "desk/coverage.html",
        {"year": planning_year, "c": coverage.coverage(planning_year)},
    )


@login_required
def my_page(request):
    """What waits for the signed-in person, whatever their roles: the desk of everyone."""
    person = getattr(request.user, "person", None)
    memberships = body_memberships = []
    if person is not None:
        memberships = Membership.objects.filter(current_q(), person=person).select_related("group")
        body_memberships = BodyMembership.objects.filter(current_q(), person=person).select_related(
            "body"
        )
    roles = [role for role in Role if role in roles_of(request.user)]
    today = timezone.localdate()
    deadlines = [
        {
            "item": item,
            "days": (item.day - today).days,
            "ago": (today - item.day).days,
            "soon": 0 <= (item.day - today).days <= desk.DUE_SOON_DAYS,
        }
        for item in governance_selectors.deadlines_for(
            request.user,
            start=today - timedelta(days=desk.DUE_SOON_DAYS),
            end=today + timedelta(days=365),
        )
    ]
    return render(
        request,
        "desk/my_page.html",
        {
            "person": person,
            "memberships": memberships,
            "body_memberships": body_memberships,
            "roles": roles,
            "todos": todos_for(request.user),
            "deadlines": deadlines,
            "pending_adoptions": governance_selectors.pending_adoptions_for(request.user),
            "today": today,
        },
    )
