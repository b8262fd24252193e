import { useState } from 'preact/hooks';
import { showToast } from '../../../ui/toasts.ts';
import { askNotificationPermission, canNotify } from './dispatchReminder.ts';

/** The daily dispatch reminder's note, with the only place that asks for notification permission. */
export function ReminderNotifications() {
  const [permission, setPermission] = useState<NotificationPermission | null>(() => (canNotify() ? Notification.permission : null));
  const [isAsking, setAsking] = useState(false);
  const ask = async () => {
    if (isAsking) return;
    setAsking(true);
    try {
      setPermission(await askNotificationPermission());
    } catch (e) {
      showToast('error', `Notifications: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setAsking(false);
    }
  };
  return (
    <p class="history-note reminder-note" data-testid="reminder-note">
      Undelivered orders billed a day or more ago are listed at the top of this screen, and once a day after 8 AM in a notification when allowed.{' '}
      {permission === 'default' ? (
        <button type="button" class="button button--small button--quiet" disabled={isAsking} onClick={() => void ask()} data-testid="enable-notifications">
          {isAsking ? 'Asking…' : 'Also as a notification'}
        </button>
      ) : permission === 'granted' ? (
        'The daily reminder also comes as a notification on this device.'
      ) : permission === 'denied' ? (
        'Notifications are blocked in this browser, so it shows here only.'
      ) : null}
    </p>
  );
}
