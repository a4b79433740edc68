import { logSuite } from './log-suite.js';
import { findPostgres } from './support.js';

logSuite('PostgreSQL', await findPostgres());
