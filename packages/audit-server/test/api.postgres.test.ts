import { apiSuite } from './api-suite.js';
import { findPostgres } from './support.js';

apiSuite('PostgreSQL', await findPostgres());
