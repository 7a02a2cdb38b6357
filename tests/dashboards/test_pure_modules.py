"""The dashboards' arithmetic and chart specs stay free of Django (STYLE §1)."""

import pytest

from tests.security.test_static_rules import PACKAGE, imported_modules

PURE = ["analytics/margins.py", "analytics/outcomes.py", "dashboards/charts.py"]
ALLOWED = {
    "lovende.analytics.suppression",
    "lovende.analytics.margins",
    "lovende.measurements.charts",
    "lovende.instruments",
}


@pytest.mark.parametrize("module", PURE)
def test_it_keeps_the_module_free_of_django(module):
    imports = imported_modules(PACKAGE / module)

    assert not [name for name in imports if name.split(".")[0] == "django"]
    assert not [name for name in imports if name.startswith("lovende") and name not in ALLOWED]
