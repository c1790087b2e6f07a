"""What kernen adds to its own kern page: the two agendas side by side."""

from kernportal.panels import register

from . import access
from .agenda import agenda_items_for, two_agendas, with_badges


@register("kern_detail", template="kernen/kern_agenda_panel.html", order=5)
def kern_agenda(request, kern, **kwargs):
    user = request.user
    if not access.can_view_agenda(user):
        return None
    return {
        "kern": kern,
        "agenda": two_agendas(with_badges(agenda_items_for(kern))),
        "can_plan": access.can_work_in_kern(user, kern, "kernen.add_agendaitem"),
        "can_edit_agenda": access.can_work_in_kern(user, kern, "kernen.change_agendaitem"),
    }
