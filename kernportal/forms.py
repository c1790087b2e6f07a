"""Form helpers shared by the apps."""

import html
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .amounts import AmountError, parse_amount, plain_amount


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken naar"), max_length=100, min_length=2)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _escape(value) -> str:
    """Django's escape (which is the standard library's), without its lazy-string check."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


class LongSelect(forms.Select):
    """A select with many options (a thousand staff or organisations in a list filter) written
    in one pass instead of a template per option, which took most of a list page's time.
    The same HTML as Django's select; grouped choices and option attributes fall back to it."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        groups = context["optgroups"]
        if any(group_name is not None for group_name, _options, _index in groups):
            return super().render(name, value, attrs, renderer)
        options = [option for _name, group, _index in groups for option in group]
        if any(set(option["attrs"]) - {"selected"} for option in options):
            return super().render(name, value, attrs, renderer)
        # Plain string work per option: Django's escape and format_html check every argument
        # for lazy strings, which for a thousand options cost more than the rest of the page.
        rows = mark_safe(  # noqa: S308 - every value and label is escaped by _escape
            "\n".join(
                f'<option value="{_escape(option["value"])}"'
                f"{' selected' if option['selected'] else ''}>{_escape(option['label'])}</option>"
                for option in options
            )
        )
        # As Django's attrs.html: in the given order, True as a bare name, False left out.
        attrs = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
                for key, value in context["attrs"].items()
                if value is not False
            ),
        )
        return format_html('<select name="{}"{}>\n{}\n</select>', context["name"], attrs, rows)


def choices_from_rows(field: forms.ModelChoiceField, *columns: str, label) -> None:
    """Let `field` list its options from rows of (pk, *columns), labelled `label(*columns)`,
    instead of model instances: building a thousand users or organisations for a list filter
    cost more than the rest of its select. Validating a choice still reads the object."""

    class RowChoices(field.iterator):
        def __iter__(self):
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            for pk, *values in self.queryset.values_list("pk", *columns):
                yield (pk, label(*values))

    field.iterator = RowChoices
    field.widget.choices = field.choices  # the widget keeps the iterator it was given


class DutchAmountField(forms.DecimalField):
    """An amount in euros written the Dutch way ("1.250,50", "€ 2.000", "1250,5"), in a text
    box (a number input would refuse the dot and comma). Every amount field uses it."""

    default_error_messages = {
        "max_digits": _("Dit bedrag is te groot."),
        "max_whole_digits": _("Dit bedrag is te groot."),
    }

    def __init__(self, *, max_digits=10, decimal_places=2, min_value=Decimal("0"), **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        error_messages = kwargs.pop("error_messages", {})
        super().__init__(
            error_messages=error_messages,
            max_digits=max_digits,
            decimal_places=decimal_places,
            min_value=min_value,
            **kwargs,
        )
        self.error_messages.setdefault(
            "min_value",
            _("Een bedrag kan niet negatief zijn.")
            if not min_value
            else format_lazy(_("Vul een bedrag van minstens {} euro in."), plain_amount(min_value)),
        )
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("placeholder", _("bijvoorbeeld 1.250,50"))

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int):
            return Decimal(value)
        try:
            return parse_amount(str(value))
        except AmountError as error:
            raise ValidationError(error.message, code="invalid") from None

    def prepare_value(self, value):
        # A stored amount shows as "1.250,50"; what the user typed is shown back unchanged.
        if isinstance(value, Decimal | int | float):
            return plain_amount(value)
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        for key in ("step", "min", "max"):
            attrs.pop(key, None)
        return attrs


CHOICES_SHOWN = 50


def show_only(field: forms.ModelMultipleChoiceField, candidates, chosen, *, limit=None):
    """Render as choices the first `limit` of `candidates` (a QuerySet in the order to show),
    then whatever is already chosen and not among them, while the field still accepts any
    object of its queryset: a list of checkboxes stays bounded however many objects the
    years add up to. Two queries; returns the objects shown."""
    shown = list(candidates[: CHOICES_SHOWN if limit is None else limit])
    ids = {obj.pk for obj in shown}
    shown += [obj for obj in chosen if obj.pk not in ids]
    field.widget.choices = [(obj.pk, field.label_from_instance(obj)) for obj in shown]
    return shown


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
