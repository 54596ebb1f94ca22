"""`make lab` starts JupyterLab serving the start notebook.

The test runs the Makefile's own lab recipe, skipping only the install step (`make -o <stamp>`:
the environment is the one running this test), on a free port, with no browser and no token.
"""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from .checks import ROOT, STAMP_INPUTS, START, makefile_sandbox

STAMP = ".venv/.installed-from-pyproject"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def test_make_lab_serves_the_start_notebook(tmp_path):
    port = free_port()
    lab_args = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
        "--IdentityProvider.token= --ServerApp.password="
    )
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
    }
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["make", "-s", "-o", STAMP, "lab", f"LAB_ARGS={lab_args}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while get(f"{base}/api/status") != 200:
            assert server.poll() is None, (tmp_path / "lab.log").read_text()
            assert time.monotonic() < deadline, "no answer from /api/status within 60 s"
            time.sleep(0.3)
        # The server's root is notebooks/ (JupyterLab's default for `jupyter lab <file>`).
        assert get(f"{base}/api/contents/{START}?content=0") == 200, (
            tmp_path / "lab.log"
        ).read_text()
        assert get(f"{base}/lab/tree/{START}") == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # our own process group: make and jupyter
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def test_allow_root_only_when_running_as_root():
    recipe = subprocess.run(
        ["make", "-n", "-o", STAMP, "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    lab_line = [line for line in recipe.splitlines() if "jupyter lab" in line]
    assert len(lab_line) == 1 and f"notebooks/{START}" in lab_line[0]
    assert ("--allow-root" in lab_line[0]) == (os.geteuid() == 0)
    assert "--LabApp.news_url=None" in lab_line[0]  # no network while learning


def test_make_installs_only_when_its_inputs_changed(tmp_path):
    # Dry runs against a copy of the Makefile with a stamp newer / older than its inputs.
    makefile_sandbox(tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").write_text("")
    stamp = tmp_path / STAMP

    def dry_run():
        return subprocess.run(
            ["make", "-n", "test"], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout

    assert "pip install -e '.[test]'" in dry_run()  # no stamp yet
    stamp.write_text("")
    os.utime(tmp_path / "pyproject.toml", (time.time() - 60,) * 2)
    assert "pip install" not in dry_run()
    os.utime(tmp_path / "pyproject.toml", (time.time() + 60,) * 2)
    assert "pip install -e '.[test]'" in dry_run()
    assert "-m venv" not in dry_run()  # the existing venv is kept
    # A change to the module's JupyterLab settings reinstalls them, too.
    os.utime(tmp_path / "pyproject.toml", (time.time() - 60,) * 2)
    os.utime(tmp_path / "lab-settings" / "overrides.json", (time.time() + 60,) * 2)
    assert "tools/install_lab_settings.py" in dry_run()


def test_the_stamp_rule_lists_exactly_its_inputs():
    rule = re.search(r"^\$\(STAMP\):([^|\n]*)", (ROOT / "Makefile").read_text(), re.M)
    assert rule and tuple(rule.group(1).split()) == STAMP_INPUTS
