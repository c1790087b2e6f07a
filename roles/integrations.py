"""How roles learns what it can classify without importing the other apps: every installed app
with a `role_targets` module registers its models (and community-agenda sources) there, passing
each its own access check. An app that is not installed simply offers nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from . import classifiable

MODULE = "role_targets"


def register_all() -> None:
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if find_spec(config.name) and find_spec(name):
            import_module(name).register(classifiable)
