"""Where the module's content is read from: the exercise banks, the bibliography, the study data.

Educators edit content in the repository (`modules/pcd/banks/*.yaml`, `modules/pcd/data/*`),
so that is where it is read from whenever the notebooks run inside a checkout of the repository:
a clone, Binder's copy, a learner's nbgitpuller copy on a hub. This holds whatever the install
(editable or not): a plain `pip install .` copies the content into site-packages, and those
copies would otherwise hide every later edit. Without a checkout (the package used on its own)
the installed package's copy is read.

The checkout is found from the kernel's current folder, which is the notebook's folder in
JupyterLab, Voila and nbval: the nearest folder at or above it holding `modules/pcd/banks/` and
`modules/pcd/data/bibliography.yaml`. `PCD_CONTENT_DIR` (a folder with `banks/` and `data/`)
overrides the search, for tests and for authors trying out a copy.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PCD_CONTENT_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent
# Relative to a checkout's root; a folder counts as the content only when both are there.
CHECKOUT_CONTENT = Path("modules") / "pcd"
_MARKERS = (Path("banks"), Path("data") / "bibliography.yaml")


def _is_content(folder: Path) -> bool:
    return all((folder / marker).exists() for marker in _MARKERS)


# Where the search from a folder last ended. Every citation and every data file asks for the
# content folder, a few hundred times per notebook, and resolving the path each time cost a
# notebook about 10 ms. A remembered folder is used only while it still holds the content.
_FOUND: dict[str, Path] = {}


def checkout_content(start: Path | None = None) -> Path | None:
    """`modules/pcd` of the nearest checkout at or above `start` (default: the current
    folder), or None when `start` is not inside one."""
    try:
        here = Path(start) if start is not None else Path.cwd()
    except OSError:  # the current folder was deleted
        return None
    found = _FOUND.get(str(here))
    if found is not None and _is_content(found):
        return found
    resolved = here.resolve()
    for folder in (resolved, *resolved.parents):
        candidate = folder / CHECKOUT_CONTENT
        if _is_content(candidate):
            _FOUND[str(here)] = candidate
            return candidate
    _FOUND.pop(str(here), None)
    return None


def content_dir() -> Path:
    """The folder the notebooks read content from (it holds `banks/` and `data/`)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser().resolve()
    return checkout_content() or PACKAGE_DIR


def banks_dir() -> Path:
    return content_dir() / "banks"


def data_file(name: str) -> Path:
    """A file in the content's `data/` folder, e.g. data_file("prevalence.csv")."""
    return content_dir() / "data" / name


def describe() -> str:
    """Where content comes from, in words (for `python -m pcd check` and authors' messages)."""
    folder = content_dir()
    if os.environ.get(ENV_VAR):
        how = f"set by {ENV_VAR}"
    elif folder == PACKAGE_DIR and checkout_content() is None:
        how = "the installed package: no checkout of the repository at or above this folder"
    else:
        how = "the checkout of the repository"
    return f"{folder} ({how})"
