"""Where to get help: the help services in data/help.yaml, checked and shown in the notebooks.

    from pcd import help as pcd_help
    pcd_help.line()     # every notebook: emergency numbers and a link to the full list
    pcd_help.table()    # notebook 08: every service, by country

Notebooks reach these through `lesson.help_line()` and `lesson.help_table()`. The help list is
the one place a phone number may come from (a content test enforces it), so an educator who
updates a number edits one file, and `python -m pcd check` tells them, in words, what is wrong
with it. If the file cannot be read, a learner still sees the advice to call their local
emergency number: the one part of this module that must never fail.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

HELP_FILE = "help.yaml"
HELP_ANCHOR = "08-coping-and-help.ipynb#Where-to-get-help"

KINDS: dict[str, str] = {
    "crisis": "Crisis line",
    "sexual-violence": "Sexual violence",
    "domestic-abuse": "Domestic abuse",
    "text-support": "Support by text",
    "lgbtq-peer": "LGBTQ+ peer support",
    "directory": "Directory of helplines",
    "therapists": "Finding a sex therapist",
}
SERVICE_FIELDS = {
    "name", "kinds", "for", "phone", "phone_extra", "text", "web", "chat", "email", "hours",
    "not_crisis", "source",
}  # fmt: skip
MONTHS = (
    "January February March April May June July August September October November December"
).split()

# What a learner sees if the help file is broken: no numbers (they could be the wrong ones),
# but the one step that is right everywhere.
FALLBACK = (
    "If you are in danger right now, call your local emergency number. "
    "Notebook 08 lists help lines by country."
)


class HelpFileError(ValueError):
    """A problem in the help file, worded for the educator who edits it."""

    def __init__(self, path: Path, where: str, message: str):
        self.path = Path(path)
        self.where = where
        self.message = message
        super().__init__(f"{self.path.name}: {where}: {message}" if where else message)


@dataclass(frozen=True)
class Service:
    name: str
    kinds: tuple[str, ...]
    for_: str
    source: tuple[str, ...]
    phone: str = ""
    phone_extra: str = ""
    text_to: str = ""
    text_word: str = ""
    web: str = ""
    chat: bool = False
    email: str = ""
    hours: str = ""
    not_crisis: bool = False


@dataclass(frozen=True)
class Region:
    name: str
    services: tuple[Service, ...]
    note: str = ""


@dataclass(frozen=True)
class HelpList:
    last_checked: str
    report_text: str
    report_url: str
    report_link_text: str
    emergency: tuple[tuple[str, str], ...]  # (where, number)
    regions: tuple[Region, ...] = field(default_factory=tuple)

    def checked_text(self) -> str:
        """ "November 2026" from "2026-11" (or "30 November 2026" from "2026-11-30")."""
        parts = [int(p) for p in self.last_checked.split("-")]
        month = MONTHS[parts[1] - 1]
        return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"

    def services(self):
        for region in self.regions:
            for service in region.services:
                yield region, service

    def numbers(self) -> list[str]:
        """Every phone number and text number in the file, as written (for the content tests)."""
        found = [part for _, number in self.emergency for part in number.split(" or ")]
        for _, s in self.services():
            found += [s.phone, s.phone_extra, s.text_to]
        return [n for n in found if n]


# --- loading and checking -----------------------------------------------------------------------

_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")
_PHONE = re.compile(r"[0-9A-Z +()-]*[0-9][0-9A-Z +()-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")


def _text(value, path: Path, where: str, name: str, *, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise HelpFileError(path, where, f"`{name}` is missing; it needs some text.")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise HelpFileError(path, where, f"`{name}` should be text, not {value!r}.")
    return str(value).strip()


def _url(value, path: Path, where: str, name: str, *, https: bool = True) -> str:
    url = _text(value, path, where, name)
    schemes = ("https://",) if https else ("https://", "http://")
    if url and not url.startswith(schemes):
        need = "https://" if https else "http:// or https://"
        raise HelpFileError(path, where, f"`{name}` should be a web address starting {need}.")
    return url


def _phone(value, path: Path, where: str, name: str) -> str:
    number = _text(value, path, where, name)
    if number and not _PHONE.fullmatch(number):
        raise HelpFileError(
            path,
            where,
            f"`{name}` {number!r} should hold only the number as the service writes it "
            "(digits, spaces, hyphens, brackets, capital letters). Put words in `phone_extra`.",
        )
    return number


def _service(raw, path: Path, where: str) -> Service:
    if not isinstance(raw, dict):
        raise HelpFileError(path, where, "each service should be a set of fields (name, for, …).")
    name = _text(raw.get("name"), path, where, "name", required=True)
    where = f"{where} ({name})"
    unknown = sorted(set(raw) - SERVICE_FIELDS)
    if unknown:
        raise HelpFileError(
            path,
            where,
            f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(SERVICE_FIELDS))}.",
        )
    kinds = raw.get("kinds")
    if not isinstance(kinds, list) or not kinds:
        raise HelpFileError(path, where, f"`kinds` should be a list of: {', '.join(KINDS)}.")
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise HelpFileError(
            path, where, f"`kinds` has {bad[0]!r}, which is not one of: {', '.join(KINDS)}."
        )
    text = raw.get("text") or {}
    if not isinstance(text, dict) or (text and not text.get("to")):
        raise HelpFileError(
            path, where, '`text` should look like {to: "85258", word: SHOUT} (word is optional).'
        )
    sources = raw.get("source")
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not sources:
        raise HelpFileError(
            path,
            where,
            "`source` is missing: give the page where you saw these details, so the next "
            "person can check them.",
        )
    email = _text(raw.get("email"), path, where, "email")
    if email and not _EMAIL.fullmatch(email):
        raise HelpFileError(path, where, f"`email` {email!r} does not look like an email address.")
    for flag in ("chat", "not_crisis"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise HelpFileError(path, where, f"`{flag}` should be true or false.")
    service = Service(
        name=name,
        kinds=tuple(kinds),
        for_=_text(raw.get("for"), path, where, "for", required=True),
        source=tuple(_url(s, path, where, "source", https=False) for s in sources),
        phone=_phone(raw.get("phone"), path, where, "phone"),
        phone_extra=_text(raw.get("phone_extra"), path, where, "phone_extra"),
        text_to=_phone(text.get("to"), path, where, "text: to"),
        text_word=_text(text.get("word"), path, where, "text: word"),
        web=_url(raw.get("web"), path, where, "web"),
        chat=bool(raw.get("chat", False)),
        email=email,
        hours=_text(raw.get("hours"), path, where, "hours"),
        not_crisis=bool(raw.get("not_crisis", False)),
    )
    if not (service.phone or service.text_to or service.web or service.email):
        raise HelpFileError(
            path, where, "give at least one way to reach the service: phone, text, web or email."
        )
    if service.chat and not service.web:
        raise HelpFileError(path, where, "`chat: true` needs the `web` address where the chat is.")
    return service


def validate(data, path: Path | str = HELP_FILE) -> HelpList:
    """The help list from parsed YAML, or HelpFileError naming the entry and field at fault."""
    path = Path(path)
    if not isinstance(data, dict):
        raise HelpFileError(path, "", f"{path.name} should start with `last_checked:`, `report:`…")
    checked = _text(data.get("last_checked"), path, "last_checked", "last_checked", required=True)
    if not _DATE.fullmatch(checked):
        raise HelpFileError(
            path, "last_checked", f'{checked!r} should be a date like "2026-11" or "2026-11-30".'
        )
    report = data.get("report")
    if not isinstance(report, dict):
        raise HelpFileError(path, "report", "`report` needs `text`, `url` and `link_text`.")
    emergency = data.get("emergency")
    if not isinstance(emergency, list) or not emergency:
        raise HelpFileError(path, "emergency", "list at least one emergency number.")
    pairs = []
    for i, item in enumerate(emergency, start=1):
        where = f"emergency number {i}"
        if not isinstance(item, dict):
            raise HelpFileError(path, where, 'should look like {where: the UK, number: "999"}.')
        number = _text(item.get("number"), path, where, "number", required=True)
        for part in number.split(" or "):  # "112 or 999": two numbers that both work
            _phone(part, path, where, "number")
        pairs.append((_text(item.get("where"), path, where, "where", required=True), number))
    regions_raw = data.get("regions")
    if not isinstance(regions_raw, list) or not regions_raw:
        raise HelpFileError(path, "regions", "list at least one region with its services.")
    regions = []
    for i, raw in enumerate(regions_raw, start=1):
        where = f"region {i}"
        if not isinstance(raw, dict):
            raise HelpFileError(path, where, "each region needs a `name` and `services`.")
        name = _text(raw.get("name"), path, where, "name", required=True)
        services = raw.get("services")
        if not isinstance(services, list) or not services:
            raise HelpFileError(path, f"region {name!r}", "`services` should list one or more.")
        regions.append(
            Region(
                name=name,
                note=_text(raw.get("note"), path, f"region {name!r}", "note"),
                services=tuple(
                    _service(s, path, f"region {name!r}, service {j}")
                    for j, s in enumerate(services, start=1)
                ),
            )
        )
    return HelpList(
        last_checked=checked,
        report_text=_text(report.get("text"), path, "report", "text", required=True),
        report_url=_url(report.get("url"), path, "report", "url")
        or _text(None, path, "report", "url", required=True),
        report_link_text=_text(report.get("link_text"), path, "report", "link_text", required=True),
        emergency=tuple(pairs),
        regions=tuple(regions),
    )


def path() -> Path:
    """The help file the notebooks read: the checkout's copy when there is one (pcd.content)."""
    from . import content

    return content.data_file(HELP_FILE)


