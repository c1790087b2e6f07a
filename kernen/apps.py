from django.apps import AppConfig


class KernenConfig(AppConfig):
    name = "kernen"
    verbose_name = "Kernen"
