import { expiryLabel, type ExpiryInfo } from '../../../domain/pending.ts';

const LEVEL_NAMES = { expired: 'Expired', critical: 'Critical', warning: 'Expiring soon', normal: 'On time' } as const;

/** Days left before the order expires, coloured by urgency, with a bar of the time still left. */
export function ExpiryPill({ info }: { info: ExpiryInfo }) {
  const percent = Math.round(info.progress * 100);
  return (
    <span class={`expiry-pill expiry-pill--${info.level}`} data-testid="expiry-pill" data-level={info.level} title={`${LEVEL_NAMES[info.level]}: expires ${new Date(info.deadline).toLocaleDateString()}`}>
      <span class="expiry-pill__text">{expiryLabel(info)}</span>
      <span class="expiry-pill__bar" role="progressbar" aria-label="Time left before expiry" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <span class="expiry-pill__fill" style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}
