"""pagefind's service as the index drives it: a service that stops, answers nonsense, reports an error or says
nothing is a located error naming pagefind, never a traceback nor a hang; and pages given in the same order make the
same index, whatever file system the build's temporary folders are on."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path, PurePosixPath

import pytest

from govpress.problems import GovpressError
from govpress.search import index as index_module
from govpress.search.pagefind_service import Service, index_files

ANSWERS = {
    "stops": "import sys; sys.stdin.buffer.read(1); sys.exit(3)",
    "nonsense": "import sys; sys.stdin.buffer.read(1); sys.stdout.buffer.write(b'not base64!,'); sys.stdout.flush()",
    "error": (
        "import base64, json, sys; sys.stdin.buffer.read(1); "
        "answer = {'message_id': None, 'payload': {'type': 'Error', 'message': 'unknown variant'}}; "
        "sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b','); sys.stdout.flush(); "
        "sys.stdin.buffer.read()"
    ),
    "silent": "import sys, time; sys.stdin.buffer.read(1); time.sleep(30)",
    "paced": (  # answers each message a millisecond after the last, as pagefind answers a shard's pages
        "import base64, json, sys, time\n"
        "data = b''\n"
        "while data.count(b',') < 50: data += sys.stdin.buffer.read1(65536)\n"
        "for message in data.split(b',')[:50]:\n"
        "    number = json.loads(base64.b64decode(message))['message_id']\n"
        "    answer = {'message_id': number, 'payload': {'type': 'IndexedFile', 'n': number}}\n"
        "    sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b','); sys.stdout.flush()\n"
        "    time.sleep(0.001)\n"
        "sys.stdin.buffer.read()"
    ),
    "big": (  # one answer of about 2 MB, written 4 KB at a time
        "import base64, json, sys\n"
        "sys.stdin.buffer.read1(65536)\n"
        "content = base64.b64encode(bytes(range(256)) * 6000).decode()\n"
        "answer = {'message_id': 1, 'payload': {'type': 'GetFiles', 'files': [{'path': 'a', 'content': content}]}}\n"
        "data = base64.b64encode(json.dumps(answer).encode()) + b','\n"
        "for start in range(0, len(data), 4096):\n"
        "    sys.stdout.buffer.write(data[start : start + 4096]); sys.stdout.flush()\n"
        "sys.stdin.buffer.read()"
    ),
    "error_then_silent": (
        "import base64, json, sys, time\n"
        "data = b''\n"
        "while data.count(b',') < 3: data += sys.stdin.buffer.read1(65536)\n"
        "ok = {'message_id': 1, 'payload': {'type': 'IndexedFile'}}\n"
        "error = {'message_id': 2, 'payload': {'type': 'Error', 'message': 'a page it could not read'}}\n"
        "for answer in (ok, error):\n"
        "    sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b','); sys.stdout.flush()\n"
        "sys.stdin.buffer.read()  # no third answer: it ends once its input is closed"
    ),
}


def _fake(tmp_path: Path, behaviour: str) -> Path:
    script = tmp_path / "pagefind"
    script.write_text(f"#!{sys.executable}\n{ANSWERS[behaviour]}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(
    ("behaviour", "said"),
    [("stops", "it stopped"), ("nonsense", "not base64 JSON"), ("error", "unknown variant"), ("silent", "in time")],
)
def test_a_service_that_misbehaves_is_a_located_error(tmp_path: Path, behaviour: str, said: str) -> None:
    with (
        pytest.raises(GovpressError, match=f"pagefind could not index the site: .*{said}"),
        Service(_fake(tmp_path, behaviour), {}, timeout=1.5) as service,
    ):
        service.ask({"type": "NewIndex", "config": None})


def test_a_shard_s_answers_are_read_tens_at_a_time_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[int] = []
    real_read = os.read

    def counted(fd: int, size: int) -> bytes:
        reads.append(fd)
        return real_read(fd, size)

    with Service(_fake(tmp_path, "paced"), {}, timeout=30) as service:
        monkeypatch.setattr(os, "read", counted)
        answers = service.ask_all({"type": "AddFile", "n": n} for n in range(50))
        monkeypatch.undo()
    assert [answer["n"] for answer in answers] == list(range(1, 51))
    assert len(reads) <= 20  # 50 answers a millisecond apart: woken once an answer, it read about 50 times


def test_a_big_answer_in_many_pieces_comes_back_whole(tmp_path: Path) -> None:
    with Service(_fake(tmp_path, "big"), {}, timeout=30) as service:
        answer = service.ask({"type": "GetFiles", "index_id": 1})
    assert index_files(answer) == {"a": bytes(range(256)) * 6000}


def test_an_error_answer_stops_the_run_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    with (
        pytest.raises(GovpressError, match="pagefind could not index the site: a page it could not read"),
        Service(_fake(tmp_path, "error_then_silent"), {}, timeout=20) as service,
    ):
        service.ask_all({"type": "AddFile"} for _ in range(3))
    assert time.monotonic() - started < 15  # not at the deadline, waiting for the third answer


def test_an_answer_whose_files_are_not_files_is_an_error() -> None:
    with pytest.raises(GovpressError, match="without its path or content"):
        index_files({"type": "GetFiles", "files": [{"path": "a"}]})
    assert index_files({"type": "GetFiles", "files": [{"path": "a", "content": "YWI="}]}) == {"a": b"ab"}


def test_the_same_pages_in_the_same_order_make_the_same_index() -> None:
    page = '<html lang="en"><body><main data-pagefind-body><h1>{0}</h1><p>Words about {0}.</p></main></body></html>'
    pages = [(f"p{n}/index.html", page.format(f"page {n}").encode()) for n in range(12)]
    made = [index_module._run(pages, True, "en-GB") for _ in ("one", "two")]
    assert index_module._page_count(made[0]) == 12
    assert made[0] == made[1]
    assert not any(PurePosixPath(name).name.startswith(index_module.UI_FILES) for name in made[0])
    assert any(name.startswith(index_module.ENGINE_FILES) for name in made[0])  # the primary shard's engine
    others = index_module._run(pages, False, "en-GB")
    assert others == {name: data for name, data in made[0].items() if not name.startswith(index_module.ENGINE_FILES)}
