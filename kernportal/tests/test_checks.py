"""The deploy checks fail on what Django's own checks let through."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError

import pytest

from kernportal import checks


def _ids(messages):
    return {m.id for m in messages}


def test_the_configured_policy_passes(settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.KERNPORTAL_REQUIRE_2FA = True
    for check in (
        checks.check_csp,
        checks.check_permissions_policy,
        checks.check_hosts,
        checks.check_login_protection,
    ):
        assert check() == []


@pytest.mark.parametrize("directive", ["script-src", "style-src", "default-src"])
def test_unsafe_inline_fails(settings, directive):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            directive: ["'self'", "'unsafe-inline'"],
        }
    }
    assert "kernportal.E004" in _ids(checks.check_csp())


def test_a_missing_csp_fails(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != checks.CSP_MIDDLEWARE]
    settings.CONTENT_SECURITY_POLICY = {}
    assert {"kernportal.E001", "kernportal.E002"} <= _ids(checks.check_csp())


def test_a_missing_permissions_policy_fails(settings):
    settings.PERMISSIONS_POLICY = {}
    assert _ids(checks.check_permissions_policy()) == {"kernportal.E005"}


@pytest.mark.parametrize("host", ["*", ".gemeente.nl"])
def test_wildcard_hosts_fail(settings, host):
    settings.ALLOWED_HOSTS = ["kernportal.gemeente.nl", host]
    assert _ids(checks.check_hosts()) == {"kernportal.E006"}


def test_switched_off_protections_fail(settings):
    settings.KERNPORTAL_REQUIRE_2FA = False
    settings.AXES_ENABLED = False
    settings.SESSION_COOKIE_SECURE = False
    assert _ids(checks.check_login_protection()) == {
        "kernportal.W001",
        "kernportal.E007",
        "kernportal.E008",
    }


def test_check_deploy_runs_the_project_checks(settings):
    settings.ALLOWED_HOSTS = ["*"]
    with pytest.raises(SystemCheckError, match=r"kernportal\.E006"):
        call_command("check", deploy=True, fail_level="ERROR")
