"""Interactive figures and tools, one module each (imported on demand).

Every tool is a `_tool.Tool`; its words and numbers are in data/tools/<name>.yaml, checked by
`check()` (and so by `python -m pcd check`).
"""

from __future__ import annotations

import importlib

# Each tool module and the function that reads everything its data file feeds, so that a
# check fills in every template and follows every reference, as the notebooks would.
NAMES = ("association", "checklist", "conversation", "hormones", "plan", "prevalence")


def check() -> list[tuple[str, str | None]]:
    """(data file name, problem or None) for every tool's data file."""
    from ._data import ToolDataError

    results = []
    for name in NAMES:
        module = importlib.import_module(f"{__name__}.{name}")
        try:
            module.check_data()
        except ToolDataError as exc:
            results.append((f"{name}.yaml", str(exc)))
        else:
            results.append((f"{name}.yaml", None))
    return results
