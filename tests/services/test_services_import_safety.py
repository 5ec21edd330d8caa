"""What an import lets through never breaks what comes after it; real exports are read; slugs settle by identity.

- figures at the bounds (the largest number, the most decimal places), negative and implausible figures: imported
  with warnings, then ``services summary``, ``services export`` (every format, re-imported), ``services build``
  and the explorer pages all run;
- the real public download's mislabelled period header (rebuilt from the real spreadsheet export, since the
  download itself is not in ../shared) is read as the one period its place allows;
- high-volume by the strategy's rule on a public download;
- slug settling as a pure function.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.problems import GovpressError, Severity
from govpress.services.exporting import public_download_csv
from govpress.services.importing import import_file
from govpress.services.slugs import SlugClashError, SlugHolder, disambiguated, settle_slug
from govpress.services.store import Store

TE_HEADER = (
    "Abbr,Department,Agency/body,Agency abbr,Name of service,Slug,"
    "2016-Q1 Vol.,2016-Q1 CPT (£),2016-Q1 Digital vol.,2016-Q1 Completion rate,"
    "2016-Q2 Vol.,2016-Q2 CPT (£),2016-Q2 Digital vol.,2016-Q2 Completion rate,Category,Hi-vol\n"
)
EXTREMES = (
    'MOT,Ministry of Tea,,,Brew licences,mot-brew-licences,"999,999,999,999,999",99999.9999999999,'
    "0.0000000001,1,-5,-£2.50,-1,7,Licensing,1\n"
    'MOT,Ministry of Tea,,,Kettle checks,mot-kettle-checks,0,0,5,0,10,0.0000000001,"999,999,999,999,999",,,1\n'
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_figures_at_the_bounds_pass_through_summary_export_and_pages(tmp_path: Path) -> None:
    data = tmp_path / "extremes.csv"
    data.write_text(TE_HEADER + EXTREMES, encoding="utf-8")
    db = str(tmp_path / "services.db")
    code, _, err = run("services", "import", str(data), "--db", db)
    assert code == 0, err
    assert err.count(": warning: ") == 6  # 3 negatives, 1 rate over 1, 2 digital volumes above volumes
    code, out, err = run("services", "summary", "--db", db, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["transactions_per_year"] == -5 + 10  # each service's latest volume, as written
    for name, export in (("native.csv", "native-csv"), ("native.json", "native-json"), ("pd.csv", "public-download")):
        code, _, err = run("services", "export", "--db", db, "--format", export, "-o", str(tmp_path / name))
        assert code == 0, err
        code, _, err = run("services", "import", str(tmp_path / name), "--db", str(tmp_path / f"{name}.db"))
        assert code == 0, err
        assert ": error: " not in err
    code, _, err = run("services", "build", db, "-o", str(tmp_path / "explorer"))
    assert code == 0, err
    page = (tmp_path / "explorer" / "service-details" / "mot-brew-licences.html").read_text(encoding="utf-8")
    assert "Brew licences" in page


def test_the_real_downloads_mislabelled_header_is_read_as_the_period_its_place_allows(
    real_services_csv: Path, store: Store, tmp_path: Path
) -> None:
    import_file(store, real_services_csv)
    text = public_download_csv(store.contents())
    assert text.count("January 2014 to December 2014: ") == 3
    download = tmp_path / "transaction-volumes.csv"
    download.write_text(text.replace("January 2014 to December 2014: ", "January 2014 to December 2015: "), "utf-8")
    fresh = tmp_path / "fresh.db"
    code, _, err = run("services", "import", str(download), "--db", str(fresh))
    assert code == 0, err
    assumed = [line for line in err.splitlines() if "it can only be" in line]
    assert [line.split(": warning: ")[0].rpartition(":")[2] for line in assumed] == ["33", "34", "35"]
    assert all("can only be January 2014 to December 2014 (2015-Q1): read as that period" in a for a in assumed)
    # the same figures as the spreadsheet export, under the period the header was read as
    (tmp_path / "as-exported.csv").write_text(text, encoding="utf-8")
    code, _, err = run("services", "import", str(tmp_path / "as-exported.csv"), "--db", str(tmp_path / "plain.db"))
    exports = [run("services", "export", "--db", str(tmp_path / db))[1] for db in ("fresh.db", "plain.db")]
    assert exports[0] == exports[1]


def test_a_public_download_marks_high_volume_by_the_strategys_rule(
    real_services_csv: Path, store: Store, tmp_path: Path
) -> None:
    import_file(store, real_services_csv)
    download = tmp_path / "transaction-volumes.csv"
    download.write_text(public_download_csv(store.contents()), encoding="utf-8")
    code, out, err = run("services", "import", str(download), "--db", str(tmp_path / "p.db"))
    assert code == 0, err
    (note,) = [line for line in err.splitlines() if ": note: " in line]
    marked = int(note.split("high-volume column: ")[1].split(" of ")[0])
    code, out, _ = run("services", "summary", "--db", str(tmp_path / "p.db"), "--format", "json")
    result = json.loads(out)
    assert result["high_volume_services"] == marked > 77  # more than the spreadsheet's own flags (over 750,000)
    # department figures are not blank: every department with a high-volume service has a digital take-up
    with_high_volume = [d for d in result["departments_detail"] if d["high_volume_services"]]
    assert len(with_high_volume) == 14
    assert all(d["digital_takeup"] is not None for d in with_high_volume)


def test_strict_import_fails_on_warnings_and_stores_nothing(real_services_csv: Path, store: Store) -> None:
    with pytest.raises(GovpressError) as raised:
        import_file(store, real_services_csv, strict=True)
    assert raised.value.problems[-1].severity is Severity.ERROR
    assert raised.value.problems[-1].message.endswith("warnings and --strict: file not imported")
    assert store.contents().services == []


@pytest.mark.parametrize(
    ("derived", "holder", "expected"),
    [
        (True, None, ("s", None)),
        (True, SlugHolder("b", "B", derived=True), ("s", disambiguated("s", "b"))),  # "a" sorts first: it keeps s
        (True, SlugHolder("0", "0", derived=True), (disambiguated("s", "a"), None)),
        (True, SlugHolder("b", "B", derived=False), (disambiguated("s", "a"), None)),  # a given slug wins
        (False, SlugHolder("b", "B", derived=True), ("s", disambiguated("s", "b"))),
        (False, SlugHolder("a", "A", derived=False), ("s", None)),  # the same service
    ],
)
def test_settle_slug(derived: bool, holder: SlugHolder | None, expected: tuple[str, str | None]) -> None:
    assert settle_slug("s", "a", derived, holder) == expected


def test_two_given_slugs_clash() -> None:
    with pytest.raises(SlugClashError):
        settle_slug("s", "a", False, SlugHolder("b", "B", derived=False))
