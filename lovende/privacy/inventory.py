"""The data inventory (PRIV-01): every stored field of every model, classified.

Written for the data protection officer as much as for developers. Each model ("app_label.Model")
names its data subjects, the purpose it serves and its fields grouped by category. A field listed
here is a concrete column or a many-to-many table, FKs by field name (``author``, not
``author_id``). ``tests/privacy/test_inventory.py`` fails for any field that is missing or stale,
and ``lovende privacy_record`` turns this file into ``docs/privacy/record-of-processing.md``.

Rules we classify by, strictest category wins:
- A citizen's name, birth date and sex are identifying; the CPR number is its own category.
- Measurement answers and scores, professional assessments and observations are Art. 9 (health):
  observations may describe wellbeing, so we take the stricter category.
- Which social intervention a citizen receives, the course's dates and status, goals and family
  relations (who answered) are "purely private" social matters (databeskyttelsesloven §8).
- Text typed by staff outside the citizen's record is free text: it is about practice, but may
  name anyone. Names of organisational things (units, interventions, titles) are not personal.
- A reference to a citizen's record (course, citizen id, pseudonym) is pseudonymous; a reference
  to an employee, and anything said about an employee, is staff data.
- Django's own tables are in scope where they hold personal data (the user, sessions, the admin
  log); permissions, groups and content types are listed as technical so nothing is unaccounted.
"""

from typing import TypedDict

IDENTIFYING = "identifying"
CPR = "cpr"
ART9_HEALTH = "art9_health"
SOCIAL_PRIVATE = "social_private"
FREE_TEXT = "free_text"
PSEUDONYMOUS = "pseudonymous"
STAFF_DATA = "staff_data"
NONE = "none"

CATEGORIES = {
    IDENTIFYING: "Identificerende oplysninger (navn, e-mail, brugernavn, fødselsdato)",
    CPR: "CPR-nummer (databeskyttelseslovens §11)",
    ART9_HEALTH: "Helbredsoplysninger (art. 9): målinger, scorer, vurderinger, observationer",
    SOCIAL_PRIVATE: "Rent private forhold (databeskyttelseslovens §8): sociale forhold, familie, mål",
    FREE_TEXT: "Fritekst, som kan indeholde hvad som helst",
    PSEUDONYMOUS: "Pseudonyme oplysninger (pseudonym, henvisning til borgerens forløb)",
    STAFF_DATA: "Oplysninger om medarbejdere",
    NONE: "Ingen personoplysninger (tekniske felter, organisation, tællinger)",
}

BORGER = "borger"
MEDARBEJDER = "medarbejder"
INGEN = "ingen"

SUBJECTS = {
    BORGER: "Borgere, der modtager en indsats (børn, unge, voksne og deres familier)",
    MEDARBEJDER: "Kommunens medarbejdere og ledere (og eksterne samarbejdspartnere)",
    INGEN: "Ingen registrerede (ingen personoplysninger)",
}

PURPOSES = {
    "access": "Brugerstyring, adgangskontrol og login",
    "course": "Dokumentation af borgerens forløb og progression i en indsats",
    "reflection": "Datainformeret refleksion: mødefora, møder og datapakker",
    "improvement": "Kvalitetsudvikling: kvalitetsteams, forbedringstiltag og afprøvninger",
    "culture": "Læringskultur og ledelse: pejlemærker, læringslog, bekymringer, målinger",
    "scaling": "Skalering af indsatser, der virker, til flere enheder",
    "intervention": "Beskrivelse af indsatser og deres økonomi",
    "statistics": "Ledelsesinformation på aggregeret niveau (undertrykte tal)",
    "logging": "Logning af anvendelse af borgeroplysninger (kontrol og registreredes indsigt)",
    "technical": "Teknisk drift af systemet",
}


class ModelEntry(TypedDict):
    subjects: tuple[str, ...]
    purpose: str
    fields: dict[str, tuple[str, ...]]


