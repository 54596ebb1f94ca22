"""Strict nbval compares stored outputs, not only "runs without error"."""

import shutil
import subprocess
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .checks import NOTEBOOK_DIR

TAMPERED = "TAMPERED OUTPUT"


def text_output(nb):
    """The first stored text output nbval compares: a stream or a text/plain result."""
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.execution_count is None:
            continue
        for out in cell.outputs:
            if out.output_type == "stream" or "text/plain" in out.get("data", {}):
                return out
    return None


def committed_or_tiny_notebook(tmp_path, nbtool):
    """A copy of the first real notebook with a stored text output, or a tiny executed one."""
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        if text_output(nbformat.read(path, as_version=4)) is not None:
            # Copy the whole folder: a notebook may read files next to it.
            shutil.copytree(
                NOTEBOOK_DIR,
                tmp_path / "notebooks",
                ignore=shutil.ignore_patterns(".ipynb_checkpoints"),
            )
            return tmp_path / "notebooks" / path.name
    path = tmp_path / "notebooks" / "01-tiny.ipynb"
    path.parent.mkdir()
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Tiny"),
            new_code_cell("print(6 * 7)"),
            new_code_cell("'forty-two'"),
        ]
    )
    nbformat.write(nb, path)
    nbtool.execute_notebook(path, tmp_path)
    return path


def nbval(path):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-q",
            str(path),
        ],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_nbval_fails_on_an_altered_output_and_passes_the_original(tmp_path, nbtool):
    path = committed_or_tiny_notebook(tmp_path, nbtool)

    original = nbval(path)
    assert original.returncode == 0, (
        f"{path.name} fails nbval before any change (stale outputs? run `make notebooks`):\n"
        + original.stdout[-3000:]
    )

    nb = nbformat.read(path, as_version=4)
    out = text_output(nb)
    if out.output_type == "stream":
        out.text = TAMPERED + "\n"
    else:
        out.data["text/plain"] = TAMPERED
    nbformat.write(nb, path)

    tampered = nbval(path)
    assert tampered.returncode == 1, tampered.stdout[-3000:]
    assert TAMPERED in tampered.stdout  # nbval reports the mismatch it found
