import type { ScriptedScenario } from '../scripted-scenario.js';

export const underperformance: ScriptedScenario = {
  scenario: {
    id: 'underperformance',
    title: 'Chronic underperformance',
    summary: 'Talk with a senior engineer who has missed their commitments for three sprints running.',
    setting: 'performance-review',
    persona: {
      name: 'Sam Patel',
      role: 'Senior software engineer',
      description:
        'Capable and well liked, but has missed the last three sprint commitments. Defensive at first; blames unclear requirements.',
    },
    objectives: [
      'Name the gap with specific, recent examples',
      'Ask what is getting in the way and listen',
      'Explain the impact on the team',
      'Agree a concrete plan with a check-in date',
    ],
    locale: 'en',
  },
  opening:
    'Hi. You wanted to talk about my work? I know things have been a bit slow lately, but the requirements keep changing on us.',
  criteria: [
    {
      id: 'specifics',
      label: 'Specific examples',
      description: 'Names concrete, recent instances instead of generalisations.',
      signals: [
        /\bsprint\b/i,
        /\bdeadline/i,
        /\bmissed\b/i,
        /\blast (week|month|sprint|two|three)\b/i,
        /\bfor example\b/i,
        /\bticket/i,
        /\b\d+\b/,
      ],
      reaction:
        'Okay, yes — the last sprints did slip. The payments ticket took me much longer than I estimated.',
      tip: 'Open with one or two concrete, recent examples (which sprint, which deliverable) so the conversation is about facts, not character.',
    },
    {
      id: 'inquiry',
      label: 'Curiosity and listening',
      description: 'Asks open questions about causes and listens before proposing fixes.',
      signals: [
        /what('s| is)? getting in the way/i,
        /help me understand/i,
        /how do you see/i,
        /\bwhat (do|would|happened|makes)\b[^?]*\?/i,
        /\bhow (are|is|do|can)\b[^?]*\?/i,
        /\bwhy\b[^?]*\?/i,
      ],
      reaction:
        "Honestly? I've been pulled into a lot of support escalations, and I haven't said no to any of them. I didn't want to look unhelpful.",
      tip: 'Ask an open question ("What is getting in the way?") and let the answer land before you suggest anything.',
    },
    {
      id: 'impact',
      label: 'Impact',
      description: 'Explains the effect of the gap on the team, customers or goals.',
      signals: [
        /\bimpact/i,
        /\baffect/i,
        /\bthe team\b/i,
        /\bcustomer/i,
        /\brelease\b/i,
        /\bothers\b/i,
        /\bblock(ed|s|ing)?\b/i,
      ],
      reaction: "I hadn't really thought about the others waiting on my part. That's fair.",
      tip: 'Say what the slips cost (the release, the colleagues waiting on the work) so the need for change is clear.',
    },
    {
      id: 'plan',
      label: 'Agreed plan',
      description: 'Ends with concrete next steps, support and a follow-up date.',
      signals: [
        /\bplan\b/i,
        /\bagree/i,
        /\bcheck[- ]in\b/i,
        /\bfollow[- ]up\b/i,
        /\bnext (week|step|sprint)/i,
        /\bby (monday|tuesday|wednesday|thursday|friday|the end)/i,
        /\bsupport\b/i,
      ],
      reaction:
        'Alright. If I can hand the escalations to the rota and we check in next Friday, I think I can get the next sprint back on track.',
      tip: 'Close with one or two concrete commitments, the support you will give, and a check-in date.',
    },
  ],
  pushback: [
    "I mean, everyone's behind. The specs changed twice this quarter.",
    "I'm not sure what you want me to do differently, to be honest.",
    'So what are you actually asking me to change?',
  ],
  closing: 'Thanks for being straight with me. I know where I stand and what to do next.',
};
