"""The pip route, as the README gives it: in a fresh virtual environment, a plain
``pip install .`` of a clean copy of the repository, then ``jupyter lab`` from that
environment on the start notebook. Nothing else: no make, no settings script.

Proves what that install alone brings: no news pop-up; keys pressed on a focused exercise
control stay with it; an educator's edit to a bank in the copy shows after a kernel restart.
"""

from __future__ import annotations

import browser_harness as bh
import pytest
import route_harness as rh
from playwright.sync_api import expect

BANK = "modules/pcd/banks/00-start-here.yaml"
WARM_UP = "A warm-up to try the buttons. What is this module?"
WARM_UP_EDITED = "A warm-up, edited in the copy, to try the buttons. What is this module?"


@pytest.fixture(scope="module")
def pip_lab(browser, installed):
    server = None
    context = None
    try:
        with rh.timed("pip: JupyterLab answers"):
            server = bh.LabServer(
                installed.copy, installed.root / "lab", python=installed.python, in_place=True
            ).start()
        context, page = rh.new_page(browser)
        lab = bh.LabPage(page, server)
        with rh.timed("pip: open the start notebook and Run All"):
            lab.open(rh.START)
            lab.run_all()
            lab.wait_exercises(len(bh.exercise_ids(installed.copy / rh.START)))
        lab.copy = installed.copy
        yield lab
    finally:
        if context:
            context.close()
        if server:
            server.stop()


def test_no_news_pop_up(pip_lab):
    assert pip_lab.errors() == []
    rh.expect_no_news_pop_up(pip_lab)


def test_keys_on_a_focused_exercise_control_leave_the_notebook_unchanged(pip_lab):
    rh.keyboard_check(pip_lab)


def test_an_edited_bank_shows_after_a_kernel_restart(pip_lab):
    rh.replace_in_file(pip_lab.copy / BANK, WARM_UP, WARM_UP_EDITED)
    pip_lab.run_all(restart=True)
    widget = pip_lab.exercises.filter(has_text="What is this module?").first
    expect(widget).to_contain_text(WARM_UP_EDITED)
