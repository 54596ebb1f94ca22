"""The class route: a real JupyterHub, two learners, the README's nbgitpuller link.

The hub admin does what the README says: one environment for the learners' servers (readable
by every account) with JupyterLab, nbgitpuller and the module installed by pip. The hub is
JupyterHub from PyPI with configurable-http-proxy from npm (tests/routes/package-lock.json),
its dummy authenticator, and the local-process spawner: each learner is a real system account
(``useradd -m``), so their servers, kernels and files run and live as that account.

The class repository is a bare clone of this repository, reached through a ``file://`` URL.
Each learner follows the link, logs in, and lands in JupyterLab on the start notebook in their
own home; each answers the warm-up. Then the teacher commits a change to a bank; following the
link again brings it, and the learner's progress is still there.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import browser_harness as bh
import pytest
import route_harness as rh
from playwright.sync_api import expect
from selfcheck.text import t

NOTEBOOK = f"{rh.REPO_NAME}/{rh.START}"
BANK = "modules/pcd/banks/00-start-here.yaml"
WARM_UP = "A warm-up to try the buttons. What is this module?"
WARM_UP_NEW = "A warm-up from your teacher, to try the buttons. What is this module?"
RIGHT = "A guide that helps you learn about feelings after sex"
WRONG = "A form of therapy"


@dataclass
class ClassHub:
    root: Path
    hub: rh.Hub
    bare: Path
    teacher: Path
    learners: dict[str, rh.SystemUser]
    pages: dict[str, object] = field(default_factory=dict)


@pytest.fixture(scope="module")
def class_hub(browser, installed):
    rh.require(rh.can_manage_users())
    rh.require(rh.proxy_problem())
    rh.require(
        None
        if installed.shared
        else "no Python 3.11+ with venv that every account can run (apt-get install python3-venv)"
    )
    root = rh.world_readable_tempdir("pcd-route-hub-")
    learners: dict[str, rh.SystemUser] = {}
    hub = None
    contexts = []
    try:
        with rh.timed("hub: class repository, admin's install, accounts, hub start"):
            bare, teacher = rh.bare_repository(root)
            # The admin's step (README, "A class on a JupyterHub"), in the environment the
            # learners' servers run: the pip route's, which every account can run. JupyterHub
            # itself is what any hub has already; here it comes in the same pip command.
            admin = root / "admin"
            admin.mkdir()
            rh.run(["git", "clone", "-q", bare.as_uri(), admin / rh.REPO_NAME])
            rh.pip_install(
                installed.python, "jupyterhub", "nbgitpuller", f"./{rh.REPO_NAME}", cwd=admin
            )
            # Git refuses to read a repository another account owns ("dubious ownership"); the
            # learners' git reads this root-owned file:// one. A real class repository is
            # reached over https, where this does not arise, so it is set for this hub only.
            gitconfig = root / "gitconfig"
            gitconfig.write_text(f"[safe]\n\tdirectory = {bare}\n")
            for stem in ("ada", "ben"):
                learners[stem] = rh.SystemUser(stem).create()
            hub = rh.Hub(
                root,
                installed.venv,
                [u.name for u in learners.values()],
                {"GIT_CONFIG_SYSTEM": str(gitconfig)},
            ).start()
        state = ClassHub(root, hub, bare, teacher, learners)
        for stem in learners:
            context, page = rh.new_page(browser)
            contexts.append(context)
            state.pages[stem] = page
        yield state
    finally:
        with rh.timed("hub: stop the hub, remove the accounts"):
            for context in contexts:
                context.close()
            if hub:
                hub.stop()
            for user in learners.values():
                user.remove()
            shutil.rmtree(root, ignore_errors=True)


def follow_link(state: ClassHub, stem: str):
    """Open the README's nbgitpuller link as learner ``stem`` (logging in if asked) and wait
    until JupyterLab shows the start notebook with an idle kernel. Returns a LabPage."""
    with rh.timed(f"hub: {stem} follows the link until the notebook's kernel is idle"):
        return _follow_link(state, stem)


def _follow_link(state: ClassHub, stem: str):
    user, page = state.learners[stem], state.pages[stem]
    page.goto(state.hub.pull_link(state.bare))
    login = page.locator("#username_input")
    lab_url = f"{state.hub.url}/user/{user.name}/lab/tree/{NOTEBOOK}"
    page.wait_for_url(lambda url: "/hub/login" in url or url.startswith(lab_url), timeout=180_000)
    if "/hub/login" in page.url:
        login.fill(user.name)
        page.locator("#password_input").fill("any password: the dummy authenticator")
        page.locator("#login_submit").click()
    # The hub starts the learner's server, nbgitpuller clones or merges, then JupyterLab.
    page.wait_for_url(lambda url: url.startswith(lab_url), timeout=180_000)
    lab = bh.LabPage(page, SimpleNamespace(url=f"{state.hub.url}/user/{user.name}"))
    lab.panel.locator(".jp-Notebook").wait_for(state="visible", timeout=120_000)
    lab.wait_kernel_idle(120_000, NOTEBOOK)
    return lab


def warm_up(lab):
    return lab.exercises.filter(has_text="What is this module?").first


def answer_warm_up(lab, option: str, verdict: str) -> None:
    widget = warm_up(lab)
    widget.get_by_role("radio", name=option, exact=True).click()
    widget.get_by_role("button", name=t("check"), exact=True).click()
    expect(widget.locator(".selfcheck-feedback")).to_contain_text(verdict)


def expect_start_here(lab, tried: str, right: str, why: str) -> None:
    """The "Start here" row of the learner's progress overview shows these counts."""
    row = lab.panel.locator("table.selfcheck-overview tr", has_text="Start here").first
    cells = row.locator("td")
    try:
        expect(cells.nth(1)).to_have_text(tried)
        expect(cells.nth(2)).to_have_text(right)
    except AssertionError as err:
        raise AssertionError(f"{why}: {err}") from None


