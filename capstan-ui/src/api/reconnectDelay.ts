/**
 * How long to wait before reconnecting a dropped stream: 1 s after the first failure, doubling
 * up to 30 s, with up to a fifth added at random so that many browsers do not reconnect in step.
 */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (1 + random() / 5));
}
