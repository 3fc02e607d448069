from django.urls import path, re_path

from . import views
from .views.submission import receipt
from .views.wall import MESSAGE_ID_PATTERN, forces_stylesheet, wall_message

app_name = "recognition"

urlpatterns = [
    path("new/", views.submit, name="submit"),
    # The receipt and the withdraw link share one private token: whoever holds either holds both.
    re_path(r"^received/(?P<token>[0-9a-f]{64})/$", receipt, name="receipt"),
    re_path(r"^withdraw/(?P<token>[0-9a-f]{64})/$", views.withdraw, name="withdraw"),
    path("privacy/", views.privacy, name="privacy"),
    path("forces.css", forces_stylesheet, name="forces_stylesheet"),
    # The wall last: a force's slug never shadows the pages above.
    path("", views.wall, name="wall"),
    path("<slug:force_slug>/", views.wall, name="force_wall"),
    # One message's page, to share: under its force, so it never meets the pages above either.
    re_path(
        rf"^(?P<force_slug>[-a-zA-Z0-9_]{{1,100}})/(?P<message_id>{MESSAGE_ID_PATTERN})/$",
        wall_message,
        name="wall_message",
    ),
]
