/**
 * What GraphiQL 4.1's markup lacks for assistive technology, added to the DOM after it renders
 * (and again whenever it renders anew: a tab switch, the variables/headers pane, a dialog):
 * - its editors (CodeMirror 5) type into hidden textareas with no name: each is named after
 *   its editor;
 * - a tab is an `li role=tab` holding two buttons (select, close), an interactive control
 *   nested in another: the select button becomes the tab, the item a plain container;
 * - an editor's scrolling area holds no focusable element (the textarea sits beside it): it
 *   takes focus (tabindex 0) and hands it to the editor, so keyboard users reach and scroll it.
 */
const EDITOR_NAMES: [selector: string, name: string][] = [
  ['.graphiql-query-editor', 'Query editor'],
  ['.graphiql-editor-tool .graphiql-editor:not(.hidden) ', 'Variables or headers editor'],
  ['.graphiql-response', 'Response'],
];

function set(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function repair(root: HTMLElement): void {
  for (const [selector, name] of EDITOR_NAMES) {
    root.querySelectorAll(`${selector} .CodeMirror textarea`).forEach((textarea) => set(textarea, 'aria-label', name));
  }
  root.querySelectorAll('.CodeMirror textarea:not([aria-label])').forEach((textarea) => set(textarea, 'aria-label', 'Editor'));

  root.querySelectorAll('li.graphiql-tab').forEach((item) => {
    const button = item.querySelector('.graphiql-tab-button');
    if (!button) return;
    const selected = item.classList.contains('graphiql-tab-active') ? 'true' : 'false';
    set(item, 'role', 'presentation');
    if (item.hasAttribute('aria-selected')) item.removeAttribute('aria-selected');
    set(button, 'role', 'tab');
    set(button, 'aria-selected', selected);
  });

  // CodeMirror gives its scroller tabindex -1 (focusable by script only).
  root.querySelectorAll<HTMLElement>('.CodeMirror-scroll:not([data-govgraph-focusable])').forEach((scroll) => {
    scroll.dataset.govgraphFocusable = '';
    scroll.tabIndex = 0;
    scroll.addEventListener('focus', () => (scroll.closest('.CodeMirror') as (HTMLElement & { CodeMirror?: { focus(): void } }) | null)?.CodeMirror?.focus());
  });
}

export function accessibleGraphiql(root: HTMLElement): void {
  repair(root);
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      repair(root);
    });
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-selected', 'role', 'class'] });
}
