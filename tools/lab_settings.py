"""The module's JupyterLab defaults, shipped in the wheel as one settings file.

`pip install` of the project (any route: make, conda, Binder's postBuild, a hub image) puts
lab-settings/why-cry-after-sex.json into <prefix>/share/jupyter/lab/settings/overrides.d/,
where JupyterLab merges every file as defaults (jupyterlab_server's settings_utils). So no
install script runs, the single settings file that belongs to the user is never touched, and
`pip uninstall` removes the file again. A learner can still change each setting in JupyterLab.

Two things are set:

1. No news feed or update check: learners see the module, not pop-ups, and nothing reaches out
   to the network while they learn.
2. Keys pressed on a focused exercise control stay with that control. After "Run All" the
   notebook is in command mode, where JupyterLab binds single keys to cell commands for any
   focused element that is not a text field: an arrow key on a radio button moves to another
   cell instead of choosing, and a stray "m" or "d d" turns the exercise into Markdown or
   deletes it. For every such shortcut we add a more specific binding, limited to focus inside
   a cell's output, that runs nothing and lets the browser act as usual (preventDefault: false).
   Outside outputs every shortcut works as before.

The shortcut list is generated from JupyterLab's own schemas (the installed version, which the
lock file pins): after a JupyterLab upgrade run `python tools/lab_settings.py` and commit the
file; a test fails while the committed file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETTINGS_FILE = REPO / "lab-settings" / "why-cry-after-sex.json"
# Where pip puts it, relative to the environment's prefix (pyproject.toml's data-files).
INSTALLED_AT = Path("share/jupyter/lab/settings/overrides.d") / SETTINGS_FILE.name
SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"

NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
# fetchNews is a string in JupyterLab's schema ("true", "false" or "none": not asked yet).
NOTIFICATION = {"checkForUpdates": False, "fetchNews": "false"}
SHORTCUTS_PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus"
IN_OUTPUT = ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) .jp-OutputArea-output :focus"
# Not a registered command: the binding wins over the cell shortcut and does nothing itself.
PASS_THROUGH = "selfcheck:keys-stay-with-the-widget"


def command_mode_keys(schemas: Path = SCHEMAS) -> list[list[str]]:
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


def settings(schemas: Path = SCHEMAS) -> dict:
    """The whole settings file: plugin id -> the defaults the module sets for it."""
    return {
        NOTIFICATION_PLUGIN: dict(NOTIFICATION),
        SHORTCUTS_PLUGIN: {
            "shortcuts": [
                {
                    "command": PASS_THROUGH,
                    "keys": keys,
                    "selector": IN_OUTPUT,
                    "preventDefault": False,
                }
                for keys in command_mode_keys(schemas)
            ]
        },
    }


def render(schemas: Path = SCHEMAS) -> str:
    return json.dumps(settings(schemas), indent=2) + "\n"


def main(argv: list[str]) -> int:
    if not SCHEMAS.is_dir():
        print(f"No JupyterLab schemas in {SCHEMAS}: run this with the venv that has JupyterLab.")
        return 1
    text = render()
    if argv == ["--check"]:
        if SETTINGS_FILE.read_text(encoding="utf-8") == text:
            print(f"{SETTINGS_FILE.relative_to(REPO)} is current")
            return 0
        print(f"{SETTINGS_FILE.relative_to(REPO)} is stale: run python tools/lab_settings.py")
        return 1
    SETTINGS_FILE.write_text(text, encoding="utf-8")
    print(f"Wrote {SETTINGS_FILE.relative_to(REPO)} from the schemas in {SCHEMAS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
