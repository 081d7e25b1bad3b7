export { InflowOpenEvent } from './open-event.js';
export { InflowCloseEvent } from './close-event.js';
export { InflowSessionStartEvent } from './session-start-event.js';
export { InflowFirstInteractionEvent } from './first-interaction-event.js';
export { InflowCompleteEvent } from './complete-event.js';
export { InflowErrorEvent } from './error-event.js';
export { InflowScenarioSaveEvent } from './scenario-save-event.js';
