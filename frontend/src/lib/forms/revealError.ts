/**
 * Every form's answer to "I pressed save and nothing happened": after a submit that failed (a field
 * the form itself refused, or the server's refusal shown above the fields), the first error on
 * screen is scrolled to the middle of the view and focused, so the person sees it and a screen
 * reader reads it. One mechanism for both apps: it reads the DOM, not the form library, so antd
 * (admin) and antd-mobile (cadre) forms and any alert inside the form's container share it.
 */
import { useCallback, useRef } from 'react';

/** A field marked in error (antd, antd-mobile), or an alert (a refusal, a notice) in the form. */
export const ERROR_SELECTOR = [
  '.ant-form-item-has-error',
  '.adm-form-item-has-error',
  '[role="alert"]',
  '[data-form-error]',
].join(',');

const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select, [contenteditable="true"]';

/** The first error inside `root` in document order, or null. */
export function firstError(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>(ERROR_SELECTOR);
}

/** Scroll the error into the middle of the view and focus its field (or the message itself). */
export function reveal(error: HTMLElement): void {
  error.scrollIntoView({ block: 'center', behavior: 'auto' });
  const field = error.querySelector<HTMLElement>(FOCUSABLE);
  const target = field ?? error;
  if (!field && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}

const frame = () =>
  new Promise<void>((resolve) =>
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(() => resolve())
      : setTimeout(resolve, 16),
  );

/**
 * Once the errors have rendered (a few frames: validation and React state settle
 * asynchronously), reveal the first in `root`. Answers whether there was one; no error, no move.
 */
export async function revealFirstError(
  root: () => ParentNode | null,
  frames = 10,
): Promise<boolean> {
  for (let i = 0; i < frames; i++) {
    await frame();
    const container = root();
    if (!container) return false;
    const error = firstError(container);
    if (error) {
      reveal(error);
      return true;
    }
  }
  return false;
}

/**
 * For a form: put `ref` on the element around it (its alerts included) and call `revealErrors`
 * after every submit that did not succeed (`onFinishFailed`, a refusal, a correction opened).
 */
export function useRevealErrors<T extends HTMLElement = HTMLDivElement>() {
  const ref = useRef<T>(null);
  const revealErrors = useCallback(() => void revealFirstError(() => ref.current), []);
  return { ref, revealErrors };
}
