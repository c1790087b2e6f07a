from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404

import pytest

from initiatives import access
from initiatives.models import Initiative, Status
from kernen.tests.factories import KcpAssignmentFactory, UserFactory

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_the_kcp_of_one_of_its_kernen_may_guide_it(initiative, kcp):
    assert access.get_initiative_for_user(kcp, initiative.pk, write=True) == initiative


def test_a_kcp_of_another_kern_does_not_learn_it_exists(initiative, other_kcp):
    with pytest.raises(Http404):
        access.get_initiative_for_user(other_kcp, initiative.pk)


def test_guiding_is_limited_to_the_kcps_own_kernen(initiative, other_kcp):
    assert not access.can_manage(other_kcp, initiative)


def test_seeing_every_initiative_does_not_mean_guiding_every_one(initiative, kern):
    reader = UserFactory()
    codenames = ["view_initiative", "view_all_initiatives", "change_initiative", "view_kern"]
    reader.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    assert access.get_initiative_for_user(reader, initiative.pk) == initiative
    assert not access.can_manage(reader, initiative)
    with pytest.raises(PermissionDenied):
        access.get_initiative_for_user(reader, initiative.pk, write=True)


def test_a_kcp_of_a_second_kern_of_the_initiative_may_guide_it(initiative, other_kern, other_kcp):
    initiative.kernen.add(other_kern)
    assert access.can_manage(other_kcp, initiative)


def test_a_former_kcp_loses_access(kern):
    former = KcpAssignmentFactory(kern=kern, ended=True).user
    initiative = InitiativeFactory(kernen=[kern])
    assert not access.can_view(former, initiative)


def test_a_kcp_who_is_the_contact_official_elsewhere_may_guide_it(other_kcp, kern):
    initiative = InitiativeFactory(kernen=[kern], contact_official=other_kcp)
    assert access.can_manage(other_kcp, initiative)


def test_a_colleague_sees_only_what_they_are_official_of_and_changes_nothing(colleague, kern):
    theirs = InitiativeFactory(kernen=[kern], contact_official=colleague)
    other = InitiativeFactory(kernen=[kern])
    assert access.get_initiative_for_user(colleague, theirs.pk) == theirs
    with pytest.raises(PermissionDenied):
        access.get_initiative_for_user(colleague, theirs.pk, write=True)
    with pytest.raises(Http404):
        access.get_initiative_for_user(colleague, other.pk)
    assert list(Initiative.objects.visible_to(colleague)) == [theirs]


def test_the_alderman_sees_all_and_decides_but_does_not_guide(initiative, wethouder):
    assert access.get_initiative_for_user(wethouder, initiative.pk) == initiative
    assert not access.can_manage(wethouder, initiative)
    assert access.can_decide(wethouder, initiative)
    assert access.can_transition(wethouder, initiative, Status.GRANTED)
    assert not access.can_transition(wethouder, initiative, Status.FIRST_CONVERSATION)
    assert not access.can_grant(wethouder, initiative)


def test_the_kcp_guides_but_does_not_decide_or_grant(initiative, kcp):
    assert access.can_transition(kcp, initiative, Status.FIRST_CONVERSATION)
    assert not access.can_transition(kcp, initiative, Status.GRANTED)
    assert not access.can_grant(kcp, initiative)


def test_the_regisseur_does_everything(initiative, regisseur):
    assert access.can_manage(regisseur, initiative)
    assert access.can_decide(regisseur, initiative)
    assert access.can_grant(regisseur, initiative)


def test_someone_without_the_capability_gets_403(initiative, outsider):
    with pytest.raises(PermissionDenied):
        access.get_initiative_for_user(outsider, initiative.pk)
    assert not Initiative.objects.visible_to(outsider).exists()


def test_an_unknown_initiative_is_404(regisseur):
    with pytest.raises(Http404):
        access.get_initiative_for_user(regisseur, 987654)


def test_visible_to_matches_can_view_for_every_persona(kern, kcp, other_kcp, colleague, wethouder):
    initiatives = [
        InitiativeFactory(kernen=[kern]),
        InitiativeFactory(kernen=[kern], contact_official=colleague),
        InitiativeFactory(kernen=[kern], contact_official=other_kcp),
    ]
    for user in (kcp, other_kcp, colleague, wethouder, UserFactory()):
        visible = set(Initiative.objects.visible_to(user))
        assert visible == {i for i in initiatives if access.can_view(user, i)}, user
