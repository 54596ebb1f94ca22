"""Install the module's JupyterLab settings into an environment (`make` and Binder's postBuild).

Two things are set, as defaults that a learner can still change in JupyterLab's settings:

1. No news feed or update check: learners see the module, not pop-ups, and nothing reaches out
   to the network while they learn.
2. Keys pressed on a focused exercise control stay with that control. After "Run All" the
   notebook is in command mode, where JupyterLab binds single keys to cell commands for any
   focused element that is not a text field: an arrow key on a radio button moves to another
   cell instead of choosing, and a stray "m" or "d d" turns the exercise into Markdown or
   deletes it. For every such shortcut we add a more specific binding, limited to focus inside
   a cell's output, that runs nothing and lets the browser act as usual (preventDefault: false).
   Outside outputs every shortcut works as before.

The shortcuts are read from the installed JupyterLab's own schemas, so they follow its version.
Existing overrides in the environment are kept; ours are merged in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OURS = REPO / "lab-settings" / "overrides.json"
SHORTCUTS_PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
IN_OUTPUT = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) .jp-OutputArea-output :focus"
# Not a registered command: the binding wins over the cell shortcut and does nothing itself.
PASS_THROUGH = "selfcheck:keys-stay-with-the-widget"


def command_mode_keys(schemas: Path) -> list[list[str]]:
    """Every key sequence JupyterLab binds to a command for any focused element in command mode."""
    keys: list[list[str]] = []
    for schema in sorted(schemas.rglob("*.json")):
        try:
            shortcuts = json.loads(schema.read_text(encoding="utf-8")).get(
                "jupyter.lab.shortcuts", []
            )
        except (ValueError, AttributeError):
            continue
        for shortcut in shortcuts:
            sequence = shortcut.get("keys") or []
            # Enter combinations run cells: those keep their JupyterLab meaning everywhere.
            if (
                shortcut.get("selector") == COMMAND_MODE
                and sequence
                and sequence not in keys
                and not any("Enter" in key for key in sequence)
            ):
                keys.append(sequence)
    return keys


def pass_through_shortcuts(schemas: Path) -> list[dict]:
    return [
        {"command": PASS_THROUGH, "keys": keys, "selector": IN_OUTPUT, "preventDefault": False}
        for keys in command_mode_keys(schemas)
    ]


def merged(existing: dict, schemas: Path) -> dict:
    settings = json.loads(OURS.read_text(encoding="utf-8"))
    result = dict(existing)
    for plugin, values in settings.items():
        result[plugin] = {**result.get(plugin, {}), **values}
    plugin = dict(result.get(SHORTCUTS_PLUGIN, {}))
    kept = [s for s in plugin.get("shortcuts", []) if s.get("command") != PASS_THROUGH]
    plugin["shortcuts"] = kept + pass_through_shortcuts(schemas)
    result[SHORTCUTS_PLUGIN] = plugin
    return result


def install(prefix: Path) -> Path:
    lab = prefix / "share" / "jupyter" / "lab"
    target = lab / "settings" / "overrides.json"
    existing = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps(merged(existing, lab / "schemas"), indent=2) + "\n", encoding="utf-8"
    )
    return target


if __name__ == "__main__":
    path = install(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(sys.prefix))
    print(f"JupyterLab settings for the module written to {path}")
