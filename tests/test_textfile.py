"""The shared text-file reader: UTF-8 only, and a located message for every other encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.textfile import decode_text, read_text_file, text_lines


def message_for(data: bytes) -> str:
    with pytest.raises(GovpressError) as caught:
        decode_text(data, "data.csv")
    [problem] = caught.value.problems
    return str(problem)


def test_utf8_with_and_without_bom() -> None:
    assert decode_text("a,£\n".encode(), "x") == "a,£\n"
    assert decode_text(b"\xef\xbb\xbfa,b\n", "x") == "a,b\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_the_command_that_converts_it(encoding: str) -> None:
    assert message_for("Service,Volume\nPassports,1\n".encode(encoding)) == (
        "data.csv: error: the file is UTF-16 text, not UTF-8; save it as UTF-8"
        " (for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    )


def test_utf32_is_named() -> None:
    assert "the file is UTF-32 text" in message_for("Service\n".encode("utf-32"))


def test_windows_1252_gives_line_column_and_a_hint() -> None:
    data = "Service,Note\nTax,\u201cquoted\u201d\n".encode("cp1252")
    assert message_for(data) == (
        "data.csv:2:5: error: the file is not valid UTF-8 (byte 0x93); it looks like Windows-1252 text"
        " (that byte is '\u201c' there): save it as UTF-8"
        " (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
    )


def test_invalid_utf8_that_is_not_windows_1252() -> None:
    assert message_for(b"ok\nab\x81\x8d\n") == (
        "data.csv:2:3: error: the file is not valid UTF-8 (byte 0x81); save it as UTF-8"
    )


def test_nul_byte_is_located() -> None:
    assert message_for(b"a\nbc\0d\n") == "data.csv:2:3: error: the file holds a NUL byte: it is not a text file"


def test_read_text_file_names_missing_folder_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(GovpressError, match="settings file does not exist"):
        read_text_file(tmp_path / "missing.toml", what="settings file")
    with pytest.raises(GovpressError, match="CSV file is a folder"):
        read_text_file(tmp_path, what="CSV file")
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(GovpressError, match="CSV file is 2,000 bytes, over the limit of 1,000 bytes"):
        read_text_file(big, what="CSV file", max_bytes=1000)
    assert read_text_file(big) == "x" * 2000


def test_text_lines_reads_line_by_line_with_the_same_messages(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(b"\xef\xbb\xbfa,b\r\n\xc2\xa3,2\n")
    assert list(text_lines(good)) == ["a,b\r\n", "\u00a3,2\n"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b\nok\n" + "x,\u201cy\u201d\n".encode("cp1252"))
    with pytest.raises(GovpressError) as caught:
        list(text_lines(bad, what="CSV file"))
    assert str(caught.value.problems[0]).startswith(f"{bad}:3:3: error: the file is not valid UTF-8 (byte 0x93)")
    wide = tmp_path / "wide.csv"
    wide.write_bytes("a,b\n".encode("utf-16"))
    with pytest.raises(GovpressError, match="the file is UTF-16 text"):
        list(text_lines(wide))
    with pytest.raises(GovpressError, match="CSV file does not exist"):
        list(text_lines(tmp_path / "missing.csv", what="CSV file"))
