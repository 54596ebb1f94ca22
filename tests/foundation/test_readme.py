"""The README's links and commands agree with pyproject.toml, the Makefile and CI."""

import re
import tomllib

import pytest

from .checks import ROOT, readme_link_problems

README = (ROOT / "README.md").read_text()
REPO_URL = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]


def section(text, heading):
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README has no '## {heading}' section"
    return match.group(1)


def test_binder_and_nbgitpuller_links_agree_with_pyproject():
    problems = readme_link_problems(README, REPO_URL)
    assert not problems, "\n".join(problems)


def quick_start_commands():
    blocks = re.findall(r"```\w*\n(.*?)```", section(README, "Quick start"), re.S)
    return [line.strip() for b in blocks for line in b.splitlines() if line.strip()]


def test_quick_start_is_exactly_make_lab_and_make_test():
    assert quick_start_commands() == ["make lab", "make test"]


def test_ci_runs_exactly_the_readme_test_command():
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines[-1] == quick_start_commands()[-1]


def test_readme_has_the_promised_sections():
    for heading in (
        "Quick start",
        "Conda route",
        "The notebooks",
        "For educators",
        "For authors",
        "Runtime dependencies",
        "Performance",
        "Privacy",
    ):
        section(README, heading)
    assert "CONTRIBUTING.md" in section(README, "For authors")
    assert "make notebooks" in section(README, "For authors")


def test_every_runtime_dependency_is_justified_in_the_readme():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0].lower() for d in deps}
    rows = re.findall(r"^\| `([^`]+)` \| \S.*\|$", section(README, "Runtime dependencies"), re.M)
    assert set(rows) == names


def test_notebook_table_lists_ten_notebooks_in_order():
    targets = re.findall(
        r"\]\(notebooks/(\d\d)-[a-z0-9-]+\.ipynb\)", section(README, "The notebooks")
    )
    assert targets == [f"{i:02d}" for i in range(10)]


# --- the link check itself --------------------------------------------------------------------

BADGE = (
    "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/me/mod/HEAD"
    "?urlpath=lab/tree/notebooks/00-start-here.ipynb)\n"
)
PULL = (
    "https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fme%2Fmod"
    "&branch=main&urlpath=lab%2Ftree%2Fmod%2Fnotebooks%2F00-start-here.ipynb\n"
)


def test_good_links_pass():
    assert readme_link_problems(BADGE + PULL, "https://github.com/me/mod") == []


@pytest.mark.parametrize(
    "readme, expected",
    [
        (BADGE.replace("gh/me/", "gh/other/") + PULL, "Binder link does not match"),
        (BADGE.replace("lab/tree/notebooks/00", "lab/tree/notebooks/01") + PULL, "must open"),
        (PULL, "no Binder badge"),
        (BADGE, "no example nbgitpuller link"),
        (BADGE + PULL.replace("%2Fme%2F", "%2Fother%2F"), "nbgitpuller link repo="),
        (BADGE + PULL.replace("lab%2Ftree%2Fmod%2F", "lab%2Ftree%2F"), "urlpath="),
    ],
)
def test_link_check_catches_a_fork_that_changed_only_one_place(readme, expected):
    problems = readme_link_problems(readme, "https://github.com/me/mod")
    assert len(problems) == 1 and expected in problems[0], problems


def test_a_repository_url_that_is_not_github_is_reported():
    assert "not https://github.com" in readme_link_problems(BADGE, "https://gitlab.com/me/mod")[0]


def test_two_badges_one_per_view():
    """The JupyterLab badge and the app view's badge ("Open as a web page (no code)")."""
    from .checks import _BADGE, APP_URLPATH, BINDER_URLPATH

    badges = {link.rsplit("?urlpath=", 1)[-1]: alt for alt, link in _BADGE_ALT.findall(README)}
    assert set(badges) == {BINDER_URLPATH, APP_URLPATH}, badges
    assert badges[APP_URLPATH] == "Open as a web page (no code)"
    assert len(_BADGE.findall(README)) == 2


_BADGE_ALT = re.compile(
    r"\[!\[([^\]]*)\]\(https://mybinder\.org/badge[^)\s]*\)\]\((https://mybinder\.org/[^)\s]+)\)"
)


def test_the_hub_section_gives_the_app_link_too():
    educators = section(README, "For educators")
    assert f"urlpath=voila%2Frender%2F{REPO_URL.rsplit('/', 1)[-1]}%2Fnotebooks%2F" in educators
    assert "/voila/render/" in educators


def test_each_view_is_explained_with_a_screenshot():
    views = section(README, "Two ways to read it")
    assert "make app" in views and "make lab" in views
    shots = re.findall(r'<img src="(docs/[a-z-]+\.png)"[^>]*alt="[^"]{20,}"', views)
    assert len(shots) == 2, shots
    for shot in shots:
        assert (ROOT / shot).stat().st_size > 5_000, f"{shot} is missing or empty"
