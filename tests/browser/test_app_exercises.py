"""Every question type in the app view, answered wrong and then right with the mouse.

The same drivers as in JupyterLab (test_browser_exercises.py): one way to answer each type, so
the two views are held to the same checks (feedback text, reveal, accessibility of feedback).
"""

from __future__ import annotations

import browser_harness as bh
import pytest
import test_browser_exercises as lab_suite

CASES = lab_suite.CASES


@pytest.mark.parametrize("ex", CASES, ids=[f"{c['type']}-{c['id']}" for c in CASES])
def test_answer_wrong_then_right_in_the_app_view(app, ex, app_screenshots):
    app.ready(ex["notebook"], pristine=False)
    widget = app.exercises.filter(has_text=bh.exercise_key_text(ex)).first
    widget.scroll_into_view_if_needed()
    getattr(lab_suite, f"drive_{ex['type']}")(app, widget, ex, app_screenshots)
    assert app.errors() == []
