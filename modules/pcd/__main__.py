"""Check exercise banks without opening a notebook: `python -m pcd check [FILE.yaml ...]`.

For educators and authors who edit a bank: it prints one line per bank, "ok" or the problem
(file, exercise, field and what was expected), and exits 1 if any bank has a problem. With no
files it checks every bank the module ships and the tools' data files (data/tools/*.yaml).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def check(paths: list[Path]) -> int:
    from selfcheck import BankError, load_bank

    from . import bibliography
    from .lesson import BANKS_DIR

    known = bibliography.keys()
    problems = 0
    for path in paths or sorted(BANKS_DIR.glob("*.yaml")):
        try:
            bank = load_bank(path, known_refs=known)
        except BankError as exc:
            problems += 1
            print(f"problem  {exc}")
        except OSError as exc:
            problems += 1
            print(f"problem  {path}: cannot be read ({exc.strerror or exc})")
        else:
            print(f"ok       {path.name}: {len(bank.exercises)} exercises")
    if not paths:
        from .tools import check as check_tools

        for name, problem in check_tools():
            if problem:
                problems += 1
                print(f"problem  {problem}")
            else:
                print(f"ok       {name}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pcd", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check exercise banks")
    check_cmd.add_argument("files", nargs="*", type=Path, help="bank files (default: all)")
    args = parser.parse_args(argv)
    return check(args.files)


if __name__ == "__main__":
    sys.exit(main())
