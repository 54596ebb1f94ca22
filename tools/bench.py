"""Benchmarks: `python tools/bench.py [--quick]` prints one table and writes bench-results.json.

Each section is a function returning rows (dicts with "section", "case", "median_ms",
"p95_ms", "target_ms", "n"; optionally "note", shown in the table). Later work adds sections
by appending to SECTIONS. `--quick` runs each notebook once and skips the environment sizes.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_BANK = ROOT / "tests" / "selfcheck" / "fixtures" / "example.yaml"
RESULTS = ROOT / "bench-results.json"
CLICKS = 200


def _row(section, case, samples_s, target_ms, **extra):
    ms = sorted(s * 1000 for s in samples_s)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {
        "section": section,
        "case": case,
        "median_ms": round(statistics.median(ms), 3),
        "p95_ms": round(p95, 3),
        "target_ms": target_ms,
        "n": len(ms),
        **extra,
    }


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- engine


def _one_per_type(bank) -> dict:
    """The first exercise of each question type in ``bank``, keyed by type."""
    first: dict = {}
    for question in bank:
        first.setdefault(question.type, question)
    return first


def engine_clicks() -> list[dict]:
    """In-kernel time from a click to updated feedback, per question type."""
    import selfcheck
    from selfcheck import grading

    bank = selfcheck.load_bank(EXAMPLE_BANK)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for store_kind in ("file", "memory"):
            store = selfcheck.ProgressStore(folder, save=(store_kind == "file"))
            for kind, question in _one_per_type(bank).items():
                view = selfcheck.ExerciseView(question, "example", store)
                # Right and wrong in turn, from the engine's own sample responses.
                responses = [grading.wrong_response(question), grading.right_response(question)]
                responses = [r for r in responses if r is not None]
                samples = []
                for i in range(CLICKS):
                    view.control.set_response(responses[i % len(responses)])
                    # Cleared first: a reflection's feedback is the same after every click.
                    view.feedback.value = before = ""
                    samples.append(_timed(view.control.press))
                    assert view.feedback.value != before, f"{kind}: feedback did not update"
                rows.append(
                    _row("engine: click to feedback", f"{kind} ({store_kind} store)", samples, 5)
                )
    return rows


def _subprocess_seconds(code: str, runs: int = 9) -> list[float]:
    env = {**os.environ, "SELFCHECK_NO_SAVE": "1"}
    out = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        out.append(float(result.stdout.strip().splitlines()[-1]))
    return out


def engine_import() -> list[dict]:
    """Import cost of selfcheck on top of ipywidgets, in a fresh interpreter each run."""
    base = (
        "import time, ipywidgets; t = time.perf_counter(); {body}; print(time.perf_counter() - t)"
    )
    rows = [
        _row(
            "engine: import",
            "import selfcheck (after ipywidgets)",
            _subprocess_seconds(base.format(body="import selfcheck")),
            100,
        ),
        _row(
            "engine: import",
            "import selfcheck + selfcheck.ExerciseView",
            _subprocess_seconds(base.format(body="import selfcheck; selfcheck.ExerciseView")),
            100,
        ),
        _row(
            "engine: import",
            "first load_bank (imports yaml, jsonschema)",
            _subprocess_seconds(
                base.format(body=f"import selfcheck; selfcheck.load_bank({str(EXAMPLE_BANK)!r})")
            ),
            None,
        ),
    ]
    return rows


def module_import() -> list[dict]:
    """What a notebook's setup cell costs beyond ipywidgets and matplotlib (fresh interpreter).

    IPython is imported first too: a kernel always has it, and pcd.lesson uses its display().
    """
    base = (
        "import time, IPython, ipywidgets, matplotlib; t = time.perf_counter(); {body}; "
        "print(time.perf_counter() - t)"
    )
    return [
        _row(
            "module: import",
            "import selfcheck, pcd (after ipywidgets, matplotlib)",
            _subprocess_seconds(base.format(body="import selfcheck, pcd")),
            100,
        ),
        _row(
            "module: import",
            "from pcd import Lesson (the setup cell's import)",
            _subprocess_seconds(base.format(body="from pcd import Lesson")),
            100,
        ),
        _row(
            "module: import",
            "+ Lesson('01-what-is-pcd'): first bank, bibliography",
            _subprocess_seconds(
                base.format(body="from pcd import Lesson; Lesson('01-what-is-pcd')")
            ),
            None,
        ),
    ]


def notebooks_section(quick: bool = False) -> list[dict]:
    """Each notebook in a fresh kernel next to its floor (tools/bench_notebooks.py)."""
    from bench_notebooks import notebook_rows

    # Kernels print a warning about TCP transport on our stderr; keep the table readable and
    # show their stderr only if something fails.
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            return notebook_rows(runs=1 if quick else 3)
        except BaseException:
            os.dup2(saved, 2)
            sink.seek(0)
            sys.stderr.write(sink.read().decode(errors="replace")[-4000:])
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def browser_section(quick: bool = False) -> list[dict]:
    """Calls the browser section (a `browser*` function in this file), when Chromium exists.

    If that function is already listed in SECTIONS, this one stays silent.
    """
    found = [
        f
        for name, f in globals().items()
        if name.startswith("browser") and name != "browser_section" and callable(f)
    ]
    if any(f in SECTIONS for f in found):
        return []
    case = "Run All to widgets; click to feedback"
    if not Path("/usr/bin/chromium").exists():
        return [_note_row("browser", case, "skipped: no Chromium")]
    if not found:
        return [_note_row("browser", case, "skipped: no browser section yet")]
    return [row for f in found for row in _run_section(f, quick)]


def app_view_section(quick: bool = False) -> list[dict]:
    """The app view (Voila): open each notebook's page to its first exercise (tools/bench_app.py)."""
    case = "open each notebook to its first exercise"
    if not Path("/usr/bin/chromium").exists():
        return [_note_row("app view", case, "skipped: no Chromium")]
    from bench_app import app_rows

    return app_rows(quick=quick)


