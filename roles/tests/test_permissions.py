from django.contrib.auth.models import Group

import pytest

pytestmark = pytest.mark.django_db


def perms(group):
    return set(
        Group.objects.get(name=group)
        .permissions.filter(content_type__app_label="roles")
        .values_list("codename", flat=True)
    )


def test_the_data_migration_gives_each_group_its_roles_permissions():
    assert perms("medewerker") == {"add_participationrequest", "add_classification"}
    assert perms("wethouder") == {"view_overview"}
    assert {"change_participationreview", "change_quietperiod"} <= perms("KCP")
    assert "review_any_participation" not in perms("KCP")
    assert {"review_any_participation", "view_overview", "view_load_heatmap"} <= perms(
        "gebiedsregisseur"
    )
    assert "change_brakesettings" in perms("beheerder")
    assert "change_brakesettings" not in perms("gebiedsregisseur")
