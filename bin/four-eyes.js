#!/usr/bin/env node
// The `four-eyes` command line.
import { launch } from './launch.js';

await launch('dist/cli/run.js');
