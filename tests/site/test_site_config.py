"""``govpress.toml``: typed, validated, unknown keys are errors naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govpress.problems import GovpressError
from govpress.site.build import build_site
from govpress.site.settings.brand import LEGACY_GOVUK_BRAND
from govpress.site.settings.config import SiteConfig, load_config
from govpress.site.settings.files import CONFIG_NAME


def _config(tmp_path: Path, text: str) -> SiteConfig:
    (tmp_path / "govpress.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config == SiteConfig(brand=LEGACY_GOVUK_BRAND)  # a legacy GOV.UK publication keeps its footer
    assert config.output == "_site"
    assert config.govuk_brand is False
    assert config.base_path == "/"


def test_keys_are_read(tmp_path: Path) -> None:
    config = _config(tmp_path, 'site_name = "Our plan"\nbase_url = "https://example.org/plan"\ngovuk_brand = true\n')
    assert config.site_name == "Our plan"
    assert config.base_url == "https://example.org/plan/"
    assert config.base_path == "/plan/"
    assert config.govuk_brand is True


def test_an_unknown_key_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(GovpressError) as raised:
        _config(tmp_path, 'site_name = "x"\n\ncolour = "blue"\n')
    [problem] = raised.value.problems
    assert problem.path == str(tmp_path / "govpress.toml")
    assert problem.line == 3
    assert "unknown key 'colour'" in problem.message


def test_a_wrong_type_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(GovpressError) as raised:
        _config(tmp_path, 'site_name = "x"\ngovuk_brand = "perhaps"\n')
    [problem] = raised.value.problems
    assert problem.line == 2
    assert problem.message.startswith("govuk_brand:")


def test_invalid_toml_is_an_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(GovpressError) as raised:
        _config(tmp_path, 'site_name = "x"\nbase_url = \n')
    [problem] = raised.value.problems
    assert problem.line == 2
    assert "not valid TOML" in problem.message


def test_a_malformed_analytics_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GovpressError, match="analytics_id"):
        _config(tmp_path, 'analytics_id = "<script>"\n')


def test_navigation_links_are_read_and_checked(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text(
        '[[navigation]]\ntext = "Plan"\npath = "/digital/"\n\n[[navigation]]\ntext = "Elsewhere"\n'
        'path = "https://www.gov.uk/"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.navigation is not None
    assert [(link.text, link.path) for link in config.navigation] == [
        ("Plan", "/digital/"),
        ("Elsewhere", "https://www.gov.uk/"),
    ]


def test_a_wrong_navigation_link_is_an_error_at_its_line(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text(
        '[[navigation]]\ntext = "Plan"\npath = "/digital/"\n\n[[navigation]]\ntext = "Bad"\npath = "digital/"\n',
        encoding="utf-8",
    )
    with pytest.raises(GovpressError) as raised:
        load_config(tmp_path)
    [problem] = raised.value.problems
    assert problem.line == 7
    assert "navigation.1.path" in problem.message and "starting with /" in problem.message


def test_the_strategy_department_responses_link_to_is_a_setting(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "source" / "plan" / "actions").mkdir(parents=True)
    (project / "source" / "partials").mkdir()
    (project / CONFIG_NAME).write_text(
        'base_url = "/x/"\nstrategy_title = "Our plan"\nstrategy_path = "/plan/"\n', encoding="utf-8"
    )
    (project / "source" / "partials" / "_response.md").write_text(
        "{{DEPARTMENTRESPONSE}}\n#Action 01: Do it\n\n{navigation}\n", encoding="utf-8"
    )
    (project / "source" / "plan" / "actions" / "index.html").write_text(
        "{generic_template}\n<h1>Responses</h1>\n{include response.md}\n", encoding="utf-8"
    )
    (project / "source" / "plan" / "index.html").write_text("{generic_template}\n<h1>Our plan</h1>\n", encoding="utf-8")
    report = build_site(project, generators=())
    html = (project / "_site" / "plan" / "actions" / "index.html").read_text(encoding="utf-8")
    assert 'This action forms part of the <a href="/x/plan/">Our plan</a>.' in html
    assert not [p for p in report.problems if "/x/plan/" in p.message], "the link resolves"


def test_the_strategy_path_must_be_a_site_path(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text('strategy_path = "plan/"\n', encoding="utf-8")
    with pytest.raises(GovpressError) as raised:
        load_config(tmp_path)
    assert raised.value.problems[0].line == 1
