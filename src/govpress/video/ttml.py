"""TTML (DFXP) caption files read, safely, into timed cues.

Grammar (namespaces ignored: the legacy ``http://www.w3.org/2006/10/ttaf1`` and W3C ``http://www.w3.org/ns/ttml``
alike; attributes by their local name)::

    tt       := <tt [xml:lang] [ttp:frameRate] [ttp:frameRateMultiplier] [ttp:tickRate]> head? body </tt>
    head     := <head> … (<ttm:agent xml:id=ID> (<ttm:name>NAME</ttm:name>)? </ttm:agent>)* … </head>
    body     := <body [begin]> (div | p)* </body>
    div      := <div [begin]> (div | p)* </div>           each div after the first starts a paragraph
    p        := <p [begin] [end | dur] [ttm:agent=ID]> (text | <br/> | span)* </p>    one cue
    span     := <span [ttm:agent=ID] [xml:space]> (text | <br/> | span)* </span>

Times (:mod:`govpress.video.timing`) count from the ``begin`` of the ``body`` and ``div`` around them. A cue with no
``end`` or ``dur``, or one that does not end after it begins, lasts until the next cue begins (the last one
:data:`LAST_CUE_MS`): no cue's text is ever left out for its timing. White space collapses to
one space (``xml:space="preserve"`` keeps line feeds as line breaks); ``<br/>`` is a line break. The speaker of a
cue is its ``ttm:agent`` (or that of its first span with one), named by the head's ``ttm:name``.

Safety: the file is UTF-8 text of at most :data:`MAX_BYTES`; a document type declaration (and so any entity
declaration: no entity expansion) is refused; elements nest at most :data:`MAX_DEPTH` deep. A file that is not
well-formed XML or not TTML raises :class:`GovpressError` at its line; a cue with a bad time is left out with a
warning at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from xml.parsers import expat

from govpress.problems import GovpressError, Problem
from govpress.textfile import read_text_file
from govpress.video.timing import Rates, TimeError, milliseconds, multiplier, rate

MAX_BYTES = 2_000_000
MAX_DEPTH = 64
LAST_CUE_MS = 5000


@dataclass
class Node:
    """An element: its local name, attributes by local name, children (text or elements) and line."""

    name: str
    attributes: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> list[Node]:
        return [child for child in self.children if isinstance(child, Node)]


@dataclass(frozen=True)
class Cue:
    """One caption: milliseconds from the start, its lines, who speaks, whether a new paragraph starts here."""

    start: int
    end: int
    lines: tuple[str, ...]
    speaker: str | None = None
    paragraph: bool = False
    line: int | None = None


@dataclass(frozen=True)
class Captions:
    """A caption file's cues (in document order), its language (``xml:lang``) and the warnings about it."""

    path: Path
    cues: tuple[Cue, ...]
    language: str | None = None
    problems: tuple[Problem, ...] = ()


def read_captions(path: Path) -> Captions:
    """The cues of the TTML file ``path``; :class:`GovpressError` (located) when it cannot be read as TTML."""
    root = parse_xml(read_text_file(path, what="caption file", max_bytes=MAX_BYTES), path)
    return captions_of(root, path)


