"""Every saved pack: open one (it becomes the pack the browser adds to), start a new one, rename or
delete one (after asking; the core moves deleted files to a trash folder, never unlinks them)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...packs import PackError, PackInfo, make_name
from ..bindings import bindings
from ..session import PackSession, session_of
from ..text import component_style, join, literal
from ..theme import restriction_mark
from .dialogs import PromptScreen, confirm_screen

_OWN_BACKGROUND = frozenset({"packs--problem"})


class PackInfoList(OptionList):
    BINDINGS = bindings("cursor_down", "cursor_up", "open_pack")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"packs--title", "packs--meta", "packs--problem",
                                             "packs--current"}
    DEFAULT_CSS = """
    PackInfoList { height: 1fr; border: none; padding: 0; background: transparent; }
    PackInfoList:focus { border: none; background: transparent; }
    PackInfoList > .packs--title { text-style: bold; }
    PackInfoList > .packs--meta { color: $text-muted; }
    PackInfoList > .packs--problem { color: $text-error; }
    PackInfoList > .packs--current { color: $text-success; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.infos: list[PackInfo] = []

    def show(self, infos: list[PackInfo], current: str | None, keep: str | None = None) -> None:
        self.infos = infos
        options: list[Option | None] = []
        for i, info in enumerate(infos):
            if i:
                options.append(None)
            options.append(Option(self.render_info(info, info.name == current)))
        self.clear_options()
        self.add_options(options)
        if infos:
            names = [info.name for info in infos]
            self.highlighted = names.index(keep) if keep in names else \
                (names.index(current) if current in names else 0)

    def render_info(self, info: PackInfo, current: bool) -> Content:
        def style(name: str) -> Style:
            return component_style(self, name, background=name in _OWN_BACKGROUND)

        first = literal(info.title, one_line=True).stylize(style("packs--title"))
        if current:
            first = Content("● ").stylize(style("packs--current")) + first + \
                Content("  (current)").stylize(style("packs--current"))
        bits: list[Content | str] = [f"{info.items} item{'s' if info.items != 1 else ''}",
                                     f"session {info.created or 'date not set'}",
                                     f"changed {info.modified:%Y-%m-%d %H:%M}", info.name]
        meta = join(bits).stylize(style("packs--meta"))
        if info.restricted:  # the one mark, first on its line so a narrow list never cuts it
            meta = restriction_mark("professionals only") + Content(" ") + meta
        lines = [first, meta]
        if info.problem:
            lines.append(literal(f"⚠ {info.problem}", one_line=True).stylize(style("packs--problem")))
        return Content("\n").join(lines)

    @property
    def current_info(self) -> PackInfo | None:
        index = self.highlighted
        return self.infos[index] if index is not None and 0 <= index < len(self.infos) else None


class PacksScreen(ModalScreen[None]):
    BINDINGS = bindings("cancel", "new_pack", "rename_pack", "delete_pack")
    DEFAULT_CSS = """
    PacksScreen { align: center middle; }
    PacksScreen > Vertical { width: 90%; max-width: 100; height: 80%; border: thick $primary;
                             background: $surface; padding: 0 1; }
    PacksScreen #packs-title { text-style: bold; padding-bottom: 1; }
    PacksScreen #packs-empty { color: $text-muted; }
    PacksScreen #packs-empty.-hidden { display: none; }
    PacksScreen #packs-where { color: $text-muted; padding-top: 1; }
    """

    @property
    def session(self) -> PackSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Session packs — Enter opens · n new · r rename · d delete · "
                                 "Esc closes"), id="packs-title")
            yield Static(Content("No packs yet: press Ctrl+N to start one."), id="packs-empty",
                         classes="-hidden")
            yield PackInfoList(id="packs-list")
            yield Static(Content("Kept in ") + literal(str(self.session.store.root), one_line=True),
                         id="packs-where")

    @property
    def packs_list(self) -> PackInfoList:
        return self.query_one(PackInfoList)

    def on_mount(self) -> None:
        self.reload()
        self.packs_list.focus()

    def reload(self, keep: str | None = None) -> None:
        session = self.session
        infos = session.store.list()  # reads each (small) file; never raises, never writes
        current = session.pack.name if session.pack is not None else session.store.current()
        self.packs_list.show(infos, current, keep)
        self.query_one("#packs-empty").set_class(bool(infos), "-hidden")

    @on(OptionList.OptionSelected, "#packs-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        info = self.packs_list.current_info
        if info is None:
            return
        self.session.open(info.name)  # a damaged pack is explained on the pack screen
        self.dismiss()

    def _check_title(self, text: str, *, same: str | None = None) -> str | None:
        try:
            name = make_name(text)
        except PackError as exc:
            return str(exc)[:1].upper() + str(exc)[1:]
        if name != same and self.session.store.exists(name):
            return f"There is already a pack called '{name}'; choose another title."
        return None

    def action_new_pack(self) -> None:
        def done(title: object) -> None:
            if isinstance(title, str) and title and self.session.create(title):
                self.dismiss()

        self.app.push_screen(PromptScreen(
            "Start a new pack", "A title for the session, for example “Safe sleep: supervision with "
            "Sam”. The browser adds to the new pack from now on.", placeholder="Title",
            check=self._check_title, ok="Start"), done)

    def action_rename_pack(self) -> None:
        info = self.packs_list.current_info
        if info is None:
            return

        def done(title: object) -> None:
            if isinstance(title, str) and title:
                new_name = self.session.rename(info.name, title)
                if new_name is not None:
                    self.reload(keep=new_name)

        self.app.push_screen(PromptScreen(
            Content("Rename “") + literal(info.title, one_line=True) + Content("”"),
            "The new title (the file name follows it).", info.title,
            check=lambda text: self._check_title(text, same=info.name), ok="Rename"), done)

    def action_delete_pack(self) -> None:
        info = self.packs_list.current_info
        if info is None:
            return

        def done(choice: object) -> None:
            if choice == "yes" and self.session.delete(info.name):
                self.reload()

        body = (Content("Delete “") + literal(info.title, one_line=True)
                + Content(f"” ({info.items} item{'s' if info.items != 1 else ''})?\n\n"
                          "Its files are moved to the trash folder inside the packs folder, not "
                          "erased: move them back to restore the pack."))
        self.app.push_screen(confirm_screen("Delete this pack?", body, "Delete it", "Keep it"), done)

    def action_cancel(self) -> None:
        self.dismiss()
