from django.urls import path

from . import views

app_name = "screens"

urlpatterns = [
    path("service-worker.js", views.screen_service_worker, name="service_worker"),
    path("<slug:force_slug>/", views.force_screen, name="force"),
    path("<slug:force_slug>/<slug:station_slug>/", views.station_screen, name="station"),
]
