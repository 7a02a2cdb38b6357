from django.http import HttpRequest

# Set at login (audit.signals); the menu is a convenience, the views check the permission anew.
NAV_LOG_REVIEWER = "nav_log_reviewer"


def log_reviewer(request: HttpRequest) -> dict:
    """Whether the menu shows the access log: to log reviewers only (LOG-02).

    Read from the session rather than the database, so pages pay no query for it: a reviewer
    granted the permission sees the menu item from her next login, and one whose permission is
    taken away keeps a menu item that answers 404 until she logs out.
    """
    session = getattr(request, "session", None)
    return {"nav_log_reviewer": bool(session is not None and session.get(NAV_LOG_REVIEWER))}
