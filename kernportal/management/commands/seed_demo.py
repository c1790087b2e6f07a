from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load illustrative demo data (idempotent). Every app with a `demo` module contributes, in "
        "INSTALLED_APPS order. Refuses to run with DEBUG off, because it creates known passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, quiet=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo maakt gebruikers met bekende wachtwoorden en draait daarom alleen met "
                "DJANGO_DEBUG aan."
            )
        logins = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(config.name) and find_spec(module_name):
                    module = import_module(module_name)
                    module.seed()
                    # An app that creates demo users lists them as (username, password, what).
                    logins.extend(getattr(module, "DEMO_LOGINS", ()))
        if not quiet:
            self.stdout.write(self.style.SUCCESS("Demodata geladen. Inloggen kan met:"))
            for username, password, what in logins:
                self.stdout.write(f"  {username:<24} {password}   ({what})")
            self.stdout.write("Open http://127.0.0.1:8000/ in uw browser.")
