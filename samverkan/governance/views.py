"""Thin views for decisions, assignments, matters and the groups' lifecycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Min, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core import workflow as core_workflow
from samverkan.core.cache import public_page
from samverkan.core.forms import attach_errors
from samverkan.governance import selectors, services
from samverkan.governance.forms import (
    AdoptionForm,
    AgendaItemForm,
    AssignmentForm,
    AssignmentUpdateForm,
    BoardMeetingForm,
    ConvertForm,
    DecisionForm,
    GroupFormForm,
    MatterDecisionForm,
    MatterForm,
    MeetingForm,
    MinutesForm,
    WindDownForm,
)
from samverkan.governance.models import (
    Adoption,
    Assignment,
    BoardMeeting,
    Decision,
    Matter,
    Meeting,
)
from samverkan.governance.wheel import wheel_svg
from samverkan.organisation.models import Body, Group, Municipality
from samverkan.planning.forms import WheelForm
from samverkan.planning.models import PlanningYear
from samverkan.planning.services import cycle


@public_page
def decisions(request):
    """The council's meetings and decisions, and where each municipality stands. Public."""
    meetings = Meeting.objects.filter(body__kind=Body.Kind.COUNCIL).prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("plan_version").prefetch_related(
                Prefetch("adoptions", queryset=Adoption.objects.select_related("municipality"))
            ),
        )
    )
    can_record = permissions.can_record_decisions(request.user)
    represents = permissions.represented_municipality_id(request.user)
    meeting_form = MeetingForm(prefix="meeting") if can_record else None
    decision_form = DecisionForm(prefix="decision") if can_record else None
    return render(
        request,
        "governance/decisions.html",
        {
            "meetings": meetings,
            "can_record": can_record,
            "represents": represents,
            "meeting_form": meeting_form,
            "decision_form": decision_form,
            "adoption_statuses": Adoption.Status.choices,
        },
    )


