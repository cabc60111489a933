from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.accounts import permissions
from samverkan.organisation.selectors import cooperation
from samverkan.setup import services
from samverkan.setup.forms import SetupForm
from samverkan.setup.reader import SetupFileError


@login_required
def setup_page(request):
    """The same set-up as `samverkan setup PATH`, for an administrator without a shell."""
    if not permissions.can_set_up_cooperation(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = SetupForm(request.POST if posted else None, request.FILES if posted else None)
    problems = []
    if posted and form.is_valid():
        try:
            tally = services.setup_from_text(
                form.cleaned_data["text"], actor=request.user, source=form.cleaned_data["source"]
            )
        except SetupFileError as exc:
            problems = exc.problems
        else:
            if tally.changed:
                messages.success(request, _("The cooperation is set up."))
            else:
                messages.info(request, _("The file matches what is already here; nothing changed."))
            logo = services.logo_left_out(form.cleaned_data["text"])
            if logo:
                messages.info(
                    request,
                    _(
                        "The file names the logo %(file)s, which cannot come along with an "
                        "upload: upload it in the administration, under the cooperation."
                    )
                    % {"file": logo},
                )
            return redirect("transparency:home")
    return render(
        request,
        "setup/setup.html",
        {"form": form, "problems": problems, "cooperation": cooperation()},
    )
