"""The explorer's settings in ``govpress.toml``, owned here and mixed into the site's settings
(:class:`govpress.site.settings.config.SiteConfig`): where the service data comes from, and the ``[savings]`` table.

Imported by the site's settings, so by every command: pydantic and the savings model's settings only.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from govpress.services.savings_settings import SavingsSettings


class ServicesSettings(BaseModel):
    """The keys the services generator (:class:`govpress.services.site.ServicesGenerator`) reads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    services_database: StrictStr | None = Field(default=None, description="A services store (SQLite path or URL).")
    services_file: StrictStr | None = Field(default=None, description="A services data file to publish.")
    savings: SavingsSettings = Field(
        default_factory=SavingsSettings, description="The savings model's assumptions (docs/savings.md)."
    )