def load(file: str | Path | None = None) -> HelpList:
    """Read and check the help file (HelpFileError says what is wrong, and where)."""
    file = Path(file) if file is not None else path()
    try:
        mtime = file.stat().st_mtime_ns
    except OSError:
        return _read(file)  # names the missing file
    return _load_cached(str(file), mtime)


@functools.lru_cache(maxsize=4)
def _load_cached(file: str, mtime_ns: int) -> HelpList:
    return _read(Path(file))


def _read(path: Path) -> HelpList:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HelpFileError(path, "", f"{path} cannot be read ({exc.strerror or exc}).") from None
    try:
        # libyaml's parser, as for the banks: the pure-Python one took ~20 ms of every notebook.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "this is not valid YAML"
        raise HelpFileError(
            path, line, f"{problem}. Check the indentation and quotes near that line."
        ) from None
    return validate(data, path)


# --- showing it ---------------------------------------------------------------------------------


def _box() -> str:
    # Theme colours (JupyterLab's CSS variables, light fallbacks elsewhere): readable in the
    # light, dark and high-contrast themes alike.
    from .labels import colour

    return (
        f'style="border:1px solid {colour("border")};border-left:6px solid {colour("border")};'
        "border-radius:4px;padding:6px 10px;margin:4px 0;"
        f'color:{colour("text")};background:{colour("background")}"'
    )


