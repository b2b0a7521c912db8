"""Reading a multipart upload into memory, with a limit per file, before anything is checked.

Starlette's own ``request.form()`` spools a large file to a temporary file on disk; the page
promises that nothing uploaded is written to disk or kept, so the body is parsed here with
python-multipart's streaming parser and each part is held in memory only. A part over the limit
stops the parse at once (the rest of the body is not read), so an oversized upload costs at
most the limit in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header

# Form fields other than files (profile, as_of, lang, the pasted text) are short; the pasted
# text is held to the file limit like a file.
MAX_PARTS = 50
# All parts together: a request of many files each under the limit is held to this many limits.
TOTAL_LIMITS = 5


class UploadTooLarge(Exception):
    """A part of the upload is over the limit. ``name`` is its file name (or field name),
    ``limit`` the limit in bytes."""

    def __init__(self, name: str, limit: int, total: bool = False):
        super().__init__(name)
        self.name = name
        self.limit = limit
        self.total = total  # True: the whole upload is over TOTAL_LIMITS × limit


class BadUpload(Exception):
    """The request is no multipart form this page sent (wrong type, no boundary, too many parts)."""


@dataclass
class Upload:
    """One uploaded file: its name as the browser sent it (no folders) and its bytes."""

    name: str
    data: bytes


@dataclass
class Form:
    """The parsed form: files in the order sent, and the last value of each text field."""

    files: list[Upload] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


class _Collector:
    """python-multipart callbacks that collect parts in memory and enforce the limit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.form = Form()
        self.parts = 0
        self.received = 0
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._buf = bytearray()

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self._begin,
            "on_header_field": lambda d, s, e: self._add("_header_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._add("_header_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _add(self, attr: str, chunk: bytes) -> None:
        setattr(self, attr, getattr(self, attr) + chunk)

    def _begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise BadUpload(f"too many parts (at most {MAX_PARTS})")
        self._headers, self._buf = {}, bytearray()

    def _header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def _disposition(self) -> tuple[str, str | None]:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        return name, None if filename is None else filename.decode("utf-8", "replace")

    def _data(self, data: bytes, start: int, end: int) -> None:
        self._buf += data[start:end]
        self.received += end - start
        if len(self._buf) > self.limit or self.received > TOTAL_LIMITS * self.limit:
            name, filename = self._disposition()
            total = len(self._buf) <= self.limit
            raise UploadTooLarge(filename or name, TOTAL_LIMITS * self.limit if total else self.limit, total)

    def _end(self) -> None:
        name, filename = self._disposition()
        if filename is not None:
            if filename or self._buf:  # an empty file input sends a part with no name and no bytes
                self.form.files.append(Upload(_base_name(filename), bytes(self._buf)))
        else:
            self.form.fields[name] = self._buf.decode("utf-8", "replace")
        self._buf = bytearray()


def _base_name(filename: str) -> str:
    # Old browsers send the whole client path (C:\\Users\\…\\表.xlsx); only the name is shown.
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"


async def read_form(request, limit: int) -> Form:
    """Parse ``request``'s multipart body into memory. Raises UploadTooLarge when a part is
    over ``limit`` bytes or all parts together over TOTAL_LIMITS × ``limit``, BadUpload when
    the body is no multipart form."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise BadUpload("expected multipart/form-data with a boundary")
    collector = _Collector(limit)
    parser = MultipartParser(boundary, collector.callbacks())
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except (UploadTooLarge, BadUpload):
        raise
    except Exception as exc:  # python-multipart's MultipartParseError and kin: a broken body
        raise BadUpload(f"the multipart body could not be parsed ({exc})") from None
    return collector.form
