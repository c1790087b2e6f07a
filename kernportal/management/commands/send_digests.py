from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from kernportal.delivery import digests_build_for, digests_send, due_users


class Command(BaseCommand):
    help = (
        "Send the reminder digests that are due now, without a Celery worker (the same code the "
        "beat task runs). Safe to run repeatedly: each user's period is delivered once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent; write nothing."
        )
        parser.add_argument("--user", metavar="USERNAME", help="Only this user.")
        parser.add_argument(
            "--now",
            metavar="ISO-DATETIME",
            help="Pretend it is this moment (e.g. 2026-11-23T07:00+01:00).",
        )

    def handle(self, *args, dry_run=False, user=None, now=None, **options):
        moment = timezone.now()
        if now:
            moment = parse_datetime(now)
            if moment is None:
                raise CommandError(f"--now is not an ISO date-time: {now!r}")
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        users = due_users(moment, username=user)
        if not users:
            self.stdout.write("Niemand heeft nu een overzichtsmail te goed.")
            return
        user_ids = [u.pk for u in users]
        if dry_run:
            for digest in digests_build_for(user_ids, moment).values():
                sections = (
                    ", ".join(f"{s.title} ({items.total})" for s, items in digest.sections)
                    or "leeg"
                )
                self.stdout.write(
                    f"{digest.user.username}: {_points(digest.item_count)} – {sections}"
                )
            self.stdout.write("Proefdraai: er is niets verstuurd of opgeslagen.")
            return
        deliveries = digests_send(user_ids=user_ids, now=moment)
        for delivery in deliveries:
            self.stdout.write(
                f"{delivery.user.username}: {delivery.get_status_display()} ({_points(delivery.item_count)})"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(deliveries)} overzichtsmail(s) afgehandeld."))


def _points(count: int) -> str:
    return f"{count} punt" if count == 1 else f"{count} punten"
