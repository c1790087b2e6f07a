"""Form helpers shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def call_service(form: forms.BaseForm, service, **kwargs):
    """Run a write service for a valid form; a ValidationError it raises (for instance a rule
    that only holds under the row lock) lands on the form's fields instead of a 500."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None


# WCAG 1.3.5: fields about the person filling in the form carry an autocomplete token, so a
# browser can fill them and assistive software can label them.
AUTOCOMPLETE_TOKENS = {
    "name": "name",
    "initiator_name": "name",
    "email": "email",
    "initiator_email": "email",
    "phone": "tel",
    "initiator_phone": "tel",
    "address": "street-address",
    "street_address": "street-address",
    "postal_code": "postal-code",
    "city": "address-level2",
}


class AutocompleteMixin:
    """For forms in which people give their *own* details (public forms). Not for staff forms
    about someone else: the browser would offer the staff member's own name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in AUTOCOMPLETE_TOKENS.items():
            if name in self.fields:
                self.fields[name].widget.attrs.setdefault("autocomplete", token)
