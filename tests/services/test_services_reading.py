"""What readers see on the explorer: notes with the data's ``<br>`` line breaks, and cells without a figure."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from govpress.services.pages import build_service_pages
from govpress.services.pages.notes import note_lines

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "services"
NOTE = "First line.<br>Second &amp; <b>bold</b></br>Third<BR/><br />Fourth <script>alert(1)</script>"


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """public-small.csv with HTML line breaks (and other markup) in a service's notes, and a service without costs."""
    folder = tmp_path_factory.mktemp("reading")
    with (FIXTURES / "public-small.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["Notes on costs"] = NOTE
    rows[0]["Other notes"] = "Only one line"
    for column in rows[0]:
        if column.endswith("cost per transaction (£)"):
            rows[0][column] = ""  # a high-volume service that gives no cost at all
    source = folder / "services.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    build_service_pages(source, folder / "site")
    return folder / "site"


def test_note_lines_split_at_every_form_of_br() -> None:
    assert note_lines("a<br>b</br>c<BR/>d<br />e< br >f") == ["a", "b", "c", "d", "e", "f"]
    assert note_lines("a<br><br>b\nc") == ["a", "b", "c"]
    assert note_lines("") == note_lines(None) == []
    assert note_lines("x <b>y</b>") == ["x <b>y</b>"]


def test_notes_show_line_breaks_and_no_markup_from_the_data(explorer: Path) -> None:
    page = (explorer / "service-details").glob("*brew*.html")
    html = next(page).read_text(encoding="utf-8")
    notes = re.search(r"Notes on costs: (.*?)</p>", html, re.DOTALL)
    assert notes is not None
    assert notes.group(1) == (
        "First line.<br>Second &amp;amp; &lt;b&gt;bold&lt;/b&gt;<br>Third<br>"
        "Fourth &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert "&lt;br" not in html and "&lt;/br" not in html
    assert "Other notes: Only one line</p>" in html


def test_an_empty_figure_says_so_and_has_no_staleness_star(explorer: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in explorer.rglob("*.html")]
    cells = [cell for html in pages for cell in re.findall(r"<td [^>]*>(.*?)</td>", html, re.DOTALL)]
    assert any(cell == "No data" for cell in cells)
    starred = [cell for cell in cells if 'aria-hidden="true" title=' in cell]
    assert all(not cell.startswith("<span") for cell in starred), starred[:3]
