import { Fragment } from 'react';

/**
 * A message with `<b>…</b>` around the word to stress ("Tap <b>Allow</b>."): each language puts the
 * bold word where its grammar wants it. Only that marker is read; everything else is text, so a
 * translation can never inject markup.
 */
export function Rich({ text }: { text: string }) {
  const parts = text.split(/<b>(.*?)<\/b>/g);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <strong key={i}>{part}</strong> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}
