import { expect, test, type Page } from '@playwright/test';
import { clinician, parent } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectMediaFlowing } from '../support/media';

/**
 * A whole case at a 1366×768 laptop with the keyboard only: sign in, new case (Alt+Shift+N), the
 * form, the link (Alt+Shift+L), admit (Alt+Shift+A), mute and camera, End call (Alt+Shift+E only
 * moves focus; Enter ends), a checklist answer, a disposition, notes, Sign (Alt+Shift+S only moves
 * focus; Enter signs) and Next case (Alt+Shift+X). No mouse and no locator click/fill/check on the
 * desk page: Tab, Shift+Tab, arrows, Space, Enter, typing and the shortcuts. The parent's phone
 * uses ordinary taps.
 */

type Focused = {
  tag: string;
  type: string;
  /** The focused control's label, aria-label or text, whitespace collapsed. */
  name: string;
  /** The legend of the fieldset it is in (a radio's question), or ''. */
  legend: string;
  checked: boolean;
  focusVisible: boolean;
  shortcut: string | null;
};

async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const input = element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ? element : null;
    const name = squash(element.getAttribute('aria-label')) || squash(input?.labels?.[0]?.textContent) || squash(element.textContent);
    return {
      tag: element.tagName.toLowerCase(),
      type: element instanceof HTMLInputElement ? element.type : '',
      name,
      legend: squash(element.closest('fieldset')?.querySelector('legend')?.textContent),
      checked: element instanceof HTMLInputElement ? element.checked : false,
      focusVisible: element.matches(':focus-visible'),
      shortcut: element.dataset.shortcut ?? null,
    };
  });
}

/** Tab (or Shift+Tab) until the focused control is the one wanted; fails after `max` presses. */
async function tabTo(page: Page, what: string, wanted: (f: Focused) => boolean, { back = false, max = 200 } = {}): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (now && wanted(now)) return now;
    seen.push(now ? `${now.tag}:${now.name.slice(0, 30)}` : 'body');
  }
  throw new Error(`Tabbed ${max} times without reaching ${what}; went through ${seen.slice(-15).join(' | ')}`);
}

/** Arrow keys inside a radio group (each one moves and checks) until the wanted option is chosen. */
async function arrowTo(page: Page, option: (name: string) => boolean, max = 12): Promise<Focused> {
  let now = await focused(page);
  for (let i = 0; i < max && now && !option(now.name); i += 1) {
    await page.keyboard.press('ArrowDown');
    now = await focused(page);
  }
  if (!now || !option(now.name)) throw new Error(`No such option in the group (last: ${now?.name ?? 'nothing'})`);
  // Tabbing into a group with nothing chosen focuses its first option without choosing it.
  if (!now.checked) await page.keyboard.press('Space');
  const chosen = await focused(page);
  expect(chosen?.checked).toBe(true);
  return chosen!;
}

/** Focus is on something, and the browser shows it (:focus-visible), as after any key press. */
function expectVisibleFocus(now: Focused | null, what: string) {
  expect(now, `focus on ${what}`).not.toBeNull();
  expect(now?.focusVisible, `visible focus on ${what}`).toBe(true);
}

