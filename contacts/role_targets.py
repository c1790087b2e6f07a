"""What contacts offers the roles app: a question can carry a role. Found by `roles` at start-up
(see roles/integrations.py); roles sees a question only through its access check."""

from django.urls import reverse

from .access import get_question_for_user
from .models import Question


def register(registry) -> None:
    registry.register(
        Question,
        kern_getter=lambda question: question.kern,
        # Never the question's text: the title is stored on the classification row.
        title_getter=lambda question: (
            f"{question.get_kind_display()} #{question.pk} uit {question.kern.name}"
        ),
        get_for_user=get_question_for_user,
        link_getter=lambda pk, kern: reverse("contacts:question_detail", args=[pk]),
    )
