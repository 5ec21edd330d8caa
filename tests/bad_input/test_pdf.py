"""Bad input to ``govpress build --pdf``: a source page asking WeasyPrint for what is not the site's or the project's.

Each test builds a one-page project whose document holds one hostile URL (at line 3 of ``01-doc.md``), runs the real
build with PDFs, and asserts the exact located warning and that the PDF was still written without the resource.
"""

from __future__ import annotations

from pathlib import Path

from govpress.site.build import build_site

REASON = "(a PDF may only use files of the built site and the project, never other files or the network)"


def _project(root: Path, line: str) -> Path:
    project = root / "project"
    document = project / "source" / "doc"
    document.mkdir(parents=True)
    (document / "01-doc.md").write_text(f"# A document\n\n{line}\n\nThe end.\n", encoding="utf-8")
    return project


def _pdf_warnings(project: Path) -> list[str]:
    """Build with PDFs (no generators: one page); the PDF warnings as printed."""
    report = build_site(project, project / "_site", pdf=True, generators=())
    assert (project / "_site" / "doc" / "doc.pdf").read_bytes().startswith(b"%PDF-"), "the build goes on"
    return [str(p) for p in report.problems if "left out of" in p.message]


def _at_line_3(project: Path, url: str) -> str:
    return f"{project / 'source' / 'doc' / '01-doc.md'}:3: warning: left out of doc/doc.pdf: {url} {REASON}"


def test_an_image_from_proc_self_environ_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, '<img src="file:///proc/self/environ" alt="probe">')
    assert _pdf_warnings(project) == [_at_line_3(project, "file:///proc/self/environ")]


def test_a_stylesheet_from_etc_passwd_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, '<link rel="stylesheet" href="file:///etc/passwd">')
    assert _pdf_warnings(project) == [_at_line_3(project, "file:///etc/passwd")]


def test_a_css_import_from_outside_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, '<style>@import url("file:///etc/hostname");</style>')
    assert _pdf_warnings(project) == [_at_line_3(project, "file:///etc/hostname")]


def test_an_attachment_outside_the_project_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("not for publication\n", encoding="utf-8")
    project = _project(tmp_path, f'<a rel="attachment" href="{secret.as_uri()}">notes</a>')
    assert _pdf_warnings(project) == [_at_line_3(project, secret.as_uri())]


def test_a_link_rel_attachment_outside_the_project_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("not for publication\n", encoding="utf-8")
    project = _project(tmp_path, f'<link rel="attachment" href="{secret.as_uri()}">')
    assert _pdf_warnings(project) == [_at_line_3(project, secret.as_uri())]


def test_a_symbolic_link_in_the_project_to_outside_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    link = project / "print.css"
    link.symlink_to("/etc/passwd")
    (project / "source" / "doc" / "01-doc.md").write_text(
        f'# A document\n\n<link rel="stylesheet" href="{link.as_uri()}">\n', encoding="utf-8"
    )
    assert _pdf_warnings(project) == [_at_line_3(project, link.as_uri())]


def test_a_hidden_file_of_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, "")
    dotenv = project / ".env"
    dotenv.write_text("PASSWORD=hunter2\n", encoding="utf-8")
    (project / "source" / "doc" / "01-doc.md").write_text(
        f'# A document\n\n<a rel="attachment" href="{dotenv.as_uri()}">settings</a>\n', encoding="utf-8"
    )
    assert _pdf_warnings(project) == [_at_line_3(project, dotenv.as_uri())]


def test_a_relative_path_climbing_out_is_refused_at_the_document(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    climb = "../" * 40  # up to the root from wherever the build writes the page, then down to the file
    project = _project(tmp_path, f'<img src="{climb}{str(secret).lstrip("/")}" alt="probe">')
    # The URL as WeasyPrint asks for it is not in the source as written, so the warning is at the document's folder.
    expected = f"{project / 'source' / 'doc'}: warning: left out of doc/doc.pdf: {secret.as_uri()} {REASON}"
    assert _pdf_warnings(project) == [expected]


def test_an_image_over_http_is_refused_without_a_request(
    tmp_path: Path, counting_server: tuple[str, list[str]]
) -> None:
    base, requests = counting_server
    project = _project(tmp_path, f'<img src="{base}pixel.png" alt="probe">')
    assert _pdf_warnings(project) == [_at_line_3(project, f"{base}pixel.png")]
    assert requests == []


def test_an_ftp_url_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, '<img src="ftp://127.0.0.1:9/x.png" alt="probe">')
    assert _pdf_warnings(project) == [_at_line_3(project, "ftp://127.0.0.1:9/x.png")]


def test_a_data_url_and_a_file_of_the_project_are_used(tmp_path: Path) -> None:
    svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E"
    project = _project(tmp_path, "")
    (project / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8")
    (project / "source" / "doc" / "01-doc.md").write_text(
        f'# A document\n\n<img src="{svg}" alt="data"> <img src="{(project / "logo.svg").as_uri()}" alt="logo">\n',
        encoding="utf-8",
    )
    assert _pdf_warnings(project) == []
