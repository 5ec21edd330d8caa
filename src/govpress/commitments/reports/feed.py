"""The reports' Atom feed: reproducible, every date taken from the data (never the build time)."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent, tostring

from govpress.commitments.reports.model import Report, Reports

ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(reports: Reports, title: str, feed_url: str, page_url: str) -> str:
    """An Atom document listing the reports, newest first; ``updated`` is the newest report's date."""
    feed = Element("feed", {"xmlns": ATOM})
    SubElement(feed, "title").text = title
    SubElement(feed, "id").text = _absolute(reports, feed_url)
    SubElement(feed, "link", {"rel": "self", "href": _link(reports, feed_url)})
    SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": _link(reports, page_url)})
    SubElement(feed, "updated").text = (
        _timestamp(reports.reports[0].date) if reports.reports else "1970-01-01T00:00:00Z"
    )
    SubElement(SubElement(feed, "author"), "name").text = title
    for report in reports.reports:
        _entry(feed, reports, report)
    indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="unicode") + "\n"


def _entry(feed: Element, reports: Reports, report: Report) -> None:
    entry = SubElement(feed, "entry")
    SubElement(entry, "title").text = report.title
    SubElement(entry, "id").text = _absolute(reports, report.url)
    SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": _link(reports, report.url)})
    SubElement(entry, "updated").text = _timestamp(report.date)
    SubElement(entry, "published").text = _timestamp(report.date)
    if report.summary:
        SubElement(entry, "summary").text = report.summary


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _link(reports: Reports, path: str) -> str:
    """``path`` joined to the data's ``base_url`` (left as it is when there is none)."""
    if "://" in path or not reports.base_url:
        return path
    return reports.base_url.rstrip("/") + "/" + path.lstrip("/")


def _absolute(reports: Reports, path: str) -> str:
    """An id: the absolute link, or a ``tag:`` URI made of the path when there is no ``base_url``."""
    link = _link(reports, path)
    return link if "://" in link else f"tag:govpress,2012:{path}"
