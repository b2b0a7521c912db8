"""The in-memory multipart reader of checker serve (checker/web/upload.py): whatever the file
names and bytes and however the body is cut into chunks, each file comes back whole, and a
part over the limit is refused (property tests)."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("python_multipart", reason="checker[web] is not installed (pip install -e '.[web]')")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from checker.web.upload import BadUpload, UploadTooLarge, read_form  # noqa: E402

BOUNDARY = "----checkerBoundary7MA4YWxk"


class _Request:
    """What read_form uses of a Starlette request: headers and an async body stream."""

    def __init__(self, body: bytes, cuts: list[int], content_type: str | None = None):
        self.headers = {"content-type": content_type or f"multipart/form-data; boundary={BOUNDARY}"}
        self._chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)])]

    async def stream(self):
        for chunk in self._chunks:
            yield chunk


def _body(files: list[tuple[str, bytes]], fields: dict[str, str]) -> bytes:
    out = b""
    for name, value in fields.items():
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").encode() + \
            value.encode() + b"\r\n"
    for filename, data in files:
        quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{quoted}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


def _read(body: bytes, cuts: list[int], limit: int, content_type: str | None = None):
    return asyncio.run(read_form(_Request(body, cuts, content_type), limit))


names = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"\\/'),
                min_size=1, max_size=20)
contents = st.binary(max_size=3000)


@settings(max_examples=60, deadline=None)
@given(files=st.lists(st.tuples(names, contents), min_size=1, max_size=4),
       text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200), data=st.data())
def test_every_file_comes_back_whole_however_the_body_is_cut(files, text, data):
    body = _body(files, {"lang": "en", "text": text})
    cuts = sorted(set(data.draw(st.lists(st.integers(1, max(1, len(body) - 1)), max_size=8))))
    form = _read(body, cuts, limit=4000)
    assert [(u.name, u.data) for u in form.files] == files
    assert form.fields == {"lang": "en", "text": text}


@settings(max_examples=40, deadline=None)
@given(size=st.integers(1, 5000), limit=st.integers(1, 5000), data=st.data())
def test_a_part_over_the_limit_is_refused_naming_it(size, limit, data):
    body = _body([("表.xlsx", b"\x00" * size)], {})
    cuts = sorted(set(data.draw(st.lists(st.integers(1, len(body) - 1), max_size=5))))
    if size <= limit:
        assert len(_read(body, cuts, limit).files[0].data) == size
    else:
        with pytest.raises(UploadTooLarge) as exc:
            _read(body, cuts, limit)
        assert exc.value.name == "表.xlsx" and exc.value.limit == limit


def test_many_files_under_the_limit_are_held_to_five_limits_together():
    body = _body([(f"表{k}.txt", b"x" * 90) for k in range(6)], {})
    with pytest.raises(UploadTooLarge) as exc:
        _read(body, [], 100)
    assert exc.value.total and exc.value.limit == 500 and exc.value.name == "表5.txt"
    assert len(_read(body, [], 120).files) == 6


def test_client_paths_keep_only_the_file_name():
    form = _read(_body([("C:\\Users\\会计\\绩效目标表.xlsx", b"x")], {}), [], 100)
    assert form.files[0].name == "绩效目标表.xlsx"


@pytest.mark.parametrize("content_type,body", [
    ("application/json", b"{}"),
    ("multipart/form-data", b"--x\r\n"),  # no boundary
    (f"multipart/form-data; boundary={BOUNDARY}", b"garbage without any boundary line"),
])
def test_no_multipart_form_is_a_bad_upload(content_type, body):
    with pytest.raises(BadUpload):
        _read(body, [], 100, content_type)
