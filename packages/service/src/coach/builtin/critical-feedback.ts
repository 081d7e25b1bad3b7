import { question, type ScriptedScenario } from '../scripted-scenario.js';

export const criticalFeedback: ScriptedScenario = {
  scenario: {
    id: 'critical-feedback',
    title: 'Giving critical feedback',
    summary: 'Tell a well-liked designer that the client deck they presented had avoidable errors.',
    setting: 'performance-review',
    persona: {
      name: 'Jordan Lee',
      role: 'Product designer',
      description:
        'Talented and popular; presented a client deck with wrong figures and a broken prototype link. Takes feedback personally.',
    },
    objectives: [
      'Describe the situation and the behaviour, not the person',
      'Explain the impact',
      "Invite Jordan's view",
      'Agree what happens next time',
    ],
    locale: 'en',
  },
  opening: 'Hey! The client presentation went okay, I think? They seemed to like the new flows.',
  criteria: [
    {
      id: 'behaviour',
      label: 'Situation and behaviour',
      description: 'Describes what happened, when, and what was observed, without labels about the person.',
      signals: [
        /\bdeck\b/i,
        /\bslide/i,
        /\bfigure/i,
        /\bnumbers?\b/i,
        /\blink\b/i,
        /\bpresentation\b/i,
        /\b(yesterday|on (monday|tuesday|wednesday|thursday|friday))\b/i,
        /\bi noticed\b/i,
      ],
      reaction:
        "Oh. The numbers on slide 6? I copied them from last quarter's file… I didn't double-check them.",
      tip: 'Start from the situation and what you observed ("In Tuesday\'s deck, slide 6 had last quarter\'s numbers") rather than a judgement.',
    },
    {
      id: 'impact',
      label: 'Impact',
      description: 'Explains what the errors cost: trust, time, the client relationship.',
      signals: [
        /\bimpact/i,
        /\bclient\b[^.]*\b(trust|confus|noticed|asked)/i,
        /\btrust\b/i,
        /\bcredib/i,
        /\bembarrass/i,
        /\bcost\b/i,
        /\bbecause\b/i,
      ],
      reaction: "I didn't realise they noticed. That's embarrassing for the whole team.",
      tip: 'Name the impact plainly (the client questioned the figures; we lost credibility) so the feedback is about outcomes.',
    },
    {
      id: 'invite',
      label: 'Invites their view',
      description: 'Asks for their perspective before deciding what to do.',
      signals: [
        /\bhow do you see\b/i,
        /\bwhat happened\b/i,
        /\byour (view|side|perspective|take)\b/i,
        /\bwhat do you think\b/i,
        /\bhelp me understand\b/i,
        question,
      ],
      reaction: 'Honestly, I was rushing — I had three reviews the same day and the deck was last.',
      tip: 'Ask for their side ("How did you see it?") before you move to solutions.',
    },
    {
      id: 'forward',
      label: 'Forward focus',
      description: 'Agrees on a concrete change for next time.',
      signals: [
        /\bnext time\b/i,
        /\bgoing forward\b/i,
        /\bin future\b/i,
        /\bcould you\b/i,
        /\bwould it help\b/i,
        /\bchecklist\b/i,
        /\breview\b[^.]*\bbefore\b/i,
        /\bsuggest/i,
      ],
      reaction: 'A second pair of eyes before client decks would help. I can set that up with Maya.',
      tip: 'End on one concrete change for next time and how you will support it.',
    },
  ],
  pushback: [
    'Was something wrong? Nobody said anything in the room.',
    "I feel like I'm being criticised for something small.",
    'Okay… so what exactly should I have done differently?',
  ],
  closing: "Thanks — that was hard to hear but useful. I'd rather know.",
};
