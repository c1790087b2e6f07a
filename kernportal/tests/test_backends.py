from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db


def _perm(codename):
    return Permission.objects.get(codename=codename)


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def user():
    user = get_user_model().objects.create_user("piet", password="geheim-wachtwoord-42")
    group = Group.objects.create(name="lezers")
    group.permissions.add(_perm("view_kern"))
    user.groups.add(group)
    user.user_permissions.add(_perm("change_kern"))
    return _fresh(user)


def test_direct_and_group_permissions_are_read_in_one_query(user):
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("kernen.view_kern")
        assert user.has_perm("kernen.change_kern")
        assert not user.has_perm("kernen.delete_kern")
    assert len(queries.captured_queries) == 1
    assert user.get_all_permissions() == {"kernen.view_kern", "kernen.change_kern"}


def test_an_inactive_user_holds_no_permission(user):
    user.is_active = False
    assert not user.has_perm("kernen.view_kern")


def test_a_superuser_holds_every_permission():
    admin = get_user_model().objects.create_superuser("beheer", password="geheim-wachtwoord-42")
    assert _fresh(admin).has_perm("kernen.delete_kern")


def test_logging_in_still_goes_through_the_model_backend(rf, user):
    """A login records the ModelBackend path in the session, as before, so sessions from
    before stay valid."""
    request = rf.post("/")
    authenticated = authenticate(request, username="piet", password="geheim-wachtwoord-42")
    assert authenticated == user
    assert authenticated.backend == "django.contrib.auth.backends.ModelBackend"
    assert authenticate(request, username="piet", password="fout") is None
