"""The answer engine's plan pieces kept as files, so a new process (`nhacviec ask`) reads only plans it has
not seen: one file per plan (a JSON header naming each array's type and length, then the arrays' bytes; no
pickles), written atomically, named by a digest of the plan's text and of the code that reads it. Derived
data: deleting the folder only costs one slower start."""

from __future__ import annotations

import contextlib
import json
import os
import struct
import tempfile
from pathlib import Path

import numpy as np

from .readonly import sqlite_file


class DirectoryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, digest: str) -> dict[str, np.ndarray] | None:
        try:
            data = (self.folder / f"{digest}.piece").read_bytes()
            (size,) = struct.unpack_from("<I", data)
            header = json.loads(data[4 : 4 + size])
            offset = 4 + size
            state = {}
            for name, dtype, count in header:
                array = np.frombuffer(data, dtype=np.dtype(dtype), count=count, offset=offset)
                state[name] = array
                offset += array.nbytes
            return state
        except (OSError, ValueError, TypeError, struct.error):
            return None

    def save(self, digest: str, state: dict[str, np.ndarray]) -> None:
        arrays = [(name, np.ascontiguousarray(a)) for name, a in state.items()]
        header = json.dumps([[name, a.dtype.str, int(a.size)] for name, a in arrays]).encode()
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as f:
                    f.write(struct.pack("<I", len(header)) + header)
                    for _, a in arrays:
                        f.write(a.tobytes())
                os.replace(temporary, self.folder / f"{digest}.piece")
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)

    def prune(self, keep: set[str]) -> None:
        """Remove pieces of plans no longer stored (only when they have piled up)."""
        with contextlib.suppress(OSError):
            files = list(self.folder.glob("*.piece"))
            if len(files) <= 2 * len(keep) + 20:
                return
            for path in files:
                if path.stem not in keep:
                    with contextlib.suppress(OSError):
                        path.unlink()


def store_for(database_url: str, folder: str | Path | None = None) -> DirectoryStore | None:
    """Where this database's pieces are kept: `folder` when set (INDEX_CACHE_DIR; any database), else beside a
    SQLite file (`data/nhacviec.db` -> `data/index-cache/`); none for other databases without a folder, whose
    long-running processes keep their pieces in memory. Pieces are named by the plan's text, so a folder
    shared by several databases only holds more files."""
    if folder:
        return DirectoryStore(Path(folder))
    path = sqlite_file(database_url)
    return DirectoryStore(path.parent / "index-cache") if path is not None else None
