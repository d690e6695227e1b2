import { Fragment } from 'react';

/** 999 and 111 on their own (not "NHS 111", the service's name): the numbers a parent may need to tap. */
const NUMBER = /(?<!NHS )\b(?:999|111)\b/;
/** A temperature ("38°C", "37.5 °C"): in Urdu or Arabic text it must still read 38°C, not C°38. */
const TEMPERATURE = /\d+(?:[.,]\d+)?\s?°C/;
const TOKENS = new RegExp(`(${NUMBER.source}|${TEMPERATURE.source})`, 'g');

/**
 * Text with each 999 and 111 as a `tel:` link, so a parent can call from the sentence that says to.
 * Numbers keep left to right inside Urdu or Arabic text: the links by `dir="ltr"`, temperatures in
 * a `<bdi>` (its own direction from its letters, isolated from the sentence around it).
 */
export function PhoneText({ text }: { text: string }) {
  const parts = text.split(TOKENS);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 0 ? (
          <Fragment key={i}>{part}</Fragment>
        ) : TEMPERATURE.test(part) ? (
          <bdi key={i}>{part}</bdi>
        ) : (
          <a key={i} href={`tel:${part}`} className="advice-tel" dir="ltr">
            {part}
          </a>
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