@require_POST
@login_required
def meeting_add(request):
    if not permissions.can_record_decisions(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST, prefix="meeting")
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.meeting_add(actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The meeting is added."))
    return redirect("governance:decisions")


@login_required
def decision_add(request, meeting_id: int):
    if not permissions.can_record_decisions(request.user):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    form = DecisionForm(request.POST or None, prefix="decision")
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        valid_from = fields.pop("valid_from")
        try:
            services.decision_record(
                meeting=meeting, actor=request.user, valid_from=valid_from, **fields
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("governance:decisions")
    return render(request, "governance/decision_form.html", {"form": form, "meeting": meeting})


@login_required
def adoption_update(request, adoption_id: int):
    """One municipality's track of a council decision: its representative or the secretariat
    records when it was sent, put on the agenda and decided, with the case number, the
    paragraph and the minutes."""
    adoption = get_object_or_404(
        Adoption.objects.select_related("decision__meeting", "municipality"), pk=adoption_id
    )
    if not permissions.can_record_adoption(request.user, adoption):
        raise PermissionDenied
    form = AdoptionForm(
        request.POST or None,
        instance=Adoption.objects.select_related("decision__meeting").get(pk=adoption.pk),
    )
    if request.method == "POST" and form.is_valid():
        track = {name: form.cleaned_data[name] for name in services.TRACK_FIELDS}
        try:
            services.adoption_record(
                adoption=adoption, actor=request.user, status=form.cleaned_data["status"], **track
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request, _("%(municipality)s: recorded.") % {"municipality": adoption.municipality}
            )
            return redirect(f"{reverse('governance:decisions')}#beslut-{adoption.decision_id}")
    return render(
        request,
        "governance/adoption_form.html",
        {"form": form, "adoption": adoption, "decision": adoption.decision},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def assignments(request):
    user = request.user
    form = AssignmentForm(request.POST or None) if permissions.can_give_assignments(user) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assignment_give(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The assignment is given."))
                return redirect("governance:assignments")
    items = list(Assignment.objects.select_related("group"))
    for item in items:
        # The statuses this user may move it to, from its table; none: shown, not editable.
        item.steps = core_workflow.available(item, user)
    return render(request, "governance/assignments.html", {"assignments": items, "form": form})


@require_POST
@login_required
def assignment_update(request, pk: int):
    assignment = get_object_or_404(Assignment, pk=pk)
    if not permissions.can_report_on_assignment(request.user, assignment):
        raise PermissionDenied
    # Bound to the assignment, so the model's own checks see its group and dates.
    form = AssignmentUpdateForm(request.POST, instance=assignment)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.assignment_update(assignment=assignment, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The assignment is updated."))
    return redirect("governance:assignments")


@login_required
def matters(request):
    user = request.user
    member_of = Group.objects.filter(pk__in=permissions.member_group_ids(user))
    allow_summons = permissions.can_forward_matters(user)
    groups = Group.objects.filter(status=Group.Status.ACTIVE) if allow_summons else member_of
    form = MatterForm(request.POST or None, groups=groups, allow_summons=allow_summons)
    if request.method == "POST":
        if not groups.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                services.matter_raise(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The matter is with the head of secretariat."))
                return redirect("governance:matters")
    items = Matter.objects.select_related("group")
    if not permissions.can_read_unapproved_plans(user):
        items = items.filter(group__in=member_of)
    items = list(items)
    for item in items:
        item.actions = {t.action for t in core_workflow.available(item, user)}
    return render(
        request,
        "governance/matters.html",
        {
            "matters": items,
            "form": form if groups.exists() else None,
            "decision_form": MatterDecisionForm(initial={"decided_on": timezone.localdate()}),
        },
    )


@require_POST
@login_required
def matter_forward(request, pk: int):
    try:
        services.matter_forward(matter=get_object_or_404(Matter, pk=pk), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("governance:matters")


@require_POST
@login_required
def matter_decide(request, pk: int):
    form = MatterDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(map(str, errors)))
        return redirect("governance:matters")
    try:
        services.matter_decide(
            matter=get_object_or_404(Matter, pk=pk), actor=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("governance:matters")


@login_required
def groups(request):
    if not permissions.can_change_groups(request.user):
        raise PermissionDenied
    form = GroupFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_form(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is formed. Add its members in the administration.")
                % {"name": group.name},
            )
            return redirect("governance:groups")
    return render(
        request,
        "governance/groups.html",
        {
            "form": form,
            "groups": _with_actions(
                Group.objects.select_related("converted_into").order_by("status", "name"),
                request.user,
            ),
            "wind_down_form": WindDownForm(initial={"on": timezone.localdate()}),
            "convert_form": ConvertForm(initial={"on": timezone.localdate()}),
        },
    )


def _with_actions(groups, user) -> list[Group]:
    groups = list(groups)
    for group in groups:
        group.actions = {t.action for t in core_workflow.available(group, user)}
    return groups


@require_POST
@login_required
def group_wind_down(request, pk: int):
    group = get_object_or_404(Group, pk=pk)
    form = WindDownForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.group_wind_down(group=group, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, f"{group.name}: " + " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s is wound down.") % {"name": group.name})
    return redirect("governance:groups")


@require_POST
@login_required
def group_convert(request, pk: int):
    group = get_object_or_404(Group, pk=pk)
    form = ConvertForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        network = services.group_convert_to_network(
            group=group, actor=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, f"{group.name}: " + " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now the network %(network)s, with its members.")
            % {"name": group.name, "network": network.name},
        )
    return redirect("governance:groups")


@require_POST
@login_required
def plan_draft(request):
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, _("Give the year of the new version."))
        return redirect("strategy:plan")
    try:
        version = services.plan_version_draft(year=int(year), actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("strategy:plan")
    messages.success(
        request,
        _(
            "A proposal for %(year)s is drafted from the version in force. "
            "Edit its text in the administration; it comes into force when "
            "the decision to adopt it is recorded."
        )
        % {"year": version.year},
    )
    return redirect(version.get_absolute_url())


# --- The yearly wheel -------------------------------------------------------------------------


@public_page
def wheel(request, year: int):
    """One calendar year drawn as a wheel, with the same dates as a numbered table. Public:
    the dates of the cycle and of the public meetings are no secret."""
    if not 2000 <= year <= 2100:
        raise Http404
    # Every member's board meets about monthly: the wheel shows one member's at a time.
    members = list(Municipality.objects.filter(is_member=True).order_by("name"))
    chosen = next((m for m in members if m.code == request.GET.get("kommun")), None)
    dates = selectors.wheel_dates(year, municipality=chosen, boards=False)
    # Other years are linked while the wheel has something in them (planning years reach
    # a year either side), so that following the links ends.
    planned = PlanningYear.objects.aggregate(first=Min("year"), last=Max("year"))
    first, last = (planned["first"] or year) - 1, (planned["last"] or year) + 1
    return render(
        request,
        "governance/wheel.html",
        {
            "year": year,
            "dates": dates,
            "svg": mark_safe(wheel_svg(year, dates, today=timezone.localdate())),
            "planning_year": PlanningYear.objects.filter(year=year).first(),
            "can_edit": permissions.can_manage_planning_years(request.user),
            "members": members,
            "chosen": chosen,
            "previous": year - 1 if year - 1 >= first else None,
            "next": year + 1 if year + 1 <= last else None,
        },
    )


@login_required
def wheel_edit(request, year: int):
    """The secretariat sets the dates of a planning year's wheel and the members' board
    meetings. The form keeps what was typed when a date is refused."""
    if not permissions.can_manage_planning_years(request.user):
        raise PermissionDenied
    planning_year = get_object_or_404(PlanningYear, year=year)
    form = WheelForm(
        request.POST if request.POST.get("form") == "wheel" else None,
        instance=PlanningYear.objects.get(pk=planning_year.pk),
        prefix="wheel",
    )
    board_form = BoardMeetingForm(
        request.POST if request.POST.get("form") == "board" else None, prefix="board"
    )
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            cycle.wheel_update(year=planning_year, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("The wheel %(year)s is saved: deadlines and reminders follow the new dates.")
                % {"year": year},
            )
            return redirect("governance:wheel_edit", year)
    if request.method == "POST" and board_form.is_bound and board_form.is_valid():
        try:
            services.board_meeting_add(actor=request.user, **board_form.cleaned_data)
        except ValidationError as exc:
            attach_errors(board_form, exc)
        else:
            messages.success(request, _("The board meeting is added to the wheel."))
            return redirect("governance:wheel_edit", year)
    boards = BoardMeeting.objects.filter(
        date__range=(planning_year.first_day, planning_year.last_day)
    ).select_related("municipality")
    return render(
        request,
        "governance/wheel_form.html",
        {"year": planning_year, "form": form, "board_form": board_form, "boards": boards},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def board_meeting_remove(request, pk: int):
    meeting = get_object_or_404(BoardMeeting, pk=pk)
    services.board_meeting_remove(meeting=meeting, actor=request.user)
    messages.success(request, _("The board meeting is removed from the wheel."))
    return redirect("governance:wheel_edit", meeting.date.year)


# --- A council meeting: agenda, decisions, minutes -------------------------------------------


def meeting_detail(request, pk: int):
    """A council meeting: its agenda, its decisions and what they answer, and its minutes
    once approved. Public; the secretariat builds the agenda and writes the minutes here."""
    meeting = get_object_or_404(
        Meeting.objects.filter(body__kind=Body.Kind.COUNCIL).select_related("body"), pk=pk
    )
    user = request.user
    can_record = permissions.can_record_decisions(user)
    agenda_form = AgendaItemForm(
        request.POST if request.POST.get("form") == "agenda" else None, prefix="agenda"
    )
    minutes_form = MinutesForm(
        request.POST if request.POST.get("form") == "minutes" else None,
        instance=Meeting.objects.get(pk=meeting.pk),
        prefix="minutes",
    )
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if agenda_form.is_bound and agenda_form.is_valid():
            try:
                services.agenda_item_add(meeting=meeting, actor=user, **agenda_form.cleaned_data)
            except ValidationError as exc:
                attach_errors(agenda_form, exc)
            else:
                messages.success(request, _("The item is on the agenda."))
                return redirect("governance:meeting", meeting.pk)
        if minutes_form.is_bound and minutes_form.is_valid():
            data = minutes_form.cleaned_data
            try:
                services.minutes_save(
                    meeting=meeting,
                    actor=user,
                    minutes=data["minutes"],
                    approved_on=data["minutes_approved_on"],
                    approved_by=data["minutes_approved_by"],
                )
            except ValidationError as exc:
                attach_errors(minutes_form, exc)
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect("governance:meeting", meeting.pk)
    decisions = meeting.decisions.prefetch_related(
        "matters",
        "assignments",
        Prefetch("adoptions", queryset=Adoption.objects.select_related("municipality")),
    )
    return render(
        request,
        "governance/meeting.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("matter", "assignment"),
            "decisions": decisions,
            "can_record": can_record,
            "agenda_form": agenda_form if can_record else None,
            "minutes_form": minutes_form if can_record and not meeting.minutes_published else None,
            # Matters and assignments under preparation are not public: their links are for
            # signed-in users.
            "show_links": user.is_authenticated,
        },
        status=400 if request.method == "POST" else 200,
    )
