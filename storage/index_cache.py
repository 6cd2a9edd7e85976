"""The answer engine's plan pieces kept as files, so a new process (`nhacviec ask`) reads only plans it has
not seen: one `.npz` per plan (arrays only, no pickles), written atomically, named by a digest of the plan's
text and of the code that reads it. Derived data: deleting the folder only costs one slower start."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import numpy as np

from .readonly import sqlite_file


class DirectoryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, digest: str) -> dict[str, np.ndarray] | None:
        path = self.folder / f"{digest}.npz"
        try:
            with np.load(path, allow_pickle=False) as data:
                return {name: data[name] for name in data.files}
        except (OSError, ValueError, EOFError):
            return None

    def save(self, digest: str, state: dict[str, np.ndarray]) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as f:
                    np.savez(f, **state)
                os.replace(temporary, self.folder / f"{digest}.npz")
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)

    def prune(self, keep: set[str]) -> None:
        """Remove pieces of plans no longer stored (only when they have piled up)."""
        with contextlib.suppress(OSError):
            files = list(self.folder.glob("*.npz"))
            if len(files) <= 2 * len(keep) + 20:
                return
            for path in files:
                if path.stem not in keep:
                    with contextlib.suppress(OSError):
                        path.unlink()


def store_for(database_url: str) -> DirectoryStore | None:
    """Beside a SQLite file (`data/nhacviec.db` -> `data/index-cache/`); none for other databases, whose
    long-running processes keep their pieces in memory."""
    path = sqlite_file(database_url)
    return DirectoryStore(path.parent / "index-cache") if path is not None else None
