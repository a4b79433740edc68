import { logSuite } from './log-suite.js';

logSuite('SQLite', undefined);
