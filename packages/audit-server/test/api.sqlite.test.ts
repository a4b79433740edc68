import { apiSuite } from './api-suite.js';

apiSuite('SQLite', undefined);
