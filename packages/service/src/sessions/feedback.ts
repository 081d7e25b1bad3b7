/**
 * The stored feedback of a completed session, as the API returns it. Rows completed before
 * feedback recorded its scorer, versions and pass get the values they were scored with then:
 * the rubric scorer, version 1 of a built-in, the default threshold.
 */
import { DEFAULT_PASS_THRESHOLD, type Feedback } from '@inflow/contract';
import type { SessionRow } from '../store/store.js';

export function feedbackOf(row: SessionRow): Feedback {
  const stored = row.scores!;
  const scores = stored.scores.map((s) => ({ ...s, scoredBy: s.scoredBy ?? 'rubric' }));
  const passThreshold = stored.passThreshold ?? DEFAULT_PASS_THRESHOLD;
  const total = scores.reduce((sum, s) => sum + s.score, 0);
  const max = scores.reduce((sum, s) => sum + s.max, 0);
  return {
    ...stored,
    sessionId: row.id,
    scenario: row.scenario,
    scores,
    scenarioVersion: stored.scenarioVersion ?? row.scenario_version,
    judgeVersion: stored.judgeVersion ?? row.judge_version ?? 'rubric-1',
    passThreshold,
    passed: stored.passed ?? (max > 0 && total >= passThreshold * max),
  };
}
