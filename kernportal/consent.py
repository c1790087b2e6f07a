"""Consent on the public forms: the checkbox every public form carries and the version of the
privacy statement a submission records with it (AVG: show what a resident agreed to, and when).

The version is `KERNPORTAL_PRIVACY_STATEMENT_VERSION`, which the privacy page shows; change it
whenever the statement's text changes, so earlier submissions keep pointing at the old text.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONSENT_FIELD = "privacy_consent"


def statement_version() -> str:
    return settings.KERNPORTAL_PRIVACY_STATEMENT_VERSION


class PrivacyConsentField(forms.BooleanField):
    """The required checkbox; the form's template puts the link to the privacy page beside it."""

    def __init__(self, *, label=None, required_message=None, **kwargs):
        super().__init__(
            label=label or _("Ik heb gelezen hoe de gemeente met mijn gegevens omgaat."),
            required=True,
            error_messages={
                "required": required_message
                or _(
                    "Vink aan dat u hebt gelezen hoe de gemeente met uw gegevens omgaat. "
                    "Zonder uw akkoord kunnen wij uw vraag niet behandelen."
                )
            },
            **kwargs,
        )


def require_consent(version: str) -> str:
    """For services: the version a submission records. No consent, no submission: a missing
    version raises a ValidationError on the consent field, so nothing is stored."""
    version = (version or "").strip()
    if not version:
        raise ValidationError(
            {CONSENT_FIELD: _("Zonder uw akkoord met de privacyverklaring slaan wij niets op.")}
        )
    return version
