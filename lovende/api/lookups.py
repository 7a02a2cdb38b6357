"""``__in`` on integer columns drops numbers the column cannot hold (SECURITY VAL-01).

Django (5.0+) answers ``id=99999999999999999999`` with no rows, but not ``id__in=[...]``: SQLite
raises OverflowError, so a form with a ModelMultipleChoiceField answered a typed-in huge id with a
500 (found by tests/security/test_fuzz_forms.py). A number outside the column's range can match no
row, so leaving it out gives the same answer the database would, without the crash.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):  # Django's signature
        if self.rhs_is_direct_value():
            kind = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(kind)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
