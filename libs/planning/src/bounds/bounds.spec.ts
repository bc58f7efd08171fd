import { tinySnapshot } from '../testing/fixtures';
import { bounds } from './bounds';

describe('bounds (tiny.json, worked by hand)', () => {
  it('gives the grant maximum of a rotation', () => {
    const s = tinySnapshot();
    // no group remote: ON_SITE Q07 and Q12 are granted (2); REMOTE Q01 Q02 Q03 Q04 Q11 fit
    // (10 AM VDI: A02 + A07 = 2 of 5; 10 PM: A02 VDI, A09 VPN); Q05 Q06 Q10 Q14 cannot
    expect(bounds(s, []).maxGrantsForRotation).toBe(7);
  });

  it('bounds the busiest half-day by the weekly minimums', () => {
    const b = bounds(tinySnapshot(), []);
    // week 51 (8 half-days): G1 needs floor(4×8/10)=3 for A01 A02 A05, 2 for A03 (6 half-days
    // worked), 1 for A04: 3 half-days × 5 members = 15 minus A03's off Friday... at least 2
    expect(b.busiestHalfDayLowerBound).toBeGreaterThanOrEqual(2);
    expect(b.weeklyMinShortfallsLowerBound).toBe(0);
  });

  it('counts shortfalls no plan can avoid', () => {
    const s = tinySnapshot();
    s.pools[1].capacity = 0; // VPN: 3 agents need their minimum, no session at all
    // weeks 50 (6 half-days, min 2), 51 (8, min 3), 52 (4, min 1): 3 agents × 3 weeks
    expect(bounds(s, []).weeklyMinShortfallsLowerBound).toBe(9);
  });
});