def _cell() -> str:
    from .labels import colour

    return (
        f'style="border:1px solid {colour("border")};padding:4px 8px;text-align:left;'
        # Long web addresses wrap inside their cell instead of running over the next one.
        'vertical-align:top;overflow-wrap:anywhere"'
    )


def _a(url: str, text: str) -> str:
    # External links open in a new tab; links to notebooks stay in JupyterLab.
    external = url.startswith("http")
    extra = ' target="_blank" rel="noopener"' if external else ""
    return (
        f'<a href="{html.escape(url)}"{extra} style="text-decoration:underline">'
        f"{html.escape(text)}</a>"
    )


def _site(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _emergency_sentence(h: HelpList) -> str:
    parts = [f"{number} in {where}" for where, number in h.emergency]
    return ", ".join(parts[:-1]) + f" or {parts[-1]}" if len(parts) > 1 else parts[0]


def _ways(s: Service) -> list[str]:
    """How to reach a service, as plain-text lines."""
    ways = []
    if s.phone:
        ways.append(f"Call {s.phone}" + (f" ({s.phone_extra})" if s.phone_extra else ""))
    if s.text_to:
        ways.append(f"Text {s.text_word} to {s.text_to}" if s.text_word else f"Text {s.text_to}")
    if s.email:
        ways.append(f"Email {s.email}")
    return ways


def _kinds_text(s: Service) -> str:
    kinds = "; ".join(KINDS[k] for k in s.kinds)
    return kinds + ("; not a crisis line" if s.not_crisis else "")


class HelpView:
    """HTML for notebooks, with a plain-text twin for places without HTML."""

    def __init__(self, html_text: str, plain: str):
        self.html = html_text
        self.plain = plain

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html, "text/plain": self.plain}


def _fallback(exc: Exception) -> HelpView:
    import logging

    logging.getLogger(__name__).error("help list: %s", exc)
    return HelpView(
        f'<div class="pcd-help" role="note" {_box()}><strong>{html.escape(FALLBACK)}</strong></div>',
        FALLBACK,
    )


