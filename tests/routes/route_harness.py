"""What the route tests share: a clean copy of the repository, fresh virtual environments
installed the way each route installs, real system users, and a real JupyterHub.

Everything runs on 127.0.0.1 and is started and stopped by the tests; nothing is mocked. The
browser side (JupyterLab pages, Chromium) is tests/browser/browser_harness.py.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import browser_harness as bh  # tests/browser is on sys.path (tests/conftest.py)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# The lock of the test environment (see CONTRIBUTING.md); when present, every route's pip
# install is constrained by it, so a route test fails for our reasons, not a new release's.
CONSTRAINTS = REPO / "constraints.txt"
# configurable-http-proxy 4.6.3 (package-lock.json): 5.x needs Node.js 20 or later (and its
# commander 22), while Debian 12's nodejs, which .ci/run installs when Node.js is missing, is 18.
NODE_MODULES = HERE / "node_modules"
PROXY = NODE_MODULES / ".bin" / "configurable-http-proxy"
NODE_HINT = "apt-get install nodejs npm (then `npm ci` in tests/routes, or let the test run it)"

# The notebook every route opens first, relative to the repository root.
START = "notebooks/00-start-here.ipynb"
# The clone nbgitpuller makes is named after the last part of the repository URL.
REPO_NAME = "why-cry-after-sex"


# Seconds per named step of each route, printed in the test session's summary.
STEPS: dict[str, float] = {}


@contextmanager
def timed(step: str):
    start = time.monotonic()
    try:
        yield
    finally:
        STEPS[step] = STEPS.get(step, 0.0) + time.monotonic() - start


def run(cmd, *, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    """Run a command; on failure raise with its output, so a broken route says why."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        **kwargs,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-40:])
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{tail}")
    return proc


def require(problem: str | None) -> None:
    """Skip (locally) or fail (in CI, ``CI=true``) when a route's tools are missing."""
    import pytest

    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(problem, pytrace=False)
    pytest.skip(problem)


def new_page(browser):
    """A page in a fresh browser context (its own cookies: one learner)."""
    from playwright.sync_api import expect

    # Generous: a fresh install's first start is slow on a busy 2-core machine.
    expect.set_options(timeout=30_000)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


# --------------------------------------------------------------------------- the repository


def tracked_files() -> list[str]:
    out = run(["git", "-C", REPO, "ls-files", "-z"]).stdout
    return [p for p in out.split("\0") if p and (REPO / p).is_file()]


def clean_copy(dest: Path) -> Path:
    """The repository as a fresh clone has it: every tracked file (with its working-tree
    content, so uncommitted edits are tested too), and nothing else: no .venv, no build
    folder, no egg-info that could hide a packaging mistake."""
    for rel in tracked_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    return dest


def git(repo: Path, *args: str) -> str:
    ident = ["-c", "user.name=Route test", "-c", "user.email=route-test@example.org"]
    return run(["git", *ident, "-C", repo, *args]).stdout


def bare_repository(parent: Path, branch: str = "main") -> tuple[Path, Path]:
    """A bare repository ``<parent>/why-cry-after-sex`` holding one commit of a clean copy on
    ``branch``, and the working clone a teacher pushes from. Returns (bare, clone)."""
    work = clean_copy(parent / "teacher" / REPO_NAME)
    git(work, "init", "-q", "-b", branch)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "The module, as the class uses it")
    bare = parent / REPO_NAME
    run(["git", "clone", "-q", "--bare", work, bare])
    git(work, "remote", "add", "origin", bare.as_uri())
    git(work, "fetch", "-q", "origin")
    git(work, "branch", "-q", f"--set-upstream-to=origin/{branch}")
    return bare, work


def replace_in_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------------------- environments


