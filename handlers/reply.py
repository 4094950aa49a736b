"""A reply to one command: Block Kit for Slack and plain text for the console,
scripts and Slack's notification fallback, built from the same parts.

Slack's limits are kept here once: at most 50 blocks a message and 3,000
characters a section."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_sdk.models.blocks import ButtonElement, StaticSelectElement

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100  # a Home tab view
MAX_SECTION = 3000
MAX_HEADER = 150


@dataclass
class Button:
    label: str
    action_id: str
    value: dict
    style: str | None = None  # primary | danger

    def element(self) -> ButtonElement:
        from slack_sdk.models.blocks import ButtonElement, PlainTextObject  # Slack's models load with its client: only for Slack
        return ButtonElement(text=PlainTextObject(text=self.label[:75]), action_id=self.action_id,
                             value=json.dumps(self.value, separators=(",", ":"))[:2000], style=self.style)


@dataclass
class Select:
    """A menu of choices (at most 100), each a label and the value sent back when picked."""
    placeholder: str
    action_id: str
    options: list[tuple[str, str]]

    def element(self) -> StaticSelectElement:
        from slack_sdk.models.blocks import Option, PlainTextObject, StaticSelectElement
        return StaticSelectElement(placeholder=PlainTextObject(text=self.placeholder[:150]), action_id=self.action_id,
                                   options=[Option(text=PlainTextObject(text=label[:75]), value=value[:150])
                                            for label, value in self.options[:100]])


@dataclass
class _Part:
    kind: str  # header | section | context | divider | buttons | select
    text: str = ""
    button: Button | None = None
    buttons: list[Button] = field(default_factory=list)
    select: Select | None = None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary, with an ellipsis when anything was cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


# A link the bot makes on purpose (format.link) travels through a reply as these markers, and
# becomes <url|label> only as it is sent; escape() takes them out of paper and user text, so
# no text from outside can make a live link, however it is written.
_LINK_START, _LINK_MID, _LINK_END = "\ue000", "\ue001", "\ue002"
_LINK = re.compile(f"{_LINK_START}([^{_LINK_START}{_LINK_MID}{_LINK_END}]*){_LINK_MID}([^{_LINK_START}{_LINK_MID}{_LINK_END}]*){_LINK_END}")
_MARKERS = re.compile(f"[{_LINK_START}{_LINK_MID}{_LINK_END}]")


def bot_link(url: str, label_mrkdwn: str) -> str:
    """A link of the bot's own: url already safe (no < > | or spaces), label already escaped."""
    return f"{_LINK_START}{_MARKERS.sub('', url)}{_LINK_MID}{_MARKERS.sub('', label_mrkdwn)}{_LINK_END}"


