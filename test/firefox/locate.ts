/**
 * The in-page half of test/firefox/locator.ts: finds elements by role, label, text or CSS with
 * Playwright's rules, so that one page object drives Chromium (Playwright) and Firefox
 * (puppeteer-core). Playwright resolves its locators with an injected script as well, not
 * through the browser's accessibility tree.
 *
 * `locate` is sent to the page as source text, so it must not use anything from outside its
 * own body.
 */

/** A text to match: a plain string, or a regular expression sent as source and flags. */
export type TextPattern = { string: string; exact: boolean } | { source: string; flags: string };

export type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'role'; role: string; name?: TextPattern }
  | { kind: 'label'; text: TextPattern }
  | { kind: 'text'; text: TextPattern }
  | { kind: 'hasText'; text: TextPattern };

/** What `locate` waits for before it returns the element. */
export type Condition = 'attached' | 'visible' | 'enabled';

/** States in which no element is returned: none matches, or none is visible. */
export type Absence = 'detached' | 'hidden';

/**
 * Returns the one element that the steps select once it meets `condition`, `false` while no
 * element does, or a message when the steps select more than one element (Playwright's strict
 * mode). With `condition` 'count' it returns the number of elements, and with 'detached' or
 * 'hidden' whether that is the state.
 */
export function locate(
  steps: Step[],
  condition: Condition | Absence | 'count',
): Element | boolean | string | number {
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

  const matches = (pattern: TextPattern, text: string): boolean => {
    const normalized = normalize(text);
    if ('source' in pattern) return new RegExp(pattern.source, pattern.flags).test(normalized);
    if (pattern.exact) return normalized === normalize(pattern.string);
    return normalized.toLowerCase().includes(normalize(pattern.string).toLowerCase());
  };

  const isHidden = (element: Element): boolean => {
    const parentOf = (node: Element): Element | null =>
      node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host || null);
    for (let node: Element | null = element; node; node = parentOf(node)) {
      if (node.getAttribute('aria-hidden') === 'true' || (node as HTMLElement).hidden) return true;
      const style = getComputedStyle(node);
      if (style.display === 'none') return true;
    }
    return getComputedStyle(element).visibility !== 'visible';
  };

  const isVisible = (element: Element): boolean => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility === 'visible';
  };

  const implicitRole = (element: Element): string | undefined => {
    const tag = element.localName;
    const type = (element.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && element.hasAttribute('href')) return 'link';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') {
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      if (['text', 'email', 'search', 'tel', 'url'].includes(type)) return 'textbox';
      return undefined;
    }
    if (tag === 'output') return 'status';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'img') return element.getAttribute('alt') === '' ? 'presentation' : 'img';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'main') return 'main';
    if (tag === 'dialog') return 'dialog';
    const named = element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby');
    if (tag === 'section' && named) return 'region';
    if (tag === 'form' && named) return 'form';
    return undefined;
  };

  const roleOf = (element: Element) =>
    element.getAttribute('role')?.split(' ')[0] ?? implicitRole(element);

  // The name a screen reader reads from an element's content, as in the accname spec.
  const contentText = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
    if ((node as HTMLElement).hidden) return '';
    const label = node.getAttribute('aria-label');
    if (label) return label;
    if (node.localName === 'img') return node.getAttribute('alt') ?? '';
    return [...node.childNodes].map(contentText).join('');
  };

  const byIds = (ids: string) =>
    ids
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .map((target) => (target ? contentText(target) : ''))
      .join(' ');

  const labelsOf = (element: Element): string[] => {
    const labels = (element as HTMLInputElement).labels;
    return labels ? [...labels].map((label) => contentText(label)) : [];
  };

  const accessibleName = (element: Element): string => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) return normalize(byIds(labelledBy));
    const label = element.getAttribute('aria-label');
    if (label) return normalize(label);
    const fromLabels = labelsOf(element).join(' ');
    if (fromLabels) return normalize(fromLabels);
    const role = roleOf(element);
    if (['button', 'link', 'heading', 'checkbox', 'radio', 'listitem'].includes(role ?? '')) {
      const text = normalize(contentText(element));
      if (text) return text;
    }
    if (element.localName === 'img') return normalize(element.getAttribute('alt') ?? '');
    return normalize(element.getAttribute('title') ?? '');
  };

  // Every element under a root, including those in open shadow roots, as Playwright finds them.
  const allUnder = (root: ParentNode): Element[] =>
    [...root.querySelectorAll('*')].flatMap((element) =>
      element.shadowRoot ? [element, ...allUnder(element.shadowRoot)] : [element],
    );

  const descendants = (roots: ParentNode[], selector = '*'): Element[] => [
    ...new Set(
      roots.flatMap((root) => allUnder(root).filter((element) => element.matches(selector))),
    ),
  ];

  const apply = (roots: ParentNode[], step: Step): Element[] => {
    switch (step.kind) {
      case 'css':
        return descendants(roots, step.selector);
      case 'role':
        return descendants(roots).filter(
          (element) =>
            roleOf(element) === step.role &&
            !isHidden(element) &&
            (!step.name || matches(step.name, accessibleName(element))),
        );
      case 'label':
        return descendants(roots).filter((element) => {
          const names = labelsOf(element);
          const ariaName = element.getAttribute('aria-label');
          if (ariaName) names.push(ariaName);
          const labelledBy = element.getAttribute('aria-labelledby');
          if (labelledBy) names.push(byIds(labelledBy));
          return names.some((name) => matches(step.text, name));
        });
      case 'text': {
        // The innermost elements whose text matches, as Playwright's text engine picks them.
        const skipped = new Set(['script', 'style', 'template', 'head']);
        const candidates = descendants(roots).filter(
          (element) =>
            !skipped.has(element.localName) && matches(step.text, element.textContent ?? ''),
        );
        return candidates.filter(
          (element) => ![...element.children].some((child) => candidates.includes(child)),
        );
      }
      case 'hasText':
        return (roots as Element[]).filter((element) =>
          matches(step.text, element.textContent ?? ''),
        );
    }
  };

  let found: ParentNode[] = [document];
  for (const step of steps) found = apply(found, step);
  const elements = found as Element[];
  if (condition === 'count') return elements.length;
  if (condition === 'detached') return elements.length === 0;
  if (condition === 'hidden') return elements.every((element) => !isVisible(element));
  if (elements.length > 1) {
    return `strict mode violation: ${elements.length} elements match`;
  }
  const [element] = elements;
  if (!element) return false;
  if (condition === 'attached') return element;
  if (!isVisible(element)) return false;
  if (condition === 'enabled' && element.matches(':disabled')) return false;
  return element;
}
