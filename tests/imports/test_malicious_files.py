"""The malicious-file corpus: each file refused in Danish, with little memory and no rows written
(SECURITY FILE-01)."""

import io
import tracemalloc
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lovende.audit.models import SecurityEvent
from lovende.imports import reading, safety
from tests.imports import files

pytestmark = pytest.mark.django_db

EXPECTED = {
    "zip bomb": "Excel-filen fylder alt for meget, når den pakkes ud.",
    "billion laughs": "Excel-filen indeholder XML-konstruktioner, som ikke er tilladt.",
    "exe renamed": "Filen er ikke en rigtig Excel-fil (.xlsx), selv om den hedder sådan.",
    "xlsm": "Filer med makroer (.xlsm) kan ikke importeres.",
    "macro inside xlsx": "Filer med makroer (.xlsm) kan ikke importeres.",
    "empty": "Filen er tom.",
    "11 MB": "Filen er for stor. Den må højst fylde 10.0 MB.",
    "truncated zip": "Filen er beskadiget eller ufuldstændig og kan ikke læses.",
    "path in name": "Excel-filen indeholder dele med ugyldige stier og kan ikke importeres.",
    "utf-16 csv": "CSV-filen er gemt som UTF-16",
    "xls": "Filen skal være en Excel-fil (.xlsx) eller en CSV-fil (.csv).",
    "binary csv": "CSV-filen indeholder tegn, der ikke er tekst.",
}
MEMORY_LIMIT_MB = 200


# A refusal is itself recorded as a security event (LOG-03); every other table must stay as it was.
EVENTS = "audit.SecurityEvent"


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label != EVENTS
    }


def test_it_refuses_every_malicious_file_in_danish(client_for, importer, tmp_path, monkeypatch):
    # covers FILE-01: the whole corpus through the upload page
    monkeypatch.chdir(tmp_path / "..")  # a path taken from "../../x.xlsx" would land near here
    client = client_for(importer)
    client.get(reverse("imports:upload_file"))
    before = row_counts()
    corpus = files.malicious_corpus()
    peaks = {}
    for case, name, content in corpus:
        upload = SimpleUploadedFile(name, content)
        tracemalloc.start()
        response = client.post(reverse("imports:upload_file"), {"file": upload})
        peaks[case] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        body = response.content.decode()

        assert response.status_code == 422, case
        assert EXPECTED[case] in body, case
        assert "lovende_import" not in client.session, case
    after = row_counts()
    events = SecurityEvent.objects.filter(event_type=SecurityEvent.EventType.INPUT_REJECTED)

    assert events.count() == len(corpus)
    assert {e.extra_data["what"] for e in events} == {"import: fil"}
    assert set(EXPECTED) == {case for case, _, _ in corpus}
    assert after == before
    assert not (tmp_path.parent / "x.xlsx").exists()
    assert not list(Path(tmp_path.parent.parent).glob("x.xlsx"))
    assert max(peaks.values()) < MEMORY_LIMIT_MB
    print(
        f"\nFILE-01: {len(corpus)} malicious files refused in Danish; rows changed: "
        f"{sum(after.values()) - sum(before.values())}; peak memory on the zip bomb "
        f"{peaks['zip bomb']:.1f} MB, largest {max(peaks.values()):.1f} MB (limit {MEMORY_LIMIT_MB})"
    )


def test_it_lets_defusedxml_stop_billion_laughs_even_past_the_sniffing():
    # covers FILE-01: openpyxl runs with defusedxml, so the XML guard does not rest on our sniffing
    from openpyxl.xml import DEFUSEDXML

    tracemalloc.start()
    with pytest.raises(safety.RefusedFile) as refused:
        reading.read_xlsx(io.BytesIO(files.billion_laughs()), max_rows=100)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()

    assert DEFUSEDXML is True
    assert refused.value.code == "damaged"
    assert peak < MEMORY_LIMIT_MB


def test_it_refuses_the_bomb_from_the_zip_directory_alone():
    # covers FILE-01: the guard reads sizes from the directory and inflates nothing
    bomb = files.zip_bomb()
    tracemalloc.start()
    with pytest.raises(safety.RefusedFile) as refused:
        safety.check_xlsx(io.BytesIO(bomb))
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()

    assert refused.value.code == "zip_size"
    assert peak < 10


@pytest.mark.parametrize("name", ["../../x.xlsx", "..\\x.csv", "/etc/x.csv", "C:\\x.xlsx"])
def test_it_refuses_a_path_as_file_name(name):
    # covers FILE-01: a name is never a path (Django strips it too; this is the second guard)
    with pytest.raises(safety.RefusedFile) as refused:
        safety.kind_of(name)

    assert refused.value.code == "path"


def test_it_refuses_too_many_zip_entries():
    # covers FILE-01: entry count checked before openpyxl opens the ZIP
    def change(name, content):
        if name is None:
            return [(f"xl/extra{n}.bin", b"") for n in range(safety.MAX_ZIP_ENTRIES)]
        return content

    crowded = files._rezip(files.xlsx_bytes(files.demo_rows()), change)
    with pytest.raises(safety.RefusedFile) as refused:
        safety.check_xlsx(io.BytesIO(crowded))

    assert refused.value.code == "zip_entries"
