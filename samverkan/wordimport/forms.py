"""The upload form and the review form: every field read from the file, correctable."""

import copy
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Group
from samverkan.wordimport import selectors


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word file (.docx) or zip of Word files"),
        help_text=_(
            "Filled-in Mall 1 (operational plan) or Mall 2 (annual report). A zip may hold "
            "many files; each is reviewed before anything is saved."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.zip"}),
    )


KINDS = [
    ("plan", _("Operational plan (Mall 1)")),
    ("report", _("Annual report (Mall 2)")),
    ("network_report", _("Network report")),
]
DIRECTIONS = [
    ("", "–"),
    ("increase", _("Increase")),
    ("decrease", _("Decrease")),
    ("introduce", _("Introduce")),
    ("keep", _("Keep")),
]
FULFILMENT = [
    ("", _("not stated")),
    ("fully", _("Fully")),
    ("partly", _("Partly")),
    ("not_at_all", _("Not at all")),
]
DONE = [
    ("", _("not stated")),
    ("planned", _("Planned")),
    ("under_way", _("Under way")),
    ("done", _("Done")),
    ("not_done", _("Not done")),
]
RESULT = [("", _("not stated")), ("done", _("Done")), ("not_done", _("Not done"))]


@dataclass
class Row:
    name: str
    source: str = ""
    uncertain: bool = False
    flag: Any = ""  # what to check, when not "not clearly stated in the file"


@dataclass
class Part:
    heading: Any  # a translated string, lazy or not
    source: str = ""
    rows: list[Row] = field(default_factory=list)


def _text(label, initial, *, long: bool = False, required: bool = False) -> forms.Field:
    widget = forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput()
    return forms.CharField(
        label=label, initial=initial or "", required=required, widget=widget, strip=True
    )


def _choice(label, initial, choices) -> forms.Field:
    return forms.ChoiceField(label=label, initial=initial or "", choices=choices, required=False)


