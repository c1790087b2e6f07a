from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kernportal.privacy import retention_apply


class Command(BaseCommand):
    help = (
        "Anonimiseert of verwijdert persoonsgegevens waarvan de bewaartermijn verstreken is. "
        "Draai eerst met --dry-run: dan wordt alleen getoond wat zou verdwijnen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Niets wijzigen, alleen tonen.")
        parser.add_argument("--by", help="Gebruikersnaam van wie dit uitvoert (audit trail).")

    def handle(self, *args, dry_run=False, by=None, **options):
        user = None
        if by:
            user = get_user_model().objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"Gebruiker {by!r} bestaat niet.")
        run = retention_apply(dry_run=dry_run, by=user)
        verb = "zou verdwijnen" if dry_run else "verwijderd of geanonimiseerd"
        for label, part in run.removed.items():
            ids = ", ".join(map(str, part["ids"][:20])) + (" …" if part["count"] > 20 else "")
            self.stdout.write(f"{label}: {part['count']} {verb}" + (f" (ids {ids})" if ids else ""))
        self.stdout.write(self.style.SUCCESS(f"Vastgelegd als bewaartermijnronde {run.pk}."))
