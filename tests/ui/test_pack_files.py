"""Pack files in the app: a damaged file is explained (never a traceback) and recovered from its backup
or left alone; a pack changed by someone else is not overwritten unasked; packs can be opened,
started, renamed and deleted (after asking) from the list of packs."""

from __future__ import annotations

from datetime import date

from scrbrowse.corpus import Corpus
from scrbrowse.packs import LoadStatus, Pack, PackStore, item_from_document
from scrbrowse.ui.screens.dialogs import ChoiceScreen, PromptScreen
from scrbrowse.ui.screens.pack import PackScreen
from scrbrowse.ui.screens.packs import PacksScreen

from .conftest import AppFactory, rendered
from .sessionkit import browse_of, messages, settle_all

WILTSHIRE = "wiltshire-child-k-briefing-note"
DAY = date(2024, 5, 14)


def _pack(corpus: Corpus, title: str, n: int, *, current: bool = True) -> tuple[PackStore, Pack]:
    """A saved pack of n Wiltshire learning points, saved once per item (so a backup exists)."""
    store = PackStore()
    pack = store.create(title, today=DAY)
    doc = corpus.documents[WILTSHIRE]
    for lp in doc.learning_points[:n]:
        pack.add(item_from_document(doc, lp.id))
        store.save(pack)
    if current:
        store.set_current(pack.name)
    return store, pack


async def _pack_screen(pilot: object, app: object) -> PackScreen:
    browse = browse_of(app)  # type: ignore[arg-type]
    browse.results.focus()
    await pilot.press("f2")  # type: ignore[attr-defined]
    await settle_all(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, PackScreen)
    return screen


async def test_a_damaged_pack_is_recovered_from_its_backup(make_app: AppFactory, corpus: Corpus) -> None:
    store, pack = _pack(corpus, "Safe sleep", 3)  # the .bak holds the 2-item version
    path = store.path(pack.name)
    path.write_bytes(b"schema_version: 1\ntitle: [unclosed\n\x00\xff")
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        assert app.is_running
        result = app.session.load_result
        assert result is not None and result.status == LoadStatus.RECOVERED
        assert app.session.pack is not None and len(app.session.pack.items) == 2
        assert any("recovered from its backup copy" in m and "Press F2" in m for m in messages(app))
        screen = await _pack_screen(pilot, app)
        box = screen.query_one("#pack-message")
        assert box.display and box.region.height > 0
        text = rendered(screen.query_one("#pack-message-text"))
        assert "could not be opened" in text and "previous good copy" in text
        assert ".corrupt-" in text  # says where the damaged file was kept
        assert len(screen.items_list.items) == 2
    kept = list(store.root.glob(f"{pack.name}.yaml.corrupt-*"))
    assert len(kept) == 1 and b"[unclosed" in kept[0].read_bytes()  # never deleted