class ReviewForm(forms.Form):
    """Built from what was read; `corrected()` gives it back with the person's changes."""

    def __init__(self, parsed: dict, group: Group | None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parsed = parsed
        self.parts: list[Part] = []
        uncertain = set(parsed.get("uncertain") or [])
        sources = parsed.get("sources") or {}
        f = self.fields
        head = Part(_("The document"), sources.get("title", ""))
        f["kind"] = forms.ChoiceField(label=_("Kind"), choices=KINDS, initial=parsed["kind"])
        f["year"] = forms.IntegerField(
            label=_("Year"), initial=parsed["year"], min_value=2000, max_value=2100
        )
        f["group"] = forms.ModelChoiceField(
            label=_("Group"),
            queryset=Group.objects.order_by("name"),
            initial=group.pk if group else None,
            empty_label=_("Choose the group"),
            help_text=_("The title says “%(name)s”.") % {"name": parsed.get("group") or "–"},
        )
        head.rows = [
            Row("kind"),
            Row("year"),
            Row("group", parsed.get("group") or "", group is None),
        ]
        self.parts.append(head)

        people = Part(_("Contact person and members"), sources.get("members", ""))
        for prefix, person, label in [
            ("contact", parsed.get("contact"), _("Contact person")),
            *[
                (f"member-{i}", m, _("Member %(n)s") % {"n": i + 1})
                for i, m in enumerate(parsed.get("members") or [])
            ],
        ]:
            person = person or {}
            known = selectors.person_by_email(person.get("email") or "")
            by_name = None
            if known is None and not person.get("email") and person.get("name"):
                by_name = selectors.person_by_name(person["name"], person.get("municipality"))
            match: Any
            if known is not None:
                match = _("In the register: %(name)s (matched by e-mail).") % {"name": known}
            elif by_name is not None:
                match = _(
                    "Uncertain: taken to be %(name)s, %(municipality)s, already in the register "
                    "(same name and municipality, no e-mail). Choose a new person below if it "
                    "is someone else."
                ) % {"name": by_name, "municipality": by_name.municipality}
                namesakes = selectors.people_by_name(person["name"])
                f[f"{prefix}-person"] = forms.ChoiceField(
                    label=_("%(label)s: person in the register") % {"label": label},
                    initial=str(by_name.pk),
                    required=False,
                    choices=[
                        *[
                            (
                                str(p.pk),
                                _("%(name)s, %(municipality)s (no. %(id)s)")
                                % {"name": p, "municipality": p.municipality, "id": p.pk},
                            )
                            for p in namesakes
                        ],
                        ("new", _("Someone else: add as a new person")),
                    ],
                )
            elif person.get("name"):
                match = _("Not in the register by e-mail: will be added as a new person.")
            else:
                match = ""
            for key, name in [
                ("name", _("name")),
                ("municipality", _("municipality")),
                ("title", _("title")),
                ("phone", _("phone")),
                ("email", _("e-mail")),
            ]:
                f[f"{prefix}-{key}"] = _text(f"{label}: {name}", person.get(key))
                source = ""
                if key == "name":
                    source = match
                    if prefix == "contact" and sources.get("contact"):
                        source = f"{sources['contact']} – {match}"
                people.rows.append(
                    Row(
                        f"{prefix}-{key}",
                        source,
                        prefix == "contact" and key == "name" and "contact" in uncertain,
                    )
                )
                if key == "name" and by_name is not None:
                    people.rows.append(
                        Row(
                            f"{prefix}-person",
                            "",
                            True,
                            _(
                                "Matched by name and municipality only: make sure it is the "
                                "same person."
                            ),
                        )
                    )
        self.parts.append(people)

        texts = Part(_("Texts"))
        for key, label in [
            ("field_of_work", _("Field of work")),
            ("purpose", _("Purpose")),
            ("summary", _("Summary")),
            ("revisions", _("Revisions during the year")),
            ("network_activities", _("What the network does")),
        ]:
            if parsed.get(key) is None and key not in ("field_of_work", "purpose"):
                continue
            if parsed["kind"] != "plan" and key in ("field_of_work", "purpose"):
                continue
            f[key] = _text(label, parsed.get(key), long=True)
            texts.rows.append(Row(key, sources.get(key, "")))
        if parsed["kind"] == "network_report":
            f["meetings"] = forms.IntegerField(
                label=_("Number of meetings"), initial=parsed.get("meetings"), required=False
            )
            texts.rows.append(Row("meetings", sources.get("meetings", "")))
        if texts.rows:
            self.parts.append(texts)

        for i, goal in enumerate(parsed.get("goals") or []):
            part = Part(
                _("Goal %(n)s") % {"n": goal.get("number") or i + 1}, goal.get("source", "")
            )
            flagged = set(goal.get("uncertain") or [])
            p = f"goal-{i}"
            f[f"{p}-statement"] = _text(_("Goal"), goal.get("statement"), long=True, required=True)
            f[f"{p}-direction"] = _choice(_("Direction"), goal.get("direction"), DIRECTIONS)
            f[f"{p}-baseline"] = _text(_("Value today"), goal.get("baseline"))
            f[f"{p}-target"] = _text(_("Target value"), goal.get("target"))
            f[f"{p}-unit"] = _text(_("Unit"), goal.get("unit"))
            f[f"{p}-deadline"] = _text(_("Deadline (YYYY-MM-DD)"), goal.get("deadline"))
            names = ["statement", "direction", "baseline", "target", "unit", "deadline"]
            if parsed["kind"] == "report":
                f[f"{p}-fulfilment"] = _choice(_("Fulfilled"), goal.get("fulfilment"), FULFILMENT)
                f[f"{p}-value_reached"] = _text(_("Value reached"), goal.get("value_reached"))
                f[f"{p}-reason"] = _text(_("Why not fully met"), goal.get("reason"), long=True)
                f[f"{p}-comment"] = _text(_("Comment"), goal.get("comment"), long=True)
                names += ["fulfilment", "value_reached", "reason", "comment"]
                if not goal.get("fulfilment"):
                    flagged.add("fulfilment")
            part.rows = [Row(f"{p}-{n}", "", n in flagged) for n in names]
            self.parts.append(part)

        for i, activity in enumerate(parsed.get("activities") or []):
            part = Part(_("Activity %(n)s") % {"n": i + 1}, activity.get("source", ""))
            flagged = set(activity.get("uncertain") or [])
            p = f"activity-{i}"
            f[f"{p}-what"] = _text(_("Activity"), activity.get("what"), long=True, required=True)
            f[f"{p}-how"] = _text(_("How"), activity.get("how"))
            f[f"{p}-when"] = _text(_("When (YYYY-MM-DD)"), activity.get("when"))
            f[f"{p}-responsible"] = _text(_("Responsible"), activity.get("responsible"))
            f[f"{p}-done"] = _choice(_("Done"), activity.get("done"), DONE)
            part.rows = [
                Row(
                    f"{p}-{n}", activity.get("when_text") or "" if n == "when" else "", n in flagged
                )
                for n in ("what", "how", "when", "responsible", "done")
            ]
            self.parts.append(part)

        self._priorities(parsed)

        for i, result in enumerate(parsed.get("results") or []):
            part = Part(_("Result of activity %(n)s") % {"n": i + 1}, result.get("source", ""))
            p = f"result-{i}"
            f[f"{p}-planned"] = _text(_("This we planned"), result.get("planned"), long=True)
            f[f"{p}-result"] = _choice(_("Result"), result.get("result"), RESULT)
            f[f"{p}-text"] = _text(_("What came of it"), result.get("text"))
            part.rows = [
                Row(f"{p}-planned"),
                Row(f"{p}-result", "", not result.get("result")),
                Row(f"{p}-text"),
            ]
            self.parts.append(part)

    def _priorities(self, parsed: dict) -> None:
        items = parsed.get("priorities") or []
        if not items:
            return
        part = Part(_("Priority areas"), "\n".join(i.get("text") or "" for i in items))
        for i, item in enumerate(items):
            p = f"priority-{i}"
            label = _("Priority area %(n)s") % {"n": i + 1}
            self.fields[f"{p}-area"] = _text(f"{label}: " + str(_("area")), item.get("area"))
            self.fields[f"{p}-code"] = _text(
                f"{label}: " + str(_("Aalborg commitment (e.g. 3.2)")), item.get("code")
            )
            found = selectors.priority_commitment(item.get("code"), item.get("area"))
            part.rows += [
                Row(f"{p}-area", item.get("text") or ""),
                Row(
                    f"{p}-code",
                    str(found)
                    if found
                    else str(_("Not found among the priority areas: kept as text.")),
                    found is None,
                ),
            ]
        self.parts.append(part)

    def layout(self) -> list[tuple[Part, list[tuple[Any, Row]]]]:
        """Each part with its bound fields, for the template."""
        return [(part, [(self[row.name], row) for row in part.rows]) for part in self.parts]

    def corrected(self) -> dict:
        data = copy.deepcopy(self.parsed)
        c = self.cleaned_data
        data["kind"], data["year"] = c["kind"], c["year"]

        def value(name: str):
            v = c.get(name)
            return None if v in ("", None) else v

        def person(prefix: str) -> dict:
            found = {
                k: value(f"{prefix}-{k}")
                for k in ("name", "municipality", "title", "phone", "email")
            }
            choice = c.get(f"{prefix}-person")
            if choice == "new":
                found["new"] = True
            elif choice:
                found["person_id"] = int(choice)
            return found

        data["contact"] = person("contact") if c.get("contact-name") else None
        data["members"] = [
            person(f"member-{i}")
            for i in range(len(self.parsed.get("members") or []))
            if c.get(f"member-{i}-name")
        ]
        for key in (
            "field_of_work",
            "purpose",
            "summary",
            "revisions",
            "network_activities",
            "meetings",
        ):
            if key in self.fields:
                data[key] = value(key)
        for i, goal in enumerate(data.get("goals") or []):
            for key in (
                "statement",
                "direction",
                "baseline",
                "target",
                "unit",
                "deadline",
                "fulfilment",
                "value_reached",
                "reason",
                "comment",
            ):
                if f"goal-{i}-{key}" in self.fields:
                    goal[key] = value(f"goal-{i}-{key}")
        for i, activity in enumerate(data.get("activities") or []):
            for key in ("what", "how", "when", "responsible", "done"):
                activity[key] = value(f"activity-{i}-{key}")
        for i, result in enumerate(data.get("results") or []):
            for key in ("planned", "result", "text"):
                result[key] = value(f"result-{i}-{key}")
        for i, item in enumerate(data.get("priorities") or []):
            item["area"], item["code"] = value(f"priority-{i}-area"), value(f"priority-{i}-code")
        return data