test('a clinician works a whole case with the keyboard only: create, link, admit, checklist, disposition, sign', async ({ browser, baseURL }) => {
  // Video, two pages and about 150 key presses: about a minute idle, more on a busy 2-core machine.
  test.setTimeout(240_000);
  const desk = await clinician(browser, baseURL!);
  const phone = await parent(browser, baseURL!);
  const page = desk.page;
  await page.setViewportSize({ width: 1366, height: 768 });

  // Sign in: Tab to the fields, type, Enter submits.
  await page.goto('/login');
  await tabTo(page, 'Username', (f) => f.name === 'Username');
  await page.keyboard.type('clinician');
  await tabTo(page, 'Password', (f) => f.name === 'Password');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Open cases' })).toBeVisible();

  // The skip link is the first stop of the page, shown when focused, and does not cover the logo
  // (after signing in, focus is inside the page: Tab goes round through the open cases, however many the suite left, to it).
  const skip = await tabTo(page, 'the skip link', (f) => f.name === 'Skip to main content', { max: 400 });
  expectVisibleFocus(skip, 'the skip link');
  const skipBox = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
  const logoBox = await page.getByRole('link', { name: /homepage$/ }).boundingBox();
  expect(skipBox && logoBox).toBeTruthy();
  const overlaps =
    skipBox!.x < logoBox!.x + logoBox!.width && logoBox!.x < skipBox!.x + skipBox!.width && skipBox!.y < logoBox!.y + logoBox!.height && logoBox!.y < skipBox!.y + skipBox!.height;
  expect(overlaps, 'the focused skip link overlaps the logo').toBe(false);

  // ? opens the help (focus inside it), Escape closes it.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Alt\+Shift\+S.*moves focus only/ })).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  // The whole list, its switch and Close fit the laptop screen.
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport();
  await expect(help.getByRole('button', { name: 'Close' })).toBeInViewport();
  await expectAccessible(page, 'keyboard shortcuts help');
  // The off switch, by keyboard: off, no shortcut works, ? included; the header's button opens the help to turn them on.
  const useShortcuts = help.getByRole('checkbox', { name: 'Use keyboard shortcuts' });
  await page.keyboard.press('Shift+Tab');
  await expect(useShortcuts).toBeFocused();
  expectVisibleFocus(await focused(page), 'the off switch');
  await page.keyboard.press('Space');
  await expect(useShortcuts).not.toBeChecked();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // Off, Alt+Shift+A says nothing (on, it says nobody is waiting at once) and ? opens nothing; the help
  // opened after them from the header shows both keys were handled before it.
  await page.keyboard.press('Alt+Shift+KeyA');
  await page.keyboard.press('?');
  const headerButton = await tabTo(page, 'the header button', (f) => f.name === 'Keyboard shortcuts', { max: 10 });
  expectVisibleFocus(headerButton, 'the header button');
  await page.keyboard.press('Enter');
  await expect(help).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(useShortcuts).not.toBeChecked();
  await expect(page.getByTestId('shortcut-notice')).toHaveText('');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await expect(useShortcuts).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('Alt+Shift+KeyA');
  await expect(page.getByTestId('shortcut-notice')).toHaveText('Admit is not available: nobody is waiting');

  // New case (Alt+Shift+N) and its form, field by field.
  await page.keyboard.press('Alt+Shift+KeyN');
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expect(page.getByRole('heading', { name: 'New case' })).toBeVisible();
  expectVisibleFocus(await tabTo(page, '111 reference', (f) => f.name === '111 reference'), '111 reference');
  await page.keyboard.type('111-KEY-0001');
  await tabTo(page, "Child's first name", (f) => f.name === "Child's first name");
  await page.keyboard.type('Kit');
  await tabTo(page, 'Age', (f) => f.name === 'Age');
  await page.keyboard.type('2');
  // "Months or years" stays on years; the date of birth is optional.
  await tabTo(page, "Caller's phone number", (f) => f.name.startsWith("Caller's phone number"));
  await page.keyboard.type('07700 900123');
  await tabTo(page, 'relationship', (f) => f.name.startsWith("Caller's relationship to the child"));
  // A closed select takes type-ahead.
  await page.keyboard.type('Mother');
  await expect(page.getByLabel("Caller's relationship to the child")).toHaveValue('Mother');
  await tabTo(page, 'the complaint', (f) => f.type === 'radio' && f.legend.startsWith('Presenting complaint'));
  await arrowTo(page, (name) => name === 'Fever');
  const create = await tabTo(page, 'Create case', (f) => f.name === 'Create case');
  expectVisibleFocus(create, 'Create case');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();
  await expect(page.getByRole('heading', { name: /Kit/ })).toBeVisible();

  // Send the link (Alt+Shift+L): acts, from wherever focus is (not in a field).
  const sendLink = page.getByRole('button', { name: /^Send video link/ });
  await expect(sendLink).toBeEnabled();
  await page.keyboard.press('Alt+Shift+KeyL');
  await expect(page.getByText(/Sent to 07700 900123/)).toBeVisible();
  await expect(sendLink).toHaveAccessibleName('Send video link again to 07700 900123');

  // The parent taps the link on the (dev outbox) phone and waits.
  await phone.page.goto('/dev/outbox');
  const link = phone.page.getByRole('link', { name: /\/join\// }).first();
  await expect(link).toBeVisible();
  await link.click();
  await phone.page.getByRole('button', { name: 'Join video call' }).click();
  await expect(phone.page.getByText('The nurse will let you in shortly')).toBeVisible();

  // Admit (Alt+Shift+A) once the parent waits; media flows both ways.
  await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  await expect(page.getByRole('button', { name: /^Admit/ })).toBeEnabled();
  await page.keyboard.press('Alt+Shift+KeyA');
  await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectMediaFlowing(page, 'clinician');
  await expectMediaFlowing(phone.page, 'parent');

  // Mute and camera act at once, and again to undo.
  await page.keyboard.press('Alt+Shift+KeyM');
  await expect(page.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expect(phone.page.getByText('The nurse muted their microphone')).toBeVisible();
  await page.keyboard.press('Alt+Shift+KeyM');
  await expect(page.getByRole('button', { name: 'Mute', exact: true })).toBeVisible();
  await page.keyboard.press('Alt+Shift+KeyV');
  await expect(page.getByRole('button', { name: 'Turn camera on' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+KeyV');
  await expect(page.getByRole('button', { name: 'Turn camera off' })).toBeVisible();

  // End call (Alt+Shift+E) only moves focus there: the call goes on until Enter.
  await page.keyboard.press('Alt+Shift+KeyE');
  const endCall = page.getByRole('button', { name: 'End call' });
  await expect(endCall).toBeFocused();
  await expect(endCall).toBeInViewport();
  expectVisibleFocus(await focused(page), 'End call');
  await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'ended');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'ended');

  // A checklist answer: Tab to Grunting's choices, arrows to Absent.
  const grunting = await tabTo(page, 'Grunting', (f) => f.type === 'radio' && f.legend === 'Grunting', { max: 250 });
  expectVisibleFocus(grunting, 'a checklist choice');
  await arrowTo(page, (name) => name === 'Absent');
  await expect(page.getByRole('group', { name: 'Grunting' }).getByRole('radio', { name: 'Absent' })).toBeChecked();

  // The disposition: Tab to the group, arrows to self-care.
  await tabTo(page, 'the disposition', (f) => f.type === 'radio' && f.legend === 'Disposition', { max: 250 });
  await arrowTo(page, (name) => name.startsWith('Self-care at home'));
  expectVisibleFocus(await focused(page), 'a disposition');

  // Notes; while typing there, Alt+Shift+S does nothing.
  await tabTo(page, 'Clinical notes', (f) => f.name === 'Clinical notes');
  await page.keyboard.type('Seen on video: alert, no grunting, playing. Safety-netting advice given.');
  await page.keyboard.press('Alt+Shift+KeyS');
  await expect(page.getByLabel('Clinical notes')).toBeFocused();

  // Out of the field, Alt+Shift+S moves focus to Sign decision, and signs nothing until Enter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Alt+Shift+KeyS');
  const sign = page.getByRole('button', { name: 'Sign decision' });
  await expect(sign).toBeFocused();
  await expect(sign).toBeInViewport();
  expectVisibleFocus(await focused(page), 'Sign decision');
  await expect(page.getByText(/Signed by/)).toHaveCount(0);
  await page.keyboard.press('Enter');
  // A confirm question, if the desk asks one, is answered by keyboard: its safe answer has focus, the other is one Shift+Tab away.
  const question = page.getByRole('alertdialog');
  const signed = page.getByText(/^Signed by Nurse Demo/);
  await expect(signed.or(question).first()).toBeVisible();
  if (await question.isVisible()) {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
  }
  await expect(signed).toBeVisible();
  await expect(page.getByText(/Self-care at home/).first()).toBeVisible();

  // Next case (Alt+Shift+X): the next open case, or the case list when there is none (the suite's other specs may leave cases open).
  await expect(page.getByRole('button', { name: 'Next case' })).toBeVisible();
  await page.keyboard.press('Alt+Shift+KeyX');
  await expect(page).not.toHaveURL(caseUrl);
  await expect(page.getByRole('heading', { name: 'Open cases' }).or(page.getByTestId('case-identity'))).toBeVisible();

  await Promise.all([desk.context.close(), phone.context.close()]);
});
