"""Helpers for data migrations. Kept stable: migrations import them long after they are written."""


def grant_group_permissions(apps, matrix: dict[str, list[str]]) -> None:
    """Create the groups in `matrix` if needed and give them the listed "app_label.codename"s.

    Permissions are normally created after all migrations ran; create them now so a data
    migration can hand them out.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in matrix.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def noop(apps, schema_editor):
    """Reverse of a permission grant: groups and permissions may stay."""
