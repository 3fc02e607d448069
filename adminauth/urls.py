from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify, name="adminauth_verify"),
    path("enrol/", views.enrol, name="adminauth_enrol"),
    path("", views.manage, name="adminauth_manage"),
    path("recovery-codes/", views.recovery_codes, name="adminauth_recovery_codes"),
    path("turn-off/", views.turn_off, name="adminauth_turn_off"),
]
