from django.core.management.base import BaseCommand

from home.demo import seed_site


class Command(BaseCommand):
    help = "Create or refresh the demo site: the national home, 43 force hubs and their editor groups."

    def handle(self, *args, **options):
        home = seed_site()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under '{home.title}'."))
