"""The error summary every page shows above its content when a submitted form has errors
(NL Design System / GOV.UK pattern): found in the template context, so no view has to pass it."""

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject

register = template.Library()

# Widgets rendered as a group of inputs: the summary links to the first option, which is what
# a click on the group's legend would focus.
GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _forms_in(context):
    seen = set()
    for value in context.flatten().values():
        # A lazy value (the CSRF token of the context processor) is no form; isinstance()
        # would evaluate it, and a CSRF token made on every page sets a cookie on every page
        # (which no page cache may share).
        if isinstance(value, LazyObject):
            continue
        if isinstance(value, BaseFormSet):
            candidates = [value, *value.forms]
        elif isinstance(value, forms.BaseForm):
            candidates = [value]
        else:
            continue
        for candidate in candidates:
            if id(candidate) not in seen and candidate.is_bound:
                seen.add(id(candidate))
                yield candidate


def _field_anchor(bound_field) -> str:
    if isinstance(bound_field.field.widget, GROUP_WIDGETS):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def _entries(form):
    if isinstance(form, BaseFormSet):
        return [("", error) for error in form.non_form_errors()]
    entries = [("", error) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound_field = form[name]
        if bound_field.is_hidden:
            entries.extend(("", error) for error in errors)
            continue
        label = bound_field.label
        anchor = _field_anchor(bound_field)
        entries.extend((f"#{anchor}", f"{label}: {error}") for error in errors)
    return entries


@register.simple_tag(takes_context=True)
def form_error_entries(context):
    """[(href, text)] for every error of every bound form in the context; href is "" for errors
    that belong to the whole form."""
    entries = []
    for form in _forms_in(context):
        entries.extend(_entries(form))
    return entries


@register.filter
def marked_optional(bound_field) -> bool:
    """Optional fields say so in words, but only in forms that ask for something: a filter form
    whose every field may stay empty would otherwise say "(niet verplicht)" everywhere. An
    extra formset row (`empty_permitted`) may stay empty as a whole: its fields are optional
    until the row is used, and the page hides the mark once it is (follow-up rows)."""
    if bound_field.field.required and not bound_field.form.empty_permitted:
        return False
    return any(field.required for field in bound_field.form.fields.values())
