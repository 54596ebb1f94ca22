"""Hygiene of the committed notebooks, and proof that each check catches a bad notebook."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from .checks import (
    NOTEBOOK_DIR,
    START,
    WIDGET_MIME,
    notebook_folder_problems,
    notebook_problems,
    path_problems,
    repo_files,
)

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def test_every_notebook_is_clean():
    assert len(NOTEBOOKS) >= 10, (
        f"expected the ten notebooks in {NOTEBOOK_DIR}, found {len(NOTEBOOKS)}"
    )
    problems = [
        p
        for path in NOTEBOOKS
        for p in notebook_problems(nbformat.read(path, as_version=4), path.name)
    ]
    assert not problems, "\n".join(problems)


def test_notebook_folder_has_no_checkpoints_and_good_names():
    problems = notebook_folder_problems(NOTEBOOK_DIR, repo_files())
    assert not problems, "\n".join(problems)


def test_no_spaces_in_repository_paths():
    problems = path_problems(repo_files())
    assert not problems, "\n".join(problems)


# --- the checks themselves ------------------------------------------------------------------


def good_notebook(name="01-demo.ipynb"):
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "voila": {"template": "pcd"},
        }
    )
    nb.cells = [
        new_markdown_cell("# Demo\n\nA promise. Back to [the start](00-start-here.ipynb)."),
        new_code_cell(
            "1 + 1",
            execution_count=1,
            outputs=[new_output("execute_result", data={"text/plain": "2"}, execution_count=1)],
        ),
        new_code_cell(
            "print('hi')",
            execution_count=2,
            outputs=[new_output("stream", name="stdout", text="hi\n")],
        ),
    ]
    return nb


def test_a_good_notebook_passes():
    assert notebook_problems(good_notebook(), "01-demo.ipynb") == []
    start = good_notebook()
    start.cells[0].source = "# Start here"  # 00 itself need not link to itself
    assert notebook_problems(start, START) == []


def spoil_kernel(nb):
    nb.metadata.kernelspec.name = "conda-env-pcd-py"


def spoil_widgets(nb):
    nb.metadata.widgets = {"application/vnd.jupyter.widget-state+json": {"state": {}}}


def spoil_voila_template(nb):
    del nb.metadata["voila"]


def spoil_error(nb):
    nb.cells[2].outputs = [new_output("error", ename="NameError", evalue="x", traceback=[])]


def spoil_counts(nb):
    nb.cells[1].execution_count = nb.cells[1].outputs[0].execution_count = 2
    nb.cells[2].execution_count = 1


def spoil_unexecuted(nb):
    nb.cells[2].execution_count = None


def spoil_result_count(nb):
    nb.cells[1].outputs[0].execution_count = 7


def spoil_widget_mime(nb):
    nb.cells[1].outputs[0].data[WIDGET_MIME] = {"model_id": "abc", "version_major": 2}


def spoil_title(nb):
    nb.cells[0].source = "Demo without a title\n\n[start](00-start-here.ipynb)"


def spoil_first_cell_kind(nb):
    nb.cells.insert(0, new_raw_cell("# Demo"))


def spoil_start_link(nb):
    nb.cells[0].source = "# Demo\n\nMentions 00-start-here.ipynb but does not link to it."


def spoil_nbval_tag(nb):
    nb.cells[1].metadata["tags"] = ["nbval-ignore-output"]


def spoil_nbval_comment(nb):
    nb.cells[2].source = "# NBVAL_SKIP\nprint('hi')"


@pytest.mark.parametrize(
    "spoil, expected",
    [
        (spoil_kernel, "kernelspec"),
        (spoil_widgets, "metadata.widgets"),
        (spoil_voila_template, "metadata.voila.template"),
        (spoil_error, "stores an error"),
        (spoil_counts, "execution counts"),
        (spoil_unexecuted, "execution counts"),
        (spoil_result_count, "result count"),
        (spoil_widget_mime, "live-widget"),
        (spoil_title, "# Title"),
        (spoil_first_cell_kind, "# Title"),
        (spoil_start_link, "link back"),
        (spoil_nbval_tag, "opts out of nbval"),
        (spoil_nbval_comment, "opts out of nbval"),
    ],
)
def test_each_check_catches_its_problem(spoil, expected):
    nb = good_notebook()
    spoil(nb)
    problems = notebook_problems(nb, "01-demo.ipynb")
    assert len(problems) == 1 and expected in problems[0], problems


def test_folder_checks_catch_checkpoints_bad_names_and_spaces(tmp_path):
    notebooks = tmp_path / "notebooks"
    (notebooks / ".ipynb_checkpoints").mkdir(parents=True)
    for name in ("01-fine.ipynb", "Untitled.ipynb", "02-Bad Name.ipynb"):
        (notebooks / name).write_text("{}")
    problems = notebook_folder_problems(
        notebooks,
        ["notebooks/01-fine.ipynb", "notebooks/.ipynb_checkpoints/01-fine-checkpoint.ipynb"],
    )
    assert len(problems) == 4, problems
    assert sum("remove it" in p for p in problems) == 1
    assert sum("never be committed" in p for p in problems) == 1
    assert {p.split(":")[0] for p in problems if "NN-" in p} == {
        "Untitled.ipynb",
        "02-Bad Name.ipynb",
    }

    assert path_problems(["notebooks/01-fine.ipynb", "docs/my notes.md"]) == [
        "'docs/my notes.md': no spaces in paths (links and shell commands break)"
    ]
