from django.core.management.base import BaseCommand

from recognition.services import purge_expired_messages


class Command(BaseCommand):
    help = (
        "Erase expired contact details and delete expired rejected and withdrawn thank-you messages "
        "(RECOGNITION_CONTACT_RETENTION_DAYS, RECOGNITION_REJECTED_RETENTION_DAYS); a safeguarding "
        "disclosure only once its referral is recorded. Run it daily."
    )

    def handle(self, *args, **options):
        report = purge_expired_messages()
        self.stdout.write(
            f"Contact details erased: {report.contacts_erased}. Messages deleted: {report.messages_deleted}."
        )
