"""tools/execute_notebooks.py: normalised, deterministic output; clear errors."""

import subprocess
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .checks import ROOT, WIDGET_MIME, notebook_problems

# A widget with a static preview, like selfcheck.display.WithPreview, plus a bare ipywidget.
WIDGET_CELL = """\
import ipywidgets
class Preview:
    def __init__(self):
        self.widget = ipywidgets.IntSlider(value=3)
    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": "slider at 3", "text/html": "<b>slider at 3</b>",
                "application/vnd.jupyter.widget-view+json":
                    {"version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}}
display(Preview())
ipywidgets.Button(description="bare")
"""


def tiny_notebook(path, *extra_cells):
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "some-other-kernel", "display_name": "x", "language": "python"}
        }
    )
    nb.cells = [
        new_markdown_cell("# Tiny\n\n[Start](00-start-here.ipynb)"),
        new_code_cell(
            "import os\nprint(sorted({'b', 'a', 'c', 'd'}))\n"
            "print(os.environ['SELFCHECK_PROGRESS_DIR'] != '', os.listdir(os.environ['SELFCHECK_PROGRESS_DIR']))"
        ),
        new_code_cell(WIDGET_CELL),
        new_code_cell(""),
        new_code_cell("raise ValueError('on purpose')", metadata={"tags": ["raises-exception"]}),
        new_code_cell("from pathlib import Path\nPath.cwd().name"),
        *extra_cells,
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def test_execution_is_normalised_and_byte_identical_on_a_second_run(nbtool, tmp_path):
    path = tiny_notebook(tmp_path / "work" / "01-tiny.ipynb")
    progress = tmp_path / "progress"
    progress.mkdir()

    nbtool.execute_notebook(path, progress)
    first = path.read_bytes()
    nbtool.execute_notebook(path, progress)
    assert path.read_bytes() == first

    nb = nbformat.read(path, as_version=4)
    # The error was raised on purpose (tagged), and a stored error is all the hygiene check sees.
    assert [p for p in notebook_problems(nb, "01-tiny.ipynb") if "stores an error" not in p] == []
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.voila == {"template": "pcd"}  # the offline app-view page
    assert "widgets" not in nb.metadata and "version" not in nb.metadata.language_info
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, 3, 4, 5]
    assert all("execution" not in c.metadata for c in nb.cells)
    assert all(WIDGET_MIME not in o.get("data", {}) for o in outputs(nb))

    printed = nb.cells[1].outputs[0].text
    assert printed == "['a', 'b', 'c', 'd']\nTrue []\n"  # an empty progress store
    widget_outputs = nb.cells[2].outputs
    # The preview stays; the bare button keeps only its text repr.
    assert widget_outputs[0].data == {
        "text/plain": "slider at 3",
        "text/html": "<b>slider at 3</b>",
    }
    assert list(widget_outputs[1].data) == ["text/plain"]
    assert nb.cells[5].outputs[0].data["text/plain"] == "'work'"  # ran in the notebook's folder


def test_a_failing_cell_is_named_and_the_file_left_unchanged(tmp_path):
    path = tiny_notebook(tmp_path / "02-broken.ipynb", new_code_cell("undefined_name + 1"))
    before = path.read_bytes()
    ok = tiny_notebook(tmp_path / "03-ok.ipynb")

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "execute_notebooks.py"), str(path), str(ok)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert (
        "02-broken.ipynb: cell 7 of 7 failed (NameError: name 'undefined_name' is not defined)"
        in result.stderr
    )
    assert "'undefined_name + 1'" in result.stderr
    assert "Traceback" not in result.stderr
    assert "1 of 2 notebook(s) failed" in result.stderr
    assert path.read_bytes() == before
    # The other notebook was still executed.
    assert nbformat.read(ok, as_version=4).metadata.kernelspec.name == "python3"


def test_a_missing_notebook_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "execute_notebooks.py"),
            str(tmp_path / "nope.ipynb"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("No such notebook:") and "Traceback" not in result.stderr
