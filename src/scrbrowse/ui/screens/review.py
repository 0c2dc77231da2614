"""Reviewing a draft: its items and tags beside the source text, then "mark as checked".

The draft is edited by path through the core (`ingest.review.DraftReview`), as ingest writes it; the
taxonomy comes from the engine. Nothing is written until "mark as checked", which writes the record
without its `draft:` block (keeping a copy of the draft) in a thread worker, then refreshes the engine
so the browser shows the checked record. The screen is modal so the app's own keys (pack, question
bank, ingest) cannot pop it away with changes not written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.worker import Worker, get_current_worker

from ...ingest import sourcetext
from ...ingest.review import FIELDS, Checked, DraftReview, ReviewError
from ...logs import log
from ...model import Document
from ...search.api import IndexStatus
from ...textsafe import one_line
from ..backend import Engine
from ..bindings import bindings
from ..errors import report_worker_failure
from ..text import literal
from ..widgets.review_dialogs import DetailsScreen, ItemTextScreen, split_parts
from ..widgets.review_lists import ReviewItemList, ReviewTagList
from .dialogs import ChoiceScreen, confirm_screen

if TYPE_CHECKING:
    from ..app import ScrbrowseApp

NO_SOURCE = "Source text not available: this draft was made before ingest kept it, or it was removed."


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What the screen returns when the draft was marked as checked."""

    doc_id: str
    path: Path
    draft_copy: Path


def open_review(document: Document | None, engine: Engine | None) -> ReviewScreen | str:
    """The review screen for a draft shown in the browser, or why there is none (one line)."""
    if engine is None:
        return "The search index is still opening; try again in a moment."
    if document is None:
        return "Open a draft record first, then review it."
    if not document.draft or not document.path:
        return "This record is already checked: it has no draft block to review."
    try:
        review = DraftReview.load(Path(document.path), engine.taxonomy)
    except ReviewError as exc:
        return f"Cannot review it: {one_line(str(exc), 200)}"
    return ReviewScreen(review, engine)


class CheckedDone(Message):
    def __init__(self, checked: Checked | None, error: str | None, status: IndexStatus | None) -> None:
        super().__init__()
        self.checked = checked
        self.error = error
        self.status = status


