"""What erasing one citizen deletes, for the confirmation page (SECURITY PRIV-04).

Erasure removes every trace of the citizen's personal data: the citizen, every course with its
measurements, outcome summaries, goals, observations, assessments and feedback, the change
history, the courses' places on meeting agendas and in trials, and their rows and charts in
citizen-level data packs. The aggregate monthly scores of the courses' cells are recomputed without them.

The access log is the one thing kept: it holds the citizen's id and pseudonym, never names or
free text about them, and it expires on its own after ``LOVENDE_ACCESS_LOG_RETENTION_DAYS``
(LOG-02). It must outlive the erasure so the municipality can still answer who used the data.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from lovende.citizens.models import Citizen
from lovende.privacy import permissions


@dataclass(frozen=True)
class ErasurePlan:
    """Counts of what goes, and of the log entries that stay until they expire."""

    courses: int
    measurements: int
    summaries: int
    goals: int
    observations: int
    assessments: int
    feedback: int
    agenda_meetings: int
    data_packs: int
    trials: int
    changes: int
    log_entries_kept: int

    def deleted(self) -> list[tuple[str, int]]:
        """Danish labels and counts, in the order the confirmation page lists them."""
        return [
            (_("Borgerens stamoplysninger (navn, CPR-nummer, fødselsdato, køn)"), 1),
            (_("Forløb"), self.courses),
            (_("Målinger"), self.measurements),
            (_("Forløbsresultater"), self.summaries),
            (_("Mål"), self.goals),
            (_("Observationer"), self.observations),
            (_("Faglige vurderinger"), self.assessments),
            (_("Borgerfeedback"), self.feedback),
            (_("Ændringshistorik (rettelser med værdien før og efter)"), self.changes),
            (
                _("Møder med forløbet på dagsordenen (kun henvisningen fjernes)"),
                self.agenda_meetings,
            ),
            (_("Datapakker med borgerens rækker og grafer (kun dem fjernes)"), self.data_packs),
            (_("Afprøvninger med forløbet (kun henvisningen fjernes)"), self.trials),
        ]


def plan(citizen: Citizen) -> ErasurePlan:
    counts = citizen.courses.aggregate(
        courses=Count("pk", distinct=True),
        measurements=Count("measurements", distinct=True),
        summaries=Count("summaries", distinct=True),
        goals=Count("goals", distinct=True),
        observations=Count("observations", distinct=True),
        assessments=Count("assessments", distinct=True),
        feedback=Count("feedback", distinct=True),
        trials=Count("trials", distinct=True),
    )
    course_ids = set(citizen.courses.values_list("pk", flat=True))
    return ErasurePlan(
        **counts,
        changes=citizen.changes.count(),
        agenda_meetings=permissions.meetings_with_courses(course_ids).count(),
        data_packs=len(permissions.packs_with_courses(citizen.organisation_id, course_ids)),
        log_entries_kept=permissions.citizen_log(citizen).count(),
    )
