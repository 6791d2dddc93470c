/** What the read tools return, as the offline model reads it (only the fields it uses). */

export interface ThreatView {
  id: string;
  /** `hunt` when the case is a promoted hunt, read through `get_hunt_case`. */
  origin?: 'threat' | 'hunt';
  threatName: string;
  classification: string;
  confidenceLevel: string;
  analystVerdict: string;
  incidentStatus: string;
  storyline: string | null;
  createdAt: string;
  sha1: string | null;
  filePath: string | null;
  commandLine: string | null;
  originatorProcess: string | null;
  processUser: string | null;
  agentId: string;
  agentComputerName: string;
}

export interface EventsView {
  eventCount: number;
  newEvents: number;
  truncated?: boolean;
  unreadableEvents: number;
  firstEventTime: string | null;
  lastEventTime: string | null;
  endpoints: Record<string, number>;
}

/** How much of the storyline the run read. */
export interface StorylineCoverage {
  events: number;
  /** The console had more than one page; only high-signal types were read beyond it. */
  truncated: boolean;
  unreadable: number;
}

export interface AgentView {
  id: string;
  computerName: string;
  osName: string | null;
  networkStatus: string;
  lastLoggedInUserName: string | null;
}
