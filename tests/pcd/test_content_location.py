"""Content is read from where educators edit it: the checkout the notebooks live in, whatever
the install; the installed package's copy only when there is no checkout (pcd.content)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pcd import bibliography, content
from pcd.tools import prevalence

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "modules" / "pcd"


def make_checkout(folder: Path, source: Path = ROOT) -> Path:
    """A copy of a checkout's content and notebooks folder (no Python files needed)."""
    for part in ("modules/pcd/banks", "modules/pcd/data"):
        shutil.copytree(source / part, folder / part)
    (folder / "notebooks").mkdir()
    return folder


@pytest.fixture
def no_override(monkeypatch):
    monkeypatch.delenv(content.ENV_VAR, raising=False)


def test_the_checkout_is_found_from_its_notebooks_folder_and_below(tmp_path, no_override):
    checkout = make_checkout(tmp_path / "why-cry-after-sex")
    (checkout / "notebooks" / "deeper").mkdir()
    for start in (checkout, checkout / "notebooks", checkout / "notebooks" / "deeper"):
        assert content.checkout_content(start) == checkout / "modules" / "pcd"


def test_a_checkout_found_before_is_searched_again_once_its_content_is_gone(tmp_path, no_override):
    # The search result is remembered per folder (it is asked for hundreds of times per
    # notebook); a remembered checkout that lost its content must not be used.
    outer = make_checkout(tmp_path / "outer")
    inner = make_checkout(outer / "notebooks" / "inner")
    start = inner / "notebooks"
    assert content.checkout_content(start) == inner / "modules" / "pcd"
    assert content.checkout_content(start) == inner / "modules" / "pcd"
    shutil.rmtree(inner / "modules")
    assert content.checkout_content(start) == outer / "modules" / "pcd"


def test_half_a_checkout_does_not_count(tmp_path, no_override):
    # Only banks/ without data/bibliography.yaml: not the module's content.
    (tmp_path / "modules" / "pcd" / "banks").mkdir(parents=True)
    assert content.checkout_content(tmp_path) is None


def test_without_a_checkout_the_installed_package_is_read(tmp_path, monkeypatch, no_override):
    monkeypatch.chdir(tmp_path)
    assert content.content_dir() == content.PACKAGE_DIR
    assert "installed package" in content.describe()


def test_the_environment_variable_overrides_the_search(tmp_path, monkeypatch):
    monkeypatch.setenv(content.ENV_VAR, str(tmp_path))
    assert content.content_dir() == tmp_path.resolve()
    assert content.banks_dir() == tmp_path.resolve() / "banks"


def test_every_content_reader_follows_the_content_folder(tmp_path, monkeypatch, no_override):
    checkout = make_checkout(tmp_path / "copy")
    bib = checkout / "modules/pcd/data/bibliography.yaml"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Bird, B. S.", "Byrd, B. S."), "utf-8")
    csv = checkout / "modules/pcd/data/prevalence.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Female university", "Edited"), "utf-8")
    from pcd import lesson

    monkeypatch.chdir(checkout / "notebooks")
    assert bibliography.in_text("bird2011") == "Byrd et al., 2011"
    assert any(r.population.startswith("Edited") for r in prevalence.load_prevalence())
    assert lesson.bank_path("00-start-here").parent == checkout / "modules/pcd/banks"
    monkeypatch.chdir(ROOT / "notebooks")
    assert bibliography.in_text("bird2011") == "Bird et al., 2011"  # the cache follows the file


# --- a real non-editable install -----------------------------------------------------------


def repo_files() -> list[str]:
    """What a commit would hold: tracked files plus untracked ones that are not ignored."""
    listed = subprocess.run(
        ["git", "-c", f"safe.directory={ROOT}", "ls-files", "--cached", "--others"]
        + ["--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [p for p in listed.split("\0") if p and (ROOT / p).is_file()]


PROBE = """
import json, pcd, pcd.lesson, pcd.content
bank = pcd.lesson.load("00-start-here")
print(json.dumps({"package": pcd.__file__, "title": bank.title, "content": str(pcd.content.content_dir())}))
"""


def run_python(code_or_args, cwd: Path, site: Path) -> subprocess.CompletedProcess:
    # The installed copy first on the path, ahead of this venv's editable install of modules/.
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop(content.ENV_VAR, None)
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """`pip install --no-deps .` (not editable) of a clean copy of the repository."""
    base = tmp_path_factory.mktemp("plain-install")
    clean = base / "repo"
    for rel in repo_files():
        (clean / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, clean / rel)
    site = base / "site"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation"]
        + ["--target", str(site), str(clean)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    assert (site / "pcd" / "banks" / "00-start-here.yaml").is_file()  # a real copy
    return clean, site


def test_an_edited_bank_in_the_checkout_is_shown_after_a_plain_install(installed):
    clean, site = installed
    bank = clean / "modules/pcd/banks/00-start-here.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("title: Start here", "title: Edited here"),
        encoding="utf-8",
    )
    run = run_python(PROBE, cwd=clean / "notebooks", site=site)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert Path(seen["package"]).is_relative_to(site)  # the code is the installed copy...
    assert seen["content"] == str(clean / "modules" / "pcd")  # ...the content the checkout's
    assert seen["title"] == "Edited here"

    # Outside any checkout, the installed package's own (unedited) copy is read.
    away = run_python(PROBE, cwd=site.parent, site=site)
    assert json.loads(away.stdout)["title"] == "Start here", away.stderr


def test_check_in_the_checkout_fails_on_a_bank_broken_there(installed):
    clean, site = installed
    bank = clean / "modules/pcd/banks/01-what-is-pcd.yaml"
    original = bank.read_text(encoding="utf-8")
    bank.write_text(original.replace("type: single", "type: singel", 1), encoding="utf-8")
    try:
        run = run_python(["-m", "pcd", "check"], cwd=clean / "notebooks", site=site)
        assert run.returncode == 1, run.stdout + run.stderr
        assert "problem  01-what-is-pcd.yaml" in run.stdout
        assert "Traceback" not in run.stdout + run.stderr
        # The installed copy is untouched and fine, which is what `check` used to report.
        fine = run_python(["-m", "pcd", "check"], cwd=site.parent, site=site)
        assert fine.returncode == 0, fine.stdout + fine.stderr
    finally:
        bank.write_text(original, encoding="utf-8")
