"""Where user data lives: the data dir (MOCKINTERVIEW_HOME or the platform data dir), private by default."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path

from mockinterview.errors import StoreError

HOME_ENV = "MOCKINTERVIEW_HOME"
"""Environment variable that overrides the platform data dir."""

APP_NAME = "mockinterview"
DB_NAME = "sessions.db"
RECORDINGS_DIR = "recordings"

DIR_MODE = 0o700
"""Directories holding user data are readable by their owner only."""

FILE_MODE = 0o600
"""Files holding user data (database, recordings) are readable by their owner only."""


def default_home(env: Mapping[str, str] | None = None) -> Path:
    """The data dir: $MOCKINTERVIEW_HOME if set (in `env`, default os.environ), else platformdirs' user data
    dir for mockinterview. The one definition of where user data (database, recordings, banks) lives."""
    chosen = (os.environ if env is None else env).get(HOME_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    """`home` if given, else the default data dir; never creates anything."""
    return Path(home).expanduser() if home is not None else default_home()


def is_chosen_home(home: Path) -> bool:
    """True if the user chose `home` (MOCKINTERVIEW_HOME): an existing dir of theirs keeps its mode (the
    files in it are private anyway); the platform data dir is ours and is kept 0700."""
    env = os.environ.get(HOME_ENV)
    return env is not None and bool(env) and Path(env).expanduser() == home


def ensure_private_dir(path: Path, *, what: str = "data dir", tighten: bool = True) -> Path:
    """Create `path` (and parents) if needed; a dir created here is 0700, an existing one is made 0700 if
    `tighten`. StoreError naming the dir if that fails."""
    try:
        existed = path.is_dir()
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        if not path.is_dir():
            raise FileExistsError(f"{path} is not a directory")
        if (tighten or not existed) and (path.stat().st_mode & 0o777) != DIR_MODE:
            path.chmod(DIR_MODE)
    except FileExistsError as exc:
        raise StoreError(
            f"{path}: cannot use it as the {what}: a file is in the way; "
            f"move it, or set {HOME_ENV} to a writable directory"
        ) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StoreError(f"{path}: disk full while creating the {what}; free some space and retry") from exc
        reason = exc.strerror or str(exc)
        raise StoreError(
            f"{path}: cannot create the {what} ({reason}); set {HOME_ENV} to a writable directory"
        ) from exc
    return path


def db_path(home: Path) -> Path:
    return home / DB_NAME


def recordings_dir(home: Path) -> Path:
    return home / RECORDINGS_DIR


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 if it does not exist (so SQLite and its WAL inherit 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    if (path.stat().st_mode & 0o777) != FILE_MODE:
        path.chmod(FILE_MODE)
