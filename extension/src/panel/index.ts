/** Side panel (Chromium), sidebar (Firefox), or popup where neither exists. */
import '../styles/pages.css';
import { startApp } from './app.js';

void startApp({ inTab: false });
