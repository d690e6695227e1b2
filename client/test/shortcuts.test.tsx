import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DeskLayout from '../src/features/auth/DeskLayout';
import type { CallController } from '../src/features/call/controller';
import { ParticipantList } from '../src/features/call/ParticipantList';
import { useSessionStore } from '../src/features/auth/sessionStore';
import { matchShortcut, SHORTCUTS, targetKind, type KeyPress } from '../src/features/shortcuts/shortcuts';
import { resetShortcutsStore, SHORTCUTS_ENABLED_KEY } from '../src/features/shortcuts/shortcutsStore';
import { callUpdate, CLINICIAN_ID, person } from './call-fakes';
import { createFakeSocket, stubFetch } from './helpers';

const fake = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./helpers').createFakeSocket> }));
vi.mock('../src/lib/socket', () => ({ getSocket: () => fake.current?.socket, closeSocket: vi.fn() }));

const ON = { enabled: true, modalOpen: false };
const altShift = (code: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key: code.replace('Key', ''),
  code,
  altKey: true,
  shiftKey: true,
  ctrlKey: false,
  metaKey: false,
  target: 'other',
  ...extra,
});
const question: KeyPress = { key: '?', code: 'Slash', altKey: false, shiftKey: true, ctrlKey: false, metaKey: false, target: 'other' };
const firedId = (press: KeyPress, state = ON) => {
  const match = matchShortcut(press, state);
  return match?.kind === 'shortcut' ? match.shortcut.id : (match?.kind ?? null);
};

/** An element as the page would have it, for `targetKind`. */
function element(html: string): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  document.body.append(holder);
  return holder.firstElementChild as HTMLElement;
}

