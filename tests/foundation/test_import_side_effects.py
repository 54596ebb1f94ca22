"""Importing the packages (every submodule) in a fresh process writes no file and opens no
connection: a learner's first `from pcd import Lesson` must not touch their disk or network."""

import os
import subprocess
import sys

IMPORT_ALL = """
import importlib, pkgutil, socket

def refuse(*args, **kwargs):
    raise OSError("network access while importing")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse

import selfcheck, pcd
for package in (selfcheck, pcd):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
print("imported")
"""


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def run_imports(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    home, data, temp = tmp_path / "home", tmp_path / "jupyter-data", tmp_path / "tmp"
    for folder in (home, data, temp):
        folder.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "JUPYTER", "SELFCHECK_", "MPL", "IPYTHON"))
    }
    env.update(
        HOME=str(home), JUPYTER_DATA_DIR=str(data), TMPDIR=str(temp), PYTHONDONTWRITEBYTECODE="1"
    )
    return subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_importing_the_packages_writes_no_files(tmp_path):
    result = run_imports(tmp_path)
    assert result.returncode == 0 and result.stdout == "imported\n", result.stderr
    # Only files count: `import matplotlib` itself creates an empty ~/.config/matplotlib folder.
    assert files_under(tmp_path) == []


def test_the_harness_sees_a_written_file_and_a_connection(tmp_path, monkeypatch):
    # The same harness with imports that misbehave: both must be noticed.
    writes = "import pathlib; (pathlib.Path.home() / 'oops.json').write_text('{}')\n"
    connects = "import socket; socket.create_connection(('example.org', 80))\n"
    monkeypatch.setattr(
        sys.modules[__name__],
        "IMPORT_ALL",
        IMPORT_ALL.replace("import selfcheck, pcd\n", "import selfcheck, pcd\n" + writes),
    )
    assert run_imports(tmp_path / "a").returncode == 0
    assert files_under(tmp_path / "a") == ["home/oops.json"]

    monkeypatch.setattr(
        sys.modules[__name__],
        "IMPORT_ALL",
        IMPORT_ALL.replace("import selfcheck, pcd\n", "import selfcheck, pcd\n" + connects),
    )
    result = run_imports(tmp_path / "b")
    assert result.returncode == 1 and "network access while importing" in result.stderr
