"""The permission matrix: for every route, what it addresses and who may use it (ACL-01, ACL-02).

``PERMISSION_MATRIX`` maps each URL name to ``(object kind, rule for GET, rule for POST)``. A
rule is a named predicate over a user's role kind and their position relative to the unit that
holds the object (see ``tests/security/world.py``); it answers one outcome class:

- ``OK``: the page or action is reachable (2xx, or a redirect that is not to the login page).
- ``FORBIDDEN``: 403, for people who may read the object but not change it (the architecture's
  "everyone may see, only some may change"); the object's existence is no secret to them.
- ``HIDDEN``: 404, for anything out of the user's reach: out of their unit tree, another
  organisation, or a page that does not exist for their role. Never 403 (ACL-02).

A 405 (method not supported) matches any expectation: it is answered before any data is read.
Anonymous users always get 302 to login (401 on the API); ``test_url_inventory`` checks that.

A new route must get a row here (or in ``PUBLIC_URLS``); ``test_url_inventory`` fails until it
has one.
"""

from collections.abc import Callable
from dataclasses import dataclass

OK, FORBIDDEN, HIDDEN = "ok", "403", "404"

# Routes anyone may reach (ACL-01): login, logout, health, language, and the start page's
# redirect to login is checked with the rest.
PUBLIC_URLS = {"login", "logout", "healthz", "set_language"}
# The Django admin has its own login page and is for the system administrator only.
OWN_LOGIN_NAMESPACES = {"admin"}

CITIZEN_ACCESS = {"employee", "leader4"}  # Role.citizen_access defaults (architecture.md)
LEADERS = {"leader3", "leader4"}
SETUP = {"consultant", "administrator"}  # can_manage_interventions
MANAGERS = LEADERS | SETUP  # reflection.permissions.MANAGER_KINDS


@dataclass(frozen=True)
class Rule:
    """Who gets what: ``decide(role kind, position)`` returns OK, FORBIDDEN or HIDDEN."""

    text: str
    decide: Callable[[str, str], str]


