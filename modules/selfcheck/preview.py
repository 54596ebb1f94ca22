"""Static previews of a question for places without a kernel (GitHub, nbviewer, nbval).

A preview shows the question and its options as text, never answers, hints or explanations,
and never anything the learner typed: it is built once, from the bank only.
"""

from __future__ import annotations

from .grading import format_value, unit_suffix
from .markup import escape, inline, plain
from .model import Matching, MultiChoice, Numeric, Question, SingleChoice, TrueFalse
from .text import t


def kind_label(question: Question) -> str:
    if isinstance(question, TrueFalse) and question.style == "myth-fact":
        return t("preview_type_mythfact")
    return t(f"preview_type_{question.type}")


def prompt_of(question: Question) -> str:
    """The question's prompt; true/false questions default to "True or false?"."""
    if question.prompt:
        return question.prompt
    if isinstance(question, TrueFalse):
        return t("mythfact_prompt" if question.style == "myth-fact" else "truefalse_prompt")
    return ""


def _lines(question: Question) -> tuple[str, list[str], list[str] | None]:
    """(statement or range line, list entries, second list) as Markdown-light."""
    if isinstance(question, (SingleChoice, MultiChoice)):
        return "", [o.text for o in question.options], None
    if isinstance(question, TrueFalse):
        pair = (t("myth"), t("fact")) if question.style == "myth-fact" else (t("true"), t("false"))
        return question.statement, list(pair), None
    if isinstance(question, Numeric):
        line = t(
            "preview_range",
            low=format_value(question.min),
            high=format_value(question.max),
            unit=unit_suffix(question.unit),
        )
        return line, [], None
    if isinstance(question, Matching):
        return "", [i.text for i in question.items], [c.label for c in question.categories]
    return "", [], None


def preview_html(question: Question) -> str:
    extra, entries, categories = _lines(question)
    parts = [
        '<div class="selfcheck-preview">',
        f"<p><strong>{escape(t('preview_label'))}</strong> ({escape(kind_label(question))})</p>",
        f"<p>{inline(prompt_of(question))}</p>",
    ]
    if extra:
        parts.append(f"<p>{inline(extra)}</p>")
    if categories is not None:
        parts.append(f"<p>{escape(t('preview_items'))}</p>")
    if entries:
        parts.append("<ul>" + "".join(f"<li>{inline(e)}</li>" for e in entries) + "</ul>")
    if categories is not None:
        parts.append(f"<p>{escape(t('preview_categories'))}</p>")
        parts.append("<ul>" + "".join(f"<li>{inline(c)}</li>" for c in categories) + "</ul>")
    parts.append(f"<p><em>{escape(t('preview_run'))}</em></p></div>")
    return "\n".join(parts)


def preview_text(question: Question) -> str:
    extra, entries, categories = _lines(question)
    lines = [f"{t('preview_label')} ({kind_label(question)}): {plain(prompt_of(question))}"]
    if extra:
        lines.append(plain(extra))
    if categories is not None:
        lines.append(t("preview_items"))
    lines += [f"  - {plain(e)}" for e in entries]
    if categories is not None:
        lines.append(t("preview_categories"))
        lines += [f"  - {plain(c)}" for c in categories]
    lines.append(t("preview_run"))
    return "\n".join(lines)
