from django.core.management.base import BaseCommand

from recognition.tasks import send_moderation_digests


class Command(BaseCommand):
    help = (
        "Email each force's moderators about new pending thank-you messages, at most once per force "
        "every RECOGNITION_DIGEST_MINUTES. Run it from cron every few minutes."
    )

    def handle(self, *args, **options):
        sent = send_moderation_digests.call()
        self.stdout.write(f"Moderation digests sent: {sent}.")
