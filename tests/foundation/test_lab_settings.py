"""tools/install_lab_settings.py: the JupyterLab defaults that `make` and Binder install.

The browser tests prove the effect (tests/browser/test_browser_keyboard.py); these check what
is written: merged with what an environment already has, idempotent, limited to outputs.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import install_lab_settings as lab  # noqa: E402

SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


@pytest.fixture
def prefix(tmp_path):
    # A stand-in environment with the real JupyterLab's schemas.
    shutil.copytree(SCHEMAS, tmp_path / "share" / "jupyter" / "lab" / "schemas")
    return tmp_path


def written(prefix: Path) -> dict:
    return json.loads((prefix / "share/jupyter/lab/settings/overrides.json").read_text())


def test_cell_shortcuts_are_passed_to_focused_controls_in_outputs_only(prefix):
    lab.install(prefix)
    shortcuts = written(prefix)[lab.SHORTCUTS_PLUGIN]["shortcuts"]
    keys = [s["keys"] for s in shortcuts]
    for expected in (["M"], ["D", "D"], ["X"], ["ArrowDown"], ["ArrowUp"], ["A"], ["B"]):
        assert expected in keys
    assert not any("Enter" in k for seq in keys for k in seq)  # running cells keeps its keys
    for s in shortcuts:
        assert s["selector"] == lab.IN_OUTPUT and ".jp-OutputArea-output :focus" in s["selector"]
        assert s["preventDefault"] is False and s["command"] == lab.PASS_THROUGH


def test_news_and_update_checks_are_off(prefix):
    lab.install(prefix)
    notification = written(prefix)["@jupyterlab/apputils-extension:notification"]
    assert notification == {"checkForUpdates": False, "fetchNews": "false"}


def test_existing_overrides_are_kept_and_a_rerun_changes_nothing(prefix):
    target = prefix / "share/jupyter/lab/settings/overrides.json"
    target.parent.mkdir(parents=True)
    mine = {"command": "x:y", "keys": ["Q"], "selector": "body"}
    target.write_text(
        json.dumps(
            {
                "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                lab.SHORTCUTS_PLUGIN: {"shortcuts": [mine]},
            }
        )
    )
    lab.install(prefix)
    first = target.read_text()
    lab.install(prefix)
    assert target.read_text() == first
    settings = written(prefix)
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    shortcuts = settings[lab.SHORTCUTS_PLUGIN]["shortcuts"]
    assert shortcuts[0] == mine
    assert len(shortcuts) == 1 + len(lab.command_mode_keys(prefix / "share/jupyter/lab/schemas"))
