"""govpress's modules compiled before a benchmark times new processes, as an installed package's are.

``pip install`` compiles a package's modules; a checkout installed for development (``pip install -e``) has its
bytecode written by the first process that imports each module, unless ``PYTHONDONTWRITEBYTECODE`` is set (as it is
on some CI and sandbox machines) or the checkout cannot be written: then every ``govpress`` process compiles its
300-odd modules again, about 0.4 s that a user's machine never pays (docs/scaling.md, "Stop 28"). A benchmark that
starts ``govpress`` processes calls :func:`compile_package` first, once for each code folder it times.

    from warm_bytecode import compile_package
    compile_package()                      # the govpress this Python imports
    compile_package(Path("old/src/govpress"))
"""

from __future__ import annotations

import compileall
from pathlib import Path


def compile_package(folder: Path | None = None) -> bool:
    """Write the bytecode of every module under ``folder`` (default: the govpress package this Python imports) that
    has none, or stale; whether all of them compiled."""
    if folder is None:
        import govpress

        folder = Path(govpress.__file__).parent
    return bool(compileall.compile_dir(str(folder), quiet=1))
