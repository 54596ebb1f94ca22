"""Every string the learner sees from the engine, in one place.

To translate the engine, replace the values of ``TEXT`` (keep the ``{placeholders}``).
Headlines start with a symbol *and* a word so feedback never relies on colour alone.
"""

from __future__ import annotations

TEXT: dict[str, str] = {
    # Headlines
    "correct": "✔ Correct",
    "partial": "◑ Partly right",
    "close": "◑ Close",
    "incorrect": "✘ Not quite",
    "done": "✔ Done",
    "unanswered": "ⓘ Nothing to check yet",
    "revealed": "ⓘ The answer",
    # Buttons and control labels
    "check": "Check",
    "check_tooltip": "Check my answer",
    "hint": "Hint",
    "hint_hide": "Hide hint",
    "hint_tooltip": "Show a hint for this question",
    "hint_prefix": "Hint:",
    "reveal": "Show answer",
    "reveal_tooltip": "Show the right answer and all explanations",
    "done_button": "Done",
    "done_tooltip": "I have finished thinking about this",
    "true": "True",
    "false": "False",
    "fact": "Fact",
    "myth": "Myth",
    "true_tooltip": "Answer: the statement is true",
    "false_tooltip": "Answer: the statement is false",
    "fact_tooltip": "Answer: this is a fact",
    "myth_tooltip": "Answer: this is a myth",
    "truefalse_prompt": "True or false?",
    "mythfact_prompt": "Myth or fact?",
    "choices_label": "Answer:",
    "choices_tooltip": "Choose one answer, then press Check",
    "multi_tooltip": "Tick this if it applies",
    "multi_instruction": "Select all that apply.",
    "numeric_label": "Your guess:",
    "numeric_tooltip": "Your estimate, between {low} and {high}{unit}",
    "numeric_box_instruction": "Type a number and press Enter, or press Check.",
    "matching_tooltip": "Category for: {item}",
    "reflection_label": "Your thoughts",
    "reflection_tooltip": "Private notes: never saved or sent anywhere",
    "reflection_placeholder": "Only you can see this. It is not saved.",
    # Feedback details
    "unanswered_single": "Choose an answer, then press Check.",
    "unanswered_multi": "Tick at least one box, then press Check.",
    "unanswered_matching": "Choose a category for at least one item, then press Check.",
    "unanswered_numeric": "Enter a number, then press Check.",
    "picked_right": "✔ “{option}”: right.",
    "picked_wrong": "✘ “{option}”: not right.",
    "missed": "✘ “{option}”: this one also applies.",
    "left_out": "✔ “{option}”: rightly left out.",
    "more_to_find": "There is at least one more right answer. Try again.",
    "try_again": "Try again.",
    "try_again_hint": "Try again, or use the hint.",
    "answer_is": "The answer: {answer}.",
    "answers_are": "The right answers: {answers}.",
    "statement_true": "This statement is true.",
    "statement_false": "This statement is false.",
    "statement_fact": "This is a fact.",
    "statement_myth": "This is a myth.",
    "numeric_exact": "Your guess of {guess} is exactly right.",
    "numeric_within_high": "Your guess of {guess} is within {tolerance} of the real figure, a little high.",
    "numeric_within_low": "Your guess of {guess} is within {tolerance} of the real figure, a little low.",
    "numeric_close_high": "Your guess of {guess} is close, but a little too high.",
    "numeric_close_low": "Your guess of {guess} is close, but a little too low.",
    "numeric_high": "Your guess of {guess} is too high.",
    "numeric_low": "Your guess of {guess} is too low.",
    "numeric_real": "The real figure: {answer}.",
    "numeric_real_interval": "The real figure: {answer} (95% interval {low} to {high}).",
    "tolerance_relative": "{percent}%",
    "tolerance_points": "{value} percentage points",
    "item_right": "✔ “{item}” → {category}: right.",
    "item_wrong": "✘ “{item}” → {category}: not right.",
    "item_unanswered": "ⓘ “{item}”: not answered yet.",
    "item_answer": "“{item}” → {category}.",
    "matching_score": "{right} of {total} right.",
    "reflection_done": "Your thoughts stay on this screen. They are not saved.",
    "consider": "Thoughts to consider:",
    "sources": "Source:",
    # Static preview (no kernel)
    "preview_run": "Run the notebook (Run ▸ Run All Cells) to answer.",
    "preview_label": "Self-check",
    "preview_type_single": "choose one",
    "preview_type_multi": "select all that apply",
    "preview_type_truefalse": "true or false",
    "preview_type_mythfact": "myth or fact",
    "preview_type_numeric": "estimate",
    "preview_type_matching": "match each item",
    "preview_type_reflection": "private reflection",
    "preview_range": "Your estimate: between {low} and {high}{unit}.",
    "preview_categories": "Categories:",
    "preview_items": "Items:",
    # Progress store notices
    "notice_corrupt": (
        "Your saved progress file could not be read, so it was set aside as {backup} "
        "and a fresh one was started. Your answers from now on are saved as usual."
    ),
    "notice_unsaved": (
        "Your progress could not be saved on this computer ({reason}). "
        "It is kept until you close this notebook."
    ),
    "notice_newer": (
        "Your saved progress was written by a newer version of this module, so it is left "
        "as it is and saving is paused. Your answers are kept until you close this notebook."
    ),
    "notice_locked": (
        "Your progress could not be saved just now, because another program was using the "
        "file. It will be saved with your next answer."
    ),
    "reason_locked": "the progress file is in use by another program",
    "reset_newer": "the saved progress is from a newer version of this module",
    # Progress overview
    "overview_title": "Your progress",
    "overview_notebook": "Notebook",
    "overview_tried": "Exercises tried",
    "overview_first": "Right first time",
    "overview_total": "All notebooks",
    # One bank's row in the plain-text table (a whole sentence, so a translation can reorder it).
    "overview_line": "{title}: exercises tried {tried}, right first time {first}",
    "overview_of": "{n} of {total}",
    "overview_refresh": "Refresh",
    "overview_refresh_tooltip": "Update the table with your latest answers",
    "overview_reset": "Reset my progress…",
    "overview_reset_tooltip": "Delete your saved progress (asks first)",
    "overview_confirm": (
        "This deletes your saved progress for every notebook. It cannot be undone. "
        "Your reflections were never saved, so they are not affected."
    ),
    "overview_yes": "Yes, delete",
    "overview_yes_tooltip": "Delete my saved progress now",
    "overview_cancel": "Cancel",
    "overview_cancel_tooltip": "Keep my progress",
    "overview_was_reset": "✔ Your progress was reset.",
    "overview_kept": "ⓘ Nothing was deleted.",
    "overview_reset_failed": "ⓘ Your progress could not be deleted ({reason}). Nothing was changed.",
    "overview_preview_run": "Run the notebook (Run ▸ Run All Cells) to see your progress.",
}


def t(key: str, **values) -> str:
    """The learner-facing string ``key``, with ``{placeholders}`` filled in."""
    text = TEXT[key]
    return text.format(**values) if values else text


def unit_suffix(unit: str) -> str:
    """'%' -> '%', 'ms' -> ' ms': glued for % and °, spaced otherwise."""
    if not unit:
        return ""
    return unit if unit.startswith(("%", "°")) else f" {unit}"


def format_value(value: float, unit: str = "") -> str:
    """46 -> '46%', 1208 -> '1,208', 39.6 -> '39.6'."""
    value = float(value)
    if abs(value - round(value)) < 1e-9:
        text = f"{round(value):,}"
    else:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text + unit_suffix(unit)
