/**
 * Activity type ids the simulator writes. The console's real catalogue is not public, so
 * these numbers are the simulator's own; `GET /activities/types` lists them, and clients
 * should look types up there rather than hard-code them.
 */
export const ACTIVITY_TYPES = {
  threatDetected: { id: 18, action: 'Threat detected' },
  threatMitigation: { id: 2001, action: 'Threat mitigation action issued' },
  analystVerdictChanged: { id: 4002, action: 'Threat analyst verdict changed' },
  incidentStatusChanged: { id: 4003, action: 'Threat incident status changed' },
  threatNoteAdded: { id: 4004, action: 'Threat note added' },
  agentDisconnected: { id: 61, action: 'Agent disconnected from network' },
  agentConnected: { id: 62, action: 'Agent reconnected to network' },
} as const;

export type ActivityTypeName = keyof typeof ACTIVITY_TYPES;
