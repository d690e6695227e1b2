import { Fragment } from 'react';

/** 999 and 111 on their own (not "NHS 111", the service's name): the numbers a parent may need to tap. */
const NUMBER = /(?<!NHS )\b(999|111)\b/;

/**
 * Text with each 999 and 111 as a `tel:` link, so a parent can call from the sentence that says to.
 * The number keeps left-to-right inside Urdu or Arabic text.
 */
export function PhoneText({ text }: { text: string }) {
  const parts = text.split(new RegExp(NUMBER.source, 'g'));
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={`tel:${part}`} className="advice-tel" dir="ltr">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** A big "Call 999" / "Call 111" button: a parent may be holding a child with the other hand. */
export function CallButton({ number, variant, label }: { number: '999' | '111'; variant: 'emergency' | 'urgent'; label: string }) {
  return (
    <a
      href={`tel:${number}`}
      className={`nhsuk-button parent-button advice-call${variant === 'emergency' ? ' nhsuk-button--warning' : ''}`}
      data-testid={`advice-tel-${number}`}
    >
      {label}
    </a>
  );
}
