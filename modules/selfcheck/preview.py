"""Static previews of a question for places without a kernel (GitHub, nbviewer, nbval).

A preview shows the question and its options as text, never answers, hints or explanations,
and never anything the learner typed: it is built once, from the bank only.
"""

from __future__ import annotations

from .markup import escape, inline, plain
from .model import Matching, MultiChoice, Numeric, Question, Reflection, SingleChoice, TrueFalse
from .text import format_value, t, unit_suffix


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


def _choice_lines(q: SingleChoice | MultiChoice):
    return "", [o.text for o in q.options], None


def _truefalse_lines(q: TrueFalse):
    pair = (t("myth"), t("fact")) if q.style == "myth-fact" else (t("true"), t("false"))
    return q.statement, list(pair), None


def _numeric_lines(q: Numeric):
    line = t(
        "preview_range",
        low=format_value(q.min),
        high=format_value(q.max),
        unit=unit_suffix(q.unit),
    )
    return line, [], None


def _matching_lines(q: Matching):
    return "", [i.text for i in q.items], [c.label for c in q.categories]


# (statement or range line, list entries, second list or None) as Markdown-light, per type.
_LINES = {
    SingleChoice: _choice_lines,
    MultiChoice: _choice_lines,
    TrueFalse: _truefalse_lines,
    Numeric: _numeric_lines,
    Matching: _matching_lines,
    Reflection: lambda q: ("", [], None),
}


def _lines(question: Question) -> tuple[str, list[str], list[str] | None]:
    return _LINES[type(question)](question)


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
