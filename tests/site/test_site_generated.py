"""Source pages a generator replaces are not rendered: the generator's ``outputs`` say which it makes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from govpress.site.build import BuildOptions, build_site, run_build
from govpress.site.structure.generator import BaseGenerator
from govpress.site.structure.pages import Page, PrepareInputs, SiteContext

REPLACED = PurePosixPath("digital/quarterly-reports/spring-26/index.html")
PLANNED = (REPLACED, PurePosixPath("digital/not-in-the-source/index.html"))


def _page(output: PurePosixPath) -> Page:
    html = f"<!DOCTYPE html><html lang=en><title>Generated</title><main><h1>Generated {output}</h1></main></html>"
    return Page(output, html, "Generated")


class Honest(BaseGenerator[None]):
    """Makes every page its ``outputs`` name."""

    name = "honest"

    def outputs(self, inputs: PrepareInputs) -> list[PurePosixPath]:
        return list(PLANNED)

    def generate(self, context: SiteContext, prepared: None = None) -> Iterable[Page]:
        return [_page(output) for output in PLANNED]


class Forgetful(Honest):
    """Names the same outputs, makes one of them."""

    name = "forgetful"

    def generate(self, context: SiteContext, prepared: None = None) -> Iterable[Page]:
        return [_page(PLANNED[1])]


def test_a_page_a_generator_replaces_is_not_rendered(project: Path) -> None:
    report = build_site(project, generators=[Honest()])
    assert report.rendered == 5, "6 source pages (two of them Welsh), one replaced"
    assert "Generated digital/quarterly-reports" in (project / "_site" / REPLACED).read_text(encoding="utf-8")
    again = build_site(project, generators=[Honest()])
    assert again.rendered == 0


def test_a_generator_that_does_not_make_a_planned_page_gets_the_source_page(project: Path) -> None:
    report = build_site(project, generators=[Forgetful()])
    assert report.rendered == 6  # the example's six source pages (two Welsh)
    assert "Generated" not in (project / "_site" / REPLACED).read_text(encoding="utf-8")


def test_leaving_out_the_replaced_pages_changes_only_the_title_the_index_gives_them(
    project: Path, tmp_path: Path
) -> None:
    skipping = run_build(project, tmp_path / "skipping", BuildOptions(generators=[Honest()]))
    every = run_build(project, tmp_path / "every", BuildOptions(generators=[Honest()], skip_replaced=False))
    assert (skipping.rendered, every.rendered) == (5, 6)  # six source pages (two Welsh), one replaced

    def files(out: Path) -> dict[str, bytes]:
        # (the search index, named by its content, holds the root index's text: it differs with it)
        found = (p for p in out.rglob("*") if p.is_file() and not {".govpress-cache", "pagefind"} & set(p.parts))
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in found}

    one, two = files(tmp_path / "skipping"), files(tmp_path / "every")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == ["index.html"]
    # the root index names the page published there (the generated one), not the source page it replaced
    assert '/spring-26/">Generated</a>' in one["index.html"].decode("utf-8")
