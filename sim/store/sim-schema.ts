import type BetterSqlite3 from 'better-sqlite3';
import { foldedColumnSql } from '../../tools/s1ql/index.ts';
import { EVENT_FIELDS, sqlTypeOf } from './events/event-columns.ts';

export const SIM_SCHEMA_VERSION = 1;

const TABLES = `
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  source TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ground_truth TEXT NOT NULL,
  loaded_at INTEGER NOT NULL,
  event_count INTEGER NOT NULL,
  first_event_rowid INTEGER,
  last_event_rowid INTEGER
);

CREATE TABLE IF NOT EXISTS agents (
  id TEXT PRIMARY KEY,
  uuid TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  computer_name TEXT NOT NULL,
  os_type TEXT NOT NULL,
  os_name TEXT NOT NULL,
  machine_type TEXT NOT NULL,
  domain TEXT NOT NULL,
  site_name TEXT NOT NULL,
  group_name TEXT NOT NULL,
  ip_addresses TEXT NOT NULL,
  last_logged_in_user_name TEXT NOT NULL,
  tags TEXT NOT NULL,
  network_status TEXT NOT NULL,
  pending_network_status TEXT,
  pending_due_at INTEGER,
  registered_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS agents_uuid ON agents (uuid);
CREATE INDEX IF NOT EXISTS agents_pending ON agents (pending_due_at)
  WHERE pending_network_status IS NOT NULL;

CREATE TABLE IF NOT EXISTS threats (
  id TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  storyline TEXT NOT NULL,
  classification TEXT NOT NULL,
  confidence_level TEXT NOT NULL,
  incident_status TEXT NOT NULL,
  analyst_verdict TEXT NOT NULL,
  mitigation_status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  spec TEXT NOT NULL,
  mitigation_actions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS threats_created ON threats (created_at);
CREATE INDEX IF NOT EXISTS threats_updated ON threats (updated_at);
CREATE INDEX IF NOT EXISTS threats_agent ON threats (agent_id);
CREATE INDEX IF NOT EXISTS threats_scenario ON threats (scenario_id);

CREATE TABLE IF NOT EXISTS threat_notes (
  id TEXT PRIMARY KEY,
  threat_id TEXT NOT NULL,
  text TEXT NOT NULL,
  creator_id TEXT,
  creator TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS threat_notes_threat ON threat_notes (threat_id, created_at);

CREATE TABLE IF NOT EXISTS activities (
  id TEXT PRIMARY KEY,
  activity_type INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  user_id TEXT,
  user_email TEXT,
  threat_id TEXT,
  agent_id TEXT,
  scenario_id TEXT,
  primary_description TEXT NOT NULL,
  secondary_description TEXT,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS activities_created ON activities (created_at);
CREATE INDEX IF NOT EXISTS activities_threat ON activities (threat_id, created_at);
CREATE INDEX IF NOT EXISTS activities_agent ON activities (agent_id, created_at);

CREATE TABLE IF NOT EXISTS dv_queries (
  id TEXT PRIMARY KEY,
  user_id TEXT,
  query TEXT NOT NULL,
  from_ms INTEGER NOT NULL,
  to_ms INTEGER NOT NULL,
  row_limit INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  ready_at INTEGER NOT NULL,
  cancelled_at INTEGER,
  error TEXT,
  result_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS dv_queries_created ON dv_queries (created_at);

CREATE TABLE IF NOT EXISTS dv_query_results (
  query_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_rowid INTEGER NOT NULL,
  PRIMARY KEY (query_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS api_tokens (
  token_sha256 TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
);
`;

function eventTableSql(): string {
  const columns = EVENT_FIELDS.map((field) => `  ${field.column} ${sqlTypeOf(field)}`);
  return [
    'CREATE TABLE IF NOT EXISTS events (',
    '  id INTEGER PRIMARY KEY,',
    '  event_id TEXT NOT NULL,',
    '  scenario_id TEXT NOT NULL,',
    `${columns.join(',\n')},`,
    '  raw TEXT NOT NULL',
    ');',
  ].join('\n');
}

/**
 * Indexes on the hunting hot paths: time ranges, event types and categories (S1QL
 * compares enums with NOCASE, text case-sensitively, so each index uses the collation its
 * queries use), one endpoint, one storyline, one process, process names either way
 * (hunters match them exactly and with AnyCase, which S1QL compiles to the folded-column
 * expression, so the index is on that expression and the S1QL SQL functions must be
 * registered before the table is written), and hash or address pivots. Hashes are
 * indexed as written (lower-case hex): an OR over several hash fields is answered index
 * by index only when each comparison uses the column's own collation, which SQLite's OR
 * optimisation requires. The loader drops and rebuilds them around a bulk load into an
 * empty table, because building an index once from sorted data beats updating it a
 * million times.
 */
export const EVENT_INDEXES: readonly { name: string; sql: string }[] = [
  ['events_time', 'event_time'],
  ['events_type', 'event_type COLLATE NOCASE, event_time'],
  ['events_category', 'event_category COLLATE NOCASE, event_time'],
  ['events_agent', 'agent_uuid, event_time'],
  ['events_src_storyline', 'src_process_storyline_id'],
  ['events_tgt_storyline', 'tgt_process_storyline_id'],
  ['events_src_uid', 'src_process_uid'],
  ['events_src_name', 'src_process_name'],
  ['events_src_name_folded', foldedColumnSql('src_process_name')],
  ['events_tgt_name', 'tgt_process_name'],
  ['events_tgt_name_folded', foldedColumnSql('tgt_process_name')],
  ['events_src_sha1', 'src_process_image_sha1'],
  ['events_src_sha256', 'src_process_image_sha256'],
  ['events_src_md5', 'src_process_image_md5'],
  ['events_tgt_sha1', 'tgt_process_image_sha1'],
  ['events_tgt_sha256', 'tgt_process_image_sha256'],
  ['events_tgt_md5', 'tgt_process_image_md5'],
  ['events_file_sha1', 'tgt_file_sha1'],
  ['events_file_sha256', 'tgt_file_sha256'],
  ['events_file_md5', 'tgt_file_md5'],
  ['events_module_sha1', 'module_sha1'],
  ['events_module_md5', 'module_md5'],
  ['events_dst_ip', 'dst_ip_address'],
  ['events_dns', 'event_dns_request'],
].map(([name, columns]) => ({
  name: name as string,
  sql: `CREATE INDEX IF NOT EXISTS ${name} ON events (${columns})`,
}));

/** NOCASE process-name indexes from before AnyCase folded all of Unicode; nothing uses them. */
const RETIRED_EVENT_INDEXES = ['events_src_name_nocase', 'events_tgt_name_nocase'];

/**
 * Creates what is missing. Fields added to the catalogue after a file store was made
 * become new, empty columns rather than a broken store.
 */
export function ensureSimSchema(db: BetterSqlite3.Database): void {
  db.exec(TABLES);
  db.exec(eventTableSql());

  const existing = new Set(
    (db.prepare('SELECT name FROM pragma_table_info(?)').all('events') as { name: string }[]).map(
      (row) => row.name,
    ),
  );
  for (const field of EVENT_FIELDS) {
    if (!existing.has(field.column)) {
      db.exec(`ALTER TABLE events ADD COLUMN ${field.column} ${sqlTypeOf(field)}`);
    }
  }

  for (const name of RETIRED_EVENT_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
  for (const index of EVENT_INDEXES) {
    db.exec(index.sql);
  }
  db.pragma(`user_version = ${SIM_SCHEMA_VERSION}`);
}
