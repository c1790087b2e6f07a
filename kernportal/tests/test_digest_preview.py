from django.urls import reverse

import pytest

from kernen.tests.factories import KcpAssignmentFactory

pytestmark = pytest.mark.django_db

URL = reverse("kernen:digest_preview")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_without_staff_capability_is_forbidden(client_for, outsider):
    assert client_for(outsider).get(URL).status_code == 403


def test_it_previews_the_next_digest_as_it_would_be_sent(client_for, kernen_section):
    user = KcpAssignmentFactory(kern__name="Egchel", kern__slug="egchel").user
    response = client_for(user).get(URL)
    assert response.status_code == 200
    assert "Kernportal: 1 punt voor u" in response.text
    assert "Kern Egchel" in response.text
    assert "Uw kernen" in response.text
    assert "De mail gaat om 7 uur" in response.text  # the hour of the beat schedule in the database


def test_it_says_when_the_digest_would_be_empty(client_for, colleague, kernen_section):
    response = client_for(colleague).get(URL)
    assert "Een lege overzichtsmail wordt niet verstuurd." in response.text


def test_it_saves_preferences(client_for, colleague):
    response = client_for(colleague).post(
        URL, {"digest_frequency": "daily", "digest_weekday": "2", "immediate_notifications": ""}
    )
    assert response.status_code == 302
    colleague.profile.refresh_from_db()
    assert colleague.profile.digest_frequency == "daily"
    assert colleague.profile.digest_weekday == 2
    assert colleague.profile.immediate_notifications is False


def test_it_rejects_an_unknown_frequency_in_dutch(client_for, colleague):
    response = client_for(colleague).post(
        URL, {"digest_frequency": "hourly", "digest_weekday": "0"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    colleague.profile.refresh_from_db()
    assert colleague.profile.digest_frequency == "weekly"