def escape(text: str) -> str:
    """User or paper text made safe inside mrkdwn: no <!channel>, <@U…>, <https://…|…> can form."""
    return _MARKERS.sub("", text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Slack's own escaping undone once (slash-command text arrives with &amp; &lt; &gt;)."""
    return (text or "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# The only control sequence the bot itself sends: a link to a channel (<#C123>), which pings nobody.
_CHANNEL_LINK = re.compile(r"<#[CG][A-Z0-9]{2,}>")


def _as_text(mrkdwn: str) -> str:
    # a <…> of the bot's own (a placeholder like <panel>) reads as written; any other < starts nothing.
    # A > alone opens no sequence, and at a line's start it is the bot's own quote mark: it stays.
    return _PLACEHOLDER.sub(r"&lt;\1&gt;", mrkdwn).replace("<", "&lt;")


_PLACEHOLDER = re.compile(r"<([^<>\n]*)>")


def neutralise(mrkdwn: str) -> str:
    """Every < that does not begin a channel link, as an entity, so that no control sequence
    can form; then the bot's own links (bot_link) as links. Paper and user text is escaped
    where it is put in; this catches the bot's own placeholders (`<panel>`) and anything that
    slipped through: no <!here>, <@U…> or <url|label> but the bot's."""
    out, last = [], 0
    for link in _CHANNEL_LINK.finditer(mrkdwn):
        out.append(_as_text(mrkdwn[last:link.start()]))
        out.append(link.group(0))
        last = link.end()
    out.append(_as_text(mrkdwn[last:]))
    return _MARKERS.sub("", _LINK.sub(r"<\1|\2>", "".join(out)))  # a link cut in two by a limit is dropped


_BOLD = re.compile(r"(?<!\w)\*(\S(?:.*?\S)?)\*(?!\w)")
_ITALIC = re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)")


def unformatted(mrkdwn: str) -> str:
    """mrkdwn without its *bold* and _italic_ marks; entities stay as they are."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", mrkdwn))


def plain(mrkdwn: str) -> str:
    """mrkdwn as a person reads it at a terminal: no marks, no entities, a link as its label."""
    return unescape(unformatted(_MARKERS.sub("", _LINK.sub(r"\2", mrkdwn))))


@dataclass
class Reply:
    parts: list[_Part] = field(default_factory=list)
    ephemeral: bool = True
    share: str | None = None  # the command text to re-run with "Share in channel"
    home_changed: bool = False  # it changed what the person's Home tab shows: publish it again

    def header(self, text: str) -> Reply:
        self.parts.append(_Part("header", text))
        return self

    def section(self, mrkdwn: str, button: Button | None = None) -> Reply:
        self.parts.append(_Part("section", mrkdwn, button=button))
        return self

    def context(self, mrkdwn: str) -> Reply:
        self.parts.append(_Part("context", mrkdwn))
        return self

    def divider(self) -> Reply:
        self.parts.append(_Part("divider"))
        return self

    def buttons(self, *buttons: Button) -> Reply:
        self.parts.append(_Part("buttons", buttons=list(buttons)))
        return self

    def menu(self, select: Select) -> Reply:
        self.parts.append(_Part("select", select=select))
        return self

    def _lines(self, for_slack: bool) -> list[str]:
        """The reply as lines of plain text. For Slack (the notification and screen-reader
        fallback, which Slack also reads as mrkdwn) paper and user text stays escaped;
        for a terminal it is shown as written."""
        lines: list[str] = []
        for part in self.parts:
            if part.kind == "header":
                # a header is plain text as given, never mrkdwn
                text = part.text.upper() if len(part.text) < 60 else part.text
                lines.append(escape(text) if for_slack else text)
            elif part.kind in ("section", "context"):
                lines.append(neutralise(unformatted(part.text)) if for_slack else plain(part.text))
                if part.button and part.button.action_id != "share" and not for_slack:
                    lines.append(f"    [{part.button.label}: {_console_hint(part.button)}]")
            elif part.kind == "divider":
                lines.append("")
            elif part.kind == "buttons" and not for_slack:  # Slack shows the buttons themselves
                hints = [f"[{b.label}: {_console_hint(b)}]" for b in part.buttons if _console_hint(b)]
                if hints:
                    lines.append("    " + "  ".join(hints))
        return lines

    @property
    def text(self) -> str:
        """Plain text of the whole reply, for the console and scripts."""
        return "\n".join(self._lines(for_slack=False)).strip()

    @property
    def fallback(self) -> str:
        """Slack's `text`: what notifications and screen readers use; escaped like the blocks."""
        return "\n".join(self._lines(for_slack=True)).strip()

    def blocks(self, limit: int = MAX_BLOCKS) -> list:
        from slack_sdk.models.blocks import (ActionsBlock, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject,
                                             PlainTextObject, SectionBlock)
        out: list = []
        for part in self.parts:
            if part.kind == "header":
                out.append(HeaderBlock(text=PlainTextObject(text=_clip(part.text, MAX_HEADER))))
            elif part.kind == "section":
                out.append(SectionBlock(text=MarkdownTextObject(text=_clip(neutralise(part.text), MAX_SECTION)),
                                        accessory=part.button.element() if part.button else None))
            elif part.kind == "context":
                out.append(ContextBlock(elements=[MarkdownTextObject(text=_clip(neutralise(part.text), MAX_SECTION))]))
            elif part.kind == "divider":
                out.append(DividerBlock())
            elif part.kind == "buttons" and part.buttons:
                out.append(ActionsBlock(elements=[b.element() for b in part.buttons[:25]]))
            elif part.kind == "select" and part.select and part.select.options:
                out.append(ActionsBlock(elements=[part.select.element()]))
        if self.share and self.ephemeral:
            out.append(ActionsBlock(elements=[Button("Share in channel", "share", {"cmd": self.share}).element()]))
        if len(out) > limit:  # a safety net: handlers page their lists well before this
            left_out = len(out) - (limit - 1)
            out = out[:limit - 1] + [ContextBlock(elements=[MarkdownTextObject(
                text=f"…and {left_out} more parts than fit in one message: name a panel or a page to see them.")])]
        return out

    def home_view(self) -> dict:
        """The reply as a Home tab view (views.publish), within the Home tab's 100 blocks."""
        return {"type": "home", "blocks": [b.to_dict() for b in self.blocks(MAX_HOME_BLOCKS)]}

    def slack_message(self) -> dict:
        """Keyword arguments for respond() / chat.postMessage."""
        return {"text": _clip(self.fallback, 3000) or " ", "blocks": [b.to_dict() for b in self.blocks()]}


CLOCK_HINTS = {"rec_response": "/scrutiny recommendations {id} response", "rec_implemented": "/scrutiny recommendations {id} implemented",
               "rec_details": "/scrutiny recommendations {id}", "rec_confirm": "/scrutiny recommendations {id} confirm {m}",
               "rec_reject": "/scrutiny recommendations {id} reject {m}"}


def _console_hint(button: Button) -> str:
    value = button.value
    if button.action_id in ("action_done", "action_reopen"):
        verb = "done" if button.action_id == "action_done" else "reopen"
        return f"/scrutiny actions {verb} {value['id']}"
    if button.action_id in CLOCK_HINTS:
        return CLOCK_HINTS[button.action_id].format(**value)
    if button.action_id == "more":
        return f"/scrutiny {value['cmd']} page {value['page']}"
    return ""
