"""constraints.txt: the lock that `make lab`, `make test` and CI install from.

It is generated (`uv pip compile`, the command is in its header and in CONTRIBUTING.md); these
tests check that it still covers pyproject.toml and that this environment was installed from it.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .checks import ROOT

LOCK = ROOT / "constraints.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
REFRESH = "uv pip compile pyproject.toml --extra test --python-version 3.11 --universal -o constraints.txt"


def pins(text: str) -> dict[str, tuple[str, str]]:
    """name -> (version, marker) for every `name==version [; marker]` line."""
    found = {}
    for line in text.splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?$", line.strip())
        if m:
            found[canonicalize_name(m.group(1))] = (m.group(2), m.group(3) or "")
    return found


def lock_problems(lock_text: str, pyproject: dict) -> list[str]:
    locked = pins(lock_text)
    project = pyproject["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    problems = []
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        if name not in locked:
            problems.append(f"constraints.txt: {spec.name} is not pinned; regenerate it")
        elif not spec.specifier.contains(locked[name][0], prereleases=True):
            problems.append(
                f"constraints.txt: {spec.name}=={locked[name][0]} is outside {spec.specifier} "
                "from pyproject.toml; regenerate it"
            )
    return problems


def test_the_lock_covers_every_dependency_in_range():
    assert lock_problems(LOCK.read_text(), PYPROJECT) == []


def test_the_lock_says_how_it_was_made():
    assert REFRESH in LOCK.read_text()
    assert REFRESH in (ROOT / "CONTRIBUTING.md").read_text()


def test_this_environment_was_installed_from_the_lock():
    mismatched = []
    for name, (version, marker) in pins(LOCK.read_text()).items():
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            mismatched.append(f"{name}: not installed (locked {version})")
            continue
        if canonicalize_name(installed) != canonicalize_name(version) and installed != version:
            mismatched.append(f"{name}: {installed} installed, {version} locked")
    assert not mismatched, "run `make test` after a lock change:\n" + "\n".join(mismatched)


def test_the_lock_check_catches_a_stale_lock():
    small = {
        "project": {"dependencies": ["pyyaml>=6,<7"], "optional-dependencies": {"test": ["ruff"]}}
    }
    assert lock_problems("pyyaml==6.0.4\nruff==0.17.6\n", small) == []
    assert lock_problems("pyyaml==7.0\nruff==0.17.6\n", small) == [
        "constraints.txt: pyyaml==7.0 is outside <7,>=6 from pyproject.toml; regenerate it"
    ]
    assert lock_problems("pyyaml==6.0.4\n", small) == [
        "constraints.txt: ruff is not pinned; regenerate it"
    ]
