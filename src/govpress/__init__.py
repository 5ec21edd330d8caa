"""govpress: publish a digital strategy in the open.

Three parts: publications (the legacy Markdown dialect compiled into an accessible static site),
commitments (actions x organisations responses as data) and service performance (management
information on transactional services).
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govpress.render import (
        Heading,
        RenderResult,
        StrategyLink,
        document_timestamp,
        last_action_number,
        render_document,
        render_html_includes,
        render_markdown,
    )

__all__ = [
    "Heading",
    "RenderResult",
    "StrategyLink",
    "__version__",
    "document_timestamp",
    "last_action_number",
    "render_document",
    "render_html_includes",
    "render_markdown",
]


def __getattr__(name: str) -> Any:
    """The render API, imported on first use: ``import govpress`` (and so every command's start-up) stays light."""
    if name in __all__ and name != "__version__":
        from govpress import render

        return getattr(render, name)
    raise AttributeError(f"module 'govpress' has no attribute {name!r}")
