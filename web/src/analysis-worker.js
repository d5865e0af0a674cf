// The analysis worker: break-even, sensitivity and Monte Carlo off the page's
// main thread, so typing never waits for them (see analysis-jobs.js).
import { createJobRunner } from './analysis-jobs.js';

const runner = createJobRunner((message) => self.postMessage(message));
self.onmessage = (event) => runner.receive(event.data);
