/**
 * @yizhao/audit-server: the supervisors' refusal-record service (upload API, Merkle log with signed
 * tree heads, queries, dashboard, monthly report) on SQLite or PostgreSQL.
 */
export { Store, dayOf, isPostgresUrl, type Flag, type IngestResult, type StoreOptions } from './store.js';
export { startServer, type RunningServer } from './server.js';
export { createApp, type AppOptions } from './http/app.js';
export { addDeviceToken, listDeviceTokens, revokeDeviceTokens, setUser, MIN_PASSWORD_LENGTH } from './auth.js';
export { LogSigner, publicKeyFromPem, verifyTreeHead, treeHeadBytes, keyIdOf, type TreeHead } from './sth.js';
export * from './merkle.js';
export { buildExport, EXPORT_FORMAT, type AuditExport, type ExportedRecord } from './export.js';
export { stats, listRecords, deviceStatus, parseFilter, type Filter, type Stats } from './queries.js';
export { verifyStore, verifyExport, type VerifyReport } from './verify.js';
export { monthlyReport } from './report.js';
export { canonicalJson } from './canonical.js';
export { openSqlite } from './db/sqlite.js';
export { openPostgres } from './db/postgres.js';
export type { Db } from './db/types.js';
