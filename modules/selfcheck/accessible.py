"""Two small custom widgets for what ipywidgets cannot say to a screen reader.

ipywidgets has no way to set ARIA attributes, and its HTML widget replaces its content on every
change. So:

- ``ChoiceGroup`` renders a native ``<fieldset>`` with a ``<legend>`` and radio buttons or
  checkboxes. The browser then gives the group its role (radiogroup or group) and its name
  (the question), and the keyboard works as everywhere else on the web: Tab into the group,
  arrow keys between radio buttons, Space to tick a checkbox.
- ``LiveRegion`` renders one ``role="status"`` element when the exercise is shown, empty, and
  afterwards changes only its content, so a screen reader announces each new feedback (a live
  region inserted already filled may not be announced).

Both are anywidgets: the front end is the few lines of JavaScript below, shipped inside this
module and loaded by anywidget's prebuilt JupyterLab/Voila extension, with nothing fetched from
the network. Colours come from JupyterLab's theme variables, so light, dark and high-contrast
themes all apply.
"""

from __future__ import annotations

import anywidget
import traitlets

_CHOICE_ESM = r"""
function render({ model, el }) {
  // Unique on the page: anywidget may load this module once per widget, so no counter.
  const name = `selfcheck-group-${Math.random().toString(36).slice(2)}`;
  const multiple = model.get("multiple");
  const fieldset = document.createElement("fieldset");
  fieldset.className = "selfcheck-group";
  // A fieldset is a group; radio buttons that exclude each other form a radiogroup.
  if (!multiple) fieldset.setAttribute("role", "radiogroup");
  const legend = document.createElement("legend");
  legend.id = `${name}-legend`;
  legend.innerHTML = model.get("legend");
  fieldset.setAttribute("aria-labelledby", legend.id);
  const box = document.createElement("div");
  box.className = "selfcheck-options" + (model.get("horizontal") ? " selfcheck-horizontal" : "");
  const inputs = model.get("options").map(([id, label]) => {
    const row = document.createElement("label");
    const input = document.createElement("input");
    input.type = multiple ? "checkbox" : "radio";
    input.name = name;
    input.value = id;
    const text = document.createElement("span");
    text.innerHTML = label;
    row.append(input, text);
    box.append(row);
    input.addEventListener("change", () => {
      // Sent as a message, not as a state sync: ipywidgets holds back a state change while an
      // earlier one is in flight, so after two quick arrow keys a Check click (a message)
      // could reach the kernel first and be graded against the older choice. Messages keep
      // their order. The kernel sets `value` without sending it back.
      const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
      model.set("value", chosen);
      model.send({ chosen });
    });
    return input;
  });
  const sync = () => {
    const chosen = new Set(model.get("value"));
    for (const input of inputs) input.checked = chosen.has(input.value);
  };
  sync();
  model.on("change:value", sync);
  fieldset.append(legend, box);
  el.append(fieldset);
  return () => model.off("change:value", sync);
}
export default { render };
"""

_CHOICE_CSS = """
.selfcheck-group { border: 0; margin: 0 0 4px 0; padding: 0; min-width: 0; }
.selfcheck-group legend {
  padding: 0; margin-bottom: 2px; color: var(--jp-content-font-color1, inherit);
}
.selfcheck-options label {
  display: flex; align-items: baseline; gap: 0.4em; margin: 2px 0; cursor: pointer;
  color: var(--jp-content-font-color1, inherit);
}
.selfcheck-options.selfcheck-horizontal { display: flex; flex-wrap: wrap; gap: 0 1.5em; }
.selfcheck-options input { margin: 0; accent-color: var(--jp-brand-color1, auto); }
.selfcheck-options input:focus-visible {
  outline: 2px solid var(--jp-brand-color1, Highlight); outline-offset: 2px;
}
.selfcheck-instruction { display: block; font-style: italic; }
"""

_LIVE_ESM = r"""
function render({ model, el }) {
  // Created once, empty: later only its content and class change, never the element.
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  const update = () => {
    const status = model.get("status");
    region.className = model.get("kind") + (status ? ` selfcheck-status-${status}` : "");
    region.innerHTML = model.get("value");
  };
  update();
  model.on("change:value", update);
  model.on("change:status", update);
  el.append(region);
  return () => {
    model.off("change:value", update);
    model.off("change:status", update);
  };
}
export default { render };
"""


class ChoiceGroup(anywidget.AnyWidget):
    """Radio buttons (``multiple=False``) or checkboxes in a fieldset named by ``legend``.

    ``options``: ``[[id, label_html], ...]``; ``value``: the chosen ids, in option order.
    """

    _esm = _CHOICE_ESM
    _css = _CHOICE_CSS
    legend = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.List()).tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    horizontal = traitlets.Bool(False).tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.on_msg(self._on_choice)

    def _on_choice(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and isinstance(content.get("chosen"), list):
            # The page already shows this choice: sending it back could briefly undo a newer
            # one still on its way here. (The lock is how ipywidgets' own set_state does it.)
            with self._lock_property(value=content["chosen"]):
                self.value = content["chosen"]

    @traitlets.validate("value")
    def _known_ids(self, proposal):
        ids = [option[0] for option in self.options]
        chosen = set(proposal["value"])
        unknown = chosen - set(ids)
        if unknown:
            raise traitlets.TraitError(f"unknown option ids {sorted(unknown)}; use {ids}")
        if not self.multiple and len(chosen) > 1:
            raise traitlets.TraitError("a radio group holds at most one choice")
        return [i for i in ids if i in chosen]


class LiveRegion(anywidget.AnyWidget):
    """A persistent ``role="status"`` element whose HTML content is ``value``."""

    _esm = _LIVE_ESM
    value = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    # The region's class: an exercise's feedback, or another message (the progress table's).
    kind = traitlets.Unicode("selfcheck-feedback").tag(sync=True)
