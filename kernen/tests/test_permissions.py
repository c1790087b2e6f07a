from django.contrib.auth.models import Group

import pytest

pytestmark = pytest.mark.django_db


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_the_data_migration_creates_the_five_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "KCP",
        "gebiedsregisseur",
        "wethouder",
        "medewerker",
        "beheerder",
    }


def test_only_managers_may_assign_kcps_or_manage_all_kernen():
    for name in ("KCP", "wethouder", "medewerker"):
        assert "kernen.add_kcpassignment" not in perms(name)
        assert "kernen.manage_all_kernen" not in perms(name)
    for name in ("gebiedsregisseur", "beheerder"):
        assert {"kernen.add_kcpassignment", "kernen.manage_all_kernen"} <= perms(name)


def test_readers_cannot_change_kernen():
    for name in ("wethouder", "medewerker"):
        assert "kernen.view_kern" in perms(name)
        assert "kernen.change_kern" not in perms(name)
    assert "kernen.change_kern" in perms("KCP")
