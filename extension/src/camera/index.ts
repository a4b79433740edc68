/**
 * The camera page, opened in a tab: Chromium does not show the camera prompt in a side panel or a
 * popup, but a grant made here (extension origin) holds there too. It scans at once.
 */
import '../styles/pages.css';
import { startApp } from '../panel/app.js';

void startApp({ inTab: true });
