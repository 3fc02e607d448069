from django.urls import path, re_path

from . import views
from .views.submission import receipt

app_name = "recognition"

urlpatterns = [
    path("new/", views.submit, name="submit"),
    # The receipt and the withdraw link share one private token: whoever holds either holds both.
    re_path(r"^received/(?P<token>[0-9a-f]{64})/$", receipt, name="receipt"),
    re_path(r"^withdraw/(?P<token>[0-9a-f]{64})/$", views.withdraw, name="withdraw"),
    path("privacy/", views.privacy, name="privacy"),
    # The wall last: a force's slug never shadows the pages above.
    path("", views.wall, name="wall"),
    path("<slug:force_slug>/", views.wall, name="force_wall"),
]
