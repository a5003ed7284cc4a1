"""Moving through a page with the keyboard only, checking the focus is visible each step.

Nothing here clicks or calls element.click(): focus moves with Tab and Shift+Tab,
fields are filled by typing, choices made with the arrow keys and Space, links and
buttons activated with Enter. Locators are only read, to know where the focus is.
"""

from playwright.sync_api import Locator, Page

MAX_TAB_STOPS = 80

# What a sighted keyboard user sees of the focus: an outline or a focus ring drawn
# with box-shadow, on the focused element itself.
_FOCUS_INDICATOR = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return {visible: false, element: "body"};
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== "none" && style.boxShadow !== "";
  const name = (element.getAttribute("aria-label") || element.textContent || "").trim();
  const tag = element.tagName.toLowerCase() + (element.id ? ` id=${element.id}` : "");
  const drawn = `outline ${style.outlineStyle} ${style.outlineWidth}, shadow ${style.boxShadow}`;
  return {visible: outline || ring, element: `<${tag}> ${name.slice(0, 40)} (${drawn})`};
}
"""

# Whether the target comes after the focused element in document order (or nothing
# has focus yet), i.e. whether Tab or Shift+Tab leads there.
_TARGET_IS_AHEAD = """
(target) => {
  const current = document.activeElement;
  if (!current || current === document.body) return true;
  return Boolean(current.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
}
"""


def focused_description(page: Page) -> str:
    return page.evaluate(_FOCUS_INDICATOR)["element"]


def assert_focus_visible(page: Page) -> None:
    indicator = page.evaluate(_FOCUS_INDICATOR)
    assert indicator["visible"], f"focus is not visible on {indicator['element']}"


def has_focus(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab (or Shift+Tab when the target lies behind) until the target has focus.

    The focus must be visible at every stop on the way, not only at the target. A
    target that already has focus (an autofocus field) needs no key at all.
    """
    if has_focus(target):
        assert_focus_visible(page)
        return
    key = "Tab" if target.evaluate(_TARGET_IS_AHEAD) else "Shift+Tab"
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if has_focus(target):
            return
    raise AssertionError(
        f"{key} did not reach {target} in {MAX_TAB_STOPS} stops; "
        f"focus is on {focused_description(page)}"
    )


def type_into(page: Page, field: Locator, text: str) -> None:
    tab_to(page, field)
    page.keyboard.type(text)


def choose_option(page: Page, select: Locator, label: str) -> None:
    """Move a focused <select> with the arrow keys until `label` is chosen."""
    tab_to(page, select)
    options = select.evaluate("element => Array.from(element.options, o => o.text.trim())")
    assert label in options, f"{label!r} is not among {options}"
    steps = options.index(label) - select.evaluate("element => element.selectedIndex")
    key = "ArrowDown" if steps > 0 else "ArrowUp"
    for _ in range(abs(steps)):
        page.keyboard.press(key)
    chosen = select.evaluate("element => element.options[element.selectedIndex].text.trim()")
    assert chosen == label, f"the arrow keys chose {chosen!r}, not {label!r}"


def tick(page: Page, checkbox: Locator) -> None:
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    assert checkbox.is_checked(), f"Space did not tick {checkbox}"


def activate(page: Page, target: Locator) -> None:
    """Focus a link or button and press Enter, waiting for the page it leads to."""
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press("Enter")
