/**
 * The shape of a built-in scenario (coach/builtin/, one file each): the public scenario plus the
 * lines and signals the scripted engine plays and scores with, which stay server-side.
 */
import type { Scenario } from '@inflow/contract';

export interface ScriptedCriterion {
  id: string;
  label: string;
  description: string;
  /** Phrases that show the behaviour in a user turn (case-insensitive). */
  signals: RegExp[];
  /** The persona's reaction the first time the user shows this behaviour. */
  reaction: string;
  /** Advice when the behaviour was missing. */
  tip: string;
}

export interface ScriptedScenario {
  scenario: Omit<Scenario, 'rubric'>;
  opening: string;
  criteria: ScriptedCriterion[];
  /** Persona lines when a turn shows nothing new; used in order, then the last one repeats. */
  pushback: string[];
  /** Once every criterion was shown. */
  closing: string;
}

/** A signal that matches any question. */
export const question = /\?/;
