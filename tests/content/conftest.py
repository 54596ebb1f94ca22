"""Collects each notebook's readability grade and prints a table at the end of the run."""

GRADES: dict[str, float] = {}
EXERCISES: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if not GRADES and not EXERCISES:
        return
    terminalreporter.section("content: readability and exercises per notebook")
    for name in sorted(set(GRADES) | set(EXERCISES)):
        grade = f"FK grade {GRADES[name]:5.2f}" if name in GRADES else "FK grade   n/a"
        terminalreporter.write_line(f"{name:32} {grade}   {EXERCISES.get(name, '')}")
