"""The request log: the last 500 platform calls, kept across restarts without a single secret.

Entries come from the client's ``CallRecord`` (bodies already redacted there) and are redacted a
second time here, field by field, before they are kept or written — a belt-and-braces check so a
regression in the client cannot leak a token into the file. Bodies stay ``LazyText``: they are
rendered when a row is opened or, for the file, on the worker thread, never on the GUI thread per
call. The file is JSON lines in the user's state folder; every disk operation runs on one worker
thread (``await``-able), so the GUI thread never waits for the disk and writes keep their order. The
file is appended to and compacted back to the newest ``limit`` lines once it holds twice as many.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import shlex
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.call_record import BodyTexts, CallRecord, LazyText
from aigc_desktop.platform.redaction import REDACTED, redact_json, redact_text
from aigc_desktop.services.private_files import make_private_dir, open_private

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 500
FILE_NAME = "request_log.jsonl"
TOKEN_PLACEHOLDER = "$AIGC_TOKEN"
REFRESH_TOKEN_PLACEHOLDER = "$AIGC_REFRESH_TOKEN"
SIGN_PLACEHOLDER = "$AIGC_SIGN"

# Fields that carry a secret in a request body; in curl their values become shell variables.
_BODY_PLACEHOLDERS = {"sign": SIGN_PLACEHOLDER, "appkey": "$AIGC_APP_KEY"}
# The documented paths: constants of the code, never secret, so never searched for secrets.
_DOCUMENTED_PATHS = frozenset(endpoint.path for endpoint in endpoints.ALL_ENDPOINTS)
# The endpoints that send a bearer token, and which one.
_BEARER = {
    endpoints.REFRESH.path: REFRESH_TOKEN_PLACEHOLDER,
    endpoints.LOGOUT.path: TOKEN_PLACEHOLDER,
    endpoints.ACCOUNT.path: TOKEN_PLACEHOLDER,
}


@dataclass(frozen=True, slots=True)
class LogEntry(BodyTexts):
    """One request-log row: what the pane shows and what the file stores (all redacted)."""

    time: str  # ISO 8601 with offset
    method: str
    path: str
    query: str
    http_status: int | None
    platform_code: int | None
    duration_ms: float
    request: LazyText  # the request body; ``request_body`` is its text
    response: LazyText
    error: str = ""
    attempts: int = 1
    base_url: str = ""
    profile: str = ""  # the active profile's name when the call was made
    request_headers: tuple[tuple[str, str], ...] = ()  # masked: a bearer token shows as $AIGC_TOKEN
    response_headers: tuple[tuple[str, str], ...] = ()
    # set by ``redacted()``: the store then keeps the entry as it is instead of redacting it again
    is_redacted: bool = field(default=False, compare=False, repr=False)

    @classmethod
    def from_record(cls, record: CallRecord, base_url: str = "", profile: str = "") -> LogEntry:
        """The entry of one call, redacted (in one step: this runs on the GUI thread for every call)."""
        return cls._redacted_from(
            time=record.time.isoformat(timespec="milliseconds"),
            method=record.method,
            path=record.path,
            query=record.query,
            http_status=record.http_status,
            platform_code=record.platform_code,
            duration_ms=record.duration_ms,
            request=record.request,
            response=record.response,
            error=record.error,
            attempts=record.attempts,
            base_url=base_url,
            profile=profile,
            request_headers=tuple(record.request_headers.items()),
            response_headers=tuple(record.response_headers.items()),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LogEntry:
        names = cls.__dataclass_fields__
        fields = {k: v for k, v in data.items() if k in names and k != "is_redacted"}
        for name in ("request", "response"):
            fields[name] = LazyText.of(str(data.get(f"{name}_body") or ""))
        for name in ("request_headers", "response_headers"):
            pairs = data.get(name)
            fields[name] = tuple((str(k), str(v)) for k, v in pairs) if isinstance(pairs, list) else ()
        return cls._redacted_from(**fields)

    def redacted(self) -> LogEntry:
        """A copy with every text field passed through the redaction helpers again (idempotent)."""
        if self.is_redacted:
            return self
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "is_redacted"}
        return self._redacted_from(**fields)

    @classmethod
    def _redacted_from(
        cls,
        *,
        path: str,
        query: str,
        request: LazyText,
        response: LazyText,
        error: str = "",
        base_url: str = "",
        profile: str = "",
        request_headers: tuple[tuple[str, str], ...] = (),
        response_headers: tuple[tuple[str, str], ...] = (),
        **plain: Any,
    ) -> LogEntry:
        """An entry with every text field redacted: the one place that does it (bodies when first read)."""
        return cls(
            path=path if path in _DOCUMENTED_PATHS else redact_text(path),  # constants: never secret
            query=redact_text(query),
            request=_redacted_body(request),
            response=_redacted_body(response),
            error=redact_text(error) if error else "",
            base_url=redact_text(base_url),
            profile=redact_text(profile),
            request_headers=_masked_headers(request_headers, _BEARER.get(path, TOKEN_PLACEHOLDER)),
            response_headers=_masked_headers(response_headers, TOKEN_PLACEHOLDER),
            is_redacted=True,
            **plain,
        )

    @property
    def when(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.time)
        except ValueError:
            return None

    def to_line(self) -> str:
        """The entry as one JSON line (renders the bodies: call it on the worker thread)."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields["request_body"] = fields.pop("request").text
        fields["response_body"] = fields.pop("response").text
        del fields["is_redacted"]
        return json.dumps(fields, ensure_ascii=False)

    def curl(self) -> str:
        """A ``curl`` command that repeats the call, with secrets as shell variables (never values)."""
        url = (self.base_url or "https://aigc.softsugar.com") + self.path
        if self.query:
            url += "?" + self.query
        parts = ["curl", "-X", self.method, shlex.quote(url)]
        bearer = _BEARER.get(self.path)
        if bearer:
            parts += ["-H", f'"Authorization: Bearer {bearer}"']
        if self.request_body and self.method != "GET":
            parts += ["-H", shlex.quote("Content-Type: application/json")]
            parts += ["--data", _quote_with_variables(_body_with_placeholders(self.request_body))]
        return " ".join(parts)


