from django.urls import reverse

import pytest

from roles.models import BrakeSettings

pytestmark = pytest.mark.django_db


def test_the_brake_setting_is_edited_in_admin_and_stays_one_row(admin_client):
    settings = BrakeSettings.load()
    url = reverse("admin:roles_brakesettings_change", args=[settings.pk])
    response = admin_client.post(url, {"max_per_quarter": "4"})
    assert response.status_code == 302
    assert BrakeSettings.load().max_per_quarter == 4
    assert admin_client.get(reverse("admin:roles_brakesettings_add")).status_code == 403
    delete = reverse("admin:roles_brakesettings_delete", args=[settings.pk])
    assert admin_client.get(delete).status_code == 403


def test_a_maximum_of_zero_is_refused(admin_client):
    settings = BrakeSettings.load()
    url = reverse("admin:roles_brakesettings_change", args=[settings.pk])
    response = admin_client.post(url, {"max_per_quarter": "0"})
    assert response.status_code == 200
    assert BrakeSettings.load().max_per_quarter == 3
