"""A database that is down gets residents the friendly 503 page; other errors the 500 page."""

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


def test_a_database_error_answers_the_friendly_503_page(settings):
    settings.ROOT_URLCONF = "kernportal.tests.failing_urls"
    response = Client(raise_request_exception=False).get("/weg/")
    assert response.status_code == 503
    assert "Kernportal is even niet bereikbaar" in response.text
    assert response["Retry-After"] == "30"
    assert "could not connect" not in response.text


def test_any_other_error_answers_the_500_page(settings):
    settings.ROOT_URLCONF = "kernportal.tests.failing_urls"
    response = Client(raise_request_exception=False).get("/kapot/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