def pip_env() -> dict[str, str]:
    """The environment of every route's pip: quiet, and constrained by the lock if any."""
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    # The test run's own settings must not leak into the route (pip as a learner runs it).
    for key in ("PIP_CONSTRAINT", "PIP_REQUIRE_VIRTUALENV", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(key, None)
    if CONSTRAINTS.is_file():
        env["PIP_CONSTRAINT"] = str(CONSTRAINTS)
    return env


def base_python() -> str:
    """The interpreter the test environment was made from (a venv made from a venv's python
    works, but this makes the new venv independent of the test's one)."""
    return getattr(sys, "_base_executable", None) or sys.executable


def make_venv(path: Path, python: str | None = None) -> Path:
    """A fresh virtual environment made by ``python`` (default: the test's base
    interpreter); returns its python."""
    run([python or base_python(), "-m", "venv", path])
    return path / "bin" / "python"


def _others_can_use(path: Path) -> bool:
    """Whether an account other than the owner can reach and run/read ``path``: every
    folder on the way must be searchable by others (a Python under /root is not)."""
    path = path.resolve()
    for folder in path.parents:
        if not folder.stat().st_mode & 0o001:
            return False
    return bool(path.stat().st_mode & 0o004)


def python_for_everyone() -> str | None:
    """An interpreter (3.11 or newer, with venv) that every account can run, for an
    environment shared by the learners of a hub: the test's own if it qualifies, else the
    system's. A venv links to its base interpreter and standard library, so a venv made from
    a Python in root's home is unusable by learners, however open the venv itself is."""
    for candidate in (base_python(), "/usr/bin/python3", "/usr/local/bin/python3"):
        if not Path(candidate).exists():
            continue
        probe = subprocess.run(
            [
                candidate,
                "-c",
                "import sys, venv, ensurepip; print(sys.base_prefix); "
                "print(sys.version_info >= (3, 11))",
            ],
            capture_output=True,
            text=True,
        )
        lines = probe.stdout.split()
        if probe.returncode or lines[-1:] != ["True"]:
            continue
        stdlib = Path(lines[0]) / "lib"
        if _others_can_use(Path(candidate)) and _others_can_use(stdlib):
            return candidate
    return None


def pip_install(python: Path, *args, cwd: Path | None = None) -> float:
    """``python -m pip install ARGS``; returns the seconds it took. ``--no-compile`` only
    saves the tests time: Python compiles each module when it is first imported instead."""
    start = time.monotonic()
    cmd = [python, "-m", "pip", "install", "-q", "--no-compile", *args]
    run(cmd, env=pip_env(), cwd=cwd, timeout=900)
    return time.monotonic() - start


def environment_yml_requirements(path: Path) -> tuple[str, list[str]]:
    """(python version, pip requirement strings) from a conda environment.yml: the closest
    we get to ``conda env create`` with no conda channel reachable. Conda's ``name>=1`` and
    ``name=1.2`` map to pip's ``name>=1`` and ``name==1.2.*``."""
    import yaml

    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    python = ""
    reqs: list[str] = []
    for dep in spec.get("dependencies", []):
        if isinstance(dep, dict):  # a `pip:` section: already pip requirements
            reqs.extend(dep.get("pip", []))
            continue
        name = re.split(r"[<>=!~ ]", dep, maxsplit=1)[0]
        rest = dep[len(name) :].strip()
        if name == "python":
            python = rest.lstrip("=")
            continue
        if name == "pip":
            continue
        if re.fullmatch(r"=[^=<>!].*", rest):
            rest = "==" + rest[1:] + ("" if "*" in rest else ".*")
        reqs.append(name + rest)
    return python, reqs


# --------------------------------------------------------------------------- system users


def can_manage_users() -> str | None:
    """None if this process can create real system users, else why not."""
    if os.geteuid() != 0:
        return "creating the learners' system accounts needs root"
    missing = [c for c in ("useradd", "userdel") if not shutil.which(c)]
    if missing:
        return f"{', '.join(missing)} not found (apt-get install passwd)"
    return None


class SystemUser:
    """A real login account with its own home (``useradd -m``), removed again afterwards."""

    def __init__(self, stem: str):
        # Unique per run: two test runs on one machine must not share (or delete) accounts.
        self.name = f"pcd-{stem}-{secrets.token_hex(3)}"
        self.home: Path | None = None
        self.uid = -1

    def create(self) -> SystemUser:
        run(["useradd", "--create-home", "--shell", "/bin/bash", self.name])
        entry = pwd.getpwnam(self.name)
        self.home, self.uid = Path(entry.pw_dir), entry.pw_uid
        return self

    def processes(self) -> list[int]:
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            m = re.search(r"^Uid:\s+(\d+)", text, re.M)
            if m and int(m.group(1)) == self.uid:
                pids.append(int(status.parent.name))
        return pids

    def remove(self) -> None:
        if self.uid < 0:
            return
        # Only processes of this account, which exists only for this test: the servers and
        # kernels our hub started for it, if the hub did not stop them.
        for pid in self.processes():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while self.processes() and time.monotonic() < deadline:
            time.sleep(0.1)
        subprocess.run(["userdel", "--remove", self.name], capture_output=True)
        self.uid = -1


# --------------------------------------------------------------------------- the hub


def proxy_problem() -> str | None:
    """None once JupyterHub's proxy (configurable-http-proxy, pinned in tests/routes/
    package-lock.json) is installed; installs it with ``npm ci`` when npm is there."""
    if PROXY.exists():
        return None
    if not (shutil.which("node") and shutil.which("npm")):
        return f"Node.js and npm not found: {NODE_HINT}"
    try:
        run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, timeout=300)
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        return f"`npm ci` in {HERE} failed: {err}"
    return None if PROXY.exists() else f"`npm ci` did not install {PROXY}"


def free_ports(n: int) -> list[int]:
    import socket

    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


HUB_CONFIG = """\
# Written by tests/routes/route_harness.py: a class hub on 127.0.0.1 for the route test.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.db_url = "sqlite:///{db}"
c.JupyterHub.cookie_secret = bytes.fromhex({secret!r})
# JupyterHub's own test authenticator (any password) and real accounts for the learners:
# the local-process spawner starts each learner's server as that system user, in their home.
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "localprocess"
# The learners' environment: JupyterLab, nbgitpuller and the module, installed as the README
# tells a hub admin. The hub itself runs from another environment, as on most hubs.
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
# The tests read JupyterLab's state (kernel connected and idle) from the page.
c.Spawner.args = ["--LabApp.expose_app_in_browser=True"]
c.Spawner.environment = {environment!r}
# A busy 2-core machine: the first start of a server can take a while.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
"""


