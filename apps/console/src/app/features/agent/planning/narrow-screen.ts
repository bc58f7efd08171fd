import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Up to this width (a phone: 390 px) the agent's tables become lists: a week's table needs 560 px. */
export const NARROW_QUERY = '(max-width: 600px)';

/** Whether the screen is a phone's, following rotation and resizing (call in an injection context). */
export function narrowScreen(): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
}