# Short names keep the table below readable: N none, ID identifying, C cpr, H art9_health,
# S social_private, F free_text, P pseudonymous, ST staff_data.
N, ID, C, H, S, F, P, ST = (
    NONE,
    IDENTIFYING,
    CPR,
    ART9_HEALTH,
    SOCIAL_PRIVATE,
    FREE_TEXT,
    PSEUDONYMOUS,
    STAFF_DATA,
)
ORG = ("id", "organisation")

INVENTORY: dict[str, ModelEntry] = {
    # Django's own models
    "admin.LogEntry": {
        "subjects": (MEDARBEJDER, BORGER),
        "purpose": "access",
        # object_repr is the object's str(), for a citizen its pseudonym, but kept as free text
        "fields": {
            N: ("id", "action_time", "content_type", "action_flag"),
            ST: ("user",),
            P: ("object_id",),
            F: ("object_repr", "change_message"),
        },
    },
    "auth.Permission": {
        "subjects": (INGEN,),
        "purpose": "technical",
        "fields": {N: ("id", "name", "content_type", "codename")},
    },
    "auth.Group": {
        "subjects": (INGEN,),
        "purpose": "technical",
        "fields": {N: ("id", "name", "permissions")},
    },
    "contenttypes.ContentType": {
        "subjects": (INGEN,),
        "purpose": "technical",
        "fields": {N: ("id", "app_label", "model")},
    },
    "sessions.Session": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {N: ("session_key", "expire_date"), ST: ("session_data",)},
    },
    # django-axes (AUTH-03): failed and successful logins of staff, kept for brute-force protection.
    # accounts (AUTH-01): the municipal IdP's identity of a member of staff.
    "accounts.OidcIdentity": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {N: ("id", "created_at"), ST: ("user", "issuer", "subject")},
    },
    # django-otp (AUTH-02): a member of staff's TOTP device; the key is a secret.
    "otp_totp.TOTPDevice": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {
            N: (
                "id",
                "name",
                "confirmed",
                "step",
                "t0",
                "digits",
                "tolerance",
                "drift",
                "last_t",
                "throttling_failure_timestamp",
                "throttling_failure_count",
                "created_at",
                "last_used_at",
            ),
            ST: ("user", "key"),
        },
    },
    "axes.AccessAttempt": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {
            N: ("id", "http_accept", "path_info", "attempt_time", "failures_since_start"),
            ST: ("user_agent", "ip_address", "username", "get_data", "post_data"),
        },
    },
    "axes.AccessAttemptExpiration": {
        "subjects": (INGEN,),
        "purpose": "access",
        "fields": {N: ("access_attempt", "expires_at")},
    },
    "axes.AccessFailureLog": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {
            N: ("id", "http_accept", "path_info", "attempt_time", "locked_out"),
            ST: ("user_agent", "ip_address", "username"),
        },
    },
    "axes.AccessLog": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {
            N: ("id", "http_accept", "path_info", "attempt_time", "logout_time"),
            ST: ("user_agent", "ip_address", "username", "session_hash"),
        },
    },
    # organisation
    "organisation.Organisation": {
        "subjects": (INGEN,),
        "purpose": "access",
        "fields": {N: ("id", "name", "municipality_code")},
    },
    "organisation.Unit": {
        "subjects": (INGEN,),
        "purpose": "access",
        "fields": {N: (*ORG, "parent", "name", "kind", "path", "uuid")},
    },
    "organisation.ProfessionalGroup": {
        "subjects": (INGEN,),
        "purpose": "access",
        "fields": {N: (*ORG, "name")},
    },
    "organisation.User": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {
            N: (*ORG, "is_superuser", "is_staff", "is_active", "groups", "user_permissions"),
            ID: ("username", "first_name", "last_name", "email"),
            ST: ("password", "last_login", "date_joined", "job_title", "professional_group"),
        },
    },
    "organisation.Role": {
        "subjects": (MEDARBEJDER,),
        "purpose": "access",
        "fields": {
            N: ("id", "unit"),
            ST: ("user", "kind", "management_level", "citizen_access"),
        },
    },
    # interventions
    "interventions.Intervention": {
        "subjects": (INGEN,),
        "purpose": "intervention",
        "fields": {
            N: (*ORG, "name", "target_group", "status", "units", "professional_groups"),
            F: ("description", "goals", "core_elements"),
        },
    },
    "interventions.InterventionCost": {
        "subjects": (INGEN,),
        "purpose": "intervention",
        "fields": {N: ("id", "intervention", "year", "amount", "note")},
    },
    # citizens
    "citizens.Citizen": {
        "subjects": (BORGER,),
        "purpose": "course",
        "fields": {
            N: (*ORG, "created_at", "version"),  # version: optimistic locking (REL-02)
            ID: ("first_name", "last_name", "birth_date", "gender"),
            C: ("cpr",),
            P: ("pseudonym",),
            # Restriction of processing (art. 18): when, and the administrator's reason
            S: ("restricted_since",),
            F: ("restriction_reason",),
        },
    },
    # The change history (art. 16): old and new values may be any of the citizen's data,
    # a CPR number included, so the strictest category of what they can hold applies.
    "citizens.Change": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "course",
        "fields": {
            N: ("id", "changed_at", "record", "field"),
            P: ("citizen", "course"),
            ST: ("changed_by",),
            C: ("old_value", "new_value"),
        },
    },
    "citizens.Course": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "course",
        "fields": {
            N: ("id", "unit", "staff_group", "staff_mixed", "version"),
            P: ("citizen",),
            S: ("intervention", "start_date", "end_date", "status"),
            ST: ("responsible",),
        },
    },
    "citizens.Observation": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "course",
        "fields": {
            N: ("id", "observed_on", "created_at"),
            P: ("course",),
            ST: ("author",),
            S: ("kind", "tags"),
            H: ("text",),
        },
    },
    "citizens.Feedback": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "course",
        "fields": {
            N: ("id", "given_on", "created_at"),
            P: ("course",),
            ST: ("recorded_by",),
            F: ("text",),
        },
    },
    "citizens.Assessment": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "course",
        "fields": {
            N: ("id", "assessed_on", "created_at"),
            P: ("course",),
            ST: ("author",),
            H: ("direction", "text"),
        },
    },
    "citizens.Goal": {
        "subjects": (BORGER,),
        "purpose": "course",
        "fields": {
            N: ("id", "weight", "is_active", "created_at", "version"),
            P: ("course",),
            S: ("title", "expected"),
        },
    },
    # instruments and measurements
    "instruments.Instrument": {
        "subjects": (INGEN,),
        "purpose": "course",
        "fields": {N: (*ORG, "code", "name", "is_builtin", "interventions")},
    },
    "instruments.InstrumentVersion": {
        "subjects": (MEDARBEJDER,),
        "purpose": "course",
        "fields": {
            N: ("id", "instrument", "number", "definition", "created_at"),
            ST: ("created_by",),
        },
    },
    "measurements.Measurement": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "course",
        "fields": {
            N: ("id", "instrument", "version", "measured_on", "self_report", "created_at"),
            P: ("course",),
            H: ("answers", "score"),
            S: ("respondent",),
            ST: ("created_by",),
        },
    },
    "measurements.OutcomeSummary": {
        "subjects": (BORGER,),
        "purpose": "course",
        "fields": {
            N: ("id", "instrument", "count", "first_on", "latest_on"),
            P: ("course",),
            H: (
                "first_score",
                "latest_score",
                "change",
                "category",
                "clinical_at_start",
                "clinical_now",
            ),
        },
    },
    "measurements.MonthlyScores": {
        "subjects": (INGEN,),
        "purpose": "statistics",
        # sums per unit, intervention, start month and month; shown only suppressed (SDC-01)
        "fields": {
            N: (
                "id",
                "intervention",
                "unit",
                "start_date",
                "instrument",
                "month",
                "courses",
                "measurements",
                "score_sum",
            )
        },
    },
    # reflection
    "reflection.MeetingForum": {
        "subjects": (MEDARBEJDER,),
        "purpose": "reflection",
        "fields": {
            N: (
                *ORG,
                "level",
                "intervention",
                "unit",
                "name",
                "meeting_form",
                "frequency_weeks",
                "duration_minutes",
                "participant_roles",
                "created_at",
            ),
            F: ("purpose", "content_template", "relevant_data"),
            ST: ("created_by", "participants"),
        },
    },
    "reflection.Meeting": {
        "subjects": (MEDARBEJDER, BORGER),
        "purpose": "reflection",
        "fields": {
            N: ("id", "forum", "starts_at", "status", "created_at"),
            F: ("agenda",),
            P: ("agenda_courses",),
            ST: ("created_by",),
        },
    },
    "reflection.Attendance": {
        "subjects": (MEDARBEJDER,),
        "purpose": "reflection",
        "fields": {N: ("id", "meeting"), ST: ("user", "present")},
    },
    "reflection.MeetingItem": {
        "subjects": (MEDARBEJDER, BORGER),
        "purpose": "reflection",
        "fields": {
            N: ("id", "meeting", "kind", "minutes", "created_at"),
            F: ("text",),
            ST: ("created_by",),
        },
    },
    "reflection.FollowUp": {
        "subjects": (MEDARBEJDER,),
        "purpose": "reflection",
        "fields": {
            N: ("id", "meeting", "due_date", "done", "completed_at", "completed_in", "created_at"),
            F: ("text",),
            ST: ("owner",),
        },
    },
    "reflection.DevelopmentPoint": {
        "subjects": (MEDARBEJDER,),
        "purpose": "reflection",
        "fields": {
            N: ("id", "intervention", "title", "meeting", "status", "created_at", "version"),
            F: ("description",),
            ST: ("created_by",),
        },
    },
    "reflection.DataPack": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "reflection",
        # a citizen-level pack freezes the course's scores; above that level, suppressed figures
        "fields": {
            N: ("id", "meeting", "level", "created_at"),
            H: ("content",),
            ST: ("created_by",),
        },
    },
    # improvement
    "improvement.QualityTeam": {
        "subjects": (MEDARBEJDER,),
        "purpose": "improvement",
        "fields": {
            N: ("id", "intervention", "unit", "name", "forum", "created_at"),
            ST: ("created_by",),
        },
    },
    "improvement.TeamMember": {
        "subjects": (MEDARBEJDER,),
        "purpose": "improvement",
        "fields": {N: ("id", "team"), ST: ("user", "role", "position")},
    },
    "improvement.ExternalPartner": {
        "subjects": (MEDARBEJDER,),
        "purpose": "improvement",
        "fields": {N: ("id", "team"), ID: ("name",), F: ("contribution",)},
    },
    "improvement.Initiative": {
        "subjects": (MEDARBEJDER,),
        "purpose": "improvement",
        "fields": {
            N: (
                "id",
                "intervention",
                "unit",
                "development_point",
                "title",
                "aim_date",
                "kind",
                "status",
                "created_at",
            ),
            F: (
                "aim",
                "outcome_measures",
                "process_measures",
                "balancing_measures",
                "change_ideas",
            ),
            ST: ("created_by",),
        },
    },
    "improvement.Trial": {
        "subjects": (MEDARBEJDER, BORGER),
        "purpose": "improvement",
        "fields": {
            N: (
                "id",
                "initiative",
                "number",
                "title",
                "start_date",
                "end_date",
                "decision",
                "decided_on",
                "created_at",
                "version",
            ),
            F: (
                "plan",
                "who",
                "where",
                "prediction",
                "what_happened",
                "observations",
                "study",
                "learning",
            ),
            P: ("courses",),
            ST: ("created_by",),
        },
    },
    "improvement.Measure": {
        "subjects": (MEDARBEJDER,),
        "purpose": "improvement",
        "fields": {
            N: (
                "id",
                "initiative",
                "name",
                "kind",
                "source",
                "instrument",
                "chart_type",
                "direction",
                "multiply",
                "baseline_end",
                "phase_starts",
                "created_at",
            ),
            F: ("definition",),
            ST: ("created_by",),
        },
    },
    "improvement.MeasureValue": {
        "subjects": (INGEN,),
        "purpose": "improvement",
        "fields": {N: ("id", "measure", "period", "value", "denominator"), F: ("note",)},
    },
    # culture
    "culture.Landmark": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {
            N: (*ORG, "unit", "theme", "order", "intent", "active", "created_at"),
            F: ("intent_note",),
            ST: ("created_by",),
        },
    },
    "culture.LandmarkStatement": {
        "subjects": (INGEN,),
        "purpose": "culture",
        "fields": {N: ("id", "landmark", "text", "order", "active")},
    },
    "culture.LearningPoint": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {
            N: (
                *ORG,
                "unit",
                "intervention",
                "trial",
                "source",
                "for_staff_meeting",
                "discussed_on",
                "created_at",
            ),
            F: ("what_happened", "learned", "do_now"),
            ST: ("created_by",),
        },
    },
    "culture.Recognition": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {
            N: (*ORG, "unit", "recognised_on", "created_at"),
            F: ("behaviour", "description"),
            ST: ("recognised", "created_by"),
        },
    },
    "culture.Concern": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        # a concern about the practice, optionally anonymous (raised_by empty)
        "fields": {
            N: (*ORG, "unit", "initiative", "scaling_target", "status", "raised_on"),
            F: ("description", "background", "response"),
            ST: ("suggested_role", "raised_by"),
        },
    },
    "culture.SurveyRound": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {
            N: (
                *ORG,
                "unit",
                "kind",
                "title",
                "opens_on",
                "closes_on",
                "status",
                "threshold",
                "split_groups",
            ),
            ST: ("subject", "opened_by", "invitees"),
        },
    },
    "culture.SurveyItem": {
        "subjects": (INGEN,),
        "purpose": "culture",
        "fields": {N: ("id", "round", "theme", "text", "order", "statement", "reflection")},
    },
    "culture.Eligibility": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {N: ("id", "round"), ST: ("user", "group")},
    },
    "culture.Participation": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {N: ("id", "round"), ST: ("user",)},
    },
    "culture.RespondentTally": {
        "subjects": (INGEN,),
        "purpose": "culture",
        "fields": {N: ("id", "round", "group", "count")},
    },
    "culture.AnswerTally": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        # in a 360° round the counters are feedback about the round's leader
        "fields": {N: ("id", "item", "group"), ST: ("value", "count")},
    },
    "culture.SurveyComment": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        # anonymous: a random UUID, no user, no time (SDC-02)
        "fields": {N: ("id", "round"), F: ("text",)},
    },
    "culture.SelfAssessment": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {N: ("id", "item"), ST: ("leader", "value")},
    },
    "culture.LeaderNote": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {N: ("id", "round", "created_at"), ST: ("leader",), F: ("text",)},
    },
    "culture.ReflectionShare": {
        "subjects": (MEDARBEJDER,),
        "purpose": "culture",
        "fields": {N: ("id", "created_at"), ST: ("leader", "shared_with")},
    },
    # scaling
    "scaling.Description": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {
            N: ("id", "intervention", "version", "created_at", "documentation_tools"),
            F: (
                "target_group",
                "goals",
                "resources",
                "activities",
                "short_term_outcomes",
                "long_term_outcomes",
                "assumptions",
                "documentation_note",
                "change_note",
            ),
            ST: ("created_by",),
        },
    },
    "scaling.Element": {
        "subjects": (INGEN,),
        "purpose": "scaling",
        "fields": {N: ("id", "description", "key", "kind", "name", "order"), F: ("text",)},
    },
    "scaling.PracticeAssessment": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {
            N: ("id", "intervention", "assessed_on", "created_at"),
            F: ("note",),
            ST: ("created_by",),
        },
    },
    "scaling.PracticeScore": {
        "subjects": (INGEN,),
        "purpose": "scaling",
        "fields": {N: ("id", "assessment", "element", "score"), F: ("evidence", "next_step")},
    },
    "scaling.ScalingPlan": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {
            N: ("id", "intervention", "name", "quality_team", "created_at", "pilot_units"),
            F: ("fixed", "free", "decides"),
            ST: ("created_by",),
        },
    },
    "scaling.TargetUnit": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {N: ("id", "plan", "unit", "stage"), F: ("tacit_knowledge",), ST: ("owner",)},
    },
    "scaling.StageChange": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {N: ("id", "target", "stage", "changed_on"), F: ("reason",), ST: ("changed_by",)},
    },
    "scaling.ReadinessItem": {
        "subjects": (INGEN,),
        "purpose": "scaling",
        "fields": {N: ("id", "target", "item", "score"), F: ("note",)},
    },
    "scaling.PracticeMapping": {
        "subjects": (INGEN,),
        "purpose": "scaling",
        "fields": {N: ("id", "target", "element_key", "fit"), F: ("existing_practice",)},
    },
    "scaling.Adaptation": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {
            N: (
                "id",
                "target",
                "element_key",
                "touches_core",
                "status",
                "proposed_on",
                "decided_on",
            ),
            F: ("proposal", "reason", "decision_note"),
            ST: ("proposed_by", "decided_by"),
        },
    },
    "scaling.Idea": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {
            N: ("id", "target", "status", "proposed_on"),
            F: ("text", "response"),
            ST: ("proposed_by",),
        },
    },
    "scaling.FidelityCheck": {
        "subjects": (MEDARBEJDER,),
        "purpose": "scaling",
        "fields": {N: ("id", "target", "checked_on"), F: ("note",), ST: ("checked_by",)},
    },
    "scaling.FidelityAnswer": {
        "subjects": (INGEN,),
        "purpose": "scaling",
        "fields": {N: ("id", "fidelity_check", "element_key", "level"), F: ("note",)},
    },
    # privacy
    "privacy.RetentionRule": {
        "subjects": (MEDARBEJDER,),
        "purpose": "technical",
        # the municipality's retention period per category, and who last set it (PRIV-04)
        "fields": {
            N: (*ORG, "category", "months", "updated_at"),
            F: ("note",),
            ST: ("updated_by",),
        },
    },
    # audit
    "audit.AccessLog": {
        "subjects": (BORGER, MEDARBEJDER),
        "purpose": "logging",
        # the criterion has CPR numbers masked (PRIV-02) but may hold a searched name
        "fields": {
            N: ("id", "at", "organisation", "action", "page", "request_id"),
            P: ("citizen_id", "citizen_pseudonym"),
            ID: ("criterion",),
            ST: ("user", "ip_address"),
        },
    },
    # --- audit (SECURITY LOG-02, LOG-03): security events and spot checks ---
    "audit.SecurityEvent": {
        "subjects": (MEDARBEJDER,),
        "purpose": "logging",
        # extra_data holds ids, a tried username, paths and a role's old/new values; never CPR,
        # citizen names or session keys (tests/log_capture.py checks the whole suite for them)
        "fields": {
            N: ("id", "event_type", "event_time", "organisation", "request_id"),
            ST: ("acting_user", "modified_user", "ip_address", "extra_data"),
        },
    },
    "audit.SpotCheck": {
        "subjects": (MEDARBEJDER,),
        "purpose": "logging",
        "fields": {
            N: ("id", "organisation", "unit", "created_at", "period_start", "period_end"),
            ST: ("reviewer",),
        },
    },
    "audit.SpotCheckItem": {
        "subjects": (MEDARBEJDER,),
        "purpose": "logging",
        # the verdict is a judgement of one employee's use of citizen data
        "fields": {
            N: ("id", "spot_check", "entry"),
            ST: ("verdict", "marked_at"),
        },
    },
    # --- end audit ---
}


def field_categories() -> dict[str, dict[str, str]]:
    """The registry flattened: "app_label.Model" → {field: category}."""
    return {
        label: {field: category for category, names in entry["fields"].items() for field in names}
        for label, entry in INVENTORY.items()
    }


def listed_twice() -> list[str]:
    """Fields given more than one category ("app_label.Model.field"), which must be none."""
    twice = []
    for label, entry in INVENTORY.items():
        names = [field for fields in entry["fields"].values() for field in fields]
        twice += sorted(f"{label}.{name}" for name in set(names) if names.count(name) > 1)
    return twice
