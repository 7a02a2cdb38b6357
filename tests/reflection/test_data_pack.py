"""Data packs: frozen snapshots of a meeting's data, as page, Excel and PDF (see packs.py)."""

import datetime
import io
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from lovende import pdf
from lovende.audit.models import AccessLog
from lovende.improvement import services as improvement_services
from lovende.improvement.models import Trial
from lovende.interventions import services as intervention_services
from lovende.reflection import packs, services
from lovende.reflection.models import DataPack
from tests.conftest import make_course
from tests.dashboards.conftest import CASES, add_case
from tests.reflection.conftest import make_forum, past_meetings

pytestmark = pytest.mark.django_db

SCREENSHOT = Path(__file__).resolve().parents[2] / "out" / "screenshots" / "09-data-pack.png"


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def sheets(response) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}


def unit_rows(pack: DataPack) -> dict[str, list[dict]]:
    table = next(t for t in pack.content["tables"] if t["key"] != "Nøgletal")
    return {row[0]["text"].strip(): row for row in table["rows"]}


@pytest.fixture
def caseload(tree, intervention, mette, sofie, ors, srs):
    """The dashboards' hand-computed caseload: Nord six citizens, Syd two."""
    units = {"Nord": (tree.nord, mette), "Syd": (tree.syd, sofie)}
    return [
        add_case(units[u][1], intervention, units[u][0], first, last, gender, scores, s, ors, srs)
        for u, first, last, gender, scores, s in CASES
    ]


@pytest.fixture
def meeting(lars, forum, meetings):
    return meetings[0]


@pytest.fixture
def citizen_meeting(lars, mette, intervention, tree):
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde Nord", unit=tree.nord,
        participants=[mette, lars], participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    return past_meetings(lars, forum, count=1)[0]


def generate(client, meeting):
    response = client.post(f"/refleksion/moede/{meeting.pk}/datapakke/")
    assert response.status_code == 302, response.status_code
    return DataPack.objects.filter(meeting=meeting).first()


def test_the_meeting_page_offers_the_button_and_generates_a_pack(client_for, lars, meeting):
    client = client_for(lars)
    assert "Dan datapakke" in text_of(client.get(f"/refleksion/moede/{meeting.pk}/"))

    pack = generate(client, meeting)

    assert pack.level == "indsats"
    assert pack.created_by == lars
    page = text_of(client.get(f"/refleksion/moede/{meeting.pk}/"))
    assert "Datapakke dannet" in page


def test_a_second_generation_adds_a_pack_and_keeps_the_first(client_for, lars, meeting):
    client = client_for(lars)
    first = generate(client, meeting)
    second = generate(client, meeting)

    assert first.pk != second.pk
    assert DataPack.objects.filter(meeting=meeting).count() == 2
    page = client.get(f"/refleksion/moede/{meeting.pk}/").content.decode()
    assert f"/refleksion/datapakke/{second.pk}/" in page
    assert "Tidligere datapakker" in page
    assert f"/refleksion/datapakke/{first.pk}/" in page


def test_the_pack_is_frozen_when_data_change(
    client_for,
    lars,
    mette,
    meeting,
    caseload,
    intervention,
    tree,
):
    client = client_for(lars)
    pack = generate(client, meeting)
    assert "Borgere 8" in text_of(client.get(f"/refleksion/datapakke/{pack.pk}/"))

    for n in range(3):
        make_course(mette, intervention, tree.nord, "Ny", f"Borger{n}")

    live = text_of(client.get(f"/overblik/indsats/{intervention.pk}/"))
    assert "Borgere 11" in live
    frozen = text_of(client.get(f"/refleksion/datapakke/{pack.pk}/"))
    assert "Borgere 8" in frozen
    assert "Borgere 11" not in frozen


def test_the_snapshot_is_plain_json(lars, meeting, caseload):
    pack = packs.generate_data_pack(by=lars, meeting=meeting)

    def plain(value) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | float | bool)

    assert plain(pack.content)
    assert pack.content["forum"] == "Fagligt refleksionsmøde"


