"""Copy the project's data files into the current environment, as a pip install does.

pyproject.toml's ``[tool.setuptools.data-files]`` puts the module's JupyterLab defaults, its
Jupyter server setting (``selfcheck.savehook``) and the app view's page template under
``sys.prefix`` for every ``pip install`` of the project. setuptools' editable installs leave
data files out, so `make` (the one editable route) runs this after ``pip install -e``: one
table in pyproject.toml decides what goes where, for every route.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_files(root: Path = ROOT) -> dict[str, list[Path]]:
    """Destination folder (relative to the environment) -> the files pip would put there."""
    with (root / "pyproject.toml").open("rb") as f:
        table = tomllib.load(f)["tool"]["setuptools"]["data-files"]
    return {
        dest: sorted(path for pattern in patterns for path in root.glob(pattern) if path.is_file())
        for dest, patterns in table.items()
    }


def install(prefix: Path = Path(sys.prefix), root: Path = ROOT) -> list[Path]:
    written = []
    for dest, files in data_files(root).items():
        folder = prefix / dest
        folder.mkdir(parents=True, exist_ok=True)
        for src in files:
            shutil.copyfile(src, folder / src.name)
            written.append(folder / src.name)
    return written


if __name__ == "__main__":
    for path in install():
        print(f"installed {path}")
