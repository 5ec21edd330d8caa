"""Where a project's settings are, and the defaults a reader needs before it validates them: no imports, so that a
light reader (a build with nothing to do, :mod:`govpress.site.nothing_to_do`) and the settings' own reader
(:mod:`govpress.site.settings.config`) name the same file, default and size limit."""

from __future__ import annotations

CONFIG_NAME = "govpress.toml"
DEFAULT_OUTPUT = "_site"
MAX_CONFIG_BYTES = 1_000_000
