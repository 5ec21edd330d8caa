"""govpress against Hugo on the same synthetic site, in interleaved runs (the machine's speed drifts: each round runs
both, one after the other, and the medians are compared).

The synthetic site (bench/synthetic_site.py) is written once as a govpress project and once as a Hugo project with
the same Markdown (``content/sNNNN/pNNN.md`` with the page's first heading as its title, and three small layouts: a
page in a base with a header, breadcrumbs and the page's table of contents, as govpress's layout has). Each round
builds both cold (empty output, no records, no cache) and then again with nothing changed, as new processes, as a
user runs them.

    python bench/peer_hugo.py [--pages 300] [--rounds 5] [--jobs N] [--drop-caches]

With ``--drop-caches`` (root) the page cache is emptied before each cold build of either (bench/page_cache.py).

Hugo comes from Debian (``apt-get install -y hugo``); without it the benchmark says so and stops.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from govpress.site.engine.stamps import CACHE_DIR
from page_cache import add_option, drop_page_cache
from synthetic_site import write_site
from warm_bytecode import compile_package

GOVPRESS = Path(sys.executable).parent / "govpress"
HUGO_CONFIG = (
    'baseURL = "http://127.0.0.1/"\ntitle = "Synthetic"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
)
LAYOUTS = {
    "_default/baseof.html": (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title>'
        '</head><body><header><a href="/">{{ site.Title }}</a></header><nav aria-label="Breadcrumb"><ol>'
        '{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "_default/single.html": '{{ define "main" }}{{ .TableOfContents }}{{ .Content }}{{ end }}\n',
    "_default/list.html": (
        '{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        "</li>{{ end }}</ul>{{ end }}\n"
    ),
}


def hugo_site(project: Path, out: Path) -> None:
    """The govpress ``project``'s Markdown as a Hugo site in ``out`` (site paths kept: ``/sNNNN/pNNN/``)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (out / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (out / "layouts" / name).write_text(text, encoding="utf-8")
    source = project / "source"
    for page in sorted(source.rglob("index.md")):
        folder = page.parent.relative_to(source)
        text = page.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        front = f'+++\ntitle = "{title.lstrip("# ").strip()}"\n+++\n'
        target = out / "content" / (f"{folder}/_index.md" if len(folder.parts) < 2 else f"{folder}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + body, encoding="utf-8")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None)
    add_option(parser)
    args = parser.parse_args()
    compile_package()  # as installed: no process compiles govpress's modules (bench/warm_bytecode.py)
    hugo = shutil.which("hugo")
    if hugo is None:
        sys.exit("Hugo is not installed (apt-get install -y hugo): nothing to compare with")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="govpress-peer-") as folder:
        root = Path(folder)
        project, site = root / "govpress", root / "hugo"
        write_site(project, args.pages)
        hugo_site(project, site)
        ours = [str(GOVPRESS), "build", str(project)] + (["-j", str(args.jobs)] if args.jobs else [])
        theirs = [hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")]
        figures: dict[str, list[float]] = {
            name: [] for name in ("govpress cold", "hugo cold", "govpress warm", "hugo warm")
        }
        for _ in range(args.rounds):
            shutil.rmtree(project / "_site", ignore_errors=True)
            shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
            drop_page_cache(args.drop_caches)
            figures["govpress cold"].append(timed(ours))
            shutil.rmtree(site / "public", ignore_errors=True)
            shutil.rmtree(site / "resources", ignore_errors=True)
            drop_page_cache(args.drop_caches)
            figures["hugo cold"].append(timed([*theirs, "--ignoreCache"]))
            figures["govpress warm"].append(timed(ours))
            figures["hugo warm"].append(timed(theirs))
    print(f"{args.pages} pages, {args.rounds} interleaved rounds; {version}")
    medians = {name: statistics.median(values) for name, values in figures.items()}
    for name, values in figures.items():
        print(f"  {name:14} {medians[name]:7.3f} s   (runs: {', '.join(f'{v:.3f}' for v in values)})")
    for kind in ("cold", "warm"):
        print(f"  govpress / hugo, {kind}: {medians[f'govpress {kind}'] / medians[f'hugo {kind}']:.2f}")


if __name__ == "__main__":
    main()
