from django.core.management.base import BaseCommand

from home.demo import seed_site
from home.models import ForceHubPage
from recognition.demo import seed_messages
from recognition.models import ForceRecognitionSettings

# Two forces name their own data controller in the privacy notice (`?force=<slug>`); the others
# show the fallback, the force's name. Reserved .example addresses: demo values only.
DEMO_PRIVACY_CONTROLLERS = {
    "hertfordshire": "The Chief Constable of Hertfordshire Constabulary",
    "gwent": "The Chief Constable of Gwent Police",
}


def seed_privacy_controllers() -> None:
    """Fills in the demo forces' data controllers where no editor has set one."""
    for hub in ForceHubPage.objects.filter(slug__in=DEMO_PRIVACY_CONTROLLERS, locale__language_code="en"):
        own, _created = ForceRecognitionSettings.objects.get_or_create(force=hub)
        if not own.privacy_controller_name:
            own.privacy_controller_name = DEMO_PRIVACY_CONTROLLERS[hub.slug]
            own.privacy_controller_address = f"{hub.title} headquarters (demo address)"
            own.data_protection_officer_email = f"data-protection@{hub.slug}.police.example"
            own.save()


class Command(BaseCommand):
    help = (
        "Create or refresh the demo site: the national home, 43 force hubs with their content and "
        "editor groups, and thank-you messages in every state. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        home = seed_site()
        seed_messages()
        seed_privacy_controllers()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under '{home.title}'."))
