"""The Python API: results, errors with file and line, warnings, timestamps, HTML page includes."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from govpress import RenderResult, render_document, render_html_includes, render_markdown
from govpress.dialect.timestamp import format_timestamp
from govpress.problems import GovpressError, Problem, Severity
from govpress.render import StrategyLink, document_timestamp


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(text: str, **options: object) -> list[Problem]:
    with pytest.raises(GovpressError) as caught:
        render_markdown(text, **options)  # type: ignore[arg-type]
    return caught.value.problems


def test_result_fields() -> None:
    result = render_markdown("#Title\n\n##01 Intro\n\nText [^1].\n\n[^1]: A note.\n")
    assert isinstance(result, RenderResult)
    assert result.title == "Title"
    assert [(h.level, h.id) for h in result.headings] == [(1, "title"), (2, "intro")]
    assert result.headings[1].classes == ("section-title",)
    assert result.headings[1].text == "01 Intro"
    assert '<span class="title-index">01</span>' in result.headings[1].html
    assert {"title", "intro", "fn:1", "fnref:1"} <= result.ids
    assert result.problems == ()


def test_unclosed_tag_names_the_opener_line(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", "Intro\n\n{div .department}\nText\n")
    [problem] = errors_of(path.read_text(), path=path)
    assert (problem.path, problem.line) == (str(path), 3)
    assert "never closed" in problem.message


def test_stray_closer_names_its_line() -> None:
    [problem] = errors_of("One\n{div .a}\nTwo\n{/div}\n{/div}\n")
    assert problem.line == 5
    assert "stray {/div}" in problem.message


def test_mismatched_closer() -> None:
    problems = errors_of("{div .a}\n{span .b}\nx\n{/div}\n{/span}\n")
    [mismatch] = [p for p in problems if "does not match" in p.message]
    assert mismatch.line == 4
    assert "opened at line 2" in mismatch.message


def test_malformed_attribute_lists() -> None:
    [problem] = errors_of("Para\n{: .ok key=unquoted}\n")
    assert problem.line == 2
    assert "malformed attribute list" in problem.message
    problems = errors_of("{div .a #}\nx\n{/div}\n")
    assert (problems[0].line, problems[0].message.startswith("malformed")) == (1, True)


def test_missing_partial_names_the_include_and_the_path(tmp_path: Path) -> None:
    page = write(tmp_path / "digital" / "doc.md", "One\n\n{include nowhere/thing.md}\n")
    [problem] = errors_of(page.read_text(), path=page, source_dir=tmp_path)
    assert (problem.path, problem.line) == (str(page), 3)
    assert str(tmp_path / "partials" / "nowhere" / "_thing.md") in problem.message


def test_include_cycle(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "_a.md", "A\n{include b.md}\n")
    b = write(tmp_path / "partials" / "_b.md", "B\n\n{include a.md}\n")
    [problem] = errors_of("{include a.md}\n", source_dir=tmp_path)
    assert (problem.path, problem.line) == (str(b), 3)
    assert "cycle" in problem.message


def test_errors_inside_a_partial_name_the_partial_line(tmp_path: Path) -> None:
    partial = write(tmp_path / "partials" / "_box.md", "Line one\nLine two\n{div .box}\n")
    [problem] = errors_of("Before\n{include box.md}\nAfter\n", source_dir=tmp_path)
    assert (problem.path, problem.line) == (str(partial), 3)


def test_dependencies_list_every_file_read(tmp_path: Path) -> None:
    outer = write(tmp_path / "partials" / "_outer.md", "{include inner.html}\n")
    inner = write(tmp_path / "partials" / "_inner.html", "<p>x</p>\n")
    doc = write(tmp_path / "doc.md", "{include outer.md}\n")
    result = render_markdown(doc.read_text(), path=doc, source_dir=tmp_path)
    assert result.dependencies == (doc, outer, inner)


def test_placeholders_and_leftover_tags_are_warnings_with_lines(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "_part.md", "Fine.\n\n{mystery}\n")
    text = "**[intro]**\n\nText.\n\n[insert graph showing visits]\n\n{include part.md}\n"
    result = render_markdown(text, path=tmp_path / "doc.md", source_dir=tmp_path)
    found = {(p.path, p.line, p.severity) for p in result.problems}
    assert found == {
        (str(tmp_path / "doc.md"), 1, Severity.WARNING),
        (str(tmp_path / "doc.md"), 5, Severity.WARNING),
        (str(tmp_path / "partials" / "_part.md"), 3, Severity.WARNING),
    }


def test_the_history_draft_placeholders_are_reported(corpus_dir: Path) -> None:
    draft = corpus_dir / "history" / "july-13-draft-d477225" / "_july-13.md"
    result = render_markdown(draft.read_text(encoding="utf-8"), path=draft)
    lines = sorted(p.line or 0 for p in result.problems if "placeholder" in p.message)
    assert {3, 11, 15, 82, 112, 128, 158, 170, 186} <= set(lines)


def test_timestamp_given_by_the_caller_links_to_the_folder_history(tmp_path: Path) -> None:
    doc = write(tmp_path / "digital" / "strategy" / "00-contents.md", "Last edited on {TIMESTAMP}\n")
    when = datetime(2012, 11, 1, 13, 5, tzinfo=UTC)
    result = render_document([doc], source_dir=tmp_path, timestamp=when)
    assert (
        '<a href="https://github.com/alphagov/government-digital-strategy/commits/master/source/digital/strategy">'
        "1 Nov 2012 at 1:05pm</a>"
    ) in result.html


def test_timestamp_format() -> None:
    assert format_timestamp(datetime(2012, 11, 1, 0, 30, tzinfo=UTC)) == "1 Nov 2012 at 12:30am"
    assert format_timestamp(datetime(2013, 2, 14, 12, 0, tzinfo=UTC)) == "14 Feb 2013 at 12:00pm"


def test_document_timestamp_is_the_last_commit_touching_the_folder(tmp_path: Path) -> None:
    folder = write(tmp_path / "repo" / "doc" / "01.md", "x\n").parent
    write(tmp_path / "repo" / "other.md", "y\n")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
    }

    def git(*args: str, date: str | None = None) -> None:
        extra = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {}
        subprocess.run(["git", *args], cwd=tmp_path / "repo", env={**env, **extra}, check=True, capture_output=True)

    git("init", "-q")
    git("add", "doc")
    git("commit", "-qm", "doc", date="2013-02-03T10:20:00+00:00")
    git("add", "other.md")
    git("commit", "-qm", "other", date="2014-01-01T00:00:00+00:00")
    assert document_timestamp(folder) == datetime(2013, 2, 3, 10, 20, tzinfo=UTC)


def test_outside_git_a_document_has_no_timestamp_whatever_its_files_mtimes(tmp_path: Path) -> None:
    newer = write(tmp_path / "b.md", "b")
    os.utime(newer, (1_300_000_000, 1_300_000_000))
    assert document_timestamp(tmp_path) is None, "a copy's mtime is not a date we know"


def test_timestamp_without_a_known_time_says_so_and_is_reported_at_its_line(tmp_path: Path) -> None:
    result = render_markdown("Edited on {TIMESTAMP}\n")
    assert '<p>Edited on <span class="timestamp">an unknown date</span></p>' in result.html
    [problem] = result.problems
    assert problem.line == 1 and problem.message.startswith("{TIMESTAMP}: no date is known for this document")
    doc = write(tmp_path / "digital" / "plan" / "00-contents.md", "# Plan\n\nLast edited on {TIMESTAMP}\n")
    result = render_document([doc], source_dir=tmp_path)
    assert 'commits/master/source/digital/plan">a date shown in its history</a>' in result.html
    assert [(p.path, p.line) for p in result.problems] == [(str(doc), 3)]


def test_render_document_joins_files_in_byte_order(tmp_path: Path) -> None:
    files = [
        write(tmp_path / "doc" / name, text)
        for name, text in [
            ("footnotes.md", "[^1]: Note."),
            ("01-b.md", "##01 B\n\nRef[^1]."),
            ("00-contents.md", "#T\n{:.no_toc}\n\n* x\n{:toc}"),
            ("05-Z.md", "##05 Z"),
        ]
    ]
    result = render_document(files, source_dir=tmp_path)
    assert [h.id for h in result.headings] == ["t", "b", "z"]
    assert result.html.count('<div class="section">') == 3
    assert {"markdown-toc", "fn:1", "fnref:1", "b", "z"} <= result.ids


def test_render_document_error_lines_map_back_to_each_file(tmp_path: Path) -> None:
    first = write(tmp_path / "doc" / "01-a.md", "A\n")
    second = write(tmp_path / "doc" / "02-b.md", "B\n\n{/div}\n")
    with pytest.raises(GovpressError) as caught:
        render_document([second, first], source_dir=tmp_path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (str(second), 3)


def test_html_page_includes(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "_header.html", "<header>{include logo.html}</header>")
    write(tmp_path / "partials" / "_logo.html", "<img src='crest.png' alt='Crest'>")
    write(tmp_path / "partials" / "_intro.md", "#Welcome\n\n{div .box}\nSome *text*.\n{/div}\n\n* x\n{:toc}\n")
    page = write(tmp_path / "digital" / "index.html", "{include header.html}\n<main>{include intro.md}</main>\n")
    result = render_html_includes(page.read_text(), path=page, source_dir=tmp_path)
    assert result.html.startswith("<header><img src='crest.png' alt='Crest'></header>\n<main>")
    assert '<div class="box">' in result.html and "<em>text</em>" in result.html
    assert result.title == "Welcome"
    assert len(result.dependencies) == 4


def test_html_page_include_cycle_and_missing_partial(tmp_path: Path) -> None:
    write(tmp_path / "partials" / "_loop.html", "x\n{include loop.html}")
    page = write(tmp_path / "page.html", "<p>\n{include loop.html}\n{include gone.html}</p>")
    with pytest.raises(GovpressError) as caught:
        render_html_includes(page.read_text(), path=page, source_dir=tmp_path)
    assert caught.value.problems[0].line == 2
    assert "cycle" in caught.value.problems[0].message


def test_rule_warnings_name_their_line() -> None:
    result = render_markdown("{{DEPARTMENTRESPONSE}}\n\nIntro.\n\n{navigation}\n")
    assert [(p.line, p.severity) for p in result.problems] == [(5, Severity.WARNING)]
    assert "without an '#Action NN:' header" in result.problems[0].message
    result = render_markdown("\n\n{pull}\n")
    assert [p.line for p in result.problems] == [3]


def test_the_navigation_box_names_the_strategy_given(tmp_path: Path) -> None:
    text = "{{DEPARTMENTRESPONSE}}\n#Action 02: Do it\n\n{navigation}\n"
    legacy = render_markdown(text, last_action=3).html
    assert 'This action forms part of the <a href="/digital/strategy">Government Digital Strategy</a>.' in legacy
    ours = render_markdown(text, last_action=3, strategy=StrategyLink("The *Harbour* Plan", "/plan/")).html
    assert 'This action forms part of the <a href="/plan/">The *Harbour* Plan</a>.' in ours, "plain text, not Markdown"
    assert '<a href="../01" title="Previous action">' in ours and '<a href="../03" title="Next action">' in ours
    write(tmp_path / "partials" / "_response.md", text)
    page = write(tmp_path / "page.html", "<div>\n{include response.md}\n</div>")
    included = render_html_includes(
        page.read_text(), path=page, source_dir=tmp_path, last_action=2, strategy=StrategyLink("Plan", "/p/")
    ).html
    assert '<a href="/p/">Plan</a>' in included and "Next action" not in included, "action 02 of 2 is the last"
