/**
 * Message statuses, their order and finality. A status may only move forward in rank:
 * callbacks and list snapshots arrive out of order, and a late, lower-ranked observation is
 * kept as history without moving the current status backwards.
 */

export const STATUSES = [
  'accepted', 'scheduled', 'queued', 'sending', 'sent', 'receiving', 'received',
  'delivered', 'undelivered', 'failed', 'read', 'canceled', 'partially_delivered',
] as const;
export type Status = (typeof STATUSES)[number];

const RANK: Record<Status, number> = {
  accepted: 0, scheduled: 0, queued: 1, sending: 2, sent: 3, receiving: 3,
  received: 4, partially_delivered: 4, delivered: 4, undelivered: 4, failed: 4, canceled: 4,
  read: 5,
};

export const FINAL_STATUSES: readonly Status[] = [
  'delivered', 'undelivered', 'failed', 'canceled', 'read', 'received', 'partially_delivered',
];
export const NON_FINAL_STATUSES: readonly Status[] = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

export const DIRECTIONS = ['inbound', 'outbound-api', 'outbound-call', 'outbound-reply'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function isDirection(value: unknown): value is Direction {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}

export function isFinal(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

export function statusRank(status: string): number {
  return RANK[status as Status] ?? -1;
}

/**
 * The status to keep after observing `next` on a message currently at `current`.
 * Equal ranks take the newer observation (a final status may be corrected by the carrier).
 */
export function nextCurrentStatus(current: string, next: string): string {
  return statusRank(next) >= statusRank(current) ? next : current;
}
