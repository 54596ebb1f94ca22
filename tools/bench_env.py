"""Bench section: how big an environment with only what the module needs at run time is.

Two fresh virtual environments in a temporary folder (pip's cache makes a re-run quick):
- `pip install .`: the module with its runtime dependencies (pyproject.toml, no extras);
- the names in environment.yml minus python and pip, as far as pip can install them (that is
  what Binder's conda environment holds, except for conda's own packages).
For each: the number of installed distributions (pip and setuptools, which every venv has,
not counted) and the size on disk of the whole venv (including the interpreter's links and
the .pyc files pip writes, as a learner's environment would have).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = {"pip", "setuptools", "wheel"}  # what venv/ensurepip puts in, not our dependency


def environment_yml_requirements(path: Path = ROOT / "environment.yml") -> list[str]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    specs = []
    for item in data.get("dependencies", []):
        if not isinstance(item, str):
            continue  # a nested `pip:` list: none today
        name = re.split(r"[<>=!~ ]", item, maxsplit=1)[0]
        if name in ("python", "pip"):
            continue
        # conda's "name=1.2" pins mean "==1.2*" for pip; ">=" etc. read the same in both.
        specs.append(re.sub(r"(?<![<>=!~])=(?!=)", "==", item.replace(" ", "")))
    return specs


def _size_bytes(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            p = os.path.join(dirpath, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def _measure(label: str, requirements: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-env-") as tmp:
        venv = Path(tmp) / "venv"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        py = venv / "bin" / "python"
        result = subprocess.run(
            [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", *requirements],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            return _row(
                label,
                error=" / ".join(tail),
                note="pip install failed: " + " / ".join(tail)[:60],
            )
        listed = subprocess.run(
            [str(py), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        names = sorted(
            d["name"].lower() for d in json.loads(listed) if d["name"].lower() not in SEED
        )
        size = _size_bytes(venv)
        seconds = time.perf_counter() - start
    return _row(
        label,
        distributions=len(names),
        size_mib=round(size / 2**20, 1),
        install_s=round(seconds, 1),
        requirements=requirements,
        installed=names,
        note=f"{len(names)} distributions, {size / 2**20:.0f} MiB",
    )


def _row(label: str, **fields) -> dict:
    """A bench row for the environment section (sizes, not times)."""
    return {
        "section": "environment",
        "case": label,
        "median_ms": None,
        "p95_ms": None,
        "target_ms": None,
        "n": 1,
        **fields,
    }


def environment_rows() -> list[dict]:
    return [
        _measure("pip install . (runtime deps only)", [str(ROOT)]),
        _measure("environment.yml names via pip", environment_yml_requirements()),
    ]
