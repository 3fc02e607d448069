"""The feed, mounted at /api/v1/ outside the language prefixes: one address per answer."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from .throttling import FeedRateThrottle
from .views import ForceListView, MessageListView


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI 3 description, JSON only; building it is work, so it is throttled too."""

    throttle_classes = [FeedRateThrottle]


app_name = "api"

urlpatterns = [
    path("messages/", MessageListView.as_view(), name="messages"),
    path("forces/", ForceListView.as_view(), name="forces"),
    path("schema/", SchemaView.as_view(), name="schema"),
]
