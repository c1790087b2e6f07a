"""What contacts offers the roles app: a question can carry a role. Found by `roles` at start-up
(see roles/integrations.py); roles sees a question only through its access check."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .access import get_question_for_user
from .models import Question


def _title(question) -> str:
    """Stored on the classification row, so written in the default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(kind)s #%(number)s uit %(kern)s") % {
            "kind": question.get_kind_display(),
            "number": question.pk,
            "kern": question.kern.name,
        }


def register(registry) -> None:
    registry.register(
        Question,
        kern_getter=lambda question: question.kern,
        # Never the question's text: the title is stored on the classification row.
        title_getter=_title,
        get_for_user=get_question_for_user,
        link_getter=lambda pk, kern: reverse("contacts:question_detail", args=[pk]),
    )
