"""Choice labels for lists."""

from django.db import models


def choice_label(choices: type[models.Choices], value):
    """What `get_FOO_display()` shows for `value`, in one lookup. Django's own builds a dict of
    the field's choices on every call, hashing (so translating) each label: for a list of 50
    rows with two such columns, a thousand translations per page."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
