import { useEffect, useRef, useState } from 'react';
import { useSession } from './Session';

/** The user's name in the top bar, opening a menu with "Log out". */
export function UserMenu() {
  const { user, logout } = useSession();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (!user?.loggedIn) return null;
  return (
    <div className="menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="user-menu">
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="5" r="3" fill="currentColor" />
          <path d="M2 15c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5" fill="currentColor" />
        </svg>
        {user.username}
      </button>
      {open && (
        <div className="menu-popup" role="menu">
          <div className="menu-info">
            Logged in as <strong>{user.username}</strong>
            {user.groups && user.groups.length > 0 && <div>Groups: {user.groups.join(', ')}</div>}
          </div>
          <button type="button" role="menuitem" className="menu-item" onClick={() => void logout()} data-testid="logout-button">
            Log out
          </button>
        </div>
      )}
    </div>
  );
}
