"""Two-factor login: with KERNPORTAL_REQUIRE_2FA on, a password alone reaches no page."""

from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kernen.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.KERNPORTAL_REQUIRE_2FA = True


@pytest.fixture
def medewerker(db):
    return UserFactory(username="jan", groups=["medewerker"])


def _totp_device(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def _code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def _password_login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_it_refuses_every_page_after_a_password_alone(client, medewerker):
    _totp_device(medewerker)
    _password_login(client, medewerker)
    response = client.get(reverse("kernen:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    assert "next=%2Fportaal%2F" in response.url


def test_it_sends_a_user_without_a_device_to_enrolment(client, medewerker):
    _password_login(client, medewerker)
    response = client.get(reverse("kernen:dashboard"))
    assert response.url.startswith(reverse("two_factor_enrol"))


def test_it_lets_a_user_in_with_a_valid_app_code(client, medewerker):
    device = _totp_device(medewerker)
    _password_login(client, medewerker)
    response = client.post(
        reverse("two_factor_verify"), {"code": _code(device), "next": "/portaal/"}
    )
    assert response.status_code == 302
    assert client.get(reverse("kernen:dashboard")).status_code == 200


def test_it_refuses_a_wrong_code_with_a_dutch_message(client, medewerker):
    device = _totp_device(medewerker)
    _password_login(client, medewerker)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("two_factor_verify"), {"code": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.text
    assert client.get(reverse("kernen:dashboard")).status_code == 302


def test_a_recovery_code_works_exactly_once(client, medewerker):
    _totp_device(medewerker)
    static = StaticDevice.objects.create(user=medewerker, name="Herstelcodes")
    StaticToken.objects.create(device=static, token="abcd2345")
    StaticToken.objects.create(device=static, token="efgh6789")
    _password_login(client, medewerker)
    response = client.post(reverse("two_factor_verify"), {"code": "ABCD 2345"}, follow=True)
    assert "u heeft er nog 1" in response.text
    assert client.get(reverse("kernen:dashboard")).status_code == 200

    client.post(reverse("logout"))
    _password_login(client, medewerker)
    response = client.post(reverse("two_factor_verify"), {"code": "abcd2345"})
    assert "Deze code klopt niet of is al gebruikt" in response.text
    assert client.get(reverse("kernen:dashboard")).status_code == 302


def test_django_admin_requires_the_second_step_too(client, admin_user):
    _totp_device(admin_user)
    client.post(reverse("login"), {"username": admin_user.username, "password": "password"})
    change_page = reverse("admin:auth_user_change", args=[admin_user.pk])
    response = client.get(change_page)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))


def test_enrolment_shows_a_server_drawn_qr_code_and_the_secret(client, medewerker):
    _password_login(client, medewerker)
    response = client.get(reverse("two_factor_enrol"))
    assert "<svg" in response.text
    assert "<script" not in response.text.split("<main", 1)[1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=medewerker, confirmed=False)
    secret = response.context["secret"].replace(" ", "")
    assert secret and secret in device.config_url


def test_enrolment_confirms_the_device_and_hands_out_recovery_codes_once(client, medewerker):
    _password_login(client, medewerker)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=medewerker)
    response = client.post(reverse("two_factor_enrol"), {"code": _code(device), "next": "/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=medewerker).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("kernen:dashboard")).status_code == 200
    # Enrolment cannot be run again to replace a confirmed device.
    assert client.get(reverse("two_factor_enrol")).status_code == 302


def test_enrolment_refuses_a_wrong_first_code(client, medewerker):
    _password_login(client, medewerker)
    client.get(reverse("two_factor_enrol"))
    response = client.post(reverse("two_factor_enrol"), {"code": "000000"})
    assert "Deze code klopt niet" in response.text
    assert not TOTPDevice.objects.filter(user=medewerker, confirmed=True).exists()


def test_the_portal_says_so_when_two_factor_is_switched_off(settings, client_for, medewerker):
    settings.KERNPORTAL_REQUIRE_2FA = False
    text = client_for(medewerker).get(reverse("kernen:dashboard")).text
    assert "Tweestapsverificatie staat uit" in text


def test_public_pages_stay_open_without_a_login(client, db):
    assert client.get(reverse("kernen:home")).status_code == 200


def test_removing_a_device_is_logged(medewerker, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="kernportal.security")
    _totp_device(medewerker).delete()
    (record,) = [r for r in caplog.records if getattr(r, "event", "") == "2fa_removed"]
    assert record.user_id == medewerker.pk


def test_a_verified_user_renews_recovery_codes_and_the_old_ones_stop_working(client, medewerker):
    device = _totp_device(medewerker)
    static = StaticDevice.objects.create(user=medewerker, name="Herstelcodes")
    StaticToken.objects.create(device=static, token="oudecode")
    _password_login(client, medewerker)
    client.post(reverse("two_factor_verify"), {"code": _code(device)})
    assert "nog <strong>1</strong>" in client.get(reverse("two_factor_recovery")).text
    codes = client.post(reverse("two_factor_recovery")).context["codes"]
    assert len(codes) == 10
    tokens = set(
        StaticToken.objects.filter(device__user=medewerker).values_list("token", flat=True)
    )
    assert tokens == set(codes)


def test_recovery_codes_need_the_second_step_first(client, medewerker):
    _totp_device(medewerker)
    _password_login(client, medewerker)
    response = client.post(reverse("two_factor_recovery"))
    assert response.status_code == 302
    assert not StaticToken.objects.filter(device__user=medewerker).exists()