async def test_an_unrecoverable_pack_is_left_alone_and_another_can_be_started(
        make_app: AppFactory, corpus: Corpus) -> None:
    store = PackStore()
    pack = store.create("Broken", today=DAY)  # one save: no backup to fall back on
    store.set_current(pack.name)
    store.path(pack.name).write_text("items: [ {\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        result = app.session.load_result
        assert result is not None and result.status == LoadStatus.FAILED and app.session.pack is None
        # Adding says why nothing happened, and changes nothing on disk.
        browse = browse_of(app)
        browse.results.focus()
        await pilot.press("ctrl+d")
        assert app.is_running and store.path(pack.name).read_text(encoding="utf-8") == "items: [ {\n"
        assert any("could not be opened" in m for m in messages(app))
        screen = await _pack_screen(pilot, app)
        assert "could not be opened" in rendered(screen.query_one("#pack-title"))
        assert screen.query_one("#pack-message").has_class("-failed")
        assert "fix it in a text editor" in rendered(screen.query_one("#pack-message-text"))
        # The way out: the list of packs shows the problem and starts a new pack.
        await pilot.press("ctrl+o")
        packs = app.screen
        assert isinstance(packs, PacksScreen)
        shown = str(packs.packs_list.render_info(packs.packs_list.infos[0], True))
        assert "cannot be read as it is" in shown
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Fresh")
        await pilot.press("enter")
        await settle_all(pilot)
        assert app.screen is screen
        assert app.session.pack is not None and app.session.pack.title == "Fresh"
        assert store.current() == "fresh"
        assert not screen.query_one("#pack-message").display or \
            screen.query_one("#pack-message").has_class("-none")
    assert store.path("broken").read_text(encoding="utf-8") == "items: [ {\n"


async def test_a_pack_changed_elsewhere_is_not_overwritten_unasked(make_app: AppFactory,
                                                                  corpus: Corpus) -> None:
    store, pack = _pack(corpus, "Shared", 1)
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        assert app.session.pack is not None and len(app.session.pack.items) == 1
        # Someone else (the command line, another window) adds an item meanwhile.
        other = store.load(pack.name).pack
        assert other is not None
        doc = corpus.documents[WILTSHIRE]
        other.add(item_from_document(doc, doc.reflective_questions[0].id))
        store.save(other)
        screen = await _pack_screen(pilot, app)
        await pilot.press("delete")  # a change here: saving it would lose theirs
        assert isinstance(app.screen, ChoiceScreen)
        assert len(store.load(pack.name).pack.items) == 2  # type: ignore[union-attr]
        await pilot.click("#choice-reload")
        await settle_all(pilot)
        assert app.screen is screen
        assert [i.item_id for i in app.session.pack.items] == [i.item_id for i in other.items]
        assert len(screen.items_list.items) == 2
        # Once more, and this time keep ours.
        again = store.load(pack.name).pack
        assert again is not None
        again.title = "Shared, retitled elsewhere"
        store.save(again)
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-force")
        await settle_all(pilot)
        mine = store.load(pack.name).pack
        assert mine is not None and len(mine.items) == 1 and mine.title == "Shared"


async def test_packs_can_be_opened_renamed_and_deleted_after_asking(make_app: AppFactory,
                                                                   corpus: Corpus) -> None:
    store, first = _pack(corpus, "First pack", 2)
    _pack(corpus, "Second pack", 1, current=False)
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle_all(pilot)
        screen = await _pack_screen(pilot, app)
        await pilot.press("ctrl+o")
        packs = app.screen
        assert isinstance(packs, PacksScreen)
        assert [i.name for i in packs.packs_list.infos] == ["first-pack", "second-pack"]
        assert "(current)" in str(packs.packs_list.render_info(packs.packs_list.infos[0], True))
        # Open the second: it becomes current, and the pack screen shows it.
        packs.packs_list.highlighted = 1
        await pilot.press("enter")
        await settle_all(pilot)
        assert app.screen is screen and app.session.pack is not None
        assert app.session.pack.name == "second-pack" and store.current() == "second-pack"
        assert rendered(screen.query_one("#pack-title")) == "Second pack"
        # Rename it.
        await pilot.press("ctrl+o")
        packs = app.screen
        assert isinstance(packs, PacksScreen)
        await pilot.press("f2")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one("Input").value = "First pack"  # taken: refused with a reason
        await pilot.press("enter")
        assert app.screen is prompt and "already a pack" in rendered(prompt.query_one("#prompt-error"))
        prompt.query_one("Input").value = "Safe sleep with Sam"
        await pilot.press("enter")
        await settle_all(pilot)
        assert app.screen is packs
        assert [i.name for i in packs.packs_list.infos] == ["first-pack", "safe-sleep-with-sam"]
        assert app.session.pack.title == "Safe sleep with Sam" and store.current() == "safe-sleep-with-sam"
        # Delete the first: Enter on the question keeps it; "Delete it" moves it to the trash.
        packs.packs_list.highlighted = 0
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await settle_all(pilot)
        assert store.exists("first-pack")
        await pilot.press("delete")
        await pilot.click("#choice-yes")
        await settle_all(pilot)
        assert not store.exists("first-pack")
        assert [i.name for i in packs.packs_list.infos] == ["safe-sleep-with-sam"]
        assert any(p.name.endswith("first-pack.yaml") for p in store.trash.iterdir())
        assert first.name == "first-pack"