class ReviewScreen(ModalScreen[object]):
    BINDINGS = bindings("review_accept", "review_drop", "review_edit", "review_split", "review_merge",
                        "review_details", "review_undo", "review_checked", "review_leave", "quit")
    DEFAULT_CSS = """
    ReviewScreen { background: $background; }
    ReviewScreen #review-head { height: auto; padding: 0 1; background: $panel; }
    ReviewScreen #review-title { text-style: bold; }
    ReviewScreen #review-meta { color: $text-muted; }
    ReviewScreen #review-body { height: 1fr; }
    ReviewScreen #review-left { width: 1fr; }
    ReviewScreen #review-right { width: 1fr; border-left: vkey $panel-lighten-2; }
    ReviewScreen .review-heading { text-style: bold; color: $accent; padding: 0 1; height: 1; }
    ReviewScreen #review-items { height: 3fr; }
    ReviewScreen #review-tags { height: 2fr; }
    ReviewScreen #review-source-scroll { height: 3fr; padding: 0 1; }
    ReviewScreen #review-checks-scroll { height: 2fr; padding: 0 1; }
    ReviewScreen #review-checks { color: $text-muted; }
    """

    def __init__(self, review: DraftReview, engine: Engine) -> None:
        super().__init__(id="review")
        self.review = review
        self.engine = engine
        self.lines = review.source_lines()
        self.busy = False

    @property
    def scrbrowse(self) -> ScrbrowseApp:
        return cast("ScrbrowseApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="review-head"):
            yield Static(Content(""), id="review-title")
            yield Static(Content(""), id="review-meta")
        with Horizontal(id="review-body"):
            with Vertical(id="review-left"):
                yield Static(Content(""), classes="review-heading", id="review-items-heading")
                yield ReviewItemList(id="review-items")
                yield Static(Content(""), classes="review-heading", id="review-tags-heading")
                yield ReviewTagList(id="review-tags")
            with Vertical(id="review-right"):
                yield Static(Content("Source"), classes="review-heading", id="review-source-heading")
                with VerticalScroll(id="review-source-scroll"):
                    yield Static(Content(""), id="review-source")
                yield Static(Content(""), classes="review-heading", id="review-checks-heading")
                with VerticalScroll(id="review-checks-scroll"):
                    yield Static(Content(""), id="review-checks")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(ReviewItemList).focus()
        self._read_ids(self.review)

    @work(thread=True, exclusive=True, group="review-ids", exit_on_error=False)
    def _read_ids(self, review: DraftReview) -> None:
        """The other records' ids, for the duplicate-id check: slow in a big folder, so not here
        on the screen's thread; the checks are shown again once they are read."""
        review.read_other_ids()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._ids_read)

    def _ids_read(self) -> None:
        if self.is_attached and not self.busy:
            self.refresh_view()

    # ----- showing the draft

    @property
    def items(self) -> ReviewItemList:
        return self.query_one(ReviewItemList)

    @property
    def tags(self) -> ReviewTagList:
        return self.query_one(ReviewTagList)

    def refresh_view(self) -> None:
        r = self.review
        self.query_one("#review-title", Static).update(
            Content("DRAFT — not yet checked: ") + literal(r.get_field("title"), one_line=True))
        meta = [f"{label.split(' (')[0]}: {one_line(r.get_field(name)) or '—'}"
                for name, (_w, label) in FIELDS.items() if name != "title"]
        self.query_one("#review-meta", Static).update(literal(" · ".join(meta), one_line=True))
        items = r.items()
        self.items.show_items(items, r.accepted_items)
        accepted = sum(1 for i in items if i.id in r.accepted_items)
        self.query_one("#review-items-heading", Static).update(
            Content(f"Items ({len(items)}, {accepted} accepted)"))
        tags = r.tags()
        suggested = sum(1 for t in tags if t.suggested)
        self.tags.show_tags(tags)
        self.query_one("#review-tags-heading", Static).update(
            Content(f"Tags ({len(tags) - suggested}) and suggestions ({suggested})"))
        problems = r.problems(read_ids=False)
        checks = r.checks
        self.query_one("#review-checks-heading", Static).update(Content(
            f"To check ({len(checks)}) · "
            + ("no validation errors" if not problems else f"{len(problems)} validation error(s)")))
        text = Content("\n").join([
            *(literal(f"✗ {p.format()}", one_line=True).stylize("bold $text-error") for p in problems),
            *(literal(f"• {c}", one_line=True) for c in checks)])
        self.query_one("#review-checks", Static).update(text)
        self.show_source()

    def show_source(self) -> None:
        """The source lines around the highlighted item (or the highlighted tag's first evidence)."""
        target = self.query_one("#review-source", Static)
        heading = self.query_one("#review-source-heading", Static)
        if self.lines is None:
            heading.update(Content("Source"))
            target.update(Content(NO_SOURCE))
            return
        pointer: str | None = None
        words = ""
        if self.focused is self.tags and self.tags.current is not None:
            tag = self.tags.current
            words = tag.evidence[0] if tag.evidence else tag.label
            what = f"evidence for {tag.label}"
        elif self.items.current is not None:
            item = self.items.current
            pointer, words, what = item.source, item.text, item.id
        else:
            heading.update(Content("Source"))
            target.update(Content("No items in this draft."))
            return
        at = sourcetext.locate(self.lines, pointer, words)
        if at is None:
            heading.update(literal(f"Source: {what} not found in the source text", one_line=True))
            start, shown, at = 0, self.lines[:18], -1
        else:
            heading.update(literal(f"Source, line {at + 1} ({what})", one_line=True))
            start, shown = sourcetext.window(self.lines, at)
        width = len(str(start + len(shown)))
        parts = []
        for n, line in enumerate(shown, start):
            row = Content(f"{n + 1:>{width}} ").stylize("$text-muted") + literal(line, one_line=True)
            parts.append(row.stylize("bold reverse") if n == at else row)
        target.update(Content("\n").join(parts))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.show_source()

    def on_descendant_focus(self) -> None:
        self.show_source()

    # ----- changes

    def _apply(self, change: str, do: Callable[[], object]) -> None:
        """Run one change of the core; a refusal is a notice, never a crash."""
        try:
            do()
        except ReviewError as exc:
            self.notify(one_line(str(exc), 200), severity="warning", timeout=6, markup=False)
            return
        self.refresh_view()
        if change:
            self.notify(change, timeout=3, markup=False)

    def action_accept(self) -> None:
        if self.focused is self.tags:
            tag = self.tags.current
            if tag is None:
                return
            if not tag.suggested:
                self.notify("This tag is already one of the record's tags.", timeout=3, markup=False)
                return
            self._apply(f"Accepted the tag {one_line(tag.label)}",
                        lambda: self.review.accept_tag(tag.id))
            return
        item = self.items.current
        if item is not None:
            self._apply("", lambda: self.review.accept_item(item.list_key, item.index))
            if self.items.highlighted is not None and self.items.highlighted + 1 < len(self.items.items):
                self.items.highlighted += 1  # on to the next, as reading down a list

    def action_drop(self) -> None:
        if self.focused is self.tags:
            tag = self.tags.current
            if tag is not None:
                self._apply(f"{'Rejected' if tag.suggested else 'Removed'} the tag "
                            f"{one_line(tag.label)} (u undoes)", lambda: self.review.reject_tag(tag.id))
            return
        item = self.items.current
        if item is not None:
            self._apply(f"Dropped {item.id} (u undoes)",
                        lambda: self.review.drop_item(item.list_key, item.index))

    def action_edit(self) -> None:
        item = self.items.current
        if item is None or self.focused is self.tags:
            return

        def check(text: str) -> str | None:
            return None if text.strip() else "An item needs some text; drop it instead (d)."

        def done(text: object) -> None:
            if isinstance(text, str):
                self._apply(f"Edited {item.id}",
                            lambda: self.review.edit_item(item.list_key, item.index, text))

        self.app.push_screen(ItemTextScreen(Content(f"Edit {item.id} ({item.label})"), item.text,
                                            "Change the text, then OK.", check=check), done)

    def action_split(self) -> None:
        item = self.items.current
        if item is None or self.focused is self.tags:
            return

        def check(text: str) -> str | None:
            return None if len(split_parts(text)) >= 2 else (
                "Put a blank line where the item should be split (two parts at least).")

        def done(text: object) -> None:
            if isinstance(text, str):
                self._apply(f"Split {item.id}", lambda: self.review.split_item(
                    item.list_key, item.index, split_parts(text)))

        self.app.push_screen(ItemTextScreen(
            Content(f"Split {item.id} ({item.label})"), item.text,
            "Put a blank line (Enter twice) between the parts; each part becomes an item.",
            check=check), done)

    def action_merge(self) -> None:
        item = self.items.current
        if item is not None and self.focused is not self.tags:
            self._apply(f"Merged {item.id} with the item below it (u undoes)",
                        lambda: self.review.merge_with_next(item.list_key, item.index))

    def action_details(self) -> None:
        values = {name: self.review.get_field(name) for name in FIELDS}

        def check(new: dict[str, str | None]) -> str | None:
            try:
                self.review.set_fields(new)
            except ReviewError as exc:
                return str(exc)
            return None

        self.app.push_screen(DetailsScreen(values, check=check), lambda _v: self.refresh_view())

    def action_undo(self) -> None:
        what = self.review.undo()
        if what is None:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        self.refresh_view()
        self.notify(f"Undone: {one_line(what)}", timeout=3, markup=False)

    # ----- mark as checked

    def action_mark_checked(self) -> None:
        if self.busy:
            return
        # The folder is read again for id clashes when writing, in the worker (slow when large).
        problems = self.review.problems(read_ids=False)
        if problems:
            body = Content("\n").join([
                Content("The record cannot be marked as checked yet:"),
                *(literal(f"• {p.format()}", one_line=True) for p in problems[:12])])
            self.app.push_screen(ChoiceScreen("Fix these first", body, [("back", "Back")]))
            return
        body = Content.assemble(
            Content("The record is written without its draft block, so it shows as checked in "
                    "search. A copy of the draft is kept in the corpus folder's .drafts folder. "),
            Content(f"{len(self.review.checks)} checks were listed; mark it as checked only if "
                    "you have compared it with the source."))
        self.app.push_screen(confirm_screen("Mark as checked?", body, "Mark as checked"),
                             self._confirmed)

    def _confirmed(self, answer: object) -> None:
        if answer == "yes" and not self.busy:
            self.busy = True
            self.notify("Writing the record and updating the index…", timeout=3, markup=False)
            self._write(self.review, self.engine)

    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def _write(self, review: DraftReview, engine: Engine) -> None:
        try:
            checked = review.mark_checked()
        except ReviewError as exc:
            self.post_message(CheckedDone(None, str(exc), None))
            return
        try:
            status = engine.refresh()  # incremental: only the changed file is indexed again
        except Exception:  # the record is written; the index is derived and catches up later
            log.exception("refreshing the index after marking %s as checked failed", checked.path)
            status = None
        self.post_message(CheckedDone(checked, None, status))

    def on_checked_done(self, message: CheckedDone) -> None:
        self.busy = False
        if message.checked is None:
            self.notify(f"Not written: {one_line(message.error or 'unknown reason', 300)}",
                        severity="error", timeout=10, markup=False)
            return
        c = message.checked
        self.dismiss(Reviewed(c.doc_id, c.path, c.draft_copy))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if report_worker_failure(self, event.worker, event.state):
            self.busy = False

    # ----- leaving

    def action_leave(self) -> None:
        if self.busy:
            return
        if not self.review.can_undo:
            self.dismiss(None)
            return
        self.app.push_screen(confirm_screen(
            "Leave the review?", "Your changes to this draft have not been written. Leave and "
            "lose them? (Mark as checked, c, writes them.)", "Leave"), self._leave_answer)

    def keep_unwritten(self) -> None:
        """The app is leaving without asking (its terminal went away): keep the changes in a copy
        beside the drafts kept by mark as checked, never over the draft itself."""
        if not self.review.can_undo:
            return
        try:
            kept = self.review.keep_unfinished()
        except ReviewError as exc:  # nobody is there to tell: the log is all that is left
            log.error("the review's unwritten changes could not be kept: %s", exc)
            return
        log.warning("the review's unwritten changes were kept in %s", kept)

    def action_quit(self) -> None:
        """q here asks first too: quitting would lose the changes just as leaving would."""
        if not self.review.can_undo:
            self.app.exit(0)
            return
        self.app.push_screen(confirm_screen(
            "Quit scrbrowse?", "Your changes to this draft have not been written. Quit and lose "
            "them? (Mark as checked, c, writes them.)", "Quit"),
            lambda answer: self.app.exit(0) if answer == "yes" else None)

    def _leave_answer(self, answer: object) -> None:
        if answer == "yes":
            self.dismiss(None)
