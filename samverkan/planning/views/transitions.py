"""Taking a workflow step from a posted button, shared by plans, reports and interim reports."""

from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest

from samverkan.core import workflow as core_workflow
from samverkan.planning.forms import TransitionForm

Doc = TypeVar("Doc", bound=models.Model)


def take_transition(
    request: HttpRequest, flow: core_workflow.Workflow, document: Doc, action: str
) -> Doc | None:
    """Take `action` on `document` with the posted comment, when the step offers one. A
    refusal is shown to the user as messages; the updated document, or None if refused."""
    if action not in flow.actions():
        raise Http404
    form = TransitionForm(request.POST)
    form.is_valid()
    taken = flow.find(action, document)
    comment = form.cleaned_data.get("comment", "") if taken and taken.offers_comment else ""
    try:
        return core_workflow.transition(document, action, actor=request.user, comment=comment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
