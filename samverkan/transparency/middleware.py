from django.http import JsonResponse
from django.utils.cache import set_response_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _

from samverkan.core import cache

API_PREFIX = "/api/"
# The schema and its documentation change with a deployment, not with publication.
UNCACHED = ("/api/v1/openapi.json", "/api/v1/docs")
# Kept from the answer an error replaces.
KEPT_HEADERS = ("Allow", "Vary", "Content-Language")


def _message(status: int) -> str:
    if status == 404:
        return _("There is nothing public at this address.")
    if status == 405:
        return _("The open data API only answers GET.")
    if status >= 500:
        return _("Something went wrong on the server. Try again later.")
    return _("The request could not be answered.")


class ApiErrorsMiddleware:
    """JSON for every error under /api/, wherever it was raised.

    Errors raised outside the API's own handlers (an unknown path, a wrong method, a crash, or
    a Host header not in ALLOWED_HOSTS, refused by CommonMiddleware before any view) would
    otherwise come back as HTML pages; a client of a JSON API must get JSON. It sits early in
    MIDDLEWARE so that it sees the errors of every later middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        answer = JsonResponse(
            {"message": _message(response.status_code), "errors": []},
            status=response.status_code,
        )
        for header in KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        if "GET" in answer.get("Allow", "") and "HEAD" not in answer["Allow"]:
            answer["Allow"] += ", HEAD"
        return answer


class PublicApiMiddleware:
    """Around the open API: a shared cache, HEAD, Last-Modified and the ETag.

    The API is the same for everyone, signed in or not, so its answers are cached for all.
    HEAD is answered as GET (RFC 9110: the same headers, without the body, which the server
    leaves out), from the same cached copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            if request.path.startswith(UNCACHED):
                response = self.get_response(request)
            else:
                response = cache.serve(
                    request, lambda: self.get_response(request), anonymous_only=False
                )
        finally:
            if head:
                request.method = "HEAD"
        if (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("application/json")
            and not request.path.startswith(UNCACHED)
        ):
            _generation, changed = cache.current(request)
            response["Last-Modified"] = http_date(changed.timestamp())
            # Clients may keep answers but must ask again; the ETag makes asking cheap.
            response["Cache-Control"] = "no-cache"
            # Here as well as in ConditionalGetMiddleware, which leaves HEAD alone: the same
            # digest of the body a GET gets, so HEAD carries the same ETag. The 304 answers to
            # GET are ConditionalGetMiddleware's (a HEAD has no body to save).
            set_response_etag(response)
        return response
