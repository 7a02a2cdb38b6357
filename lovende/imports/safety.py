"""Checks an uploaded file passes before anything parses it (SECURITY FILE-01). Pure, no Django.

Each refusal is a ``RefusedFile`` with a code; ``messages.py`` gives the Danish text. The order
matters: name and size first (free), then the magic bytes, then the ZIP directory (read from the
central directory without decompressing anything), and only then may openpyxl open the file.
"""

import zipfile
from typing import BinaryIO

ZIP_MAGIC = b"PK\x03\x04"
CONTENT_TYPES = "[Content_Types].xml"
# A real workbook from Excel or LibreOffice has 10–30 entries and a few MB of XML per 10,000 rows.
MAX_ZIP_ENTRIES = 200
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
# A DOCTYPE is never needed in an Office Open XML part; defusedxml refuses entities too, this
# stops the file earlier and with a clearer message.
XML_SNIFF_BYTES = 4096
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"


class RefusedFile(ValueError):
    """The upload is refused before parsing; ``code`` names why, ``context`` fills the message."""

    def __init__(self, code: str, **context: object) -> None:
        super().__init__(code)
        self.code = code
        self.context = context


def kind_of(name: str) -> str:
    """ "xlsx" or "csv" from the file name's extension; anything else is refused."""
    if _unsafe_path(name) or "/" in name or "\\" in name:
        # Browsers send the bare name; a path means a crafted request (Django strips it too).
        raise RefusedFile("path")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in ("xlsx", "csv"):
        return extension
    if extension in ("xlsm", "xltm", "xlam"):
        raise RefusedFile("macro")
    raise RefusedFile("extension")


def check_size(size: int, limit: int) -> None:
    if size <= 0:
        raise RefusedFile("empty")
    if size > limit:
        raise RefusedFile("too_large", limit_mb=round(limit / 1024 / 1024, 1))


def check_xlsx(stream: BinaryIO) -> None:
    """A ZIP holding [Content_Types].xml, no macros, few entries, little XML when unpacked."""
    stream.seek(0)
    if stream.read(4) != ZIP_MAGIC:
        raise RefusedFile("not_xlsx")
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise RefusedFile("damaged") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise RefusedFile("zip_entries")
        # file_size is what the directory claims; zipfile never inflates an entry past it
        # (it stops and fails the CRC), so the sum bounds what openpyxl can unpack.
        if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
            raise RefusedFile("zip_size")
        names = {entry.filename for entry in entries}
        if any(_unsafe_path(name) for name in names):
            raise RefusedFile("zip_paths")
        if CONTENT_TYPES not in names:
            raise RefusedFile("not_xlsx")
        if any(name.lower().rsplit("/", 1)[-1] in MACRO_PARTS for name in names):
            raise RefusedFile("macro")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                _check_xml_part(archive, entry)
    stream.seek(0)


def _unsafe_path(name: str) -> bool:
    """An entry that would land outside the folder it is unpacked in ("zip slip")."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]


def _check_xml_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    try:
        with archive.open(entry) as part:
            head = part.read(XML_SNIFF_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        raise RefusedFile("damaged") from None
    if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
        raise RefusedFile("xml_entities")


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM) or Windows-1252. UTF-16 is refused
    (Excel's "Unicode text" is tab-separated UTF-16 and would look like binary data here)."""
    if data.startswith(UTF16_BOMS):
        raise RefusedFile("utf16")
    if b"\x00" in data:
        raise RefusedFile("binary")
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise RefusedFile("encoding") from None
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        raise RefusedFile("binary")
    if data.startswith(ZIP_MAGIC):
        raise RefusedFile("binary")
    return text


def check_upload(name: str, stream: BinaryIO, size: int, limit: int) -> str:
    """Run every check before parsing; returns the kind ("xlsx" or "csv")."""
    kind = kind_of(name)
    check_size(size, limit)
    if kind == "xlsx":
        check_xlsx(stream)
    return kind