def progress_of(user: rh.SystemUser) -> tuple[Path, dict]:
    """The learner's progress file, where the module keeps it by default (their Jupyter data
    folder), and what it holds."""
    path = user.home / ".local" / "share" / "jupyter" / "selfcheck" / "progress.json"
    assert path.is_file(), f"no progress file at {path}; their home holds: " + ", ".join(
        str(p.relative_to(user.home)) for p in user.home.rglob("progress*.json")
    )
    return path, json.loads(path.read_text(encoding="utf-8"))["exercises"]


def test_each_learner_lands_on_the_start_notebook_in_their_own_home(class_hub):
    for stem, user in class_hub.learners.items():
        lab = follow_link(class_hub, stem)
        clone = user.home / rh.REPO_NAME
        assert (clone / rh.START).is_file(), f"nbgitpuller put no clone in {user.home}"
        assert (clone / rh.START).stat().st_uid == user.uid, "the clone is not the learner's"
        with rh.timed("hub: Run All (each learner)"):
            lab.run_all()
        lab.wait_exercises(len(bh.exercise_ids(clone / rh.START)))
        assert lab.errors() == [], f"{stem} sees an error after Run All"
        rh.expect_no_news_pop_up(lab)


def test_each_learners_progress_is_their_own(class_hub):
    ada, ben = class_hub.learners["ada"], class_hub.learners["ben"]
    lab_ada = bh.LabPage(class_hub.pages["ada"], None)
    answer_warm_up(lab_ada, RIGHT, t("correct"))
    expect_start_here(lab_ada, "1 of 5", "1 of 5", "Ada's overview did not update at once")
    path, exercises = progress_of(ada)
    assert path.stat().st_uid == ada.uid, f"{path} is not owned by {ada.name}"
    assert exercises["00-start-here/warm-up"]["last_result"] == "correct"

    # Ben runs the notebook after Ada answered: his overview knows nothing of her answer.
    lab_ben = bh.LabPage(class_hub.pages["ben"], None)
    lab_ben.run_all()
    expect(warm_up(lab_ben)).to_be_visible()
    expect_start_here(lab_ben, "0 of 5", "0 of 5", "Ben's overview shows Ada's answer")
    answer_warm_up(lab_ben, WRONG, t("incorrect"))
    path, exercises = progress_of(ben)
    assert path.stat().st_uid == ben.uid, f"{path} is not owned by {ben.name}"
    assert exercises["00-start-here/warm-up"]["last_result"] == "incorrect"
    # Ada's file still holds only her own answer.
    assert progress_of(ada)[1]["00-start-here/warm-up"]["last_result"] == "correct"


def test_a_new_commit_reaches_the_learner_and_keeps_their_progress(class_hub):
    ada = class_hub.learners["ada"]
    rh.replace_in_file(class_hub.teacher / BANK, WARM_UP, WARM_UP_NEW)
    rh.git(class_hub.teacher, "commit", "-q", "-am", "Warm-up: the teacher's wording")
    rh.git(class_hub.teacher, "push", "-q", "origin", "main")

    lab = follow_link(class_hub, "ada")
    bank = (ada.home / rh.REPO_NAME / BANK).read_text(encoding="utf-8")
    assert WARM_UP_NEW in bank, "following the link again did not bring the new commit"
    # What a learner does next: Run All, in the kernel their server kept running.
    lab.run_all()
    expect(warm_up(lab)).to_contain_text(WARM_UP_NEW)
    expect_start_here(lab, "1 of 5", "1 of 5", "Ada's progress was lost")
    assert progress_of(ada)[1]["00-start-here/warm-up"]["last_result"] == "correct"
