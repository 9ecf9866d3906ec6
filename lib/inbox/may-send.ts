// What a user may send on a case now: the machine's rules for this case and this actor
// (allowedEvents) within the events the user's role may send at all (lib/permissions.ts). The
// role check is made here once per list, so every queue offers exactly what the door would accept.
import "server-only";
import { can, type Permission, type SessionUser } from "@/lib/permissions";
import { EVENT_TYPES } from "@/lib/domain";
import { allowedEvents, type Actor, type EventType, type PersistedCaseSnapshot } from "@/workflows/certification";

/** The event types the user's role may send (lib/permissions.ts decides). */
export function sendableEvents(user: SessionUser): Set<EventType> {
  return new Set(EVENT_TYPES.filter((t) => can(user, `event:${t}` as Permission)));
}

/** A function giving, for a case's state and snapshot, the events this user may send now. */
export function eventsNow(user: SessionUser, actor: Actor, now: Date, sendable = sendableEvents(user)) {
  const at = now.toISOString();
  return (state: string, snapshot: string): EventType[] =>
    sendable.size === 0 ? [] : allowedEvents(state, (JSON.parse(snapshot) as PersistedCaseSnapshot).context, actor, at).filter((t) => sendable.has(t));
}
