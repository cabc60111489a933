"""How views translate what selectors say into HTTP."""

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404


def missing_is_404(view):
    """Selectors raise the model's DoesNotExist for a row that is not there; for a page
    that is a 404, for a service or a command it is a bug to see."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404 from exc

    return wrapper
