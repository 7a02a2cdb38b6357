"""Import files built in the tests: valid ones from rows, and the malicious corpus (FILE-01).

Nothing binary is kept in git; every file is made here, in memory.
"""

import csv
import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

HEADER = [
    "CPR-nummer",
    "Fornavn",
    "Efternavn",
    "Køn",
    "Indsats",
    "Enhed",
    "Startdato",
    "Status",
    "Slutdato",
    "Måleredskab",
    "Måledato",
    "Svar 1",
    "Svar 2",
    "Svar 3",
    "Svar 4",
]


def citizen_row(
    cpr: str, first: str, last: str, *, unit="Familiebehandling Nord", start="06-01-2025"
):
    return [
        cpr,
        first,
        last,
        "kvinde",
        "Familiebehandling",
        unit,
        start,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


def ors_row(cpr: str, first: str, last: str, on: str, scores=("4,5", "5", "6", "7"), **kw):
    row = citizen_row(cpr, first, last, **kw)
    row[9], row[10] = "ORS", on
    row[11:15] = list(scores)
    return row


def demo_rows() -> list[list[str]]:
    """Three citizens, one with two ORS measurements, one with one, one course only."""
    return [
        ors_row("010315-4234", "Freja", "Mikkelsen", "03-02-2025"),
        ors_row("010315-4234", "Freja", "Mikkelsen", "03-03-2025", ("6", "6,5", "7", "8")),
        ors_row("120318-4562", "Liva", "Sørensen", "10-02-2025"),
        citizen_row("250612-1237", "Oskar", "Thygesen"),
    ]


def csv_bytes(rows, header=HEADER, *, sep=";", encoding="utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """Copy a workbook's ZIP, letting ``change(name, content)`` replace or add entries."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in change(None, None) or []:
            target.writestr(name, content)
    return out.getvalue()


def _raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP from (name, deflated data, CRC-32, uncompressed size) entries, written by hand so a
    bomb's entry can be deflated once and repeated instead of compressing 1 GB in the test."""
    out, directory = io.BytesIO(), []
    for name, data, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(data), size)
        out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + data)
        directory.append(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )
    start = out.tell()
    central = b"".join(directory)
    out.write(central)
    out.write(
        b"PK\x05\x06"
        + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(central), start, 0)
    )
    return out.getvalue()


def _deflated(content: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush(), zlib.crc32(content), len(content)


def zip_bomb(gigabytes: float = 1.1) -> bytes:
    """A valid workbook plus a sheet of spaces that unpacks to more than 1 GB (about 1 MB packed).

    After a full flush the deflater starts afresh, so one 16 MB block packed once and repeated
    is the same stream as packing the whole gigabyte."""
    chunk = b" " * (16 * 1024 * 1024)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    count = int(gigabytes * 1024**3 / len(chunk)) + 1
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    bomb = block * count + packer.flush()
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([])))
    entries = [(i.filename, *_deflated(source.read(i))) for i in source.infolist()]
    entries.append(("xl/worksheets/sheet2.xml", bomb, crc, count * len(chunk)))
    return _raw_zip(entries)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def billion_laughs() -> bytes:
    def change(name, content):
        if name is None:
            return None
        return BILLION_LAUGHS if name == "xl/worksheets/sheet1.xml" else content

    return _rezip(xlsx_bytes(demo_rows()), change)


def macro_workbook() -> bytes:
    def change(name, content):
        if name is None:
            return [("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 512)]
        return content

    return _rezip(xlsx_bytes(demo_rows()), change)


def zip_slip() -> bytes:
    def change(name, content):
        if name is None:
            return [("../../x.xml", b"<x/>")]
        return content

    return _rezip(xlsx_bytes(demo_rows()), change)


def malicious_corpus() -> list[tuple[str, str, bytes]]:
    """(case, file name, content): every file SECURITY FILE-01 names, and a few more."""
    valid = xlsx_bytes(demo_rows())
    return [
        ("zip bomb", "bombe.xlsx", zip_bomb()),
        ("billion laughs", "latter.xlsx", billion_laughs()),
        ("exe renamed", "program.xlsx", b"MZ\x90\x00\x03" + b"\x00" * 4000 + b"This program"),
        ("xlsm", "makro.xlsm", macro_workbook()),
        ("macro inside xlsx", "makro.xlsx", macro_workbook()),
        ("empty", "tom.xlsx", b""),
        ("11 MB", "stor.csv", csv_bytes([]) + b"x;" * (11 * 1024 * 1024 // 2)),
        ("truncated zip", "afkortet.xlsx", valid[: len(valid) // 2]),
        ("path in name", "../../x.xlsx", zip_slip()),
        ("utf-16 csv", "unicode.csv", csv_bytes(demo_rows(), encoding="utf-16")),
        ("xls", "gammel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
        ("binary csv", "billede.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ]
