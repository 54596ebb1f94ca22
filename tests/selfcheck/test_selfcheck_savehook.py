"""selfcheck.savehook: a saved notebook keeps every static preview and no live-widget reference.

Driven through jupyter_server's real FileContentsManager, as JupyterLab's Save goes: the file
on disk must show previews after the kernel is gone, hold no widget state (where typed text
would live), and keep a learner's own bare widget output untouched.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from selfcheck import savehook
from selfcheck.display import WIDGET_MIME

ROOT = Path(__file__).resolve().parents[2]
TYPED = "zebra-sentinel-5521 typed by the learner"


def notebook() -> dict:
    nb = nbformat.v4.new_notebook()
    preview = nbformat.v4.new_output(
        "execute_result",
        data={
            "text/plain": "An exercise. Run the notebook to answer.",
            "text/html": "<p>An exercise</p>",
            WIDGET_MIME: {"version_major": 2, "version_minor": 0, "model_id": "abc"},
        },
        execution_count=1,
    )
    bare = nbformat.v4.new_output(
        "display_data",
        data={WIDGET_MIME: {"version_major": 2, "version_minor": 0, "model_id": "x"}},
    )
    stream = nbformat.v4.new_output("stream", name="stdout", text="hello\n")
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("lesson.exercise('a')", outputs=[preview], execution_count=1),
        nbformat.v4.new_code_cell("my_own_widget", outputs=[bare, stream], execution_count=2),
    ]
    # What ipywidgets' "save widget state" would store: every model, with what was typed.
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {"abc": {"state": {"value": TYPED}}},
            "version_major": 2,
            "version_minor": 0,
        }
    }
    return json.loads(nbformat.writes(nb))


@pytest.fixture
def contents(tmp_path):
    from jupyter_server.services.contents.filemanager import FileContentsManager

    class App:  # what the extension is given: the server's contents manager and log
        contents_manager = FileContentsManager(root_dir=str(tmp_path))
        log = logging.getLogger("test-savehook")

    savehook._load_jupyter_server_extension(App)
    return App.contents_manager


def save_and_read(contents, tmp_path) -> dict:
    contents.save({"type": "notebook", "format": "json", "content": notebook()}, "saved.ipynb")
    return json.loads((tmp_path / "saved.ipynb").read_text(encoding="utf-8"))


def test_a_saved_notebook_keeps_previews_not_widget_references(contents, tmp_path):
    saved = save_and_read(contents, tmp_path)
    exercise = saved["cells"][1]["outputs"][0]["data"]
    assert WIDGET_MIME not in exercise
    assert "".join(exercise["text/html"]) == "<p>An exercise</p>"
    assert "".join(exercise["text/plain"]).endswith("Run the notebook to answer.")


def test_no_widget_state_and_no_typed_text_is_saved(contents, tmp_path):
    saved = save_and_read(contents, tmp_path)
    assert "widgets" not in saved["metadata"]
    assert TYPED not in (tmp_path / "saved.ipynb").read_text(encoding="utf-8")


def test_a_learners_own_widget_and_other_outputs_are_left_alone(contents, tmp_path):
    saved = save_and_read(contents, tmp_path)
    bare, stream = saved["cells"][2]["outputs"]
    assert bare["data"] == {WIDGET_MIME: {"version_major": 2, "version_minor": 0, "model_id": "x"}}
    assert "".join(stream["text"]) == "hello\n"


def test_without_the_hook_the_reference_would_be_saved(tmp_path):
    """The control: a plain contents manager writes the reference JupyterLab then fails on."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    plain = FileContentsManager(root_dir=str(tmp_path))
    saved = save_and_read(plain, tmp_path)
    assert WIDGET_MIME in saved["cells"][1]["outputs"][0]["data"]


def test_other_files_are_saved_unchanged(contents, tmp_path):
    contents.save({"type": "file", "format": "text", "content": "notes"}, "notes.txt")
    assert (tmp_path / "notes.txt").read_text() == "notes"


def test_committed_notebooks_and_saved_ones_follow_one_rule():
    """tools/execute_notebooks.py normalises with the same function (bare references go too,
    since a committed notebook must show nothing broken)."""
    nb = savehook.drop_widget_views(notebook(), keep_bare=False)
    assert [len(c.get("outputs", [])) for c in nb["cells"]] == [0, 1, 1]
    source = (ROOT / "tools" / "execute_notebooks.py").read_text(encoding="utf-8")
    assert "drop_widget_views(nb, keep_bare=False)" in source


def test_the_server_in_this_environment_loads_the_extension():
    """The config file travels with the package (a wheel data file; `make` copies it for the
    editable install), so a server started here enables the hook with nothing to set."""
    config = Path(sys.prefix) / "etc/jupyter/jupyter_server_config.d/selfcheck.json"
    committed = ROOT / "jupyter-config/jupyter_server_config.d/selfcheck.json"
    assert config.read_text() == committed.read_text()
    listed = subprocess.run(
        [sys.executable, "-m", "jupyter", "server", "extension", "list"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout + listed.stderr)  # no colour codes
    assert re.search(r"selfcheck\.savehook\s+enabled", out), out
    assert re.search(r"selfcheck\.savehook\s+OK", out), out
