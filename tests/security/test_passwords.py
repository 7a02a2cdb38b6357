"""Local passwords (SECURITY AUTH-02): Argon2 first, at least 12 characters, any characters, no
composition rules, common passwords refused, and checked exactly (no truncation or folding)."""

import gzip
import unicodedata
from pathlib import Path

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from lovende import checks
from lovende import settings as project_settings

# tests/conftest.py swaps in MD5 for speed; these tests use the project's own list.
ARGON2_FIRST = override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS)


class LightArgon2PasswordHasher(Argon2PasswordHasher):
    """The same Argon2id code path with a small memory and time cost: truncation or folding would
    not depend on the cost, and Django's 100 MB per hash makes 150 hashes take minutes on CI."""

    memory_cost = 1024
    time_cost = 1
    parallelism = 1


LIGHT_ARGON2 = override_settings(PASSWORD_HASHERS=[f"{__name__}.LightArgon2PasswordHasher"])
EXAMPLES = 30
checked: list[int] = []


def test_argon2_is_the_first_hasher() -> None:
    # covers AUTH-02
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with ARGON2_FIRST:
        assert make_password("et langt kodeord til test").startswith("argon2$argon2id$")


def rejected(password: str) -> bool:
    try:
        password_validation.validate_password(password)
    except ValidationError:
        return True
    return False


def test_the_minimum_length_is_12_with_no_composition_rules() -> None:
    # covers AUTH-02
    assert rejected("tyvestjålne")  # 11 characters
    assert not rejected("tyvestjålnes")  # 12 characters, lower case letters only
    assert not rejected("hestebatterihæfteklammerkorrekt")
    assert not rejected("🐴🔋📎✔️ heste på ø" * 4)  # 64+ characters, emoji and spaces
    assert not rejected("x" * 200 + "ægte")


@given(
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",)),  # any code point but surrogates
        min_size=15,
        max_size=128,
    )
)
@example("Æ" * 128)
@example("ǅungle ﬁsh ΣΑΣ straße 1")  # letters whose case or compatibility forms differ
@hypothesis_settings(max_examples=EXAMPLES, deadline=None)
def test_any_long_password_is_accepted_and_checked_exactly(password: str) -> None:
    # covers AUTH-02
    password_validation.validate_password(password)
    with LIGHT_ARGON2:
        encoded = make_password(password)
        assert encoded.startswith("argon2$argon2id$")
        assert check_password(password, encoded)
        assert not check_password(password + "x", encoded)  # no truncation
        assert not check_password(password[:-1], encoded)
        if password.swapcase() != password:
            assert not check_password(password.swapcase(), encoded)  # no case folding
        folded = unicodedata.normalize("NFKC", password)
        if folded != password:
            assert not check_password(folded, encoded)  # no Unicode folding
    checked.append(len(password))


def test_report_the_hypothesis_figures() -> None:
    # covers AUTH-02: runs after the property test in file order and reports what it checked
    if checked:
        print(
            f"\nAUTH-02 passwords: {len(checked)} generated (15–128 code points, "
            f"longest {max(checked)}), all accepted and checked exactly with Argon2id (light test cost)"
        )


def top_common_passwords(count: int) -> list[str]:
    """The first ``count`` entries of the list Django's CommonPasswordValidator uses (most
    common first)."""
    path = Path(password_validation.CommonPasswordValidator().DEFAULT_PASSWORD_LIST_PATH)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [line.strip() for _, line in zip(range(count), lines, strict=False)]


def test_the_top_3000_common_passwords_are_rejected() -> None:
    # covers AUTH-02
    common = top_common_passwords(3000)
    validator = password_validation.CommonPasswordValidator()
    refused_by_list = 0
    for password in common:
        with pytest.raises(ValidationError):
            validator.validate(password)
        refused_by_list += 1
        assert rejected(password)
        assert rejected(password.upper())  # the list is compared without case
    long_ones = [p for p in common if len(p) >= 12]
    print(
        f"\nAUTH-02 common passwords: {len(common)} of the top {len(common)} rejected "
        f"({refused_by_list} by the common-password list itself, {len(long_ones)} of them "
        "12+ characters long)"
    )
    assert len(common) == 3000


@pytest.mark.django_db
def test_demo_mode_and_a_user_named_admin_fail_the_deploy_check(settings, django_user_model):
    # covers AUTH-02: no demo logins and no `admin` account in production (lovende.E003, E004;
    # SECURITY.md's E001 is the deploy check as a whole)
    settings.MODE = "demo"
    assert [e.id for e in checks.mode_errors()] == ["lovende.E003"]
    settings.MODE = "production"
    settings.DEMO = False
    assert checks.mode_errors() == []
    assert checks.admin_user_errors(["default"]) == []
    django_user_model.objects.create(username="Admin")
    assert [e.id for e in checks.admin_user_errors(["default"])] == ["lovende.E004"]
