"""Requests for the permission matrix: every route's URL in the matrix world, each request
rolled back so a POST cannot change the world for the next (ACL-02, ACL-04)."""

import copy

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lovende.culture.permissions import survey_link_token
from tests.security.permission_matrix import FORBIDDEN, HIDDEN, OK, OWN_LOGIN_NAMESPACES
from tests.security.world import World

# Which world object each URL argument names. ``point_id`` is a development point, except in
# the culture app, where it is a learning point.
KWARG_OBJECTS = {
    "citizen_id": "citizen", "course_id": "course", "goal_id": "goal",
    "instrument_id": "instrument", "measurement_id": "measurement",
    "intervention_id": "intervention", "cost_id": "cost", "forum_id": "forum",
    "meeting_id": "meeting", "pack_id": "pack", "follow_up_id": "follow_up",
    "point_id": "development_point", "team_id": "team", "member_id": "member",
    "partner_id": "partner", "initiative_id": "initiative", "trial_id": "trial",
    "measure_id": "measure", "value_id": "value", "landmark_id": "landmark",
    "statement_id": "statement", "recognition_id": "recognition", "concern_id": "concern",
    "round_id": "round", "note_id": "note", "user_id": "eva", "leader_id": "leo",
    "target_id": "target", "plan_id": "plan", "adaptation_id": "adaptation", "idea_id": "idea",
    "assessment_id": "assessment", "unit_id": "unit", "staff_id": "staff", "role_id": "role",
    "group_id": "group",
}  # fmt: skip
# Pages that pick their object by a query parameter.
QUERIES = {"scaling:create_plan": "?indsats={intervention.pk}"}
API_METHODS = ("GET", "POST", "PUT", "DELETE")
PAGE_METHODS = ("GET", "POST")


def named_routes(resolver: URLResolver | None = None, namespace: str = ""):
    """(full name, URL argument names) for every named route, the API's included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from named_routes(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, tuple(pattern.pattern.converters) or _ninja_arguments(pattern)


def _ninja_arguments(pattern: URLPattern) -> tuple[str, ...]:
    # django-ninja writes its path arguments as <intervention_id> without a converter.
    text = str(pattern.pattern)
    return tuple(part.split(">")[0].split(":")[-1] for part in text.split("<")[1:])


def checked_routes() -> list[tuple[str, tuple[str, ...]]]:
    return sorted(
        (name, args)
        for name, args in set(named_routes())
        if name.split(":")[0] not in OWN_LOGIN_NAMESPACES
    )


def url_for(world: World, name: str, arguments: tuple[str, ...], subject) -> str | None:
    """The route's URL for ``subject``, or None when the world has no object for an argument."""
    objects = world.objects
    if not set(arguments) <= {*KWARG_OBJECTS, "token", "version"}:
        return None
    kwargs = {}
    for argument in arguments:
        if argument == "token":  # a personal survey link: the subject's own
            kwargs[argument] = survey_link_token(objects["round"], subject)
        elif argument == "version":
            kwargs[argument] = objects["description"].version
        elif argument == "point_id" and name.startswith("culture:"):
            kwargs[argument] = objects["learning_point"].pk
        else:
            kwargs[argument] = objects[KWARG_OBJECTS[argument]].pk
    return reverse(name, kwargs=kwargs) + QUERIES.get(name, "").format(**objects)


def methods_for(name: str) -> tuple[str, ...]:
    return API_METHODS if name.startswith("api:") else PAGE_METHODS


def outcome(response) -> str:
    """The outcome class of a response; 405 is "n/a", a redirect to login "login"."""
    status = response.status_code
    if status == 405:
        return "n/a"
    if status in (301, 302, 303) and "/accounts/login/" in response.get("Location", ""):
        return "login"
    # 400 and 422 are a form's answer to the empty POST: the user got past every permission check.
    if status < 400 or status in (400, 422):
        return OK
    return {403: FORBIDDEN, 404: HIDDEN}.get(status, str(status))


def send(client: Client, method: str, url: str) -> str:
    """One request inside a savepoint that is always rolled back.

    The client's cookies are put back too, so a request that replaces the session cookie
    leaves the next one with the session it started from, as the rollback does with its row.
    """
    cookies = copy.copy(client.cookies)
    with transaction.atomic():
        try:
            response = (
                client.generic(
                    method, url, data=b"", content_type="application/x-www-form-urlencoded"
                )
                if method in ("PUT", "DELETE")
                else getattr(client, method.lower())(url)
            )
            result = outcome(response)
        except Exception as error:  # a crash is an outcome to report, not to hide
            result = f"500 {type(error).__name__}"
        transaction.set_rollback(True)
    client.cookies = cookies
    return result