def parse_xml(text: str, path: Path) -> Node:
    """The element tree of ``text`` (no DTD, at most :data:`MAX_DEPTH` deep); :class:`GovpressError` at the line of
    the first problem."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    stack: list[Node] = []
    found: list[Node] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        node = Node(_local(name), {_local(k): v for k, v in attributes.items()}, parser.CurrentLineNumber)
        if len(stack) >= MAX_DEPTH:
            raise GovpressError(Problem.error(f"elements nest more than {MAX_DEPTH} deep", path, node.line))
        (stack[-1].children if stack else found).append(node)
        stack.append(node)

    def refuse(*_: object) -> None:
        message = "caption file has a document type declaration: refused (TTML needs none; it could declare entities)"
        raise GovpressError(Problem.error(message, path, parser.CurrentLineNumber))

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop()
    parser.CharacterDataHandler = lambda data: stack[-1].children.append(data) if stack else None
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        message = f"caption file is not well-formed XML: {expat.ErrorString(error.code)}"
        raise GovpressError(Problem.error(message, path, error.lineno, error.offset + 1)) from None
    return found[0]


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def captions_of(root: Node, path: Path) -> Captions:
    """The cues of a parsed TTML document."""
    if root.name != "tt":
        raise GovpressError(Problem.error(f"caption file is not TTML: its root element is <{root.name}>", path, 1))
    try:
        frame_rate = rate(root.attributes.get("frameRate"), Fraction(30))
        rates = Rates(frame_rate * multiplier(root.attributes.get("frameRateMultiplier")))
        rates = Rates(rates.frame_rate, rate(root.attributes.get("tickRate"), Fraction(1)))
    except TimeError as error:
        raise GovpressError(Problem.error(f"caption file: {error}", path, root.line)) from None
    reader = _CueReader(path, rates, _agents(root))
    for body in (n for n in root.elements() if n.name == "body"):
        reader.read_container(body, 0)
    return Captions(path, reader.finished(), root.attributes.get("lang") or None, tuple(reader.problems))


def _agents(root: Node) -> dict[str, str]:
    """The speakers the head declares: ``ttm:agent`` id → its ``ttm:name`` (else the id)."""
    agents: dict[str, str] = {}
    for head in (n for n in root.elements() if n.name == "head"):
        for agent in _descendants(head, "agent"):
            names = [" ".join(_text(n).split()) for n in agent.elements() if n.name == "name"]
            if "id" in agent.attributes:
                agents[agent.attributes["id"]] = next((n for n in names if n), agent.attributes["id"])
    return agents


def _descendants(node: Node, name: str) -> list[Node]:
    found = [child for child in node.elements() if child.name == name]
    for child in node.elements():
        found += _descendants(child, name)
    return found


def _text(node: Node) -> str:
    return "".join(child if isinstance(child, str) else _text(child) for child in node.children)


@dataclass
class _Pending:
    start: int
    end: int | None
    lines: tuple[str, ...]
    speaker: str | None
    paragraph: bool
    line: int


class _CueReader:
    """Collects the cues of the body's divs and paragraphs, in document order."""

    def __init__(self, path: Path, rates: Rates, agents: dict[str, str]) -> None:
        self.path, self.rates, self.agents = path, rates, agents
        self.pending: list[_Pending] = []
        self.problems: list[Problem] = []
        self.new_paragraph = False

    def read_container(self, container: Node, offset: int) -> None:
        begin = self._time(container, "begin")
        if begin is None and "begin" in container.attributes:
            return
        offset += begin or 0
        for child in container.elements():
            if child.name == "div":
                self.new_paragraph = bool(self.pending)
                self.read_container(child, offset)
                self.new_paragraph = bool(self.pending)
            elif child.name == "p":
                self._read_cue(child, offset)

    def _read_cue(self, p: Node, offset: int) -> None:
        times = [self._time(p, name) for name in ("begin", "end", "dur")]
        if any(t is None and name in p.attributes for t, name in zip(times, ("begin", "end", "dur"), strict=True)):
            return
        begin, end, duration = times
        lines = _lines(p, p.attributes.get("space") == "preserve")
        if not lines:
            return
        start = offset + (begin or 0)
        stop = offset + end if end is not None else (start + duration if duration is not None else None)
        speaker = self._speaker(p)
        self.pending.append(_Pending(start, stop, lines, speaker, self.new_paragraph, p.line))
        self.new_paragraph = False

    def _time(self, node: Node, name: str) -> int | None:
        if name not in node.attributes:
            return None
        try:
            return milliseconds(node.attributes[name], self.rates)
        except TimeError as error:
            self.problems.append(Problem.warning(f"<{node.name} {name}=…>: {error}: left out", self.path, node.line))
            return None

    def _speaker(self, p: Node) -> str | None:
        agent = p.attributes.get("agent") or next(
            (s.attributes["agent"] for s in _descendants(p, "span") if s.attributes.get("agent")), None
        )
        return self.agents.get(agent, agent) if agent else None

    def finished(self) -> tuple[Cue, ...]:
        """The cues, every one kept: a cue with no end, or one ending as it begins (whole-second timings round a
        short cue to that), lasts until the next cue begins; one ending before it begins too, with a warning."""
        cues: list[Cue] = []
        for index, cue in enumerate(self.pending):
            end = cue.end
            if end is not None and end < cue.start:
                message = "cue ends before it begins: shown until the next cue begins"
                self.problems.append(Problem.warning(message, self.path, cue.line))
            if end is None or end <= cue.start:
                following = self.pending[index + 1].start if index + 1 < len(self.pending) else None
                end = following if following is not None and following > cue.start else cue.start + LAST_CUE_MS
            cues.append(Cue(cue.start, end, cue.lines, cue.speaker, cue.paragraph, cue.line))
        return tuple(cues)


def _lines(node: Node, preserve: bool) -> tuple[str, ...]:
    """The text of a cue as lines: ``<br/>`` (and, preserved, a line feed) breaks; white space collapses."""
    raw: list[str] = [""]
    _collect(node, preserve, raw)
    return tuple(line for line in (" ".join(part.split()) for part in raw) if line)


def _collect(node: Node, preserve: bool, raw: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            pieces = child.split("\n") if preserve else [child]
            raw[-1] += pieces[0]
            raw.extend(pieces[1:])
        elif child.name == "br":
            raw.append("")
        elif child.name == "span":
            space = child.attributes.get("space")
            _collect(child, preserve if space is None else space == "preserve", raw)
