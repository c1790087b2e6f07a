from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)


@login_not_required
def privacy(request):
    """The privacy statement the public forms link to (a plain page the municipality edits)."""
    return render(request, "privacy.html")
