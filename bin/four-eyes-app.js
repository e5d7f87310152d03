#!/usr/bin/env node
// The GitHub App (`npm start`).
import { launch } from './launch.js';

await launch('dist/start.js');
