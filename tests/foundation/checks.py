"""Checks for the project's foundation, as pure functions that return a list of problems.

Each check takes plain data (a notebook dict, a list of paths, parsed YAML/TOML, text) so the
tests can run it on the real repository and also prove it fails on small bad inputs.
An empty list means "no problem"; every message says what is wrong and how to fix it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[2]
# What the Makefile's venv steps are rebuilt from: each stamp rule lists exactly these.
STAMP_INPUTS = (
    "pyproject.toml",
    "constraints.txt",
    "tools/install_data_files.py",
    "lab-settings/why-cry-after-sex.json",
    "jupyter-config/jupyter_server_config.d/selfcheck.json",
)
LAB_STAMP = ".venv/.installed-lab"
TEST_STAMP = ".venv/.installed-test"


def makefile_sandbox(folder: Path, age_s: float = 60) -> Path:
    """A copy of the Makefile in `folder`, with empty stand-ins for the files its venv step
    depends on, all `age_s` seconds old (so a newer stamp counts as up to date)."""
    import os
    import time

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Makefile").write_text((ROOT / "Makefile").read_text())
    for name in STAMP_INPUTS:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
        os.utime(path, (time.time() - age_s,) * 2)
    return folder


NOTEBOOK_DIR = ROOT / "notebooks"
START = "00-start-here.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTEBOOK_NAME = re.compile(r"\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb")
FIX = "run `make notebooks`"


# --- files of the repository -------------------------------------------------------------


def repo_files(root: Path = ROOT) -> list[str]:
    """Tracked files plus untracked files that are not ignored: what a commit would hold."""
    result = subprocess.run(
        [
            "git",
            "-c",
            f"safe.directory={root}",
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "-z",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(p for p in result.stdout.split("\0") if p and (root / p).exists())


def path_problems(paths: list[str]) -> list[str]:
    return [
        f"{p!r}: no spaces in paths (links and shell commands break)" for p in paths if " " in p
    ]


def notebook_folder_problems(notebook_dir: Path, files: list[str]) -> list[str]:
    """Checkpoint folders present or committed, and notebook names that break the NN-name scheme."""
    problems = [
        f"{d.relative_to(notebook_dir.parent)}: remove it (JupyterLab autosave copies)"
        for d in sorted(notebook_dir.rglob(".ipynb_checkpoints"))
    ]
    problems += [
        f"{p}: .ipynb_checkpoints must never be committed"
        for p in files
        if ".ipynb_checkpoints" in Path(p).parts
    ]
    problems += [
        f"{p.name}: notebook names are NN-lowercase-words.ipynb"
        for p in sorted(notebook_dir.glob("*.ipynb"))
        if not NOTEBOOK_NAME.fullmatch(p.name)
    ]
    return problems


# --- one notebook --------------------------------------------------------------------------


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


_START_LINK = re.compile(
    r"\]\(\s*(?:\./)?" + re.escape(START) + r"(?:#[^)\s]*)?\s*\)"  # [text](00-start-here.ipynb)
    r"|href=[\"'](?:\./)?" + re.escape(START) + r"(?:#[^\"']*)?[\"']"  # <a href="...">
)


NBVAL_TAGS = {"nbval-skip", "nbval-ignore-output", "nbval-check-output", "nbval-raises-exception"}
NBVAL_MARKERS = ["NBVAL_SKIP", "NBVAL_IGNORE_OUTPUT", "NBVAL_RAISES_EXCEPTION"]


def notebook_problems(nb: dict, name: str) -> list[str]:
    """Hygiene of one notebook (as parsed JSON or an nbformat node)."""
    problems = []
    meta = nb.get("metadata", {})
    kernel = meta.get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"{name}: kernelspec is {kernel!r}, must be 'python3' ({FIX})")
    if "widgets" in meta:
        problems.append(f"{name}: saved widget state in metadata.widgets ({FIX})")
    if meta.get("voila", {}).get("template") != "pcd":
        problems.append(
            f"{name}: metadata.voila.template is not 'pcd' (the offline app-view page; {FIX})"
        )

    cells = nb.get("cells", [])
    code = [(i, c) for i, c in enumerate(cells) if c.get("cell_type") == "code"]
    counts = [c.get("execution_count") for _, c in code]
    if counts != list(range(1, len(code) + 1)):
        problems.append(
            f"{name}: execution counts are {counts}, must be 1..{len(code)} in order "
            f"({FIX}; nbval compares only cells that have a count)"
        )
    for i, cell in code:
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                problems.append(
                    f"{name}: cell {i + 1} stores an error ({out.get('ename')}); "
                    "learners must never see a traceback"
                )
            if WIDGET_MIME in out.get("data", {}):
                problems.append(f"{name}: cell {i + 1} stores a live-widget reference ({FIX})")
            if kind == "execute_result" and out.get("execution_count") != cell.get(
                "execution_count"
            ):
                problems.append(
                    f"{name}: cell {i + 1} result count differs from its cell's ({FIX})"
                )

    for i, cell in code:
        # Each of these makes strict nbval stop comparing a cell's output (or skip the cell).
        tags = set(cell.get("metadata", {}).get("tags", [])) & NBVAL_TAGS
        markers = [m for m in NBVAL_MARKERS if m in _source(cell)]
        if tags or markers:
            problems.append(
                f"{name}: cell {i + 1} opts out of nbval's output check "
                f"({', '.join(sorted(tags) + markers)}); make its output "
                "deterministic instead"
            )

    if (
        not cells
        or cells[0].get("cell_type") != "markdown"
        or not _source(cells[0]).startswith("# ")
    ):
        problems.append(f"{name}: the first cell must be Markdown starting with '# Title'")
    if name != START:
        markdown = "\n".join(_source(c) for c in cells if c.get("cell_type") == "markdown")
        if not _START_LINK.search(markdown):
            problems.append(f"{name}: no Markdown link back to {START}")
    return problems


# --- environment.yml against pyproject.toml ---------------------------------------------------

# PyPI name -> conda-forge name, where they differ. All current runtime dependencies have the
# same name on both (pyyaml, filelock, jsonschema, ...); a fork adding e.g. "torch" ("pytorch")
# adds the pair here.
CONDA_NAME: dict[str, str] = {}
LOCAL_PIP_REF = re.compile(r"^\s*(-e\b|--editable\b|\.|/|~|file:|-r\b|git\+file:)")


def normalise_name(spec: str) -> str:
    """'PyYAML >=6.0' -> 'pyyaml'; 'conda-forge::ruamel_yaml=0.18' -> 'ruamel-yaml'."""
    spec = spec.split("::")[-1].strip()
    name = re.split(r"[\s<>=!~;\[(]", spec, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def version_range(spec: str) -> str:
    """'jupyterlab >=4.2, <5' -> '<5,>=4.2' (the comparison clauses, sorted, no spaces)."""
    spec = spec.split("::")[-1].split(";")[0]
    rest = re.split(r"^[A-Za-z0-9_.\-\[\]]+", spec.strip(), maxsplit=1)[-1]
    return ",".join(sorted(c.strip() for c in rest.replace(" ", "").split(",") if c.strip()))


def range_problems(where: str, name: str, spec: str) -> list[str]:
    clauses = version_range(spec).split(",")
    if not any(c.startswith(">=") for c in clauses) or not any(c.startswith("<") for c in clauses):
        return [
            f"{where}: {name!r} needs a bounded range like '>=1.2,<2' "
            f"(a lower bound the module needs, an upper bound at the next major version)"
        ]
    return []


def environment_problems(env: dict, pyproject: dict) -> list[str]:
    problems = []
    if "conda-forge" not in (env.get("channels") or []):
        problems.append("environment.yml: channels must include conda-forge")
    deps = env.get("dependencies") or []
    conda = [d for d in deps if isinstance(d, str)]
    pip_lists = [d["pip"] for d in deps if isinstance(d, dict) and "pip" in d]
    pip = [p for lst in pip_lists for p in (lst or [])]

    if not any(re.sub(r"\s+", "", d) == "python=3.11" for d in conda):
        problems.append(
            "environment.yml: pin Python as 'python=3.11' (with '='; "
            "otherwise repo2docker silently picks another version)"
        )
    if "pip" not in {normalise_name(d) for d in conda}:
        problems.append("environment.yml: list 'pip' (postBuild installs the module with it)")
    problems += [
        f"environment.yml: local pip reference {p!r} (postBuild installs the module; "
        "a local reference disables Binder's build cache)"
        for p in pip
        if LOCAL_PIP_REF.match(p)
    ]

    listed = {normalise_name(d) for d in conda} - {"python", "pip"}
    listed |= {normalise_name(p) for p in pip if not LOCAL_PIP_REF.match(p)}
    runtime = pyproject.get("project", {}).get("dependencies", [])
    wanted = {CONDA_NAME.get(n, n) for n in map(normalise_name, runtime)}
    problems += [
        f"environment.yml: runtime dependency {n!r} from pyproject.toml is missing"
        for n in sorted(wanted - listed)
    ]
    problems += [
        f"environment.yml: {n!r} is not a runtime dependency in pyproject.toml"
        for n in sorted(listed - wanted)
    ]
    return problems


def range_agreement_problems(env: dict, pyproject: dict) -> list[str]:
    """The same bounded version range on both sides, so conda and pip users run the same code."""
    problems = []
    conda = [d for d in env.get("dependencies") or [] if isinstance(d, str)]
    runtime = pyproject.get("project", {}).get("dependencies", [])
    conda_specs = {CONDA_NAME.get(normalise_name(d), normalise_name(d)): d for d in conda}
    for spec in runtime:
        name = CONDA_NAME.get(normalise_name(spec), normalise_name(spec))
        problems += range_problems("pyproject.toml", name, spec)
        if name in conda_specs and version_range(conda_specs[name]) != version_range(spec):
            problems.append(
                f"environment.yml: {name!r} has {version_range(conda_specs[name]) or 'no range'}, "
                f"pyproject.toml has {version_range(spec) or 'no range'}: make them the same"
            )
    return problems


# --- README links against [project.urls] ----------------------------------------------------

BINDER_URLPATH = "lab/tree/notebooks/" + START
# The app view (Voila's server extension): the same notebook as a page with no code.
APP_URLPATH = "voila/render/notebooks/" + START
BINDER_URLPATHS = (BINDER_URLPATH, APP_URLPATH)
_URL = re.compile(r"https?://[^\s)<>\"'`\]]+")
_BADGE = re.compile(
    r"\[!\[[^\]]*\]\((https://mybinder\.org/badge[^)\s]*)\)\]\((https://mybinder\.org/[^)\s]+)\)"
)


def github_owner_repo(repo_url: str) -> tuple[str, str] | None:
    m = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repo_url)
    return (m.group(1), m.group(2)) if m else None


def readme_link_problems(readme: str, repo_url: str) -> list[str]:
    where = "[project.urls] Repository in pyproject.toml"
    parts = github_owner_repo(repo_url)
    if parts is None:
        return [f"{where} is {repo_url!r}, not https://github.com/<owner>/<repo>"]
    owner, repo = parts
    problems = []

    badges = _BADGE.findall(readme)
    if not badges:
        problems.append("README: no Binder badge [![Binder](https://mybinder.org/badge...)](link)")
    for _, link in badges:
        if not link.endswith(tuple("?urlpath=" + p for p in BINDER_URLPATHS)):
            problems.append(f"README: a Binder badge must open one of {BINDER_URLPATHS}: {link}")

    urls = _URL.findall(readme)
    binder_prefix = f"https://mybinder.org/v2/gh/{owner}/{repo}/"
    problems += [
        f"README: Binder link does not match {where} ({binder_prefix}...): {u}"
        for u in urls
        if "mybinder.org/v2/" in u and not u.startswith(binder_prefix)
    ]

    pulls = [u for u in urls if "/git-pull?" in u]
    if not pulls:
        problems.append("README: no example nbgitpuller link (…/hub/user-redirect/git-pull?repo=…)")
    for u in pulls:
        query = parse_qs(urlsplit(u).query)
        got = query.get("repo", [""])[0].rstrip("/").removesuffix(".git")
        if got != repo_url.rstrip("/").removesuffix(".git"):
            problems.append(f"README: nbgitpuller link repo={got!r} does not match {where}: {u}")
        # nbgitpuller clones into a folder named after the repository.
        want_paths = (
            f"lab/tree/{repo}/notebooks/{START}",
            f"voila/render/{repo}/notebooks/{START}",
        )
        if query.get("urlpath", [""])[0] not in want_paths:
            problems.append(f"README: nbgitpuller link must have urlpath={want_paths[0]}: {u}")
    return problems


# --- repo2docker's Dockerfile ---------------------------------------------------------------


def _unescape(text: str) -> str:
    """repo2docker escapes build-file names ('-2e' is '.', '-2f' is '/')."""
    return re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), text)


def dockerfile_problems(dockerfile: str) -> list[str]:
    problems = []
    if (
        not re.search(r"^COPY .*\bsrc/environment\.yml\b", dockerfile, re.M)
        or '--file "environment.yml"' not in dockerfile
    ):
        problems.append(
            "Dockerfile: the root environment.yml is not used (is there a binder/ folder?)"
        )
    versions = set(re.findall(r"environment\.py-(\d+\.\d+)-", _unescape(dockerfile)))
    if versions != {"3.11"}:
        problems.append(
            f"Dockerfile: base environment is Python {sorted(versions) or '?'}, "
            "not 3.11 (pin 'python=3.11' in environment.yml)"
        )
    if not re.search(r"^RUN \./postBuild\s*$", dockerfile, re.M):
        problems.append("Dockerfile: postBuild is not run (is it missing or in a binder/ folder?)")
    return problems


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> int | None:
    """The HTTP status of `url`, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


@contextmanager
def make_server(
    target: str, args_var: str, args: str, env: dict[str, str], log_path: Path, *variables: str
):
    """Run `make <target>` (its install step skipped: this environment is the one under test)
    with `<args_var>=<args>` and any other `NAME=value` `variables`, wait until the Jupyter server answers, yield its base URL, then
    stop make and the server (one process group) whatever happened."""
    port = free_port()
    log = log_path.open("w")
    server = subprocess.Popen(
        ["make", "-s", "-o", LAB_STAMP, target, *variables, f"{args_var}=--port={port} {args}"],
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
            assert server.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, "no answer from /api/status within 60 s"
            time.sleep(0.3)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