def line(link: str = HELP_ANCHOR, path: str | Path | None = None) -> HelpView:
    """The short help line every notebook shows: emergency numbers and where the full list is."""
    try:
        h = load(path)
    except HelpFileError as exc:
        return _fallback(exc)
    danger = f"In danger right now? Call your local emergency number: {_emergency_sentence(h)}."
    more = (
        "Crisis lines, and support after sexual violence or abuse, for your country are in "
        "notebook 08:"
    )
    checked = f"This list was last checked in {h.checked_text()}."
    html_text = (
        f'<div class="pcd-help" role="note" {_box()}>'
        f"<p style='margin:0 0 4px 0'><strong>{html.escape(danger)}</strong></p>"
        f"<p style='margin:0'>{html.escape(more)} {_a(link, 'Where to get help')}. "
        f"{html.escape(checked)}</p></div>"
    )
    plain = f"{danger}\n{more} Where to get help ({link}). {checked}"
    return HelpView(html_text, plain)


def table(path: str | Path | None = None) -> HelpView:
    """Notebook 08's full list: emergency numbers, then each country's services, then how to
    find a sex therapist, the date the list was checked and how to report a changed number."""
    try:
        h = load(path)
    except HelpFileError as exc:
        return _fallback(exc)
    danger = (
        "If you are in danger now, or might act on thoughts of harming yourself, call your "
        f"local emergency number: {_emergency_sentence(h)}."
    )
    out = ['<div class="pcd-help">', f"<p {_box()}><strong>{html.escape(danger)}</strong></p>"]
    plain = [danger, ""]
    therapists = []
    for region in h.regions:
        rows = [s for s in region.services if "therapists" not in s.kinds]
        therapists += [(region, s) for s in region.services if "therapists" in s.kinds]
        if not rows:
            continue
        out.append(
            '<table style="border-collapse:collapse;margin:10px 0;width:100%">'
            f'<caption style="text-align:left;font-weight:bold;padding:4px 0">'
            f"{html.escape(region.name)}</caption><thead><tr>"
            + "".join(
                f'<th scope="col" {_cell()}>{h_}</th>'
                for h_ in ("Service", "What it is for", "How to reach it", "When")
            )
            + "</tr></thead><tbody>"
        )
        plain.append(region.name)
        for s in rows:
            ways = [html.escape(w) for w in _ways(s)]
            if s.web:
                ways.append(
                    ("Website and online chat: " if s.chat else "Website: ")
                    + _a(s.web, _site(s.web))
                )
            out.append(
                "<tr>"
                f'<th scope="row" {_cell()}>{html.escape(s.name)}<br>'
                f'<span style="font-weight:normal">({html.escape(_kinds_text(s))})</span></th>'
                f"<td {_cell()}>{html.escape(s.for_)}</td>"
                f"<td {_cell()}>{'<br>'.join(ways)}</td>"
                f"<td {_cell()}>{html.escape(s.hours)}</td></tr>"
            )
            plain_ways = _ways(s) + (
                [f"{'Website and chat' if s.chat else 'Website'}: {s.web}"] if s.web else []
            )
            plain.append(
                f"- {s.name} ({_kinds_text(s)}): {s.for_} {'; '.join(plain_ways)}."
                + (f" {s.hours.rstrip('.')}." if s.hours else "")
            )
        out.append("</tbody></table>")
        if region.note:
            out.append(f"<p>{html.escape(region.note)}</p>")
            plain.append(region.note)
        plain.append("")
    if therapists:
        intro = "How to find a sex therapist:"
        items = [
            f"<li>{html.escape(r.name)}: {_a(s.web, s.name)}. {html.escape(s.for_)}</li>"
            for r, s in therapists
        ]
        rest = "Elsewhere, a GP or family doctor can tell you who to see."
        out.append(
            f"<p><strong>{intro}</strong></p><ul>{''.join(items)}<li>{html.escape(rest)}</li></ul>"
        )
        plain += [intro] + [f"- {r.name}: {s.name} ({s.web}). {s.for_}" for r, s in therapists]
        plain += [f"- {rest}", ""]
    checked = f"This list was last checked in {h.checked_text()}."
    out.append(
        f"<p>{html.escape(checked)} {html.escape(h.report_text)} "
        f"{_a(h.report_url, h.report_link_text)}.</p></div>"
    )
    plain.append(f"{checked} {h.report_text} {h.report_link_text}: {h.report_url}")
    return HelpView("".join(out), "\n".join(plain))
