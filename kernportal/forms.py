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
