"""Drive the learning module in a real JupyterLab and a real Chromium.

Used by the browser tests (``tests/browser``) and by the bench (``tools/bench.py``), so it has
no pytest dependency. One ``LabServer`` serves a temporary copy of the notebooks; ``LabPage``
wraps a Playwright page with the few learner actions the tests need (open, Run All, wait until
the kernel is idle, find exercises, read errors, take screenshots).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Overridable so the harness itself can be tried on a scratch folder of notebooks.
NOTEBOOKS = Path(os.environ.get("PCD_BROWSER_NOTEBOOKS", REPO / "notebooks"))
BANKS = REPO / "modules" / "pcd" / "banks"

# Debian's package by default; elsewhere (e.g. Ubuntu, where chromium is a snap) point
# PCD_CHROMIUM at any Chromium or Chrome binary.
CHROMIUM = Path(os.environ.get("PCD_CHROMIUM", "/usr/bin/chromium"))
INSTALL_HINT = (
    "apt-get install chromium fonts-noto-color-emoji, or set PCD_CHROMIUM to a Chromium binary"
)
# Playwright adds --headless itself. The rest keep Chromium from calling home (the offline test
# must only see the page's own requests) and make it work as root in a container.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

EXERCISE = ".selfcheck-exercise"
# Errors and stderr both render with the stderr MIME type in JupyterLab.
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
# A live widget's reference in an output (it names a model only a running kernel has).
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# What ipywidgets shows when a widget model is missing or failed to render.
WIDGET_FAILURES = ("Error displaying widget", "Failed to render widget", "model not found")
ACTIVE_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# Lines the test session prints in its summary (axe counts, timings), filled in by the tests.
SUMMARY: dict[str, list[str]] = {}


def note(section: str, line: str) -> None:
    SUMMARY.setdefault(section, []).append(line)


# --------------------------------------------------------------------------- notebooks, banks


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def _code_sources(nb_path: Path) -> list[str]:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            out.append("".join(src) if isinstance(src, list) else src)
    return out


_EXERCISE_CALL = re.compile(r"""lesson\.exercise\(\s*["']([a-z0-9-]+)["']""")
_LESSON = re.compile(r"""Lesson\(\s*["']([A-Za-z0-9_-]+)["']""")


def exercise_ids(nb_path: Path) -> list[str]:
    """Exercise ids a notebook shows, in order: one per ``lesson.exercise("id")`` call."""
    return [m for src in _code_sources(nb_path) for m in _EXERCISE_CALL.findall(src)]


def bank_name(nb_path: Path) -> str:
    for src in _code_sources(nb_path):
        m = _LESSON.search(src)
        if m:
            return m.group(1)
    return nb_path.stem


def load_bank_yaml(name: str) -> dict:
    import yaml

    return yaml.safe_load((BANKS / f"{name}.yaml").read_text(encoding="utf-8"))


def shown_exercises(folder: Path = NOTEBOOKS) -> list[dict]:
    """Every exercise a notebook displays, as its bank entry plus ``notebook``, ``index`` (its
    position among the notebook's exercise widgets), and the engine's own view of it:
    ``question`` (options and items in the order the learner sees them) and ``reveal_after``.
    Tests derive what to click from these, never from their own copy of the engine's rules."""
    from selfcheck import BankError, load_bank
    from selfcheck.widgets import shown_question

    found = []
    for nb in notebook_paths(folder):
        name = bank_name(nb)
        try:
            raw = {e["id"]: e for e in load_bank_yaml(name).get("exercises", [])}
            bank = load_bank(BANKS / f"{name}.yaml")
        except (FileNotFoundError, BankError):
            continue
        for index, ex_id in enumerate(exercise_ids(nb)):
            if ex_id in raw:
                found.append(
                    dict(
                        raw[ex_id],
                        notebook=nb.name,
                        index=index,
                        question=shown_question(bank[ex_id]),
                        reveal_after=bank.reveal_after,
                    )
                )
    return found


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A server the tests start in a process group of its own, with its output in a log file:
    started, waited for until it answers, and stopped. LabServer, AppServer and the route
    tests' Hub are each one of these."""

    log_path: Path
    proc: subprocess.Popen | None = None
    name = "server"
    stop_grace_s = 15.0
    log_lines = 40

    def launch(self, cmd: list[str], env: dict[str, str], cwd: Path) -> None:
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            start_new_session=True,
        )

    def wait_until_answers(self, url: str, ready, timeout: float, poll_s: float = 0.2) -> None:
        """Until ``ready(response)`` is true for a GET of ``url``; stops the server and raises
        with its log if it exits or does not answer within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if ready(r):
                        return
            except OSError:
                time.sleep(poll_s)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, n: int | None = None) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-(n or self.log_lines) :])

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(self.stop_grace_s)
            except subprocess.TimeoutExpired:
                # The server started its own process group; its children live in it too.
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if getattr(self, "_log", None):
            self._log.close()


class LabServer(ServerProcess):
    """A ``jupyter lab`` on 127.0.0.1 with no token, serving a temporary copy of notebooks.

    Everything the server or its kernels could write (served files, settings, workspaces,
    runtime files, progress) lives under ``self.root``, so a test can search all of it.
    """

    name = "jupyter lab"

    def __init__(
        self,
        notebooks: Path = NOTEBOOKS,
        root: Path | None = None,
        *,
        python: Path | str | None = None,
        in_place: bool = False,
    ):
        """``python``: the interpreter of another install whose JupyterLab runs (default: the
        test's own), as that install's ``jupyter lab`` would start (the route tests).
        ``in_place``: serve ``notebooks`` itself, not a copy (a route's scratch copy)."""
        self.source = notebooks
        self.other_install = python is not None
        self.python = str(python or sys.executable)
        self.root = Path(root or tempfile.mkdtemp(prefix="pcd-browser-"))
        self.served = notebooks if in_place else self.root / "served"
        self.in_place = in_place
        self.data = self.root / "data"
        self.settings = self.root / "settings"
        self.workspaces = self.root / "workspaces"
        self.runtime = self.root / "runtime"
        self.progress = self.root / "progress"
        self.config = self.root / "config"
        self.ipython = self.root / "ipython"  # the kernels' history database lands here
        self.log_path = self.root / "server.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [
            self.python,
            "-m",
            "jupyterlab",
            *self.server_flags(),
            f"--ServerApp.root_dir={self.served}",
            # Lets tests read kernel state and close documents without reloading the page.
            "--LabApp.expose_app_in_browser=True",
        ]

    def server_flags(self) -> list[str]:
        """On 127.0.0.1 at our port, with no browser, no token and no terminals."""
        return [
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.terminals_enabled=False",
        ]

    def extra_env(self) -> dict[str, str]:
        return {}

    def start(self, timeout: float = 60) -> LabServer:
        for d in (
            self.settings,
            self.workspaces,
            self.runtime,
            self.progress,
            self.config,
            self.ipython,
            self.data,
        ):
            d.mkdir(parents=True, exist_ok=True)
        if not self.in_place:
            shutil.copytree(  # creates the folders above it too (see AppServer)
                self.source, self.served, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
        # No settings of our own: the user-settings folder starts empty, so the news pop-up and
        # the keyboard protection come only from the package's settings file (overrides.d), as
        # on every install route.
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(self.settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.workspaces),
            JUPYTER_RUNTIME_DIR=str(self.runtime),
            JUPYTER_CONFIG_DIR=str(self.config),
            IPYTHONDIR=str(self.ipython),
            SELFCHECK_PROGRESS_DIR=str(self.progress),
            # Else debugpy warns about frozen modules on the kernel's stderr (a red output).
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        env.pop("SELFCHECK_NO_SAVE", None)
        env.update(self.extra_env())
        cmd = self.command()
        if self.other_install:
            # That install's own commands first, as in a shell where its venv is active, and
            # nothing from this machine's own Jupyter data folder (kernels, extensions).
            env["PATH"] = f"{Path(self.python).parent}{os.pathsep}{env.get('PATH', '')}"
            env["JUPYTER_DATA_DIR"] = str(self.data)
            env.pop("JUPYTER_PATH", None)
            # And the kernel's stderr as that install gives it to a learner.
            env.pop("PYDEVD_DISABLE_FILE_VALIDATION")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.launch(cmd, env, self.served)
        self.wait_until_answers(f"{self.url}/api/status", lambda r: r.status == 200, timeout)
        return self

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def files_containing(self, needle: str) -> list[Path]:
        """Every file under the server's temporary root (the server's log included) whose
        bytes contain ``needle``."""
        raw = needle.encode("utf-8")
        hits = []
        for path in self.root.rglob("*"):
            if path.is_file():
                try:
                    if raw in path.read_bytes():
                        hits.append(path)
                except OSError:
                    pass
        return hits

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        self.cleanup()


# --------------------------------------------------------------------------- the browser


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


LIGHT_THEME = "JupyterLab Light"
DARK_THEME = "JupyterLab Dark"


class LabPage:
    """A learner's view of one JupyterLab page."""

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server

    # -- locating
    @property
    def panel(self):
        return self.page.locator(ACTIVE_PANEL)

    @property
    def exercises(self):
        return self.panel.locator(EXERCISE)

    def exercise(self, index: int):
        return self.exercises.nth(index)

    # -- actions
    def open(self, name: str, timeout: float = 60_000) -> None:
        """Open a notebook with a fresh kernel.

        The first time, the way a Binder link does (``/lab/tree/<name>?reset``: a fresh
        workspace). Later, inside the running JupyterLab (like a double-click in the file
        browser), after closing every document unsaved and shutting down their kernels:
        reloading JupyterLab costs about 3 s per notebook on this machine."""
        in_app = self.page.url.startswith(self.server.url) and self.page.evaluate(
            "() => Boolean(window.jupyterapp)"
        )
        if in_app:
            self.page.evaluate(
                """async (path) => {
                    const app = window.jupyterapp;
                    const close = (w) => {
                        if (w.context) w.context.model.dirty = false;  // no "Save?" dialog
                        w.close();
                    };
                    const mains = () => Array.from(app.shell.widgets('main'));
                    const sessions = app.serviceManager.sessions;
                    const shutdown = async (keep) => {
                        await sessions.refreshRunning();
                        for (const s of Array.from(sessions.running()))
                            if (s.path !== keep) await sessions.shutdown(s.id);
                    };
                    // Reopening the same notebook must load it afresh, with a new kernel.
                    mains().filter(w => w.context && w.context.path === path).forEach(close);
                    await shutdown(null);
                    const panel = await app.commands.execute('docmanager:open', {path});
                    // Close the rest only now: an empty main area would open a Launcher.
                    mains().filter(w => w !== panel).forEach(close);
                    await shutdown(path);
                }""",
                name,
            )
        else:
            self.page.goto(
                f"{self.server.url}/lab/tree/{name}?reset", wait_until="domcontentloaded"
            )
        self.panel.locator(".jp-Notebook").wait_for(state="visible", timeout=timeout)
        self.wait_kernel_idle(timeout, name)

    def wait_kernel_idle(self, timeout: float = 60_000, name: str | None = None) -> None:
        """Wait until the current notebook's kernel is connected and idle.

        The notebook toolbar says idle before the kernel is connected (Run All then runs
        nothing); the status bar's "Idle" was found reliable. The kernel's own state is
        checked too, so an "Idle" left over from a closed notebook cannot fool us."""
        self.page.wait_for_function(
            """([name]) => {
                const bar = [...document.querySelectorAll('.jp-StatusBar-Widget')];
                if (!bar.some(w => /\\|\\s*Idle/.test(w.textContent))) return false;
                const app = window.jupyterapp;
                if (!app) return true;
                const panel = app.shell.currentWidget;
                if (!panel || !panel.sessionContext) return false;
                if (name && panel.context.path !== name) return false;
                const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
                return Boolean(kernel) && kernel.connectionStatus === 'connected'
                    && kernel.status === 'idle';
            }""",
            arg=[name],
            timeout=timeout,
            polling=100,
        )

    def run_all(self, timeout: float = 120_000, *, restart: bool = False) -> float:
        """Run ▸ Run All Cells from the menu bar (``restart=True``: Kernel ▸ Restart Kernel
        and Run All Cells…, confirmed); wait until every cell ran and the kernel is idle.
        Returns the seconds it took."""
        self.wait_kernel_idle()
        # Committed notebooks already show execution counts, and a fresh kernel numbers cells
        # the same way, so watch for the "[*]" prompts that mark cells as queued instead.
        self.panel.evaluate(
            """(panel) => {
                window.__pcdRun = {queued: 0};
                const seen = () => {
                    for (const p of panel.querySelectorAll('.jp-InputPrompt'))
                        if (p.textContent.includes('*')) { window.__pcdRun.queued++; return; }
                };
                window.__pcdRun.observer = new MutationObserver(seen);
                window.__pcdRun.observer.observe(panel, {subtree: true, childList: true,
                                                          characterData: true});
            }"""
        )
        start = time.monotonic()
        if restart:
            self.page.get_by_role("menuitem", name="Kernel", exact=True).click()
            self.page.get_by_role(
                "menuitem", name=re.compile(r"^Restart Kernel and Run All Cells")
            ).click()
            self.page.locator(".jp-Dialog").get_by_role(
                "button", name="Confirm Kernel Restart"
            ).click()
        else:
            self.page.get_by_role("menuitem", name="Run", exact=True).click()
            self.page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).click()
        self.page.wait_for_function(
            """([panelSel]) => {
                const run = window.__pcdRun;
                const panel = document.querySelector(panelSel);
                if (!run || !run.queued || !panel) return false;
                const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                if (prompts.some(p => p.textContent.includes('*'))) return false;
                const bar = [...document.querySelectorAll('.jp-StatusBar-Widget')];
                return bar.some(w => /\\|\\s*Idle/.test(w.textContent));
            }""",
            arg=[ACTIVE_PANEL],
            timeout=timeout,
            polling=100,
        )
        elapsed = time.monotonic() - start
        self.page.evaluate("() => window.__pcdRun.observer.disconnect()")
        return elapsed

    def wait_exercises(self, count: int, timeout: float = 30_000) -> None:
        """Wait until ``count`` exercise widgets are rendered (widgets render after idle)."""
        self.page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length >= n",
            arg=[f"{ACTIVE_PANEL} {EXERCISE}", count],
            timeout=timeout,
            polling=100,
        )

    def errors(self) -> list[str]:
        """Text of every error or stderr output, and of every widget that failed to render."""
        texts = [t.strip() for t in self.panel.locator(ERROR_OUTPUT).all_inner_texts()]
        for output in self.panel.locator(".jp-OutputArea-output").all_inner_texts():
            if any(f in output for f in WIDGET_FAILURES):
                texts.append(output.strip())
        return texts

    def save(self, timeout: float = 15_000) -> None:
        """Save with Ctrl+S, as a learner would, and wait until the tab is no longer dirty."""
        self.panel.locator(".jp-Notebook").focus()
        self.page.keyboard.press("Escape")  # command mode: Ctrl+S is handled by JupyterLab
        self.page.keyboard.press("Control+s")
        self.page.wait_for_function(
            """() => {
                const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current');
                return tab && !tab.classList.contains('jp-mod-dirty');
            }""",
            timeout=timeout,
        )

    def feedback_latency(self, widget, button, timeout: float = 10_000) -> float:
        """Milliseconds from a real mouse click on ``button`` to the exercise's feedback
        changing on screen (the round trip through the kernel), timed in the page."""
        widget.evaluate(
            """(ex) => {
                if (ex.__pcdTimer) return;
                const t = ex.__pcdTimer = {start: null, done: []};
                ex.addEventListener('click', () => { t.start = performance.now(); }, true);
                const area = ex.querySelector('.selfcheck-feedback').parentElement;
                new MutationObserver(() => {
                    if (t.start !== null) { t.done.push(performance.now() - t.start);
                                            t.start = null; }
                }).observe(area, {childList: true, subtree: true, characterData: true});
            }"""
        )
        count = widget.evaluate("(ex) => ex.__pcdTimer.done.length")
        button.click()
        widget.page.wait_for_function(
            "([ex, n]) => ex.__pcdTimer.done.length > n",
            arg=[widget.element_handle(), count],
            timeout=timeout,
            polling="raf",
        )
        return widget.evaluate("(ex) => ex.__pcdTimer.done[ex.__pcdTimer.done.length - 1]")

    @contextmanager
    def theme(self, name: str, timeout: float = 15_000):
        """Switch JupyterLab to the theme ``name`` ("JupyterLab Dark") as Settings ▸ Theme
        does, wait until its CSS is applied, and switch back to the light theme afterwards."""

        def use(theme: str) -> None:
            self.page.evaluate(
                "(theme) => window.jupyterapp.commands.execute('apputils:change-theme', {theme})",
                theme,
            )
            # The body names the theme once its stylesheet has loaded; two frames later the
            # page is painted with it.
            self.page.wait_for_function(
                "(theme) => document.body.dataset.jpThemeName === theme",
                arg=theme,
                timeout=timeout,
            )
            self.page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )

        use(name)
        try:
            yield
        finally:
            use(LIGHT_THEME)

    @contextmanager
    def whole_notebook_in_view(self, max_height: int = 16_000):
        """Grow the window to the notebook's full height, so nothing needs scrolling: the
        notebook scrolls inside the page, and off-screen cells are neither painted (for
        screenshots) nor measurable (for colour contrast)."""
        original = self.page.viewport_size
        scroller = self.panel.locator(".jp-WindowedPanel-outer")
        # The cells' own height: scrollHeight would add JupyterLab's "scroll past end" space.
        height = self.panel.locator(".jp-WindowedPanel-viewport").evaluate(
            "(el) => el.getBoundingClientRect().height"
        )
        chrome = original["height"] - scroller.evaluate("(el) => el.clientHeight")
        self.page.set_viewport_size(
            {"width": original["width"], "height": min(max_height, int(height + chrome + 40))}
        )
        try:
            # Run All leaves the notebook scrolled to its last cell.
            scroller.evaluate("(el) => { el.scrollTop = 0; }")
            self.page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            yield
        finally:
            self.page.set_viewport_size(original)

    def screenshot_notebook(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.whole_notebook_in_view():
            self.page.screenshot(path=str(path))

    # -- one run per notebook, shared by the tests that only look
    current: str | None = None
    pristine = False
    last_run_seconds = 0.0

    def ran(self, name: str, *, pristine: bool = True) -> float:
        """Make ``name`` open and fully run in this page; reuse the last run when possible.

        ``pristine=True`` asks for a run nobody has clicked in yet. A test that answers
        exercises passes ``pristine=False`` (and so marks the page as touched)."""
        if self.current != name or (pristine and not self.pristine):
            self.current = None
            self.open(name)
            self.last_run_seconds = self.run_all()
            self.current = name
        self.pristine = pristine
        return self.last_run_seconds

    def ready(self, name: str, *, pristine: bool = True) -> None:
        """``ran(name)``, then wait until every exercise the notebook shows is rendered."""
        self.ran(name, pristine=pristine)
        self.wait_exercises(len(exercise_ids(NOTEBOOKS / name)))


# --------------------------------------------------------------------------- accessibility

_AXE = None
SEVERE = ("serious", "critical")


def axe(page, include: list[str], rules: list[str] | None = None) -> dict:
    """Run axe-core on the elements matching the ``include`` selectors; return its raw result
    (``violations``, ``passes``, ``incomplete``...)."""
    global _AXE
    if _AXE is None:
        from axe_playwright_python.sync_playwright import Axe

        _AXE = Axe()
    options: dict = {}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    else:
        options["resultTypes"] = ["violations"]
    # JupyterLab's <html> and <body> are 0 px high with overflow hidden (the shell is
    # positioned absolutely). axe then takes every text as clipped away and skips it, so
    # contrast would pass without checking anything: give them the window's height first.
    page.evaluate(
        """() => { for (const el of [document.documentElement, document.body])
                       el.style.height = '100%'; }"""
    )
    context = {"include": [[sel] for sel in include]}
    return _AXE.run(page, context=context, options=options).response


def impact_counts(result: dict) -> dict[str, int]:
    """Violating nodes per impact level."""
    counts = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
    for v in result.get("violations", []):
        counts[v.get("impact") or "minor"] += len(v.get("nodes", []))
    return counts


def describe_violations(result: dict, impacts=SEVERE) -> str:
    lines = []
    for v in result.get("violations", []):
        if v.get("impact") in impacts:
            for node in v["nodes"][:5]:
                lines.append(
                    f"{v['impact']} {v['id']}: {v['help']} at {node['target']}: "
                    f"{node.get('failureSummary', '').strip()}"
                )
    return "\n".join(lines)


def rule_nodes(result: dict, rule: str) -> dict[str, int]:
    """How many nodes a rule passed, failed and could not decide."""
    out = {}
    for kind in ("passes", "violations", "incomplete"):
        out[kind] = sum(len(r.get("nodes", [])) for r in result.get(kind, []) if r["id"] == rule)
    return out


# --------------------------------------------------------------------------- exercises


def plain(text: str) -> str:
    """What the learner reads for bank Markdown-light text, whitespace collapsed."""
    from selfcheck.markup import plain as unmark

    return " ".join(unmark(str(text)).split())


def exercise_key_text(ex: dict) -> str:
    """Text that singles an exercise out on the page (its prompt, or its statement)."""
    return plain(ex.get("statement") or ex.get("prompt") or "")[:80]


def pick_notebook_for_types(types, exercises: list[dict]) -> dict[str, dict]:
    """One shown exercise per type, taken from as few notebooks as possible (each extra
    notebook costs a kernel start): the notebook that covers most types first."""
    by_nb: dict[str, dict[str, dict]] = {}
    for ex in exercises:
        by_nb.setdefault(ex["notebook"], {}).setdefault(ex["type"], ex)
    chosen: dict[str, dict] = {}
    for nb in sorted(by_nb, key=lambda n: (-len(set(by_nb[n]) & set(types)), n)):
        for typ, ex in by_nb[nb].items():
            if typ in types:
                chosen.setdefault(typ, ex)
    return chosen


def fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# One item's choices in a matching exercise: a fieldset named by the item (a radiogroup).
PICKER = ".selfcheck-group"


def picker_choice(picker, label: str):
    """The radio button that picks category ``label`` in one item's group."""
    return picker.get_by_role("radio", name=label, exact=True)


def expect_chosen(picker, label: str) -> None:
    from playwright.sync_api import expect

    expect(picker_choice(picker, label)).to_be_checked()
