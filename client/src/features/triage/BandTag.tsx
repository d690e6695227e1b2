import type { BandName } from '@desk/shared';

/** The band's name is always written out: colour is never the only signal. */
export const BAND_LABEL: Record<BandName, string> = {
  not_assessed: 'Not assessed',
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
};

const BAND_TAG_COLOUR: Record<BandName, string> = {
  not_assessed: 'grey',
  green: 'green',
  amber: 'orange',
  red: 'red',
};

type Props = { band: BandName; /** Words read before the band by a screen reader, e.g. "NG143 band:". */ prefix?: string; large?: boolean };

export function BandTag({ band, prefix, large = false }: Props) {
  return (
    <strong className={`nhsuk-tag nhsuk-tag--${BAND_TAG_COLOUR[band]}${large ? ' desk-band-tag--large' : ''}`}>
      {prefix ? <span className="nhsuk-u-visually-hidden">{prefix} </span> : null}
      {BAND_LABEL[band]}
    </strong>
  );
}
