import type { ScriptedScenario } from '../scripted-scenario.js';

export const firstOneToOne: ScriptedScenario = {
  scenario: {
    id: 'first-one-to-one',
    title: "A new manager's first one-to-one",
    summary: 'Your first 1:1 with an experienced engineer who applied for your job and did not get it.',
    setting: 'lms',
    persona: {
      name: 'Chris Okafor',
      role: 'Staff engineer',
      description:
        'Ten years on the team, applied for the manager role you got. Polite, guarded, waiting to see what changes.',
    },
    objectives: [
      'Build rapport and show interest in Chris',
      'Ask how Chris likes to work and get feedback',
      'Set shared expectations for your 1:1s',
      'Listen and acknowledge, without over-promising',
    ],
    locale: 'en',
  },
  opening: "So. First one-to-one. I'm not sure what you want to cover — things have been running fine here.",
  criteria: [
    {
      id: 'rapport',
      label: 'Rapport',
      description: 'Shows genuine interest in Chris and their experience.',
      signals: [
        /\btell me (about|more)\b/i,
        /\bhow are you\b/i,
        /\bget to know\b/i,
        /\byour experience\b/i,
        /\bi('d| would) (love|like) to (hear|learn)\b/i,
        /\bwhat do you enjoy\b/i,
      ],
      reaction: "Well… I built most of the billing platform. It's the part of the job I'm proudest of.",
      tip: 'Start by getting to know Chris ("Tell me about the work you are proudest of").',
    },
    {
      id: 'preferences',
      label: 'Working preferences',
      description: 'Asks how Chris likes to work, communicate and receive feedback.',
      signals: [
        /\bhow do you (like|prefer)\b/i,
        /\bprefer/i,
        /\bfeedback\b/i,
        /\bwork(ing)? style\b/i,
        /\bwhat works (best )?for you\b/i,
        /\bcommunicat/i,
      ],
      reaction:
        "I like to be left alone to solve things, but I want to hear early if something's off. Not in the review.",
      tip: 'Ask how Chris prefers to work and to get feedback; it is the fastest way to build trust.',
    },
    {
      id: 'expectations',
      label: 'Shared expectations',
      description: 'Agrees the purpose, cadence and agenda of 1:1s.',
      signals: [
        /\bexpect/i,
        /\bweekly\b/i,
        /\bevery (week|two weeks|other week)\b/i,
        /\bagenda\b/i,
        /\bcadence\b/i,
        /\byour (time|meeting)\b/i,
        /\bthese (meetings|1:1s|one-to-ones)\b/i,
      ],
      reaction: "Weekly is fine if it's my agenda, not a status update.",
      tip: 'Agree what the 1:1s are for, how often, and whose agenda they follow.',
    },
    {
      id: 'acknowledge',
      label: 'Listens and acknowledges',
      description: 'Reflects back what Chris says and acknowledges the awkward situation honestly.',
      signals: [
        /\bi hear\b/i,
        /\bthank you for\b/i,
        /\bthanks for (telling|sharing|being)\b/i,
        /\bthat makes sense\b/i,
        /\bthe (role|job|position) you applied\b/i,
        /\bawkward\b/i,
        /\bi (know|realise|realize) you applied\b/i,
      ],
      reaction: 'I appreciate you saying that. It has been a bit awkward, yes.',
      tip: 'Reflect back what you hear and name the awkwardness honestly; do not over-promise.',
    },
  ],
  pushback: [
    'Sure. Whatever works for you.',
    "I've had four managers here. They all start with big plans.",
    'Is there something specific you wanted from me?',
  ],
  closing: 'Okay. This was better than I expected. See you next week.',
};