describe('the shortcut table and matcher', () => {
  it.each([
    ['KeyN', 'new-case', 'act'],
    ['KeyL', 'send-link', 'act'],
    ['KeyA', 'admit', 'act'],
    ['KeyM', 'mute', 'act'],
    ['KeyV', 'camera', 'act'],
    ['KeyE', 'end-call', 'focus'],
    ['KeyS', 'sign', 'focus'],
    ['KeyX', 'next-case', 'act'],
  ])('Alt+Shift+%s fires %s (%s)', (code, id, effect) => {
    expect(firedId(altShift(code))).toBe(id);
    const shortcut = SHORTCUTS.find((s) => s.id === id);
    expect(shortcut?.effect).toBe(effect);
    expect(shortcut?.label).toBe(`Alt+Shift+${code.slice(3)}`);
  });

  it('lists each key once, all Alt+Shift, none on I or T, and only End call and Sign as focus-only', () => {
    expect(new Set(SHORTCUTS.map((s) => s.code)).size).toBe(SHORTCUTS.length);
    expect(SHORTCUTS.map((s) => s.code)).not.toContain('KeyI');
    expect(SHORTCUTS.map((s) => s.code)).not.toContain('KeyT');
    expect(SHORTCUTS.filter((s) => s.effect === 'focus').map((s) => s.id)).toEqual(['end-call', 'sign']);
    // Every shortcut either goes somewhere or can say why it did nothing.
    for (const s of SHORTCUTS) expect(Boolean(s.to) || Boolean(s.unavailable)).toBe(true);
  });

  it('matches the physical key, not the character (Option+Shift+N types "˜" on a Mac)', () => {
    expect(firedId(altShift('KeyN', { key: '˜' }))).toBe('new-case');
  });

  it('fires nothing without both Alt and Shift, on a free letter, or on a held (repeating) key', () => {
    expect(firedId(altShift('KeyN', { altKey: false }))).toBeNull();
    expect(firedId(altShift('KeyN', { shiftKey: false }))).toBeNull();
    expect(firedId(altShift('KeyI'))).toBeNull();
    expect(firedId(altShift('KeyT'))).toBeNull();
    expect(firedId(altShift('KeyM', { repeat: true }))).toBeNull();
  });

  it('fires nothing with Ctrl or Meta held, not even the help', () => {
    expect(firedId(altShift('KeyL', { ctrlKey: true }))).toBeNull();
    expect(firedId(altShift('KeyL', { metaKey: true }))).toBeNull();
    expect(firedId({ ...question, ctrlKey: true })).toBeNull();
    expect(firedId({ ...question, metaKey: true })).toBeNull();
    expect(firedId({ ...question, altKey: true })).toBeNull();
  });

  it('opens the help on ?, and not on a held ?', () => {
    expect(firedId(question)).toBe('help');
    expect(firedId({ ...question, repeat: true })).toBeNull();
  });

  it('fires nothing when shortcuts are off, ? included (WCAG 2.1.4: a one-character shortcut can be turned off), or under a modal dialog', () => {
    expect(firedId(altShift('KeyN'), { enabled: false, modalOpen: false })).toBeNull();
    expect(firedId(question, { enabled: false, modalOpen: false })).toBeNull();
    expect(firedId(altShift('KeyN'), { enabled: true, modalOpen: true })).toBeNull();
    expect(firedId(question, { enabled: true, modalOpen: true })).toBeNull();
  });

  it.each([
    ['a text field', '<input type="text">'],
    ['a field with no type', '<input>'],
    ['a number field', '<input type="number">'],
    ['a date field', '<input type="date">'],
    ['a search field', '<input type="search">'],
    ['a phone field', '<input type="tel">'],
    ['an email field', '<input type="email">'],
    ['a password field', '<input type="password">'],
    ['a textarea', '<textarea></textarea>'],
    ['a select (type-ahead)', '<select><option>a</option></select>'],
    ['an editable element', '<div contenteditable="true">notes</div>'],
    ['an ARIA text box', '<div role="textbox" tabindex="0"></div>'],
  ])('never fires while typing in %s', (_what, html) => {
    const field = element(html);
    // jsdom does not compute isContentEditable; a browser does.
    if (field.getAttribute('contenteditable') === 'true') Object.defineProperty(field, 'isContentEditable', { value: true });
    expect(targetKind(field)).toBe('typing');
    expect(firedId(altShift('KeyL', { target: targetKind(field) }))).toBeNull();
    expect(firedId({ ...question, target: targetKind(field) })).toBeNull();
  });

  it.each([
    ['a checkbox', '<input type="checkbox">'],
    ['a radio', '<input type="radio">'],
    ['an input button', '<input type="button" value="Go">'],
    ['a submit input', '<input type="submit">'],
    ['a button', '<button type="button">Go</button>'],
    ['a link', '<a href="/x">x</a>'],
    ['the page itself', '<div></div>'],
  ])('fires with focus on %s (no typing there)', (_what, html) => {
    const target = element(html);
    expect(targetKind(target)).toBe('other');
    expect(firedId(altShift('KeyL', { target: targetKind(target) }))).toBe('send-link');
  });
});

const SESSION = {
  user: { id: 'u1', username: 'clinician', displayName: 'Sam Patel', role: 'clinician' as const },
  iceServers: [],
  devMode: false,
};

