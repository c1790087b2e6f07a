import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from kernportal.scale import PROFILES, USERNAME_PREFIX, new_context


def scale_modules():
    """Each installed app's `scale` module, in INSTALLED_APPS order (kernen before its users)."""
    for config in apps.get_app_configs():
        name = f"{config.name}.scale"
        if find_spec(config.name) and find_spec(name):
            module = import_module(name)
            if hasattr(module, "generate"):  # kernportal.scale holds the shared pieces
                yield module


def generated_rounds() -> int:
    """How many rounds of scale data the database holds (usernames are scale-<round>-<n>)."""
    names = get_user_model().objects.filter(username__startswith=USERNAME_PREFIX)
    rounds = {n.split("-")[1] for n in names.values_list("username", flat=True)}
    return len(rounds)


def has_other_data() -> bool:
    """Rows the generator did not make: users, or whatever an app's scale module reports."""
    users = get_user_model().objects.exclude(username__startswith=USERNAME_PREFIX)
    return users.exists() or any(
        m.has_other_data() for m in scale_modules() if hasattr(m, "has_other_data")
    )


def generate(profile: str, *, seed: int = 1, append: bool = False, force: bool = False):
    """Generate one round of scale data in one transaction; returns the context with counts.

    Refuses a database that holds data the generator did not make (unless `force`) and one
    that already holds generated data (unless `append`, which adds a round on top: new kernen
    and staff, and new history spread over all kernen, the busiest one staying the busiest).
    """
    if not force and has_other_data():
        raise CommandError(
            "De database bevat gegevens die niet door generate_scale_data zijn gemaakt. "
            "Gebruik een lege database, of --force als u dit echt wilt."
        )
    rounds = generated_rounds()
    if rounds and not append:
        raise CommandError(
            f"De database bevat al {rounds} ronde(n) gegenereerde gegevens. "
            "Gebruik --append om er een ronde bij te maken."
        )
    ctx = new_context(profile, seed=seed, round=rounds)
    with transaction.atomic():
        for module in scale_modules():
            module.generate(ctx)
    return ctx


class Command(BaseCommand):
    help = (
        "Generate a realistic, skewed data set over ten years for query tests and the "
        "benchmark (every app with a `scale` module contributes). Bulk inserts, deterministic "
        "for a given seed relative to today."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profile", choices=sorted(PROFILES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--append", action="store_true", help="Add a round to generated data already there."
        )
        parser.add_argument(
            "--force", action="store_true", help="Also run on a database with other data."
        )

    def handle(self, *args, profile, seed, append, force, **options):
        started = time.monotonic()
        ctx = generate(profile, seed=seed, append=append, force=force)
        if connection.vendor == "postgresql":
            # The state a production database is in once autovacuum has caught up (and the
            # only one where autovacuum is off): fresh planner statistics, the visibility map
            # set for index-only scans, the GIN indexes' pending lists merged. Until then
            # PostgreSQL plans with row estimates from before the bulk load. VACUUM cannot
            # run inside a transaction (a test's), ANALYZE can.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        seconds = time.monotonic() - started
        for name, n in ctx.counts.items():
            self.stdout.write(f"  {name:<28} {n:>9,}")
        self.stdout.write(
            self.style.SUCCESS(f"Profiel {profile} (ronde {ctx.round + 1}) in {seconds:.1f} s.")
        )
