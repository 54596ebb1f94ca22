"""Benchmarks: `python tools/bench.py` prints a table and writes bench-results.json.

Each section is a function returning rows (dicts with "section", "case", "median_ms",
"p95_ms", "target_ms", "n"). Later work adds sections by appending to SECTIONS.
"""

from __future__ import annotations

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
    return {"section": section, "case": case, "median_ms": round(statistics.median(ms), 3),
            "p95_ms": round(p95, 3), "target_ms": target_ms, "n": len(ms), **extra}


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- engine


def _drivers(bank):
    """For each case: (exercise id, setup(view, right), act(view))."""

    def pick_single(v, right):
        v.choices.value = "a" if right else "b"

    def pick_multi(v, right):
        v.checkboxes["b"].value = right
        v.checkboxes["a"].value = True
        v.checkboxes["c"].value = not right

    def slide(v, right):
        v.input.value = 71 if right else 20

    def match(v, right):
        v.dropdowns["whale"].value = "sea"
        v.dropdowns["cow"].value = "land" if right else "sea"
        v.dropdowns["crab"].value = "sea"

    def type_text(v, right):
        v.textarea.value = "some private thoughts" if right else ""

    click_check = lambda v: v.check_button.click()  # noqa: E731
    return {
        "single": ("pick-one", pick_single, click_check),
        "multi": ("pick-many", pick_multi, click_check),
        "truefalse": ("true-or-false", lambda v, r: None,
                      lambda v: (v.true_button if v._bench_right else v.false_button).click()),
        "numeric": ("guess-percent", slide, click_check),
        "matching": ("sort-things", match, click_check),
        "reflection": ("think-about-it", type_text, lambda v: v.done_button.click()),
    }


def engine_clicks() -> list[dict]:
    """In-kernel time from a click to updated feedback, per question type."""
    import selfcheck

    bank = selfcheck.load_bank(EXAMPLE_BANK)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for store_kind in ("file", "memory"):
            store = selfcheck.ProgressStore(folder, save=(store_kind == "file"))
            for kind, (qid, setup, act) in _drivers(bank).items():
                view = selfcheck.ExerciseView(bank[qid], "example", store)
                samples = []
                for i in range(CLICKS):
                    right = i % 2 == 1
                    view._bench_right = right
                    setup(view, right)
                    before = view.feedback.value
                    samples.append(_timed(lambda: act(view)))
                    assert view.feedback.value != before, f"{kind}: feedback did not update"
                rows.append(_row("engine: click to feedback", f"{kind} ({store_kind} store)",
                                 samples, 5))
    return rows


def _subprocess_seconds(code: str, runs: int = 9) -> list[float]:
    env = {**os.environ, "SELFCHECK_NO_SAVE": "1"}
    out = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True, env=env)
        out.append(float(result.stdout.strip().splitlines()[-1]))
    return out


def engine_import() -> list[dict]:
    """Import cost of selfcheck on top of ipywidgets, in a fresh interpreter each run."""
    base = "import time, ipywidgets; t = time.perf_counter(); {body}; " \
           "print(time.perf_counter() - t)"
    rows = [
        _row("engine: import", "import selfcheck (after ipywidgets)",
             _subprocess_seconds(base.format(body="import selfcheck")), 100),
        _row("engine: import", "import selfcheck + selfcheck.ExerciseView",
             _subprocess_seconds(base.format(body="import selfcheck; selfcheck.ExerciseView")),
             100),
        _row("engine: import", "first load_bank (imports yaml, jsonschema)",
             _subprocess_seconds(base.format(
                 body=f"import selfcheck; selfcheck.load_bank({str(EXAMPLE_BANK)!r})")), None),
    ]
    return rows


SECTIONS = [engine_clicks, engine_import]


def main() -> int:
    rows = [row for section in SECTIONS for row in section()]
    head = (f"{'section':28} {'case':46} {'median ms':>10} {'p95 ms':>9} {'target':>7}"
            "  median ok")
    print(head)
    print("-" * len(head))
    for r in rows:
        target = r["target_ms"]
        ok = "" if target is None else ("yes" if r["median_ms"] < target else "NO")
        print(f"{r['section']:28} {r['case']:46} {r['median_ms']:10.3f} {r['p95_ms']:9.3f} "
              f"{'' if target is None else target:>7}  {ok}")
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"\nload average {load} on {os.cpu_count()} cores (a busy machine inflates p95)")
    RESULTS.write_text(json.dumps({"python": sys.version.split()[0], "load_average": load,
                                   "rows": rows}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
