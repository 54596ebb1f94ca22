"""Bench section: executing each notebook in a fresh kernel, next to its floor.

The floor of a notebook is a fresh kernel (same kernel, same environment, same folder, via
tools/execute_notebooks.py) that runs one cell holding only the imports the notebook pays for:
ipywidgets, selfcheck, pcd and the pcd.tools modules that notebook imports. So the floor
already contains kernel start-up (most of it) and the import cost of our own packages; the
ratio shows what the notebook's own work adds: loading banks and the bibliography, building
widgets, figures and sending outputs. matplotlib is not in the floor: no notebook imports it
while its figures come from the figure cache (pcd.figures), so a floor with it would be
higher than a whole notebook. A "bare kernel" row (an empty cell)
shows what Jupyter alone costs, so nobody mistakes the floor for zero.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT / "tools"))
import execute_notebooks as ex  # noqa: E402  (a sibling script, not a package)

BASE_IMPORTS = ["ipywidgets", "selfcheck", "pcd"]
TARGET_RATIO = 1.5
_TOOL_IMPORT = re.compile(
    r"^\s*(?:from\s+(pcd\.tools\.\w+|pcd\.review)\s+import|import\s+(pcd\.tools\.\w+))", re.M
)


def floor_imports(nb) -> list[str]:
    """The modules the floor kernel imports for this notebook (ours beyond the base four)."""
    extra = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for match in _TOOL_IMPORT.finditer(cell.source):
                name = match.group(1) or match.group(2)
                if name not in extra:
                    extra.append(name)
    return BASE_IMPORTS + extra


def _run(nb, cwd: Path, progress_dir: str) -> float:
    """Seconds to start a fresh kernel and run `nb` top to bottom (as `make notebooks` does)."""
    env = {**os.environ, **ex.kernel_environment(progress_dir)}
    start = time.perf_counter()
    ex.execute(nb, cwd=cwd, env=env, name="bench")
    return time.perf_counter() - start


def _one_cell(source: str):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    return nb


def notebook_rows(runs: int = 3) -> list[dict]:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    rows = []
    total_run = total_floor = 0.0
    progress_dir = tempfile.mkdtemp(prefix="selfcheck-bench-")
    try:
        bare = [_run(_one_cell("pass"), NOTEBOOKS, progress_dir) for _ in range(runs)]
        rows.append(
            {
                "section": "notebooks: fresh kernel",
                "case": "bare kernel (empty cell)",
                "median_ms": round(statistics.median(bare) * 1000, 1),
                "p95_ms": None,
                "target_ms": None,
                "n": runs,
                "note": "what Jupyter alone costs",
            }
        )
        for path in paths:
            source = nbformat.read(path, as_version=4)
            imports = floor_imports(source)
            run_s, floor_s = [], []
            for _ in range(runs):  # interleaved, so a load spike hits both alike
                # An empty store each time: a learner opening the notebook for the first time.
                shutil.rmtree(progress_dir, ignore_errors=True)
                Path(progress_dir).mkdir()
                run_s.append(_run(nbformat.read(path, as_version=4), path.parent, progress_dir))
                floor_s.append(
                    _run(_one_cell("import " + ", ".join(imports)), path.parent, progress_dir)
                )
            run, floor = statistics.median(run_s), statistics.median(floor_s)
            total_run += run
            total_floor += floor
            rows.append(
                {
                    "section": "notebooks: fresh kernel",
                    "case": path.stem,
                    "median_ms": round(run * 1000, 1),
                    "p95_ms": None,
                    "target_ms": None,
                    "n": runs,
                    "floor_ms": round(floor * 1000, 1),
                    "ratio": round(run / floor, 2),
                    "floor_imports": imports,
                    "note": f"floor {floor * 1000:.0f} ms, x{run / floor:.2f}",
                }
            )
    finally:
        shutil.rmtree(progress_dir, ignore_errors=True)
    ratio = total_run / total_floor if total_floor else float("nan")
    rows.append(
        {
            "section": "notebooks: fresh kernel",
            "case": "SUM (whole module)",
            "median_ms": round(total_run * 1000, 1),
            "p95_ms": None,
            "target_ms": None,
            "n": runs,
            "floor_ms": round(total_floor * 1000, 1),
            "ratio": round(ratio, 2),
            "target_ratio": TARGET_RATIO,
            "ok": ratio <= TARGET_RATIO,
            "note": f"floor {total_floor * 1000:.0f} ms, x{ratio:.2f} "
            f"(target <= x{TARGET_RATIO}: {'yes' if ratio <= TARGET_RATIO else 'NO'})",
        }
    )
    return rows
