"""The registered generators: one list, unique names, their settings owned by their features, an order in which a
generator's sections reach the pages they go on, and none of them imported by ``govpress --help``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel

from govpress.site.settings.config import SiteConfig
from govpress.site.structure.registry import GENERATORS

FEATURE_MODULES = {type(generator).__module__ for generator in GENERATORS}


def test_every_generator_has_its_own_name() -> None:
    names = [generator.name for generator in GENERATORS]
    assert all(names) and len(set(names)) == len(names), names


def test_a_generator_s_settings_section_is_a_table_of_its_own_feature() -> None:
    owned = [generator for generator in GENERATORS if generator.settings_section is not None]
    assert owned, "the services generator owns [savings]"
    for generator in owned:
        section = generator.settings_section
        assert section is not None
        model = SiteConfig.model_fields[section].annotation
        assert isinstance(model, type) and issubclass(model, BaseModel), section
        feature = type(generator).__module__.rsplit(".", 1)[0]
        assert model.__module__.startswith(feature + "."), (section, model.__module__, feature)


def test_the_dashboards_run_before_the_explorer_whose_pages_show_their_links() -> None:
    names = [generator.name for generator in GENERATORS]
    assert names.index("dashboards") < names.index("services")


def test_help_imports_no_generator(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    script = (
        "import runpy, sys\n"
        "sys.argv = ['govpress', '--help']\n"
        "try:\n    runpy.run_module('govpress', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(src)}
    )
    imported = set(done.stderr.split())
    assert "govpress.cli.site" in imported, "the command line was loaded (the test looks at the right run)"
    assert not (FEATURE_MODULES | {"govpress.site.structure.registry"}) & imported
