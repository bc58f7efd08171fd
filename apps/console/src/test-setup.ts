// zone.js is loaded for its testing helpers only (fakeAsync / tick for polling and debounce
// timers); the app and these tests stay zoneless for change detection.
import 'zone.js';
import 'zone.js/testing';
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});