def environment_section(quick: bool = False) -> list[dict]:
    if quick:
        return [_note_row("environment", "fresh venv sizes", "skipped (--quick)")]
    from bench_env import environment_rows

    return environment_rows()


def _note_row(section: str, case: str, note: str) -> dict:
    return {
        "section": section,
        "case": case,
        "median_ms": None,
        "p95_ms": None,
        "target_ms": None,
        "n": 0,
        "note": note,
    }


SECTIONS = [
    notebooks_section,
    engine_clicks,
    engine_import,
    module_import,
    browser_section,
    app_view_section,
    environment_section,
]


def _run_section(section, quick: bool) -> list[dict]:
    # A section that has a `quick` parameter gets --quick; the others run as they are.
    if "quick" in inspect.signature(section).parameters:
        return section(quick=quick)
    return section()


def _cell(value, width, digits):
    return f"{'':>{width}}" if value is None else f"{value:{width}.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="notebooks once instead of 3 times; skip the environment sizes",
    )
    args = parser.parse_args(argv)
    load_before = [round(x, 2) for x in os.getloadavg()]
    rows = [row for section in SECTIONS for row in _run_section(section, args.quick)]
    head = f"{'section':28} {'case':56} {'median ms':>10} {'p95 ms':>8} {'target':>6}  ok   note"
    print(head)
    print("-" * (len(head) + 30))
    for r in rows:
        target = r["target_ms"]
        ok = (
            ""
            if target is None or r["median_ms"] is None
            else ("yes" if r["median_ms"] < target else "NO")
        )
        print(
            f"{r['section']:28} {r['case'][:56]:56} {_cell(r['median_ms'], 10, 2)} "
            f"{_cell(r['p95_ms'], 8, 2)} {'' if target is None else target:>6}  {ok:4} "
            f"{r.get('note', '')}"
        )
    load = [round(x, 2) for x in os.getloadavg()]
    print(
        f"\nload average {load_before} before, {load} after, on {os.cpu_count()} cores "
        "(other work on the machine inflates every figure, p95 most)"
    )
    print(
        "floor = a fresh kernel that only imports ipywidgets, selfcheck, pcd and "
        "the notebook's pcd tools; ratio = notebook / floor"
    )
    RESULTS.write_text(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "quick": args.quick,
                "cores": os.cpu_count(),
                "load_average_before": load_before,
                "load_average": load,
                "rows": rows,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def browser_notebooks_and_clicks(quick: bool = False) -> list[dict]:
    """In a real JupyterLab and Chromium (tests/browser/browser_harness.py): for every
    notebook, Run All (menu click) until every exercise widget is rendered; then the latency
    from a mouse click to the feedback changing on screen, per question kind, over >= 20
    clicks alternating wrong and right answers (so the feedback changes every time)."""
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import browser_harness as bh
    from playwright.sync_api import sync_playwright

    clicks = 20 if quick else 40
    rows = []
    with bh.LabServer() as server, sync_playwright() as p:
        browser = bh.launch_chromium(p)
        try:
            lab = bh.LabPage(browser.new_page(viewport={"width": 1280, "height": 900}), server)
            for nb in bh.notebook_paths():
                lab.open(nb.name)
                start = time.perf_counter()
                lab.run_all()
                lab.wait_exercises(len(bh.exercise_ids(nb)))
                rows.append(
                    _row(
                        "browser: Run All to widgets", nb.stem, [time.perf_counter() - start], None
                    )
                )
            shown = bh.shown_exercises()
            for kind in ("truefalse", "single"):
                ex = next((e for e in shown if e["type"] == kind), None)
                if ex is None:
                    continue
                lab.ran(ex["notebook"], pristine=False)
                lab.wait_exercises(len(bh.exercise_ids(bh.NOTEBOOKS / ex["notebook"])))
                widget = lab.exercises.filter(has_text=bh.exercise_key_text(ex)).first
                widget.scroll_into_view_if_needed()
                samples = []
                for i in range(clicks):
                    right = i % 2 == 1
                    if kind == "truefalse":
                        names = (
                            ("Fact", "Myth")
                            if ex.get("style") == "myth-fact"
                            else ("True", "False")
                        )
                        name = names[0] if bool(ex["answer"]) == right else names[1]
                        button = widget.get_by_role("button", name=name, exact=True)
                    else:
                        pick = next(o for o in ex["options"] if (o["id"] == ex["answer"]) == right)
                        widget.get_by_role("radio", name=bh.plain(pick["text"]), exact=True).check()
                        button = widget.get_by_role("button", name="Check", exact=True)
                    samples.append(lab.feedback_latency(widget, button) / 1000)
                rows.append(
                    _row("browser: click to feedback", f"{kind} ({ex['id']})", samples, 100)
                )
        finally:
            browser.close()
    return rows


if __name__ == "__main__":
    sys.exit(main())
