/** A quiet placeholder while the session or a record loads. */
export function Loading({ label }: { label: string }) {
  return (
    <main class="notice" aria-busy="true">
      <p class="notice__body" role="status">
        {label}
      </p>
    </main>
  );
}
