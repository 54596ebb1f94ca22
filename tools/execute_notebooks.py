"""Re-execute the notebooks in place and leave deterministic, reviewable outputs.

    python tools/execute_notebooks.py                      # every notebooks/*.ipynb
    python tools/execute_notebooks.py notebooks/02-*.ipynb # only these

Each notebook runs top to bottom in a fresh `python3` kernel, in its own folder, against an
empty temporary progress store, so committed outputs never depend on anyone's progress.
Afterwards the file is normalised so that running this twice gives byte-identical files and
strict nbval (`make test`) can compare every stored output:

- saved widget state (`metadata.widgets`) and live-widget references in outputs are removed;
  each module widget carries a static HTML/text preview, which is what GitHub shows;
- the kernelspec is `python3`, execution counts are 1..n, timings and the Python patch
  version are dropped.

A cell that raises stops that notebook (unless the cell is tagged `raises-exception`); the file
is then left untouched and the error names the notebook and the cell.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from pcd.figures import CACHE_DIR, WRITE_CACHE_ENV
from pcd.lesson import write_checked_banks
from selfcheck.savehook import WIDGET_MIME, drop_widget_views  # noqa: F401 (re-exported)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# The app view (Voila) renders every notebook with the module's page template, which asks no
# other host for anything (share/jupyter/voila/templates/pcd). The notebook names it, so every
# way of starting Voila (make app, Binder, a hub) gets it with no configuration.
VOILA = {"template": "pcd"}
CELL_TIMEOUT = 120  # seconds; a cell that takes longer is a bug for a learner too

# Shared with the test run (root conftest.py), so that nbval re-runs the notebooks in the same
# conditions as this script: same hash seed (set and dict-of-str order), same time zone.
FIXED_ENVIRONMENT = {
    "PYTHONHASHSEED": "0",
    "TZ": "UTC",
    # ipykernel's debugger otherwise warns about frozen modules on some Python builds.
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


class ExecutionFailed(Exception):
    """A notebook could not be executed; the message names the notebook and the cell."""


def kernel_environment(progress_dir: str | os.PathLike) -> dict[str, str]:
    """Environment variables a kernel needs to produce the committed outputs."""
    return {**FIXED_ENVIRONMENT, "SELFCHECK_PROGRESS_DIR": str(progress_dir)}


def _describe(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def execute(nb: nbformat.NotebookNode, cwd: Path, env: dict[str, str], name: str):
    """Run every cell of `nb` in a fresh python3 kernel (in place); raise ExecutionFailed."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    current = {}

    def remember(cell, cell_index):
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        startup_timeout=60,
        allow_errors=False,  # cells tagged raises-exception may still raise
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(cwd)}},
        on_cell_start=remember,
    )
    try:
        client.execute(env=env)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        index = current.get("index")
        if index is None:
            raise ExecutionFailed(f"{name}: the kernel failed before any cell ran: {exc}") from None
        source = nb.cells[index].source.strip().splitlines()
        first_line = source[0] if source else ""
        if isinstance(exc, CellExecutionError):
            what = f"{exc.ename}: {exc.evalue}"
        else:
            what = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
        raise ExecutionFailed(
            f"{name}: cell {index + 1} of {len(nb.cells)} failed ({what}).\n"
            f"    The cell starts with: {first_line!r}\n"
            f"    Tag the cell 'raises-exception' if the error is intended."
        ) from None


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make `nb` deterministic and free of live-widget state (in place; also returned)."""
    nb.metadata["kernelspec"] = nbformat.from_dict(KERNELSPEC)
    nb.metadata["voila"] = nbformat.from_dict(VOILA)
    # The patch version differs between machines and says nothing a reader needs.
    nb.metadata.get("language_info", {}).pop("version", None)

    count = 0
    for cell in nb.cells:
        for key in ("execution", "ExecuteTime"):  # timings from nbclient / extensions
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
    # The same rule as when a learner saves (selfcheck.savehook): previews, not references;
    # a bare widget reference without a preview shows nothing, so it goes too.
    drop_widget_views(nb, keep_bare=False)
    return nb


def execute_notebook(path: str | os.PathLike, progress_dir: str | os.PathLike) -> None:
    """Execute the notebook at `path` in its folder and rewrite it normalised."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    # The kernels keep every figure they draw in pcd's figure cache (pcd.figures.cached_png).
    env = {**os.environ, **kernel_environment(progress_dir), WRITE_CACHE_ENV: "1"}
    execute(nb, cwd=path.parent.resolve(), env=env, name=_describe(path))
    normalise(nb)
    nbformat.write(nb, path)


def _prune_figure_cache(started: float) -> None:
    """After a full run, the cache holds exactly the figures the notebooks drew: every kernel
    rewrote the files it needed, so an older file is a figure no notebook shows any more."""
    for path in CACHE_DIR.glob("*.png"):
        if path.stat().st_mtime < started - 1:
            path.unlink()
            print(f"Removed stale cached figure {_describe(path)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print(f"No notebooks found in {_describe(NOTEBOOKS)}.", file=sys.stderr)
        return 1
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print("No such notebook: " + ", ".join(map(str, missing)), file=sys.stderr)
        return 1

    # One empty store for the whole run, as in `make test`.
    progress_dir = tempfile.mkdtemp(prefix="selfcheck-progress-")
    started = time.time()
    failures = []
    try:
        for path in paths:
            print(f"Executing {_describe(path)} ...", flush=True)
            try:
                execute_notebook(path, progress_dir)
            except ExecutionFailed as exc:
                failures.append(str(exc))
                print(f"FAILED {exc}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(progress_dir, ignore_errors=True)

    if not args.notebooks and not failures:
        _prune_figure_cache(started)
        # The banks every notebook just loaded, checked in full once more and recorded, so that
        # kernels skip the schema check for exactly these texts (pcd.lesson.CHECKED_BANKS).
        write_checked_banks()
    if failures:
        print(
            f"\n{len(failures)} of {len(paths)} notebook(s) failed and were left unchanged.",
            file=sys.stderr,
        )
        return 1
    print(f"{len(paths)} notebook(s) executed and normalised.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
