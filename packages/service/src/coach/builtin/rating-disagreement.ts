import type { ScriptedScenario } from '../scripted-scenario.js';

export const ratingDisagreement: ScriptedScenario = {
  scenario: {
    id: 'rating-disagreement',
    title: 'Rating disagreement',
    summary: 'An account manager expected "Exceeds" and received "Meets expectations". They want it changed.',
    setting: 'performance-review',
    persona: {
      name: 'Alex Moreno',
      role: 'Account manager',
      description:
        'Hit revenue target, but two key renewals slipped. Upset, feels the rating ignores their effort.',
    },
    objectives: [
      'Acknowledge the disappointment',
      'Explain the rating with criteria and evidence',
      'Hold a clear position without dismissing them',
      'Point to what would earn a higher rating next cycle',
    ],
    locale: 'en',
  },
  opening:
    'I saw my rating. "Meets"? I hit my number this year. I honestly don\'t understand how that\'s fair.',
  criteria: [
    {
      id: 'acknowledge',
      label: 'Acknowledges emotion',
      description: 'Names and accepts the disappointment before explaining.',
      signals: [
        /\bi (understand|hear|can see|get)\b/i,
        /\bdisappoint/i,
        /\bfrustrat/i,
        /\bupset\b/i,
        /\bmakes sense\b/i,
        /\bthat's fair to feel\b/i,
      ],
      reaction: 'Yeah. I am frustrated. I worked really hard this year.',
      tip: 'Acknowledge the feeling first ("I can see you are disappointed"), then explain.',
    },
    {
      id: 'evidence',
      label: 'Criteria and evidence',
      description: 'Explains the rating against the published criteria with concrete evidence.',
      signals: [
        /\bcriteria\b/i,
        /\bcalibrat/i,
        /\bexpectations?\b/i,
        /\brenewal/i,
        /\bevidence\b/i,
        /\bbased on\b/i,
        /\bfor example\b/i,
      ],
      reaction: 'The renewals… right. I thought the revenue number would outweigh that.',
      tip: 'Walk through the rating criteria and the evidence (the number that was hit, the renewals that slipped).',
    },
    {
      id: 'position',
      label: 'Clear position',
      description: 'States that the rating stands, respectfully and without hedging.',
      signals: [
        /\b(rating|decision) (stands|is final|won't change|will not change)\b/i,
        /\bi('m| am) not (going|able) to change\b/i,
        /\bstays\b/i,
        /\bfair rating\b/i,
        /\bi stand by\b/i,
      ],
      reaction: "Okay. I don't love it, but I appreciate you being clear rather than vague.",
      tip: 'Say clearly whether the rating stands; hedging invites a longer dispute.',
    },
    {
      id: 'path',
      label: 'Path forward',
      description: 'Describes what "Exceeds" would look like next cycle and offers support.',
      signals: [
        /\bnext (cycle|year|review)\b/i,
        /\bwhat it would take\b/i,
        /\bgrowth\b/i,
        /\bdevelop/i,
        /\bgoal/i,
        /\bsupport\b/i,
        /\bexceeds\b[^.]*\b(look|mean|take)/i,
      ],
      reaction: 'If we can write down what "Exceeds" looks like for renewals, I can work toward that.',
      tip: 'Finish with what an "Exceeds" would look like next cycle and how you will help.',
    },
  ],
  pushback: [
    'Everyone on the team knows I carried the quarter.',
    'It feels like the rating was decided before we talked.',
    'So is there any point in me pushing for this?',
  ],
  closing: "Alright. I'm still disappointed, but I understand the reasoning and what to aim for.",
};
