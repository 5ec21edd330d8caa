"""From the model to the template contexts of the action, organisation, matrix and index pages."""

from __future__ import annotations

from collections.abc import Callable

from govpress.commitments import urls
from govpress.commitments.model import Action, Commitments, Organisation, Response, Status
from govpress.commitments.pages.contexts import (
    ActionPageContext,
    ActionView,
    Breadcrumb,
    ChangeView,
    Common,
    Link,
    MatrixCell,
    MatrixPageContext,
    MatrixRow,
    OrganisationPageContext,
    OrganisationView,
    ResponseView,
    StrategyView,
)
from govpress.i18n import N_
from govpress.safe_output import is_safe_link

Statements = dict[tuple[int, str], str]
Intros = dict[int, str]
_TRAIL = {
    "actions": (N_("Actions"), urls.ACTIONS_INDEX),
    "organisations": (N_("Organisations"), urls.ORGANISATIONS_INDEX),
}
Gettext = Callable[[str], str]  # the site's interface language (govpress.i18n.gettext_for); str: English


def site_path(base_path: str, path: str) -> str:
    """A site path (``/digital/…``) under the site's base path (``/prefix/``); other links as they are."""
    return base_path.rstrip("/") + path if path.startswith("/") else path


def common(
    commitments: Commitments,
    layout: str,
    title: str,
    trail: tuple[str, ...] = (),
    base_path: str = "/",
    *,
    gettext: Gettext = str,
) -> Common:
    """The shared context; ``trail`` names the commitments pages between the strategy and this one.

    Breadcrumbs are read by the site's layout as they are, so they get the ``base_path`` here; every other link
    gets it in the templates (``href`` in ``_macros.html``).
    """
    strategy = commitments.strategy
    strategy_url = strategy.url if strategy and is_safe_link(strategy.url) else None
    crumbs = (
        [Breadcrumb(text=strategy.title, href=site_path(base_path, strategy_url))] if strategy and strategy_url else []
    )
    crumbs += [Breadcrumb(text=gettext(_TRAIL[name][0]), href=site_path(base_path, _TRAIL[name][1])) for name in trail]
    return Common(
        layout=layout,
        page_title=title,
        breadcrumbs=crumbs,
        strategy=StrategyView(title=strategy.title, url=strategy_url) if strategy else None,
        data_links=[
            Link(url=urls.DATA_JSON, text=gettext("All commitments as JSON")),
            Link(url=urls.DATA_CSV, text=gettext("All commitments as CSV (one row per response)")),
        ],
        matrix_url=urls.MATRIX,
        organisations_url=urls.ORGANISATIONS_INDEX,
        actions_url=urls.ACTIONS_INDEX,
    )


def action_view(commitments: Commitments, action: Action) -> ActionView:
    responses = commitments.responses_to(action.number)
    strategy = commitments.strategy
    return ActionView(
        number=action.number,
        code=action.code,
        title=action.title,
        heading=action.heading,
        short_title=action.short_title,
        principle=action.principle,
        url=urls.action_url(action.number),
        strategy_url=f"{strategy.url}#action-{action.code}" if strategy and is_safe_link(strategy.url) else None,
        responded=sum(r.status is Status.RESPONDED for r in responses),
        awaiting=sum(r.status is Status.AWAITING for r in responses),
    )


def organisation_view(commitments: Commitments, organisation: Organisation) -> OrganisationView:
    """The organisation as listed; a strategy address that is not a safe link is shown as text (its note)."""
    responses = commitments.responses_of(organisation.id)
    strategy_url, note = organisation.strategy_url, organisation.strategy_note
    if strategy_url is not None and not is_safe_link(strategy_url):
        strategy_url, note = None, note or organisation.strategy_url
    return OrganisationView(
        id=organisation.id,
        name=organisation.name,
        abbreviation=organisation.abbreviation,
        url=urls.organisation_url(organisation.id),
        strategy_url=strategy_url,
        strategy_note=note,
        responded=sum(r.status is Status.RESPONDED for r in responses),
        awaiting=sum(r.status is Status.AWAITING for r in responses),
    )


def response_view(commitments: Commitments, response: Response, statements: Statements) -> ResponseView:
    action = commitments.action(response.action)
    organisation = commitments.organisation(response.organisation)
    return ResponseView(
        anchor=urls.response_anchor(response.organisation),
        action=response.action,
        action_code=f"{response.action:02d}",
        action_title=action.heading if action else "",
        action_url=urls.action_url(response.action),
        organisation_id=response.organisation,
        organisation_name=organisation.name if organisation else response.organisation,
        organisation_url=urls.organisation_url(response.organisation),
        display_lines=list(organisation.display_lines) if organisation else [response.organisation],
        logo_class=organisation.logo_class if organisation else "logo-single",
        status=response.status.value,
        statement_html=statements[(response.action, response.organisation)],
        last_changed=response.last_changed[:10] if response.last_changed else None,
        history=[
            ChangeView(
                date=change.date[:10],
                summary=change.summary,
                status_before=change.status_before.value if change.status_before else None,
                status_after=change.status_after.value if change.status_after else None,
            )
            for change in response.history
        ],
    )


def action_page(
    commitments: Commitments,
    action: Action,
    statements: Statements,
    layout: str,
    base_path: str = "/",
    intro_html: str | None = None,
    *,
    gettext: Gettext = str,
) -> ActionPageContext:
    """The action page's context; ``intro_html``: the action's intro, rendered (and sanitised) with the statements."""
    numbers = [a.number for a in commitments.actions]
    index = numbers.index(action.number)
    return ActionPageContext(
        **common(
            commitments,
            layout,
            gettext("Action %(code)s: how organisations are responding") % {"code": action.code},
            ("actions",),
            base_path,
            gettext=gettext,
        ),
        action=action_view(commitments, action),
        intro_html=intro_html or None,
        previous_url=urls.action_url(numbers[index - 1]) if index > 0 else None,
        next_url=urls.action_url(numbers[index + 1]) if index + 1 < len(numbers) else None,
        responses=[response_view(commitments, r, statements) for r in commitments.responses_to(action.number)],
    )


def organisation_page(
    commitments: Commitments,
    organisation: Organisation,
    statements: Statements,
    layout: str,
    base_path: str = "/",
    *,
    gettext: Gettext = str,
) -> OrganisationPageContext:
    title = gettext("%(organisation)s: commitments") % {"organisation": organisation.name}
    return OrganisationPageContext(
        **common(commitments, layout, title, ("organisations",), base_path, gettext=gettext),
        organisation=organisation_view(commitments, organisation),
        responses=[response_view(commitments, r, statements) for r in commitments.responses_of(organisation.id)],
    )


def matrix_page(
    commitments: Commitments, layout: str, base_path: str = "/", *, gettext: Gettext = str
) -> MatrixPageContext:
    rows: list[MatrixRow] = []
    for organisation in commitments.organisations:
        cells: list[MatrixCell] = []
        for action in commitments.actions:
            response = commitments.response(action.number, organisation.id)
            cells.append(
                MatrixCell(
                    status=response.status.value if response else None,
                    url=urls.response_url(action.number, organisation.id) if response else None,
                )
            )
        rows.append(MatrixRow(organisation=organisation_view(commitments, organisation), cells=cells))
    return MatrixPageContext(
        **common(
            commitments, layout, gettext("Commitments: actions and organisations"), (), base_path, gettext=gettext
        ),
        actions=[action_view(commitments, a) for a in commitments.actions],
        rows=rows,
    )
