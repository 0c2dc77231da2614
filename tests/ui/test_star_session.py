"""Session conveniences and the one restriction mark (issue 14, build item 6 and defects 5, 7):
starring questions into a personal bank, copying a question, own questions and notes in a pack, the
pack header, the draft mark in the bank, and the restriction mark in the command palette, with only
the app's own themes on offer."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from textual.command import CommandList, CommandPalette

from scrbrowse.packs import OWN_QUESTION, PackStore, item_from_document
from scrbrowse.paths import data_dir
from scrbrowse.starred import FILE_NAME, StarredStore
from scrbrowse.ui.screens.dialogs import ChoiceScreen, NotesScreen, PromptScreen
from scrbrowse.ui.screens.pack import PackScreen
from scrbrowse.ui.screens.questions import QuestionBankScreen
from scrbrowse.ui.theme import CYCLE, RESTRICTION_STYLE, restriction_mark

from .conftest import AppFactory, rendered
from .sessionkit import browse_of, messages, settle_all


async def _bank(pilot: object, app: object) -> QuestionBankScreen:
    browse_of(app).results.focus()  # type: ignore[arg-type]
    await pilot.press("f3")  # type: ignore[attr-defined]
    await settle_all(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, QuestionBankScreen)
    return screen


async def test_star_questions_into_a_personal_bank(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        bank.questions.focus()
        bank.questions.highlighted = 2
        key = bank.questions.rows[2].key
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "★" in str(bank.questions.render_row(2, bank.questions.rows[2]))
        path = data_dir() / FILE_NAME
        assert path.is_file()
        if sys.platform != "win32":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        await pilot.press("ctrl+o")  # only the starred
        await settle_all(pilot)
        assert [r.key for r in bank.questions.rows] == [key]
        assert "starred only" in rendered(bank.query_one("#bank-summary"))
        await pilot.press("ctrl+o")
        await settle_all(pilot)
        assert len(bank.questions.rows) == 15
    # Kept for the next session, as a snapshot of the question.
    starred = StarredStore().load()
    assert starred.message == "" and [i.key for i in starred.bank.items] == [key]
    assert starred.bank.items[0].text
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        index = [r.key for r in bank.questions.rows].index(key)
        assert "★" in str(bank.questions.render_row(index, bank.questions.rows[index]))
        bank.questions.focus()
        bank.questions.highlighted = index
        await pilot.press("ctrl+f")  # again: unstarred
        await pilot.pause()
    assert StarredStore().load().bank.items == []


def test_damaged_starred_file_is_set_aside(tmp_path: Path) -> None:
    store = StarredStore(tmp_path)
    store.path.write_text("items: [unclosed\n", encoding="utf-8")
    loaded = store.load()
    assert loaded.bank.items == [] and "could not be read" in loaded.message
    assert [p.name.startswith(FILE_NAME + ".damaged-") for p in tmp_path.iterdir()] == [True]


async def test_copy_a_question(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        bank.questions.focus()
        bank.questions.highlighted = 0
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == bank.questions.rows[0].text
        assert any("If nothing pastes" in m for m in messages(app))


async def test_own_question_and_pack_header(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        assert app.session.create("Supervision")
        browse_of(app).results.focus()
        await pilot.press("f2")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, PackScreen) and screen.pack is not None
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "Own question" is first
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await pilot.press(*"What helped?")
        await pilot.press("ctrl+s")
        await settle_all(pilot)
        assert app.screen is screen
        items = screen.pack.items
        assert [(i.kind, i.text) for i in items] == [(OWN_QUESTION, "What helped?")]
        assert "Own question" in str(screen.items_list.render_item(0, items[0]))

        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"AB", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"20 May", "enter")  # refused: not a date
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*("backspace",) * 6)
        await pilot.press(*"2024-05-20", "enter")
        await settle_all(pilot)
        assert app.screen is screen
        assert "Practitioner AB" in rendered(screen.query_one("#pack-meta"))
        name = screen.pack.name
    on_disk = PackStore().load(name).pack
    assert on_disk is not None and on_disk.practitioner == "AB"
    assert on_disk.session_date == "2024-05-20"
    assert [(i.kind, i.text) for i in on_disk.items] == [(OWN_QUESTION, "What helped?")]


async def test_palette_marks_restricted_reviews_and_offers_only_our_themes(
        make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        assert set(app.available_themes) == set(CYCLE)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Child S")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        prompts = [str(o.prompt) for o in palette.query_one(CommandList).options]
        child_s = [p for p in prompts if "Open: Child S" in p]
        assert child_s and all("▲ PROFESSIONALS ONLY" in p for p in child_s), prompts
        assert all("PROFESSIONALS" not in p for p in prompts if "Child K" in p)
        await pilot.press("escape")


def test_restriction_mark_has_fixed_colours() -> None:
    """The mark's colours are its own, never a theme variable, so no theme can soften it."""
    mark = restriction_mark("professionals only")
    assert mark.plain == " ▲ PROFESSIONALS ONLY "
    assert [span.style for span in mark.spans] == [RESTRICTION_STYLE]


async def test_draft_questions_are_marked_in_the_bank(make_app: AppFactory,
                                                      corpus_copy: Path) -> None:
    record = corpus_copy / "wiltshire-child-k-briefing-note.yaml"
    record.write_text(record.read_text(encoding="utf-8")
                      + "draft:\n  checks:\n    - check the dates\n", encoding="utf-8")
    app = make_app(corpus_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        bank = await _bank(pilot, app)
        for i, row in enumerate(bank.questions.rows):
            shown = str(bank.questions.render_row(i, row))
            assert ("DRAFT — not yet checked" in shown) == \
                (row.doc_id == "wiltshire-child-k-briefing-note"), shown


async def test_draft_items_are_marked_on_the_pack_screen(make_app: AppFactory) -> None:
    from dataclasses import replace

    from scrbrowse.corpus import load_corpus

    from .conftest import CORPUS

    doc = load_corpus(CORPUS).documents["hampshire-child-k-learning-summary"]
    store = PackStore()
    pack = store.create("Drafts")
    pack.add(item_from_document(replace(doc, draft=True), doc.learning_points[0].id))
    pack.add(item_from_document(doc, doc.learning_points[1].id))
    store.save(pack)
    store.set_current(pack.name)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle_all(pilot)
        browse_of(app).results.focus()
        await pilot.press("f2")
        await settle_all(pilot)
        screen = app.screen
        assert isinstance(screen, PackScreen) and screen.pack is not None
        shown = [str(screen.items_list.render_item(i, it)) for i, it in enumerate(screen.pack.items)]
        assert "DRAFT — not yet checked" in shown[0] and "DRAFT" not in shown[1]
