"""The site's URLs plus `/bench/bare/`: the least a Django view can do under the same server and
middleware, a fixed byte string made once. Every figure of the benchmark is a ratio to it."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns

BARE_BODY = b'{"results": [], "next": null, "paused": null}'


def bare(request):
    return HttpResponse(BARE_BODY, content_type="application/json")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
