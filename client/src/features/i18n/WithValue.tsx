import { Fragment, type ReactNode } from 'react';

/** A private-use character no translation contains: where a value sits in a sentence. */
const SLOT = '\uE000';

/**
 * A whole sentence with one value rendered as an element (a timer, a bold subject, a link kept
 * left to right), wherever the language puts it: `sentence` is the message function, called with
 * a marker that is then swapped for `value`.
 */
export function WithValue({ sentence, value }: { sentence: (value: string) => string; value: ReactNode }) {
  const [before = '', ...after] = sentence(SLOT).split(SLOT);
  return (
    <>
      {before}
      {after.map((text, i) => (
        <Fragment key={i}>
          {value}
          {text}
        </Fragment>
      ))}
    </>
  );
}
