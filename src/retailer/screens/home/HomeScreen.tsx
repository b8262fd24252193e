import { partySignal } from '../../../data/party.ts';
import { NavIcon } from '../../../ui/NavIcon.tsx';
import { navigate, ROUTES } from '../../shell/routes.ts';
import type { ScreenProps } from '../../shell/screens.ts';
import { YourOrders } from './YourOrders.tsx';
import './HomeScreen.css';

/** Retailer home: the firm (party name, area, GSTIN), the portal's actions within thumb reach, and the retailer's orders, live. */
export function HomeScreen({ uid, partyId }: ScreenProps) {
  const party = partySignal(partyId).value;
  const actions = ROUTES.filter((r) => r.id !== 'home');
  // Until Your orders has its own screen, its action leads to the list below.
  return (
    <main class="screen">
      <section class="party-card" data-testid="retailer-party" aria-busy={party.state === 'loading'}>
        {party.state === 'ready' ? (
          <>
            <h1 class="party-card__name">{party.value.name}</h1>
            <p class="party-card__area">{party.value.area}</p>
            {party.value.gstin !== undefined && (
              <p class="party-card__gstin" data-testid="party-gstin">
                GSTIN {party.value.gstin}
              </p>
            )}
          </>
        ) : (
          <p>{party.state === 'loading' ? 'Loading your shop…' : 'Your shop cannot be shown. Contact your distributor.'}</p>
        )}
      </section>
      <nav class="home-actions" aria-label="What to do">
        {actions.map((r) => (
          <a
            key={r.id}
            class="home-actions__action"
            href={`#/${r.id}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(r.id);
            }}
          >
            <NavIcon name={r.icon} />
            {r.label}
          </a>
        ))}
      </nav>
      <YourOrders uid={uid} />
    </main>
  );
}
