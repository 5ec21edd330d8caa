"""pagefind's indexing service: pages go in in the order given, the index comes back whole in an answer (pagefind
writes no file).

``pagefind_extended --service`` reads requests on its standard input and answers on its standard output, each a JSON
object in base64 followed by a comma (the protocol of pagefind's own Python API, whose client is asynchronous, waits
0.1 s between reads and stops the service as soon as it has answered). Here a shard's pages are sent at once and the
answers read in order, tens at a time (:meth:`Service.ask_all`), against one deadline for the run: pagefind reads its
input on a thread of its own and handles the requests one after another, in order (so the index numbers the pages in
the order sent). A ``GetFiles`` answer holds every file of the index (its contents in base64).

Why not the command over a folder of pages: pagefind numbers pages in the order it lists the folder, which is the file
system's (ext4 lists by a hash of the names seeded per file system), so the same pages gave other bytes on another
file system; and a shard's few hundred small files cost a second on a busy disk.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import select
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, cast

from govpress.problems import GovpressError, Problem

Json = dict[str, object]
READ = 1 << 16
PAUSE = 0.02  # seconds after a short read that brought answers, while more are to come (Service._answers)


class Service:
    """One pagefind service process (``executable --service``, with ``environment``), for at most ``timeout``
    seconds; use as a context manager (the process is ended on leaving)."""

    def __init__(self, executable: Path, environment: Mapping[str, str], timeout: float) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed on leaving
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                env=dict(environment),
            )
        except OSError as error:
            self._errors.close()
            raise _failed(f"{error}") from None
        self._deadline = time.monotonic() + timeout
        self._received = b""
        self._sent = 0

    def ask(self, payload: Json) -> Json:
        """Send ``payload`` and return the answer's payload (:class:`GovpressError` for an error, a broken pipe, an
        answer that is not one, or the deadline passed)."""
        return self.ask_all([payload])[0]

    def ask_all(self, payloads: Iterable[Json]) -> list[Json]:
        """Send every one of ``payloads``, then return their answers' payloads, in order (pagefind reads its input
        on a thread of its own and handles one request after another, answering in order: sending them all before
        reading saves a round trip a page, and cannot block either side)."""
        stdin = cast(IO[bytes], self._process.stdin)
        first = self._sent + 1
        try:
            for payload in payloads:
                self._sent += 1
                message = json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")
                stdin.write(base64.b64encode(message) + b",")
            stdin.flush()
        except OSError as error:
            raise self._broken(f"it stopped reading ({error})") from None
        return self._answers(first, self._sent)

    def _answers(self, first: int, last: int) -> list[Json]:
        """The payloads of the answers to messages ``first`` to ``last``, in order, each checked as soon as it is read
        (an error stops the run at once). They are read in as few wake-ups as pagefind's pace allows: after a short
        read that brought answers while more are to come, this thread sleeps :data:`PAUSE`, so that the answers to a
        shard's pages (about one a millisecond) come in tens at a time; a big answer (the index's files) is read at
        the pipe's pace, its pieces joined once a piece brings its end. Each wake-up waits for the interpreter
        lock, which the thread laying out the site holds for up to its switch interval (5 ms): waking once an answer
        made a shard of 316 pages take 1.8 s instead of 0.5 s while the build laid out the rest."""
        stdout = cast(IO[bytes], self._process.stdout)
        answers: list[Json] = []
        pieces, number, drained = [self._received], first, False
        while True:
            *complete, rest = b"".join(pieces).split(b",", last - number + 1)
            for message in complete:
                answers.append(self._answered(number, message))
                number += 1
            if number > last:
                self._received = rest
                return answers
            pieces = [rest]  # joined again only once a piece brings a comma: a big answer comes in many pieces
            while b"," not in pieces[-1] or len(pieces) == 1:
                if drained:
                    time.sleep(max(min(PAUSE, self._deadline - time.monotonic()), 0))
                left = self._deadline - time.monotonic()
                if left <= 0 or not select.select([stdout], [], [], left)[0]:
                    raise self._broken("no answer in time")
                chunk = os.read(stdout.fileno(), READ)
                if not chunk:
                    raise self._broken("it stopped")
                pieces.append(chunk)
                drained = len(chunk) < READ and b"," in chunk  # answers coming one by one: let some gather

    def _answered(self, number: int, message: bytes) -> Json:
        try:
            answer = json.loads(base64.b64decode(message, validate=True))
        except (binascii.Error, ValueError) as error:
            raise self._broken(f"an answer that is not base64 JSON ({error})") from None
        if not isinstance(answer, dict):
            raise self._broken("an answer that is not an object")
        found = answer.get("payload")
        if not isinstance(found, dict):
            raise self._broken("an answer without a payload")
        if found.get("type") == "Error":
            raise _failed(str(found.get("message", "an error")))
        if answer.get("message_id") != number:
            raise self._broken(f"an answer to message {answer.get('message_id')!r}, not {number}")
        return cast(Json, found)

    def _broken(self, what: str) -> GovpressError:
        self._process.kill()
        self._process.wait()
        self._errors.seek(0)
        said = " ".join(self._errors.read()[-2000:].decode("utf-8", "replace").split())[-500:]
        return _failed(f"{what}{': ' + said if said else ''}")

    def __enter__(self) -> Service:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        try:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.wait(timeout=max(self._deadline - time.monotonic(), 1))
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._errors.close()


def _failed(what: str) -> GovpressError:
    return GovpressError(Problem.error(f"pagefind could not index the site: {what}"))


def index_files(answer: Json) -> dict[str, bytes]:
    """The files of a ``GetFiles`` answer, by their path in the index (:class:`GovpressError` when it has another
    shape)."""
    files = answer.get("files")
    found: dict[str, bytes] = {}
    if not isinstance(files, list):
        raise _failed("an index without files")
    for file in files:
        path, content = (file.get("path"), file.get("content")) if isinstance(file, dict) else (None, None)
        if not isinstance(path, str) or not isinstance(content, str):
            raise _failed("a file of the index without its path or content")
        try:
            found[path] = base64.b64decode(content, validate=True)
        except binascii.Error as error:
            raise _failed(f"a file of the index that is not base64 ({error})") from None
    return found
