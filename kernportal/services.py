"""Write helpers shared by the apps' services."""


def save_validated(instance, fields: dict, allowed):
    """Set `fields` (only names in `allowed`), validate the whole model and save: an insert for
    a new instance, otherwise only the changed columns. A ValidationError saves nothing; an
    unknown field name is a programming error (ValueError)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    if instance.pk is None:
        instance.save()
    elif fields:
        instance.save(update_fields=list(fields))
    return instance
