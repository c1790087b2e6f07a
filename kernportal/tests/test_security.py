"""Login lockout, the client address behind proxies, idle sessions, passwords and the
security log."""

import logging
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from kernen.tests.factories import UserFactory
from kernportal.security import client_ip

PASSWORD = "geheim-wachtwoord"


@pytest.fixture
def jan(db):
    return UserFactory(username="jan", groups=["medewerker"])


def _login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_it_locks_an_account_for_an_address_after_five_failures(client, jan):
    for _ in range(5):
        assert _login(client, "jan", "fout-wachtwoord").status_code in (200, 429)
    response = _login(client, "jan", PASSWORD)
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.text
    assert "15 minuten" in response.text
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, jan):
    for _ in range(4):
        _login(client, "jan", "fout-wachtwoord")
    assert _login(client, "jan", PASSWORD).status_code == 302


def test_the_lockout_holds_only_for_that_account_and_address(client, jan):
    UserFactory(username="piet")
    for _ in range(5):
        _login(client, "jan", "fout-wachtwoord", ip="203.0.113.7")
    # The attacker cannot lock Jan out from elsewhere, nor other accounts from their address.
    assert _login(client, "jan", PASSWORD, ip="198.51.100.20").status_code == 302
    client.post(reverse("logout"))
    assert _login(client, "piet", PASSWORD, ip="203.0.113.7").status_code == 302


def test_the_lockout_ends_after_the_cooloff(client, jan):
    for _ in range(5):
        _login(client, "jan", "fout-wachtwoord")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _login(client, "jan", PASSWORD).status_code == 302


def test_the_lockout_keys_on_the_address_the_trusted_proxy_saw(settings, client, jan):
    settings.KERNPORTAL_TRUSTED_PROXIES = 1
    for n in range(5):
        # The client forges the left-most entry each time; the proxy appends the real one.
        client.post(
            reverse("login"),
            {"username": "jan", "password": "fout"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.7",
        )
    response = client.post(
        reverse("login"),
        {"username": "jan", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7",
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),
        (1, "not-an-address", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.KERNPORTAL_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_an_idle_session_ends_after_thirty_minutes(client_for, jan):
    client = client_for(jan)
    assert client.get(reverse("kernen:dashboard")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get(reverse("kernen:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert "te lang niet actief" in client.get(response.url).text


def test_an_active_session_stays(client_for, jan):
    client = client_for(jan)
    start = timezone.now()
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(reverse("kernen:dashboard")).status_code == 200


@pytest.mark.parametrize("password", ["kort-wacht1", "password1234", "123456789012"])
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted(db):
    validate_password("lantaarnpaal-egchel-7-kerk")


def test_security_events_are_logged_with_structured_fields(client, jan, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    _login(client, "jan", "fout-wachtwoord")
    _login(client, "jan", PASSWORD)
    events = {r.event: r for r in caplog.records if r.name == "kernportal.security"}
    assert events["login_failed"].username == "jan"
    assert events["login_failed"].ip == "203.0.113.7"
    assert events["login"].user_id == jan.pk
    assert all("fout-wachtwoord" not in r.getMessage() for r in caplog.records)


def test_lockouts_and_group_changes_are_logged(client, jan, caplog):
    from django.contrib.auth.models import Group

    caplog.set_level(logging.INFO, logger="kernportal.security")
    for _ in range(5):
        _login(client, "jan", "fout")
    jan.groups.add(Group.objects.get(name="KCP"))
    events = [r.event for r in caplog.records if r.name == "kernportal.security"]
    assert "lockout" in events
    assert "permissions_changed" in events


def test_an_export_of_personal_data_is_logged(client_for, regisseur, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    response = client_for(regisseur).get(reverse("initiatives:export_csv"), {"status": "received"})
    assert response.status_code == 200
    (record,) = [r for r in caplog.records if getattr(r, "event", "") == "personal_data_export"]
    assert (record.user_id, record.export, record.format) == (regisseur.pk, "initiatives", "csv")
    assert record.filters == ["status"]


def test_public_form_rate_limits_key_on_the_address_the_proxy_saw(settings, client, kern):
    settings.KERNPORTAL_TRUSTED_PROXIES = 1
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "5/h"
    url = reverse("contacts:question_ask", args=[kern.slug])
    data = {
        "name": "Els",
        "email": "els@voorbeeld.example",
        "text": "Wanneer komt de bank?",
        "privacy_consent": "on",
    }
    statuses = [
        client.post(
            url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.7"
        ).status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429, statuses
    # Another resident behind the same proxy is not hit by it.
    other = client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other.status_code != 429


def test_a_superuser_flag_change_is_logged(jan, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    jan.is_superuser = True
    jan.save()
    jan.last_login = timezone.now()
    jan.save(update_fields=["last_login"])
    records = [r for r in caplog.records if getattr(r, "event", "") == "account_flags_changed"]
    assert len(records) == 1
    assert records[0].changed == {"is_superuser": [False, True]}
