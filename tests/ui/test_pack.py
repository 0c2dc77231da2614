"""Building a session pack from the browser and the question bank, reordering and annotating it,
finding it intact in a new app, and exporting it to self-contained HTML (the overwrite rules are in
test_pack_export.py)."""

from __future__ import annotations

import re
from pathlib import Path

from scrbrowse.corpus import Corpus
from scrbrowse.model import PassageKind
from scrbrowse.packs import PackStore
from scrbrowse.ui.screens.dialogs import NotesScreen
from scrbrowse.ui.screens.export import ExportScreen
from scrbrowse.ui.screens.pack import PackScreen
from scrbrowse.ui.screens.questions import QuestionBankScreen
from scrbrowse.ui.widgets.detail import DocumentView
from scrbrowse.ui.widgets.passage import PassageView

from .conftest import AppFactory, rendered, search
from .sessionkit import browse_of, messages, open_result, settle_all

HAMPSHIRE = "hampshire-child-k-learning-summary"
CHILD_S = "child-s-learning-briefing"
WILTSHIRE = "wiltshire-child-k-briefing-note"


async def test_build_reorder_annotate_restart_and_export(make_app: AppFactory, corpus: Corpus,
                                                          tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        browse = browse_of(app)
        assert app.session.pack is None and browse.sub_title is None  # nothing made until asked

        # --- the browser: "safe sleep", two learning points from Hampshire's summary
        await search(pilot, "safe sleep")
        await open_result(pilot, HAMPSHIRE)
        view = browse.detail.view
        assert isinstance(view, DocumentView) and view.doc_id == HAMPSHIRE
        first = browse.focused_passage()
        assert first is not None and first[2] is PassageKind.LEARNING_POINT
        await pilot.press("ctrl+s")
        assert isinstance(app.focused, PassageView) and app.focused.in_pack
        assert "● in pack" in rendered(app.focused)
        await pilot.press("down")
        second = browse.focused_passage()
        assert second is not None and second[2] is PassageKind.LEARNING_POINT and second != first
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s")  # add, remove again, add: the key toggles
        pack = app.session.pack
        assert pack is not None
        assert [(i.doc_id, i.item_id) for i in pack.items] == [first[:2], second[:2]]
        assert browse.sub_title == f"Pack: {pack.title} (2)"
        assert any(m.startswith("Removed learning point from") for m in messages(app))

        # --- a restricted question from Child S: the notification says the mark goes with it
        await pilot.press("escape")
        await open_result(pilot, CHILD_S)
        view = browse.detail.view
        assert view is not None and view.doc_id == CHILD_S
        while view.active_tab != "questions":
            await pilot.press("right")
            await pilot.pause()
        await settle_all(pilot)
        question = browse.focused_passage()
        assert question is not None and question[2] is PassageKind.QUESTION
        await pilot.press("ctrl+s")
        assert "PROFESSIONALS ONLY" in messages(app)[-1]
        assert pack.items[-1].restricted

        # --- the question bank: two questions from Wiltshire
        await pilot.press("f3")
        await settle_all(pilot)
        bank = app.screen
        assert isinstance(bank, QuestionBankScreen)
        rows = bank.questions.rows
        marked = [i for i, r in enumerate(rows) if r.key == question[:2]]
        assert marked and "● in pack" in str(bank.questions.render_row(marked[0], rows[marked[0]]))
        assert app.focused is bank.input  # typing searches; Down goes to the list
        await pilot.press("down")
        assert app.focused is bank.questions
        wiltshire = [i for i, r in enumerate(rows) if r.doc_id == WILTSHIRE][:2]
        for index in wiltshire:
            bank.questions.highlighted = index
            await pilot.press("ctrl+s")
        assert len(pack.items) == 5
        bank_keys = [rows[i].key for i in wiltshire]

        # --- the pack screen: reorder, annotate, remove and undo
        await pilot.press("f2")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, PackScreen)
        items = screen.items_list
        assert len(items.items) == 5 and app.focused is items
        items.highlighted = 4
        await pilot.press("K", "K")  # the last Wiltshire question moves up two places
        await pilot.press("ctrl+down")  # and one back down
        assert items.highlighted == 3
        order = [(i.doc_id, i.item_id) for i in pack.items]
        assert order == [first[:2], second[:2], question[:2], bank_keys[1], bank_keys[0]]
        items.highlighted = 0
        await pilot.press("enter")
        assert isinstance(app.screen, NotesScreen)
        await pilot.press(*"Cot?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        items.highlighted = 2
        await pilot.press("enter")
        await pilot.press(*"Dad?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+w")
        assert app.focused is screen.notes_area
        await pilot.press(*"Sofa")
        await pilot.press("escape")
        assert app.focused is items
        items.highlighted = 1
        await pilot.press("delete")
        assert len(pack.items) == 4
        await pilot.press("ctrl+z")
        await settle_all(pilot)
        assert [(i.doc_id, i.item_id) for i in pack.items] == order
        assert [i.notes for i in pack.items] == ["Cot?", "", "Dad?", "", ""]
        assert pack.notes == "Sofa"
        shown = str(items.render_item(2, pack.items[2]))
        assert "PROFESSIONALS ONLY" in shown and "Notes: Dad?" in shown
        assert "Child S (area not stated)" in shown
        expected = [(i.kind, i.doc_id, i.item_id, i.notes) for i in pack.items]
        name = pack.name
        await pilot.press("ctrl+q")

    # --- saved as it was: on disk, and in a brand-new app
    on_disk = PackStore().load(name).pack
    assert on_disk is not None and [(i.kind, i.doc_id, i.item_id, i.notes) for i in on_disk.items] == expected

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        pack = app.session.pack
        assert pack is not None and pack.name == name
        assert [(i.kind, i.doc_id, i.item_id, i.notes) for i in pack.items] == expected
        assert pack.notes == "Sofa"
        assert browse_of(app).sub_title == f"Pack: {pack.title} (5)"
        browse_of(app).results.focus()  # any pane: F2 opens the pack
        await pilot.press("f2")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, PackScreen)
        assert screen.notes_area.text == "Sofa"
        banner = rendered(screen.query_one("#pack-restricted"))
        assert "PROFESSIONALS ONLY" in banner and "item 3" in banner

        # --- export to HTML from the pack screen
        target = tmp_path / "safe-sleep.html"
        await pilot.press("ctrl+e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen) and dialog.format == "html"
        assert dialog.path_text.endswith(f"{name}.html")  # a sensible default name
        dialog.set_path(str(target))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and target.is_file()
        html = target.read_text(encoding="utf-8")
        _check_html(html, corpus, expected)


def _check_html(html: str, corpus: Corpus, expected: list[tuple[str, str, str | None, str]]) -> None:
    # Self-contained: nothing that would make a browser fetch anything.
    lowered = html.lower()
    for bad in ("<script", "src=", "href=", "@import", "url(", "<link", "<iframe"):
        assert bad not in lowered, bad
    assert not re.search(r"https?://", html.split("</style>")[0])
    assert "default-src 'none'" in html
    # The restriction banner, for the Child S item, before any item.
    assert "PROFESSIONALS ONLY" in html
    assert html.index("PROFESSIONALS ONLY") < html.index("Do I always speak to both parents")
    s_doc = corpus.documents[CHILD_S]
    assert s_doc.restriction is not None and s_doc.restriction.wording[:40] in html
    # Every item with its notes, in the pack's order.
    positions = []
    for _kind, doc_id, item_id, notes in expected:
        passage = corpus.documents[doc_id].passage(item_id or "")
        assert passage is not None
        snippet = passage.text[:30].replace("'", "&#x27;")
        assert snippet in html, snippet
        positions.append(html.index(snippet))
        if notes:
            assert notes.replace("'", "&#x27;") in html
    assert positions == sorted(positions)


async def test_notes_escape_cancels_like_every_dialog(make_app: AppFactory) -> None:
    """Esc in the notes editor cancels, as in every other dialog (issue 14); after a change it asks
    first, with "Keep editing" focused; only Ctrl+S (or Keep) keeps the text."""
    from scrbrowse.ui.screens.dialogs import ChoiceScreen

    app = make_app()
    results: list[object] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_all(pilot)
        # Unchanged: Esc just closes, keeping nothing new.
        app.push_screen(NotesScreen("Notes", "about", "old"), results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert results == [None] and not isinstance(app.screen, NotesScreen)
        # Changed: Esc asks; Escape or Enter on the question keeps editing, text intact.
        app.push_screen(NotesScreen("Notes", "about", "old"), results.append)
        await pilot.pause()
        await pilot.press(*" new")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "Keep editing" has the focus
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, NotesScreen) and notes.text == "old new" and results == [None]
        # Esc, then "Throw away the changes": closed, nothing kept.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert results == [None, None] and not isinstance(app.screen, NotesScreen)
        # Ctrl+S keeps.
        app.push_screen(NotesScreen("Notes", "about", "old"), results.append)
        await pilot.pause()
        await pilot.press(*"!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results == [None, None, "old!"]


async def test_short_screen_folds_the_notes_box_for_the_items(make_app: AppFactory,
                                                             corpus: Corpus) -> None:
    """At 80x24 the pack showed 1.5 items under an open notes box (issue 14): the box folds to one
    line until m; in it, letters are typed and the footer offers no item keys."""
    from scrbrowse.packs import item_from_document

    store = PackStore()
    pack = store.create("Short")
    doc = corpus.documents["child-s-learning-briefing"]
    for q in doc.reflective_questions[:3]:
        pack.add(item_from_document(doc, q.id))
    store.save(pack)
    store.set_current(pack.name)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_all(pilot)
        browse_of(app).results.focus()
        await pilot.press("f2")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, PackScreen) and screen.has_class("-short")
        assert not screen.notes_area.display or screen.notes_area.region.height == 0
        items = screen.items_list
        first_two = sum(items.get_option_at_index(i).prompt.plain.count("\n") + 1  # type: ignore[union-attr]
                        for i in range(2))
        assert items.region.height >= first_two + 1  # two whole items (and a separator) fit
        assert screen.check_action("remove_item", ())
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert app.focused is screen.notes_area and screen.notes_area.region.height > 0
        assert not screen.check_action("remove_item", ())
        await pilot.press(*"dK")  # typed, not acted on
        await pilot.press("escape")
        await settle_all(pilot)
        assert app.focused is items and len(screen.pack.items) == 3  # type: ignore[union-attr]
        assert "Session notes: dK" in rendered(screen.query_one("#pack-notes-label"))