def _in_org(decide_in_org: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """Another organisation never sees anything (ACL-04)."""
    return lambda kind, position: HIDDEN if position == "other" else decide_in_org(kind, position)


def _ok_if(test: Callable[[str, str], bool], otherwise: str = HIDDEN) -> Callable:
    return _in_org(lambda kind, position: OK if test(kind, position) else otherwise)


AT_OR_ABOVE = {"own", "parent"}  # the subject's unit is the object's unit or above it
RELATED = {"own", "parent", "child"}  # above, at or below: the unit tree connects them

# Rules. "position" is where the user's role sits relative to the object's unit ("Team").
SIGNED_IN = Rule("any signed-in user: their own page, no object", _ok_if(lambda k, p: True))
ORG = Rule(
    "practice data: anyone in the organisation, with or without a role", _ok_if(lambda k, p: True)
)
NOBODY = Rule(
    "personal to someone else (a leader's notes, 360° round or reflection; log reviewers, a "
    "Django permission no role gives): 404 for every role",
    _ok_if(lambda k, p: False),
)
CITIZEN = Rule(
    "citizen data: employee or 4th-level leader (citizen access) at or above the unit",
    _ok_if(lambda k, p: k in CITIZEN_ACCESS and p in AT_OR_ABOVE),
)
CITIZEN_PAGES = Rule(
    "citizen lists, search, import and new-citizen forms: anyone with citizen access in their "
    "own organisation (the rows are scoped inside); 404 for the rest",
    lambda k, p: OK if k in CITIZEN_ACCESS else HIDDEN,
)
RIGHTS_DESK = Rule(
    "a citizen's rights (access request): citizen access at or above the unit, or an "
    "administrator of the organisation",
    _ok_if(lambda k, p: k == "administrator" or (k in CITIZEN_ACCESS and p in AT_OR_ABOVE)),
)
ADMIN_PAGES = Rule(
    "administrators of their own organisation only; 404 for everyone else",
    lambda k, p: OK if k == "administrator" else HIDDEN,
)
ADMIN_OBJECT = Rule(
    "administrators of the object's organisation only; 404 for everyone else",
    _ok_if(lambda k, p: k == "administrator"),
)
ADMIN_CREATES = Rule(
    "organisation set-up: administrators create in their own organisation; 403 for the rest",
    lambda k, p: OK if k == "administrator" else FORBIDDEN,
)
ADMIN_CHANGES = Rule(
    "units, staff, roles, groups: changed by administrators of the organisation. Anyone else "
    "gets 403 before any lookup (the answer does not depend on the object, so nothing leaks); "
    "an administrator of another organisation gets 404",
    lambda k, p: FORBIDDEN if k != "administrator" else HIDDEN if p == "other" else OK,
)
SETUP_CREATES = Rule(
    "set-up work (interventions, instruments): consultants and administrators; 403 for the rest",
    lambda k, p: OK if k in SETUP else FORBIDDEN,
)
SETUP_WRITES = Rule(
    "set-up work on the object: consultants and administrators; 403 for the rest of the "
    "organisation",
    _ok_if(lambda k, p: k in SETUP, otherwise=FORBIDDEN),
)
OWNER_LEADERS_WRITE = Rule(
    "quality work (costs, teams, initiatives, culture): consultants, administrators, and "
    "leaders at or above the unit; 403 for the rest of the organisation",
    _ok_if(lambda k, p: k in SETUP or (k in LEADERS and p in AT_OR_ABOVE), otherwise=FORBIDDEN),
)
ANY_LEADER_CREATES = Rule(
    "culture leaders and forum managers create: any leader, consultant or administrator "
    "(their own scope); 403 for the rest",
    lambda k, p: OK if k in MANAGERS else FORBIDDEN,
)
OWN_360 = Rule(
    "a leader opens their own 360° round: leaders only; 403 for the rest",
    lambda k, p: OK if k in LEADERS else FORBIDDEN,
)
FORUM_READ = Rule(
    "meeting forums: managers (leaders, consultants, administrators) of the organisation, and "
    "staff whose role is at, above or below the forum's unit",
    _ok_if(lambda k, p: k in MANAGERS or (k == "employee" and p in RELATED)),
)
FORUM_WRITE = Rule(
    "run a forum (plan, minutes, packs): managers of the organisation (or named participants); "
    "403 for staff who only read it, 404 for those who may not",
    _in_org(
        lambda k, p: (
            OK if k in MANAGERS else FORBIDDEN if k == "employee" and p in RELATED else HIDDEN
        )
    ),
)
DEVELOPMENT_POINT_WRITE = Rule(
    "development points: read by the organisation, changed by managers (403 for the rest)",
    _ok_if(lambda k, p: k in MANAGERS, otherwise=FORBIDDEN),
)
CONCERN = Rule(
    "a concern: its author, and the culture's leaders over its unit (leaders at or above, "
    "consultants, administrators); 404 for everyone else",
    _ok_if(lambda k, p: k in SETUP or (k in LEADERS and p in AT_OR_ABOVE)),
)


def _in_or_over(k: str, p: str) -> bool:
    """A role at or below the unit (the people in it), or a culture leader over it."""
    return k in SETUP or (k != "none" and p in {"own", "child"}) or (k in LEADERS and p == "parent")


def _lead_or(visible: Callable[[str, str], bool]) -> Callable[[str, str], str]:
    """OK for the culture's or the unit's leaders over it, 403 for others who see it, else 404."""
    return _in_org(
        lambda k, p: (
            OK
            if k in SETUP or (k in LEADERS and p in AT_OR_ABOVE)
            else FORBIDDEN
            if visible(k, p)
            else HIDDEN
        )
    )


SURVEY_READ = Rule(
    "a culture survey round: the people in the unit (roles at or below it) and the culture's "
    "leaders over it; 404 for everyone else",
    _ok_if(_in_or_over),
)
SURVEY_ANSWER = Rule(
    "answer a round: only the eligible (frozen at opening; none of the subjects is), 403 for "
    "those who see it, 404 for the rest",
    _in_org(lambda k, p: FORBIDDEN if _in_or_over(k, p) else HIDDEN),
)
SURVEY_MANAGE = Rule(
    "close a round: the culture's leaders over its unit; 403 for others who see it, else 404",
    _lead_or(_in_or_over),
)
TARGET_CONTRIBUTE = Rule(
    "propose adaptations and ideas for a target unit: roles at or below it, its leaders at or "
    "above it, and those who manage the scaling; 403 for the rest of the organisation",
    _ok_if(_in_or_over, otherwise=FORBIDDEN),
)
TARGET_LEAD = Rule(
    "lead a target unit (stage, owner, readiness, fidelity, ideas): its leaders at or above it, "
    "consultants and administrators; 403 for the rest of the organisation",
    _ok_if(lambda k, p: k in SETUP or (k in LEADERS and p in AT_OR_ABOVE), otherwise=FORBIDDEN),
)
ORG_DASHBOARD = Rule(
    "organisation dashboard: leaders at levels 1-3, consultants and administrators; 404 else",
    lambda k, p: OK if k in {"leader3"} | SETUP else HIDDEN,
)
API_ROOT = Rule("the API's root has no handler: 404 for everyone", lambda k, p: HIDDEN)


def _route(kind: str, get: Rule, post: Rule | None = None) -> tuple[str, Rule, Rule]:
    return kind, get, post or get


def _rows(kind: str, get: Rule, post: Rule | None, *names: str) -> dict:
    return {name: _route(kind, get, post) for name in names}


# Global pages (no object in the URL): a user of another organisation uses them in their own.
GLOBAL = "page"

# name -> (object kind, rule for GET, rule for POST/PUT/DELETE)
PERMISSION_MATRIX: dict[str, tuple[str, Rule, Rule]] = {
    **_rows(GLOBAL, SIGNED_IN, None, "home", "measurements:locked", "accounts:totp_setup",
            "accounts:totp_verify", "api:openapi-json", "api:openapi-view"),
    "api:api-root": _route(GLOBAL, API_ROOT),
    # Lists of practice data: every user sees their own organisation's.
    **_rows(GLOBAL, SIGNED_IN, None, "culture:concern_list", "culture:create_learning_point",
            "culture:landmark_list", "culture:leader_reflection", "culture:learning_point_list",
            "culture:overview", "culture:raise_concern", "culture:recognition_list",
            "culture:share_reflection", "culture:staff_meeting", "culture:survey_list",
            "culture:write_leader_note", "improvement:board", "improvement:team_list",
            "instruments:instrument_list", "interventions:intervention_list",
            "organisation:staff_list", "organisation:unit_list", "reflection:forum_list",
            "scaling:plan_list"),
    "organisation:professional_group_list": _route(GLOBAL, SIGNED_IN, ADMIN_CREATES),
    # Citizens and their courses, measurements, goals.
    **_rows(GLOBAL, CITIZEN_PAGES, None, "citizens:course_list", "citizens:create_citizen",
            "citizens:export_courses", "citizens:search_cpr"),
    **_rows("citizen", CITIZEN, None, "citizens:citizen_detail", "citizens:update_citizen",
            "citizens:reveal_cpr", "citizens:create_course"),
    **_rows("course", CITIZEN, None, "citizens:course_detail", "citizens:update_course",
            "citizens:record_observation", "citizens:record_feedback",
            "citizens:record_assessment", "citizens:goal_list", "citizens:export_course",
            "citizens:print_course", "measurements:record_measurement",
            "measurements:self_report"),
    "citizens:close_goal": _route("goal", CITIZEN),
    **_rows("measurement", CITIZEN, None, "measurements:update_measurement",
            "measurements:delete_measurement"),
    # Instruments and interventions.
    **_rows(GLOBAL, SETUP_CREATES, None, "instruments:create_instrument",
            "instruments:install_builtin", "interventions:create_intervention"),
    "instruments:instrument_detail": _route("instrument", ORG),
    "instruments:revise_instrument": _route("instrument", SETUP_WRITES),
    "instruments:choose_interventions": _route("instrument", ORG, SETUP_WRITES),
    "interventions:intervention_detail": _route("intervention", ORG),
    "interventions:update_intervention": _route("intervention", SETUP_WRITES),
    "interventions:record_intervention_cost": _route("intervention", OWNER_LEADERS_WRITE),
    **_rows("cost", OWNER_LEADERS_WRITE, None, "interventions:update_intervention_cost",
            "interventions:delete_intervention_cost"),
    # Reflection: forums, meetings, data packs, development points.
    "reflection:create_forum": _route(GLOBAL, ANY_LEADER_CREATES),
    "reflection:intervention_forum_list": _route("intervention", ORG),
    "reflection:structure_review": _route("intervention", DEVELOPMENT_POINT_WRITE),
    "reflection:create_intervention_development_point": _route(
        "intervention", ORG, DEVELOPMENT_POINT_WRITE
    ),
    **_rows("forum", FORUM_READ, None, "reflection:forum_detail",
            "reflection:export_forum_calendar"),
    **_rows("forum", FORUM_WRITE, None, "reflection:update_forum",
            "reflection:schedule_meetings"),
    "reflection:meeting_detail": _route("meeting", FORUM_READ),
    **_rows("meeting", FORUM_READ, FORUM_WRITE, "reflection:set_meeting_status",
            "reflection:record_attendance", "reflection:add_meeting_item",
            "reflection:add_follow_up", "reflection:add_agenda_course",
            "reflection:remove_agenda_course", "reflection:generate_data_pack",
            "reflection:create_development_point"),
    **_rows("data pack", FORUM_READ, None, "reflection:data_pack",
            "reflection:export_data_pack_excel", "reflection:export_data_pack_pdf"),
    "reflection:complete_follow_up": _route("follow-up", FORUM_READ, FORUM_WRITE),
    "reflection:set_development_point_status": _route(
        "development point", ORG, DEVELOPMENT_POINT_WRITE
    ),
    # Improvement: quality teams, initiatives, trials, measures.
    "improvement:intervention_team_list": _route("intervention", ORG),
    **_rows("intervention", OWNER_LEADERS_WRITE, None, "improvement:create_team",
            "improvement:create_initiative"),
    "improvement:create_initiative_from_point": _route("development point", OWNER_LEADERS_WRITE),
    "improvement:team_detail": _route("quality team", ORG),
    **_rows("quality team", OWNER_LEADERS_WRITE, None, "improvement:update_team"),
    **_rows("quality team", ORG, OWNER_LEADERS_WRITE, "improvement:add_member",
            "improvement:add_partner", "improvement:create_team_forum"),
    "improvement:remove_member": _route("team member", OWNER_LEADERS_WRITE),
    "improvement:remove_partner": _route("external partner", ORG, OWNER_LEADERS_WRITE),
    "improvement:initiative_detail": _route("initiative", ORG),
    **_rows("initiative", OWNER_LEADERS_WRITE, None, "improvement:update_initiative",
            "improvement:create_trial", "improvement:create_measure"),
    "improvement:set_initiative_status": _route("initiative", ORG, OWNER_LEADERS_WRITE),
    "improvement:trial_detail": _route("trial", ORG),
    "improvement:update_plan": _route("trial", OWNER_LEADERS_WRITE),
    **_rows("trial", ORG, OWNER_LEADERS_WRITE, "improvement:record_do",
            "improvement:record_study", "improvement:decide"),
    **_rows("measure", ORG, None, "improvement:measure_detail", "improvement:export_measure"),
    **_rows("measure", OWNER_LEADERS_WRITE, None, "improvement:update_measure",
            "improvement:delete_measure"),
    **_rows("measure", ORG, OWNER_LEADERS_WRITE, "improvement:add_value",
            "improvement:set_values"),
    "improvement:delete_value": _route("measure value", OWNER_LEADERS_WRITE),
    # Culture: landmarks, learning log, recognitions, concerns, surveys, leaders' reflection.
    **_rows(GLOBAL, ANY_LEADER_CREATES, None, "culture:create_landmark",
            "culture:create_recognition", "culture:open_survey_round",
            "culture:start_with_examples"),
    "culture:open_feedback_round": _route(GLOBAL, OWN_360),
    **_rows("landmark", OWNER_LEADERS_WRITE, None, "culture:update_landmark",
            "culture:delete_landmark"),
    "culture:add_statement": _route("landmark", ORG, OWNER_LEADERS_WRITE),
    **_rows("landmark statement", OWNER_LEADERS_WRITE, None, "culture:update_statement",
            "culture:delete_statement"),
    # The learning point's author is Eva (not a subject): the culture's leaders change it.
    **_rows("learning point", OWNER_LEADERS_WRITE, None, "culture:update_learning_point",
            "culture:delete_learning_point"),
    "culture:mark_discussed": _route("learning point", ORG, OWNER_LEADERS_WRITE),
    **_rows("recognition", OWNER_LEADERS_WRITE, None, "culture:update_recognition",
            "culture:delete_recognition"),
    "culture:concern_detail": _route("concern", CONCERN),
    "culture:respond_to_concern": _route("concern", ORG, CONCERN),
    **_rows("survey round", SURVEY_READ, None, "culture:survey_detail",
            "culture:export_survey_results", "culture:survey_link"),
    "culture:answer_survey": _route("survey round", SURVEY_ANSWER),
    "culture:close_survey_round": _route("survey round", ORG, SURVEY_MANAGE),
    "culture:record_self_assessment": _route("survey round", NOBODY),
    "culture:delete_leader_note": _route("leader note", ORG, NOBODY),
    "culture:shared_reflection": _route("leader's reflection", NOBODY),
    "culture:stop_sharing": _route("colleague", ORG),
    # Scaling: descriptions, assessments, plans, target units.
    "scaling:create_plan": _route("intervention (?indsats=)", SETUP_WRITES),
    **_rows("intervention", ORG, None, "scaling:description_detail",
            "scaling:description_history", "scaling:description_version",
            "scaling:assessment_list"),
    **_rows("intervention", SETUP_WRITES, None, "scaling:describe_intervention",
            "scaling:create_assessment"),
    "scaling:assessment_detail": _route("practice assessment", ORG),
    **_rows("scaling plan", ORG, None, "scaling:plan_detail", "scaling:overview",
            "scaling:quality_team_queue"),
    "scaling:update_plan": _route("scaling plan", SETUP_WRITES),
    "scaling:add_target": _route("scaling plan", ORG, SETUP_WRITES),
    **_rows("target unit", ORG, None, "scaling:target_detail", "scaling:readiness_detail",
            "scaling:fidelity_history"),
    **_rows("target unit", TARGET_LEAD, None, "scaling:update_readiness",
            "scaling:update_mapping", "scaling:update_tacit_knowledge",
            "scaling:record_fidelity_check"),
    **_rows("target unit", ORG, TARGET_LEAD, "scaling:move_stage", "scaling:change_owner"),
    **_rows("target unit", ORG, TARGET_CONTRIBUTE, "scaling:propose_adaptation",
            "scaling:propose_idea"),
    "scaling:decide_adaptation": _route("adaptation", ORG, TARGET_LEAD),
    "scaling:respond_to_idea": _route("idea", ORG, TARGET_LEAD),
    # Dashboards and the API: aggregates only.
    **_rows("intervention", ORG, None, "dashboards:intervention_overview",
            "dashboards:export_intervention_overview", "api:intervention_overview"),
    **_rows(GLOBAL, ORG_DASHBOARD, None, "dashboards:organisation_overview",
            "dashboards:export_organisation_overview", "api:organisation_overview"),
    # Organisation set-up.
    **_rows(GLOBAL, ADMIN_CREATES, None, "organisation:create_unit", "organisation:create_staff"),
    "organisation:unit_detail": _route("unit", ORG),
    "organisation:update_unit": _route("unit", ADMIN_CHANGES),
    "organisation:staff_detail": _route("staff member", ORG),
    "organisation:update_staff": _route("staff member", ADMIN_CHANGES),
    "organisation:assign_role": _route("staff member", ADMIN_CHANGES),
    "organisation:remove_role": _route("role", ADMIN_CHANGES),
    "organisation:rename_professional_group": _route("professional group", ADMIN_CHANGES),
    # The access log: log reviewers only (a permission, no role).
    **_rows(GLOBAL, NOBODY, None, "audit:access_log", "audit:export_access_log",
            "audit:spot_check_list", "audit:draw_spot_check"),
    **_rows("spot check", NOBODY, None, "audit:spot_check_detail", "audit:mark_spot_check_item"),
    # Citizens' rights (issue 8, in progress elsewhere) and the import of citizens.
    **_rows("citizen", RIGHTS_DESK, None, "privacy:citizen_rights", "privacy:export_access_json",
            "privacy:export_access_pdf"),
    **_rows("citizen", ADMIN_OBJECT, None, "privacy:erase_citizen", "privacy:restrict_citizen",
            "privacy:lift_restriction"),
    **_rows(GLOBAL, ADMIN_PAGES, None, "privacy:privacy_overview", "privacy:find_citizen",
            "privacy:update_retention_rule"),
    **_rows(GLOBAL, CITIZEN_PAGES, None, "imports:upload_file", "imports:preview",
            "imports:validate_step", "imports:commit_import", "imports:cancel_import",
            "imports:template_csv", "imports:template_xlsx"),
}  # fmt: skip
PUBLIC_URLS |= {"accounts:oidc_login", "accounts:oidc_callback"}


def expected(name: str, kind: str, position: str, method: str) -> str:
    """The outcome class the table expects for one request."""
    object_kind, get, post = PERMISSION_MATRIX[name]
    rule = get if method == "GET" else post
    if object_kind == GLOBAL and position == "other":
        position = "own"  # a page without an object works in the user's own organisation
    return rule.decide(kind, position)
