"""Legacy extraction: the corpus counts, and a block that cannot be parsed is an error with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.commitments.legacy.load import load_legacy
from govpress.commitments.legacy.organisations import abbreviation, organisation_slug, strategy_links
from govpress.commitments.legacy.partials import parse_partial
from govpress.commitments.model import Status, Strategy
from govpress.commitments.native.load import load_native
from govpress.commitments.native.write import write_native
from govpress.problems import GovpressError


def test_corpus_counts(corpus_dir: Path) -> None:
    commitments = load_legacy(corpus_dir)
    assert len(commitments.actions) == 14
    assert len(commitments.organisations) == 18
    assert len(commitments.responses) == 235
    assert len(commitments.responses_to(4)) == 1
    assert sum(r.status is Status.AWAITING for r in commitments.responses) == 13


def test_corpus_details(corpus_dir: Path) -> None:
    commitments = load_legacy(corpus_dir)
    assert commitments.strategy == Strategy("Government Digital Strategy", "/digital/strategy/")
    home_office = commitments.organisation("home-office")
    assert home_office is not None
    assert home_office.logo_class == "logo-ho"
    bis = commitments.organisation("department-for-business-innovation-and-skills")
    assert bis is not None
    assert bis.display_lines == ("Department for", "Business", "Innovation", "& Skills")
    assert bis.abbreviation == "BIS"
    dclg = commitments.organisation("department-for-communities-and-local-government")
    assert dclg is not None
    assert (dclg.strategy_url, dclg.strategy_note, dclg.abbreviation) == (None, "Awaiting DCLG confirmation", "DCLG")
    action = commitments.action(6)
    assert action is not None
    assert action.heading != action.title
    assert action.principle == "Redesign transactional services to meet a new digital by default service standard"
    assert action.short_title is not None and action.short_title.startswith("Ensure all new")
    response = commitments.response(5, "home-office")
    assert response is not None and response.source is not None
    assert response.source.path.endswith("_action05.md")
    assert response.links and response.links[-1].startswith("http://www.homeoffice.gov.uk/")


GOOD = """{{DEPARTMENTRESPONSE}}
#Action 02: Do a thing
{div .section}

{navigation}

Here's how departments are responding to this action:

{div .department}
##Home Office
{: .logo-ho}
{div .statement}
We will. [Read more »](http://example.org/ho)
{/div}
{/div}

{navigation}

{/div}
"""


def test_parse_partial() -> None:
    partial = parse_partial(GOOD, "x.md")
    assert (partial.number, partial.heading, partial.line) == (2, "Do a thing", 2)
    assert partial.intro == "Here's how departments are responding to this action:"
    (block,) = partial.blocks
    assert (block.display_lines, block.logo_class, block.line, block.text_line) == (("Home Office",), "logo-ho", 9, 13)
    assert block.text == "We will. [Read more »](http://example.org/ho)"


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace("##Home Office\n", ""), 10, "heading"),
        (GOOD.replace("{div .statement}\n", ""), 12, "{div .statement}"),
        (GOOD.replace("We will.", "##We will."), 13, "statement"),
        (GOOD.replace("We will. [Read more »](http://example.org/ho)\n", ""), 12, "empty statement"),
        (GOOD.replace("#Action 02: Do a thing", "#Action two: Do a thing"), 2, "#Action NN"),
        (GOOD + "stray\n", 20, "nothing after"),
        (GOOD.replace("{/div}\n{/div}\n\n{navigation}", "{/div}\n\n{navigation}"), 16, "closing"),
    ],
)
def test_parse_errors_name_file_and_line(broken: str, line: int, words: str) -> None:
    with pytest.raises(GovpressError) as caught:
        parse_partial(broken, "x.md")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("x.md", line)
    assert words in problem.message


def test_unparseable_block_in_project_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "source/partials/departmentactions"
    folder.mkdir(parents=True)
    (folder / "_action01.md").write_text(GOOD.replace("{div .statement}\n", "{div .statment}\n"), encoding="utf-8")
    with pytest.raises(GovpressError) as caught:
        load_legacy(tmp_path)
    assert caught.value.problems[0].location == f"{folder / '_action01.md'}:12"


def test_strategy_links_and_names() -> None:
    links = strategy_links(
        "- [Home Office Digital Strategy](http://ho)\n- Big Department Digital Strategy (Coming soon)\n"
    )
    assert [(x.name, x.url, x.note, x.line) for x in links] == [
        ("Home Office", "http://ho", None, 1),
        ("Big Department", None, "Coming soon", 2),
    ]
    assert organisation_slug("Attorney General\u2019s Office") == "attorney-generals-office"
    assert abbreviation("Ministry of Justice", ["The MoJ will"]) == "MoJ"
    assert abbreviation("Ministry of Justice", ["Nothing here"]) is None


def test_listed_organisation_without_responses_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "source/partials/departmentactions"
    folder.mkdir(parents=True)
    (folder / "_action02.md").write_text(GOOD.replace("{: .logo-ho}\n", ""), encoding="utf-8")
    (folder / "_index.md").write_text(
        "- [Home Office Digital Strategy](http://ho)\n- Harbour Board Digital Strategy (Coming soon)\n",
        encoding="utf-8",
    )
    commitments = load_legacy(tmp_path)
    assert [(o.id, o.logo_class, o.strategy_note) for o in commitments.organisations] == [
        ("home-office", "", None),
        ("harbour-board", "logo-single", "Coming soon"),
    ]
    write_native(commitments, tmp_path / "native")
    assert load_native(tmp_path / "native") == commitments
