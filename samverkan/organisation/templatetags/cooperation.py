"""The cooperation's own names for templates rendered outside a request (mails), where the
context processor does not run."""

from django import template

from samverkan.organisation.models import Body, Cooperation
from samverkan.organisation.selectors import body_of_kind, cooperation_name, group_kind_name

register = template.Library()


@register.simple_tag
def secretariat_name() -> str:
    """How a mail from the secretariat is signed: its name as the cooperation's data says."""
    body = body_of_kind(Body.Kind.SECRETARIAT)
    return body.name if body else cooperation_name()


@register.simple_tag(takes_context=True)
def own_kind_name(context, kind: str, plural: bool = False) -> str:
    """The cooperation's own word for a kind of group, or "" where it has none."""
    coop = context.get("cooperation")
    return coop.own_kind_name(kind, plural=plural) if isinstance(coop, Cooperation) else ""


@register.simple_tag(takes_context=True)
def kind_name(context, kind: str, plural: bool = False) -> str:
    """`{% kind_name group.kind %}`: what the cooperation calls that kind of group. Reads the
    cooperation the context processor already loaded, so a list of groups costs no query
    per row."""
    coop = context.get("cooperation")
    return group_kind_name(
        kind, plural=plural, coop=coop if isinstance(coop, Cooperation) else None
    )
