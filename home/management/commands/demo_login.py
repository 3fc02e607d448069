import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_USERNAME = "demo-admin"


class Command(BaseCommand):
    help = (
        "Print the demo administrator's login, creating the account with a random password on first "
        "run. The password is kept in var/demo-login (ignored by git), never in the code."
    )

    def handle(self, *args, **options):
        credentials = settings.VAR_DIR / "demo-login"
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_USERNAME).first()
        password = credentials.read_text().strip() if credentials.exists() else ""
        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user = user or user_model(username=DEMO_USERNAME, email="demo-admin@example.invalid")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.touch(mode=0o600)
            credentials.write_text(password + "\n")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(f"Admin: {admin_url}  user: {DEMO_USERNAME}  password: {password}")
