"""The cooperation's own names for templates rendered outside a request (mails), where the
context processor does not run."""

from django import template

from samverkan.organisation.models import Body
from samverkan.organisation.selectors import body_of_kind, cooperation_name

register = template.Library()


@register.simple_tag
def secretariat_name() -> str:
    """How a mail from the secretariat is signed: its name as the cooperation's data says."""
    body = body_of_kind(Body.Kind.SECRETARIAT)
    return body.name if body else cooperation_name()
