"""What lets us delete a delivered comment (Isso's signed cookie), kept in a 0600 file.

They are credentials: never printed, never in the queue export, and the file is private.
Losing this file costs only the ability to withdraw from the server, so a damaged one is read
as empty rather than stopping delivery.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

CREDENTIALS_FILE_NAME = "server-credentials.json"


@dataclass(frozen=True)
class Credential:
    value: str = field(repr=False)
    expires: float | None

    def usable(self, now: float | None = None) -> bool:
        return self.expires is None or (now or time.time()) < self.expires


class CredentialStore:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / CREDENTIALS_FILE_NAME

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, comment_id: str) -> Credential | None:
        entry = self._read().get(comment_id)
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str):
            return None
        expires = entry.get("expires")
        return Credential(
            str(entry["value"]), float(expires) if isinstance(expires, int | float) else None
        )

    def put(self, comment_id: str, credential: Credential) -> None:
        entries = self._read()
        entries[comment_id] = {"value": credential.value, "expires": credential.expires}
        self._write(entries)

    def forget(self, comment_id: str) -> None:
        entries = self._read()
        if entries.pop(comment_id, None) is not None:
            self._write(entries)

    def _write(self, entries: dict[str, dict[str, object]]) -> None:
        # Written beside and renamed over, so a crash leaves the old file or the new one.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(entries, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
