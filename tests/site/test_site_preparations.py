"""A generator's ``prepare`` runs in a worker while the source pages render; its result reaches the generator,
names the source pages it replaces, and a failed one leaves the work to the generator."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from govpress.site.build import build_site
from govpress.site.new import new_site
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

REPLACED = PurePosixPath("digital/quarterly-reports/spring-26/index.html")
BROKEN = "Broken Preparation"


@dataclass(frozen=True)
class Prepared:
    process: int
    outputs: tuple[PurePosixPath, ...]


@dataclass
class Seen:
    prepared: list[Prepared | None]


class NotesGenerator(BaseGenerator[Prepared]):
    """A generator with a preparation, planned outputs and a section, recording the preparation it is given."""

    name = "notes"
    prepares = True

    def __init__(self, seen: Seen) -> None:
        self.seen = seen

    def prepare(self, inputs: PrepareInputs) -> Prepared:
        if inputs.config.site_name == BROKEN:
            raise RuntimeError("this preparation fails on purpose")
        return Prepared(os.getpid(), (REPLACED,))

    def outputs(self, inputs: PrepareInputs) -> list[PurePosixPath]:
        return [REPLACED]

    def sections(self, inputs: PrepareInputs) -> list[tuple[str, str]]:
        return [("Generated notes", "/generated-notes/")]

    def generate(self, context: SiteContext, prepared: Prepared | None = None) -> Iterable[Page]:
        self.seen.prepared.append(prepared)
        html = "<!DOCTYPE html><html lang=en><title>Generated</title><main><h1>Generated</h1></main></html>"
        return [Page(REPLACED, html, "Generated")]


def _generator(seen: Seen) -> NotesGenerator:
    return NotesGenerator(seen)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example site with enough pages for a cold build to use a process pool."""
    new_site(tmp_path / "example")
    for number in range(8):
        folder = tmp_path / "example" / "source" / "notes" / f"note-{number}"
        folder.mkdir(parents=True)
        (folder / "01-note.md").write_text(f"#Note {number}\n\nA note.\n", encoding="utf-8")
    return tmp_path / "example"


def test_the_preparation_runs_in_a_worker_and_reaches_its_generator(project: Path) -> None:
    seen = Seen([])
    report = build_site(project, jobs=2, generators=[_generator(seen)])
    [prepared] = seen.prepared
    assert isinstance(prepared, Prepared)
    assert prepared.process != os.getpid()
    assert not report.errors
    assert "Generated" in (project / "_site" / REPLACED).read_text(encoding="utf-8")


def test_the_preparation_names_the_source_pages_not_to_render(project: Path) -> None:
    report = build_site(project, jobs=2, generators=[_generator(Seen([]))])
    assert report.rendered == 6 + 8 - 1  # the example's six source pages (two Welsh)


def test_without_a_pool_the_preparation_runs_here(project: Path) -> None:
    seen = Seen([])
    build_site(project, jobs=1, generators=[_generator(seen)])
    [prepared] = seen.prepared
    assert isinstance(prepared, Prepared) and prepared.process == os.getpid()


def test_a_failed_preparation_leaves_the_work_to_the_generator(project: Path) -> None:
    settings = project / "govpress.toml"
    text = settings.read_text(encoding="utf-8").replace(
        'site_name = "Harbourside Digital Plan"', f'site_name = "{BROKEN}"'
    )
    settings.write_text(text, encoding="utf-8")
    seen = Seen([])
    report = build_site(project, jobs=2, generators=[_generator(seen)])
    assert seen.prepared == [None]
    assert not report.errors
    assert report.rendered == 6 + 8 - 1, "the generator's outputs still say which page is replaced"


def test_a_warm_build_prepares_nothing(project: Path) -> None:
    seen = Seen([])
    build_site(project, jobs=2, generators=[_generator(seen)])
    again = build_site(project, jobs=2, generators=[_generator(seen)])
    assert again.rendered == 0
    assert len(seen.prepared) == 1, "the generator's pages came from the cache"


def test_a_generator_s_section_joins_the_navigation_and_the_root_index(project: Path) -> None:
    settings = project / "govpress.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('base_url = "/"', 'base_url = "/plan/"'), encoding="utf-8"
    )
    build_site(project, jobs=1, generators=[_generator(Seen([]))])
    link = '<a class="govuk-service-navigation__link" href="/plan/generated-notes/">Generated notes</a>'
    for page in ("index.html", "digital/index.html", "digital/strategy/index.html"):
        assert link in (project / "_site" / page).read_text(encoding="utf-8"), page
    index = (project / "_site" / "index.html").read_text(encoding="utf-8")
    assert '<a class="govuk-link govuk-heading-m" href="/plan/generated-notes/">Generated notes</a>' in index


def test_configured_navigation_replaces_the_sections_and_a_wrong_link_is_reported_once(project: Path) -> None:
    settings = project / "govpress.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '\n[[navigation]]\ntext = "Plan"\npath = "/digital/strategy/"\n'
        + '\n[[navigation]]\ntext = "Gone"\npath = "/gone/"\n',
        encoding="utf-8",
    )
    report = build_site(project, jobs=1, generators=[_generator(Seen([]))])
    header = (project / "_site" / "digital" / "index.html").read_text(encoding="utf-8")
    assert '<a class="govuk-service-navigation__link" href="/digital/strategy/">Plan</a>' in header
    assert "Generated notes</a>" not in header.split("</nav>")[0], "the configured links replace the automatic ones"
    [problem] = [p for p in report.warnings if "/gone/" in p.message]
    assert problem.path == str(settings) and problem.line is not None
    assert settings.read_text(encoding="utf-8").splitlines()[problem.line - 1] == 'path = "/gone/"'
