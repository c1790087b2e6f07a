from django.core.management.base import BaseCommand
from django.db import transaction

from kernportal.mail import outbox_enqueue


class Command(BaseCommand):
    help = "Send a test e-mail through the outbox and Celery, to check the mail set-up."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        with transaction.atomic():
            email = outbox_enqueue(
                to=[address], template="test_message", context={"name": address}, kind="test"
            )
        self.stdout.write(f"Outbox e-mail {email.pk} queued for {address}.")
