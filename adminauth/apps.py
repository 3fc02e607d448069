from django.apps import AppConfig


class AdminAuthConfig(AppConfig):
    name = "adminauth"
    verbose_name = "Admin login"

    def ready(self):
        # The login's failures and lockouts reach us only as signals (Django's and axes'), so the
        # audit log listens to them.
        from . import audit

        audit.connect()
