"""selfcheck: a content-agnostic self-check exercise engine for Jupyter notebooks.

Importing is cheap and has no side effects: ipywidgets, yaml and jsonschema are imported only
when a widget is built or a bank is loaded.
"""

from .grading import Detail, Feedback, check, reveal
from .loading import load_bank, parse_bank
from .model import (
    Bank,
    BankError,
    Category,
    Matching,
    MatchItem,
    MultiChoice,
    Numeric,
    Option,
    Question,
    Reflection,
    SingleChoice,
    Tolerance,
    TrueFalse,
    UnknownExercise,
)
from .progress import ProgressStore

_LAZY = {"ExerciseView": "widgets", "ProgressOverview": "overview", "WithPreview": "display"}

__all__ = [
    "Bank",
    "BankError",
    "Category",
    "Detail",
    "ExerciseView",
    "Feedback",
    "Matching",
    "MatchItem",
    "MultiChoice",
    "Numeric",
    "Option",
    "ProgressOverview",
    "ProgressStore",
    "Question",
    "Reflection",
    "SingleChoice",
    "Tolerance",
    "TrueFalse",
    "UnknownExercise",
    "WithPreview",
    "check",
    "load_bank",
    "parse_bank",
    "reveal",
]


def __getattr__(name):
    # Widgets need ipywidgets; import them only when someone asks for them.
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'selfcheck' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
