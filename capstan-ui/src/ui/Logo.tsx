/** Capstan's mark: a capstan seen from above, drawn here so that nothing is fetched. */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="16" cy="16" r="14" fill="#2563c9" />
      <circle cx="16" cy="16" r="6" fill="none" stroke="#fff" strokeWidth="2.5" />
      <path d="M16 2.5v7M16 22.5v7M2.5 16h7M22.5 16h7" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
