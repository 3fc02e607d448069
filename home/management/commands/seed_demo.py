from django.core.management.base import BaseCommand

from home.demo import seed_site
from recognition.demo import seed_messages


class Command(BaseCommand):
    help = (
        "Create or refresh the demo site: the national home, 43 force hubs with their content and "
        "editor groups, and thank-you messages in every state. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        home = seed_site()
        seed_messages()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under '{home.title}'."))
