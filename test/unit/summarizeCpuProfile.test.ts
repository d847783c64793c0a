import { OTHER, summarizeCpuProfile, type CpuCategory, type CpuProfile } from '../bench/summarizeCpuProfile';

/**
 * (root) ─ handle (server.js) ─ sign (sign.js)
 *        │                    └ visit (visitor.js)
 *        └ (idle)
 * Samples every 1,000 µs from 0: handle, sign, sign, visit, (idle), handle; the profile ends at 6,000.
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 5] },
    { id: 2, callFrame: { functionName: 'handle', url: 'file:///app/server.js', lineNumber: 9 }, children: [3, 4] },
    { id: 3, callFrame: { functionName: 'sign', url: 'file:///app/sign.js', lineNumber: 0 } },
    { id: 4, callFrame: { functionName: 'visit', url: 'file:///lib/visitor.js', lineNumber: 41 } },
    { id: 5, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
  ],
  startTime: 0,
  endTime: 6000,
  samples: [2, 3, 3, 4, 5, 2],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
};

const signing: CpuCategory = { name: 'signing', frames: [{ url: /sign\.js$/ }] };
const serving: CpuCategory = { name: 'serving', frames: [{ functionName: /^handle$/ }] };
const idle: CpuCategory = { name: 'idle', idle: true, frames: [{ functionName: /^\(idle\)$/ }] };

const timesOf = (summary: ReturnType<typeof summarizeCpuProfile>) => Object.fromEntries(summary.categories.map((c) => [c.name, c.micros]));

describe('summarizeCpuProfile', () => {
  it('a sample goes to the nearest frame a category claims, unclaimed frames to their caller', () => {
    expect(timesOf(summarizeCpuProfile(profile, [serving, signing, idle]))).toEqual({ serving: 3000, signing: 2000, idle: 1000, other: 0 });
  });

  it('samples no frame of which a category claims → other, its functions listed by self time', () => {
    const other = summarizeCpuProfile(profile, [signing, idle]).categories.at(-1);
    expect([other?.name, other?.micros, other?.top]).toEqual([
      'other',
      3000,
      [
        { functionName: 'handle', url: 'file:///app/server.js', line: 10, micros: 2000 },
        { functionName: 'visit', url: 'file:///lib/visitor.js', line: 42, micros: 1000 },
      ],
    ]);
  });

  it('a category named other → the frames it claims stop the walk and count as other', () => {
    const visiting: CpuCategory = { name: OTHER, frames: [{ functionName: /^visit$/ }] };
    expect(timesOf(summarizeCpuProfile(profile, [serving, signing, visiting, idle]))).toEqual({ serving: 2000, signing: 2000, other: 1000, idle: 1000 });
  });

  it('idle categories → left out of the busy time', () => {
    const summary = summarizeCpuProfile(profile, [serving, signing, idle]);
    expect([summary.totalMicros, summary.busyMicros]).toEqual([6000, 5000]);
  });

  it('a window → only the samples taken inside it count', () => {
    const summary = summarizeCpuProfile(profile, [serving, signing, idle], { window: { from: 1000, to: 2000 } });
    expect([summary.samples, timesOf(summary).signing, summary.totalMicros]).toEqual([2, 2000, 2000]);
  });
});
