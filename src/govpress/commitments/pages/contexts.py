"""The template contexts of the commitments pages (what each template may use, and nothing else)."""

from __future__ import annotations

from typing import TypedDict


class Link(TypedDict):
    url: str
    text: str


class StrategyView(TypedDict):
    title: str
    url: str | None  # None when the address is not a safe link (the title is shown as text)


class ChangeView(TypedDict):
    date: str
    summary: str
    status_before: str | None
    status_after: str | None


class ResponseView(TypedDict):
    """One response as shown on an action page (``div.department``) or an organisation page."""

    anchor: str
    action: int
    action_code: str
    action_title: str
    action_url: str
    organisation_id: str
    organisation_name: str
    organisation_url: str
    display_lines: list[str]
    logo_class: str
    status: str
    statement_html: str
    last_changed: str | None
    history: list[ChangeView]


class ActionView(TypedDict):
    number: int
    code: str
    title: str
    heading: str
    short_title: str | None
    principle: str | None
    url: str
    strategy_url: str | None
    responded: int
    awaiting: int


class Breadcrumb(TypedDict):
    text: str
    href: str


class Common(TypedDict):
    """What every commitments page has: its layout, title, breadcrumbs, the strategy and the open data links."""

    layout: str
    page_title: str
    breadcrumbs: list[Breadcrumb]
    strategy: StrategyView | None
    data_links: list[Link]
    matrix_url: str
    organisations_url: str
    actions_url: str


class ActionPageContext(Common):
    action: ActionView
    intro_html: str | None
    previous_url: str | None
    next_url: str | None
    responses: list[ResponseView]


class OrganisationView(TypedDict):
    id: str
    name: str
    abbreviation: str | None
    url: str
    strategy_url: str | None
    strategy_note: str | None
    responded: int
    awaiting: int


class OrganisationPageContext(Common):
    organisation: OrganisationView
    responses: list[ResponseView]


class OrganisationsPageContext(Common):
    organisations: list[OrganisationView]


class MatrixCell(TypedDict):
    status: str | None
    url: str | None


class MatrixRow(TypedDict):
    organisation: OrganisationView
    cells: list[MatrixCell]


class MatrixPageContext(Common):
    actions: list[ActionView]
    rows: list[MatrixRow]


class ActionsPageContext(Common):
    actions: list[ActionView]
    organisations: list[OrganisationView]


class ReportView(TypedDict):
    id: str
    title: str
    date: str
    url: str
    summary: str | None
    exemplars_url: str
    table_html: str | None


class ReportsPageContext(Common):
    reports: list[ReportView]
    feed_url: str
    progress_url: str


class ServiceView(TypedDict):
    name: str
    organisation: str | None
    phase: str
    url: str | None  # the exemplar's own page


class TimelineStep(TypedDict):
    report_title: str
    report_url: str
    report_date: str
    phase: str
    since: str | None


class FigureView(TypedDict):
    title: str
    value: str
    period: str


class ExemplarPageContext(Common):
    name: str
    organisation: str | None
    timeline: list[TimelineStep]
    service_url: str | None  # its page in the site's services explorer, when the data has the service
    service: str | None
    figures: list[FigureView]  # its service's latest figures, as the explorer shows them
    publishes_figures: bool  # whether the site publishes service data at all
    reports_url: str
    progress_url: str


class ReportSectionContext(TypedDict):
    """A report's exemplar services, the section added to the report's own page."""

    report: ReportView
    services: list[ServiceView]
    reports_url: str
    progress_url: str


class ReportNavigationContext(TypedDict):
    """A report's links to the reports published before and after it, and to the list: a section of its page."""

    previous: Link | None
    next: Link | None
    reports_url: str
    list_link: bool  # false when the report's exemplar services section already links the list


class ProgressPageContext(Common):
    table_html: str
    exemplar_links: list[Link]
    reports_url: str
    feed_url: str
