"""Reading the user's text files: UTF-8 only, and a located message for anything else.

Every file govpress reads as text (Markdown, YAML, JSON, CSV, TOML) goes through :func:`decode_text`:

- a UTF-8 byte order mark is accepted and dropped;
- a UTF-16 or UTF-32 file (with a byte order mark, or with the tell-tale NUL bytes of one without) is refused with a
  message saying what it is and the ``iconv`` command that converts it;
- a NUL byte in otherwise UTF-8 text is refused at its line and column;
- invalid UTF-8 is refused at the line and column of the first bad byte, with a hint when the bytes read as
  Windows-1252 (the encoding spreadsheet programs on Windows save CSV in).

:func:`read_text_file` adds a size limit and turns an unreadable file into a message too; :func:`text_lines` reads
a large file (a CSV export) line by line with the same messages.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from govpress.problems import GovpressError, Problem

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Bytes 0x80-0x9F that Windows-1252 maps to printable characters (curly quotes, dashes, the euro sign…).
_CP1252_PRINTABLE = frozenset(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def read_text_file(path: Path, *, what: str = "file", max_bytes: int | None = None) -> str:
    """The text of ``path`` as UTF-8, or a :class:`GovpressError` naming the file (and line) that says what is wrong.

    ``what`` names the file in messages ("settings file", "CSV file"); ``max_bytes`` refuses larger files before
    reading them.
    """
    try:
        if max_bytes is not None:
            size = path.stat().st_size
            if size > max_bytes:
                raise GovpressError(
                    Problem.error(f"{what} is {size:,} bytes, over the limit of {max_bytes:,} bytes", path)
                )
        data = path.read_bytes()
    except IsADirectoryError:
        raise GovpressError(Problem.error(f"{what} is a folder, not a file", path)) from None
    except FileNotFoundError:
        raise GovpressError(Problem.error(f"{what} does not exist", path)) from None
    except OSError as error:
        raise GovpressError(Problem.error(f"cannot read {what}: {error.strerror or error}", path)) from None
    return decode_text(data, path)


def text_lines(path: Path, *, what: str = "file") -> Iterator[str]:
    """The lines of ``path`` (ends kept), decoded as :func:`read_text_file` decodes, without holding the whole file.

    Checked line by line: on the first line that is not UTF-8 (or holds a NUL), or when the file starts as UTF-16
    or UTF-32 text, the whole file is read once more by :func:`read_text_file`, which raises its located message.
    """
    try:
        handle = path.open("rb")
    except OSError:
        read_text_file(path, what=what)  # raises the message for a missing or unreadable file
        raise
    with handle:
        if _wide_encoding(handle.read(4096)) is not None:
            read_text_file(path, what=what)  # raises
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            try:
                line = (raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw).decode("utf-8")
            except UnicodeDecodeError:
                line = "\0"
            if "\0" in line:
                read_text_file(path, what=what)  # raises, at the line and column
                raise GovpressError(Problem.error("the file is not valid UTF-8", path, number))  # a guard
            yield line


def decode_text(data: bytes, path: Path | str | None) -> str:
    """``data`` decoded as UTF-8 (a byte order mark dropped), or a located :class:`GovpressError`."""
    wide = _wide_encoding(data)
    if wide is not None:
        raise GovpressError(
            Problem.error(
                f"the file is {wide} text, not UTF-8; save it as UTF-8"
                f" (for example: iconv -f {wide} -t UTF-8 FILE > FILE.utf8)",
                path,
            )
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GovpressError(_invalid_utf8(data, error.start, path)) from None
    nul = text.find("\0")
    if nul >= 0:
        line, column = _line_and_column(text, nul)
        raise GovpressError(Problem.error("the file holds a NUL byte: it is not a text file", path, line, column))
    return text


def _wide_encoding(data: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when ``data`` is such text (by its byte order mark or its NUL bytes), else ``None``."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) >= 4:
        # ASCII text in UTF-16 has a NUL in every other byte; in UTF-32 three NULs in every four.
        odd_nuls = sample[1::2].count(0) / len(sample[1::2])
        even_nuls = sample[0::2].count(0) / len(sample[0::2])
        if sample[1::4].count(0) == len(sample[1::4]) and sample[2::4].count(0) == len(sample[2::4]):
            return "UTF-32"
        if odd_nuls > 0.6 or even_nuls > 0.6:
            return "UTF-16"
    return None


def _invalid_utf8(data: bytes, start: int, path: Path | str | None) -> Problem:
    good = data[:start].decode("utf-8")
    line, column = _line_and_column(good, len(good))
    byte = data[start]
    message = f"the file is not valid UTF-8 (byte 0x{byte:02X})"
    if _looks_like_cp1252(data):
        character = bytes([byte]).decode("cp1252", errors="replace")
        message += (
            f"; it looks like Windows-1252 text (that byte is {character!r} there): save it as UTF-8"
            " (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
        )
    else:
        message += "; save it as UTF-8"
    return Problem.error(message, path, line, column)


def _looks_like_cp1252(data: bytes) -> bool:
    """Whether every byte above ASCII is one Windows-1252 prints (so the file most likely is Windows-1252)."""
    return all(byte < 0x80 or byte >= 0xA0 or byte in _CP1252_PRINTABLE for byte in data)


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column
