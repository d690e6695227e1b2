import { EXAMS, type Exam } from '@desk/shared';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/** How each exam reads on the desk, finishing the sentence "Show the parent how to…". */
export const EXAM_MENU_LABELS: Record<Exam, string> = {
  glass_test: 'Do the glass test on a rash',
  breathing: 'Show breathing with the chest uncovered (30 s timer)',
  capillary_refill: 'Check capillary refill (5 s press)',
  fontanelle: 'Show the fontanelle (babies)',
  throat_torch: 'Show the throat with a torch',
};

/**
 * The exam-prompt menu: a menu button (WAI-ARIA APG pattern). Enter, Space or ↓ opens it on the
 * first item, ↑ on the last; ↑ ↓ Home End move; Enter picks; Escape or Tab closes, focus back on the button.
 */
export function ExamMenu({ disabled, onPick }: { disabled: boolean; onPick: (exam: Exam) => void }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonId = useId();
  const menuId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) items.current[active]?.focus();
  }, [open, active]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const show = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };
  const pick = (exam: Exam) => {
    close(true);
    onPick(exam);
  };

  const onTriggerKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      show(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      show(EXAMS.length - 1);
    }
  };
  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = EXAMS.length - 1;
    const moves: Record<string, number> = { ArrowDown: active === last ? 0 : active + 1, ArrowUp: active === 0 ? last : active - 1, Home: 0, End: last };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div className="exam-menu" ref={root}>
      <button
        ref={trigger}
        id={buttonId}
        type="button"
        className="nhsuk-button nhsuk-button--secondary exam-menu__trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={disabled}
        onClick={() => (open ? close(true) : show(0))}
        onKeyDown={onTriggerKey}
      >
        Show the parent how to…
      </button>
      <ul id={menuId} role="menu" aria-labelledby={buttonId} className="exam-menu__list" hidden={!open} onKeyDown={onMenuKey}>
        {EXAMS.map((exam, index) => (
          <li key={exam} role="none">
            <button
              ref={(element) => {
                items.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="exam-menu__item"
              onClick={() => pick(exam)}
            >
              {EXAM_MENU_LABELS[exam]}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
