"""Target groups are free text; these functions make two spellings of one group line up. Pure.

"Unge 15-24 år" and "unge  15-24 år " are the same group: grouping ignores case and repeated or
surrounding whitespace, and shows the spelling that was written first.
"""

from collections.abc import Iterable


def normalise(target_group: str) -> str:
    """The key two spellings of the same target group share."""
    return " ".join(target_group.split()).casefold()


def first_spellings(target_groups: Iterable[str]) -> dict[str, str]:
    """Each group's key with the first spelling met; pass them in the order they were written."""
    spellings: dict[str, str] = {}
    for target_group in target_groups:
        if target_group.strip():
            spellings.setdefault(normalise(target_group), " ".join(target_group.split()))
    return spellings


def same(first: str, second: str) -> bool:
    return normalise(first) == normalise(second)
