"""Template helpers for the survey pages, and the overview's «Mine spørgeskemaer» card."""

from django import template

from lovende.culture import permissions, survey_services
from lovende.culture.survey_results import GroupResult

register = template.Library()


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key)


@register.filter
def group_mean(group: GroupResult, item_id: int) -> float | None:
    """The mean one shown respondent group gave the item."""
    for statement in group.statements:
        if statement.item.id == item_id:
            return statement.mean
    return None


@register.inclusion_tag("culture/_my_surveys.html", takes_context=True)
def my_surveys(context: template.Context) -> dict[str, object]:
    return {"to_answer": permissions.rounds_to_answer(context["request"].user)}


@register.simple_tag
def survey_threshold() -> int:
    return survey_services.survey_threshold()
