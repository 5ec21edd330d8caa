"""bench/warm_bytecode.py: the benchmarks time govpress processes as installed, its modules compiled beforehand."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from warm_bytecode import compile_package


def test_every_module_is_compiled_once_beforehand(tmp_path: Path) -> None:
    package = tmp_path / "package"
    (package / "inner").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "inner" / "module.py").write_text("VALUE = 1\n", encoding="utf-8")
    assert compile_package(package)
    compiled = Path(importlib.util.cache_from_source(str(package / "inner" / "module.py")))
    assert compiled.is_file(), "written even where PYTHONDONTWRITEBYTECODE is set"


def test_a_module_that_does_not_compile_is_said(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("def (:\n", encoding="utf-8")
    assert not compile_package(tmp_path)


def test_by_default_the_govpress_this_python_imports() -> None:
    import govpress

    assert compile_package()
    assert Path(importlib.util.cache_from_source(govpress.__file__)).is_file()
