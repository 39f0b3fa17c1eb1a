"""Where photo bytes live: a small interface, and the filesystem implementation under the data
folder. Keys are content hashes, so a write of an existing key writes the same bytes."""

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Protocol


class PhotoStore(Protocol):
    async def put(self, key: str, data: bytes) -> None: ...

    async def get(self, key: str) -> bytes | None: ...

    async def exists(self, key: str) -> bool: ...


class FileStore:
    """``<root>/ab/cd/<key>``: two levels of fan-out keep directories small."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        if len(key) < 4 or not key.isalnum():  # a hash; never a path of the caller's choosing
            raise ValueError("not a storage key")
        return self.root / key[:2] / key[2:4] / key

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, self.path(key), data)

    async def get(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path(key).is_file)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        # Written beside, then renamed: a reader never sees half a photo, and two writers of
        # the same key both end with the whole file.
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
