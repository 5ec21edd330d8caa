"""The pydantic models of a dashboard file (``dashboards/*.yaml``; the format is described in
:mod:`govpress.dashboards.config` and docs/api.md). Keys are written as Spotlight wrote them (``data-source``,
``value-attribute``); every model forbids unknown keys; names (slugs, data groups and types) are lower-case letters,
digits and ``-``, at most 60 characters.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"
MAX_MODULES = 50
Format = Literal["number", "currency", "percent"]
Slug = Annotated[StrictStr, Field(pattern=NAME_PATTERN)]
Title = Annotated[StrictStr, Field(min_length=1, max_length=120)]
Text = Annotated[StrictStr, Field(max_length=500)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DataSource(_Strict):
    data_group: Slug = Field(alias="data-group")
    data_type: Slug = Field(alias="data-type")
    query: dict[StrictStr, Any] = Field(default_factory=dict)  # each value checked by _params


class Axes(_Strict):
    x: Text = ""
    y: Text = ""


class ModuleBase(_Strict):
    type: str
    title: Title
    description: Text = ""
    data_source: DataSource = Field(alias="data-source")


class KpiModule(ModuleBase):
    type: Literal["kpi"]
    value_attribute: StrictStr = Field(alias="value-attribute")
    format: Format = "number"


class SingleTimeseries(ModuleBase):
    type: Literal["single_timeseries"]
    value_attribute: StrictStr = Field(alias="value-attribute")
    format: Format = "number"
    axes: Axes = Axes()


class GroupedTimeseries(ModuleBase):
    type: Literal["grouped_timeseries"]
    value_attribute: StrictStr = Field(alias="value-attribute")
    category: StrictStr | None = None
    format: Format = "number"
    axes: Axes = Axes()


class ChannelBreakdown(ModuleBase):
    type: Literal["channel_breakdown"]
    channel_attribute: StrictStr = Field(default="channel", alias="channel-attribute")
    value_attribute: StrictStr | None = Field(default=None, alias="value-attribute")
    digital_channels: tuple[StrictStr, ...] = Field(default=("digital",), alias="digital-channels", min_length=1)


class CompletionRate(ModuleBase):
    type: Literal["completion_rate"]
    started_attribute: StrictStr | None = Field(default=None, alias="started-attribute")
    completed_attribute: StrictStr | None = Field(default=None, alias="completed-attribute")
    axes: Axes = Axes()


class UserSatisfaction(ModuleBase):
    type: Literal["user_satisfaction"]
    rating_attributes: tuple[StrictStr, ...] | None = Field(
        default=None, alias="rating-attributes", min_length=5, max_length=5
    )
    total_attribute: StrictStr | None = Field(default=None, alias="total-attribute")
    axes: Axes = Axes()


class TableColumn(_Strict):
    attribute: StrictStr
    label: Title
    format: Literal["number", "currency", "percent", "text"] = "text"


class TableModule(ModuleBase):
    type: Literal["table"]
    columns: list[TableColumn] = Field(min_length=1, max_length=20)


MODULE_TYPES: dict[str, type[ModuleBase]] = {
    "kpi": KpiModule,
    "single_timeseries": SingleTimeseries,
    "grouped_timeseries": GroupedTimeseries,
    "channel_breakdown": ChannelBreakdown,
    "completion_rate": CompletionRate,
    "user_satisfaction": UserSatisfaction,
    "table": TableModule,
}
NEEDS_PERIOD = frozenset({"single_timeseries", "grouped_timeseries", "completion_rate", "user_satisfaction"})


class DashboardFile(_Strict):
    title: Title
    description: Text = ""
    slug: Slug | None = None
    modules: list[dict[Any, Any]] = Field(min_length=1, max_length=MAX_MODULES)
