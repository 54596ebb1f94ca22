"""Check the module's content without opening a notebook: `python -m pcd check [FILE ...]`.

For educators and authors who edit a bank, the bibliography or the study data. Run it from the
checkout (or its notebooks/ folder): with no files it checks exactly the files the notebooks
read there (pcd.content), every bank, bibliography.yaml and every data file. It prints one line
per file, "ok" or each problem (file, entry or exercise, field, and what was expected), and
exits 1 if any file has a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def check(paths: list[Path]) -> int:
    from . import content, validate

    folder = content.content_dir()
    if paths:
        files = [(validate.entry_for(p, folder), Path(p)) for p in paths]
    else:
        # Say which copy is checked: checking another copy than the edited one hides mistakes.
        print(f"Checking the content in {content.describe()}")
        files = list(validate.content_files(folder))
    problems = 0
    for entry, path in files:
        shown = path.relative_to(folder) if path.is_relative_to(folder) else path
        if any(ch in path.name for ch in "*?[") and not path.exists():
            found = [f"{shown}: no such files in {folder} ({entry.what})"]
        else:
            found = entry.check(path)
        for problem in found:
            print(f"problem  {problem}")
        if found:
            problems += 1
        else:
            print(f"ok       {shown}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pcd", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check banks, the bibliography and the data")
    check_cmd.add_argument(
        "files", nargs="*", type=Path, help="files to check (default: all the notebooks read)"
    )
    args = parser.parse_args(argv)
    return check(args.files)


if __name__ == "__main__":
    sys.exit(main())
