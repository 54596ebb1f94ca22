"""tools/lab_settings.py and lab-settings/why-cry-after-sex.json: the module's JupyterLab
defaults, shipped in the wheel into overrides.d.

The browser tests prove the effect (tests/browser/test_browser_keyboard.py) and
test_make_lab.py that a running JupyterLab serves them; these check what is committed: current
with the installed JupyterLab's schemas, limited to outputs, and where the wheel puts it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .checks import repo_files

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import lab_settings as lab  # noqa: E402

COMMITTED = json.loads(lab.SETTINGS_FILE.read_text(encoding="utf-8"))


def test_the_committed_file_is_generated_from_this_jupyterlabs_schemas():
    assert lab.SETTINGS_FILE.read_text(encoding="utf-8") == lab.render(), (
        "lab-settings/why-cry-after-sex.json is stale for the installed JupyterLab: "
        "run `.venv/bin/python tools/lab_settings.py` and commit the file"
    )


def test_the_check_command_tells_stale_from_current(tmp_path, monkeypatch, capsys):
    assert lab.main(["--check"]) == 0
    stale = tmp_path / "why-cry-after-sex.json"
    stale.write_text(lab.render().replace('"M"', '"Q"'))
    monkeypatch.setattr(lab, "SETTINGS_FILE", stale)
    monkeypatch.setattr(lab, "REPO", tmp_path)
    assert lab.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out
    assert lab.main([]) == 0 and stale.read_text() == lab.render()  # regenerated


def test_cell_shortcuts_are_passed_to_focused_controls_in_outputs_only():
    shortcuts = COMMITTED[lab.SHORTCUTS_PLUGIN]["shortcuts"]
    keys = [s["keys"] for s in shortcuts]
    for expected in (["M"], ["D", "D"], ["X"], ["ArrowDown"], ["ArrowUp"], ["A"], ["B"]):
        assert expected in keys
    assert not any("Enter" in k for seq in keys for k in seq)  # running cells keeps its keys
    for s in shortcuts:
        assert s["selector"] == lab.IN_OUTPUT and ".jp-OutputArea-output :focus" in s["selector"]
        assert s["preventDefault"] is False and s["command"] == lab.PASS_THROUGH


def test_the_generator_follows_the_schemas(tmp_path):
    # A stand-in JupyterLab whose only command-mode shortcuts are "Q" and Shift+Enter.
    schema = {
        "jupyter.lab.shortcuts": [
            {"command": "x:q", "keys": ["Q"], "selector": lab.COMMAND_MODE},
            {"command": "x:run", "keys": ["Shift Enter"], "selector": lab.COMMAND_MODE},
            {"command": "x:edit", "keys": ["W"], "selector": ".jp-Notebook.jp-mod-editMode"},
        ]
    }
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "plugin.json").write_text(json.dumps(schema))
    (tmp_path / "x" / "broken.json").write_text("{not json")
    assert lab.command_mode_keys(tmp_path) == [["Q"]]


def test_news_and_update_checks_are_off():
    notification = COMMITTED["@jupyterlab/apputils-extension:notification"]
    assert notification == {"checkForUpdates": False, "fetchNews": "false"}


def test_no_install_script_rewrites_a_users_overrides_json():
    assert not (ROOT / "tools" / "install_lab_settings.py").exists()
    for name in ("Makefile", "postBuild", "README.md", "CONTRIBUTING.md", ".ci/run"):
        assert "install_lab_settings" not in (ROOT / name).read_text(encoding="utf-8"), name
    # What runs on an install or a test run never names the user's file at all.
    for name in ("Makefile", "postBuild", ".ci/run", "tools/lab_settings.py"):
        assert "overrides.json" not in (ROOT / name).read_text(encoding="utf-8"), name


def test_the_wheel_installs_the_file_into_overrides_d(tmp_path):
    # What every `pip install .` (Binder, conda, hub, pip) gets: built from a clean copy.
    clean = tmp_path / "repo"
    for rel in repo_files():
        (clean / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, clean / rel)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
        + ["-w", str(tmp_path / "dist"), str(clean)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        inside = [n for n in zf.namelist() if n.endswith(lab.SETTINGS_FILE.name)]
        assert inside == [f"why_cry_after_sex-0.1.0.data/data/{lab.INSTALLED_AT.as_posix()}"]
        assert zf.read(inside[0]).decode() == lab.SETTINGS_FILE.read_text(encoding="utf-8")
