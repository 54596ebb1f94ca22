"""Settings for the whole test run, including the kernels that nbval starts.

This runs when pytest imports it, before any test or kernel starts, and kernels inherit
os.environ: so every notebook run by nbval sees an empty, temporary progress store and the
same fixed settings as `make notebooks` (see tools/execute_notebooks.py). No test ever reads
or writes a learner's real progress.
"""

import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def _load_tool(name: str):
    """Import tools/<name>.py (tools/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


execute_notebooks = _load_tool("execute_notebooks")

_progress_dir = tempfile.mkdtemp(prefix="selfcheck-progress-test-")
atexit.register(shutil.rmtree, _progress_dir, ignore_errors=True)
os.environ.pop("SELFCHECK_NO_SAVE", None)  # tests must see the store behave as for learners
os.environ.update(execute_notebooks.kernel_environment(_progress_dir))


@pytest.fixture(scope="session")
def nbtool():
    """The tools/execute_notebooks.py module (execute, normalise, kernel_environment)."""
    return execute_notebooks
