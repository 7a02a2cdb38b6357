from django.http import HttpRequest

from lovende.audit.permissions import is_log_reviewer


def log_reviewer(request: HttpRequest) -> dict:
    """Whether the menu shows the access log: to log reviewers only (LOG-02)."""
    user = getattr(request, "user", None)
    return {"nav_log_reviewer": user is not None and is_log_reviewer(user)}
