"""A synthetic site of any size, for the scaling benchmark (bench/scale.py) and for trying govpress on a big estate.

Plain Markdown pages of about 3 KB (``source/sNNNN/pNNN/index.md``, published at ``/sNNNN/pNNN/``: headings,
paragraphs, a list, a table, links to other pages of the site), 100 to a section, each section with its index
page; every page links to the next page of its section, to a page of the next section and to its section's index,
so the link check has real work. The text is made from a fixed seed: the same
arguments always give the same files.

    python bench/synthetic_site.py OUT --pages 10000 [--per-section 100]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = tuple(
    " ".join(
        (
            "digital service users government department transaction data open standard assisted channel cost volume",
            "take-up policy report progress action organisation strategy people public online form guidance team",
            "design research agile delivery budget quarter benefit licence tax vehicle passport court record register",
        )
    ).split(" ")
)
SEED = 2012


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def page_text(section: int, number: int, sections: int, per_section: int, rng: random.Random) -> str:
    """Page ``number`` of ``section``: about 3 KB of Markdown with links inside the site."""
    next_page = (number + 1) % per_section
    other = (section + 1) % sections
    lines = [
        f"# Page {number:03d} of section {section:04d}",
        "",
        _paragraph(rng),
        "",
        f"## What section {section:04d} covers",
        "",
        _paragraph(rng),
        "",
        f"- See [the next page](/s{section:04d}/p{next_page:03d}/) of this section.",
        f"- See [a page of another section](/s{other:04d}/p{number:03d}/).",
        f"- Back to [the section](/s{section:04d}/).",
        "",
        "## Figures",
        "",
        "| Quarter | Transactions | Digital take-up |",
        "|---|---|---|",
        *(f"| 2013-Q{q} | {rng.randint(1000, 999999):,} | {rng.randint(10, 99)}% |" for q in range(1, 5)),
        "",
        "## More",
        "",
        _paragraph(rng),
        "",
        _paragraph(rng, 6),
        "",
        "## Background",
        "",
        _paragraph(rng, 6),
        "",
    ]
    return "\n".join(lines)


def write_site(out: Path, pages: int, per_section: int = 100) -> int:
    """Write a project of ``pages`` pages (plus one index per section and the home page) into ``out``; returns the
    number of Markdown files written."""
    rng = random.Random(SEED)
    sections = max(1, -(-pages // per_section))
    source = out / "source"
    source.mkdir(parents=True, exist_ok=True)
    (out / "govpress.toml").write_text('site_name = "Synthetic estate"\n', encoding="utf-8")
    home = ["# Synthetic estate", "", *(f"- [Section {s:04d}](/s{s:04d}/)" for s in range(sections)), ""]
    (source / "index.md").write_text("\n".join(home), encoding="utf-8")
    written = 1
    for section in range(sections):
        folder = source / f"s{section:04d}"
        folder.mkdir(exist_ok=True)
        count = min(per_section, pages - section * per_section)
        links = (f"- [Page {n:03d}](/s{section:04d}/p{n:03d}/)" for n in range(count))
        index = [f"# Section {section:04d}", "", *links]
        (folder / "index.md").write_text("\n".join([*index, ""]), encoding="utf-8")
        written += 1
        for number in range(count):
            page = folder / f"p{number:03d}" / "index.md"  # a folder of Markdown files is one page
            page.parent.mkdir(exist_ok=True)
            page.write_text(page_text(section, number, sections, count, rng), encoding="utf-8")
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--per-section", type=int, default=100)
    args = parser.parse_args()
    written = write_site(args.out, args.pages, args.per_section)
    print(f"wrote {written} Markdown files into {args.out}")


if __name__ == "__main__":
    main()
