/**
 * The built-in scenarios: hard conversations from the performance-review and LMS world.
 * Each has a persona the coach plays, objectives shown in the brief, and a rubric whose criteria
 * carry the signals the scripted engine listens for (and scores, quoting the user's turns).
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

const question = /\?/;

export const SCRIPTED_SCENARIOS: ScriptedScenario[] = [
  {
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
  },
  {
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
  },
  {
    scenario: {
      id: 'rating-disagreement',
      title: 'Rating disagreement',
      summary:
        'An account manager expected "Exceeds" and received "Meets expectations". They want it changed.',
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
  },
  {
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
  },
  {
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
    opening:
      "So. First one-to-one. I'm not sure what you want to cover — things have been running fine here.",
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
  },
];

/** The public scenario (what `GET /v1/scenarios` returns): signals and tips stay server-side. */
export function publicScenario(s: ScriptedScenario): Scenario {
  return {
    ...s.scenario,
    rubric: s.criteria.map(({ id, label, description }) => ({ id, label, description })),
  };
}

export const SCENARIO_IDS = SCRIPTED_SCENARIOS.map((s) => s.scenario.id);

export function findScripted(id: string): ScriptedScenario | undefined {
  return SCRIPTED_SCENARIOS.find((s) => s.scenario.id === id);
}
