"""Bad ``[savings]`` settings in govpress.toml and bad ``govpress services savings`` stores: located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "services" / "savings-small.csv"


def _savings(project: Path, settings: str, *options: str) -> tuple[int, str, str]:
    (project / "govpress.toml").write_text(settings, encoding="utf-8")
    db = str(project / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["services", "import", str(FIXTURE), "--db", db]).exit_code == 0
    args = ["services", "savings", "--db", db, "--project", str(project), "--format", "json", *options]
    result = runner.invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            '[savings]\ntarget = "yes"\n',
            "govpress.toml:2: error: savings.target: expected a number, found the string 'yes'",
        ),
        (
            "[savings]\n\nthreshold = true\n",
            "govpress.toml:3: error: savings.threshold: expected a number, found the boolean true",
        ),
        (
            "[savings]\nphone_share = 1.5\n",
            "govpress.toml:2: error: savings.phone_share: Input should be less than or equal to 1",
        ),
        ("[savings]\ntarget = nan\n", "govpress.toml:2: error: savings.target: expected a finite number, found nan"),
        (
            "[savings]\ntarget = 0.8\ntargte = 0.9\n",
            "govpress.toml:3: error: unknown key 'savings.targte' (known keys: assumed_takeup, phone_share, ratios, "
            "target, threshold)",
        ),
        (
            "[savings]\ntarget = 0.8\n[savings.ratios]\ndigital = 0.02\nphone = 0\n",
            "govpress.toml:5: error: savings.ratios.phone: Input should be greater than 0",
        ),
        (
            "[savings.ratios]\nweb = 0.1\n",
            "govpress.toml:2: error: unknown key 'savings.ratios.web' (known keys: digital, face_to_face, phone)",
        ),
        ("savings = 3\n", "govpress.toml:1: error: savings: expected a table, found an integer"),
    ],
)
def test_bad_savings_setting_is_located(tmp_path: Path, settings: str, message: str) -> None:
    code, out, err = _savings(tmp_path, settings)
    assert code == 1 and out == "" and "Traceback" not in err
    assert message in " ".join(err.split())


def test_settings_apply_and_options_override_them(tmp_path: Path) -> None:
    code, out, _ = _savings(tmp_path, "[savings]\ntarget = 0.8\nthreshold = 1\n[savings.ratios]\nphone = 0.5\n")
    assumptions = json.loads(out)["assumptions"]
    assert code == 0 and (assumptions["target"], assumptions["threshold"], assumptions["ratio_phone"]) == (0.8, 1, 0.5)
    code, out, _ = _savings(tmp_path, "[savings]\ntarget = 0.8\n", "--target", "0.9")
    assert code == 0 and json.loads(out)["assumptions"]["target"] == 0.9
