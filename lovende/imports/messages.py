"""Danish messages for the codes the pure import modules report (SECURITY FILE-01, FILE-02)."""

from django.utils.translation import gettext as _

from lovende.imports.safety import RefusedFile


def refusal_message(refusal: RefusedFile) -> str:
    texts = {
        "extension": _("Filen skal være en Excel-fil (.xlsx) eller en CSV-fil (.csv)."),
        "macro": _(
            "Filer med makroer (.xlsm) kan ikke importeres. Gem filen som almindelig Excel-projektmappe (.xlsx)."
        ),
        "empty": _("Filen er tom."),
        "path": _("Filnavnet må ikke indeholde mapper."),
        "zip_paths": _("Excel-filen indeholder dele med ugyldige stier og kan ikke importeres."),
        "too_large": _("Filen er for stor. Den må højst fylde %(limit_mb)s MB."),
        "not_xlsx": _("Filen er ikke en rigtig Excel-fil (.xlsx), selv om den hedder sådan."),
        "damaged": _("Filen er beskadiget eller ufuldstændig og kan ikke læses."),
        "zip_entries": _(
            "Excel-filen indeholder alt for mange dele til at være et almindeligt ark."
        ),
        "zip_size": _(
            "Excel-filen fylder alt for meget, når den pakkes ud. Del den op i mindre filer."
        ),
        "xml_entities": _("Excel-filen indeholder XML-konstruktioner, som ikke er tilladt."),
        "utf16": _(
            "CSV-filen er gemt som UTF-16 (»Unicode-tekst«). Gem den som »CSV UTF-8« eller almindelig CSV."
        ),
        "binary": _("CSV-filen indeholder tegn, der ikke er tekst. Er det den rigtige fil?"),
        "encoding": _("CSV-filens tegnsæt kan ikke læses. Gem den som »CSV UTF-8«."),
        "no_header": _("Filen har ingen overskriftsrække."),
        "no_rows": _("Filen indeholder ingen rækker under overskrifterne."),
        "too_many_rows": _(
            "Filen har for mange rækker. Der kan højst importeres %(limit)s ad gangen."
        ),
    }
    text = texts[refusal.code]
    return text % refusal.context if refusal.context else text


def _row_texts() -> dict[str, str]:
    return {
        "unknown_column": _("Kolonnen kendes ikke. Brug skabelonens overskrifter."),
        "repeated_column": _("Kolonnen står der flere gange."),
        "missing_column": _("Kolonnen mangler."),
        "required": _("Feltet skal udfyldes."),
        "date_format": _("«%(value)s» er ikke en dato. Skriv datoen som dd-mm-åååå."),
        "cpr_format": _("CPR-nummeret skal have 10 cifre (ddmmåå-xxxx)."),
        "cpr_date": _("CPR-nummeret indeholder ikke en gyldig fødselsdato."),
        "cpr_future": _("CPR-nummerets fødselsdato ligger i fremtiden."),
        "gender": _("«%(value)s» er ikke et køn. Skriv kvinde, mand eller andet."),
        "intervention": _("Indsatsen «%(value)s» findes ikke."),
        "unit": _("Enheden «%(value)s» findes ikke, eller du kan ikke oprette forløb i den."),
        "unit_ambiguous": _("Flere enheder hedder «%(value)s». Kontakt en administrator."),
        "not_delivered": _("Indsatsen leveres ikke i denne enhed."),
        "status": _("«%(value)s» er ikke en status. Skriv venter, aktiv, afsluttet eller afbrudt."),
        "end_open": _("En slutdato kræver status afsluttet eller afbrudt."),
        "end_before_start": _("Slutdatoen ligger før startdatoen."),
        "future": _("Datoen ligger i fremtiden."),
        "before_birth": _("Forløbet kan ikke starte før borgerens fødselsdato."),
        "instrument_missing": _("Der er svar eller måledato, men intet måleredskab."),
        "instrument": _("Måleredskabet «%(value)s» findes ikke."),
        "instrument_gas": _("Målopfyldelse (GAS) kan ikke importeres; den kræver forløbets mål."),
        "instrument_off": _("Måleredskabet er ikke slået til for indsatsen."),
        "before_start": _("Måledatoen ligger før forløbets start."),
        "after_end": _("Måledatoen ligger efter forløbets slutdato."),
        "closed_measurement": _("Der kan ikke registreres målinger i et afsluttet forløb."),
        "answer_missing": _("Besvar «%(label)s»."),
        "number": _("«%(value)s» er ikke et tal."),
        "answer_range": _("«%(label)s» skal ligge mellem %(min)s og %(max)s."),
        "answer_extra": _("Måleredskabet har kun %(count)s spørgsmål; kolonnen skal være tom."),
        "cpr_conflict": _("CPR-nummeret står i række %(other)s med et andet navn."),
        "existing_name": _("Navnet passer ikke med borgeren, der allerede har dette CPR-nummer."),
        "course_conflict": _("Forløbet står i række %(other)s med en anden status eller slutdato."),
        "closed_existing": _("Forløbet er afsluttet; der kan ikke registreres nye målinger."),
        "restricted": _(
            "Behandlingen af borgerens oplysninger er begrænset (art. 18); der kan ikke "
            "registreres noget nyt."
        ),
        "duplicate": _("Rækken er en dublet af række %(other)s."),
        "service": "%(text)s",
    }


def row_message(error: dict) -> str:
    """«Række 12, kolonne 'Måledato': …» for one error from validation.py."""
    text = _row_texts()[error["code"]]
    detail = text % error["context"] if error["context"] else text
    return _("Række %(row)s, kolonne '%(column)s': %(detail)s") % {
        "row": error["row"],
        "column": error["column"],
        "detail": detail,
    }
