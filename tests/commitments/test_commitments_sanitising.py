"""Where the legacy source and the native data diverge: only statements read from data files are sanitised."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from govpress.cli import cli
from govpress.commitments.site import CommitmentsGenerator, PreparedCommitments
from govpress.site.settings.config import SiteConfig
from govpress.site.structure.pages import PrepareInputs

RAW = '<span class="highlight" style="color:#0b0c0c">Board level</span>'
PARTIAL = f"""{{{{DEPARTMENTRESPONSE}}}}

#Action 01: Departmental boards will include an active digital leader

{{div .section}}

{{navigation}}

Here's how departments are responding to this action:

{{div .department}}
##Cabinet<br>Office
{{: .logo-single}}
{{div .statement}}
{RAW} responsibility for digital. [Read more »](https://www.gov.uk/cabinet-office)
{{/div}}
{{/div}}

{{/div}}
"""


def _prepared(project: Path) -> PreparedCommitments:
    prepared = CommitmentsGenerator().prepare(PrepareInputs(project, project / "source", SiteConfig()))
    assert prepared is not None
    return prepared


def test_legacy_partials_keep_their_raw_html(tmp_path: Path) -> None:
    partials = tmp_path / "source" / "partials" / "departmentactions"
    partials.mkdir(parents=True)
    (partials / "_action01.md").write_text(PARTIAL, encoding="utf-8")
    prepared = _prepared(tmp_path)
    (html,) = prepared.statements.html.values()
    assert RAW in html
    assert prepared.statements.problems == ()


def test_native_statements_are_sanitised(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "responses").mkdir(parents=True)
    (data / "actions.yaml").write_text("actions:\n- number: 1\n  title: Boards\n", encoding="utf-8")
    (data / "organisations.yaml").write_text("organisations:\n- id: cabinet-office\n  name: Cabinet Office\n")
    (data / "responses" / "01.yaml").write_text(
        f"action: 1\nresponses:\n- organisation: cabinet-office\n  text: '{RAW}'\n", encoding="utf-8"
    )
    prepared = _prepared(tmp_path)
    (html,) = prepared.statements.html.values()
    assert html == '<p><span class="highlight">Board level</span></p>'
    assert [str(p) for p in prepared.statements.problems] == [
        f"{data / 'responses' / '01.yaml'}:4: warning: the style attribute (on <span>) is not allowed in data files:"
        " removed"
    ]


def test_strict_build_fails_on_an_unsafe_link_in_a_data_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "responses").mkdir(parents=True)
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "index.md").write_text("# Home\n\nThe plan.\n", encoding="utf-8")
    (data / "actions.yaml").write_text("actions:\n- number: 1\n  title: Boards\n", encoding="utf-8")
    (data / "organisations.yaml").write_text("organisations:\n- id: cabinet-office\n  name: Cabinet Office\n")
    (data / "responses" / "01.yaml").write_text(
        "action: 1\nresponses:\n- organisation: cabinet-office\n  text: '[More](javascript:alert(1))'\n",
        encoding="utf-8",
    )
    warning = (
        "data/responses/01.yaml:4: warning: link 'javascript:alert(1)' is kept as plain text, not published as a"
        " link: its scheme 'javascript:' is not http:, https: or mailto:"
    )
    relaxed = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert relaxed.exit_code == 0, relaxed.output
    assert warning in relaxed.output.replace(f"{tmp_path}/", "")
    built = (tmp_path / "out" / "digital" / "strategy" / "actions" / "01" / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in built
    strict = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "--strict"])
    assert strict.exit_code == 1
    assert warning in strict.output.replace(f"{tmp_path}/", "")
