import type { ScriptedScenario } from '../scripted-scenario.js';

export const goalSetting: ScriptedScenario = {
  scenario: {
    id: 'goal-setting',
    title: 'Setting goals together',
    summary: 'Agree next quarter goals with a new analyst who wants to "get better at everything".',
    setting: 'lms',
    persona: {
      name: 'Priya Nair',
      role: 'Data analyst (6 months in)',
      description: 'Motivated but vague; proposes broad goals and hopes the manager will decide for her.',
    },
    objectives: [
      'Make each goal specific and measurable with a date',
      'Let Priya own the goals',
      'Link the goals to team priorities',
      'Agree support and check-ins',
    ],
    locale: 'en',
  },
  opening:
    "Hi! For next quarter I'd like to, um, get better at everything? SQL, presenting, stakeholder stuff. What do you think I should do?",
  criteria: [
    {
      id: 'measurable',
      label: 'Specific and measurable',
      description: 'Turns broad wishes into goals with a measure and a deadline.',
      signals: [
        /\bmeasur/i,
        /\b\d+\s*(%|percent|dashboards?|reports?|presentations?)\b/i,
        /\bby (the end of|march|june|september|december|q[1-4])\b/i,
        /\bdeadline\b/i,
        /\bspecific\b/i,
        /\bhow will (we|you) know\b/i,
      ],
      reaction:
        'So maybe: present two analyses at the monthly review by the end of the quarter? That I could actually measure.',
      tip: 'Help turn each wish into something measurable with a date ("two analyses presented by end of Q2").',
    },
    {
      id: 'ownership',
      label: 'Ownership',
      description: 'Asks Priya what matters to her instead of assigning goals.',
      signals: [
        /\bwhat (do|would) you (want|like|think|enjoy)\b/i,
        /\bwhich (one|of these)\b/i,
        /\byour (choice|idea|priorit)/i,
        /\bwhat matters to you\b/i,
        /\bwhere do you want\b/i,
      ],
      reaction: "Presenting, I think. I freeze up in meetings and I'd like that to change.",
      tip: 'Ask what she wants to work on most; goals she chooses are goals she keeps.',
    },
    {
      id: 'alignment',
      label: 'Linked to priorities',
      description: "Connects goals to the team's or company's priorities.",
      signals: [
        /\bteam('s)? (goal|priorit|okr)/i,
        /\bokr/i,
        /\bpriorit/i,
        /\bcompany\b/i,
        /\bstrategy\b/i,
        /\bmatters for the\b/i,
      ],
      reaction: 'Oh — so the churn dashboard the team needs would be a good one to present. That helps.',
      tip: 'Tie at least one goal to a team priority so it is visible and valued.',
    },
    {
      id: 'support',
      label: 'Support and check-ins',
      description: 'Agrees what help Priya gets and when you will review progress.',
      signals: [
        /\bcheck[- ]in/i,
        /\bsupport\b/i,
        /\bmentor/i,
        /\bcourse\b/i,
        /\bevery (two )?weeks?\b/i,
        /\bmonthly\b/i,
        /\bfollow[- ]up\b/i,
      ],
      reaction: 'A monthly check-in and a practice run before each presentation would really help.',
      tip: 'Agree the support (a course, a mentor, a practice run) and a check-in rhythm.',
    },
  ],
  pushback: [
    "I guess all of them are important? I don't want to pick the wrong one.",
    'Should I just write down what you think is best?',
    "How do I know if I've actually improved, though?",
  ],
  closing: 'This feels so much clearer than what I came in with. Thank you!',
};