def test_suppressed_cells_stay_suppressed_in_page_excel_and_pdf_html(
    client_for,
    lars,
    meeting,
    caseload,
):
    client = client_for(lars)
    pack = generate(client, meeting)
    rows = unit_rows(pack)
    # as on the dashboard: Syd has 2 citizens and Nord is hidden with it (8 − Nord = Syd)
    assert rows["Familiebehandling Syd"][1] == {
        "text": "færre end 5",
        "number": None,
        "hidden": True,
    }
    assert rows["Familiebehandling Nord"][1]["text"] == "færre end 5"

    page = client.get(f"/refleksion/datapakke/{pack.pk}/").content.decode()
    assert "lovende-suppressed" in page
    assert "færre end 5" in page

    excel = sheets(client.get(f"/refleksion/datapakke/{pack.pk}/excel/"))
    by_unit = {row[0].strip(): row for sheet in excel.values() for row in sheet if row and row[0]}
    assert by_unit["Familiebehandling Syd"][1] == "færre end 5"
    assert by_unit["Familiebehandling Nord"][1] == "færre end 5"
    assert 2 not in by_unit["Familiebehandling Syd"][1:3]

    view = packs.read_pack(lars, pack, context=None, action="vist")
    html = re.sub(r"\s+", " ", packs.pdf_html(view))
    assert re.search(r'class="number suppressed">færre end 5<', html)
    assert "færre end 5" in html
    assert "Familiebehandling Syd" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_text_keeps_the_suppression(client_for, lars, meeting, caseload, tmp_path):
    client = client_for(lars)
    pack = generate(client, meeting)
    response = client.get(f"/refleksion/datapakke/{pack.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), "-layout", str(pdf), str(tmp_path / "pack.txt")], check=True
    )
    text = (tmp_path / "pack.txt").read_text()

    assert "Fagligt refleksionsmøde" in text
    assert "færre end 5" in text
    syd = next(line for line in text.splitlines() if "Familiebehandling Syd" in line)
    assert "færre end 5" in syd
    assert not re.search(r"\s2\s", syd)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_the_pdf_renders_to_an_image(client_for, lars, meeting, caseload, tmp_path):
    client = client_for(lars)
    services.create_development_point(by=lars, meeting=meeting, title="Flere målinger i opstarten")
    pack = generate(client, meeting)
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(client.get(f"/refleksion/datapakke/{pack.pk}/pdf/").content)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, SCREENSHOT.with_suffix(".pdf"))  # every page, to look at by hand
    assert pdf.read_bytes().startswith(b"%PDF")

    subprocess.run(  # noqa: S603
        [
            shutil.which("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    pngs = list(tmp_path.glob("page*.png"))
    assert len(pngs) == 1
    assert pngs[0].stat().st_size > 5_000
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pngs[0], SCREENSHOT)


def test_citizen_level_pack_lists_courses_and_logs_every_use(
    client_for,
    lars,
    mette,
    citizen_meeting,
    caseload,
):
    client = client_for(mette)
    pack = generate(client, citizen_meeting)
    assert pack.level == "borger"
    names = {row[0]["text"] for row in pack.content["tables"][0]["rows"]}
    assert "Astrid Holmgaard" in names
    assert "Gitte Overgaard" not in names
    created = AccessLog.objects.filter(user=mette, action=AccessLog.Action.CREATE).count()
    assert created == 6

    page = text_of(client.get(f"/refleksion/datapakke/{pack.pk}/"))
    assert "Astrid Holmgaard" in page
    assert AccessLog.objects.filter(user=mette, action=AccessLog.Action.VIEW).count() == 6

    client.get(f"/refleksion/datapakke/{pack.pk}/excel/")
    client.get(f"/refleksion/datapakke/{pack.pk}/pdf/")
    assert AccessLog.objects.filter(user=mette, action=AccessLog.Action.EXPORT).count() == 12


def test_a_reader_sees_only_the_courses_they_may_see(
    client_for,
    lars,
    mette,
    sofie,
    intervention,
    tree,
    caseload,
):
    forum = make_forum(
        lars, intervention, level="borger", name="Forløbsmøde", participants=[mette, sofie, lars],
        participant_roles=["forloebets_medarbejdere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]
    pack = generate(client_for(mette), meeting)  # Mette sees Nord only

    before = AccessLog.objects.count()
    page = text_of(client_for(sofie).get(f"/refleksion/datapakke/{pack.pk}/"))

    assert "Astrid Holmgaard" not in page
    assert "udeladt" in page
    assert not AccessLog.objects.filter(user=sofie, citizen_id__isnull=False).exists()
    assert AccessLog.objects.count() == before + 1  # the view itself, with no citizen


def test_other_organisations_get_404(client_for, lars, karin, meeting):
    pack = packs.generate_data_pack(by=lars, meeting=meeting)
    client = client_for(karin)
    for suffix in ("", "excel/", "pdf/"):
        assert client.get(f"/refleksion/datapakke/{pack.pk}/{suffix}").status_code == 404
    assert client.post(f"/refleksion/moede/{meeting.pk}/datapakke/").status_code == 404
    assert not DataPack.objects.exclude(pk=pack.pk).exists()


def test_readers_who_are_not_minute_takers_cannot_generate(client_for, lars, sofie, meeting):
    # Sofie (Syd) reads the forum through the intervention but is not a named participant
    assert client_for(sofie).get(f"/refleksion/moede/{meeting.pk}/").status_code == 200
    response = client_for(sofie).post(f"/refleksion/moede/{meeting.pk}/datapakke/")
    assert response.status_code == 403
    assert not DataPack.objects.exists()


def test_organisation_level_pack_holds_the_organisation_tables(client_for, lars, caseload):
    forum = make_forum(
        lars, None, level="organisation", name="Ledelsesmøde", participants=[lars],
        participant_roles=["relevante_ledere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]
    pack = generate(client_for(lars), meeting)

    assert pack.level == "organisation"
    assert len(pack.content["tables"]) >= 1
    assert not AccessLog.objects.filter(action=AccessLog.Action.VIEW).exists()
    page = client_for(lars).get(f"/refleksion/datapakke/{pack.pk}/")
    assert page.status_code == 200
    assert "Familiebehandling" in text_of(page)


def test_an_empty_intervention_gives_an_honest_pack(client_for, lars, meeting):
    client = client_for(lars)
    pack = generate(client, meeting)

    assert client.get(f"/refleksion/datapakke/{pack.pk}/").status_code == 200
    assert client.get(f"/refleksion/datapakke/{pack.pk}/excel/").status_code == 200
    assert client.get(f"/refleksion/datapakke/{pack.pk}/pdf/").content.startswith(b"%PDF")


def test_an_organisation_pack_needs_organisation_figures(client_for, lars, mette):
    forum = make_forum(
        lars, None, level="organisation", name="Ledelsesmøde", participants=[mette, lars],
        participant_roles=["relevante_ledere"],
    )  # fmt: skip
    meeting = past_meetings(lars, forum, count=1)[0]

    response = client_for(mette).post(f"/refleksion/moede/{meeting.pk}/datapakke/", follow=True)

    assert "kan derfor ikke danne datapakken" in text_of(response)
    assert not DataPack.objects.exists()


def tables_by_key(pack: DataPack) -> dict[str, dict]:
    return {table["key"]: table for table in pack.content["tables"]}


def test_the_intervention_pack_splits_by_group_like_the_dashboard(lars, meeting, caseload):
    pack = packs.generate_data_pack(by=lars, meeting=meeting)

    tables = tables_by_key(pack)
    for split in ("faggruppe", "koen", "alder"):
        assert f"Forløb og målinger ({split})" in tables
        assert f"Resultater ({split})" in tables
    # kvinde 5, mand 3: mand is small, so kvinde is hidden too (as on the dashboard)
    by_gender = {row[0]["text"]: row for row in tables["Forløb og målinger (koen)"]["rows"]}
    assert by_gender["Mand"][1]["text"] == by_gender["Kvinde"][1]["text"] == "færre end 5"
    assert by_gender["I alt"][1]["text"] == "8"
    assert tables["Forløb og målinger (koen)"]["caption"] == "Forløb og målinger efter køn"
    assert "Observationer" in tables


def test_the_intervention_pack_lists_the_open_development_points(lars, meeting, caseload):
    open_point = services.create_development_point(
        by=lars, meeting=meeting, title="Flere målinger i opstarten"
    )
    closed = services.create_development_point(by=lars, meeting=meeting, title="Lukket punkt")
    services.set_development_point_status(by=lars, point=closed, status="lukket")

    pack = packs.generate_data_pack(by=lars, meeting=meeting)

    rows = tables_by_key(pack)["Udviklingspunkter"]["rows"]
    assert [[cell["text"] for cell in row[:2]] for row in rows] == [[open_point.title, "Åben"]]
    assert rows[0][2]["text"].startswith("Fagligt refleksionsmøde, 3. marts 2025")


def test_the_pack_freezes_the_charts_and_draws_them_on_the_page_and_in_the_pdf(
    client_for, lars, meeting, caseload
):
    client = client_for(lars)
    pack = generate(client, meeting)

    titles = [chart["title"] for chart in pack.content["charts"]]
    assert "Fordeling af ændring" in titles
    assert "Pålidelig ændring efter faggruppe" in titles  # by gender both groups are hidden
    page = client.get(f"/refleksion/datapakke/{pack.pk}/").content.decode()
    assert page.count("data-vega-spec=") == len(titles)
    assert 'id="pack-chart-1-spec" type="application/json"' in page
    view = packs.read_pack(lars, pack, context=None, action="vist")
    assert packs.pdf_html(view).count("data:image/svg+xml;base64,") == len(titles)


def render_first_page(pdf: Path, png: Path) -> Path:
    subprocess.run(  # noqa: S603
        [shutil.which("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
         str(pdf), str(png.with_suffix(""))],
        check=True,
    )  # fmt: skip
    return png


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_a_citizen_level_pdf_renders_to_an_image(client_for, mette, citizen_meeting, caseload):
    client = client_for(mette)
    for course in (caseload[4], caseload[0]):  # Erik and Astrid
        client.post(f"/refleksion/moede/{citizen_meeting.pk}/forloeb/", {"course": course.pk})
    pack = generate(client, citizen_meeting)
    out = SCREENSHOT.parent
    out.mkdir(parents=True, exist_ok=True)
    (out / "10-citizen-pack.pdf").write_bytes(
        client.get(f"/refleksion/datapakke/{pack.pk}/pdf/").content
    )

    png = render_first_page(out / "10-citizen-pack.pdf", out / "10-citizen-pack.png")

    assert png.stat().st_size > 5_000


def add_trial(initiative, number, title, *, ended_days_ago=5, **fields):
    today = timezone.localdate()
    return Trial.objects.create(
        initiative=initiative,
        number=number,
        title=title,
        start_date=today - datetime.timedelta(days=ended_days_ago + 14),
        end_date=today - datetime.timedelta(days=ended_days_ago),
        prediction="Flere måles ved hver session.",
        created_by=initiative.created_by,
        **fields,
    )


@pytest.fixture
def trials(lars, meeting, intervention):
    """One initiative from an open development point, with a decided and a running trial."""
    point = services.create_development_point(
        by=lars, meeting=meeting, title="Flere målinger i opstarten"
    )
    initiative = improvement_services.create_initiative(
        by=lars, intervention=intervention, title="Mål ved hver session", aim="ORS ved 90 %",
        aim_date=timezone.localdate() + datetime.timedelta(days=90), development_point=point,
    )  # fmt: skip
    improvement_services.set_initiative_status(by=lars, initiative=initiative, status="afproeves")
    adopted = add_trial(
        initiative, 1, "Ugentlig ORS", decision="indfoer", learning="Det virker i Nord."
    )
    running = add_trial(initiative, 2, "ORS i hjemmet", ended_days_ago=-10)
    return initiative, adopted, running


def test_the_intervention_pack_lists_initiatives_and_trials_per_development_point(
    lars, meeting, trials
):
    pack = packs.generate_data_pack(by=lars, meeting=meeting)

    table = tables_by_key(pack)["Udviklingspunkter"]
    assert table["header"][-1] == "Forbedringstiltag og afprøvninger"
    assert table["rows"][0][-1]["text"] == (
        "Mål ved hver session (Afprøves): 1. Ugentlig ORS – Indfør; 2. ORS i hjemmet – Udfør"
    )


def test_a_development_point_without_initiatives_says_so(lars, meeting, caseload):
    services.create_development_point(by=lars, meeting=meeting, title="Ingen tiltag endnu")

    pack = packs.generate_data_pack(by=lars, meeting=meeting)

    assert tables_by_key(pack)["Udviklingspunkter"]["rows"][0][-1]["text"] == "–"


def test_the_intervention_pack_lists_the_trials_of_the_last_12_months(lars, meeting, trials, tree):
    initiative, adopted, _running = trials
    add_trial(initiative, 3, "For længe siden", ended_days_ago=400)
    other = intervention_services.save_intervention(
        organisation=tree.organisation, name="Skolestøtte", target_group="Skolebørn",
        units=[tree.department], professional_groups=[], status="etableret",
    )  # fmt: skip
    elsewhere = improvement_services.create_initiative(
        by=lars, intervention=other, title="Andet tiltag", aim="Mål",
        aim_date=timezone.localdate() + datetime.timedelta(days=90),
    )  # fmt: skip
    add_trial(elsewhere, 1, "Anden indsats")

    pack = packs.generate_data_pack(by=lars, meeting=meeting)

    table = tables_by_key(pack)["Afprøvningshandlinger"]
    assert table["header"] == [
        "Forbedringstiltag", "Nr.", "Hvad afprøver vi?", "Periode", "Fase", "Beslutning",
        "Hvad lærte vi?",
    ]  # fmt: skip
    rows = [[cell["text"] for cell in row] for row in table["rows"]]
    assert [row[:3] for row in rows] == [
        ["Mål ved hver session", "1", "Ugentlig ORS"],
        ["Mål ved hver session", "2", "ORS i hjemmet"],
    ]
    assert rows[0][4:] == ["Besluttet", "Indfør", "Det virker i Nord."]
    assert rows[1][4:] == ["Udfør", "–", "–"]
    assert rows[0][3] == (
        f"{date_format(adopted.start_date, 'j. F Y')} – {date_format(adopted.end_date, 'j. F Y')}"
    )
    assert table["rows"][0][1]["number"] == 1


def test_the_trials_stay_frozen_and_reach_the_page_excel_and_pdf(client_for, lars, meeting, trials):
    client = client_for(lars)
    pack = generate(client, meeting)
    _initiative, _adopted, running = trials
    Trial.objects.filter(pk=running.pk).update(decision="opgiv", learning="For tungt.")

    page = text_of(client.get(f"/refleksion/datapakke/{pack.pk}/"))
    excel = sheets(client.get(f"/refleksion/datapakke/{pack.pk}/excel/"))
    view = packs.read_pack(lars, pack, context=None, action="vist")
    html = packs.pdf_html(view)
    pdf = client.get(f"/refleksion/datapakke/{pack.pk}/pdf/").content

    assert "Afprøvningshandlinger de seneste 12 måneder" in page
    assert "ORS i hjemmet – Udfør" in page
    assert "For tungt." not in page
    assert excel["Afprøvningshandlinger"][2][:3] == ["Mål ved hver session", 2, "ORS i hjemmet"]
    assert "Det virker i Nord." in html
    assert "2. ORS i hjemmet – Udfør" in html
    assert pdf.startswith(b"%PDF")


def test_the_development_points_and_trials_take_the_same_queries_for_more_trials(
    lars, meeting, trials
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            packs.generate_data_pack(by=lars, meeting=meeting)
        return len(captured)

    one_initiative = queries()
    initiative, *_rest = trials
    for number in range(3):
        more = improvement_services.create_initiative(
            by=lars, intervention=initiative.intervention, title=f"Tiltag {number}", aim="Mål",
            aim_date=initiative.aim_date, development_point=initiative.development_point,
        )  # fmt: skip
        add_trial(more, 1, "Første")
        add_trial(more, 2, "Anden")

    assert queries() == one_initiative


def test_a_slow_pdf_gives_a_danish_503_within_the_limit(
    client_for, lars, meeting, monkeypatch, settings
):
    # covers REL-05: the PDF renderer stands in for an external call that hangs
    settings.LOVENDE_PDF_TIMEOUT = 1
    monkeypatch.setattr(pdf, "_write_pdf", lambda html: time.sleep(3) or b"%PDF-")
    client = client_for(lars)
    pack = generate(client, meeting)

    started = time.monotonic()
    response = client.get(f"/refleksion/datapakke/{pack.pk}/pdf/")
    took = time.monotonic() - started

    assert response.status_code == 503
    assert "PDF'en kunne ikke laves lige nu" in response.content.decode()
    assert took < settings.LOVENDE_PDF_TIMEOUT + 1


def test_a_pdf_renders_within_the_limit(client_for, lars, meeting):
    response = client_for(lars).get(
        f"/refleksion/datapakke/{generate(client_for(lars), meeting).pk}/pdf/"
    )

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
