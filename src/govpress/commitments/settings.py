"""The commitments' settings in ``govpress.toml``, owned here and mixed into the site's settings
(:class:`govpress.site.settings.config.SiteConfig`).

Imported by the site's settings, so by every command: pydantic only.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictStr


class CommitmentsSettings(BaseModel):
    """The keys the commitments generator (:class:`govpress.commitments.site.CommitmentsGenerator`) reads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dirs: tuple[StrictStr, ...] = Field(default=(), description="Data folders searched before data/ (overlays).")