class Hub(bh.ServerProcess):
    """A real JupyterHub with configurable-http-proxy, started as root from the test
    environment; learners' servers run ``<user_env>/bin/jupyterhub-singleuser``."""

    name = "jupyterhub"
    stop_grace_s = 30.0  # SIGTERM: the hub stops the learners' servers and its proxy first
    log_lines = 60

    def __init__(self, root: Path, user_env: Path, users: list[str], environment: dict):
        self.root = root
        self.user_env = user_env
        self.port, hub_port, api_port = free_ports(3)
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = root / "jupyterhub_config.py"
        self.log_path = root / "hub.log"
        self.config.write_text(
            HUB_CONFIG.format(
                port=self.port,
                hub_port=hub_port,
                api_port=api_port,
                proxy=str(PROXY),
                proxy_pid=str(root / "proxy.pid"),
                db=root / "jupyterhub.sqlite",
                secret=secrets.token_hex(32),
                users=set(users),
                singleuser=str(user_env / "bin" / "jupyterhub-singleuser"),
                environment=environment,
            )
        )
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> Hub:
        # The learners' servers inherit PATH from the hub: the learners' environment first,
        # as on a hub where it is the default one; never the test run's own venv.
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("JUPYTER", "SELFCHECK", "PIP_", "VIRTUAL_ENV", "PYTHON"))
        }
        env["PATH"] = f"{self.user_env / 'bin'}:/usr/local/bin:/usr/bin:/bin"
        self.launch([sys.executable, "-m", "jupyterhub", "-f", str(self.config)], env, self.root)
        self.wait_until_answers(
            f"{self.url}/hub/api",
            lambda r: r.status == 200 and "version" in json.load(r),
            timeout,
            poll_s=0.3,
        )
        return self

    def stop(self) -> None:
        super().stop()
        pid_file = self.root / "proxy.pid"
        if pid_file.exists():  # the proxy our hub started, if the hub could not stop it
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
            except (ValueError, ProcessLookupError):
                pass

    def pull_link(self, bare: Path, branch: str = "main") -> str:
        """The README's nbgitpuller link, for this hub and a repository URL."""
        from urllib.parse import urlencode

        query = urlencode(
            {
                "repo": bare.as_uri(),
                "branch": branch,
                "urlpath": f"lab/tree/{REPO_NAME}/{START}",
            }
        )
        return f"{self.url}/hub/user-redirect/git-pull?{query}"


def world_readable_tempdir(prefix: str) -> Path:
    """A temporary folder other accounts can enter (mkdtemp makes it private to us)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


# --------------------------------------------------------------------------- in the page


def expect_no_news_pop_up(lab) -> None:
    """No notification toast (JupyterLab asks about Jupyter news a moment after it starts,
    unless the module's settings turned that off); call it after a Run All, which gives
    JupyterLab that moment."""
    from playwright.sync_api import expect

    expect(lab.page.locator(".jp-Notification-Toast, .Toastify__toast")).to_have_count(0)
    expect(lab.page.get_by_text("Jupyter news")).to_have_count(0)


def keyboard_check(lab) -> None:
    """Keys pressed on a focused exercise control stay with it (the module's JupyterLab
    settings): arrow keys keep the focus in the exercise and the notebook on its cell, and
    cell shortcuts (``m`` to Markdown, ``d d`` delete, ``x`` cut) leave every cell in place.
    The focus handling is the keyboard browser test's own (tests/browser)."""
    import test_browser_keyboard as kb
    from playwright.sync_api import expect

    page = lab.page
    widget = lab.exercises.filter(has=page.locator("input[type=radio]")).first
    exercises = lab.exercises.count()
    cells, code_cells = lab.panel.locator(".jp-Cell"), lab.panel.locator(".jp-CodeCell")
    counts = (cells.count(), code_cells.count())
    active = lab.panel.locator(".jp-Cell.jp-mod-active")

    kb.enter_exercise(widget)
    before = active.get_attribute("data-windowed-list-index") or active.inner_text()[:80]
    for key in ("ArrowDown", "ArrowUp", "ArrowDown"):
        page.keyboard.press(key)
        assert kb.focused(page)["inside"], f"{key} took the focus out of the exercise"
    after = active.get_attribute("data-windowed-list-index") or active.inner_text()[:80]
    assert after == before, "an arrow key moved the notebook to another cell"

    widget.locator("input, button").first.focus()
    for key in ("m", "d", "d", "x"):
        page.keyboard.press(key)
    page.wait_for_timeout(300)  # a shortcut acts at once; give it the chance to misfire
    expect(lab.exercises).to_have_count(exercises)
    assert (cells.count(), code_cells.count()) == counts, "a letter key changed the notebook"
