from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core import charts
from samverkan.core.cache import public_page
from samverkan.core.http import missing_is_404
from samverkan.followup import analysis, imports, selectors, tasks
from samverkan.followup.forms import ImportForm, ValueForm
from samverkan.followup.kolada import Row
from samverkan.followup.models import SyncRun
from samverkan.followup.services import comparison_areas, value_enter
from samverkan.organisation.models import Municipality
from samverkan.organisation.selectors import cooperation

LIGHTS = {
    analysis.ON_TRACK: "on_track",
    analysis.AT_RISK: "at_risk",
    analysis.OFF_TRACK: "off_track",
    analysis.UNKNOWN: "unknown",
}


@public_page
@missing_is_404
def indicator(request, slug: str):
    view = selectors.indicator_view(slug)
    chart = None
    if view.series:
        target = (view.target.year, float(view.target.value)) if view.target else None
        chart = charts.line_svg(
            view.series,
            title=view.indicator.title,
            emphasised=view.emphasised,
            target=target,
            unit=view.indicator.unit,
            region=view.region_label,
        )
    return render(
        request,
        "followup/indicator.html",
        {
            "v": view,
            "chart": chart,
            "light": LIGHTS[view.light],
            # Counts read best whole, rates and shares with one decimal, alike in every cell;
            # "g" groups the thousands as the language does (153 151, not 153151).
            "decimals": "0g" if view.indicator.rule == "sum" else "1g",
        },
    )


@public_page
def vision(request):
    return render(
        request,
        "followup/vision.html",
        {
            "vision": selectors.vision(),
            "cooperation": cooperation(),
            # The population's own page: each municipality's figures, year by year.
            "population": selectors.population_indicator(),
        },
    )


def _require_manager(request) -> None:
    if not permissions.can_manage_indicators(request.user):
        raise PermissionDenied


def _areas() -> list[tuple[str, str]]:
    members = [
        (m.code, f"{m.name} ({m.code})")
        for m in Municipality.objects.filter(is_member=True).order_by("name")
    ]
    return [*members, *((code, f"{name} ({code})") for code, name in comparison_areas().items())]


def manage(request):
    """Enter a value by hand, or import a file of them; all rows checked, all or nothing."""
    _require_manager(request)
    import_form = ImportForm()
    value_form = ValueForm(areas=_areas())
    errors = []
    if request.method == "POST" and "file" in request.FILES:
        import_form = ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                changed = imports.values_import(
                    name=upload.name, content=upload.read(), actor=request.user
                )
            except imports.ImportRefused as exc:
                errors = exc.errors
            else:
                messages.success(
                    request, _("Imported: %(n)s values new or changed.") % {"n": changed}
                )
                return redirect("followup:manage")
    elif request.method == "POST":
        value_form = ValueForm(request.POST, areas=_areas())
        if value_form.is_valid():
            data = value_form.cleaned_data
            row = Row(
                data["indicator"].kolada_kpi or data["indicator"].slug,
                data["area"],
                data["year"],
                data["gender"],
                data["value"],
                "",
            )
            value_enter(indicator=data["indicator"], row=row, actor=request.user)
            messages.success(request, _("The value is saved."))
            return redirect("followup:manage")
    return render(
        request,
        "followup/manage.html",
        {
            "import_form": import_form,
            "value_form": value_form,
            "errors": errors,
            "runs": SyncRun.objects.all()[:20],
        },
    )


@require_POST
def kolada_sync(request):
    """Start a Kolada sync of every indicator in the background; its runs appear below."""
    _require_manager(request)
    tasks.kolada_sync_all.enqueue()
    messages.success(
        request,
        _(
            "The sync with Kolada has started in the background. Its result appears under "
            "Kolada syncs when it is done; reload the page to see it."
        ),
    )
    return redirect("followup:manage")


def template(request, fmt: str):
    _require_manager(request)
    if fmt == "csv":
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            imports.template_xlsx(),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="indikatorvarden-mall.{fmt}"'
    return response
