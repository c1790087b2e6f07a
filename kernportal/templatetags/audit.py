from django import template

from kernportal import audit

register = template.Library()


@register.inclusion_tag("kernportal/_audit_panel.html", takes_context=True)
def audit_history(context, obj):
    """The latest changes to `obj` for staff with the audit right; nothing for anyone else."""
    user = context["request"].user
    if not audit.can_view(user):
        return {"show": False}
    entries, has_more = audit.history_for(obj)
    return {
        "show": True,
        "entries": entries,
        # The full history is a page of its own only for models whose app registered access.
        "has_more": has_more and audit.has_history_page(obj),
        "label": obj._meta.label_lower,
        "pk": obj.pk,
    }
