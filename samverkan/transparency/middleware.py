from django.http import JsonResponse
from django.utils.http import http_date
from django.utils.translation import gettext as _

from samverkan.transparency import cache

API_PREFIX = "/api/"
# The schema and its documentation change with a deployment, not with publication.
UNCACHED = ("/api/v1/openapi.json", "/api/v1/docs")


def _message(status: int) -> str:
    if status == 404:
        return _("There is nothing public at this address.")
    if status == 405:
        return _("The open data API only answers GET.")
    if status >= 500:
        return _("Something went wrong on the server. Try again later.")
    return _("The request could not be answered.")


class PublicApiMiddleware:
    """Around the open API: a shared cache, JSON for every error, and Last-Modified.

    The API is the same for everyone, signed in or not, so its answers are cached for all.
    Errors raised outside the API's own handlers (an unknown path, a wrong method, a crash)
    would otherwise come back as HTML pages; a client of a JSON API must get JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.path.startswith(UNCACHED):
            response = self.get_response(request)
        else:
            response = cache.serve(
                request, lambda: self.get_response(request), anonymous_only=False
            )
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith("application/json"):
            allow = response.get("Allow")
            response = JsonResponse(
                {"message": _message(response.status_code), "errors": []},
                status=response.status_code,
            )
            if allow:
                response["Allow"] = allow
        if (
            response.status_code == 200
            and content_type.startswith("application/json")
            and not request.path.startswith(UNCACHED)
        ):
            _generation, changed = cache.current(request)
            response["Last-Modified"] = http_date(changed.timestamp())
            # Clients may keep answers but must ask again; the ETag makes asking cheap.
            response["Cache-Control"] = "no-cache"
        return response