function renderDesk(page: ReactElement, role: 'clinician' | 'supervisor' = 'clinician') {
  useSessionStore.setState({ status: 'signed_in', session: { ...SESSION, user: { ...SESSION.user, role } }, error: null });
  const router = createMemoryRouter(
    [
      {
        element: <DeskLayout />,
        children: [
          { path: '/cases/1', element: page },
          { path: '/cases/new', element: <h1>New case form</h1> },
          { path: '/cases/2', element: <h1>The next case</h1> },
        ],
      },
    ],
    { initialEntries: ['/cases/1'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

/** A key press where focus is (the page's body when nothing has it), as the browser dispatches it. */
function press(code: string, target: Element = document.activeElement ?? document.body) {
  fireEvent.keyDown(target, { key: code.replace('Key', ''), code, altKey: true, shiftKey: true });
}
const pressQuestion = (target: Element = document.activeElement ?? document.body) => fireEvent.keyDown(target, { key: '?', code: 'Slash', shiftKey: true });

describe('useDeskShortcuts on the desk', () => {
  let scrolled: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    localStorage.clear();
    resetShortcutsStore();
    fake.current = createFakeSocket();
    stubFetch()
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } })
      .on('GET', '/api/me/notices', { status: 200, body: { notices: [] } });
    scrolled = vi.fn();
    // jsdom does not scroll; the spy records where the shortcut asked to scroll to.
    Element.prototype.scrollIntoView = scrolled as unknown as Element['scrollIntoView'];
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it('presses an "act" control: Alt+Shift+L sends the link, Alt+Shift+M mutes', async () => {
    const send = vi.fn();
    const mute = vi.fn();
    renderDesk(
      <>
        <button type="button" data-shortcut="send-link" onClick={send}>
          Send video link
        </button>
        <button type="button" data-shortcut="mute" onClick={mute}>
          Mute
        </button>
      </>,
    );
    await screen.findByRole('button', { name: 'Send video link' });
    press('KeyL');
    expect(send).toHaveBeenCalledTimes(1);
    press('KeyM');
    expect(mute).toHaveBeenCalledTimes(1);
  });

  it('only moves focus to End call and Sign decision, centred in view: it never presses them', async () => {
    const end = vi.fn();
    const sign = vi.fn();
    renderDesk(
      <form
        onSubmit={(event) => {
          event.preventDefault();
          sign();
        }}
      >
        <button type="button" className="nhsuk-button--warning" data-shortcut="end-call" onClick={end}>
          End call
        </button>
        <button type="submit" data-shortcut="sign">
          Sign decision
        </button>
      </form>,
    );
    const endButton = await screen.findByRole('button', { name: 'End call' });
    press('KeyE');
    expect(endButton).toHaveFocus();
    expect(end).not.toHaveBeenCalled();
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'center' });

    press('KeyS');
    expect(screen.getByRole('button', { name: 'Sign decision' })).toHaveFocus();
    expect(sign).not.toHaveBeenCalled();
    expect(end).not.toHaveBeenCalled();
  });

  it('uses the first control that is shown and enabled, and follows a link', async () => {
    const disabledAdmit = vi.fn();
    const hiddenAdmit = vi.fn();
    const admit = vi.fn();
    const router = renderDesk(
      <>
        <button type="button" data-shortcut="admit" disabled onClick={disabledAdmit}>
          Admit guest
        </button>
        <div hidden>
          <button type="button" data-shortcut="admit" onClick={hiddenAdmit}>
            Admit (hidden)
          </button>
        </div>
        <button type="button" data-shortcut="admit" onClick={admit}>
          Admit parent
        </button>
        <a href="/cases/2" data-shortcut="next-case" onClick={(event) => {
          event.preventDefault();
          void router.navigate('/cases/2');
        }}>
          Next case
        </a>
      </>,
    );
    await screen.findByRole('button', { name: 'Admit parent' });
    press('KeyA');
    expect(admit).toHaveBeenCalledTimes(1);
    expect(disabledAdmit).not.toHaveBeenCalled();
    expect(hiddenAdmit).not.toHaveBeenCalled();
    press('KeyX');
    expect(await screen.findByRole('heading', { name: 'The next case' })).toBeInTheDocument();
  });

  it('says politely why nothing happened when the page has no usable control', async () => {
    renderDesk(
      <button type="button" data-shortcut="admit" disabled>
        Admit parent
      </button>,
    );
    await screen.findByRole('button', { name: 'Admit parent' });
    const notice = screen.getByTestId('shortcut-notice');
    expect(notice).toHaveRole('status');
    expect(notice).toHaveAttribute('aria-live', 'polite');
    press('KeyA');
    expect(notice).toHaveTextContent('Admit is not available: nobody is waiting');
    press('KeyL');
    expect(notice).toHaveTextContent('No video link to send on this page');
  });

  it('opens the new case form with Alt+Shift+N from any desk page', async () => {
    const router = renderDesk(<h1>A case</h1>);
    await screen.findByRole('heading', { name: 'A case' });
    press('KeyN');
    expect(await screen.findByRole('heading', { name: 'New case form' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/cases/new');
  });

  it('does nothing while the clinician types in a field, and a typed ? is just a character', async () => {
    const send = vi.fn();
    const user = userEvent.setup();
    renderDesk(
      <>
        <label htmlFor="notes">Clinical notes</label>
        <textarea id="notes" />
        <button type="button" data-shortcut="send-link" onClick={send}>
          Send video link
        </button>
      </>,
    );
    const notes = await screen.findByLabelText('Clinical notes');
    await user.click(notes);
    await user.keyboard('{Alt>}{Shift>}[KeyL]{/Shift}{/Alt}');
    await user.keyboard('Why?');
    expect(send).not.toHaveBeenCalled();
    expect(notes).toHaveValue('Why?');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('is not there for a supervisor: no shortcut, no help, no header button', async () => {
    const send = vi.fn();
    renderDesk(
      <button type="button" data-shortcut="send-link" onClick={send}>
        Send video link
      </button>,
      'supervisor',
    );
    await screen.findByRole('button', { name: 'Send video link' });
    press('KeyL');
    pressQuestion();
    expect(send).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
  });
});

describe('the Keyboard shortcuts help', () => {
  beforeEach(() => {
    localStorage.clear();
    resetShortcutsStore();
    fake.current = createFakeSocket();
    stubFetch()
      .on('GET', '/api/me/availability', { status: 200, body: { availability: 'available' } })
      .on('GET', '/api/me/notices', { status: 200, body: { notices: [] } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opens with ?, lists every shortcut with what it does, and says which only move focus', async () => {
    renderDesk(<h1>A case</h1>);
    await screen.findByRole('heading', { name: 'A case' });
    pressQuestion();
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([...SHORTCUTS.map((s) => s.label), '?']);
    for (const shortcut of SHORTCUTS) {
      const row = rows.find((r) => r.textContent?.startsWith(shortcut.label));
      expect(row).toHaveTextContent(shortcut.description);
      if (shortcut.effect === 'focus') expect(row).toHaveTextContent('(moves focus only)');
      else expect(row).not.toHaveTextContent('moves focus only');
    }
  });

  it('opens from the header button; Escape closes it and focus goes back to the button', async () => {
    const user = userEvent.setup();
    renderDesk(<h1>A case</h1>);
    const open = await screen.findByRole('button', { name: 'Keyboard shortcuts' });
    await user.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus();
    // Focus stays inside while it is open: Tab from the last control wraps to the first.
    await user.tab();
    expect(within(dialog).getByRole('checkbox', { name: 'Use keyboard shortcuts' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });

  it('turns the shortcuts off, ? too, and remembers it; the header button opens the help to turn them back on', async () => {
    const user = userEvent.setup();
    const send = vi.fn();
    renderDesk(
      <button type="button" data-shortcut="send-link" onClick={send}>
        Send video link
      </button>,
    );
    await screen.findByRole('button', { name: 'Send video link' });
    pressQuestion();
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const toggle = within(dialog).getByRole('checkbox', { name: 'Use keyboard shortcuts' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(localStorage.getItem(SHORTCUTS_ENABLED_KEY)).toBe('0');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    press('KeyL');
    pressQuestion();
    expect(send).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // A new page load reads the switch back.
    act(() => resetShortcutsStore());
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    const again = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const toggleAgain = within(again).getByRole('checkbox', { name: 'Use keyboard shortcuts' });
    expect(toggleAgain).not.toBeChecked();
    await user.click(toggleAgain);
    expect(localStorage.getItem(SHORTCUTS_ENABLED_KEY)).toBe('1');
    await user.keyboard('{Escape}');
    press('KeyL');
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('the controls the shortcuts use', () => {
  it("marks only the parent's Admit for Alt+Shift+A: a guest is admitted by hand, after the parent agreed", () => {
    const update = callUpdate('parent_waiting', { extra: [person('interpreter', { state: 'waiting', present: true, epoch: 1 })] });
    const controller = { admit: vi.fn(), remove: vi.fn() } as unknown as CallController;
    render(<ParticipantList update={update} selfId={CLINICIAN_ID} controller={controller} />);
    expect(screen.getByRole('button', { name: 'Admit parent' })).toHaveAttribute('data-shortcut', 'admit');
    expect(screen.getByRole('button', { name: 'Admit interpreter' })).not.toHaveAttribute('data-shortcut');
  });
});
