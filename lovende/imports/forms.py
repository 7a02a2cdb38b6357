"""The upload form: every FILE-01 check runs in clean_file, before and while the file is read."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lovende.imports import reading, safety
from lovende.imports.messages import refusal_message


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil (.xlsx eller .csv)"),
        help_text=_("Brug skabelonen. Højst 10 MB."),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Der blev ikke sendt en fil."),
        },
    )

    def clean_file(self) -> reading.Table:
        """The file's rows as text; the upload itself is dropped after this request."""
        upload = self.cleaned_data["file"]
        limit = settings.LOVENDE_IMPORT_MAX_BYTES
        rows = settings.LOVENDE_IMPORT_MAX_ROWS
        try:
            kind = safety.check_upload(upload.name, upload, upload.size, limit)
            if kind == "csv":
                upload.seek(0)
                return reading.read_csv(safety.decode_csv(upload.read(limit + 1)), rows)
            return reading.read_xlsx(upload, rows)
        except safety.RefusedFile as refusal:
            raise forms.ValidationError(refusal_message(refusal), code=refusal.code) from None
