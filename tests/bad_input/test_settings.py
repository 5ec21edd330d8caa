"""Bad input: ``govpress.toml`` and the site commands' options (types, syntax, encodings, paths leaving the project,
output folders a build may not empty).

One test per case: the hostile settings are written in ``tmp_path``, the real code path runs (``load_config`` as every
command uses it, or the command line through click's runner) and the exact located message is asserted.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

from govpress.cli import cli
from govpress.problems import GovpressError
from govpress.site.settings.brand import LEGACY_GOVUK_BRAND
from govpress.site.settings.config import SiteConfig, load_config


def _project(tmp_path: Path, settings: str | bytes | None = None) -> Path:
    project = tmp_path / "site"
    (project / "source/plan").mkdir(parents=True)
    (project / "source/plan/00-contents.md").write_text("#Our plan\n\nHello.\n", encoding="utf-8")
    (project / "assets").mkdir()
    if isinstance(settings, str):
        (project / "govpress.toml").write_text(settings, encoding="utf-8")
    elif settings is not None:
        (project / "govpress.toml").write_bytes(settings)
    return project


def _errors(tmp_path: Path, settings: str | bytes) -> list[str]:
    project = _project(tmp_path, settings)
    with pytest.raises(GovpressError) as raised:
        load_config(project)
    return [str(problem) for problem in raised.value.problems]


def _file(tmp_path: Path) -> str:
    return str(tmp_path / "site" / "govpress.toml")


# Types


def test_a_string_for_a_boolean_is_an_error_naming_the_type(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'site_name = "Plan"\ngovuk_brand = "yes"\n') == [
        f"{_file(tmp_path)}:2: error: govuk_brand: expected true or false (a boolean), found the string 'yes'"
    ]


def test_a_number_for_a_string_is_an_error_naming_the_type(tmp_path: Path) -> None:
    assert _errors(tmp_path, "base_url = 3\n") == [
        f"{_file(tmp_path)}:1: error: base_url: expected a string, found an integer"
    ]


def test_a_table_for_a_string_is_an_error_at_the_tables_line(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'base_url = "/"\n\n[site_name]\nfull = "Plan"\n') == [
        f"{_file(tmp_path)}:3: error: site_name: expected a string, found a table"
    ]


def test_a_string_for_an_array_of_tables_is_an_error(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'navigation = "/digital/"\n') == [
        f"{_file(tmp_path)}:1: error: navigation: expected an array, found the string '/digital/'"
    ]


def test_a_wrong_type_inside_a_navigation_link_is_an_error_at_its_line(tmp_path: Path) -> None:
    assert _errors(tmp_path, '[[navigation]]\ntext = "Plan"\npath = "/plan/"\n\n[[navigation]]\ntext = 7\n') == [
        f"{_file(tmp_path)}:6: error: navigation.1.text: expected a string, found an integer",
        f"{_file(tmp_path)}:5: error: navigation.1.path: Field required",
    ]


def test_a_dangerous_base_url_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'base_url = "javascript:alert(1)//"\n') == [
        f"{_file(tmp_path)}:1: error: base_url: expected a path such as /plan/ or an http:// or https:// URL"
    ]


def test_a_protocol_relative_base_url_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'base_url = "//evil.example/"\n') == [
        f"{_file(tmp_path)}:1: error: base_url: expected a path such as /plan/ or an http:// or https:// URL"
    ]


def test_a_language_that_would_break_out_of_its_attribute_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'language = "en\\" onload=\\"alert(1)"\n') == [
        f"{_file(tmp_path)}:1: error: language: expected a language tag such as en or en-GB"
    ]


# Syntax and encodings


def test_a_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'site_name = "Plan"\nbase_url = \n') == [
        f"{_file(tmp_path)}:2:12: error: not valid TOML: Invalid value"
    ]


def test_a_duplicate_key_has_line_and_column(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'site_name = "Plan"\nsite_name = "Other"\n') == [
        f"{_file(tmp_path)}:2:20: error: not valid TOML: a key is given a value twice (or a key and a table share "
        "a name)"
    ]


def test_a_duplicate_table_has_line_and_column(tmp_path: Path) -> None:
    assert _errors(tmp_path, '[plan]\ntitle = "a"\n\n[plan]\n') == [
        f"{_file(tmp_path)}:4:6: error: not valid TOML: the table [plan] is declared twice"
    ]


def test_arrays_nested_too_deeply_are_an_error(tmp_path: Path) -> None:
    assert _errors(tmp_path, "data_dirs = " + "[" * 5000 + "]" * 5000 + "\n") == [
        f"{_file(tmp_path)}: error: not valid TOML: arrays or tables nested too deeply"
    ]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    project = _project(tmp_path, codecs.BOM_UTF8 + b'site_name = "Plan"\n')
    assert load_config(project).site_name == "Plan"


def test_windows_1252_settings_are_an_error_saying_how_to_convert(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'site_name = "Caf\u00e9"\n'.encode("cp1252")) == [
        f"{_file(tmp_path)}:1:17: error: the file is not valid UTF-8 (byte 0xE9); it looks like Windows-1252 text "
        "(that byte is 'é' there): save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8)"
    ]


def test_utf16_settings_are_an_error_saying_how_to_convert(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'site_name = "Plan"\n'.encode("utf-16")) == [
        f"{_file(tmp_path)}: error: the file is UTF-16 text, not UTF-8; save it as UTF-8 "
        "(for example: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8)"
    ]


# Path settings stay inside the project


def test_an_absolute_output_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, f'output = "{tmp_path / "elsewhere"}"\n') == [
        f"{_file(tmp_path)}:1: error: output: '{tmp_path / 'elsewhere'}' is an absolute path; give a path relative "
        "to the project folder"
    ]


def test_an_output_leaving_the_project_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'site_name = "x"\noutput = "../public"\n') == [
        f"{_file(tmp_path)}:2: error: output: '../public' leads outside the project folder (to {tmp_path / 'public'})"
    ]


def test_the_project_folder_as_output_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'output = "."\n') == [
        f"{_file(tmp_path)}:1: error: output: the output folder '.' may not be used: it is the project folder itself "
        "(a build empties and replaces its output folder)"
    ]


def test_the_source_folder_as_output_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'output = "source"\n') == [
        f"{_file(tmp_path)}:1: error: output: the output folder 'source' may not be used: it holds the source folder "
        f"{tmp_path / 'site/source'} (a build empties and replaces its output folder)"
    ]


def test_an_output_inside_the_source_folder_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'output = "source/_site"\n') == [
        f"{_file(tmp_path)}:1: error: output: the output folder 'source/_site' may not be used: it is inside the "
        f"source folder {tmp_path / 'site/source'}"
    ]


def test_the_assets_folder_as_output_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'output = "assets"\n') == [
        f"{_file(tmp_path)}:1: error: output: the output folder 'assets' may not be used: it holds the assets folder "
        f"{tmp_path / 'site/assets'} (a build empties and replaces its output folder)"
    ]


def test_the_settings_file_as_output_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'output = "govpress.toml"\n') == [
        f"{_file(tmp_path)}:1: error: output: the output folder 'govpress.toml' may not be used: it holds the settings "
        f"file {tmp_path / 'site/govpress.toml'} (a build empties and replaces its output folder)"
    ]


def test_an_output_holding_the_source_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, 'output = "content"\nsource = "content/source"\n')
    (project / "content/source").mkdir(parents=True)
    with pytest.raises(GovpressError) as raised:
        load_config(project)
    assert [str(p) for p in raised.value.problems] == [
        f"{_file(tmp_path)}:1: error: output: the output folder 'content' may not be used: it holds the source "
        f"folder {project / 'content/source'} (a build empties and replaces its output folder)"
    ]


def test_a_source_leaving_the_project_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'source = "../../"\n') == [
        f"{_file(tmp_path)}:1: error: source: '../../' leads outside the project folder (to {tmp_path.parent})"
    ]


def test_an_assets_folder_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, 'assets = "public"\n')
    (tmp_path / "elsewhere").mkdir()
    (project / "public").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(GovpressError) as raised:
        load_config(project)
    assert [str(p) for p in raised.value.problems] == [
        f"{_file(tmp_path)}:1: error: assets: 'public' leads outside the project folder (to {tmp_path / 'elsewhere'})"
    ]


def test_a_default_source_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    """No govpress.toml: the default ``source`` is checked too, and the message says it is the default."""
    project = tmp_path / "site"
    project.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (project / "source").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(GovpressError) as raised:
        load_config(project)
    assert [str(p) for p in raised.value.problems] == [
        f"{project}: error: source (the default): 'source' leads outside the project folder "
        f"(to {tmp_path / 'elsewhere'})"
    ]


def test_a_services_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'services_file = "/etc/passwd"\n') == [
        f"{_file(tmp_path)}:1: error: services_file: '/etc/passwd' is an absolute path; give a path relative to the "
        "project folder"
    ]


def test_a_services_store_outside_the_project_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'services_database = "../store/services.db"\n') == [
        f"{_file(tmp_path)}:1: error: services_database: '../store/services.db' leads outside the project folder "
        f"(to {tmp_path / 'store/services.db'})"
    ]


def test_a_postgresql_store_is_not_a_path(tmp_path: Path) -> None:
    project = _project(tmp_path, 'services_database = "postgresql://govpress@localhost/../../x"\n')
    assert load_config(project).services_database == "postgresql://govpress@localhost/../../x"


def test_a_data_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'data_dirs = ["overlay", "../../etc"]\n') == [
        f"{_file(tmp_path)}:1: error: data_dirs: '../../etc' leads outside the project folder "
        f"(to {tmp_path.parent / 'etc'})"
    ]


def test_a_nul_in_a_path_setting_is_refused(tmp_path: Path) -> None:
    assert _errors(tmp_path, 'assets = "assets\\u0000x"\n') == [
        f"{_file(tmp_path)}:1: error: assets: a NUL character is not allowed in a path"
    ]


def test_good_path_settings_are_read(tmp_path: Path) -> None:
    project = _project(tmp_path, 'output = "public/site"\nassets = "./assets"\ndata_dirs = ["overlay"]\n')
    config = load_config(project)
    assert (config.output, config.assets, config.data_dirs) == ("public/site", "./assets", ("overlay",))


# The command line's options


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stderr


def test_build_into_the_project_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, err = _run("build", str(project), "-o", str(project))
    assert code == 2
    assert err.endswith(
        f"Error: Invalid value for '-o' / '--output': {project} may not be used: it is the project folder itself "
        "(a build empties and replaces its output folder)\n"
    )
    assert (project / "source/plan/00-contents.md").is_file()


def test_build_into_the_source_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, err = _run("build", str(project), "-o", str(project / "source"))
    assert code == 2
    assert err.endswith(
        f"Error: Invalid value for '-o' / '--output': {project / 'source'} may not be used: it holds the source "
        f"folder {project / 'source'} (a build empties and replaces its output folder)\n"
    )
    assert (project / "source/plan/00-contents.md").is_file()


def test_build_into_a_folder_holding_the_project_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, err = _run("build", str(project), "-o", str(tmp_path))
    assert code == 2
    assert err.endswith(
        f"Error: Invalid value for '-o' / '--output': {tmp_path} may not be used: {tmp_path} holds the project "
        "folder (a build empties and replaces its output folder)\n"
    )


def test_serve_into_the_assets_folder_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, err = _run("serve", str(project), "--no-reload", "-o", str(project / "assets/site"))
    assert code == 2
    assert err.endswith(
        f"Error: Invalid value for '-o' / '--output': {project / 'assets/site'} may not be used: it is inside the "
        f"assets folder {project / 'assets'}\n"
    )


def test_a_dangerous_base_url_option_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, err = _run("check", str(project), "--base-url", "javascript:alert(1)")
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for '--base-url': 'javascript:alert(1)': expected a path such as /plan/ or an http:// "
        "or https:// URL\n"
    )


def test_build_into_a_folder_outside_the_project_is_allowed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, err = _run("build", str(project), "-o", str(tmp_path / "public"), "-j", "1")
    assert code == 0, err
    assert (tmp_path / "public/plan/index.html").is_file()


def test_the_defaults_are_unchanged(tmp_path: Path) -> None:
    # No settings file: a legacy GOV.UK publication, which keeps its GOV.UK footer (docs/site.md, "Whose site it is").
    assert load_config(_project(tmp_path)) == SiteConfig(brand=LEGACY_GOVUK_BRAND)
    assert load_config(_project(tmp_path / "with-file", "")) == SiteConfig()


def test_the_problems_of_the_site_s_keys_and_the_features_keys_come_in_the_file_s_order(tmp_path: Path) -> None:
    settings = 'site_name = 1\nservices_file = 2\ndata_dirs = "x"\n[savings]\ntarget = "a"\n'
    with pytest.raises(GovpressError) as raised:
        load_config(_project(tmp_path, settings))
    found = [(problem.line, problem.message.split(":")[0]) for problem in raised.value.problems]
    assert found == [(1, "site_name"), (2, "services_file"), (3, "data_dirs"), (5, "savings.target")]
