from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kernportal.backup import RestoreMismatch, backup_create, backup_verify


class Command(BaseCommand):
    help = (
        "Back up the database and uploaded files, then prove the backup restores: it is "
        "restored into a scratch database and compared table by table and file by file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="Directory for backups.")
        parser.add_argument("--no-verify", action="store_true", help="Skip the restore check.")
        parser.add_argument(
            "--verify", metavar="BACKUP_DIR", help="Only check an existing backup directory."
        )

    def handle(self, *args, output, no_verify, verify, **options):
        if verify:
            path = Path(verify)
        else:
            path = backup_create(output=Path(output))
            self.stdout.write(f"Backup written to {path}")
            if no_verify:
                return
        try:
            summary = backup_verify(path=path)
        except RestoreMismatch as exc:
            raise CommandError(f"The restore check FAILED for {path}:\n{exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore check passed: {summary['tables']} tables, {summary['rows']} rows "
                f"and {summary['files']} files restored exactly as backed up."
            )
        )
