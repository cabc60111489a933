"""The cooperation's logo, served from the database to the header and to anyone."""

import hashlib

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from samverkan.organisation.selectors import cooperation_logo

# An SVG opened on its own is a document: no scripts, no fetches, whatever slipped through.
LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@require_safe
def logo(request):
    found = cooperation_logo()
    if found is None:
        raise Http404("No logo")
    data, logo_type, updated = found
    etag = quote_etag(hashlib.sha256(data).hexdigest()[:32])
    last_modified = int(updated.timestamp()) if updated else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(data, content_type=logo_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # The header asks with ?v=<time of change>, so a new logo is a new address.
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if request.GET.get("v") else "public, max-age=300"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = LOGO_CSP
    return response
