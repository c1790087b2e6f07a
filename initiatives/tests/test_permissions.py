from django.contrib.auth.models import Group

import pytest

pytestmark = pytest.mark.django_db


def perms(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
        if p.content_type.app_label == "initiatives"
    }


def test_every_staff_group_may_see_initiatives():
    for name in ("KCP", "gebiedsregisseur", "wethouder", "medewerker", "beheerder"):
        assert "initiatives.view_initiative" in perms(name)


def test_only_managers_see_and_guide_all_and_manage_funds():
    for name in ("gebiedsregisseur", "beheerder"):
        assert {
            "initiatives.manage_all_initiatives",
            "initiatives.add_grant",
            "initiatives.change_fund",
        } <= perms(name)
    for name in ("KCP", "wethouder", "medewerker"):
        assert "initiatives.manage_all_initiatives" not in perms(name)
        assert "initiatives.add_grant" not in perms(name)


def test_the_alderman_views_all_decides_and_sees_escalations_but_does_not_guide():
    assert {
        "initiatives.view_all_initiatives",
        "initiatives.view_escalations",
        "initiatives.decide_initiative",
    } <= perms("wethouder")
    assert "initiatives.change_initiative" not in perms("wethouder")


def test_a_kcp_guides_but_does_not_decide_and_a_colleague_only_views():
    assert "initiatives.change_initiative" in perms("KCP")
    assert "initiatives.decide_initiative" not in perms("KCP")
    assert perms("medewerker") == {"initiatives.view_initiative"}
