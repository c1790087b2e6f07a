"""`get_<field>_display()` that translates only the label it returns.

Django's own builds a dict of every choice of the field on each call, and hashing a lazily
translated label translates it: a list of 100 agenda items showing a theme (8 choices) and a
status (5) translated 1,300 strings per page. Models whose choices are shown in lists mix this
in (before `models.Model`)."""

from django.utils.encoding import force_str


class ChoiceLabels:
    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = field.__dict__.get("_kernportal_labels")
        if labels is None:
            # Keyed by value (plain strings and numbers); the labels stay lazy.
            labels = field._kernportal_labels = dict(field.flatchoices)
        return force_str(labels.get(value, value), strings_only=True)
