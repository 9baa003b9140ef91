/** "3 minutes ago" for an RFC 3339 time; `now` is a parameter so that tests and renders agree. */
export function timeAgo(time: string | undefined, now: number = Date.now()): string {
  if (!time) return '';
  const then = Date.parse(time);
  if (Number.isNaN(then)) return time;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 0) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

export function formatTime(time: string | undefined): string {
  if (!time) return '';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toLocaleString();
}

/** The first 7 characters of a commit hash; other revisions (tags, chart versions) as they are. */
export function shortRevision(revision: string | undefined): string {
  if (!revision) return '';
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}