_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})


def _masked_headers(pairs: tuple[tuple[str, str], ...], bearer: str) -> tuple[tuple[str, str], ...]:
    """Header pairs safe to keep and show: a bearer token as the curl copy's shell variable, other
    credentials as ``REDACTED``, every other value redacted once more."""
    masked = []
    for name, value in pairs:
        lowered = name.lower()
        if lowered == "authorization" and value.startswith("Bearer "):
            value = f"Bearer {bearer}"
        elif lowered in _CREDENTIAL_HEADERS:
            value = REDACTED
        else:
            value = redact_text(value)
        masked.append((name, value))
    return tuple(masked)


def _redacted_body(body: LazyText) -> LazyText:
    """``body`` redacted once more, when first read."""
    return LazyText(lambda: _redact_body(body.text))


def _redact_body(text: str) -> str:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return redact_text(text)
    return json.dumps(redact_json(value), ensure_ascii=False)


def _body_with_placeholders(text: str) -> str:
    """The body with every secret field's (already masked) value replaced by its variable name."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return redact_text(text)

    def walk(item: Any) -> Any:
        if isinstance(item, dict):
            out: dict[str, Any] = {}
            for key, inner in item.items():
                name = str(key).casefold().replace("_", "").replace("-", "")
                out[key] = _BODY_PLACEHOLDERS[name] if name in _BODY_PLACEHOLDERS else walk(inner)
            return out
        if isinstance(item, list):
            return [walk(inner) for inner in item]
        return redact_json(item)

    return json.dumps(walk(value), ensure_ascii=False)


_VARIABLE = re.compile(r"\$AIGC_[A-Z_]+")


def _quote_with_variables(text: str) -> str:
    """Single-quote ``text`` for a POSIX shell but let ``$AIGC_*`` variables expand."""
    pieces: list[str] = []
    position = 0
    for match in _VARIABLE.finditer(text):
        if match.start() > position:
            pieces.append(shlex.quote(text[position : match.start()]))
        pieces.append(f'"{match.group(0)}"')
        position = match.end()
    if position < len(text):
        pieces.append(shlex.quote(text[position:]))
    return "".join(pieces) or "''"


def contains_secret(line: str) -> bool:
    """True when redaction would still change ``line`` — i.e. something secret-looking is unmasked."""
    return redact_text(line) != line


class RequestLogStore:
    """A bounded, ordered list of ``LogEntry`` mirrored to a JSON-lines file by one worker thread."""

    def __init__(self, path: Path | None, limit: int = DEFAULT_LIMIT) -> None:
        self.path = path
        self.limit = limit
        self._entries: deque[LogEntry] = deque(maxlen=limit)
        self._lines_on_disk = 0
        self._folder_private = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="request-log")

    @staticmethod
    def default_path() -> Path:
        import platformdirs  # only the app needs the real location

        return Path(platformdirs.user_state_dir("AIGC Desktop", appauthor=False)) / FILE_NAME

    def entries(self) -> list[LogEntry]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def _on_worker(self, fn: Any, *args: Any) -> asyncio.Future[Any]:
        """Queue ``fn`` on the worker *now* (not when a task first runs), so jobs keep their order."""
        return asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    async def load(self) -> list[LogEntry]:
        """Read the newest ``limit`` entries from disk (a broken line is skipped, not fatal)."""
        loaded: list[LogEntry] = await self._on_worker(self._read)
        self._entries.clear()
        self._entries.extend(loaded)
        return loaded

    def add(self, entry: LogEntry) -> asyncio.Future[None] | None:
        """Keep ``entry`` (newest last) and append it to the file in the background (needs a running loop)."""
        entry = entry.redacted()
        self._entries.append(entry)
        if self.path is None:
            return None
        return self._on_worker(self._append_entry, entry)

    async def export_to(self, path: Path, entries: list[LogEntry] | None = None) -> Path:
        """Write ``entries`` (default: every kept one, oldest first) to ``path`` as JSON lines, 0600, off the loop."""
        chosen = list(self._entries) if entries is None else [entry.redacted() for entry in entries]
        return await self._on_worker(self._export, path, chosen)  # type: ignore[no-any-return]

    @staticmethod
    def _export(path: Path, entries: list[LogEntry]) -> Path:
        with open_private(path, "w") as handle:
            handle.writelines(entry.to_line() + "\n" for entry in entries)
        return path

    async def clear(self) -> None:
        self._entries.clear()
        await self._on_worker(self._truncate)

    async def flush(self) -> None:
        """Wait for every queued write (used at shutdown and by tests)."""
        await self._on_worker(lambda: None)

    def close(self) -> None:
        self._worker.shutdown(wait=True)

    # --- worker thread -----------------------------------------------------------------------

    def _read(self) -> list[LogEntry]:
        if self.path is None or not self.path.is_file():
            return []
        entries: list[LogEntry] = []
        try:
            with self.path.open(encoding="utf-8") as handle:
                lines = handle.readlines()
        except OSError as exc:
            log.warning("cannot read the request log: %s", exc)
            return []
        self._lines_on_disk = len(lines)
        for line in lines[-self.limit :]:
            try:
                entries.append(LogEntry.from_json(json.loads(line)))
            except (ValueError, TypeError):
                continue
        return entries

    def _append_entry(self, entry: LogEntry) -> None:
        self._append(entry.to_line())  # the bodies are rendered here, off the loop's thread

    def _append(self, line: str) -> None:
        if self.path is None:
            return
        if contains_secret(line):  # never reached after .redacted(); refuse rather than leak
            log.error("request log entry refused: it still looked secret after redaction")
            line = json.dumps(
                {
                    "time": "",
                    "method": "",
                    "path": REDACTED,
                    "query": "",
                    "http_status": None,
                    "platform_code": None,
                    "duration_ms": 0,
                    "request_body": "",
                    "response_body": "",
                    "error": "entry withheld",
                }
            )
        try:
            if not self._folder_private:  # once per run: the folder is the app's own
                make_private_dir(self.path.parent)
                self._folder_private = True
            with open_private(self.path, "a") as handle:  # 0600: company, base URL, account numbers
                handle.write(line + "\n")
            self._lines_on_disk += 1
            if self._lines_on_disk >= 2 * self.limit:
                self._compact()
        except OSError as exc:
            log.warning("cannot write the request log: %s", exc)

    def _compact(self) -> None:
        assert self.path is not None
        with self.path.open(encoding="utf-8") as handle:
            lines = handle.readlines()[-self.limit :]
        temporary = self.path.with_suffix(".tmp")
        with open_private(temporary, "w") as handle:
            handle.writelines(lines)
        os.replace(temporary, self.path)
        self._lines_on_disk = len(lines)

    def _truncate(self) -> None:
        if self.path is not None and self.path.exists():
            try:
                open_private(self.path, "w").close()
            except OSError as exc:
                log.warning("cannot clear the request log: %s", exc)
        self._lines_on_disk = 0
