"""Interactive figures and tools, one module each (imported on demand).

Every tool is a `_tool.Tool`; its words and numbers are in data/tools/<name>.yaml (read from
where pcd.content says), and `python -m pcd check` checks each file with `data_problems`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

# The tool modules, each with a data file of the same name and a `check_data()` that reads
# everything the file feeds (every template filled, every reference followed), as the
# notebooks would.
NAMES = ("association", "checklist", "conversation", "hormones", "plan", "prevalence")


def data_problems(path: Path) -> list[str]:
    """The problems of one tool's data file (read from `path`, wherever it is)."""
    from .. import validate
    from . import _data

    path = Path(path)
    if path.stem not in NAMES:
        return [f"{path.name}: no tool of this name; the tools are {', '.join(NAMES)}"]
    module = importlib.import_module(f"{__name__}.{path.stem}")
    try:
        with _data.reading_from(path.parent):
            # A broken bibliography is reported on its own line; without it, only the file's
            # own shape can be checked (not the keys and findings it points to).
            if validate.current_bibliography_problems():
                module.words()
            else:
                module.check_data()
    except _data.ToolDataError as exc:
        return str(exc).splitlines()
    return []
